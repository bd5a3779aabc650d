"""Part 3's 人员经费 and 公用经费 against a 基本支出 table by economic class that prints no
such columns (江苏's 一般公共预算 and 财政拨款基本支出表): 人员经费 is 工资福利支出 (301) +
对个人和家庭的补助 (303), 公用经费 the rest of the 合计.

Where a table prints the two columns (新疆, 上海), ``narrative.amount-eq-table`` holds the
figure against them; this rule takes over only where they are not printed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.checks.facts import stated_facts
from yusuan.checks.located import said_at, section_label
from yusuan.checks.rule import Rule, compare
from yusuan.checks.table_sums import PERSONNEL_CLASSES
from yusuan.model.finding import Finding
from yusuan.model.money import convert, round_half_up

_TABLES = ("gpb_basic", "appropriation_basic")


def _basic_split(ctx: Context) -> Iterator[Finding]:
    d = ctx.disclosure
    for st in stated_facts(ctx.index):
        f = st.fact
        if f.ref_table not in _TABLES or f.ref_column not in ("personnel", "public_funds") \
                or f.amount is None:
            continue
        t = ctx.index.get(f.ref_table)
        if t is None or t.has_column(f.ref_column) or not t.has_column("total"):
            continue
        total = t.total()
        personnel = [r.value("total") for c in PERSONNEL_CLASSES if (r := t.code(c))]
        if total is None or total.value("total") is None or not personnel:
            continue
        people = sum((v for v in personnel if v is not None), Decimal(0))
        whole = total.value("total") or Decimal(0)
        expected = people if f.ref_column == "personnel" else whole - people
        if f.unit != t.table.unit:
            expected = round_half_up(convert(expected, t.table.unit, f.unit))
        what = "工资福利支出（301）+ 对个人和家庭的补助（303）" if f.ref_column == "personnel" \
            else "合计 −（301 + 303）"
        yield from compare(
            BASIC_SPLIT, expected=expected, actual=f.amount, n=len(personnel) + 1, unit=f.unit,
            what=f"{section_label(st.section)}所述“{f.subject}”与表“{t.table.title}”{what}",
            location=said_at(d, st.section, st.sentence, table=f.ref_table, name=f.subject,
                             column=f.ref_column))


BASIC_SPLIT = Rule("narrative.basic-split-eq-classes", "error", "narrative",
                   "基本支出表不列人员经费、公用经费两栏时：所述人员经费 = 301 + 303 类之和，"
                   "公用经费 = 合计 − 人员经费", "docs/identities.md A14", _basic_split)

RULES: tuple[Rule, ...] = (BASIC_SPLIT,)
