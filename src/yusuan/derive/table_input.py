"""Tables given at table level (``tables.yaml``) → ``Table`` objects laid out by the profile.

Rows are matched to the profile: fixed rows by printed label or key, classification rows by
code, columns by canonical key or printed header. Fixed rows and the 类 rows of two-sided
tables appear in profile order whether or not they carry amounts, as the published tables
print them.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from yusuan.derive.fields import Fields
from yusuan.derive.located_yaml import LList, LMap
from yusuan.model.codes import Code
from yusuan.model.disclosure import Column, Origin, Row, Table, label
from yusuan.model.errors import InputError
from yusuan.model.kinds import RowKind
from yusuan.model.money import Unit
from yusuan.model.profiles import FixedRow, Profile, Side, TableLayout
from yusuan.reference.classification import catalogue
from yusuan.reference.numerals import chinese_number, strip_numbering

_ROW_KEYS = {"row", "code", "name", "unit", "project"}
_TOTAL_LABELS = {"总计", "合计", "total"}


def _strip_enumeration(text: str) -> str:
    """``1. 一般公共预算拨款`` / ``一、本年收入`` / ``其中：一般财力`` → the bare name."""
    return strip_numbering(label(text).removeprefix("其中:"))


def match_fixed_row(name: str, rows: tuple[FixedRow, ...]) -> FixedRow | None:
    """A fixed row by key, printed label, or label without its enumeration prefix."""
    wanted = label(name)
    for r in rows:
        if name == r.key or wanted == label(r.label):
            return r
    bare = _strip_enumeration(name)
    candidates = [r for r in rows if _strip_enumeration(r.label) == bare]
    return candidates[0] if len(candidates) == 1 else None


def _values(row: Fields, layout: TableLayout, section: str | None,
            side: Side | None = None) -> dict[str, Decimal | None]:
    values: dict[str, Decimal | None] = {}
    for key in row.names():
        if key in _ROW_KEYS:
            continue
        column = layout.find_column(key, section)
        if side is not None:  # a side's own columns (江苏 公开01表 has two 支出 sides)
            wanted = label(key)
            column = next((c for c in side.columns
                           if key == c.key or wanted in (label(c.leaf), c.label)), None)
        if column is None:
            known = "、".join(c.leaf for c in (side.columns if side else layout.all_columns)
                             if section is None or c.section == section)
            raise row.error(key, f"{layout.printed_name}没有“{key}”这一栏；可用的栏目：{known}")
        values[column.key] = row.amount(key)
    return values


def _code(row: Fields, table: TableLayout) -> str:
    value = row.raw("code")
    if isinstance(value, float):
        raise row.error("code", f"科目编码应为文字，却写成了小数 {value!r}：请加引号，如 \"2010301\"")
    text = row.text("code", required=True).replace(" ", "")
    try:
        code = Code(text)
    except ValueError as exc:
        raise row.error("code", str(exc)) from None
    if table.rows == "economic" and code.depth > 2:
        raise row.error("code", f"经济分类科目编码应为 3 或 5 位数字，却是“{text}”")
    return code.digits


def _origin(row: Fields) -> Origin:
    return Origin(file=row.file, line=row.line())


def _grid_rows(rows: list[Fields], layout: TableLayout) -> list[Row]:
    out: list[Row] = []
    unit: str | None = None
    given_fixed: dict[str, Row] = {}
    for row in rows:
        values = _values(row, layout, None)
        origin = _origin(row)
        if row.has("row"):
            name = row.text("row")
            fixed = match_fixed_row(name, layout.fixed_rows) if layout.fixed_rows else None
            if fixed is not None:
                given_fixed[fixed.key] = Row(name=fixed.label, values=values, key=fixed.key,
                                             kind=fixed.kind, origin=origin)
                continue
            if label(name) in _TOTAL_LABELS and not layout.fixed_rows:
                out.append(Row(name=layout.total_name if layout.stub else "",  # no stub: no name
                               values=values, key="total", kind="total", origin=origin))
                continue
            known = "、".join(r.label for r in layout.fixed_rows) or "总计"
            raise row.error("row", f"{layout.printed_name}没有“{name}”这一行；可用的行：{known}")
        if row.has("code"):
            code = _code(row, layout)
            project = row.text("project") or None
            kind: RowKind = "project" if project else ("class" if len(code) == 3 else "item")
            out.append(Row(name=row.text("name", required=True), values=values, code=code,
                           unit=unit, project=project, kind=kind, origin=origin))
            continue
        if row.has("unit") and layout.rows == "projects":
            unit = row.text("unit")
            out.append(Row(name=unit, values=values, unit=unit, kind="unit", origin=origin))
            continue
        if layout.rows == "projects-flat" and (row.has("project") or row.has("name")):
            name = row.text("project") or row.text("name")
            out.append(Row(name=name, values=values, project=name, kind="project",
                           origin=origin))
            continue
        raise row.error(None, "这一行没有说明是哪一行：请写 row（行名）或 code（科目编码）与 name")
    if layout.fixed_rows:
        return [given_fixed.get(f.key) or Row(name=f.label, values={}, key=f.key, kind=f.kind)
                for f in layout.fixed_rows]
    if layout.rows == "projects-flat" and out and not any(r.key == "total" for r in out):
        out.insert(0, _derived_total(out))
    return out


def _derived_total(rows: list[Row]) -> Row:
    """The 总计 row of a list of projects written without one (表11): each column the exact
    sum of the rows, blank where every row is blank. A 总计 written out is kept as given
    (rule ``carryover.total-eq-rows`` compares it with its rows)."""
    values: dict[str, Decimal | None] = {}
    for r in rows:
        for key, v in r.values.items():
            if v is not None:
                values[key] = (values.get(key) or Decimal(0)) + v
            else:
                values.setdefault(key, None)
    return Row(name="总计", values=values, key="total", kind="total")


def class_names(profile: Profile, year: int) -> dict[str, str]:
    """The 类 a two-sided table's 支出 side may list: the profile's fixed list (新疆 表1 prints
    every 类), or, for a profile without one (上海 prints only the 类 with amounts), every 类
    of the year's functional classification."""
    if profile.functional_classes:
        return dict(profile.functional_classes)
    return {e.code: e.name for e in catalogue("functional").entries(year) if len(e.code) == 3}


