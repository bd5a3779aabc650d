"""Part 1 facts, Part 3 sentences with their facts, and the performance tables, read back
from the Korla seed and the corpus PDFs (the checker holds them against the tables)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import FIXTURES, SEED_TEXT
from yusuan.model.disclosure import Fact
from yusuan.parse import parse_file
from yusuan.parse.narrative import facts, section_key


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED_TEXT)[0]


def _facts(disclosure, key):
    return [f for s in disclosure.section(key).sentences() for f in s.facts]


def test_sections_get_the_generators_keys(seed):
    assert [s.key for s in seed.narrative] == [
        "overview", "income", "expenditure", "appropriation", "gpb", "gpb_basic",
        "gpb_project", "gov_fund", "state_capital", "three_public", "carryover", "other"]
    assert [s.number for s in seed.narrative][:3] == ["一", "二", "三"]


def test_item_sentence_refers_to_its_functional_row(seed):
    fact = next(f for f in _facts(seed, "gpb") if f.ref_code == "2010301")
    assert fact == Fact(subject="行政运行", amount=Decimal("739.02"), change=Decimal("16.79"),
                        rate=Decimal("2.32"), ref_table="gpb", ref_code="2010301",
                        ref_column="total", basis="预算")  # 比上年预算增加: no year named


def test_decrease_is_negative(seed):
    fact = next(f for f in _facts(seed, "gpb") if f.ref_code == "2050803")
    assert (fact.change, fact.rate) == (Decimal("-0.17"), Decimal("-3.41"))


def test_parsed_facts_agree_with_the_generated_ones(seed, korla_disclosure):
    """Every figure the generator states about a coded row is read back with the same ref."""
    def coded(d):
        """Facts on coded rows whose figure the sentence prints (a list sentence may not)."""
        return {(f.ref_table, f.ref_code, f.amount, f.change, f.rate, f.share)
                for s in d.narrative for x in s.sentences() for f in x.facts
                if f.ref_code and f"{f.amount:,}" in x.text.replace(" ", "")}

    generated = coded(korla_disclosure)
    assert len(generated) >= 20
    assert generated <= coded(seed)


def test_whole_table_figures(seed):
    basic = next(f for f in _facts(seed, "expenditure") if f.ref_column == "basic")
    assert (basic.ref_table, basic.ref_row, basic.amount, basic.share) == (
        "expenditure", "total", Decimal("1091.86"), Decimal("73.19"))
    personnel = next(f for f in _facts(seed, "gpb_basic") if f.ref_column == "personnel")
    assert personnel.amount == Decimal("1031.95") and personnel.ref_row == "total"


def test_fact_from_a_shanghai_sentence():
    disclosure, _ = parse_file(FIXTURES / "shanghai-putuo-commerce-commission-2025-dept-budget.pdf")
    stated = [f for s in disclosure.narrative for x in s.sentences() for f in x.facts
              if f.ref_code == "2150899"]
    assert stated and stated[0].amount == Decimal("29381.00")
    row = disclosure.table("gpb").row(code="2150899")
    assert row.value("total") == Decimal("293810000.00")  # 元; the sentence says 万元


def test_section_key_from_titles():
    assert section_key("关于某局 2024 年财政拨款收支预算情况的总体说明") == "appropriation"
    assert section_key("2025年“三公”经费预算情况说明") == "three_public"
    assert section_key("关于某局 2024 年一般公共预算基本支出情况说明") == "gpb_basic"


def test_flat_means_zero_change():
    (fact,) = facts("政府性基金拨款支出预算0万元，比2024年预算执行数持平；", "overview", {})
    assert fact.amount == Decimal("0") and fact.change == Decimal("0")


def test_part1_staffing_and_units(seed):
    overview = seed.overview
    assert overview.units == ("库尔勒市人民政府办公室", "库尔勒市行政服务中心")
    assert (overview.admin_unit_count, overview.institution_unit_count) == (1, 0)
    s = overview.staffing
    assert (s.authorized, s.actual, s.in_service, s.retired, s.lixiu) == (45, 86, 39, 46, 1)
    assert (s.in_service_change, s.retired_change, s.lixiu_change) == (-7, 1, 0)


def test_performance_tables(seed):
    (overall,) = seed.overall_performance
    assert overall.fiscal_local == Decimal("1491.86") and overall.contact == "许方远"
    assert len(overall.indicators) == 4
    assert overall.indicators[1].value == ">=24次"  # as budget.yaml: converter spaces dropped
    projects = {p.project: p for p in seed.project_performance}
    assert len(projects) == 4
    p = projects["部门专项-政府办公室业务经费"]
    assert (p.total, p.fiscal, p.unit_name) == (Decimal("40.00"), Decimal("40.00"),
                                                "库尔勒市人民政府办公室")
    assert p.indicators[0].level1 == "产出指标" and p.indicators[0].weight == Decimal("10")


def test_pdf_performance_tables_in_yuan():
    disclosure, _ = parse_file(FIXTURES / "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf")
    p = next(p for p in disclosure.project_performance if p.project == "新建万里街道社区公共服务中心")
    assert p.total == Decimal("4100000.00") and p.unit.value == "元"
    assert p.indicators[0].level3 == "规划建筑面积"


def test_pdf_indicator_groups_printed_mid_group_fill_upwards():
    disclosure, _ = parse_file(FIXTURES / "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf")
    p = next(p for p in disclosure.project_performance if p.project == "新建万里街道社区公共服务中心")
    assert [(i.level1, i.level2) for i in p.indicators[:2]] == [("产出指标", "数量指标"),
                                                               ("产出指标", "质量指标")]


def test_glossary(seed):
    assert [g.term for g in seed.glossary][:3] == ["财政拨款", "一般公共预算", "财政专户管理资金"]
    assert len(seed.glossary) == 8 and seed.glossary[6].term == "“三公”经费"
    js, _ = parse_file(FIXTURES / "jiangsu-provincial-procuratorate-2019-dept-budget.pdf")
    assert len(js.glossary) == 9
    assert js.glossary[8].term == "机关运行经费"
    assert js.glossary[8].definition.endswith("公务用车运行维护费及其他费用。")  # wrapped lines
    sh, _ = parse_file(FIXTURES / "shanghai-putuo-commerce-commission-2025-dept-budget.pdf")
    assert [g.term for g in sh.glossary][-1] == "机关运行经费"
    assert sh.glossary[-1].definition.endswith("日常公用经费支出。")


def test_each_clause_states_its_own_fact():
    stated = facts("2025年，某委收入预算37,151.47万元，其中：财政拨款收入37,151.47万元，"
                   "比2024年预算执行数增加24,558.18万元；", "overview", {})
    assert [(f.subject, f.amount, f.change) for f in stated] == [
        ("2025年,某委收入预算", Decimal("37151.47"), None),
        ("财政拨款收入", Decimal("37151.47"), Decimal("24558.18"))]
    listed = facts("其中：人员经费 13,452.12 万元、公用经费 2,391.92 万元。", "gpb_basic", {})
    assert [(f.subject, f.amount) for f in listed] == [
        ("人员经费", Decimal("13452.12")), ("公用经费", Decimal("2391.92"))]
