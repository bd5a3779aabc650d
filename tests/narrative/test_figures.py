"""Shares and year-over-year changes (narrative/figures.py)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from yusuan.narrative.figures import change, share, shares

KORLA_CLASSES = [D(x) for x in ("839.02", "4.81", "300.00", "208.73", "59.87", "79.44")]
KORLA_TOTAL = D("1491.86")  # the 类 rows add up to 1,491.87: a rounding difference


def test_share_rounds_half_up():
    assert share(D("1091.86"), KORLA_TOTAL) == D("73.19")
    assert share(D("839.02"), KORLA_TOTAL) == D("56.24")
    assert share(D("1"), D("8")) == D("12.50")
    assert share(D("0.125"), D("1")) == D("12.50")
    assert share(D("5"), D("0")) == D("0.00")


def test_residual_goes_into_the_largest_share():
    out = shares(KORLA_CLASSES, KORLA_TOTAL)
    assert out == tuple(D(x) for x in ("56.25", "0.32", "20.11", "13.99", "4.01", "5.32"))
    assert sum(out) == D("100.00")


def test_largest_remainder():
    out = shares(KORLA_CLASSES, KORLA_TOTAL, "largest-remainder")
    assert out == tuple(D(x) for x in ("56.24", "0.32", "20.11", "13.99", "4.01", "5.33"))
    assert sum(out) == D("100.00")


@pytest.mark.parametrize("method", ["residual", "largest-remainder"])
def test_thirds_add_up_to_100(method):
    out = shares([D(1), D(1), D(1)], D(3), method)
    assert sum(out) == D("100.00")
    assert sorted(out) == [D("33.33"), D("33.33"), D("33.34")]


def test_parts_that_are_not_a_structure_are_rounded_on_their_own():
    assert shares([D(10), D(20)], D(100)) == (D("10.00"), D("20.00"))
    assert shares([D(10), D(20)], D(100), "largest-remainder") == (D("10.00"), D("20.00"))


def test_zero_total():
    assert shares([D(0), D(0)], D(0)) == (D("0.00"), D("0.00"))


def test_unknown_method():
    with pytest.raises(ValueError, match="占比计算方法"):
        shares([D(1)], D(1), "banker")


@pytest.mark.parametrize(("current", "prior", "direction", "amount", "rate"), [
    ("1491.86", "1437.00", "increase", "54.86", "3.82"),
    ("4.81", "4.98", "decrease", "-0.17", "-3.41"),
    ("300.00", "300.00", "unchanged", "0.00", "0.00"),
    ("0.00", "0.00", "unchanged", "0.00", "0.00"),
    ("61.96", "30.33", "increase", "31.63", "104.29"),
])
def test_change(current, prior, direction, amount, rate):
    c = change(D(current), D(prior))
    assert (c.direction, c.amount, c.rate) == (direction, D(amount), D(rate))


def test_change_from_zero_has_no_rate():
    c = change(D("12.00"), D("0"))
    assert c.direction == "new" and c.amount == D("12.00") and c.rate is None
