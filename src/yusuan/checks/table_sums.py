"""Rules A07–A10, A13–A19: arithmetic inside the grid tables (表2 收入, 表3 支出, 表5 一般公共预算,
表6 基本支出, 表7 项目支出, 表8/表9 基金/国资, 表10 三公): column sums inside a row, the
classification hierarchy (类 = Σ 款, 款 = Σ 项) and totals (总计 = Σ 类).

A row formula is applied only when the table has no column the formula does not know, so a
profile with other columns is skipped rather than misjudged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial

from yusuan.checks.context import Context
from yusuan.checks.index import TableIndex
from yusuan.checks.rule import BOTH_KINDS, Rule
from yusuan.checks.sums import column_title, columns_eq_sum, row_eq_sum, row_title
from yusuan.model.codes import class_of, kuan_of
from yusuan.model.disclosure import Disclosure, Row
from yusuan.model.finding import Finding
from yusuan.model.kinds import TableId

FUNCTIONAL_TABLES = ("income", "expenditure", "gpb", "gov_fund", "state_capital")

# Row formulas: table → ((total column, part columns, other columns allowed), …). A formula
# applies when the table has all its parts and no column outside total + parts + others.
_INCOME_FISCAL = ("gpb", "gpb_transfer", "gov_fund", "gov_fund_transfer", "state_capital",
                  "state_capital_transfer")
ROW_FORMULAS: dict[str, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {
    "income": (
        ("total", ("fiscal", "special_account", "unit_funds", "carryover_fiscal",
                   "carryover_nonfiscal"), _INCOME_FISCAL),
        ("fiscal", _INCOME_FISCAL,
         ("total", "special_account", "unit_funds", "carryover_fiscal", "carryover_nonfiscal")),
        ("total", ("fiscal", "business", "operating", "other"), ()),
    ),
    "expenditure": (("total", ("basic", "project"), ()),
                    ("total", ("basic", "project", "reserve", "carry_forward"), ())),
    "gpb": (("total", ("basic", "project"), ()),),
    "gov_fund": (("total", ("personnel", "public_funds", "project"), ()),
                 ("total", ("basic", "project"), ())),
    "state_capital": (("total", ("personnel", "public_funds", "project"), ()),
                      ("total", ("basic", "project"), ())),
    "gpb_basic": (("total", ("personnel", "public_funds"), ()),),
    "three_public": (("total", ("gpb", "gov_fund", "state_capital"), ()),),
}
ROW_REFS = {"income": "A07", "expenditure": "A10", "gpb": "A10", "gov_fund": "A10",
            "state_capital": "A10", "gpb_basic": "A13", "three_public": "A19"}
TABLE_NAMES = {
    "income": "部门收入总表", "expenditure": "部门支出总表", "gpb": "一般公共预算支出表",
    "gpb_basic": "一般公共预算基本支出表", "gov_fund": "政府性基金预算支出表",
    "state_capital": "国有资本经营预算支出表", "three_public": "“三公”经费支出表",
    "gpb_project": "项目支出表", "appropriation_functional": "财政拨款支出表（功能科目）",
    "appropriation_basic": "财政拨款基本支出表（经济科目）", "operating_cost": "机关运行经费支出表",
}


def _row_what(t: TableIndex, r: Row, total: str, names: str) -> str:
    return f"表“{t.table.title}”{row_title(r)}：{column_title(t, total).split('/')[-1]} = {names}"


def _parent_what(t: TableIndex, r: Row, column: str, level: str) -> str:
    return f"表“{t.table.title}”{row_title(r)}（{column_title(t, column)}）= 下级科目之和（{level}）"


def _total_what(t: TableIndex, column: str) -> str:
    return f"表“{t.table.title}”总计（{column_title(t, column)}）= 各类之和"


def _has_data(row: Row) -> bool:
    return any(v is not None for v in row.values.values())


def _row_formula_rule(rule_id: str, table_id: TableId) -> Rule:
    def check(ctx: Context) -> Iterator[Finding]:
        d = ctx.disclosure
        t = ctx.index[table_id]
        keys = {c.key for c in t.table.columns}
        for total, parts, others in ROW_FORMULAS[table_id]:
            present = [p for p in parts if p in keys]
            if total not in keys or len(present) != len(parts) or keys - {total, *parts, *others}:
                continue
            names = " + ".join(column_title(t, p).split("/")[-1] for p in present)
            for r in t.table.rows:
                if _has_data(r):
                    yield from columns_eq_sum(
                        rule, d, t, r, total, present,
                        partial(_row_what, t, r, total, names))

    rule = Rule(rule_id, "error", "arithmetic",
                f"{TABLE_NAMES[table_id]}每一行：合计栏等于其组成栏之和",
                f"docs/identities.md {ROW_REFS[table_id]}", check, (table_id,))
    return rule


def _hierarchy(rule: Rule, d: Disclosure, t: TableIndex, rows: list[Row],
               kids_of: Callable[[Row], list[Row]]) -> Iterator[Finding]:
    for r in rows:
        kids = kids_of(r)
        if not kids:
            continue
        level = "类" if len(r.code or "") == 3 else "款"
        for c in t.table.columns:
            if c.section not in (None, r.section):
                continue
            yield from row_eq_sum(
                rule, d, t, r, c.key, kids,
                partial(_parent_what, t, r, c.key, level))


def _hierarchy_rule(rule_id: str, table_id: TableId) -> Rule:
    def check(ctx: Context) -> Iterator[Finding]:
        d = ctx.disclosure
        t = ctx.index[table_id]
        yield from _hierarchy(rule, d, t, t.coded, t.kids)

    ref = "A14" if table_id in ("gpb_basic", "appropriation_basic", "operating_cost") else "A08"
    rule = Rule(rule_id, "error", "arithmetic",
                f"{TABLE_NAMES[table_id]}：类 = Σ 款，款 = Σ 项（每一栏）", f"docs/identities.md {ref}",
                check, (table_id,), kinds=BOTH_KINDS)  # a 决算 adds up like a budget
    return rule


def _total_rule(rule_id: str, table_id: TableId) -> Rule:
    def check(ctx: Context) -> Iterator[Finding]:
        d = ctx.disclosure
        t = ctx.index[table_id]
        total, classes = t.total(), t.classes()
        if total is None or not classes:
            return
        for c in t.table.columns:
            yield from row_eq_sum(rule, d, t, total, c.key, classes,
                                  partial(_total_what, t, c.key))

    ref = "A15" if table_id in ("gpb_basic", "appropriation_basic", "operating_cost") else "A09"
    rule = Rule(rule_id, "error", "arithmetic",
                f"{TABLE_NAMES[table_id]}：总计 = 各类之和（每一栏）", f"docs/identities.md {ref}",
                check, (table_id,), kinds=BOTH_KINDS)
    return rule


# ---------------------------------------------------------------- 表6 人员经费 / 公用经费

PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "307", "309", "310", "312", "399")


def _basic_split(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    t = ctx.index["gpb_basic"]
    total = t.total()
    if total is None or not t.has_column("total"):
        return
    for column, classes, what in (
        ("personnel", PERSONNEL_CLASSES, "人员经费 = 工资福利支出（301）+ 对个人和家庭的补助（303）"),
        ("public_funds", PUBLIC_CLASSES, "公用经费 = 商品和服务支出（302）及其他公用类"),
    ):
        if not t.has_column(column):
            continue
        rows = [r for c in classes if (r := t.code(c)) is not None]
        if rows:
            yield from row_eq_sum(BASIC_SPLIT, d, t, total, column, rows,
                                  f"表“{t.table.title}”{what}", item_column="total")


BASIC_SPLIT = Rule(
    "gpb_basic.personnel-eq-301-303", "warning", "arithmetic",
    "基本支出表：人员经费 = 301 + 303 类合计，公用经费 = 302 类（及 310、399）合计",
    "docs/identities.md A16；名词解释五", _basic_split, ("gpb_basic",))


# ---------------------------------------------------------------- 表7 项目支出

def _project_structure(ctx: Context) -> Iterator[Finding]:
    """总计 = Σ 单位小计 = Σ 项目; 单位小计 = Σ 其项目; 单位内 类 = Σ 款, 款 = Σ 项目."""
    d = ctx.disclosure
    t = ctx.index["gpb_project"]
    rule = PROJECT_STRUCTURE
    rows = list(t.table.rows)
    total = t.total()
    projects = [r for r in rows if r.kind == "project" or (r.project and r.kind != "total")]
    units = [r for r in rows if r.kind == "unit"]
    if total is not None and projects:
        yield from row_eq_sum(rule, d, t, total, "total", projects,
                              f"表“{t.table.title}”总计 = 各项目之和")
    if total is not None and units:
        yield from row_eq_sum(rule, d, t, total, "total", units,
                              f"表“{t.table.title}”总计 = 各单位小计之和")
    # group rows by unit block, in printed order
    blocks: list[tuple[Row, list[Row]]] = []
    for r in rows:
        if r.kind == "unit":
            blocks.append((r, []))
        elif blocks and r.kind != "total":
            blocks[-1][1].append(r)
    project_ids = {id(r) for r in projects}
    for unit_row, block in blocks:
        unit_projects = [r for r in block if id(r) in project_ids]
        if unit_projects:
            yield from row_eq_sum(rule, d, t, unit_row, "total", unit_projects,
                                  f"表“{t.table.title}”单位小计“{unit_row.name}”= 其项目之和")
        for r in block:
            if id(r) in project_ids or not r.code:
                continue
            kids = _kids(r.code, block, project_ids)
            if kids:
                yield from row_eq_sum(rule, d, t, r, "total", kids,
                                      f"表“{t.table.title}”“{unit_row.name}”{row_title(r)} = 下级科目之和")


def _kids(parent: str, block: list[Row], project_ids: set[int]) -> list[Row]:
    """Direct children in one unit's block: 款 under a 类; 项 (or, where no 项 row is printed,
    the projects coded to the 款's 项) under a 款; projects under a 项 row."""
    plain = [r for r in block if r.code and id(r) not in project_ids]
    projects = [r for r in block if r.code and id(r) in project_ids]
    if len(parent) == 3:
        return [r for r in plain if len(r.code or "") == 5 and class_of(r.code or "") == parent]
    if len(parent) == 5:
        items = [r for r in plain if len(r.code or "") == 7 and kuan_of(r.code or "") == parent]
        if items:
            return items
        return [r for r in projects if len(r.code or "") == 7 and kuan_of(r.code or "") == parent]
    return [r for r in projects if r.code == parent]


