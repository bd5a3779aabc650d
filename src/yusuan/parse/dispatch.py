"""What a file is (by content), the line reader of each published format, and merging the
parts of one disclosure.

Where it sits: the entry of ``parse``; ``yusuan.intake`` (check, parse, ingest, the web
upload) sniffs each input once with ``sniff`` and reads it with ``read_part``. The content
decides, not the file name: ``%PDF`` → PDF, a ZIP with ``word/`` or ``xl/`` → DOCX or XLSX,
text starting with ``{`` (or named ``.json``) → Disclosure JSON, other text → the text
reader, a folder with ``budget.yaml`` → a source folder; an OLE container (a
password-protected Office file, or an old .xls/.doc), a program, an image or anything else
is an ``InputError``.

A part with no budget table (the narrative PDF of a split publication) is read once: its
lines are kept, and ``merge_parts`` reads its Part 1, Part 3 and glossary against the tables
of the other parts.
"""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.model.finding import Finding, Location
from yusuan.parse import docx, pdf, text, xlsx
from yusuan.parse.cover import read_cover
from yusuan.parse.document import NoTablesError, assemble, heading_facts
from yusuan.parse.glossary import read_glossary
from yusuan.parse.lines import Line
from yusuan.parse.narrative import read_narrative
from yusuan.parse.part1 import read_overview
from yusuan.parse.performance import read_performance
from yusuan.parse.projects import with_projects

