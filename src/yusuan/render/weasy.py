"""WeasyPrint itself: an HTML page laid out as PDF with the document's metadata, and what a
process does to be ready for it. Imports no other yusuan module (and WeasyPrint only when
used), so that the PDF's process (``yusuan.background.Worker``) gets ready by loading
WeasyPrint and the fonts alone, while the HTML is written in the process that has the
templates loaded anyway (``render.pdf`` builds the ``PrintJob``).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

# Pseudo-elements of WeasyPrint's user-agent stylesheet that exist only for footnotes and
# notes (``float: footnote``/``note``), which our documents never make.
NOTE_PSEUDO_ELEMENTS = ("footnote-call", "footnote-marker", "note-call", "note-marker",
                        "note-callback")


@cache
def font_config() -> FontConfiguration:
    """One font configuration per process (WeasyPrint builds one per document otherwise)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def lean_user_agent_css(stock: str) -> str:
    """WeasyPrint's HTML user-agent stylesheet (``stock``) without what our documents never
    use but every element pays for: the rules of the footnote and note pseudo-elements and a
    ``::marker`` for every element (markers exist only on list items, and only ``li`` is
    one here). Written with universal selectors, those rules give each element six
    pseudo-element styles to cascade and compute (an eighth of a 2,500-cell document's
    PDF time) that nothing ever reads: the PDF comes out the same, byte for byte. A stock
    stylesheet whose rules read otherwise is returned as it is, unchanged where nothing
    matches."""
    names = "|".join(map(re.escape, NOTE_PSEUDO_ELEMENTS))
    lean = re.sub(rf"^::(?:{names}) \{{[^}}]*\}}\n", "", stock, flags=re.M)
    return re.sub(r"^::marker \{", "li::marker {", lean, flags=re.M)


@cache
def _user_agent_sheets() -> tuple[CSS, ...]:
    """The lean user-agent stylesheet, parsed once per process (in ``warm_up``)."""
    from weasyprint import CSS
    from weasyprint.html import UA, UA_COUNTER_STYLE

    return (CSS(string=lean_user_agent_css(UA), counter_style=UA_COUNTER_STYLE.copy()),)


@cache
def document_html() -> type[HTML]:
    """``weasyprint.HTML`` for our documents: their print HTML laid out with the lean
    user-agent stylesheet (``lean_user_agent_css``). Where a WeasyPrint version has no such
    stylesheet to replace, this is the stock class's behaviour."""
    import weasyprint

    class DocumentHTML(weasyprint.HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
            if forms:  # a form-field document: WeasyPrint's own sheets
                return list(super()._ua_stylesheets(forms))
            return list(_user_agent_sheets())

    try:
        _user_agent_sheets()
    except ImportError:  # the stock stylesheet is no longer where it was
        return weasyprint.HTML
    return DocumentHTML


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while WeasyPrint works: laying out a document
    makes a million small objects, and the collector, set off again and again by them,
    would go through them all each time (a third of the PDF's time on a 30-page document)
    to find almost nothing. Objects freed by reference counting go as before; cycles wait
    for the next collection after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@dataclass(frozen=True)
class PrintJob:
    """An HTML page to lay out as PDF, with the document's metadata: all a process needs
    to make the PDF (it pickles)."""

    html: str
    title: str = ""
    author: str = ""
    created: str = ""  # ISO 8601, also the modification time
    draft: str = ""  # the 草稿 note: keywords and description of a draft

    def __call__(self) -> bytes:
        with no_cycle_collection():
            document = document_html()(string=self.html).render(font_config=font_config())
            document.metadata.title = self.title
            document.metadata.authors = [self.author]
            document.metadata.created = document.metadata.modified = self.created
            document.metadata.lang = "zh-CN"
            if self.draft:
                document.metadata.keywords = ["草稿"]
                document.metadata.description = self.draft
            data = document.write_pdf()
        assert data is not None
        return bytes(data)


def warm_up() -> None:
    """WeasyPrint imported and the fonts the documents use loaded (a line in each), in a
    process that lays a document out soon: what the first document would otherwise wait
    for."""
    lines = "".join(f'<p style="font-family: {family}; font-weight: {weight}">预算 1,234.56</p>'
                    for family in ("Noto Serif CJK SC", "Noto Sans CJK SC")
                    for weight in ("normal", "bold"))
    with no_cycle_collection():
        document_html()(string=lines).render(font_config=font_config())


def html_to_pdf(html: str) -> bytes:
    """Any HTML page as PDF, with the same fonts and no metadata."""
    import weasyprint

    with no_cycle_collection():
        data = weasyprint.HTML(string=html).write_pdf(font_config=font_config())
    assert data is not None
    return bytes(data)
