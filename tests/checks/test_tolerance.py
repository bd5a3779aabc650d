"""Rounding tolerance (docs/rules.md): a printed total may differ from the sum of its n printed
items by up to half the last printed digit × (n + 1) — 0.005 × (n + 1) in tables of cents,
0.5 × (n + 1) in tables of whole 元 or 万元 — info, not error; beyond, error.
Blank is not zero for printing, but counts as nothing in a sum."""

from __future__ import annotations

import dataclasses

from tests.checks.helpers import D, disclosure, findings_of, table
from yusuan.checks.catalogue import rule as catalogue_rule
from yusuan.checks.cross_table import cell_eq
from yusuan.checks.index import Index, printed_quantum
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


def test_a_table_printed_in_whole_yuan_allows_half_a_yuan_per_figure() -> None:
    """No amount of the table has decimals: each figure is off by up to 0.5 元, so a total
    of two items may differ from their sum by up to 1.5 元 (info); 2 元 is an error."""
    [f] = findings_of(disclosure(gpb("100001", ("40000", "60000"), unit=Unit.YUAN)),
                      "gpb.total-eq-classes")
    assert f.severity == "info" and "±1.5" in f.message and "个位" in f.message
    [f] = findings_of(disclosure(gpb("100002", ("40000", "60000"), unit=Unit.YUAN)),
                      "gpb.total-eq-classes")
    assert f.severity == "error" and str(f.difference) == "2"


def test_whole_wan_tables_allow_half_a_wan_per_figure() -> None:
    [f] = findings_of(disclosure(gpb("11", ("4", "6"))), "gpb.total-eq-classes")
    assert f.severity == "info" and "±1.5" in f.message and str(f.difference) == "1"


def test_one_amount_with_cents_makes_the_table_a_table_of_cents() -> None:
    """Zeros printed ``0`` say nothing; any amount with cents sets the precision to 0.01."""
    [f] = findings_of(disclosure(gpb("100001", ("40000.00", "60000"), unit=Unit.YUAN)),
                      "gpb.total-eq-classes")
    assert f.severity == "error"
    assert str(printed_quantum([D("0"), D("12"), D("3")])) == "1"
    assert str(printed_quantum([D("0"), D("12"), D("3.50")])) == "0.01"
    assert str(printed_quantum([D("0")])) == "0.01"
    assert str(printed_quantum([D("12.345678")])) == "0.01"  # exact figures print to the cent


def test_cells_of_two_tables_compare_at_the_coarser_precision() -> None:
    """表1 in whole 元 against 表5 in cents: one 元 of difference is the rounding of 表1."""
    d = disclosure(gpb("100000.40", ("40000.20", "60000.20"), unit=Unit.YUAN),
                   table("summary", ["amount"], [(None, "一般公共预算", ["100001"])],
                         unit=Unit.YUAN))
    ix = Index.of(d)
    assert str(ix["summary"].quantum) == "1" and str(ix["gpb"].quantum) == "0.01"
    row = ix["summary"].table.rows[0]
    rule = catalogue_rule("gpb.total-eq-classes")
    [f] = cell_eq(rule, d, ix["gpb"], D("100000.40"), ix["summary"], row, "amount", "表1")
    assert f.severity == "info"
    [f] = cell_eq(rule, d, ix["gpb"], D("100000.40"), ix["summary"], row, "amount", "表1",
                  actual_value=D("100002"))
    assert f.severity == "error"
