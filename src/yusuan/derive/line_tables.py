"""Line items → the profile's standard tables, consistent by construction.

Where it sits: ``compose.budget_tables`` → ``tables_from_lines`` here, when a source folder
gives ``lines.csv`` instead of ``tables.yaml``. Every cell is the exact sum of the (unrounded)
line amounts that belong to it, so totals, 类/款 subtotals and the cross-table relations hold
exactly; rounding happens only when a renderer prints a cell. A cell no line contributes to is
blank (``None``), never zero.

Which lines each table takes:

- 表1/表2/表3: all lines (表1 收入 by fund source, 支出 by 类).
- 表4: fiscal lines (一般公共预算、政府性基金、国有资本经营预算, their 上级转移支付 and their
  财政拨款结转), by budget; 表5/表6/表7: the 一般公共预算 ones; 表8: 政府性基金; 表9: 国有资本.
- 表10 “三公”: fiscal lines whose economic 款 is 30212 因公出国（境）费用, 30217 公务接待费,
  30231 公务用车运行维护费 (运行费) or 31013/30913 公务用车购置 (购置费), basic and project alike.
  Economic codes cannot see 三公 spending booked under other 款; such spending is not derived.
- 表11: lines funded by 上年结转结余 (``carryover_*``), one row per project plus one row
  per budget unit for basic spending.
"""

from __future__ import annotations

from dataclasses import replace

from yusuan.derive.line_preds import (
    APPROPRIATION_INCOME,
    BASIC,
    BASIC_PROJECT,
    CARRYOVER_COLUMNS,
    FUND_TABLE,
    INCOME_COLUMNS,
    PERSONNEL_PUBLIC,
    SUMMARY_INCOME,
    THREE_PUBLIC_CODES,
    UNIT_FUNDS_COLUMNS,
    USE_ROWS,
    Pred,
    both,
    economic_is,
    every,
    family,
    kind_is,
    other_income,
    sum_of,
    values_of,
)
from yusuan.derive.lines import FUND_SOURCES, fund_family, is_carryover
from yusuan.derive.table_input import class_names, class_side_rows
from yusuan.model.budget import Budget, LineItem
from yusuan.model.codes import class_of, kuan_of
from yusuan.model.disclosure import Origin, Row, Table
from yusuan.model.errors import InputError
from yusuan.model.money import convert, round_half_up
from yusuan.model.profiles import Profile, TableLayout, profile_of, unknown_profile
from yusuan.reference.classification import catalogue

BASIC_ROW = "基本支出"


def _fail(line: LineItem, field: str, message: str) -> InputError:
    origin = line.origin or Origin()
    return InputError(message, file=origin.file, line=origin.line, field=field)


class _Names:
    """Row names from the classification catalogue of the budget year."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.functional = catalogue("functional")
        self.economic = catalogue("economic_dept")

    def of(self, code: str, *, economic: bool = False) -> str:
        name = (self.economic if economic else self.functional).name(code, self.year)
        if name is None:  # validated beforehand: every line's codes and ancestors exist
            raise LookupError(code)
        return name


def economic_class(line: LineItem) -> str:
    """The 类 of a line's 经济分类 code (部门预算支出经济分类: 3 + 2 digits)."""
    return class_of(line.economic_code, "economic_dept")