def class_side_rows(side: Side, profile: Profile, given: dict[str, Row],
                    blank: dict[str, Decimal | None] | None = None) -> list[Row]:
    """The 类 rows of a side in code order: every listed 类 (blank where not given), or only
    those given, named ``一、…`` where the side is numbered (上海)."""
    if profile.functional_classes:
        rows = [replace(given[code], name=name) if code in given
                else Row(name=name, values=dict(blank or {}), code=code, section=side.section,
                         kind="class")
                for code, name in profile.functional_classes]
    else:
        rows = [given[code] for code in sorted(given)]
    if not side.numbered:
        return rows
    return [replace(r, name=f"{chinese_number(i)}、{r.name}", code=None)
            for i, r in enumerate(rows, 1)]


def _side_rows(rows: list[Fields], layout: TableLayout, side: Side, profile: Profile,
               year: int) -> list[Row]:
    section = side.section
    by_key: dict[str, Row] = {}
    classes: dict[str, Row] = {}
    for row in rows:
        values = _values(row, layout, section, side)
        origin = _origin(row)
        if row.has("code") and side.rows == "functional-classes":
            code = _code(row, layout)
            names = class_names(profile, year)
            if code not in names:
                raise row.error("code", f"“{code}”不是{layout.printed_name}支出方可列的类级科目"
                                        f"（{year} 年支出功能分类的 3 位类级编码）")
            classes[code] = Row(name=names[code], values=values, code=code, section=section,
                                kind="class", origin=origin)
            continue
        name = row.text("row", required=True)
        if match_fixed_row(name, (side.total,)) is not None or label(name) in _TOTAL_LABELS:
            by_key[side.total.key] = Row(name=side.total.label, values=values,
                                         key=side.total.key, section=section, kind="total",
                                         origin=origin)
            continue
        fixed = match_fixed_row(name, side.fixed_rows)
        if fixed is None:
            known = "、".join(r.label for r in side.fixed_rows) or "（按科目编码写 code）"
            raise row.error("row", f"{layout.printed_name}{side.header}方没有“{name}”这一行；可用的行：{known}")
        by_key[fixed.key] = Row(name=fixed.label, values=values, key=fixed.key, section=section,
                                kind=fixed.kind, origin=origin)
    out: list[Row] = []
    if side.rows == "functional-classes":
        out += class_side_rows(side, profile, classes)
    if side.rows != "functional-classes" or side.fixed_rows:  # 决算: 本年支出合计, 结余分配 …
        for f in side.fixed_rows:
            out.append(by_key.get(f.key) or Row(name=f.label, values={}, key=f.key,
                                                section=section, kind=f.kind))
    if side.printed_total:
        out.append(by_key.get(side.total.key) or Row(name=side.total.label, values={},
                                                     key=side.total.key, section=section,
                                                     kind="total"))
    return out


