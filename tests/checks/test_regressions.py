"""Regressions found by building the synthetic example from line items."""

from __future__ import annotations

from tests.checks.helpers import disclosure, findings_of, table


def test_economic_functional_compares_the_sum_of_several_functional_rows():
    # 30301 + 30302 = 2080501 + 2080502: 20.00 + 20.22 = 22.33 + 17.89 = 40.22
    gpb = table("gpb", ["total", "basic", "project"], [
        (None, "总计", ["40.22", "40.22", None]),
        ("2080501", "行政单位离退休", ["22.33", "22.33", None]),
        ("2080502", "事业单位离退休", ["17.89", "17.89", None]),
    ])
    basic = table("gpb_basic", ["total", "personnel", "public_funds"], [
        (None, "总计", ["40.22", "40.22", None]),
        ("30301", "离休费", ["20.00", "20.00", None]),
        ("30302", "退休费", ["20.22", "20.22", None]),
    ])
    assert findings_of(disclosure(gpb, basic), "gpb_basic.economic-eq-functional") == []


def test_economic_functional_still_reports_a_real_difference():
    gpb = table("gpb", ["total", "basic", "project"], [
        (None, "总计", ["40.22", "40.22", None]),
        ("2080501", "行政单位离退休", ["22.33", "22.33", None]),
        ("2080502", "事业单位离退休", ["17.89", "17.89", None]),
    ])
    basic = table("gpb_basic", ["total", "personnel", "public_funds"], [
        (None, "总计", ["41.22", "41.22", None]),
        ("30301", "离休费", ["21.00", "21.00", None]),
        ("30302", "退休费", ["20.22", "20.22", None]),
    ])
    found = findings_of(disclosure(gpb, basic), "gpb_basic.economic-eq-functional")
    assert [f.severity for f in found] == ["warning"]
    assert found[0].actual == found[0].actual.__class__("40.22")


def test_timeliness_counts_days_from_approval_to_publication(korla_disclosure):
    import dataclasses

    late = dataclasses.replace(korla_disclosure, approved_on="2024-02-02")  # 21 days
    [f] = findings_of(late, "completeness.timeliness")
    assert (f.severity, f.expected, f.actual) == ("error", 20, 21)
    on_time = dataclasses.replace(korla_disclosure, approved_on="2024-02-03")  # 20 days
    assert findings_of(on_time, "completeness.timeliness") == []
    early = dataclasses.replace(korla_disclosure, approved_on="2024-03-01")
    assert [f.severity for f in findings_of(early, "completeness.timeliness")] == ["warning"]