def validate(budget: Budget, profile: Profile) -> None:
    """Every line's codes exist in the catalogues of the budget year, its unit is a listed
    budget unit, its 类 is printed in 表1; otherwise an ``InputError`` naming the line."""
    functional = catalogue("functional")
    economic = catalogue("economic_dept")
    classes = class_names(profile, budget.year)
    units = budget.overview.units
    reserve = any(c.key == "reserve" for t in profile.tables for c in t.all_columns)
    for line in budget.lines:
        if line.kind == "reserve" and not reserve:
            raise _fail(line, "支出类型", f"{profile.id} 的表中没有“单位预留机动经费”一栏：请按人员经费、"
                                          "公用经费或项目支出填写")
        code = line.functional_code
        for part in (code, kuan_of(code), class_of(code)):
            if functional.name(part, budget.year) is None:
                raise _fail(line, "功能分类科目编码",
                            f"“{part}”不是 {budget.year} 年支出功能分类科目"
                            + (f"（{code} 的上级科目）" if part != code else ""))
        if class_of(code) not in classes:
            raise _fail(line, "功能分类科目编码", f"类“{class_of(code)}”不在{profile.id}表1的支出功能分类中")
        for part in (line.economic_code, economic_class(line)):
            if economic.name(part, budget.year) is None:
                raise _fail(line, "经济分类科目编码",
                            f"“{part}”不是 {budget.year} 年部门预算支出经济分类科目")
        if line.unit not in units:
            listed = "、".join(units) or "（未列出任何单位）"
            raise _fail(line, "预算单位", f"预算单位“{line.unit}”不在 budget.yaml 的 "
                                          f"overview.units 中；已列出：{listed}")


def _check_income_rows(budget: Budget, profile: Profile) -> None:
    """Every line's fund source has a row on 表1's 收入 side (上海 prints no 财政专户 and no
    上年结转 row): otherwise its amount could not be stated and 收入总计 would not add up."""
    layout = profile.table("summary")
    if layout is None or layout.layout != "two-sided":
        return
    side = layout.side("income")
    preds = [(other_income(side) if f.key == "income.other" else SUMMARY_INCOME.get(f.key))
             for f in side.fixed_rows]
    for line in budget.lines:
        if not any(p is not None and p(line) for p in preds):
            known = "、".join(f.label for f in side.fixed_rows)
            name = FUND_SOURCES[line.fund_source][0]
            raise _fail(line, "资金来源", f"{profile.id} 的{layout.printed_name}没有“{name}”"
                                         f"这一资金来源的收入行；可列的收入：{known}")


def _origin(lines: list[LineItem]) -> Origin | None:
    return lines[0].origin if lines else None


def functional_rows(lines: list[LineItem], columns: dict[str, Pred], names: _Names, *,
                    unit: str | None = None, projects: bool = False) -> list[Row]:
    """类 → 款 → 项 rows (or, with ``projects``, one row per project in place of each 项)."""
    rows: list[Row] = []
    for cls in sorted({class_of(line.functional_code) for line in lines}):
        in_cls = [x for x in lines if class_of(x.functional_code) == cls]
        rows.append(Row(name=names.of(cls), values=values_of(in_cls, columns), code=cls,
                        unit=unit, kind="class"))
        for kuan in sorted({kuan_of(x.functional_code) for x in in_cls}):
            in_kuan = [x for x in in_cls if kuan_of(x.functional_code) == kuan]
            rows.append(Row(name=names.of(kuan), values=values_of(in_kuan, columns), code=kuan,
                            unit=unit, kind="item"))
            for xiang in sorted({x.functional_code for x in in_kuan}):
                in_xiang = [x for x in in_kuan if x.functional_code == xiang]
                if not projects:
                    rows.append(Row(name=names.of(xiang), values=values_of(in_xiang, columns),
                                    code=xiang, unit=unit, kind="item",
                                    origin=_origin(in_xiang)))
                    continue
                for project in dict.fromkeys(x.project for x in in_xiang):
                    mine = [x for x in in_xiang if x.project == project]
                    rows.append(Row(name=names.of(xiang), values=values_of(mine, columns),
                                    code=xiang, unit=unit, project=project, kind="project",
                                    origin=_origin(mine)))
    return rows


def economic_rows(lines: list[LineItem], columns: dict[str, Pred], names: _Names) -> list[Row]:
    rows: list[Row] = []
    for cls in sorted({economic_class(line) for line in lines}):
        in_cls = [x for x in lines if economic_class(x) == cls]
        rows.append(Row(name=names.of(cls, economic=True), values=values_of(in_cls, columns),
                        code=cls, kind="class"))
        for kuan in sorted({x.economic_code for x in in_cls}):
            mine = [x for x in in_cls if x.economic_code == kuan]
            rows.append(Row(name=names.of(kuan, economic=True), values=values_of(mine, columns),
                            code=kuan, kind="item", origin=_origin(mine)))
    return rows


