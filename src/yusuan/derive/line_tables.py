"""Line items → the profile's standard tables, consistent by construction.

Where it sits: ``build.budget_tables`` → ``lines.derive_tables`` → here, when a source folder
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

from collections.abc import Callable, Iterable
from decimal import Decimal

from yusuan.derive.lines import fund_family, is_carryover
from yusuan.model.budget import Budget, LineItem
from yusuan.model.disclosure import Origin, Row, Table
from yusuan.model.errors import InputError
from yusuan.model.money import CENT
from yusuan.reference.classification import catalogue
from yusuan.reference.profiles import Profile, TableLayout, load_profile

Pred = Callable[[LineItem], bool]

THREE_PUBLIC_CODES: dict[str, tuple[str, ...]] = {
    "abroad": ("30212",),
    "reception": ("30217",),
    "vehicle.purchase": ("31013", "30913"),
    "vehicle.operation": ("30231",),
}
THREE_PUBLIC_CODES["vehicle"] = (THREE_PUBLIC_CODES["vehicle.purchase"]
                                 + THREE_PUBLIC_CODES["vehicle.operation"])
THREE_PUBLIC_CODES["total"] = tuple(c for k in ("abroad", "reception", "vehicle")
                                    for c in THREE_PUBLIC_CODES[k])
BASIC_ROW = "基本支出"


def _sum(lines: Iterable[LineItem], pred: Pred) -> Decimal | None:
    """Exact sum of the matching lines; ``None`` if no line matches (blank, not zero)."""
    amounts = [line.amount for line in lines if pred(line)]
    if not amounts:
        return None
    total = Decimal(0)
    for amount in amounts:
        total += amount
    # ``1605.110000`` (a sum of 6-decimal 万元 amounts) is written ``1605.11``: same value.
    return total.quantize(CENT) if total == total.quantize(CENT) else total


def _values(lines: list[LineItem], columns: dict[str, Pred]) -> dict[str, Decimal | None]:
    return {key: _sum(lines, pred) for key, pred in columns.items()}


def _all(line: LineItem) -> bool:
    return True


def _fund(*sources: str) -> Pred:
    return lambda line: line.fund_source in sources


def _prefix(prefix: str) -> Pred:
    return lambda line: line.fund_source == prefix or line.fund_source.startswith(prefix + ".")


def _family(name: str) -> Pred:
    return lambda line: fund_family(line.fund_source) == name


def _kind(*kinds: str) -> Pred:
    return lambda line: line.kind in kinds


def _both(a: Pred, b: Pred) -> Pred:
    return lambda line: a(line) and b(line)


_BASIC = _kind("personnel", "public_funds")
_FISCAL_CURRENT = _fund("gpb", "gpb.transfer", "gov_fund", "gov_fund.transfer", "state_capital",
                        "state_capital.transfer")

SUMMARY_INCOME: dict[str, Pred] = {
    "income.current_year": lambda line: not is_carryover(line.fund_source),
    "income.gpb": _fund("gpb", "gpb.transfer"),
    "income.gpb.own": _fund("gpb"),
    "income.gpb.transfer": _fund("gpb.transfer"),
    "income.gov_fund": _fund("gov_fund", "gov_fund.transfer"),
    "income.gov_fund.own": _fund("gov_fund"),
    "income.gov_fund.transfer": _fund("gov_fund.transfer"),
    "income.state_capital": _fund("state_capital", "state_capital.transfer"),
    "income.state_capital.own": _fund("state_capital"),
    "income.state_capital.transfer": _fund("state_capital.transfer"),
    "income.special_account": _fund("special_account"),
    "income.unit_funds": _prefix("unit_funds"),
    "income.unit_funds.business": _fund("unit_funds.business"),
    "income.unit_funds.superior_subsidy": _fund("unit_funds.superior_subsidy"),
    "income.unit_funds.affiliated": _fund("unit_funds.affiliated"),
    "income.unit_funds.operating": _fund("unit_funds.operating"),
    "income.unit_funds.other": _fund("unit_funds.other"),
    "income.carryover": lambda line: is_carryover(line.fund_source),
    "income.carryover.fiscal": _prefix("carryover_fiscal"),
    "income.carryover.fiscal.gpb": _fund("carryover_fiscal.gpb"),
    "income.carryover.fiscal.gov_fund": _fund("carryover_fiscal.gov_fund"),
    "income.carryover.fiscal.state_capital": _fund("carryover_fiscal.state_capital"),
    "income.carryover.nonfiscal": _prefix("carryover_nonfiscal"),
    "income.carryover.nonfiscal.special_account": _fund("carryover_nonfiscal.special_account"),
    "income.carryover.nonfiscal.unit_funds": _fund("carryover_nonfiscal.unit_funds"),
    "income.total": _all,
}
APPROPRIATION_INCOME: dict[str, Pred] = {
    "income.fiscal": lambda line: fund_family(line.fund_source) is not None,
    "income.gpb": _family("gpb"),
    "income.gov_fund": _family("gov_fund"),
    "income.state_capital": _family("state_capital"),
    "income.total": lambda line: fund_family(line.fund_source) is not None,
}
INCOME_COLUMNS: dict[str, Pred] = {
    "total": _all,
    "fiscal": _FISCAL_CURRENT,
    "gpb": _fund("gpb"),
    "gpb_transfer": _fund("gpb.transfer"),
    "gov_fund": _fund("gov_fund"),
    "gov_fund_transfer": _fund("gov_fund.transfer"),
    "state_capital": _fund("state_capital"),
    "state_capital_transfer": _fund("state_capital.transfer"),
    "special_account": _fund("special_account"),
    "unit_funds": _prefix("unit_funds"),
    "carryover_fiscal": _prefix("carryover_fiscal"),
    "carryover_nonfiscal": _prefix("carryover_nonfiscal"),
}
BASIC_PROJECT: dict[str, Pred] = {"total": _all, "basic": _BASIC, "project": _kind("project")}
PERSONNEL_PUBLIC: dict[str, Pred] = {"total": _all, "personnel": _kind("personnel"),
                                     "public_funds": _kind("public_funds")}
FUND_TABLE: dict[str, Pred] = {**PERSONNEL_PUBLIC, "project": _kind("project")}
CARRYOVER_COLUMNS: dict[str, Pred] = {"total": _all}
for _side in ("fiscal", "nonfiscal"):
    _source = _prefix(f"carryover_{_side}")
    CARRYOVER_COLUMNS[_side] = _source
    for _k in ("personnel", "public_funds", "project"):
        CARRYOVER_COLUMNS[f"{_side}.{_k}"] = _both(_source, _kind(_k))


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


def validate(budget: Budget, profile: Profile) -> None:
    """Every line's codes exist in the catalogues of the budget year, its unit is a listed
    budget unit, its 类 is printed in 表1; otherwise an ``InputError`` naming the line."""
    functional = catalogue("functional")
    economic = catalogue("economic_dept")
    classes = {code for code, _ in profile.functional_classes}
    units = budget.overview.units
    for line in budget.lines:
        code = line.functional_code
        for part in (code, code[:5], code[:3]):
            if functional.name(part, budget.year) is None:
                raise _fail(line, "功能分类科目编码",
                            f"“{part}”不是 {budget.year} 年支出功能分类科目"
                            + (f"（{code} 的上级科目）" if part != code else ""))
        if code[:3] not in classes:
            raise _fail(line, "功能分类科目编码", f"类“{code[:3]}”不在{profile.id}表1的支出功能分类中")
        for part in (line.economic_code, line.economic_code[:3]):
            if economic.name(part, budget.year) is None:
                raise _fail(line, "经济分类科目编码",
                            f"“{part}”不是 {budget.year} 年部门预算支出经济分类科目")
        if line.unit not in units:
            listed = "、".join(units) or "（未列出任何单位）"
            raise _fail(line, "预算单位", f"预算单位“{line.unit}”不在 budget.yaml 的 "
                                          f"overview.units 中；已列出：{listed}")


def _origin(lines: list[LineItem]) -> Origin | None:
    return lines[0].origin if lines else None


def functional_rows(lines: list[LineItem], columns: dict[str, Pred], names: _Names, *,
                    unit: str | None = None, projects: bool = False) -> list[Row]:
    """类 → 款 → 项 rows (or, with ``projects``, one row per project in place of each 项)."""
    rows: list[Row] = []
    for cls in sorted({line.functional_code[:3] for line in lines}):
        in_cls = [x for x in lines if x.functional_code[:3] == cls]
        rows.append(Row(name=names.of(cls), values=_values(in_cls, columns), code=cls,
                        unit=unit, kind="class"))
        for kuan in sorted({x.functional_code[:5] for x in in_cls}):
            in_kuan = [x for x in in_cls if x.functional_code[:5] == kuan]
            rows.append(Row(name=names.of(kuan), values=_values(in_kuan, columns), code=kuan,
                            unit=unit, kind="item"))
            for xiang in sorted({x.functional_code for x in in_kuan}):
                in_xiang = [x for x in in_kuan if x.functional_code == xiang]
                if not projects:
                    rows.append(Row(name=names.of(xiang), values=_values(in_xiang, columns),
                                    code=xiang, unit=unit, kind="item",
                                    origin=_origin(in_xiang)))
                    continue
                for project in dict.fromkeys(x.project for x in in_xiang):
                    mine = [x for x in in_xiang if x.project == project]
                    rows.append(Row(name=names.of(xiang), values=_values(mine, columns),
                                    code=xiang, unit=unit, project=project, kind="project",
                                    origin=_origin(mine)))
    return rows


def economic_rows(lines: list[LineItem], columns: dict[str, Pred], names: _Names) -> list[Row]:
    rows: list[Row] = []
    for cls in sorted({line.economic_code[:3] for line in lines}):
        in_cls = [x for x in lines if x.economic_code[:3] == cls]
        rows.append(Row(name=names.of(cls, economic=True), values=_values(in_cls, columns),
                        code=cls, kind="class"))
        for kuan in sorted({x.economic_code for x in in_cls}):
            mine = [x for x in in_cls if x.economic_code == kuan]
            rows.append(Row(name=names.of(kuan, economic=True), values=_values(mine, columns),
                            code=kuan, kind="item", origin=_origin(mine)))
    return rows


def _total(lines: list[LineItem], columns: dict[str, Pred]) -> Row:
    return Row(name="总计", values=_values(lines, columns), key="total", kind="total")


def _grid(layout: TableLayout, lines: list[LineItem], budget: Budget, names: _Names) -> list[Row]:
    if layout.id == "gpb_project":
        columns: dict[str, Pred] = {"total": _all}
        for c in layout.columns[1:]:
            columns[c.key] = (lambda key: lambda line: line.economic_code[:3] == key)(c.key)
        unknown = [x for x in lines if x.economic_code[:3] not in columns]
        if unknown:
            raise _fail(unknown[0], "经济分类科目编码",
                        f"{layout.number}没有经济分类“{unknown[0].economic_code[:3]}”这一栏")
        rows = [_total(lines, columns)]
        for unit in budget.overview.units:
            mine = [x for x in lines if x.unit == unit]
            if mine:
                rows.append(Row(name=unit, values=_values(mine, columns), unit=unit, kind="unit"))
                rows += functional_rows(mine, columns, names, unit=unit, projects=True)
        return rows
    if layout.id == "carryover":
        rows = [_total(lines, CARRYOVER_COLUMNS)]
        for unit in budget.overview.units:
            basic = [x for x in lines if x.unit == unit and x.kind != "project"]
            if basic:
                name = BASIC_ROW if len(budget.overview.units) == 1 else f"{unit}{BASIC_ROW}"
                rows.append(Row(name=name, values=_values(basic, CARRYOVER_COLUMNS),
                                origin=_origin(basic)))
        for project in dict.fromkeys(x.project for x in lines if x.kind == "project"):
            mine = [x for x in lines if x.project == project]
            rows.append(Row(name=str(project), values=_values(mine, CARRYOVER_COLUMNS),
                            project=project, kind="project", origin=_origin(mine)))
        return rows
    if layout.id == "gpb_basic":
        return [_total(lines, PERSONNEL_PUBLIC), *economic_rows(lines, PERSONNEL_PUBLIC, names)]
    columns = {"income": INCOME_COLUMNS, "expenditure": BASIC_PROJECT,
               "gpb": BASIC_PROJECT}.get(layout.id, FUND_TABLE)
    return [_total(lines, columns), *functional_rows(lines, columns, names)]


_SELECTIONS: dict[str, Pred] = {
    "gpb": _family("gpb"),
    "gpb_basic": _both(_family("gpb"), _BASIC),
    "gpb_project": _both(_family("gpb"), _kind("project")),
    "gov_fund": _family("gov_fund"),
    "state_capital": _family("state_capital"),
    "carryover": lambda line: is_carryover(line.fund_source),
}


def _two_sided(layout: TableLayout, lines: list[LineItem], names: _Names,
               profile: Profile) -> list[Row]:
    rows: list[Row] = []
    for side in layout.sides:
        if side.rows == "fixed":
            preds = SUMMARY_INCOME if layout.id == "summary" else APPROPRIATION_INCOME
            column = side.columns[0].key
            for fixed in (*side.fixed_rows, side.total):
                pred = preds.get(fixed.key)
                value = _sum(lines, pred) if pred else None
                rows.append(Row(name=fixed.label, values={column: value}, key=fixed.key,
                                section=side.section, kind=fixed.kind))
            continue
        if layout.id == "summary":
            columns: dict[str, Pred] = {side.columns[0].key: _all}
            chosen = lines
        else:
            columns = {c.key: (_family(c.key) if c.key != "total"
                               else lambda line: fund_family(line.fund_source) is not None)
                       for c in side.columns}
            chosen = [x for x in lines if fund_family(x.fund_source) is not None]
        for code, name in profile.functional_classes:
            mine = [x for x in chosen if x.functional_code[:3] == code]
            rows.append(Row(name=name, values=_values(mine, columns), code=code,
                            section=side.section, kind="class"))
        rows.append(Row(name=side.total.label, values=_values(chosen, columns),
                        key=side.total.key, section=side.section, kind="total"))
    return rows


def _three_public(layout: TableLayout, lines: list[LineItem]) -> list[Row]:
    fiscal = [x for x in lines if fund_family(x.fund_source) is not None]
    columns: dict[str, Pred] = {"total": _all}
    for c in layout.columns[1:]:
        columns[c.key] = _family(c.key)
    rows = []
    for fixed in layout.fixed_rows:
        codes = THREE_PUBLIC_CODES.get(fixed.key, ())
        mine = [x for x in fiscal if x.economic_code in codes]
        rows.append(Row(name=fixed.label, values=_values(mine, columns), key=fixed.key,
                        kind=fixed.kind, origin=_origin(mine)))
    return rows


def _table(layout: TableLayout, budget: Budget, profile: Profile, names: _Names) -> Table:
    lines = list(budget.lines)
    origin = Origin(file=lines[0].origin.file) if lines and lines[0].origin else None
    statement = None
    if layout.layout == "two-sided":
        rows = _two_sided(layout, lines, names, profile)
    elif layout.rows == "fixed":
        rows = _three_public(layout, lines)
    else:
        chosen = [x for x in lines if _SELECTIONS.get(layout.id, _all)(x)]
        rows = _grid(layout, chosen, budget, names) if chosen else []
        if not chosen:
            statement = layout.statement(budget.department, budget.year)
    return Table(id=layout.id, title=layout.title, unit=budget.unit, columns=layout.all_columns,
                 rows=tuple(rows), number=layout.number, department=budget.department,
                 empty_statement=statement, origin=origin)


KNOWN_TABLES = ("summary", "income", "expenditure", "appropriation", "gpb", "gpb_basic",
                "gpb_project", "gov_fund", "state_capital", "three_public", "carryover")


def tables_from_lines(budget: Budget) -> tuple[Table, ...]:
    """All of the profile's tables derived from ``budget.lines``."""
    profile = load_profile(budget.profile)
    unknown = [t.number for t in profile.tables if t.id not in KNOWN_TABLES]
    if unknown:
        raise InputError(f"{profile.id} 的 {'、'.join(unknown)} 还不能由 lines.csv 生成：请改用 "
                         "tables.yaml", file=str(budget.source.file) if budget.source else None,
                         field="profile")
    validate(budget, profile)
    names = _Names(budget.year)
    return tuple(_table(layout, budget, profile, names) for layout in profile.tables)
