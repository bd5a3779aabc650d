"""The reference document (库尔勒市人民政府办公室 2024) reproduces docs/identities.md's "result on seed":
no error; the 0.01 rounding differences as info; as warnings the 56.25% share (C4), 89 vs 86
staff (D4), 1 + 0 vs 2 units (D3), the two non-1:1 function/economic pairs (B12) and the
performance-table project name that differs from 表7 (C14).

The document is the seed text as parsed by ``yusuan.parse`` once the parser reads all four
parts (narrative facts, performance tables, glossary); until then, the Korla disclosure built
from examples/korla-2024 (same tables, generated narrative with the same facts).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from tests.conftest import SEED_TEXT
from yusuan.checks.run import check_disclosure
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding


@pytest.fixture(scope="module")
def reference(korla_disclosure: Disclosure) -> Disclosure:
    from yusuan.parse import parse_file

    parsed, _ = parse_file(SEED_TEXT)
    has_facts = any(f.share is not None for s in parsed.narrative for x in s.sentences()
                    for f in x.facts)
    if has_facts and parsed.project_performance and parsed.overall_performance \
            and parsed.glossary:
        return parsed
    return korla_disclosure


@pytest.fixture(scope="module")
def findings(reference: Disclosure) -> list[Finding]:
    return check_disclosure(reference)


def of(findings: list[Finding], rule_id: str, severity: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule_id and f.severity == severity]


def test_no_error(findings: list[Finding]) -> None:
    assert [str(f) for f in findings if f.severity == "error"] == []


ROUNDING_RULES = {
    "summary.expenditure-total-eq-classes",  # A06: 1,491.86 vs 1,491.87, n = 6
    "income.total-eq-classes", "expenditure.total-eq-classes", "gpb.total-eq-classes",  # A09
    "appropriation.expenditure-total-eq-classes",  # A12
    "gpb_basic.row-total-eq-columns",  # A13: 1,091.86 vs 1,031.95 + 59.92
    "gpb_basic.parent-eq-children",  # A14: 301 968.21 vs 968.22, n = 10
    "gpb_basic.total-eq-classes",  # A15: 人员 1,031.95 vs 1,031.94
    "gpb_basic.personnel-eq-301-303",  # A16
    # (B11's 离退休 61.95 ≤ 61.96 is an inequality, gpb_basic.retirement-le-functional: met)
}


def test_rounding_differences_are_info(findings: list[Finding]) -> None:
    rounding = [f for f in findings if f.rule_id in ROUNDING_RULES]
    assert {f.rule_id for f in rounding} == ROUNDING_RULES
    assert {f.severity for f in rounding} == {"info"}
    assert {abs(f.difference or 0) for f in rounding} == {Decimal("0.01")}
    # A09: 合计 in 表2, 表3, 表5 and 基本 in 表3, 表5 (and 表2's 财政拨款/一般公共预算 columns)
    a09 = Counter(f.location.table for f in rounding if f.rule_id.endswith("total-eq-classes")
                  and f.location.table in ("income", "expenditure", "gpb"))
    assert a09 == Counter({"income": 3, "expenditure": 2, "gpb": 2})


def test_b12_pairs_are_warnings(findings: list[Finding]) -> None:
    pairs = of(findings, "gpb_basic.insurance-eq-functional", "warning")
    assert sorted((f.expected, f.actual) for f in pairs) == [
        (Decimal("40.95"), Decimal("45.93")), (Decimal("90.25"), Decimal("101.64"))]


def test_c4_share_56_25_is_a_warning_and_c5_plug_is_info(findings: list[Finding]) -> None:
    [share] = of(findings, "narrative.share-eq-computed", "warning")
    assert (share.expected, share.actual) == (Decimal("56.24"), Decimal("56.25"))
    assert not of(findings, "narrative.share-eq-computed", "error")
    [plug] = of(findings, "narrative.shares-sum-100", "info")
    assert (plug.expected, plug.actual) == (Decimal("99.99"), Decimal("100.00"))


def test_d4_staff_89_vs_86_and_d3_units_are_warnings(findings: list[Finding]) -> None:
    [staff] = of(findings, "performance.staff-count-eq-overview", "warning")
    assert (staff.expected, staff.actual) == (86, 89)
    [units] = of(findings, "overview.unit-count-eq-units", "warning")
    assert (units.expected, units.actual) == (2, 1)


def test_c14_project_name_mismatch_is_a_warning(findings: list[Finding]) -> None:
    [name] = of(findings, "performance.project-names-eq-table", "warning")
    assert name.actual == "部门专项-库尔勒市行政服务中心业务运行经费"
    assert "部门专项-业务运行经费" in str(name.expected)
    dash = of(findings, "performance.project-names-eq-table", "info")
    assert [f.actual for f in dash] == ["部门专项—“12345”政务热线服务费"]


def test_c13_weights_are_90_everywhere(findings: list[Finding]) -> None:
    weights = of(findings, "performance.weights-sum", "info")
    assert len(weights) == 5 and {f.actual for f in weights} == {Decimal(90)}


def test_nothing_else_is_a_warning(findings: list[Finding]) -> None:
    warnings = Counter(f.rule_id for f in findings if f.severity == "warning")
    assert warnings == Counter({
        "gpb_basic.insurance-eq-functional": 2, "narrative.share-eq-computed": 1,
        "performance.staff-count-eq-overview": 1, "overview.unit-count-eq-units": 1,
        "performance.project-names-eq-table": 1,
        # 表3/表5 print 20604 as “技术与开发”; the 2024 catalogue name is “技术研究与开发”
        "classification.functional-name-matches": 1,
    })


def test_k01_cannot_be_checked(findings: list[Finding]) -> None:
    assert of(findings, "completeness.timeliness", "info")