def _total(lines: list[LineItem], columns: dict[str, Pred]) -> Row:
    return Row(name="总计", values=values_of(lines, columns), key="total", kind="total")


def _grid(layout: TableLayout, lines: list[LineItem], budget: Budget, names: _Names) -> list[Row]:
    if layout.id == "gpb_project":
        columns: dict[str, Pred] = {"total": every}
        for c in layout.columns[1:]:
            columns[c.key] = (lambda key: lambda line: economic_class(line) == key)(c.key)
        unknown = [x for x in lines if economic_class(x) not in columns]
        if unknown:
            raise _fail(unknown[0], "经济分类科目编码",
                        f"{layout.printed_name}没有经济分类“{economic_class(unknown[0])}”这一栏")
        rows = [_total(lines, columns)]
        for unit in budget.overview.units:
            mine = [x for x in lines if x.unit == unit]
            if mine:
                rows.append(Row(name=unit, values=values_of(mine, columns), unit=unit, kind="unit"))
                rows += functional_rows(mine, columns, names, unit=unit, projects=True)
        return rows
    if layout.id == "carryover":
        rows = [_total(lines, CARRYOVER_COLUMNS)]
        for unit in budget.overview.units:
            basic = [x for x in lines if x.unit == unit and x.kind != "project"]
            if basic:
                name = BASIC_ROW if len(budget.overview.units) == 1 else f"{unit}{BASIC_ROW}"
                rows.append(Row(name=name, values=values_of(basic, CARRYOVER_COLUMNS),
                                origin=_origin(basic)))
        for project in dict.fromkeys(x.project for x in lines if x.kind == "project"):
            mine = [x for x in lines if x.project == project]
            rows.append(Row(name=str(project), values=values_of(mine, CARRYOVER_COLUMNS),
                            project=project, kind="project", origin=_origin(mine)))
        return rows
    if layout.rows == "economic":
        return [_total(lines, PERSONNEL_PUBLIC), *economic_rows(lines, PERSONNEL_PUBLIC, names)]
    columns = {"income": INCOME_COLUMNS, "expenditure": BASIC_PROJECT,
               "gpb": BASIC_PROJECT}.get(layout.id, FUND_TABLE)
    if layout.id == "income":
        columns = {**columns, **{k: p for k, p in UNIT_FUNDS_COLUMNS.items()
                                 if layout.find_column(k) is not None}}
    return [_total(lines, columns), *functional_rows(lines, columns, names)]


_SELECTIONS: dict[str, Pred] = {
    "gpb": family("gpb"),
    "gpb_basic": both(family("gpb"), BASIC),
    "gpb_project": both(family("gpb"), kind_is("project")),
    "gov_fund": family("gov_fund"),
    "state_capital": family("state_capital"),
    "carryover": lambda line: is_carryover(line.fund_source),
    # 江苏: 财政拨款 by function and its basic spending by economic 款; 机关运行经费 = the
    # 一般公共预算 basic 公用经费
    "appropriation_functional": lambda line: fund_family(line.fund_source) is not None,
    "appropriation_basic": both(lambda line: fund_family(line.fund_source) is not None, BASIC),
    "operating_cost": both(family("gpb"), kind_is("public_funds")),
}


