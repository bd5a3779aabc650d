"""Regressions found by building the synthetic example from line items."""

from __future__ import annotations

from tests.checks.helpers import disclosure, findings_of, table


def test_retirement_compares_the_sum_of_several_functional_rows():
    # 30301 + 30302 ≤ 2080501 + 2080502: 20.00 + 20.22 = 22.33 + 17.89 = 40.22
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
    assert findings_of(disclosure(gpb, basic), "gpb_basic.retirement-le-functional") == []


def test_retirement_items_may_pay_more_than_the_pensions():
    """上海 prints 2080501+02 a fifth above 离休费+退休费 (the 离退休 项 pay 生活补助 too): no
    finding; 离退休费 paid under 2080504 (未归口管理, 江苏) counts on the functional side."""
    gpb = table("gpb", ["total", "basic", "project"], [
        (None, "总计", ["1678496.00", "1678496.00", None]),
        ("2080501", "行政单位离退休", ["1678496.00", "1678496.00", None]),
    ])
    basic = table("gpb_basic", ["total", "personnel", "public_funds"], [
        (None, "总计", ["1678496.00", "1678496.00", None]),
        ("30302", "退休费", ["1449536.00", "1449536.00", None]),
        ("30305", "生活补助", ["228960.00", "228960.00", None]),
    ])
    assert findings_of(disclosure(gpb, basic), "gpb_basic.retirement-le-functional") == []
    gpb = table("gpb", ["total", "basic", "project"], [
        (None, "总计", ["371.92", "371.92", None]),
        ("2080504", "未归口管理的行政单位离退休", ["371.92", "371.92", None]),
    ])
    basic = table("gpb_basic", ["total", "personnel", "public_funds"], [
        (None, "总计", ["371.92", "371.92", None]),
        ("30301", "离休费", ["100.00", "100.00", None]),
        ("30302", "退休费", ["271.92", "271.92", None]),
    ])
    assert findings_of(disclosure(gpb, basic), "gpb_basic.retirement-le-functional") == []


def test_retirement_reports_pensions_above_their_items():
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
    found = findings_of(disclosure(gpb, basic), "gpb_basic.retirement-le-functional")
    assert [f.severity for f in found] == ["warning"]
    assert (str(found[0].expected), str(found[0].actual)) == ("40.22", "41.22")
    assert "离休费、退休费（30301+30302）41.22万元，大于" in found[0].message


def test_timeliness_counts_days_from_approval_to_publication(korla_disclosure):
    import dataclasses

    late = dataclasses.replace(korla_disclosure, approved_on="2024-02-02")  # 21 days
    [f] = findings_of(late, "completeness.timeliness")
    assert (f.severity, f.expected, f.actual) == ("error", 20, 21)
    on_time = dataclasses.replace(korla_disclosure, approved_on="2024-02-03")  # 20 days
    assert findings_of(on_time, "completeness.timeliness") == []
    early = dataclasses.replace(korla_disclosure, approved_on="2024-03-01")
    assert [f.severity for f in findings_of(early, "completeness.timeliness")] == ["warning"]


def test_a_class_printed_with_its_numeral_is_found_in_the_text():
    """江苏's 公开01表 prints “八、社会保障和就业支出”; 检察院 2018's 说明一 says
    “2．社会保障和就业支出1,836.22万元”: listed (the numbering is the table's). Its 2017
    说明一 names 公共安全 only: the two 类 it leaves out are still reported."""
    from pathlib import Path

    from yusuan.parse import parse_file

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    found = {}
    for year in (2017, 2018):
        d, _ = parse_file(fixtures / f"jiangsu-provincial-procuratorate-{year}-dept-budget.pdf")
        found[year] = sorted(f.location.code or "" for f in
                             findings_of(d, "narrative.lists-complete"))
    assert found == {2017: ["208", "221"], 2018: []}


def test_an_empty_table_stated_in_the_text_in_words_of_its_own():
    """江苏 政协 states its empty 政府性基金 table in the text explaining it (2017: “七、政府性基金
    支出预算表情况说明 本表数为零。”; 2019: “…政府性基金支出预算支出 0 万元，与上年数一致。”),
    not with the word 空表: stated."""
    from pathlib import Path

    from yusuan.intake.read import read_inputs

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    for year in (2017, 2019):
        files = [fixtures / f"jiangsu-cppcc-office-{year}-dept-budget.part{n}.pdf"
                 for n in ("1-narrative", "2-tables")]
        [intake], _ = read_inputs(files)
        d = intake.disclosure
        assert d.table("gov_fund") is not None and d.table("gov_fund").is_empty
        assert findings_of(d, "completeness.empty-table-stated") == [], year
