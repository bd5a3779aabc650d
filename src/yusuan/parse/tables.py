"""Table recognition shared by all readers: a block of ``Line``s → a ``Table``.

Where it sits: ``blocks.find_blocks`` found the title, unit and lines of each table; here the
lines are split into header (first lines without figures; repeated on continuation pages),
body rows (codes, labels, amounts) and wrapped label fragments (label-only lines much closer
to a row than the row pitch are glued to that row). Amounts go to the column located from
the header (``columns.py``). Two-sided tables (收入 | 支出) are split into one row per side.
Any reader that yields lines of positioned cells (text, PDF, XLSX, DOCX) reuses this.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from yusuan.model.disclosure import Column, Origin, Row, Table, label
from yusuan.model.finding import Finding, Location, Severity
from yusuan.model.kinds import RowKind
from yusuan.model.money import AmountError, Unit
from yusuan.model.profiles import TableLayout
from yusuan.parse import columns as cols
from yusuan.parse.blocks import Block
from yusuan.parse.body_rows import BodyRow, centred_above, is_numbering, label_then_figures
from yusuan.parse.lines import Cell, Line, to_amount
from yusuan.parse.procurement import procurement
from yusuan.parse.row_labels import codes_left_of, fixed_key
from yusuan.parse.split_codes import LENGTHS, Joined, code_slots, join_code, lead_digits
from yusuan.reference.numerals import strip_numbering

TOTAL_LABELS = ("总计", "合计", "收入总计", "支出总计", "收入合计", "支出合计")
_LABEL_CODE = re.compile(r"^(\d{3}|\d{5}|\d{7})(?=\D)")
FRAGMENT_GAP = 0.7  # a label-only line nearer than this share of the row pitch is a fragment


PLACEHOLDERS = ("-", "—", "--", "——", "/", "－", "一")


def _without_placeholders(line: Line) -> Line:
    """Dashes printed in empty cells are blanks, not labels (``一`` only when alone in a cell
    right of a figure, where it is a dash typed with the wrong key)."""
    keep = tuple(c for i, c in enumerate(line.cells)
                 if c.label not in PLACEHOLDERS[:-1]
                 and not (c.label == "一" and any(d.is_number for d in line.cells[:i])))
    return line if len(keep) == len(line.cells) else replace(line, cells=keep)


def _header_like(line: Line, layout: TableLayout) -> bool:
    """Two or more cells, each a printed column label of the table: a header line."""
    leaves = {label(c.leaf) for c in layout.all_columns}
    return len(line.cells) >= 2 and sum(c.label in leaves for c in line.cells) >= 2


def _has_codes(layout: TableLayout) -> bool:
    return layout.rows in ("functional", "economic", "projects", "functional-codes")


def _split(line: Line, coded: bool, rows: str = "", slots: list[float] | None = None) -> BodyRow:
    row = BodyRow(line)
    cells = [Cell(c.text, c.x0, c.x1, line.top, c.words) for c in line.cells]
    if coded and (lead := lead_digits(cells)):
        after = cells[len(lead)] if len(lead) < len(cells) else None
        named = after is not None and not after.is_number
        # before a name or a figure with decimals, a bare integer is no amount: a code piece
        joined = join_code(lead, slots or [], rows, named or (after is not None
                                                              and "." in after.label))
        if joined is None and named and len(lead[0].label) not in LENGTHS:
            joined = Joined(None, len(lead), " ".join(c.label for c in lead))
        if joined is not None and joined.code is not None:
            row.codes = [Cell(joined.code, lead[0].x0, lead[joined.used - 1].x1, line.top)]
        elif joined is not None and named:
            row.bad_code = joined.printed
        if joined is not None and (row.codes or row.bad_code):
            cells = cells[joined.used:]
    for i, c in enumerate(cells):
        if not coded and c.is_code_like and len(c.label) == 3 and i + 1 < len(cells) \
                and not cells[i + 1].is_number:
            row.texts.append(c)  # ``201`` printed in its own cell before 一般公共服务支出
        elif c.is_number and (row.texts or row.codes or not coded or c.label.count(".") == 1
                              or "," in c.label):
            row.amounts.append(c)
        else:
            row.texts.append(c)
    if row.codes and not (row.texts or row.amounts):
        row.amounts = [c for c in row.codes if c.is_number]
        row.codes = []
    return row


def _pitch(rows: list[BodyRow], fragments: list[Line]) -> float:
    """The distance between two rows: the smallest gap between rows that no wrapped fragment
    touches (a row whose label wraps is pulled towards the row before it to centre its
    lines, so the gaps next to a fragment do not say the pitch); all gaps when every row is
    touched."""
    touched = {id(r) for f in fragments for r in _around(f, rows) if r is not None}
    gaps = [(b.line.top - a.line.top, id(a) in touched or id(b) in touched)
            for a, b in itertools.pairwise(rows)
            if b.line.page == a.line.page and b.line.top > a.line.top]
    clean = [g for g, near in gaps if not near]
    return min(clean or [g for g, _ in gaps], default=float("inf"))


def _around(frag: Line, rows: list[BodyRow]) -> tuple[BodyRow | None, BodyRow | None]:
    """The rows just above and just below a fragment on its page."""
    above = max((r for r in rows if r.line.page == frag.page and r.line.top <= frag.top),
                key=lambda r: r.line.top, default=None)
    below = min((r for r in rows if r.line.page == frag.page and r.line.top > frag.top),
                key=lambda r: r.line.top, default=None)
    return above, below


def _owner(frag: Line, rows: list[BodyRow], pitch: float) -> BodyRow | None:
    """The row a wrapped label fragment belongs to: the nearest row within reach; when the rows
    just above and just below are both within reach, the one displaced towards the fragment
    from the usual pitch (a wrapped cell is centred over its lines, pushing its row's first
    line away from the row before it)."""
    near = sorted((r for r in rows if r.line.page == frag.page), key=lambda r: r.line.top)

    def reach(r: BodyRow) -> bool:
        return abs(r.line.top - frag.top) < min(FRAGMENT_GAP * pitch,
                                                1.6 * max(frag.height, r.line.height))

    i = next((n for n, r in enumerate(near) if r.line.top > frag.top), len(near))
    above, below = (near[i - 1] if i else None), (near[i] if i < len(near) else None)
    if above is not None and below is not None and reach(above) and reach(below):
        pushed_up = pitch - (above.line.top - near[i - 2].line.top) if i > 1 else 0.0
        pushed_down = pitch - (near[i + 1].line.top - below.line.top) \
            if i + 1 < len(near) else 0.0
        if abs(pushed_up - pushed_down) > 0.25 * frag.height:
            return above if pushed_up > pushed_down else below
    best = min(near, key=lambda r: abs(r.line.top - frag.top), default=None)
    return best if best is not None and reach(best) else None


def _glue(rows: list[BodyRow], fragments: list[Line], pitch: float) -> list[Line]:
    """Attach wrapped label fragments to their row (``_owner``); return the lines that are
    rows."""
    standalone: list[Line] = []
    for frag in fragments:
        best = _owner(frag, rows, pitch)
        if best is None:
            standalone.append(frag)
            continue
        for cell in frag.cells:
            reach = 2 * frag.height if frag.height > 1 else 0.0  # same left edge: same cell
            over = [t for t in best.texts if min(t.x1, cell.x1) - max(t.x0, cell.x0) > 0
                    or abs(t.x0 - cell.x0) < reach]
            if over:
                t = over[0]
                parts = sorted([(t.top, t.text), (frag.top, cell.text)])
                merged = Cell("".join(p for _, p in parts), min(t.x0, cell.x0),
                              max(t.x1, cell.x1), min(t.top, frag.top))
                best.texts[best.texts.index(t)] = merged
            else:
                best.texts.append(Cell(cell.text, cell.x0, cell.x1, frag.top))
                best.texts.sort(key=lambda c: c.x0)
    return standalone




def _kind(name: str, code: str | None, project: str | None) -> RowKind:
    if label(name) in TOTAL_LABELS:
        return "total"
    if project:
        return "project"
    if code:
        return "class" if len(code) == 3 else "item"
    return "item"


@dataclass
class _Reader:
    block: Block
    file: str | None
    findings: list[Finding] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # fixed-row keys of two-sided rows read
    unit_name: str | None = None  # the unit a project row is under, across pages

    def origin(self, line: Line) -> Origin:
        return Origin(file=self.file, page=line.page, line=line.line)

    def read(self, default_unit: Unit) -> Table:
        layout = self.block.layout
        coded = _has_codes(layout)
        header_labels: set[str] = set()
        segments: list[tuple[list[Line], list[BodyRow], list[Line]]] = []
        page: object = object()
        slots: list[float] = []
        for line in self.block.lines:
            line = _without_placeholders(line)
            if not line.cells:
                continue
            if not segments or line.page != page:
                segments.append(([], [], []))
                page = line.page
            seg_header, seg_rows, seg_labels = segments[-1]
            if is_numbering(line) and (not seg_rows or any(c.label in ("※", "栏次")
                                                            for c in line.cells)):
                continue  # column numbers 1 2 3 … under the header
            row = _split(line, coded, layout.rows, slots)
            is_row = bool(row.amounts or row.codes or row.bad_code) or line.label in TOTAL_LABELS
            repeated = bool(header_labels) and all(c.label in header_labels for c in line.cells) \
                and (not seg_rows or len(line.cells) > 1)  # a lone 务支出 may be a wrapped name
            if repeated and seg_rows and not is_row and _header_like(line, layout):
                segments.append(([], [], []))  # the header printed again: it may be reordered
                seg_header, seg_rows, seg_labels = segments[-1]
            if not is_row and not seg_rows and (len(segments) == 1 or repeated
                                                or _header_like(line, layout)):
                seg_header.append(line)
                header_labels.update(c.label for c in line.cells)
                slots = code_slots(layout, seg_header) or slots
            elif is_row:
                seg_rows.append(row)
            elif not repeated:
                seg_labels.append(line)
        rows: list[Row] = []
        located: list[cols.Located] = []
        stubs: list[cols.Located] = []
        project: str | None = None
        for seg_header, seg_rows, seg_labels in segments:
            if centred_above(seg_header, seg_rows, seg_labels, layout):
                seg_labels.insert(0, seg_header.pop())
            if seg_header:
                found = cols.locate(layout.all_columns, tuple(seg_header))
                if found:
                    located = found
                stubs = cols.locate(tuple(Column(key=str(i), path=p)
                                          for i, p in enumerate(layout.stub)),
                                    tuple(seg_header)) or stubs
            banded = layout.rows == "procurement" and stubs
            # procurement cells are joined by row bands there, not glued by distance here
            standalone = seg_labels if banded else _glue(
                seg_rows, seg_labels, _pitch(seg_rows, seg_labels))
            body = sorted(seg_rows + [BodyRow(s, texts=list(s.cells)) for s in standalone],
                          key=lambda r: (r.line.page or 0, r.line.top, r.line.line or 0))
            if banded:
                body, project = procurement(body, stubs, project)
            elif layout.rows != "single":
                body = label_then_figures(body)
            rows.extend(self.rows(body, located))
        if not located and rows:
            self.findings.append(self.finding("parse.header-unrecognised", "warning",
                                              "未能识别表头，金额按列的先后顺序归入各列"))
        unit = self.block.unit or default_unit
        first = self.block.lines[0] if self.block.lines else None
        return Table(id=layout.id, title=label(self.block.title), unit=unit,
                     columns=layout.all_columns, rows=tuple(rows), number=self.block.number,
                     department=self.block.department, empty_statement=self.block.statement,
                     origin=self.origin(first) if first else None)

    def finding(self, rule: str, severity: Severity, message: str,
                line: Line | None = None) -> Finding:
        return Finding(rule_id=rule, severity=severity, category="parse", message=message,
                       location=Location(file=self.file, page=line.page if line else None,
                                         table=self.block.layout.id))

    def rows(self, body: list[BodyRow], located: list[cols.Located]) -> list[Row]:
        layout = self.block.layout
        if located and _has_codes(layout):
            codes_left_of(body, min(loc.x0 for loc in located))
        amounts = [c for r in body for c in r.amounts]
        mapping = cols.assign(amounts, located, layout.all_columns)
        found = cols.bands(amounts)
        if not mapping:
            mapping = dict(zip(found, layout.all_columns, strict=False))
        if len(found) > len(mapping):
            first = body[0].line if body else None
            self.findings.append(self.finding(
                "parse.columns-mismatch", "warning",
                f"表中有 {len(found)} 列金额，表头只对应上 {len(mapping)} 列"
                f"（表头有 {len(layout.all_columns)} 列）；多出的金额未读取", first))
        if layout.layout == "two-sided":
            return self.two_sided(body, mapping, located)
        out: list[Row] = []
        for r in body:
            values = self.values(r, mapping)
            code = "".join(c.label for c in r.codes) or None
            if r.bad_code:
                self.findings.append(self.finding(
                    "parse.code-invalid", "warning",
                    f"“{r.bad_code} {''.join(t.text for t in r.texts)}”：编码“{r.bad_code}”"
                    "不是有效的科目编码（类 3 位、款和项各 2 位），此行不按编码归类", r.line))
            texts = [t.text for t in r.texts]
            if layout.rows in ("fixed", "single") and len(texts) > 1:
                texts = texts[-1:]  # a group label printed beside its items (收入预算总表)
            name = texts[0] if texts else ""
            if code is None and name:
                m = _LABEL_CODE.match(label(name))
                if m and _has_codes(layout):
                    code, name = m.group(1), label(name)[len(m.group(1)):]
            project = "".join(texts[1:]) or None if len(texts) > 1 else None
            if layout.rows == "projects" and code is None and label(name) not in TOTAL_LABELS:
                self.unit_name = label(name)
                out.append(Row(name=label(name), values=values, unit=self.unit_name, kind="unit",
                               origin=self.origin(r.line)))
                continue
            kind = _kind(name, code, project)
            if layout.rows == "single" and not name and values:
                kind = "total"  # the one row of figures (“三公” by columns, 江苏 支出总表)
            key = "total" if kind == "total" else self.fixed_key(layout, name)
            out.append(Row(name=label(name), values=values, code=code, key=key,
                           unit=self.unit_name if layout.rows == "projects" and kind != "total"
                           else None,
                           project=label(project) if project else None, kind=kind,
                           origin=self.origin(r.line)))
        return out

    @staticmethod
    def fixed_key(layout: TableLayout, name: str) -> str | None:
        return fixed_key(layout.fixed_rows, name)

    def values(self, r: BodyRow, mapping: dict[tuple[float, float], Column]) -> dict[
            str, Decimal | None]:
        values: dict[str, Decimal | None] = {}
        for cell in r.amounts:
            col = cols.band_of(cell, mapping)
            if col is None:
                self.findings.append(self.finding(
                    "parse.amount-without-column", "warning",
                    f"金额“{cell.text}”无法归入任何列", r.line))
                continue
            values[col.key] = self.amount(cell, r.line)
        return values

    def amount(self, cell: Cell, line: Line) -> Decimal | None:
        """A figure cell's amount; one out of range is blank, with an error finding."""
        try:
            return to_amount(cell.text)
        except AmountError as exc:
            self.findings.append(self.finding("parse.amount-invalid", "error", str(exc), line))
            return None

    def two_sided(self, body: list[BodyRow], mapping: dict[tuple[float, float], Column],
                  located: list[cols.Located]) -> list[Row]:
        layout = self.block.layout
        sides = layout.sides
        # the x where each side's labels start: after the previous side's last amount column
        firsts: list[float] = []
        for side in sides:
            xs = [loc.x0 for loc in located if loc.column.section == side.section
                  and loc.column in side.columns]
            firsts.append(min(xs) if xs else float("inf"))
        out: list[Row] = []
        taken = self.taken  # across the pages of a table
        for r in body:
            per_side: list[tuple[list[Cell], dict[str, Decimal | None]]] = [
                ([], {}) for _ in sides]
            for cell in r.texts + r.codes:
                idx = next((i for i, x in enumerate(firsts) if cell.center < x), len(sides) - 1)
                per_side[idx][0].append(cell)
            for cell in r.amounts:
                col = cols.band_of(cell, mapping)
                if col is None:
                    continue
                idx = next(i for i, s in enumerate(sides) if col in s.columns)
                per_side[idx][1][col.key] = self.amount(cell, r.line)
            # a label printed over two sides (支出合计) goes to the side that has the figure
            for i, (texts, values) in enumerate(per_side):
                if texts and not values:
                    for j, (texts2, values2) in enumerate(per_side):
                        if j != i and values2 and not texts2 and abs(j - i) == 1:
                            per_side[j] = (texts, values2)
                            per_side[i] = ([], {})
                            break
            for side, (texts, values) in zip(sides, per_side, strict=True):
                if not texts and not values:
                    continue
                name = "".join(t.text for t in sorted(texts, key=lambda t: (t.top, t.x0)))
                code = None
                m = _LABEL_CODE.match(label(name))
                if m:
                    code, name = m.group(1), label(name)[len(m.group(1)):]
                if code is None and side.labels == "enumerated" and side.class_code(name):
                    code, name = side.class_code(name), strip_numbering(label(name))
                is_total = label(name) in TOTAL_LABELS or label(name) == label(side.total.label)
                key = side.total.key if is_total else fixed_key(side.fixed_rows, name, taken)
                taken.update((key,) if key else ())
                kind: RowKind = "total" if is_total else ("class" if code else "item")
                out.append(Row(name=label(name), values=values, code=code, key=key,
                               section=side.section, kind=kind, origin=self.origin(r.line)))
        return out


def read_table(block: Block, file: str | None, default_unit: Unit) -> tuple[Table, list[Finding]]:
    """One recognised block as a ``Table`` in the profile's canonical columns."""
    reader = _Reader(block, file)
    table = reader.read(default_unit)
    if block.unit is None:
        reader.findings.append(reader.finding(
            "parse.unit-missing", "warning",
            f"未找到金额单位（单位：万元/元），按{default_unit.value}处理"))
    return table, reader.findings