def _two_sided(layout: TableLayout, lines: list[LineItem], names: _Names,
               profile: Profile) -> list[Row]:
    rows: list[Row] = []
    for side in layout.sides:
        if side.rows == "fixed":
            preds = SUMMARY_INCOME if layout.id == "summary" else APPROPRIATION_INCOME
            chosen = lines
            if side.section == "expenditure":
                preds = USE_ROWS
                if layout.id != "summary":
                    chosen = [x for x in lines if fund_family(x.fund_source) is not None]
            column = side.columns[0].key
            for fixed in (*side.fixed_rows, side.total):
                pred = (other_income(side) if fixed.key == "income.other"
                        else preds.get(fixed.key))
                value = sum_of(chosen, pred) if pred else None
                rows.append(Row(name=fixed.label, values={column: value}, key=fixed.key,
                                section=side.section, kind=fixed.kind))
            continue
        if layout.id == "summary":  # 单位预算: 合计 split into 人员/公用经费 and 项目支出
            columns: dict[str, Pred] = {c.key: FUND_TABLE.get(c.key, every)
                                        for c in side.columns}
            chosen = lines
        else:
            columns = {c.key: (family(c.key) if c.key != "total"
                               else lambda line: fund_family(line.fund_source) is not None)
                       for c in side.columns}
            chosen = [x for x in lines if fund_family(x.fund_source) is not None]
        given = {code: Row(name=names.of(code), values=values_of(mine, columns), code=code,
                           section=side.section, kind="class")
                 for code in sorted({class_of(x.functional_code) for x in chosen})
                 for mine in [[x for x in chosen if class_of(x.functional_code) == code]]}
        rows += class_side_rows(side, profile, given, dict.fromkeys(columns))
        if side.printed_total:
            rows.append(Row(name=side.total.label, values=values_of(chosen, columns),
                            key=side.total.key, section=side.section, kind="total"))
    return rows


def _single(layout: TableLayout, lines: list[LineItem]) -> list[Row]:
    """A one-row table (上海 表9, 江苏 公开03/09表): each column summed over its lines."""
    fiscal = [x for x in lines if fund_family(x.fund_source) is not None]
    if layout.id == "expenditure":
        columns: dict[str, Pred] = dict(BASIC_PROJECT)
        chosen = lines
    else:
        chosen = fiscal
        columns = {k: economic_is(codes) for k, codes in THREE_PUBLIC_CODES.items()}
        if layout.find_column("three_public") is not None:  # 合计 = 三公 + 会议费 + 培训费
            columns["total"] = economic_is(THREE_PUBLIC_CODES["three_public"]
                                         + THREE_PUBLIC_CODES["meeting"]
                                         + THREE_PUBLIC_CODES["training"])
        # 机关运行经费 = 一般公共预算基本支出中的公用经费 (see docs/rules.md)
        columns["operating_cost"] = both(family("gpb"), kind_is("public_funds"))
    unknown = [c.number or c.label for c in layout.columns if c.key not in columns]
    if unknown:
        raise InputError(f"{layout.printed_name}的“{'、'.join(unknown)}”不能由 lines.csv "
                         "生成：请改用 tables.yaml")
    values = {c.key: sum_of(chosen, columns[c.key]) for c in layout.columns}
    return [Row(name=layout.total_name, values=values, key="total", kind="total",
                origin=_origin(chosen))]


def _three_public(layout: TableLayout, lines: list[LineItem]) -> list[Row]:
    fiscal = [x for x in lines if fund_family(x.fund_source) is not None]
    columns: dict[str, Pred] = {"total": every}
    for c in layout.columns[1:]:
        columns[c.key] = family(c.key)
    rows = []
    for fixed in layout.fixed_rows:
        codes = THREE_PUBLIC_CODES.get(fixed.key, ())
        mine = [x for x in fiscal if x.economic_code in codes]
        rows.append(Row(name=fixed.label, values=values_of(mine, columns), key=fixed.key,
                        kind=fixed.kind, origin=_origin(mine)))
    return rows


