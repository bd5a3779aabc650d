"""Each form a sentence can take, chosen from the data: increase / decrease / unchanged /
prior year 0, missing reason or prior-year figure, empty vs non-empty tables, share methods,
the default glossary. Starts from the Korla budget and changes one thing at a time."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.conftest import KORLA
from yusuan.compose import disclosure_from_budget
from yusuan.derive.source import load_budget
from yusuan.model.budget import Assets, Budget, Procurement
from yusuan.model.disclosure import Row, Section, Sentence
from yusuan.model.errors import InputError
from yusuan.narrative.generate import narrative


@pytest.fixture(scope="module")
def korla() -> Budget:
    return load_budget(KORLA)


def _section(sections: tuple[Section, ...], key: str) -> Section:
    return next(s for s in sections if s.key == key)


def _texts(section: Section) -> list[str]:
    return ["".join(s.text for s in p) for p in section.paragraphs]


def _income_gpb(budget: Budget) -> Sentence:
    section = _section(narrative(budget), "income")
    return next(s for s in section.sentences() if s.text.startswith("一般公共预算 "))


def _with_prior(budget: Budget, **prior: str) -> Budget:
    return replace(budget, prior_year={**budget.prior_year,
                                       **{k.replace("__", "."): Decimal(v)
                                          for k, v in prior.items()}})


def test_increase(korla):
    s = _income_gpb(korla)
    assert "比上年预算增加 54.86 万元，增长 3.82%，主要原因是根据工作任务" in s.text
    assert s.facts[0].change == Decimal("54.86") and s.facts[0].rate == Decimal("3.82")


def test_decrease(korla):
    s = _income_gpb(_with_prior(korla, income__gpb="1500.00"))
    assert "比上年预算减少 8.14 万元，下降 0.54%，主要原因是" in s.text
    assert s.facts[0].change == Decimal("-8.14") and s.facts[0].rate == Decimal("-0.54")


def test_unchanged_is_worded_as_the_document_does(korla):
    s = _income_gpb(_with_prior(korla, income__gpb="1491.86"))
    assert "比上年预算增加 0.00 万元，增长 0.00%" in s.text
    assert s.facts[0].change == 0 and s.facts[0].rate == 0


def test_prior_year_zero_has_no_rate(korla):
    s = _income_gpb(_with_prior(korla, income__gpb="0"))
    assert "比上年预算增加 1,491.86 万元（上年未安排此项预算）" in s.text
    assert "%，主要原因" not in s.text
    assert s.facts[0].change == Decimal("1491.86") and s.facts[0].rate is None


def test_both_years_zero_is_unchanged(korla):
    section = _section(narrative(korla), "income")
    fund = next(s for s in section.sentences() if s.text.startswith("政府性基金预算 "))
    assert "0.00 万元，占 0.00%，比上年预算增加 0.00 万元，增长 0.00%" in fund.text
    assert fund.facts[0].rate == 0


def test_missing_reason_drops_the_clause(korla):
    reasons = {k: v for k, v in korla.reasons.items() if k not in ("income.gpb", "gpb.2010301")}
    sections = narrative(replace(korla, reasons=reasons))
    s = _income_gpb(replace(korla, reasons=reasons))
    assert s.text.endswith("增长 3.82%。") and "主要原因" not in s.text
    item = next(p for p in _section(sections, "gpb").paragraphs
                if p[0].text.startswith("1、一般公共服务支出（类）政府办公厅"))
    assert len(item) == 1 and item[0].text.endswith("增长 2.32%。")


def test_missing_prior_year_drops_the_comparison(korla):
    prior = {k: v for k, v in korla.prior_year.items() if not k.startswith("three_public")}
    s = _income_gpb(replace(korla, prior_year={k: v for k, v in prior.items()
                                                if k != "income.gpb"}))
    assert s.text == "一般公共预算 1,491.86 万元，占 100.00%。"
    three = _section(narrative(replace(korla, prior_year=prior)), "three_public")
    assert len(three.paragraphs) == 1  # the amounts, no year-over-year paragraph


def _gov_fund_budget(korla: Budget) -> Budget:
    """Korla with 100.00 万元 of 政府性基金 for 城乡社区支出 (表1, 表4, 表8)."""
    tables = []
    for t in korla.tables:
        if t.id == "summary":
            t = replace(t, rows=tuple(replace(r, values={"amount": Decimal("100.00")})
                                      if r.key == "income.gov_fund" else r for r in t.rows))
        elif t.id == "appropriation":
            t = replace(t, rows=tuple(replace(r, values={"total": Decimal("100.00")})
                                      if r.key == "income.gov_fund" else r for r in t.rows))
        elif t.id == "gov_fund":
            amounts = {"total": Decimal("100.00"), "project": Decimal("100.00")}
            t = replace(t, empty_statement=None, rows=(
                Row("合计", amounts, key="total", kind="total"),
                Row("城乡社区支出", amounts, code="212", kind="class"),
                Row("国有土地使用权出让收入安排的支出", amounts, code="21208"),
            ))
        tables.append(t)
    return replace(korla, tables=tuple(tables))


def test_empty_government_fund_prints_the_empty_statement(korla):
    assert _texts(_section(narrative(korla), "gov_fund")) == [
        "库尔勒市人民政府办公室2024年没有使用政府性基金预算拨款安排的支出，"
        "政府性基金预算支出情况表为空表。"]
    overview = _texts(_section(narrative(korla), "appropriation"))
    assert "收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算。" in overview


def test_non_empty_government_fund(korla):
    sections = narrative(_gov_fund_budget(korla))
    assert _texts(_section(sections, "gov_fund")) == [
        "库尔勒市人民政府办公室2024年政府性基金预算拨款安排的支出 100.00 万元，其中："
        "基本支出 0.00 万元，项目支出 100.00 万元。",
        "按支出功能分类：城乡社区支出 100.00 万元。"]
    appropriation = _texts(_section(sections, "appropriation"))
    assert "收入包括一般公共预算拨款、政府性基金预算拨款，无国有资本经营预算拨款。" in appropriation
    assert "收入预算包括：一般公共预算拨款 1,491.86 万元、政府性基金预算拨款 100.00 万元。" \
        in appropriation
    assert _texts(_section(sections, "overview"))[1] == \
        "收入预算包括：一般公共预算、政府性基金预算。"


def _structure(budget: Budget) -> list[Sentence]:
    return [s for s in _section(narrative(budget), "gpb").sentences()
            if s.kind == "item" and "（类）" in s.text and "（款）" not in s.text]


def test_structure_shares_default_residual_into_the_largest(korla):
    items = _structure(korla)
    shares = [s.facts[0].share for s in items]
    assert shares == [Decimal(x) for x in ("56.25", "0.32", "20.11", "13.99", "4.01", "5.32")]
    assert sum(s for s in shares if s is not None) == Decimal("100.00")


def test_structure_shares_largest_remainder(korla):
    items = _structure(replace(korla, options={"share_method": "largest-remainder"}))
    shares = [s.facts[0].share for s in items]
    assert shares == [Decimal(x) for x in ("56.24", "0.32", "20.11", "13.99", "4.01", "5.33")]
    assert sum(s for s in shares if s is not None) == Decimal("100.00")
    assert items[0].text == "1、一般公共服务支出（类）839.02 万元，占 56.24%。"


def test_projects_without_context_state_table_facts_only(korla):
    section = _section(narrative(replace(korla, projects=())), "gpb_project")
    assert _texts(section)[:3] == ["（一）项目名称：部门专项-政府办公室业务经费",
                                   "预算安排规模：40.00 万元",
                                   "项目承担单位：库尔勒市人民政府办公室"]


def test_no_procurement(korla):
    texts = _texts(_section(narrative(replace(korla, procurement=Procurement())), "other"))
    assert "2024年，库尔勒市人民政府办公室未安排政府采购预算。" in texts


def test_performance_tables_paragraph(korla):
    other = _section(narrative(korla), "other")
    kinds = [p[0].kind for p in other.paragraphs]
    assert kinds.count("performance_tables") == 1
    without = _section(narrative(replace(korla, overall_performance=(),
                                         project_performance=())), "other")
    assert all(p[0].kind != "performance_tables" for p in without.paragraphs)


def test_sections_have_canonical_keys(korla):
    assert [(s.number, s.key) for s in narrative(korla)] == [
        ("一", "overview"), ("二", "income"), ("三", "expenditure"), ("四", "appropriation"),
        ("五", "gpb"), ("六", "gpb_basic"), ("七", "gpb_project"), ("八", "gov_fund"),
        ("九", "state_capital"), ("十", "three_public"), ("十一", "carryover"),
        ("十二", "other")]


def test_default_glossary_when_the_budget_gives_none(korla):
    d = disclosure_from_budget(replace(korla, glossary=()))
    assert [g.term for g in d.glossary] == [g.term for g in korla.glossary]
    assert len(d.glossary) == 8


def test_unknown_share_method_is_an_input_error(korla):
    with pytest.raises(InputError, match="占比计算方法") as exc:
        narrative(replace(korla, options={"share_method": "banker"}))
    assert exc.value.field == "options.share_method"


def test_no_asset_facts(korla):
    texts = _texts(_section(narrative(replace(korla, assets=Assets())), "other"))
    assert texts[texts.index("（三）国有资产占用使用情况") + 1] == \
        "库尔勒市人民政府办公室未提供国有资产占用使用情况。"


def test_a_budget_without_tables_still_gets_every_section(korla):
    sections = narrative(replace(korla, tables=(), prior_year={}, reasons={}))
    assert len(sections) == 12
    assert _texts(_section(sections, "gpb")) == [
        "库尔勒市人民政府办公室2024年没有一般公共预算当年拨款。"]
    assert _texts(_section(sections, "gov_fund"))[0].endswith("政府性基金预算支出情况表为空表。")


@pytest.mark.parametrize("key", ["gov_fund", "state_capital", "carryover"])
def test_empty_table_sections_repeat_the_tables_empty_statement(korla, key):
    table = next(t for t in korla.tables if t.id == key)
    assert table.is_empty and table.empty_statement
    assert _texts(_section(narrative(korla), key)) == [table.empty_statement]
