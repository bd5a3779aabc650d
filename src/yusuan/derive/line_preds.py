"""Which line items each table cell sums: predicates over ``LineItem`` by fund source, kind
and economic code, for the tables ``derive.line_tables`` lays out (新疆 11 张表, 上海 9 张表,
江苏 12 张表). A cell no line contributes to is blank (``None``), never zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from yusuan.derive.lines import fund_family, is_carryover
from yusuan.model.budget import LineItem
from yusuan.model.money import CENT
from yusuan.model.profiles import Side

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
THREE_PUBLIC_CODES["three_public"] = THREE_PUBLIC_CODES["total"]
# 江苏 公开09表 adds 会议费 (30215) and 培训费 (30216); its 合计 is 三公 + 会议费 + 培训费.
THREE_PUBLIC_CODES["meeting"] = ("30215",)
THREE_PUBLIC_CODES["training"] = ("30216",)


def sum_of(lines: Iterable[LineItem], pred: Pred) -> Decimal | None:
    """Exact sum of the matching lines; ``None`` if no line matches (blank, not zero)."""
    amounts = [line.amount for line in lines if pred(line)]
    if not amounts:
        return None
    total = Decimal(0)
    for amount in amounts:
        total += amount
    # ``1605.110000`` (a sum of 6-decimal 万元 amounts) is written ``1605.11``: same value.
    return total.quantize(CENT) if total == total.quantize(CENT) else total


def values_of(lines: list[LineItem], columns: dict[str, Pred]) -> dict[str, Decimal | None]:
    return {key: sum_of(lines, pred) for key, pred in columns.items()}


def every(line: LineItem) -> bool:
    return True


def fund(*sources: str) -> Pred:
    return lambda line: line.fund_source in sources


def prefix(prefix: str) -> Pred:
    return lambda line: line.fund_source == prefix or line.fund_source.startswith(prefix + ".")


def family(name: str) -> Pred:
    return lambda line: fund_family(line.fund_source) == name


def kind_is(*kinds: str) -> Pred:
    return lambda line: line.kind in kinds


def both(a: Pred, b: Pred) -> Pred:
    return lambda line: a(line) and b(line)


BASIC = kind_is("personnel", "public_funds")
FISCAL_CURRENT = fund("gpb", "gpb.transfer", "gov_fund", "gov_fund.transfer", "state_capital",
                        "state_capital.transfer")

SUMMARY_INCOME: dict[str, Pred] = {
    "income.current_year": lambda line: not is_carryover(line.fund_source),
    "income.fiscal": FISCAL_CURRENT,
    "income.business": fund("unit_funds.business"),
    "income.operating": fund("unit_funds.operating"),
    "income.gpb": fund("gpb", "gpb.transfer"),
    "income.gpb.own": fund("gpb"),
    "income.gpb.transfer": fund("gpb.transfer"),
    "income.gov_fund": fund("gov_fund", "gov_fund.transfer"),
    "income.gov_fund.own": fund("gov_fund"),
    "income.gov_fund.transfer": fund("gov_fund.transfer"),
    "income.state_capital": fund("state_capital", "state_capital.transfer"),
    "income.state_capital.own": fund("state_capital"),
    "income.state_capital.transfer": fund("state_capital.transfer"),
    "income.special_account": fund("special_account"),
    "income.unit_funds": prefix("unit_funds"),
    "income.unit_funds.business": fund("unit_funds.business"),
    "income.unit_funds.superior_subsidy": fund("unit_funds.superior_subsidy"),
    "income.unit_funds.affiliated": fund("unit_funds.affiliated"),
    "income.unit_funds.operating": fund("unit_funds.operating"),
    "income.unit_funds.other": fund("unit_funds.other"),
    "income.carryover": lambda line: is_carryover(line.fund_source),
    "income.carryover.fiscal": prefix("carryover_fiscal"),
    "income.carryover.fiscal.gpb": fund("carryover_fiscal.gpb"),
    "income.carryover.fiscal.gov_fund": fund("carryover_fiscal.gov_fund"),
    "income.carryover.fiscal.state_capital": fund("carryover_fiscal.state_capital"),
    "income.carryover.nonfiscal": prefix("carryover_nonfiscal"),
    "income.carryover.nonfiscal.special_account": fund("carryover_nonfiscal.special_account"),
    "income.carryover.nonfiscal.unit_funds": fund("carryover_nonfiscal.unit_funds"),
    "income.total": every,
}
APPROPRIATION_INCOME: dict[str, Pred] = {
    "income.fiscal": lambda line: fund_family(line.fund_source) is not None,
    "income.gpb": family("gpb"),
    "income.gov_fund": family("gov_fund"),
    "income.state_capital": family("state_capital"),
    "income.total": lambda line: fund_family(line.fund_source) is not None,
}
INCOME_COLUMNS: dict[str, Pred] = {
    "total": every,
    "fiscal": FISCAL_CURRENT,
    "gpb": fund("gpb"),
    "gpb_transfer": fund("gpb.transfer"),
    "gov_fund": fund("gov_fund"),
    "gov_fund_transfer": fund("gov_fund.transfer"),
    "state_capital": fund("state_capital"),
    "state_capital_transfer": fund("state_capital.transfer"),
    "special_account": fund("special_account"),
    "unit_funds": prefix("unit_funds"),
    "carryover_fiscal": prefix("carryover_fiscal"),
    "carryover_nonfiscal": prefix("carryover_nonfiscal"),
}
# 上海 表2 splits 单位资金 into 事业收入 / 事业单位经营收入 / 其他收入 (taken only where the
# profile's table has these columns).
UNIT_FUNDS_COLUMNS: dict[str, Pred] = {
    "business": fund("unit_funds.business"),
    "operating": fund("unit_funds.operating"),
    "other": lambda line: (line.fund_source.startswith("unit_funds")
                           and line.fund_source not in ("unit_funds.business",
                                                        "unit_funds.operating")),
}
BASIC_PROJECT: dict[str, Pred] = {"total": every, "basic": BASIC, "project": kind_is("project"),
                                   "reserve": kind_is("reserve"), "carry_forward": lambda _: False}
PERSONNEL_PUBLIC: dict[str, Pred] = {"total": every, "personnel": kind_is("personnel"),
                                     "public_funds": kind_is("public_funds")}
FUND_TABLE: dict[str, Pred] = {**PERSONNEL_PUBLIC, "project": kind_is("project")}
CARRYOVER_COLUMNS: dict[str, Pred] = {"total": every}
for _side in ("fiscal", "nonfiscal"):
    _source = prefix(f"carryover_{_side}")
    CARRYOVER_COLUMNS[_side] = _source
    for _k in ("personnel", "public_funds", "project"):
        CARRYOVER_COLUMNS[f"{_side}.{_k}"] = both(_source, kind_is(_k))


def other_income(side: Side) -> Pred:
    """``其他收入`` / ``其他资金``: the 单位资金 not stated on a row of its own beside it."""
    own = {f"unit_funds.{f.key.removeprefix('income.')}" for f in side.fixed_rows
           if f.key != "income.other"}
    return lambda line: (line.fund_source.startswith("unit_funds")
                         and line.fund_source not in own)


def economic_is(codes: tuple[str, ...]) -> Pred:
    return lambda line: line.economic_code in codes


# 支出用途 rows (江苏 公开01表/公开04表): 基本支出, 项目支出, 单位预留机动经费; 结转下年资金
# is not a line item of the budget year, so it stays blank.
USE_ROWS: dict[str, Pred] = {
    "expenditure.basic": BASIC,
    "expenditure.project": kind_is("project"),
    "expenditure.reserve": kind_is("reserve"),
    "expenditure.current_year": every,
    "expenditure.total": every,
}
