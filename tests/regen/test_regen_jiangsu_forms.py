"""江苏 written again: the forms a figure is printed in beyond the wording's first ways — a
rise of 100% or more in 倍, a remark in brackets after a change, 比上年相比 with 降幅, the
国有资本经营预算 of 其他重要事项说明, only the largest 类/项 listed, a 0 left out where the last
item listed ends as the others do — each on the corpus document that prints it and on the
example built from data."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache

import yaml

from tests.conftest import EXAMPLES, FIXTURES
from yusuan.compose import budget_tables, disclosure_from_budget
from yusuan.compose.changes import as_form, printed_changes
from yusuan.compose.published import disclosure_from_published
from yusuan.compose.variants import _rates
from yusuan.derive.source import load_budget
from yusuan.model.budget import Budget
from yusuan.narrative.figures import change
from yusuan.narrative.generate import narrative
from yusuan.narrative.region import Region
from yusuan.narrative.wording import Writer
from yusuan.regen import Regenerated, regenerate
from yusuan.regen.differences import compare

DOCUMENTS = {d["name"]: d["files"] for d in yaml.safe_load(
    (FIXTURES / "expected" / "tables.yaml").read_text(encoding="utf-8"))["documents"]}
PROCURATORATE = "jiangsu-provincial-procuratorate-{}-dept-budget"
CPPCC_2018 = "jiangsu-cppcc-office-2018-dept-budget"


@cache
def regenerated(name: str) -> Regenerated:
    return regenerate([FIXTURES / f for f in DOCUMENTS[name]])


def _text(name: str, key: str) -> str:
    section = next(s for s in regenerated(name).disclosure.narrative if s.key == key)
    return "".join(s.text for s in section.sentences())


def _kinds(name: str) -> set[str]:
    return {d.kind for d in regenerated(name).comparison.differences}


@cache
def _example() -> Budget:
    return budget_tables(load_budget(EXAMPLES / "jiangsu-dept-2019"))


def _written(key: str, **options: str) -> list[str]:
    budget = _example()
    return [s.text for sec in narrative(replace(budget, options={**budget.options, **options}),
                                        only=key) for s in sec.sentences()]


def test_a_rise_of_100_percent_or_more_in_times():
    """增长16倍: the change over last year's figure, with the places a rate has; a rise under
    100% keeps its rate, and without the 倍 wording chosen a rise of any size is a rate."""
    c = replace(change(Decimal("2388.04"), Decimal("140.2")), about="expenditure.reserve")
    small = replace(change(Decimal("120"), Decimal("100")), about="expenditure.basic")

    def clause(c, **options: str) -> str:
        r = Region(Writer.of(replace(_example(), options=options))).within("overview")
        return r.change_clause(c, change_key="overview/change")

    times = {"variant.overview/change/times": "1"}
    assert clause(c, **times) == "与上年相比增加2,247.84万元，增长16.03倍"
    assert clause(c, **times, **{"numbers.places": "0"}) == "与上年相比增加2,247.84万元，增长16倍"
    assert clause(small, **times) == "与上年相比增加20.00万元，增长20.00%"
    assert clause(c) == "与上年相比增加2,247.84万元，增长1603.31%"


def test_a_remark_after_a_change_is_read_with_its_figures_as_fields():
    """The figures of a remark that are the statement's own become fields; any other figure
    is kept as printed. A comma inside the brackets does not split the statement."""
    current, delta = Decimal("2388.04"), Decimal("2247.84")
    assert as_form("上年财政仅安排省检察院本级预留机动140.2万元", current, delta) == \
        "（上年财政仅安排省检察院本级预留机动{prior}万元）"
    assert as_form("其中培训费30万元，增加2,247.84万元", current, delta) == \
        "（其中培训费30万元，增加{change}万元）"
    remarks: list[str | None] = []
    text = "与上年相比增加2,247.84万元（上年仅安排140.2万元，减少100万元），增长16倍。"
    assert printed_changes(text, remarks) == [delta]
    assert remarks == ["上年仅安排140.2万元，减少100万元"]


def test_the_corpus_remark_and_times_come_back_as_printed():
    """检察院 2018's 单位预留机动经费: 增加2,247.84万元（上年财政仅安排…140.2万元），增长16倍 —
    and its 机关运行经费 比上年相比减少…，降幅54.9% (the lead and the rate's places its own)."""
    name = PROCURATORATE.format(2018)
    assert "与上年相比增加2,247.84万元（上年财政仅安排省检察院本级预留机动140.2万元），增长16倍。" \
        in _text(name, "overview")
    assert "比上年相比减少3,309.98万元，降幅54.9%。" in _text(name, "operating_cost")
    assert _kinds(name) == {"figure"}  # what is left is the original's own figures


def test_a_remark_written_again_states_our_figures():
    """Built with a remark whose figure is last year's: written from the tables, and read back
    from the document built so it is the same remark."""
    budget = _example()
    prior = dict(budget.prior_year)
    prior["expenditure.reserve"] = Decimal("140.2")
    remark = {"remark.expenditure.reserve": "（上年仅安排本级预留机动{prior}万元）"}
    options = {"variant.overview/change/times": "1", "numbers.places": "0"}
    built = disclosure_from_budget(replace(budget, prior_year=prior, options=options,
                                           texts={**budget.texts, **remark}))
    text = "".join(s.text for s in built.narrative[0].sentences())
    assert "增加1,059.80万元（上年仅安排本级预留机动140.20万元），增长8倍" in text
    again = disclosure_from_published(built)
    assert not compare(built.narrative, again.narrative).differences


def test_state_capital_of_other_matters():
    """其他重要事项说明 (2018): the targets under （一）, then （二） the 国有资本经营预算 — left out,
    said to be none, or stated as 0 with its change (政协 2018: 与上年数一致, read from the
    printed text)."""
    assert "2018年本部门国有资本经营预算收入为0万元，与上年数一致，本部门无此项预算收支安排。" in \
        _text(CPPCC_2018, "performance")
    assert _kinds(CPPCC_2018) == {"figure"}
    assert _written("performance") == ["2019年本部门共0个项目实行绩效目标管理，涉及财政性资金合计0.00万元。"]
    none = _written("performance", **{"variant.performance/state_capital": "1"})
    assert none[0] == "（一）预算绩效目标设置情况说明" and none[2] == "（二）国有资本经营预算收支情况"
    assert none[3] == "2019年本部门无国有资本经营预算收入。"
    stated = _written("performance", **{"variant.performance/state_capital": "2"})
    assert stated[3] == "2019年本部门国有资本经营预算收入为0.00万元，本部门无此项预算收支安排。"


def test_only_the_largest_class_and_item_listed():
    """检察院 2017 lists in 一 only its largest 类 and in 五 only its largest 项: written again,
    nothing it does not list is added; built from data, the same choice lists one of each."""
    assert "added" not in _kinds(PROCURATORATE.format(2017))
    options = {"variant.items/listed": "1", "variant.overview/classes": "1"}
    items = [t for t in _written("appropriation_functional", **options) if "（项）支出" in t]
    assert len(items) == 1 and items[0].startswith("1．")
    classes = [t for t in _written("overview", **options) if "（类）支出" in t]
    assert len(classes) == 1
    assert len([t for t in _written("appropriation_functional") if "（项）支出" in t]) > 1


def test_a_zero_left_out_where_the_last_item_ends_as_the_others():
    """检察院 2019 lists 基本支出, 项目支出 and 单位预留机动经费, each ending in ；, and leaves out
    its 结转下年资金 of 0: leaving the 0 out and ending the last item so are chosen together."""
    name = PROCURATORATE.format(2019)
    text = _text(name, "expenditure")
    assert text.endswith("单位预留机动经费3990.4万元，占16.5%；") and "结转" not in text
    assert _kinds(name) == {"figure"}


def test_any_lead_goes_with_any_change_words():
    """九 on words a change in parts as 一–八 do: a lead printed without a rate elsewhere
    (比上年预算) with 降幅 and 减少了 here; built so, it comes back word for word."""
    options = {"variant.three_public/change": "1", "variant.three_public/change/fall": "3",
               "variant.three_public/change/decrease": "1"}
    text = "".join(_written("three_public", **options))
    assert "比上年预算减少了11.56万元，降幅6.80%" in text
    lead = "".join(_written("three_public", **{"variant.three_public/change": "1"}))
    assert "比上年预算减少11.56万元。" in lead  # that lead alone prints no rate
    budget = _example()
    built = disclosure_from_budget(replace(budget, options={**budget.options, **options}))
    assert not compare(built.narrative, disclosure_from_published(built).narrative).differences


def test_a_rate_printed_wrong_is_written_with_its_places():
    """检察院 2018 prints 36.58% and 9.1% for 36.59% and 9.15%: written again with two places
    and with one, as printed (the figure is ours, the places the document's)."""
    assert _rates("增长36.58%") == _rates("增长36.59%") != _rates("增长36.6%")
    assert _rates("降幅9.1%") == _rates("降幅9.2%") != _rates("降幅9.15%")
    figures = {(d.original, d.regenerated) for d in regenerated(PROCURATORATE.format(2018))
               .comparison.differences}
    assert ("与上年相比减少184.96万元，降幅9.1%。", "与上年相比减少184.96万元，降幅9.2%。") in figures


def test_the_totals_change_is_worded_in_parts_too():
    """一's 收、支预算总计 and 四's 财政拨款收、支总计 take the rise and fall words any change
    takes (增幅 here), and come back so."""
    options = {"variant.overview/total_change/rise": "2",
               "variant.appropriation/change_words/rise": "2"}
    assert "与上年相比收、支预算总计各增加740.53万元，增幅6.22%" in _written("overview", **options)[0]
    assert "财政拨款收、支总计各增加740.53万元，增幅6.22%" in "".join(
        _written("appropriation", **options))
    budget = _example()
    built = disclosure_from_budget(replace(budget, options={**budget.options, **options}))
    assert not compare(built.narrative, disclosure_from_published(built).narrative).differences


def test_sections_kept_are_numbered_without_a_gap():
    """政协 2018 prints no 国有资产 section: written again, 其他重要事项说明 is 十三 as printed,
    not 十四 after a section left out."""
    numbers = [(s.number, s.title) for s in regenerated(CPPCC_2018).disclosure.narrative]
    assert numbers[-2:] == [("十二", "政府采购支出预算情况说明"), ("十三", "其他重要事项说明")]


def test_an_item_named_alone_or_with_its_kuan():
    """五's 项 with its 款 before it (市场监督管理事务（款）行政运行（项）), or alone — in any of
    the item sentences; built either way, it comes back so."""
    path = [t for t in _written("appropriation_functional") if "（项）" in t]
    alone = [t for t in _written("appropriation_functional", **{"variant.items/named": "1"})
             if "（项）" in t]
    assert all("（款）" in t for t in path) and not any("（款）" in t for t in alone)
    assert len(path) == len(alone) > 1
    budget = _example()
    built = disclosure_from_budget(replace(budget, options={**budget.options,
                                                            "variant.items/named": "1"}))
    assert not compare(built.narrative, disclosure_from_published(built).narrative).differences
