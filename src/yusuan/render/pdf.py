"""``Disclosure`` → PDF: the HTML document laid out by WeasyPrint with ``print.css`` added.

The last step of ``yusuan build`` for the printed document. Everything about the page (A4,
landscape pages for wide tables, running title, page numbers, outline, TOC page numbers)
is CSS in ``templates/print.css``; this module only joins the HTML and hands it over, so the
PDF costs little more than WeasyPrint itself. Fonts are the system's Noto CJK (fonts-noto-cjk),
embedded as subsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from yusuan.model.dates import build_time
from yusuan.model.disclosure import Disclosure
from yusuan.render.frame import frame_of
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


def print_html(disclosure: Disclosure, options: PdfOptions | None = None) -> str:
    """The HTML that WeasyPrint lays out: the document with the print CSS added."""
    options = options or PdfOptions()
    css = print_css() + frame_print_css(frame_of(disclosure)) + options.extra_css
    return render_html(disclosure, HtmlOptions(extra_css=css, draft=options.draft)).decode("utf-8")


def render_pdf(disclosure: Disclosure, options: PdfOptions | None = None) -> bytes:
    import weasyprint

    html = print_html(disclosure, options)
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

    data = weasyprint.HTML(string=html).write_pdf(font_config=_font_config())
    assert data is not None
    return bytes(data)
