"""DOCX reader (python-docx): paragraphs and tables, in document order → lines → ``assemble``.

Where it sits: one of the ``parse`` readers (``dispatch.parse_file`` picks it for a ZIP with
``word/``). The body is walked once, in order: a paragraph becomes one ``Line`` (its tab
stops split it into cells, as ``编制部门：…⇥单位：万元`` is written), so Part 1, the Part 3
sentences and the glossary reach ``part1.py``/``narrative.py``/``glossary.py`` whole. A table
row becomes one ``Line`` whose cells sit on the table's grid columns: a ``gridSpan`` cell
spans its columns, a ``vMerge`` continuation is the merged cell above and prints nothing, so
header labels stand over their columns as in a PDF and ``tables.py`` locates them the same
way. Headers, footers and field codes (page numbers, the TOC instruction) are not content.

``Line.line`` counts the body's paragraphs and table rows from 1; DOCX has no pages.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from yusuan.model.errors import InputError
from yusuan.model.finding import Finding
from yusuan.parse.limits import check_lines, check_package, count_tags
from yusuan.parse.lines import Cell, Line

MAX_BLOCKS = 100_000  # paragraphs + table cells; a budget document has some thousands


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


class _Tags:
    def __init__(self) -> None:
        self.p, self.tbl, self.tr, self.tc = (_qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc"))
        self.t, self.tab = _qn("w:t"), _qn("w:tab")
        self.r = _qn("w:r")
        self.sdt, self.content = _qn("w:sdt"), _qn("w:sdtContent")
        self.ins, self.smart = _qn("w:ins"), _qn("w:smartTag")
        self.tcpr, self.span, self.vmerge = _qn("w:tcPr"), _qn("w:gridSpan"), _qn("w:vMerge")
        self.trpr, self.before = _qn("w:trPr"), _qn("w:gridBefore")
        self.val = _qn("w:val")


def paragraph_text(p: Any, tags: _Tags) -> str:
    """The visible text of a ``w:p``: runs (also inside hyperlinks, insertions, content
    controls), tabs as ``\\t``; field instructions and deleted text are not visible, and a
    line break joins (Chinese text runs on without a space)."""
    out: list[str] = []
    for el in p.iter(tags.t, tags.tab):
        if el.tag == tags.t:
            out.append(el.text or "")
        elif el.getparent() is not None and el.getparent().tag == tags.r:
            out.append("\t")  # a tab character (w:tab in w:tabs is a tab stop, not text)
    return "".join(out)


def _children(el: Any, tag: str, tags: _Tags) -> Iterator[Any]:
    """Direct children with ``tag``, looking through content controls and smart tags."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (tags.sdt, tags.smart, tags.ins):
            inner = child.find(tags.content) if child.tag == tags.sdt else child
            if inner is not None:
                yield from _children(inner, tag, tags)


def _int(el: Any, tags: _Tags, default: int) -> int:
    try:
        return int(el.get(tags.val)) if el is not None and el.get(tags.val) else default
    except ValueError:
        return default


def table_rows(tbl: Any, tags: _Tags) -> Iterator[list[tuple[str, int, int]]]:
    """Each row's cells as (text, first grid column, last grid column); ``vMerge``
    continuations (the lower parts of a vertically merged cell) are left out."""
    for tr in _children(tbl, tags.tr, tags):
        col = 0
        trpr = tr.find(tags.trpr)
        if trpr is not None:
            col = _int(trpr.find(tags.before), tags, 0)
        cells: list[tuple[str, int, int]] = []
        for tc in _children(tr, tags.tc, tags):
            tcpr = tc.find(tags.tcpr)
            span = _int(tcpr.find(tags.span), tags, 1) if tcpr is not None else 1
            vmerge = tcpr.find(tags.vmerge) if tcpr is not None else None
            continued = vmerge is not None and vmerge.get(tags.val) in (None, "continue")
            if not continued:
                text = "".join(paragraph_text(p, tags) for p in _children(tc, tags.p, tags))
                cells.append((text.replace("\t", " ").strip(), col, col + max(span, 1) - 1))
            col += max(span, 1)
        yield cells


