"""XLSX reader (python-calamine): each worksheet's rows → positioned lines → ``assemble``.

Where it sits: one of the ``parse`` readers (``dispatch.parse_file`` picks it for a ZIP with
``xl/``). Every sheet becomes ``Line``s, one per non-blank row, the sheets one after another
(``Line.page`` is the sheet's position, ``Line.line`` the row number, ``Line.sheet`` its
name). A merged cell keeps its text once, at its top-left, with the x-range of all the
columns it spans, so header labels sit over their columns as in a PDF. Tables are then
recognised by their titles and header shapes (``blocks.py``/``tables.py``), never by sheet
name; only a sheet named like a table number (``表5``) lends that number to its table.

Cell values cross into the model here, once: a number cell is an IEEE double, taken exactly
as the shortest decimal that round-trips (``Decimal(repr(x))``) and printed at two decimals,
as budget sheets show amounts (``#,##0.00``); a double with more decimals is rounded half-up
to the cent (an info finding says so). An integral number left of a row's label is a
classification code typed as a number (``201``, ``01``), read back as text.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from yusuan.model.errors import InputError
from yusuan.model.finding import Finding, Location
from yusuan.model.money import MAX_YUAN
from yusuan.model.profiles import UnknownProfileError, load_profile
from yusuan.parse.blocks import detect_profile, find_blocks, is_number_marker
from yusuan.parse.limits import MAX_LINES, check_lines, check_package
from yusuan.parse.lines import Cell, Line, column_name

CENT = Decimal("0.01")
CODE_DIGITS = (3, 5, 7)
MAX_CORE_XML = 65536
_REL = re.compile(r"<(?:\w+:)?Relationship\b([^>]*)>")
_SHEET = re.compile(r"<(?:\w+:)?sheet\b([^>]*)>")
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')
_CELL_OR_ROW = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*?)(/?)>")
# any length: a reference past the sheet's limits (F99999…9) must count as far, not as none
_REF = re.compile(rb'\br="([A-Z]*)(\d*)"')
MAX_CELLS = 2_000_000  # a sheet spanning more is not a budget table (and would fill memory)
MAX_MERGES = 100_000  # merged ranges in one sheet
_DC_TITLE = re.compile(r"<dc:title>([^<]*)</dc:title>")
NOT_WORDS = ("-", "—", "--", "——", "/", "－", "※", "*", "栏次")  # dashes, column-number marks
Span = tuple[int, int, int, int]  # first row, first column, last row, last column


@dataclass
class _Sheet:
    name: str
    number: int
    file: str = ""
    rounded: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)

    def findings(self) -> list[Finding]:
        """One info finding per sheet for the amounts rounded to the cent."""
        if not self.rounded:
            return []
        where, exact, printed = self.rounded[0]
        return [Finding("parse.amount-rounded", "info", "parse",
                        f"工作表“{self.name}”有 {len(self.rounded)} 个金额超过两位小数"
                        f"（如 {where} 单元格的 {exact}），按显示四舍五入到分（{printed}）",
                        Location(file=self.file, page=self.number))]


def amount_text(value: float, sheet: _Sheet | None = None, where: str = "") -> str:
    """A number cell as the amount it prints: exact shortest decimal, half-up to the cent."""
    exact = Decimal(repr(value))
    if not exact.is_finite() or abs(exact) > MAX_YUAN:
        return repr(value)  # no amount (inf, 1e+300): a word in an amount column, reported
    printed = exact.quantize(CENT, rounding=ROUND_HALF_UP)
    if printed != exact and sheet is not None:
        sheet.rounded.append((where, exact, printed))
    return format(printed, "f")


def _code_text(value: float, previous: Sequence[str]) -> str:
    """An integral number typed in a code column: ``201``; 款/项 after a 类 as two digits."""
    text = str(int(value))
    if previous and len(text) < 2:
        text = text.zfill(2)
    return text


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time() else \
            value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value).strip()


def row_texts(row: Sequence[object], sheet: _Sheet, r: int) -> list[str]:
    """One worksheet row as printed strings ('' for a blank cell)."""
    numbers = [v for v in row if isinstance(v, (int, float)) and not isinstance(v, bool)]
    words = {_text(v) for v in row if isinstance(v, str) and v.strip()}
    if len(numbers) >= 2 and words <= set(NOT_WORDS) and all(
            float(v).is_integer() for v in numbers) and [int(v) for v in numbers] == list(
            range(int(numbers[0]), int(numbers[0]) + len(numbers))):
        return [str(int(v)) if isinstance(v, (int, float)) and not isinstance(v, bool)
                else _text(v) if v is not None else "" for v in row]  # column numbers 1 2 3 …
    out: list[str] = []
    label_at = next((c for c, v in enumerate(row)
                     if isinstance(v, str) and v.strip()), len(row))
    codes: list[str] = []
    for c, v in enumerate(row):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            out.append(_text(v) if v is not None else "")
            continue
        if c < label_at and float(v).is_integer() and abs(v) < 10 ** 7:
            text = _code_text(float(v), codes)
            codes.append(text)
            out.append(text)
        else:
            out.append(amount_text(float(v), sheet, f"{column_name(c)}{r + 1}"))
    return out


def sheet_lines(rows: Sequence[Sequence[object]], merged: Sequence[Span], sheet: _Sheet,
                origin: tuple[int, int] = (0, 0)) -> list[Line]:
    """The non-blank rows of one sheet as lines; merged cells span their columns."""
    r0, c0 = origin
    spans: dict[tuple[int, int], int] = {}
    covered: set[tuple[int, int]] = set()
    last_row, last_col = r0 + len(rows) - 1, c0 + max((len(r) for r in rows), default=0) - 1
    area = 0  # merged ranges do not overlap: together they cover at most the sheet
    for top, left, bottom, right in merged:  # only where there are cells: A1:XFD1048576 …
        bottom, right = min(bottom, last_row), min(right, max(last_col, left))
        area += max(bottom - top + 1, 0) * (right - left + 1)
        if area > MAX_CELLS:
            break  # overlapping ranges, made to exhaust the reader
        spans[(top, left)] = right
        covered.update((r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)
                       if (r, c) != (top, left))
    out: list[Line] = []
    for i, row in enumerate(rows):
        r = r0 + i
        texts = row_texts(row, sheet, r)
        cells: list[Cell] = []
        for j, text in enumerate(texts):
            c = c0 + j
            if not text or (r, c) in covered:
                continue
            cells.append(Cell(text, float(c), spans.get((r, c), c) + 0.9, float(r)))
        if cells:
            out.append(Line(cells=tuple(cells), page=sheet.number, line=r + 1, top=float(r),
                            height=0.5, sheet=sheet.name))
    if out and is_number_marker(Line((Cell(sheet.name, 0, 0),))) and not any(
            is_number_marker(line) for line in out[:3]):
        marker = Line((Cell(sheet.name, 0.0, 0.9, -1.0),), page=sheet.number, line=None,
                      top=-1.0, height=0.5, sheet=sheet.name)
        out.insert(0, marker)  # the sheet named 表5 numbers the table on it
    return out


def document_title(path: Path) -> str | None:
    """The title in the package's core properties (``docProps/core.xml``), if any."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z, z.open("docProps/core.xml") as fh:
            xml = fh.read(MAX_CORE_XML).decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile, zlib.error, EOFError):
        return None
    m = _DC_TITLE.search(xml)
    return html.unescape(m.group(1)).strip() or None if m else None


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def sheet_extents(path: Path) -> dict[str, tuple[int, int, int]]:
    """Sheet name → (last row, last column, merged ranges) of its cells, from the XML.

    calamine loads a sheet as one dense range from A1 to its last cell, allocated in native
    code: a single value typed at XFD1048576 would abort the process. The extent is read
    first (a regular-expression pass over the sheet part, cheap next to the parse) so such a
    sheet can be skipped instead. Cells written without a reference (``<c>`` without ``r``)
    follow the previous one, so they are counted along their row.
    """
    import posixpath
    import zipfile

    out: dict[str, tuple[int, int, int]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            targets = {a.get("Id"): a.get("Target", "")
                       for a in (dict(_ATTR.findall(m.group(1))) for m in _REL.finditer(rels))}
            for m in _SHEET.finditer(book):
                attrs = dict(_ATTR.findall(m.group(1)))
                rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
                target = targets.get(rid)
                if not target or "name" not in attrs:
                    continue
                part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join("xl", target))
                out[html.unescape(attrs["name"])] = _extent(z.read(part))
    except (KeyError, OSError, zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        return out  # calamine will say what is wrong with the package
    return out


def _extent(xml: bytes) -> tuple[int, int, int]:
    rows = cols = row = col = 0
    for m in _CELL_OR_ROW.finditer(xml):
        ref = _REF.search(m.group(2))
        if m.group(1) == b"row":
            row, col = (int(ref.group(2)) if ref and ref.group(2) else row + 1), 0
            continue
        if ref and ref.group(1):
            col = _column_number(ref.group(1).decode())
        else:
            col += 1
        if not m.group(3):  # a formatted cell without a value (``<c …/>``) holds nothing
            rows = max(rows, int(ref.group(2)) if ref and ref.group(2) else row)
            cols = max(cols, col)
    return rows, cols, xml.count(b"<mergeCell ") + xml.count(b":mergeCell ")


def _calamine_failed(exc: BaseException, pc: Any) -> bool:
    """An error of calamine's own reading (also a Rust panic, which pyo3 raises as a
    ``BaseException``), as opposed to an interrupt or a bug elsewhere."""
    return isinstance(exc, (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError,
                            OverflowError)) or type(exc).__name__ == "PanicException"


def xlsx_lines(path: Path) -> tuple[tuple[Line, ...], list[Finding]]:
    """All sheets' lines in workbook order, with the findings made reading the cells.

    The workbook's title property (``…2024年部门预算公开``), when set, comes first as a line
    of its own: the sheets of a budget workbook often print no year anywhere else.
    """
    import python_calamine as pc

    name = str(path)
    check_package(path, "XLSX")
    try:
        book = pc.CalamineWorkbook.from_path(name)
    except pc.PasswordError:
        raise InputError("XLSX 文件已加密，需要密码才能读取；请提供未加密的文件",
                         file=name) from None
    except BaseException as exc:  # calamine's errors, and a panic in its native code
        if not _calamine_failed(exc, pc):
            raise
        raise InputError(f"XLSX 文件已损坏或不完整，无法读取（{type(exc).__name__}）",
                         file=name) from None
    lines: list[Line] = []
    title = document_title(path)
    if title:
        lines.append(Line((Cell(title, 0.0, 0.9, -2.0),), top=-2.0, height=0.5))
    findings: list[Finding] = []
    extents = sheet_extents(path)
    for n, meta in enumerate(book.sheets_metadata, 1):
        sheet_name = meta.name
        sheet = _Sheet(sheet_name, n, file=name)
        if meta.typ != pc.SheetTypeEnum.WorkSheet:
            continue  # a chart sheet holds no cells
        if meta.visible != pc.SheetVisibleEnum.Visible:
            findings.append(Finding("parse.sheet-hidden", "info", "parse",
                                    f"工作表“{sheet_name}”是隐藏的，未读取",
                                    Location(file=name, page=n)))
            continue
        rows_cols = extents.get(sheet_name)
        if rows_cols and (rows_cols[0] * rows_cols[1] > MAX_CELLS or rows_cols[0] > MAX_LINES
                          or rows_cols[2] > MAX_MERGES):
            findings.append(Finding(
                "parse.sheet-too-large", "warning", "parse",
                f"工作表“{sheet_name}”的范围过大（{rows_cols[0]} 行 × {rows_cols[1]} 列，"
                f"{rows_cols[2]} 个合并区域），不像一张预算公开表，已跳过",
                Location(file=name, page=n)))
            continue
        try:
            data = book.get_sheet_by_index(n - 1)
            rows = data.to_python(skip_empty_area=False)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (data.merged_cell_ranges or [])]
        except BaseException as exc:
            if not _calamine_failed(exc, pc):
                raise
            findings.append(Finding("parse.sheet-unreadable", "warning", "parse",
                                    f"工作表“{sheet_name}”无法读取（{type(exc).__name__}），已跳过",
                                    Location(file=name, page=n)))
            continue
        lines.extend(sheet_lines(rows, merged, sheet))
        findings.extend(sheet.findings())
    skipped = [f for f in findings if f.rule_id == "parse.sheet-too-large"]
    if skipped and not any(line.sheet for line in lines):
        raise InputError(skipped[0].message, file=name, page=skipped[0].location.page)
    return check_lines(tuple(lines), name), findings