def _project_columns(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    t = ctx.index["gpb_project"]
    parts = [c.key for c in t.table.columns if c.key != "total"]
    if not t.has_column("total") or not parts:
        return
    for r in t.table.rows:
        if _has_data(r):
            yield from columns_eq_sum(PROJECT_COLUMNS, d, t, r, "total", parts,
                                      f"表“{t.table.title}”{r.project or row_title(r)}：项目支出合计 = 各经济分类栏之和")


PROJECT_COLUMNS = Rule(
    "gpb_project.row-total-eq-columns", "error", "arithmetic",
    "项目支出表每一行：项目支出合计 = 各经济分类栏之和", "docs/identities.md A17",
    _project_columns, ("gpb_project",))
PROJECT_STRUCTURE = Rule(
    "gpb_project.total-eq-projects", "error", "arithmetic",
    "项目支出表：总计 = Σ 项目 = Σ 单位小计；单位小计 = Σ 其项目；单位内类/款/项逐级相加",
    "docs/identities.md A18", _project_structure, ("gpb_project",))


# ---------------------------------------------------------------- 表10 三公

def _three_public(ctx: Context) -> Iterator[Finding]:
    """Items as rows (新疆: one row per item, columns by fund) or as columns (上海、江苏: one row,
    one column per item, with 会议费/培训费 beside the 三公 小计 in 江苏)."""
    d = ctx.disclosure
    t = ctx.index["three_public"]
    whole = "three_public" if t.has_column("three_public") else "total"
    formulas: tuple[tuple[str, tuple[str, ...]], ...] = (
        (whole, ("abroad", "vehicle", "reception")),
                ("vehicle", ("vehicle.purchase", "vehicle.operation")))
    if t.has_column("abroad"):
        if whole == "three_public" and t.has_column("meeting") and t.has_column("training"):
            formulas += (("total", ("three_public", "meeting", "training")),)
        for total, parts in formulas:
            present = [p for p in parts if t.has_column(p)]
            if not t.has_column(total) or len(present) != len(parts):
                continue
            for r in t.table.rows:
                if _has_data(r):
                    yield from columns_eq_sum(
                        THREE_PUBLIC, d, t, r, total, present,
                        f"表“{t.table.title}”{column_title(t, total).split('/')[-1]} = "
                        + " + ".join(column_title(t, p).split("/")[-1] for p in present))
        return
    for total_key, part_keys in formulas:
        whole_row = t.key("total" if total_key == "three_public" else total_key)
        part_rows = [p for k in part_keys if (p := t.key(k)) is not None]
        if whole_row is None or len(part_rows) != len(part_keys):
            continue
        for c in t.table.columns:
            yield from row_eq_sum(THREE_PUBLIC, d, t, whole_row, c.key, part_rows,
                                  f"表“{t.table.title}”{whole_row.name}（{column_title(t, c.key)}）= "
                                  + " + ".join(p.name for p in part_rows))


THREE_PUBLIC = Rule(
    "three_public.total-eq-items", "error", "arithmetic",
    "“三公”经费表：合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；车小计 = 购置费 + 运行费",
    "docs/identities.md A19", _three_public, ("three_public",))

# ---------------------------------------------------------------- 江苏 公开12表 政府采购

_CATEGORY = re.compile(r"^[一二三四五六七八九十]+、")  # 一、货物A, 二、工程B, 三、服务C


def _procurement(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    t = ctx.index["procurement"]
    total = t.total()
    categories = [r for r in t.table.rows if _CATEGORY.match(r.name) and not r.project]
    if total is None or not categories:
        return
    yield from row_eq_sum(PROCUREMENT, d, t, total, "total", categories,
                          f"表“{t.table.title}”合计 = " + " + ".join(r.name for r in categories))


PROCUREMENT = Rule(
    "procurement.total-eq-categories", "error", "arithmetic",
    "政府采购支出预算表：合计 = 各采购品目大类（货物、工程、服务）之和",
    "docs/identities.md A21", _procurement, ("procurement",))

RULES: tuple[Rule, ...] = (
    _row_formula_rule("income.row-total-eq-columns", "income"),
    _row_formula_rule("expenditure.row-total-eq-columns", "expenditure"),
    _row_formula_rule("gpb.row-total-eq-columns", "gpb"),
    _row_formula_rule("gov_fund.row-total-eq-columns", "gov_fund"),
    _row_formula_rule("state_capital.row-total-eq-columns", "state_capital"),
    _row_formula_rule("gpb_basic.row-total-eq-columns", "gpb_basic"),
    _row_formula_rule("three_public.row-total-eq-columns", "three_public"),
    _hierarchy_rule("income.parent-eq-children", "income"),
    _hierarchy_rule("expenditure.parent-eq-children", "expenditure"),
    _hierarchy_rule("gpb.parent-eq-children", "gpb"),
    _hierarchy_rule("gov_fund.parent-eq-children", "gov_fund"),
    _hierarchy_rule("state_capital.parent-eq-children", "state_capital"),
    _hierarchy_rule("gpb_basic.parent-eq-children", "gpb_basic"),
    # 江苏's tables by classification besides those
    _hierarchy_rule("appropriation_functional.parent-eq-children", "appropriation_functional"),
    _hierarchy_rule("appropriation_basic.parent-eq-children", "appropriation_basic"),
    _hierarchy_rule("operating_cost.parent-eq-children", "operating_cost"),
    _total_rule("appropriation_functional.total-eq-classes", "appropriation_functional"),
    _total_rule("appropriation_basic.total-eq-classes", "appropriation_basic"),
    _total_rule("operating_cost.total-eq-classes", "operating_cost"),
    _total_rule("income.total-eq-classes", "income"),
    _total_rule("expenditure.total-eq-classes", "expenditure"),
    _total_rule("gpb.total-eq-classes", "gpb"),
    _total_rule("gov_fund.total-eq-classes", "gov_fund"),
    _total_rule("state_capital.total-eq-classes", "state_capital"),
    _total_rule("gpb_basic.total-eq-classes", "gpb_basic"),
    BASIC_SPLIT, PROJECT_COLUMNS, PROJECT_STRUCTURE, THREE_PUBLIC, PROCUREMENT,
)