def body_lines(body: Any) -> tuple[Line, ...]:
    """Paragraphs and table rows of a ``w:body`` in document order."""
    tags = _Tags()
    out: list[Line] = []
    n = paragraph = 0
    for el in _blocks(body, tags):
        if el.tag == tags.p:
            n += 1
            paragraph += 1
            text = paragraph_text(el, tags)
            parts = [t.strip() for t in text.split("\t")] if "\t" in text else [text.strip()]
            cells = tuple(Cell(t, float(i), i + 0.9, float(n)) for i, t in enumerate(parts) if t)
            if cells:
                out.append(Line(cells=cells, line=n, top=float(n), height=0.5,
                                paragraph=paragraph))
            continue
        for row in table_rows(el, tags):
            n += 1
            cells = tuple(Cell(t, float(a), b + 0.9, float(n)) for t, a, b in row if t)
            if cells:
                out.append(Line(cells=cells, line=n, top=float(n), height=0.5))
    return tuple(out)


def _blocks(body: Any, tags: _Tags) -> Iterator[Any]:
    for child in body:
        if child.tag in (tags.p, tags.tbl):
            yield child
        elif child.tag == tags.sdt:
            inner = child.find(tags.content)
            if inner is not None:
                yield from _blocks(inner, tags)


def docx_lines(path: Path) -> tuple[Line, ...]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = str(path)
    check_package(path, "DOCX")
    _check_body_size(path)
    try:
        document = docx.Document(name)
        body = document.element.body
    except ValueError as exc:  # a template (.dotx) or macro-enabled (.docm) main part
        if "content type" not in str(exc):
            raise _damaged(name, exc) from None
        return check_lines(body_lines(_main_body(path)), name)
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, KeyError,
            OSError, TypeError, AttributeError, IndexError) as exc:
        raise _damaged(name, exc) from None  # python-docx meets a broken package so
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a damaged part
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise _damaged(name, exc) from None
        raise
    if body is None:
        raise InputError("DOCX 文件中没有正文（word/document.xml 无 w:body）", file=name)
    return check_lines(body_lines(body), name)


def _damaged(name: str, exc: Exception) -> InputError:
    return InputError(f"DOCX 文件已损坏或不完整，无法读取（{type(exc).__name__}）", file=name)


def _check_body_size(path: Path) -> None:
    """Refuse a body of more paragraphs and table cells than any budget document has
    (``MAX_BLOCKS``), before python-docx builds a tree of them."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return  # python-docx says what is wrong with the package
    blocks = count_tags(xml, b"p") + count_tags(xml, b"tc")
    if blocks > MAX_BLOCKS:
        raise InputError(f"DOCX 正文有 {blocks:,} 个段落和表格单元格，超过上限 {MAX_BLOCKS:,}，"
                         "不像一份预算公开文件，已拒绝", file=str(path))


def _main_body(path: Path) -> Any:
    """``w:body`` of ``word/document.xml`` read directly (python-docx refuses the content
    types of templates and macro-enabled documents, whose body is the same)."""
    import zipfile

    from docx.oxml import parse_xml
    from lxml.etree import XMLSyntaxError

    try:
        with zipfile.ZipFile(path) as z:
            root = parse_xml(z.read("word/document.xml"))
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError,
            XMLSyntaxError) as exc:
        raise _damaged(str(path), exc) from None
    body = root.find(_qn("w:body"))
    if body is None:
        raise InputError("DOCX 文件中没有正文（word/document.xml 无 w:body）", file=str(path))
    return body


def read_lines(path: Path, profile: str | None = None) -> tuple[
        tuple[Line, ...], list[Finding], str | None]:
    return docx_lines(path), [], profile
