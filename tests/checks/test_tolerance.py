"""Rounding tolerance (DESIGN.md "Money"): a printed total may differ from the sum of its n
printed items by up to 0.005 × (n + 1) in the printed unit — info, not error; beyond, error.
Blank is not zero for printing, but counts as nothing in a sum."""

from __future__ import annotations

import dataclasses

from tests.checks.helpers import disclosure, findings_of, table
from yusuan.checks.rule import tolerance
from yusuan.model.money import Unit


def gpb(total: str, items: tuple[str, str], unit: Unit = Unit.WAN):  # type: ignore[no-untyped-def]
    return table("gpb", ["total"], [
        (None, "总计", [total]),
        ("201", "一般公共服务支出", [items[0]]),
        ("205", "教育支出", [items[1]]),
    ], unit=unit)


def test_tolerance_grows_with_the_number_of_items() -> None:
    assert str(tolerance(2)) == "0.015"
    assert str(tolerance(6)) == "0.035"


def test_exact_total_has_no_finding() -> None:
    assert findings_of(disclosure(gpb("10.00", ("4.00", "6.00"))), "gpb.total-eq-classes") == []


def test_a_cent_off_over_two_items_is_rounding_info() -> None:
    [f] = findings_of(disclosure(gpb("10.01", ("4.00", "6.00"))), "gpb.total-eq-classes")
    assert f.severity == "info"
    assert str(f.expected) == "10.00" and str(f.actual) == "10.01"
    assert "四舍五入" in f.message


def test_two_cents_off_over_two_items_is_an_error() -> None:
    [f] = findings_of(disclosure(gpb("10.02", ("4.00", "6.00"))), "gpb.total-eq-classes")
    assert f.severity == "error"
    assert str(f.difference) == "0.02"
    assert "相差 +0.02" in f.message


def test_the_same_formula_applies_in_yuan_tables() -> None:
    t = gpb("100000.01", ("40000.00", "60000.00"), unit=Unit.YUAN)
    [f] = findings_of(disclosure(t), "gpb.total-eq-classes")
    assert f.severity == "info"
    t = gpb("100001.00", ("40000.00", "60000.00"), unit=Unit.YUAN)
    [f] = findings_of(disclosure(t), "gpb.total-eq-classes")
    assert f.severity == "error"


def test_blank_item_counts_as_nothing_and_blank_total_against_zero_agrees() -> None:
    assert findings_of(disclosure(gpb("4.00", ("4.00", None))), "gpb.total-eq-classes") == []  # type: ignore[arg-type]
    t = table("gpb", ["total"], [(None, "总计", [None]), ("201", "一般公共服务支出", ["0.00"])])
    assert findings_of(disclosure(t), "gpb.total-eq-classes") == []


def test_blank_total_against_printed_items_is_an_error() -> None:
    t = table("gpb", ["total"], [(None, "总计", [None]), ("201", "一般公共服务支出", ["5.00"])])
    [f] = findings_of(disclosure(t), "gpb.total-eq-classes")
    assert f.severity == "error" and f.actual is None


def test_tables_in_different_units_are_compared_in_wan(korla_disclosure) -> None:  # type: ignore[no-untyped-def]
    """表6 in 元 (exact), 表5 in 万元 (rounded): equal at the 万元 precision, no error."""
    def to_yuan(t):  # type: ignore[no-untyped-def]
        rows = tuple(dataclasses.replace(r, values={k: v * 10000 + 43 if v is not None else None
                                                    for k, v in r.values.items()})
                     for r in t.rows)
        return dataclasses.replace(t, unit=Unit.YUAN, rows=rows)

    d = dataclasses.replace(korla_disclosure, tables=tuple(
        to_yuan(t) if t.id == "gpb_basic" else t for t in korla_disclosure.tables))
    found = findings_of(d, "gpb_basic.total-eq-gpb.basic")
    assert [f.severity for f in found] == []
