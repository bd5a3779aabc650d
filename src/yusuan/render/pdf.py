"""``Disclosure`` → PDF: the HTML document laid out by WeasyPrint with ``print.css`` added.

The last step of ``yusuan build`` for the printed document. Everything about the page (A4,
landscape pages for wide tables, running title, page numbers, outline, TOC page numbers)
is CSS in ``templates/print.css``; this module only joins the HTML and hands it over, so the
PDF costs little more than WeasyPrint itself. Fonts are the system's Noto CJK (fonts-noto-cjk),
embedded as subsets.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from yusuan.model.dates import build_time
from yusuan.model.disclosure import Disclosure
from yusuan.render.frame import load_frame
from yusuan.render.frame import print_css as frame_print_css
from yusuan.render.html import HtmlOptions, render_html

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration


@dataclass(frozen=True)
class PdfOptions:
    extra_css: str = ""  # appended after print.css
    draft: str = ""  # the 草稿 note while errors remain (first page, and a mark on every page)


@cache
def print_css() -> str:
    return (resources.files("yusuan.render") / "templates" / "print.css").read_text("utf-8")


@cache
def _font_config() -> FontConfiguration:
    """One font configuration per process (WeasyPrint builds one per document otherwise)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
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


def print_html(disclosure: Disclosure, options: PdfOptions | None = None) -> str:
    """The HTML that WeasyPrint lays out: the document with the print CSS added."""
    options = options or PdfOptions()
    css = print_css() + frame_print_css(load_frame(disclosure.profile)) + options.extra_css
    return render_html(disclosure, HtmlOptions(extra_css=css, draft=options.draft)).decode("utf-8")


def warm_up() -> None:
    """WeasyPrint imported and the fonts the documents use loaded (a line in each), in a
    process that lays a document out soon (``yusuan.background.Worker``): what the first
    document would otherwise wait for."""
    import weasyprint

    lines = "".join(f'<p style="font-family: {family}; font-weight: {weight}">预算 1,234.56</p>'
                    for family in ("Noto Serif CJK SC", "Noto Sans CJK SC")
                    for weight in ("normal", "bold"))
    with _no_cycle_collection():
        weasyprint.HTML(string=lines).render(font_config=_font_config())


def render_pdf(disclosure: Disclosure, options: PdfOptions | None = None) -> bytes:
    import weasyprint

    html = print_html(disclosure, options)
    with _no_cycle_collection():
        document = weasyprint.HTML(string=html).render(font_config=_font_config())
        document.metadata.title = disclosure.title
        document.metadata.authors = [disclosure.department]
        document.metadata.created = document.metadata.modified = build_time().isoformat()
        document.metadata.lang = "zh-CN"
        if options and options.draft:
            document.metadata.keywords = ["草稿"]
            document.metadata.description = options.draft
        data = document.write_pdf()
    assert data is not None
    return bytes(data)


def html_to_pdf(html: str) -> bytes:
    """Any yusuan HTML page (a report, a summary) as PDF, with the same fonts."""
    import weasyprint

    with _no_cycle_collection():
        data = weasyprint.HTML(string=html).write_pdf(font_config=_font_config())
    assert data is not None
    return bytes(data)