def _pair_rows(raw: Any, layout: TableLayout, file: str, line: int | None) -> list[Row]:
    """A table in column pairs (基本支出决算表): ``personnel: [...]`` and ``public_funds: [...]``,
    each a list of coded rows and its total (``row: 人员经费合计``)."""
    sides = raw or LMap()
    if not isinstance(sides, LMap) or any(k not in {s.section for s in layout.sides}
                                          for k in sides):
        known = "、".join(s.section for s in layout.sides)
        raise InputError(f"分栏表应按栏写成 {known}", file=file, line=line, field=layout.id)
    out: list[Row] = []
    for side in layout.sides:
        fields = _row_fields(sides.get(side.section), file, f"{layout.id}.{side.section}",
                             sides.lines.get(side.section) if sides else line)
        totals = [f for f in fields if f.has("row")]
        for f in totals:
            name = f.text("row")
            if match_fixed_row(name, (side.total,)) is None and label(name) not in _TOTAL_LABELS:
                raise f.error("row", f"{layout.number}{side.header}栏只有“{side.total.label}”一行"
                                     "不按科目编码写")
        rows = _grid_rows([f for f in fields if not f.has("row")], layout.side_grid(side.section))
        out += [replace(r, section=side.section) for r in rows]
        out += [Row(name=side.total.label, values=_values(f, layout, side.section),
                    key=side.total.key, section=side.section, kind="total", origin=_origin(f))
                for f in totals]
    return out


def side_names(layout: TableLayout) -> dict[str, Side]:
    """What ``tables.yaml`` calls each side of a two-sided table: ``income`` / ``expenditure``
    (the first side of that section), or a further side's printed header (江苏 公开01表:
    ``功能分类`` is ``expenditure``, ``支出用途`` its own)."""
    names: dict[str, Side] = {}
    for side in layout.sides:
        names.setdefault(side.section, side)
        names.setdefault(side.header, side)
    return names


def _row_fields(value: Any, file: str, path: str, line: int | None) -> list[Fields]:
    if value is None:
        return []
    if not isinstance(value, LList):
        raise InputError("应为行的列表（每行以“- ”开头）", file=file, line=line, field=path)
    holder = LMap()
    holder.line = line or 0
    holder.lines = {path: line or 0}
    holder[path] = value
    return Fields(holder, file).mappings(path)


def build_table(layout: TableLayout, raw: Any, *, profile: Profile, department: str, year: int,
                unit: Unit, file: str, line: int | None, edition: str = "部门预算") -> Table:
    """One table from its ``tables.yaml`` entry (``None`` = not given = empty)."""
    columns: tuple[Column, ...] = layout.all_columns
    if layout.layout == "two-sided":
        if raw is not None and not isinstance(raw, LMap):
            raise InputError("两栏表应写成 income: [...] 与 expenditure: [...]", file=file,
                             line=line, field=layout.id)
        rows: list[Row] = []
        sides = raw or LMap()
        names = side_names(layout)
        for key in sides:
            if key not in names:
                raise InputError(f"“{key}”不是两栏表的一方：应为 {'、'.join(names)}",
                                 file=file, line=sides.lines.get(key), field=f"{layout.id}.{key}")
        for side in layout.sides:
            name = (side.section if names[side.section] is side and side.header not in sides
                    else side.header)
            side_raw = sides.get(name)
            side_line = sides.lines.get(name) if sides else line
            rows += _side_rows(_row_fields(side_raw, file, f"{layout.id}.{name}",
                                           side_line), layout, side, profile, year)
    elif layout.layout == "pairs":
        rows = _pair_rows(raw, layout, file, line)
    else:
        rows = _grid_rows(_row_fields(raw, file, layout.id, line), layout)
    table = Table(id=layout.id, title=layout.printed_title(year, edition),
                  unit=layout.unit or unit, columns=columns,
                  rows=tuple(rows),
                  number=layout.number, department=department, origin=Origin(file=file, line=line))
    if table.is_empty and layout.empty_statement:
        table = replace(table, rows=() if layout.layout != "two-sided" and not layout.fixed_rows
                        else table.rows, empty_statement=layout.statement(department, year))
    return table


def read_tables(data: Fields, profile: Profile, *, department: str, year: int,
                unit: Unit, edition: str = "部门预算") -> tuple[Table, ...]:
    """All of the profile's tables from ``tables.yaml``; unknown tables are refused."""
    names: dict[str, str] = {}
    for t in profile.tables:
        for name in (t.id, t.number, label(t.number), label(t.title)):
            names[name] = t.id
    given: dict[str, tuple[Any, int | None]] = {}
    for key in data.names():
        table_id = names.get(key) or names.get(label(key))
        if table_id is None:
            known = "、".join(f"{t.id}（{t.number} {t.title}）" for t in profile.tables)
            raise data.error(key, f"{profile.id} 没有“{key}”这张表；可用的表：{known}")
        given[table_id] = (data.raw(key), data.line(key))
    tables = []
    for layout in profile.tables:
        raw, line = given.get(layout.id, (None, None))
        tables.append(build_table(layout, raw, profile=profile, department=department, year=year,
                                  unit=unit, file=data.file, line=line, edition=edition))
    return tuple(tables)
