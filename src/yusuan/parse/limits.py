"""Bounds on what a reader may be asked to expand, checked before (or while) it runs.

An Office file is a ZIP of XML parts. A hostile or broken one can declare parts that inflate
to gigabytes (a zip bomb), an XML prolog that defines entities expanding to gigabytes (a
"billion laughs"), or a body too large to be a budget document. ``check_package`` reads only
the ZIP's central directory and the first bytes of each part, and refuses such a file with
an ``InputError`` naming it, before python-docx or calamine see it. Open Packaging
Conventions (ECMA-376 Part 2) do not allow DTD declarations in package XML, so a
``<!DOCTYPE`` is refused outright rather than expanded or parsed.

Every reader's lines pass ``check_lines`` (recognition time grows with them), a PDF's page
count ``check_pages``. Running a reader under a wall-clock and memory limit, for callers (the
web upload) that must survive whatever it does with a file, is ``intake.guard``.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import TypeVar

from yusuan.model.errors import InputError
from yusuan.parse.lines import Line

MAX_MEMBERS = 10_000  # parts in one package; a budget DOCX/XLSX has some dozens
MAX_PART_BYTES = 64 * 1024 * 1024  # one part, inflated
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # all parts, inflated
MAX_RATIO = 1000  # inflated ÷ compressed, for a part of more than RATIO_FLOOR bytes
RATIO_FLOOR = 8 * 1024 * 1024
MAX_LINES = 20_000  # printed lines (text lines, sheet rows, paragraphs); a budget has ~1,000
MAX_LINE_CHARS = 100_000  # one line or paragraph; a long one in a budget has some thousands
MAX_PAGES = 2_000  # PDF pages
MAX_PDF_STREAM = 128 * 1024 * 1024  # one PDF stream, inflated (a scanned page is ~25 MB)
_STREAM = re.compile(rb"stream\r?\n")
PROLOG_BYTES = 64 * 1024  # where a DOCTYPE would have to stand (before the root element)
_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")
_DECLARATIONS = tuple(d.encode(enc) for d in ("<!DOCTYPE", "<!ENTITY") for enc in _ENCODINGS)
_NOT_XML = (".htm", ".html", ".mht", ".mhtml", ".txt")  # altChunk parts: never parsed as XML
_ROOT = re.compile(rb"<[A-Za-z_]")  # the first start tag (not <? or <!)

T = TypeVar("T")


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def check_package(path: Path, kind: str) -> None:
    """Refuse a DOCX/XLSX (``kind`` names it in messages) whose parts would expand beyond the
    limits above, or whose XML declares a DTD or entities."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise InputError(f"{kind} 文件包含 {len(infos):,} 个部件，超过上限 "
                                 f"{MAX_MEMBERS:,}，不像一份预算公开文件", file=name)
            total = 0
            for info in infos:
                _check_member(info, name, kind)
                total += info.file_size
                if total > MAX_TOTAL_BYTES:
                    raise InputError(f"{kind} 文件解压后超过 {_mib(MAX_TOTAL_BYTES)}，"
                                     "不像一份预算公开文件，已拒绝（可能是“压缩炸弹”）", file=name)
            for info in infos:
                if not info.is_dir() and not info.filename.lower().endswith(_NOT_XML):
                    _check_prolog(z, info, name, kind)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError, zlib.error) as exc:
        raise InputError(f"{kind} 文件已损坏或不完整，无法读取（{type(exc).__name__}）",
                         file=name) from None


def _check_member(info: zipfile.ZipInfo, name: str, kind: str) -> None:
    if info.file_size > MAX_PART_BYTES:
        raise InputError(f"{kind} 文件的部件 {info.filename} 解压后有 {_mib(info.file_size)}，"
                         f"超过上限 {_mib(MAX_PART_BYTES)}，已拒绝", file=name)
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(f"{kind} 文件的部件 {info.filename} 压缩比异常（"
                         f"{info.compress_size:,} 字节解压为 {info.file_size:,} 字节），"
                         "可能是“压缩炸弹”，已拒绝", file=name)


def _check_prolog(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, kind: str) -> None:
    """No DOCTYPE or ENTITY before the root element of a part that is XML (whatever its
    name: the package's relationships may point anywhere)."""
    with z.open(info) as fh:
        head = fh.read(256)
        if b"<" not in head:
            return  # not XML (an image, a binary part)
        head += fh.read(PROLOG_BYTES - len(head))
    root = _ROOT.search(head)
    if root is None and len(head) >= PROLOG_BYTES and head.lstrip()[:1] == b"<":
        raise InputError(f"{kind} 文件的部件 {info.filename} 在根元素前有超过 "
                         f"{PROLOG_BYTES // 1024} KB 的内容，已拒绝", file=name)
    prolog = head[:root.start()] if root else head
    if any(d in prolog for d in _DECLARATIONS):
        raise InputError(f"{kind} 文件的部件 {info.filename} 含有 DTD/实体声明（<!DOCTYPE），"
                         "Office 文件不应有，可能是“实体炸弹”，已拒绝", file=name)


def check_lines(lines: tuple[Line, ...], file: str) -> tuple[Line, ...]:
    """``lines`` if there are not more than ``MAX_LINES`` of them (recognition time grows
    with the lines; a file of many more is no budget document), else an ``InputError``."""
    if len(lines) > MAX_LINES:
        raise InputError(f"文件有 {len(lines):,} 行内容，超过上限 {MAX_LINES:,}，"
                         "不像一份预算公开文件（是否把多份文件合成了一份？）", file=file)
    for line in lines:
        size = sum(len(c.text) for c in line.cells)
        if size > MAX_LINE_CHARS:
            raise InputError(f"这一行有 {size:,} 个字符，超过上限 {MAX_LINE_CHARS:,}，"
                             "不像预算公开文件中的一段文字", file=file, page=line.page,
                             line=line.line)
    return lines


def check_pages(count: int, file: str) -> None:
    if count > MAX_PAGES:
        raise InputError(f"PDF 有 {count:,} 页，超过上限 {MAX_PAGES:,}，不像一份预算公开文件",
                         file=file)


def check_pdf_streams(path: Path) -> None:
    """Refuse a PDF with a Flate stream inflating past ``MAX_PDF_STREAM`` (a PDF bomb), before
    PDFium inflates it: each stream is inflated here in bounded steps and dropped."""
    data = path.read_bytes()
    for m in _STREAM.finditer(data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        if end - m.end() < 1024:  # too small to inflate past the bound in one page's worth
            continue
        inflater = zlib.decompressobj()
        chunk, total = data[m.end():end], 0
        try:
            while chunk and total <= MAX_PDF_STREAM:
                total += len(inflater.decompress(chunk, 16 * 1024 * 1024))
                chunk = inflater.unconsumed_tail
        except zlib.error:
            continue  # not Flate, or damaged: PDFium decides
        if total > MAX_PDF_STREAM:
            raise InputError(f"PDF 中有一个数据流解压后超过 {_mib(MAX_PDF_STREAM)}（压缩炸弹），"
                             "拒绝读取", file=str(path))


def count_tags(data: bytes, tag: bytes) -> int:
    """How many start tags ``<tag>``/``<tag …>`` (any namespace prefix) ``data`` holds."""
    return len(re.findall(rb"<(?:\w+:)?" + re.escape(tag) + rb"[\s>/]", data))


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 where /proc is not there)."""
    import os

    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
