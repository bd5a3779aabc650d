"""Cross-year rules: a disclosure's statements about last year held against last year's document.

Where it sits: every Part 3 change ("比上年预算增加 34.86 万元", "减少 10 万元", "增长 3.30%")
implies a prior-year figure: the amount less the signed change (or, with a rate only, the amount
divided by 1 + rate). When the same department's previous disclosure is known — given with
``yusuan check THIS --previous LAST`` or stored on the platform — that figure must be the one
the previous document printed in the same table cell (the fact's cell: table, code or row,
column). A comparison the text says is with 执行数 (budget execution) or an 调整预算 (mid-year
adjustment) is not with the published budget: it is reported as ``info``, never an error.

These rules need two documents, so they are not in the single-document catalogue; ``yusuan
rules`` and ``docs/rules.md`` list them with it (``category`` ``cross-year``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from yusuan.checks.context import Context
from yusuan.checks.cross_year_final import previous_amount, said_facts
from yusuan.checks.located import said_at
from yusuan.model.disclosure import Disclosure, Fact, Section, Sentence, Table
from yusuan.model.finding import Finding, Location, Severity
from yusuan.model.kinds import Category, TableId, table_id
from yusuan.model.money import Unit, convert, format_amount
from yusuan.reference.classification import names_equal

PairCheck = Callable[[Context, Disclosure], Iterable[Finding]]  # this document's context, the other
OTHER_BASIS = ("执行数", "调整预算", "调整后预算", "执行", "追加")


@dataclass(frozen=True)
class PairRule:
    """A cross-year rule: like a catalogue ``Rule``, but its check reads two disclosures."""

    id: str
    severity: Severity
    category: Category
    title: str
    source: str
    check: PairCheck
    needs: tuple[TableId, ...] = ()
    against: Literal["previous", "budget"] = "previous"  # the other document, in the context

    def run(self, ctx: Context) -> list[Finding]:
        """The findings of this rule; none when the context holds no document to compare."""
        other = ctx.previous if self.against == "previous" else ctx.budget
        return [] if other is None else list(self.check(ctx, other))

    def finding(self, message: str, location: Location, *, severity: Severity | None = None,
                expected: object = None, actual: object = None) -> Finding:
        return Finding(self.id, severity or self.severity, self.category, message, location,
                       None if expected is None else str(expected),
                       None if actual is None else str(actual))


def _name(d: Disclosure) -> str:
    file = d.source.file if d.source and d.source.file else None
    return f"{d.year} 年{d.edition}" + (f"（{file}）" if file else "")


def _same_series(ctx: Context, previous: Disclosure) -> Iterator[Finding]:
    current = ctx.disclosure
    where = Location(file=current.source.file if current.source else None)
    if not names_equal(current.department, previous.department):
        yield SAME_SERIES.finding(
            f"上年文件的部门“{previous.department}”与本文件“{current.department}”不同，未做跨年核对",
            where, expected=current.department, actual=previous.department)
    elif previous.year != current.year - 1:
        yield SAME_SERIES.finding(
            f"上年文件是 {previous.year} 年的，本文件是 {current.year} 年的：应为 {current.year - 1} 年，"
            "未做跨年核对", where, expected=current.year - 1, actual=previous.year)
    elif previous.edition != current.edition:
        yield SAME_SERIES.finding(
            f"上年文件是{previous.edition}，本文件是{current.edition}：版本不同，未做跨年核对",
            where, expected=current.edition, actual=previous.edition)


SAME_SERIES = PairRule(
    "cross-year.same-series", "warning", "cross-year",
    "上年文件是同一部门、同一版本、上一年度的公开文件", "预算法 §14（逐年公开）", _same_series)


def _places(v: Decimal) -> int:
    exponent = v.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _half_step(v: Decimal) -> Decimal:
    """Half a unit of the last printed digit: the rounding a printed figure carries (a printed
    0 is exactly nothing)."""
    return Decimal(0) if v == 0 else Decimal(1).scaleb(-_places(v)) / 2


def _implied(fact: Fact) -> tuple[Decimal, Decimal] | None:
    """The prior-year amount a fact implies, and the rounding it carries (fact's unit)."""
    if fact.amount is None:
        return None
    if fact.change is not None:
        return fact.amount - fact.change, _half_step(fact.amount) + _half_step(fact.change)
    if fact.rate is not None and fact.rate != Decimal(-100):
        prior = fact.amount * 100 / (100 + fact.rate)
        spread = abs(prior - fact.amount * 100 / (100 + fact.rate + _half_step(fact.rate)))
        return prior, spread + _half_step(fact.amount)
    return None


def _previous_cell(previous: Disclosure, fact: Fact) -> tuple[Table, Decimal] | None:
    """The previous document's amount in the fact's cell; None when the previous document
    does not print that table, column or row. A row it lacks is not taken as 0: the
    classification changes between years (a 项 renumbered), and summary tables name their
    类 rather than code them, so an absent row says nothing about last year's figure."""
    if fact.ref_table is None or fact.ref_column is None:
        return None
    table = previous.table(table_id(fact.ref_table))
    if table is None or not any(c.key == fact.ref_column for c in table.columns):
        return None
    if fact.ref_code is not None:
        row = table.row(code=fact.ref_code)
    elif fact.ref_row is not None:
        row = table.row(key=fact.ref_row)
    else:
        return None
    if row is None:
        return None
    value = row.value(fact.ref_column)
    return table, value if value is not None else Decimal(0)


Printed = tuple[Decimal, Unit, Table | None]  # last year's amount, its unit, its table


def _statements(current: Disclosure, previous: Disclosure
                ) -> Iterator[tuple[Section, Sentence | None, str, Fact, Printed | None]]:
    """(section, sentence, its words, fact, what the previous document printed for it) of
    every fact of ``current``: its Part 3 facts by their cells, and a 决算's changes read from
    its text (``cross_year_final``) by their subjects."""
    read = list(said_facts(current))
    said = {(s.number, f.ref_table, f.ref_column) for s, _, _, f in read}
    for section in current.narrative:
        for sentence in section.sentences():
            for fact in sentence.facts:
                if (section.number, fact.ref_table, fact.ref_column) in said:
                    continue  # the same statement, read from the text below
                cell = _previous_cell(previous, fact)
                yield section, sentence, sentence.text, fact, None if cell is None else (
                    cell[1], cell[0].unit, cell[0])
    for part, where, text, fact in read:
        yield part, where, text, fact, previous_amount(previous, fact.subject)


def _prior_figures(ctx: Context, previous: Disclosure) -> Iterator[Finding]:
    current = ctx.disclosure
    if any(True for _ in _same_series(ctx, previous)):
        return
    for section, sentence, text, fact, printed_as in _statements(current, previous):
        number = section.number
        implied = _implied(fact)
        if implied is None or printed_as is None:
            continue
        printed, unit, table = printed_as
        prior = convert(implied[0], fact.unit, unit)
        allowance = convert(implied[1], fact.unit, unit) + _half_step(printed)
        if abs(prior - printed) <= allowance:
            continue
        where = said_at(current, section, sentence, table=fact.ref_table, code=fact.ref_code,
                        name=fact.subject, column=fact.ref_column)
        said = f"第三部分“{number}”：“{fact.subject}”" if number else f"“{fact.subject}”"
        page = table.origin.page if table and table.origin and table.origin.page else None
        there = _name(previous) + (f"表“{table.title}”" if table else "第三部分") + (
            f"（第 {page} 页）" if page else "")
        printed_as_word = "印为" if table else "所述为"
        if any(word in text for word in OTHER_BASIS):
            yield PRIOR.finding(
                f"{said}与上年比较的基数是执行数或调整后预算，不是上年公开的预算：隐含上年数 "
                f"{format_amount(prior)}{unit}，{there}为 {format_amount(printed)}"
                f"{unit}", where, severity="info", expected=printed, actual=prior)
            continue
        yield PRIOR.finding(
            f"{said}所述增减隐含上年数 {format_amount(prior)}{unit}，{there}"
            f"{printed_as_word} {format_amount(printed)}{unit}，相差 {format_amount(prior - printed)}"
            f"{unit}", where, expected=printed, actual=prior)


PRIOR = PairRule(
    "cross-year.prior-eq-previous", "error", "cross-year",
    "所述比上年增减（增减额或增减率）隐含的上年数等于上年公开文件同一表格同一格的金额",
    "预算法 §14；docs/identities.md C6（跨年度）", _prior_figures)

RULES: tuple[PairRule, ...] = (SAME_SERIES, PRIOR)


def check_previous(current: Disclosure, previous: Disclosure) -> list[Finding]:
    """Every cross-year finding of ``current`` against ``previous``."""
    ctx = Context.of(current, previous=previous)
    return [f for rule in RULES for f in rule.run(ctx)]



