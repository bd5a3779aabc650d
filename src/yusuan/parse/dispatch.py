"""Choose the reader by content type, and merge several files into one disclosure.

Where it sits: the entry of ``parse`` (``yusuan parse``, ``ingest``, the web upload). The
content decides, not the file name: ``%PDF`` → PDF, a ZIP with ``word/`` or ``xl/`` → DOCX or
XLSX, readable text → the text reader; an OLE container (a password-protected Office file,
or an old .xls/.doc) and anything else is an ``InputError``.
"""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.model.finding import Finding, Location

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, .doc, encrypted OOXML
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted file holds


def content_type(path: Path) -> str:
    try:
        head = path.read_bytes()[:4096]
    except FileNotFoundError:
        raise InputError("文件不存在", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("这是文件夹，不是文件", file=str(path)) from None
    if not head.strip():
        raise InputError("文件是空的", file=str(path))
    if head.lstrip().startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK"):
        import zipfile

        try:
            names = zipfile.ZipFile(path).namelist()
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
            raise InputError("ZIP/Office 文件已损坏，无法读取", file=str(path)) from None
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        raise InputError("不支持的 ZIP 文件（既不是 DOCX 也不是 XLSX）", file=str(path))
    if head.startswith(OLE_MAGIC):
        if ENCRYPTED_PACKAGE in path.read_bytes():
            raise InputError("文件已加密（受密码保护的 Office 文件），需要密码才能读取；"
                             "请提供未加密的文件", file=str(path))
        raise InputError("旧版 Office 格式（.xls/.doc）暂不支持，请另存为 .xlsx 或 .docx",
                         file=str(path))
    if b"\x00" in head:
        raise InputError("不支持的文件类型：应为 PDF、文本、DOCX 或 XLSX", file=str(path))
    return "text"


def parse_file(path: Path | str, profile: str | None = None) -> tuple[Disclosure, list[Finding]]:
    """One published file → (Disclosure, findings); unusable input raises ``InputError``."""
    path = Path(path)
    kind = content_type(path)
    try:
        reader = importlib.import_module(f"yusuan.parse.{kind}")
    except ModuleNotFoundError:
        raise InputError(f"暂不支持读取 {kind.upper()} 文件", file=str(path)) from None
    result: tuple[Disclosure, list[Finding]] = reader.parse(path, profile)
    return result


def parse_files(paths: list[Path] | list[str],
                profile: str | None = None) -> tuple[Disclosure, list[Finding]]:
    """Several files of one disclosure: tables, narrative and performance tables merged.

    The first file that has a table gives department, year and profile; later files add the
    tables, sections and performance tables the earlier ones lack. Files that contain no
    table at all (a narrative-only PDF) still contribute their Part 1 and Part 3.
    """
    results: list[tuple[Disclosure, list[Finding]]] = []
    narrative_only: list[Path] = []
    for p in paths:
        try:
            results.append(parse_file(p, profile))
        except InputError as exc:
            if len(paths) > 1 and "未找到" in exc.message:
                narrative_only.append(Path(p))
                continue
            raise
    if not results:
        raise InputError("这些文件中都没有找到部门预算公开表", file=", ".join(map(str, paths)))
    merged, findings = results[0]
    for other, more in results[1:]:
        merged = merge(merged, other)
        findings = findings + more
    for p in narrative_only:
        extra = _narrative_of(p, merged)
        merged = merge(merged, extra)
        findings.append(Finding("parse.narrative-only", "info", "parse",
                                "此文件没有表格，只读取了文字说明", Location(file=str(p))))
    return merged, findings


def _narrative_of(path: Path, base: Disclosure) -> Disclosure:
    from yusuan.parse.glossary import read_glossary
    from yusuan.parse.narrative import read_narrative
    from yusuan.parse.part1 import read_overview
    from yusuan.parse.pdf import pdf_lines
    from yusuan.parse.performance import read_performance
    from yusuan.parse.text import read_text, text_lines

    kind = content_type(path)
    if kind == "docx":
        from yusuan.parse.docx import docx_lines

        lines = docx_lines(path)
    else:
        lines = pdf_lines(path)[0] if kind == "pdf" else text_lines(read_text(path))
    overall, projects = read_performance(lines, base.department, base.year)
    return dataclasses.replace(base, tables=(), overview=read_overview(lines, base.department),
                               narrative=read_narrative(lines, list(base.tables)),
                               glossary=read_glossary(lines), overall_performance=overall,
                               project_performance=projects)


def merge(a: Disclosure, b: Disclosure) -> Disclosure:
    have = {t.id for t in a.tables}
    sections = {s.key for s in a.narrative}
    overview = a.overview if (a.overview.units or a.overview.staffing.actual is not None) \
        else b.overview
    return dataclasses.replace(
        a, tables=a.tables + tuple(t for t in b.tables if t.id not in have),
        narrative=a.narrative + tuple(s for s in b.narrative
                                      if s.key is None or s.key not in sections),
        overall_performance=a.overall_performance + b.overall_performance,
        project_performance=a.project_performance + b.project_performance,
        glossary=a.glossary or b.glossary, overview=overview)
