"""Sentence shapes of the 江苏 comparisons: the base printed as an aside in brackets is last
year's figure, not this year's, and “减少了 X 万元” is a change like “减少 X 万元”."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.disclosure import Sentence
from yusuan.parse.fact_shapes import carry_comparisons, comparison
from yusuan.parse.narrative import facts


def _carried(*texts: str) -> tuple[Sentence, ...]:
    return carry_comparisons(tuple(Sentence(t, facts(t, "overview", {})) for t in texts))


def test_a_base_in_brackets_is_the_prior_year_not_a_figure_of_this_year() -> None:
    out = _carried("单位预留机动经费预算数为2,388.04万元。",
                   "与上年相比增加2,247.84 万元（上年财政仅安排省检察院本级预留机动140.2 万元），"
                   "增长 16 倍。")
    [fact] = out[0].facts
    assert (fact.amount, fact.change, fact.prior) == (
        Decimal("2388.04"), Decimal("2247.84"), Decimal("140.2"))
    assert out[1].facts == ()  # the 140.2 is no amount of its own


def test_a_bracketed_base_in_the_same_sentence() -> None:
    [fact] = facts("会议费预算数为 30 万元，比上年增加 10 万元（2024 年预算 20 万元），增长 50%。",
                   "overview", {})
    assert (fact.amount, fact.change, fact.prior, fact.rate) == (
        Decimal("30"), Decimal("10"), Decimal("20"), Decimal("50"))
    c = comparison("比上年增加 10 万元（2024 年预算 20 万元）")
    assert c is not None and c.prior == ("20", "万元")


def test_a_bracketed_note_without_a_year_is_no_base() -> None:
    c = comparison("比上年增加 10 万元（主要是新增人员 2 万元）")
    assert c is not None and c.prior is None


def test_a_change_worded_with_le_is_read() -> None:
    out = _carried("项目支出预算数为4335.3万元。", "与上年相比减少了1237.7万元，减少 13.22 %。")
    [fact] = out[0].facts
    assert (fact.amount, fact.change, fact.rate) == (
        Decimal("4335.3"), Decimal("-1237.7"), Decimal("-13.22"))


def test_the_carry_over_of_the_income_section_refers_to_its_row() -> None:
    """新疆 说明二: “上年结转结余 5.88 万元，占 0.03%” is the 收支总表's 上年结转结余 row, so
    its share is held against the income total."""
    from yusuan.model.disclosure import Column, Row, Table
    from yusuan.model.money import Unit

    summary = Table(id="summary", title="部门收支总体情况表", unit=Unit.WAN,
                    columns=(Column(key="amount", path=("预算数",), section="income"),),
                    rows=(Row(name="二、上年结转结余", key="income.carryover", section="income",
                              values={"amount": Decimal("5.88")}),))
    [fact] = facts("上年结转结余 5.88 万元，占 0.03%，比上年预算减少 83.62 万元，下降 93.43%。",
                   "income", {"summary": summary})
    assert (fact.ref_table, fact.ref_row, fact.ref_column, fact.share) == (
        "summary", "income.carryover", "amount", Decimal("0.03"))
