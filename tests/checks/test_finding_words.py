"""What a reviewer reads in a finding: the section as the document calls it (上海's Part 3
has unnumbered sections: 部门预算编制说明), and every stated change with its unit."""

from __future__ import annotations

from tests.conftest import FIXTURES
from yusuan.checks.run import check_disclosure
from yusuan.parse.dispatch import parse_file


def test_unnumbered_section_named_by_its_title_and_changes_carry_their_unit():
    d, _ = parse_file(FIXTURES / "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf")
    messages = [f.message for f in check_disclosure(d)]
    assert not [m for m in messages if "第三部分“”" in m]
    heading = [m for m in messages if "部门预算编制说明所述“机关事业单位职业年金缴费支出”" in m]
    assert heading and "（相差 +220.62万元）" in heading[0], messages


def test_rate_finding_states_change_and_prior_in_the_unit():
    d, _ = parse_file(FIXTURES / "jiangsu-provincial-procuratorate-2019-dept-budget.pdf")
    rates = [f.message for f in check_disclosure(d)
             if f.rule_id == "narrative.yoy-rate-eq-computed" and "项目支出预算数" in f.message]
    assert rates and "按增减额 -1,237.70万元 ÷ 上年数 5,573.00万元" in rates[0], rates
