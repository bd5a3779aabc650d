"""The one registry of output formats: name → file name and the function that writes it.

``yusuan build`` writes the formats asked for, ``yusuan parse`` its JSON or CSV, the portal
its downloads: all choose the writer here by the format's name. A writer's module is imported
when first used, so that a command needing only CSV does not load WeasyPrint.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from yusuan.model.disclosure import Disclosure


@dataclass(frozen=True)
class Format:
    name: str
    file_name: str  # the file ``yusuan build`` writes it to
    module: str  # the writer: ``module.function``
    function: str
    options: str | None = None  # the writer's options class in ``module`` (it has ``draft``)
    prepare: str | None = None  # what makes a process ready to write it soon (``prepare``)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("html", "disclosure.html", "yusuan.render.html", "render_html", "HtmlOptions"),
    Format("pdf", "disclosure.pdf", "yusuan.render.pdf", "render_pdf", "PdfOptions", "warm_up"),
    Format("docx", "disclosure.docx", "yusuan.render.docx", "render_docx", "DocxOptions"),
    Format("xlsx", "disclosure.xlsx", "yusuan.render.xlsx", "render_xlsx", "XlsxOptions"),
    Format("csv", "cells.csv", "yusuan.render.export", "render_cells_csv"),
    Format("json", "disclosure.json", "yusuan.render.export", "render_json"),
)}


def writer(name: str, draft: str = "") -> Callable[[Disclosure], bytes]:
    """The writer of the format ``name``; an unknown name is a ``ValueError``. With ``draft``
    (the 草稿 note of a document whose checks found errors) the documents carry that mark."""
    if name not in FORMATS:
        raise ValueError(f"未知的输出格式“{name}”，可用：{'、'.join(FORMATS)}")
    found = FORMATS[name]
    module = importlib.import_module(found.module)
    write: Callable[..., bytes] = getattr(module, found.function)
    if draft and found.options is not None:
        return partial(write, options=getattr(module, found.options)(draft=draft))
    return write


def prepare(name: str) -> None:
    """Get this process ready to write the format ``name`` soon: its module imported, and
    what its first document would load first (WeasyPrint and the fonts for the PDF)."""
    found = FORMATS[name]
    module = importlib.import_module(found.module)
    if found.prepare is not None:
        getattr(module, found.prepare)()