def without_stray_text(lines: tuple[Line, ...], file: str, profile_id: str | None) -> tuple[
        tuple[Line, ...], list[Finding], str | None]:
    """Drop text typed into an amount column of a budget table, with a warning each; also
    the profile found (so that ``assemble`` need not detect it again).

    Within each recognised table, a column is an amount column when some row has a figure in
    it; a word there (``待定``, ``1,491.86元``) in a row that has figures is not an amount.
    It is read as a blank cell (never as 0, never as part of the row's name).
    """

    try:
        profile = load_profile(profile_id) if profile_id else detect_profile(lines)
    except UnknownProfileError:
        return lines, [], profile_id  # ``assemble`` reports it
    if profile is None:
        return lines, [], None
    replaced: dict[int, Line] = {}
    findings: list[Finding] = []
    for block in find_blocks(lines, profile):
        amount_columns = {c.x0 for line in block.lines for c in line.cells
                          if c.is_number and c.x1 - c.x0 < 1}
        for line in block.lines:
            if not any(c.is_number for c in line.cells):
                continue
            first = next((i for i, c in enumerate(line.cells)
                          if not c.is_number and not c.is_code_like), len(line.cells))
            keep: list[Cell] = []
            for i, c in enumerate(line.cells):
                if i > first and not c.is_number and c.x1 - c.x0 < 1 \
                        and c.x0 in amount_columns and c.label not in NOT_WORDS:
                    where = f"{column_name(int(c.x0))}{line.line}"
                    findings.append(Finding(
                        "parse.amount-not-a-number", "warning", "parse",
                        f"工作表“{line.sheet}”{where} 单元格“{c.text}”不是金额，按空白处理",
                        Location(file=file, page=line.page, table=block.layout.id)))
                    continue
                keep.append(c)
            if len(keep) < len(line.cells):
                replaced[id(line)] = Line(tuple(keep), page=line.page, line=line.line,
                                          top=line.top, height=line.height, sheet=line.sheet)
    if replaced:
        lines = tuple(replaced.get(id(line), line) for line in lines)
    return lines, findings, profile.id


def read_lines(path: Path, profile: str | None = None) -> tuple[
        tuple[Line, ...], list[Finding], str | None]:
    """The workbook's lines without stray text in amount columns, the findings made reading
    them, and the profile found."""
    lines, findings = xlsx_lines(path)
    lines, stray, found = without_stray_text(lines, str(path), profile)
    return lines, findings + stray, found