def _table(layout: TableLayout, budget: Budget, profile: Profile, names: _Names) -> Table:
    lines = list(budget.lines)
    origin = Origin(file=lines[0].origin.file) if lines and lines[0].origin else None
    statement = None
    if layout.layout == "two-sided":
        rows = _two_sided(layout, lines, names, profile)
    elif layout.rows == "fixed" and layout.id == "three_public":
        rows = _three_public(layout, lines)
    elif layout.rows == "fixed":  # 江苏 公开02表: 收入总计 of every line
        rows = [Row(name=f.label, values={c.key: sum_of(lines, every) for c in layout.columns},
                    key=f.key, kind=f.kind) for f in layout.fixed_rows if f.key == "total"]
    elif layout.rows == "procurement":
        rows = procurement_rows(budget)
    elif layout.rows == "single":
        rows = _single(layout, lines)
    else:
        chosen = [x for x in lines if _SELECTIONS.get(layout.id, every)(x)]
        rows = _grid(layout, chosen, budget, names) if chosen else []
        if not chosen:
            statement = layout.statement(budget.department, budget.year)
    if not rows and layout.layout != "two-sided":
        statement = layout.statement(budget.department, budget.year)
    return Table(id=layout.id, title=layout.printed_title(budget.year, budget.edition),
                 unit=layout.unit or budget.unit,
                 columns=layout.all_columns, rows=_laid_out(rows, layout, budget),
                 number=layout.number, department=budget.department,
                 empty_statement=statement, origin=origin)


def _laid_out(rows: list[Row], layout: TableLayout, budget: Budget) -> tuple[Row, ...]:
    """The rows as the profile prints them: the total row's label and place (上海: 合计 at the
    foot), amounts in the table's own unit where it has one (converted, to the cent of that
    unit as printed)."""
    if layout.layout != "two-sided" and not layout.fixed_rows:
        totals = [replace(r, name=layout.total_name) for r in rows if r.key == "total"]
        body = [r for r in rows if r.key != "total"]
        rows = body + totals if layout.total_last else totals + body
    keys = {c.key for c in layout.all_columns}
    rows = [replace(r, values={k: v for k, v in r.values.items() if k in keys}) for r in rows]
    if layout.unit is None or layout.unit is budget.unit:
        return tuple(rows)
    # a table printed in its own unit holds what it prints: 925,895 元 is 92.59 万元 there
    target = layout.unit
    return tuple(replace(r, values={
        k: None if v is None else round_half_up(convert(v, budget.unit, target), 2)
        for k, v in r.values.items()}) for r in rows)


KNOWN_TABLES = ("summary", "income", "expenditure", "appropriation", "gpb", "gpb_basic",
                "gpb_project", "gov_fund", "state_capital", "three_public", "carryover",
                "appropriation_functional", "appropriation_basic", "operating_cost",
                "procurement")


def tables_from_lines(budget: Budget) -> tuple[Table, ...]:
    """All of the profile's tables derived from ``budget.lines``."""
    profile = profile_of(budget)
    if profile is None:  # ``load_budget`` refuses it; a budget made in code may name one
        raise unknown_profile(budget.profile)
    unknown = [t.number for t in profile.tables if t.id not in KNOWN_TABLES]
    if unknown:
        raise InputError(f"{profile.id} 的 {'、'.join(unknown)} 还不能由 lines.csv 生成：请改用 "
                         "tables.yaml", file=str(budget.source.file) if budget.source else None,
                         field="profile")
    validate(budget, profile)
    _check_income_rows(budget, profile)
    names = _Names(budget.year)
    return tuple(_table(profile.table(layout.id, budget.edition) or layout, budget, profile, names)
                 for layout in profile.tables)


def procurement_rows(budget: Budget) -> list[Row]:
    """政府采购支出预算表 from budget.yaml ``procurement`` (lines carry no 采购品目): 合计 and
    the 货物/工程/服务 categories that are given."""
    p = budget.procurement
    rows = [Row(name="合计", values={"total": p.total}, key="total", kind="total")]
    for name, amount in (("一、货物A", p.goods), ("二、工程B", p.works), ("三、服务C", p.services)):
        if amount:
            rows.append(Row(name=name, values={"total": amount}, kind="item"))
    return rows if p.total is not None else []
