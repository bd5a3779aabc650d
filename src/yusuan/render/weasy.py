"""WeasyPrint itself: an HTML page laid out as PDF with the document's metadata, and what a
process does to be ready for it. Imports no other yusuan module (and WeasyPrint only when
used), so that the PDF's process (``yusuan.background.Worker``) gets ready by loading
WeasyPrint and the fonts alone, while the HTML is written in the process that has the
templates loaded anyway (``render.pdf`` builds the ``PrintJob``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration


@cache
def font_config() -> FontConfiguration:
    """One font configuration per process (WeasyPrint builds one per document otherwise)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


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
        import weasyprint

        with no_cycle_collection():
            document = weasyprint.HTML(string=self.html).render(font_config=font_config())
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
    import weasyprint

    lines = "".join(f'<p style="font-family: {family}; font-weight: {weight}">预算 1,234.56</p>'
                    for family in ("Noto Serif CJK SC", "Noto Sans CJK SC")
                    for weight in ("normal", "bold"))
    with no_cycle_collection():
        weasyprint.HTML(string=lines).render(font_config=font_config())


def html_to_pdf(html: str) -> bytes:
    """Any HTML page as PDF, with the same fonts and no metadata."""
    import weasyprint

    with no_cycle_collection():
        data = weasyprint.HTML(string=html).write_pdf(font_config=font_config())
    assert data is not None
    return bytes(data)
