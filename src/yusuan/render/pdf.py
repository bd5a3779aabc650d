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

from yusuan.model.dates import build_time
from yusuan.model.disclosure import Disclosure
from yusuan.render.frame import frame_of
from yusuan.render.frame import print_css as frame_print_css
from yusuan.render.html import HtmlOptions, render_html
from yusuan.render.weasy import PrintJob, font_config, html_to_pdf, warm_up

__all__ = ["PdfOptions", "html_to_pdf", "print_css", "print_html", "print_job", "render_pdf",
           "warm_up"]


_font_config = font_config  # the name benchmarks/corpus_gen.py knows it by


@dataclass(frozen=True)
class PdfOptions:
    extra_css: str = ""  # appended after print.css
    draft: str = ""  # the 草稿 note while errors remain (first page, and a mark on every page)


@cache
def print_css() -> str:
    return (resources.files("yusuan.render") / "templates" / "print.css").read_text("utf-8")


def print_html(disclosure: Disclosure, options: PdfOptions | None = None) -> str:
    """The HTML that WeasyPrint lays out: the document with the print CSS added."""
    options = options or PdfOptions()
    css = print_css() + frame_print_css(frame_of(disclosure)) + options.extra_css
    return render_html(disclosure, HtmlOptions(extra_css=css, draft=options.draft)).decode("utf-8")


def print_job(disclosure: Disclosure, options: PdfOptions | None = None) -> PrintJob:
    """What WeasyPrint is given for the document's PDF (the HTML written here; the layout
    may be done in another process: ``yusuan.build``)."""
    options = options or PdfOptions()
    return PrintJob(print_html(disclosure, options), title=disclosure.title,
                    author=disclosure.department, created=build_time().isoformat(),
                    draft=options.draft)


def render_pdf(disclosure: Disclosure, options: PdfOptions | None = None) -> bytes:
    return print_job(disclosure, options)()
