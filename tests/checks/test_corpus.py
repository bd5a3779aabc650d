"""The real published PDFs (tests/fixtures/*.pdf), parsed: every ``error`` the checker reports
is a real inconsistency of that document, and the real ones are found.

Known real errors, verified against the printed text:

- 江苏省人民检察院 2019, 第三部分一: "收入、支出预算总计 24,169.74 万元，与上年相比……各增加
  2214.39 万元，增长 10.06%". 2214.39 ÷ (24,169.74 − 2214.39) = 10.086%, i.e. 10.09%; no rounding
  of the printed amounts gives 10.06% (the range is 10.0858–10.0860%). And "项目支出预算数为
  4335.3万元。与上年相比减少了1237.7万元，减少 13.22 %": 1237.7 ÷ (4335.3 + 1237.7) = 22.21%
  (13.22% is the rate of the 基本支出 sentence just above it).
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
    (JIANGSU, "narrative.yoy-rate-eq-computed", Decimal("34.36"), Decimal("34.38")),
    (JIANGSU, "narrative.yoy-rate-eq-computed", Decimal("-22.21"), Decimal("-13.22")),
    (SHANGHAI_WANLI, "performance.amount-eq-tables", Decimal("11419043.00"),
     Decimal("10903043.00")),
    (SHANGHAI_WANLI, "narrative.item-amount-eq-heading", Decimal("220.63"), Decimal("441.25")),
    (SHANGHAI_WANLI, "narrative.rate-eq-stated-base", Decimal("289.12"), Decimal("314.82")),
    (SHANGHAI_WANLI, "narrative.prior-not-negative", None, Decimal("1421.25")),
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
    [f] = [f for f in errors(d) if f.rule_id == "narrative.yoy-rate-eq-computed"
           and f.actual == Decimal("10.06")]
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


def test_jiangsu_housing_fund_rate_error_is_found(parsed: dict[str, Disclosure]) -> None:
    """p. 29: “住房公积金（项）支出1442.74万元，与上年相比增加368.97万元，增加34.38 %”:
    368.97 ÷ (1442.74 − 368.97 = 1073.77) = 34.36 %, 0.02 points off — more than the rounding
    of the two printed amounts allows (the page image reads the same figures)."""
    [f] = [f for f in errors(parsed[JIANGSU]) if f.rule_id == "narrative.yoy-rate-eq-computed"
           and f.actual == Decimal("34.38")]
    assert f.expected == Decimal("34.36") and "1,073.77" in f.message


def test_jiangsu_whole_wan_change_allows_its_rounding(parsed: dict[str, Disclosure]) -> None:
    """p. 29: “提租补贴（项）支出4243.61万元，与上年相比增加1657万元，增加64.07 %”: 1657 is
    printed in whole 万元 (±0.5), so 64.06–64.08 % all follow — not an error."""
    [f] = [f for f in check_disclosure(parsed[JIANGSU]) if f.actual == Decimal("64.07")]
    assert f.severity == "info" and f.expected == Decimal("64.06")


def _wanli_errors(parsed: dict[str, Disclosure], rule_id: str) -> list[Finding]:
    return [f for f in errors(parsed[SHANGHAI_WANLI]) if f.rule_id == rule_id]


def test_wanli_item_copied_from_the_item_above_is_found(parsed: dict[str, Disclosure]) -> None:
    """p. 7, item 16: “机关事业单位职业年金缴费支出（项）”220.63万元 … 2023年预算安排441.25万元，
    比2022年预算执行数增加60.54%” — 441.25 and 60.54 % are item 15's (441.25 from 274.85);
    with 220.63 from 132.59 the rate is 66.40 %. One finding: the figure, naming the rate."""
    [f] = _wanli_errors(parsed, "narrative.item-amount-eq-heading")
    assert (f.expected, f.actual) == (Decimal("220.63"), Decimal("441.25"))
    assert "60.54%" in f.message and "66.40%" in f.message
    assert not [g for g in _wanli_errors(parsed, "narrative.rate-eq-stated-base")
                if g.actual == Decimal("60.54")]


def test_wanli_item_rate_that_does_not_follow_is_found(parsed: dict[str, Disclosure]) -> None:
    """p. 6, item 3: 执行数 11.67万元, 预算安排 45.41万元, “增加314.82%”: (45.41 − 11.67) ÷ 11.67
    = 289.12 %. The other 25 item rates of 说明 follow from their figures (no finding)."""
    [f] = _wanli_errors(parsed, "narrative.rate-eq-stated-base")
    assert (f.expected, f.actual) == (Decimal("289.12"), Decimal("314.82"))
    assert "一般行政管理事务" in f.message and "执行数" in f.message


def test_wanli_fund_change_making_last_year_negative_is_found(
        parsed: dict[str, Disclosure]) -> None:
    """p. 6: “政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元” (the 一般公共预算 line's
    change repeated): last year's budget would be −1421.25万元."""
    [f] = _wanli_errors(parsed, "narrative.prior-not-negative")
    assert f.actual == Decimal("1421.25") and "政府性基金" in f.message


JIANGSU_2017 = "jiangsu-provincial-procuratorate-2017-dept-budget.pdf"
FINANCE = "shanghai-putuo-finance-bureau-2025-dept-budget.pdf"


@pytest.fixture(scope="module")
def more() -> dict[str, Disclosure]:
    from yusuan.parse import parse_file

    return {name: parse_file(FIXTURES / name)[0] for name in (JIANGSU_2017, FINANCE)}


def _narrative_errors(d: Disclosure) -> list[Finding]:
    return [f for f in errors(d) if f.category == "narrative"]


def test_jiangsu_2017_narrative_errors_are_the_real_ones(more: dict[str, Disclosure]) -> None:
    """p. 19: “基本支出预算数为12323.46万元” where 表3 and 说明三 print 12,323.48; p. 22:
    机关运行经费 6032.55万元, “比2016年增加3401.59万元，增长129.97%”: 3401.59 ÷ 2630.96 =
    129.29 %; 说明十一 (read now that its wrapped 三公 table title is recognised): the shares
    18.85 %, 54.43 %, 26.72 % of the 三公 total 584.35 万元 are 18.82 %, 54.39 %, 26.79 %.
    Nothing else: 说明一's 公共安全（类）13656.34 is the 收支总表's row (with 15 万元 of
    其他资金), 其他资金 15 万元 its own row, and 99.92 % a share of 本年支出合计 17996.68."""
    found = {(f.rule_id, f.expected, f.actual) for f in _narrative_errors(more[JIANGSU_2017])}
    assert found == {
        ("narrative.amount-eq-table", Decimal("12323.48"), Decimal("12323.46")),
        ("narrative.yoy-rate-eq-computed", Decimal("129.29"), Decimal("129.97")),
        ("narrative.share-eq-computed", Decimal("18.82"), Decimal("18.85")),
        ("narrative.share-eq-computed", Decimal("54.39"), Decimal("54.43")),
        ("narrative.share-eq-computed", Decimal("26.79"), Decimal("26.72")),
    }


def test_finance_bureau_pension_item_typo_is_one_finding(more: dict[str, Disclosure]) -> None:
    """p. 7 (and again p. 8): “机关事业单位职业年金缴费支出（项）”887.36万元” — the tables print
    873,617.00 元 (87.36 万元). The list is printed twice: one finding, naming the second."""
    [f] = [f for f in _narrative_errors(more[FINANCE]) if f.actual == Decimal("887.36")]
    assert f.expected == Decimal("87.36") and len(f.also) == 1
