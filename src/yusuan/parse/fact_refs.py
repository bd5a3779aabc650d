"""Which table cell a Part 3 figure about a whole (a total, a “三公” item, 机关运行经费) is.

Where it sits: ``narrative.facts`` asks ``total_ref`` for a clause whose subject names no
classification row. The subject's ending says what is stated (``…收入预算``, ``财政拨款收入``,
``支出预算``, ``因公出国（境）费``, ``机关运行经费预算``); the first candidate cell the parsed
tables actually have wins, so one list serves every profile: 收入 lines are rows of the
收支总表 (``income.total``, ``income.fiscal`` …), expenditure totals the 合计 row of their
table, and the “三公” items either columns of one row (上海, 江苏) or rows (新疆).
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.disclosure import Table, label
from yusuan.reference.numerals import strip_numbering

# (subject endings, candidates (table, row key, column key)), longest endings first
TOTALS: tuple[tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]], ...] = (
    (("一般公共预算财政拨款基本支出预算",), (("gpb_basic", "total", "total"),)),
    (("财政拨款基本支出预算",), (("appropriation_basic", "total", "total"),)),
    (("一般公共预算财政拨款支出预算", "一般公共预算拨款支出预算"), (("gpb", "total", "total"),)),
    (("政府性基金拨款支出预算", "政府性基金预算拨款支出预算"), (("gov_fund", "total", "total"),)),
    (("国有资本经营预算拨款支出预算",), (("state_capital", "total", "total"),)),
    (("财政拨款预算支出",), (("appropriation_functional", "total", "total"),)),
    (("财政拨款支出预算",), (("appropriation", "expenditure.total", "total"),)),
    (("财政拨款收、支总预算", "财政拨款收支总预算"), (("appropriation", "income.total", "total"),)),
    (("财政拨款收入预算总计", "财政拨款收入"), (("summary", "income.fiscal", "amount"),
                                    ("appropriation", "income.total", "total"))),
    (("一般公共预算收入预算", "一般公共预算收入"), (("summary", "income.gpb", "amount"),)),
    (("政府性基金收入预算", "政府性基金预算收入", "政府性基金收入"),
     (("summary", "income.gov_fund", "amount"),)),
    (("国有资本经营预算收入预算", "国有资本经营预算收入", "国有资本经营收入"),
     (("summary", "income.state_capital", "amount"),)),
    (("财政专户管理资金收入预算总计", "财政专户管理资金收入预算", "财政专户管理资金收入"),
     (("summary", "income.special_account", "amount"),)),
    (("其他资金收入预算总计", "其他资金收入预算", "其他资金收入", "其他资金"),
     (("summary", "income.other", "amount"), ("summary", "income.unit_funds.other", "amount"))),
    (("事业单位经营收入",), (("summary", "income.operating", "amount"),
                      ("summary", "income.unit_funds.operating", "amount"))),
    (("事业收入",), (("summary", "income.business", "amount"),
                  ("summary", "income.unit_funds.business", "amount"))),
    (("其他收入",), (("summary", "income.other", "amount"),
                  ("summary", "income.unit_funds.other", "amount"))),
    (("本年收入预算合计",), (("summary", "income.current_year", "amount"),)),
    # 江苏 说明一: “2.财政专户管理资金收入预算总计…” “3.其他资金收入预算总计…”
    (("财政专户管理资金收入预算总计", "财政专户管理资金收入预算"),
     (("summary", "income.special_account", "amount"),)),
    (("其他资金收入预算总计", "其他资金收入预算"), (("summary", "income.other", "amount"),)),
    (("上年结转资金收入预算总计", "上年结转资金预算数", "上年结转结余", "上年结转"),
     (("summary", "income.carryover", "amount"),)),
    (("收入、支出预算总计", "收支预算总计", "收入预算总计", "收入预算"),
     (("summary", "income.total", "amount"),)),
    (("本年支出预算合计",), (("summary", "expenditure.current_year", "amount"),
                        ("summary", "expenditure.current_year", "by_use"))),
    (("支出预算总计", "支出预算"), (("expenditure", "total", "total"),)),
    (("单位预留机动经费预算数", "单位预留机动经费"), (("expenditure", "total", "reserve"),)),
    (("基本支出预算数",), (("expenditure", "total", "basic"),)),
    (("项目支出预算数",), (("expenditure", "total", "project"),)),
)
# “三公” items: (subject endings, key of the row or column)
THREE_PUBLIC: tuple[tuple[tuple[str, ...], str], ...] = (
    (("三公”经费预算数", "三公”经费预算", "三公经费预算数"), "three_public"),
    (("因公出国(境)费",), "abroad"),
    (("公务用车购置费",), "vehicle.purchase"),
    (("公务用车运行费", "公务车用车运行费", "公务用车运行维护费"), "vehicle.operation"),
    (("公务用车购置及运行费", "公务车购置及运行费", "公务用车购置及运行维护费"), "vehicle"),
    (("公务接待费",), "reception"),
    (("会议费",), "meeting"),
    (("培训费",), "training"),
)
OPERATING_COST = ("机关运行经费预算", "机关运行经费财政拨款预算", "机关运行经费预算支出",
                  "机关运行经费支出预算", "机关运行经费支出")
_TRIM = ("预算支出", "支出")


def _has(table: Table, row: str, column: str) -> bool:
    """The table prints this cell (a candidate whose cell is blank is not the one meant:
    江苏's 收支总表 prints its expenditure lines in the ``by_use`` column)."""
    return any(r.key == row and r.values.get(column) is not None for r in table.rows)


def total_ref(subject: str, key: str | None,
              tables: dict[str, Table]) -> tuple[str, str, str] | None:
    """(table, row key, column key) of the cell a clause about a whole states, if any.

    A “三公” item stated with its share (``占“三公”经费的56.7%``) refers to its cell like
    any other: where the table's 合计 is more than the “三公” (江苏 adds 会议费 and 培训费),
    the checker divides by the ``three_public`` column, not the 合计.
    """
    if subject.endswith(OPERATING_COST):  # before TOTALS: “…机关运行经费支出预算” is no 支出预算
        if "operating_cost" in tables and _has(tables["operating_cost"], "total", "total"):
            return "operating_cost", "total", "total"
        three = tables.get("three_public")
        if three is not None and _has(three, "total", "operating_cost"):
            return "three_public", "total", "operating_cost"
        return None
    for endings, candidates in TOTALS:
        if subject.endswith(endings):
            return next(((t, r, c) for t, r, c in candidates
                         if t in tables and _has(tables[t], r, c)), None)
    # a 收入 line named as its table prints it: the 收支总表's, or the 财政拨款收支总表's
    table, column = ("appropriation", "total") if key == "appropriation" else ("summary", "amount")
    if key in ("income", "carryover", "overview", "appropriation"):
        row = _income_row(tables.get(table), subject)
        if row is not None and _has(tables[table], row, column):
            return table, row, column
    three = tables.get("three_public")
    if three is None or key != "three_public":
        return None
    item = subject
    for end in _TRIM:
        item = item.removesuffix(end)
    for endings, name in THREE_PUBLIC:
        if item.endswith(endings):
            return _three_public_cell(three, name)
    return None


def _income_row(table: Table | None, subject: str) -> str | None:
    """The 收入 line of a 收支总表 a clause of the 收入 section names as the table prints it
    (``单位资金``, ``政府性基金预算拨款``, ``非财政拨款结转结余``, numbering and 其中 aside), or
    ends with (``本部门单位资金``); the longest label wins, then the outermost line."""
    if table is None:
        return None
    found, said = [], label(subject)
    forms = (said, said.removesuffix("拨款"), said.removesuffix("收入"))  # 政府性基金预算(拨款)
    for r in table.rows:
        name = label(strip_numbering(r.name)).removeprefix("其中:")
        if r.key and r.key.startswith("income.") and len(name) >= 4 \
                and any(f.endswith(name) for f in forms):
            found.append((-len(name), r.key.count("."), r.key))
    return min(found)[2] if found else None


def _three_public_cell(table: Table, name: str) -> tuple[str, str, str] | None:
    """An item as a column of the one row (上海, 江苏) or as a row (新疆)."""
    columns = {c.key for c in table.columns}
    if name == "three_public" and "three_public" not in columns:
        name = "total"
    if name in columns and any(r.key == "total" for r in table.rows):
        return "three_public", "total", name
    if any(r.key == name for r in table.rows) and "total" in columns:
        return "three_public", name, "total"
    return None


# 说明一's lists of names without figures (收入预算包括：一般公共预算。): the income rows of
# the 收支总表 by the name the generator and the published documents give each
INCOME_NAMES = {"一般公共预算": "income.gpb", "政府性基金预算": "income.gov_fund",
                "国有资本经营预算": "income.state_capital",
                "财政专户管理资金": "income.special_account", "单位资金": "income.unit_funds",
                "上年结转结余": "income.carryover"}


def cell_value(tables: dict[str, Table], table: str, row: str | None, code: str | None,
               column: str) -> Decimal | None:
    """The amount of the referred cell, a blank cell of a printed row read as 0 (the text
    says 未安排 / 增加 0.00 of a fixed row the table leaves blank); None when the table does
    not print that row."""
    t = tables.get(table)
    if t is None:
        return None
    found = t.row(key=row) if row is not None else t.row(code=code) if code else None
    if found is None:
        return None
    value = found.value(column)
    return Decimal(0) if value is None else value
