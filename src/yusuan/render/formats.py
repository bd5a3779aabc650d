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
    # the format as a job for another process: ``job`` in ``module`` gives a callable that
    # pickles and makes the file (the heavy part: the PDF's layout); ``prepare``
    # (``module:function``) makes a process ready for it without yusuan's templates
    job: str | None = None
    prepare: str | None = None


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("html", "disclosure.html", "yusuan.render.html", "render_html", "HtmlOptions"),
    Format("pdf", "disclosure.pdf", "yusuan.render.pdf", "render_pdf", "PdfOptions",
           "print_job", "yusuan.render.weasy:warm_up"),
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
    """Get this process ready to make the format ``name``'s job soon (``job``): what its
    first document would load first (WeasyPrint and the fonts for the PDF)."""
    found = FORMATS[name]
    if found.prepare is not None:
        module, _, function = found.prepare.partition(":")
        getattr(importlib.import_module(module), function)()


def job(name: str, disclosure: Disclosure, draft: str = "") -> Callable[[], bytes]:
    """The file of format ``name`` as a callable that pickles, to be made in another
    process: the format's ``job`` (the PDF's HTML written here, laid out there), else its
    writer with the document."""
    found = FORMATS[name]
    if found.job is None:
        return partial(writer(name, draft), disclosure)
    module = importlib.import_module(found.module)
    options = getattr(module, found.options)(draft=draft) if found.options else None
    made: Callable[[], bytes] = getattr(module, found.job)(disclosure, options)
    return made
