"""The ways a change and its rate are worded (``parse.fact_shapes``): each gives the change
and the rate, signed, so the checker can hold them against the tables and each other. Forms
seen in published documents besides the ones of the corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.parse.narrative import facts

D = Decimal


@pytest.mark.parametrize(("text", "change", "rate"), [
    ("一般公共预算拨款收入1,388.87万元，比上年增加120.50万元，增长9.50%。", D("120.50"), D("9.50")),
    ("一般公共预算拨款收入1388.87万元，同比增加120.50万元，增幅9.50%。", D("120.50"), D("9.50")),
    ("一般公共预算拨款收入1388.87万元，与上年相比减少120.50万元，降幅9.50%。",
     D("-120.50"), D("-9.50")),
    ("一般公共预算拨款收入1388.87万元，比上年预算增加120.50万元，增长率为9.50%。",
     D("120.50"), D("9.50")),
    ("一般公共预算拨款收入为1388.87万元，较上年预算数减少120.50万元，下降幅度为9.50%。",
     D("-120.50"), D("-9.50")),
    ("一般公共预算拨款收入1388.87万元，比上年增长120.50万元，增长了9.50%。", D("120.50"), D("9.50")),
    ("一般公共预算拨款收入1388.87万元，比上年下降120.50万元，下降9.50%。", D("-120.50"), D("-9.50")),
    ("一般公共预算拨款收入1388.87万元，较上年上升120.50万元，增幅达9.50%。", D("120.50"), D("9.50")),
    # a change of a share is in 百分点, no rate of the amount
    ("一般公共预算拨款收入1388.87万元，较上年增加120.50万元，增长9.50个百分点。", D("120.50"), None),
])
def test_a_change_and_its_rate_in_each_wording(text: str, change: Decimal,
                                               rate: Decimal | None) -> None:
    [fact] = facts(text, "income", {})
    assert (fact.amount, fact.change, fact.rate) == (D("1388.87"), change, rate)


def test_a_change_in_another_unit_is_in_the_figure_s_unit() -> None:
    """上海 mixes 元 and 万元 in one sentence."""
    [fact] = facts("一般公共预算拨款收入1388.87万元，比上年增加1205000元。", "income", {})
    assert (fact.amount, fact.unit.value, fact.change) == (D("1388.87"), "万元", D("120.5"))


def test_a_share_said_as_a_weight() -> None:
    [fact] = facts("一般公共预算拨款收入1388.87万元，比重为86.53%。", "income", {})
    assert fact.share == D("86.53")