Kind = Literal["pdf", "docx", "xlsx", "text", "json", "source"]
PUBLISHED: tuple[Kind, ...] = ("pdf", "docx", "xlsx", "text")
LineReader = Callable[[Path, str | None], tuple[tuple[Line, ...], list[Finding], str | None]]
LINE_READERS: dict[Kind, LineReader] = {
    "pdf": pdf.read_lines, "docx": docx.read_lines, "xlsx": xlsx.read_lines,
    "text": text.read_lines,
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, .doc, encrypted OOXML
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted file holds
OTHER_MAGIC = {  # common files that are certainly not a disclosure, named in the message
    b"MZ": "程序文件", b"\x7fELF": "程序文件", b"\x89PNG": "图片", b"\xff\xd8\xff": "图片",
    b"GIF8": "图片", b"Rar!": "RAR 压缩包", b"7z\xbc\xaf": "7z 压缩包", b"\x1f\x8b": "gzip 压缩包",
}
SUPPORTED = "PDF、DOCX、XLSX、文本（TXT）、Disclosure JSON 或源文件夹"


def _unsupported(path: Path, what: str) -> InputError:
    suffix = f"“{path.suffix}”" if path.suffix else ""
    return InputError(f"不支持的文件类型{suffix}（{what}），可用：{SUPPORTED}", file=str(path))


def sniff(path: Path) -> Kind:
    """The kind of one input, from its first bytes (a ZIP: from its member names)."""
    if path.is_dir():
        if (path / "budget.yaml").is_file():
            return "source"
        raise InputError("这是文件夹，不是文件（源文件夹应含 budget.yaml）", file=str(path))
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except FileNotFoundError:
        raise InputError("文件不存在", file=str(path)) from None
    if not head.strip():
        raise InputError("文件是空的", file=str(path))
    if head.lstrip().startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
            raise InputError("ZIP/Office 文件已损坏，无法读取", file=str(path)) from None
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        raise _unsupported(path, "ZIP 文件，既不是 DOCX 也不是 XLSX")
    if head.startswith(OLE_MAGIC):
        if ENCRYPTED_PACKAGE in path.read_bytes():
            raise InputError("文件已加密（受密码保护的 Office 文件），需要密码才能读取；"
                             "请提供未加密的文件", file=str(path))
        raise InputError("旧版 Office 格式（.xls/.doc）暂不支持，请另存为 .xlsx 或 .docx",
                         file=str(path))
    for magic, what in OTHER_MAGIC.items():
        if head.startswith(magic):
            raise _unsupported(path, what)
    if b"\x00" in head:
        raise _unsupported(path, "二进制文件")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") or path.suffix.lower() == ".json":
        return "json"  # text: JSON by its first character, or by its name (then its errors
        # are a JSON reader's, not "no budget table")
    return "text"


@dataclass(frozen=True)
class Part:
    """One file read: its disclosure, or (no budget table in it) the lines of its text."""

    file: str
    disclosure: Disclosure | None
    findings: tuple[Finding, ...] = ()
    lines: tuple[Line, ...] = ()  # kept only when there is no table
    department: str = ""  # as printed in a file without tables
    year: int | None = None
    why_no_tables: str = ""  # the message of the ``NoTablesError``

    def table_ids(self) -> frozenset[str]:
        return frozenset(t.id for t in self.disclosure.tables) if self.disclosure else frozenset()

    def alone(self) -> tuple[Disclosure, list[Finding]]:
        """This part as a whole disclosure; a file without tables is an ``InputError``."""
        if self.disclosure is None:
            raise NoTablesError(self.why_no_tables, file=self.file)
        return self.disclosure, list(self.findings)


def read_part(path: Path, kind: Kind, profile: str | None = None) -> Part:
    """One published file, read once by the line reader of its kind."""
    if kind not in LINE_READERS:
        raise InputError(f"这不是公开文件（{kind}），可用：PDF、DOCX、XLSX、文本",
                         file=str(path))
    lines, findings, profile = LINE_READERS[kind](path, profile)
    try:
        disclosure, more = assemble(lines, str(path), profile)
    except NoTablesError as exc:
        department, year = heading_facts(lines)
        return Part(str(path), None, tuple(findings), lines, department, year, exc.message)
    return Part(str(path), disclosure, tuple(findings + more))


def parse_file(path: Path | str, profile: str | None = None) -> tuple[Disclosure, list[Finding]]:
    """One published file → (Disclosure, findings); unusable input raises ``InputError``."""
    path = Path(path)
    return read_part(path, sniff(path), profile).alone()


def parse_files(paths: Sequence[Path | str],
                profile: str | None = None) -> tuple[Disclosure, list[Finding]]:
    """Several files of one disclosure (e.g. a narrative PDF and a tables PDF) merged."""
    return merge_parts([read_part(Path(p), sniff(Path(p)), profile) for p in paths])


def merge_parts(parts: Sequence[Part]) -> tuple[Disclosure, list[Finding]]:
    """Parts of one disclosure: tables, narrative and performance tables merged.

    The first part that has a table gives department, year and profile; later parts add the
    tables, sections and performance tables the earlier ones lack. Parts that contain no
    table at all (a narrative-only PDF) still contribute their Part 1, Part 3 and glossary.
    """
    with_tables = [p for p in parts if p.disclosure is not None]
    if not with_tables:
        if len(parts) == 1:
            parts[0].alone()
        raise InputError("这些文件中都没有找到部门预算公开表",
                         file=", ".join(p.file for p in parts))
    merged, findings = with_tables[0].alone()
    for other in with_tables[1:]:
        merged = merge(merged, other.alone()[0])
        findings += other.findings
    for p in parts:
        if p.disclosure is None:
            merged = merge(merged, _narrative_of(p.lines, merged))
            findings += p.findings
            findings.append(Finding("parse.narrative-only", "info", "parse",
                                    "此文件没有表格，只读取了文字说明", Location(file=p.file)))
    return merged, findings


def _narrative_of(lines: tuple[Line, ...], base: Disclosure) -> Disclosure:
    overall, projects = read_performance(lines, base.department, base.year)
    return dataclasses.replace(base, tables=(), overview=read_overview(lines, base.department),
                               narrative=read_narrative(lines, list(base.tables))
                               + with_projects(lines),
                               glossary=read_glossary(lines), overall_performance=overall,
                               project_performance=projects, cover=read_cover(lines))


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
        glossary=a.glossary or b.glossary, overview=overview,
        cover=a.cover if a.cover is not None else b.cover)
