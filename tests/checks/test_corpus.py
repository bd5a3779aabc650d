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

import dataclasses
from decimal import Decimal

import pytest

from tests.conftest import FIXTURES
from yusuan.checks.run import check_disclosure
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding

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
    """Not everything is skipped: a changed printed total is caught in each layout (by 100
    units: a table printed in whole 元 allows half a 元 of rounding per item)."""

    for d in parsed.values():
        gpb = d.table("gpb")
        assert gpb is not None
        rows = tuple(dataclasses.replace(r, values={k: (v + 100 if v is not None else None)
                                                    for k, v in r.values.items()})
                     if r.kind == "class" else r for r in gpb.rows)
        broken = dataclasses.replace(d, tables=tuple(dataclasses.replace(t, rows=rows)
                                                     if t.id == "gpb" else t for t in d.tables))
        found = errors(broken)  # a root and the consequences it lists (``also``)
        assert {g.rule_id for f in found for g in (f, *f.also)} >= {"gpb.parent-eq-children"}


def _findings(d: Disclosure, rule_id: str) -> list[Finding]:
    return [f for f in check_disclosure(d) if f.rule_id == rule_id]


def test_jiangsu_three_public_shares_are_of_the_three_public_total(
        parsed: dict[str, Disclosure]) -> None:
    """江苏 states each “三公” item's share of the “三公” (80 ÷ 418.26 = 19.1%, at the one
    decimal it prints); its table's 合计 (1,276.70) adds 会议费 and 培训费. The three shares
    are linked to their items and all three are right."""
    from tests.checks.helpers import map_facts

    d = parsed[JIANGSU]
    shares = [f for s in d.narrative for x in s.sentences() for f in x.facts
              if f.share is not None and f.ref_table == "three_public"]
    assert [f.ref_column for f in shares] == ["abroad", "vehicle", "reception"]
    for rule in ("narrative.share-eq-computed", "narrative.shares-sum-100"):
        assert [f for f in _findings(d, rule) if f.location.table == "three_public"] == []

    def wrong(f):  # 80 ÷ 1,276.70 = 6.3%: a share of the 合计 is wrong for a “三公” item
        return dataclasses.replace(f, share=Decimal("6.3")) if f.ref_column == "abroad" and \
            f.share is not None else f

    [finding] = [f for f in _findings(map_facts(d, wrong), "narrative.share-eq-computed")
                 if f.location.table == "three_public"]
    assert (finding.severity, finding.expected, finding.actual) == (
        "error", Decimal("19.1"), Decimal("6.3"))


def test_a_wrong_three_public_item_equal_to_another_column_is_an_error(
        parsed: dict[str, Disclosure]) -> None:
    """上海商务委 prints 合计 1.00 = 公务接待费 1.00 in one row. A 公务用车运行费 stated as 1.00
    (the table prints none) names its own column: it is wrong, whatever the 合计 column
    prints — an error, not the info kept for a classification row whose column the reader
    chose (see the next test)."""
    from tests.checks.helpers import map_facts

    d = parsed[SHANGHAI_COMMERCE]
    assert _findings(d, "narrative.amount-eq-table") == []

    def wrong(f):
        return dataclasses.replace(f, amount=Decimal("1.00")) \
            if f.ref_column == "vehicle.operation" else f

    [finding] = _findings(map_facts(d, wrong), "narrative.amount-eq-table")
    assert (finding.severity, finding.expected, finding.actual) == (
        "error", None, Decimal("1.00"))


def test_a_class_row_amount_equal_to_another_column_is_info(
        parsed: dict[str, Disclosure]) -> None:
    """A fact referring to a classification row (``ref_code``) names the row, not the column
    (the reader takes it from the section): an amount equal to another column of that row
    may be about that column — info."""
    from tests.checks.helpers import map_facts

    d = parsed[SHANGHAI_WANLI]  # 2089999: 合计 13,312,677 = 基本 11,434,477 + 项目 1,878,200 元
    assert _findings(d, "narrative.amount-eq-table") == []

    def moved(f):  # the sentence about 2089999 states its 项目支出 (187.82 万元)
        return dataclasses.replace(f, amount=Decimal("187.82")) if f.ref_code == "2089999" \
            else f

    [finding] = [f for f in _findings(map_facts(d, moved), "narrative.amount-eq-table")
                 if f.location.code == "2089999"]
    assert (finding.severity, finding.actual) == ("info", Decimal("187.82"))
