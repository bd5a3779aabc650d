"""江苏 一 to 八 written again: each way the region's documents word a figure — chosen for
the document, a section or one figure — is found in the printed text, and the names,
zero lines and listings as printed. A document written in any of the wording file's
ways comes back word for word; the mechanisms one by one on small cases."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.conftest import EXAMPLES
from yusuan.compose import budget_tables, disclosure_from_budget
from yusuan.compose.changes import NEW, printed_changes
from yusuan.compose.choices import variant_keys
from yusuan.compose.names import printed_names, use_subjects
from yusuan.compose.published import disclosure_from_published
from yusuan.compose.trials import used
from yusuan.derive.source import load_budget
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Row, Section, Sentence, Table
from yusuan.model.money import Unit
from yusuan.narrative.align import has_figure
from yusuan.narrative.figures import change
from yusuan.narrative.generate import narrative
from yusuan.narrative.region import Region
from yusuan.narrative.wording import Writer, load_templates
from yusuan.regen.differences import compare

BODY = ("overview", "income", "expenditure", "appropriation", "appropriation_functional",
        "appropriation_basic", "gpb", "gpb_basic")


def _example() -> Budget:
    """The 江苏 example with last year's figures of each 类 and 项 as well: some up, some
    down, one new, one unchanged."""
    budget = budget_tables(load_budget(EXAMPLES / "jiangsu-dept-2019"))
    t = next(t for t in budget.tables if t.id == "appropriation_functional")
    prior = dict(budget.prior_year)
    factors = (Decimal("0.8"), Decimal("1.25"), Decimal(0), Decimal(1))
    coded = [r for r in t.rows if r.code and len(r.code) in (3, 7) and r.value("total")]
    for i, row in enumerate(coded):
        amount = row.value("total") or Decimal(0)
        key = f"expenditure.{row.code}" if len(row.code or "") == 3 else f"gpb.{row.code}"
        prior[key] = (amount * factors[i % 4]).quantize(Decimal("0.01"))
    return replace(budget, prior_year=prior)


def _text(budget: Budget, section: str) -> list[str]:
    return [s.text for sec in narrative(budget, only=section) for s in sec.sentences()]


def _figure_key(budget: Budget, section: str, prefix: str) -> str:
    """The key of the first figure of ``section`` whose key starts with ``prefix``."""
    keys = [k for k in narrative_keys(budget, section) if k.startswith(prefix)]
    assert keys, (section, prefix)
    return keys[0]


def narrative_keys(budget: Budget, section: str) -> list[str]:
    return sorted({n.partition("@")[2].partition(".")[2] for n in used(budget, only=section)
                   if "@" + section + "." in n})


# a document of the region worded otherwise than the wording file's first ways: some for the
# whole document, some for one section, some for one figure
WORDINGS = {
    "variant.overview/change/rise": "2",              # 增幅
    "variant.overview/class": "1",                    # 2．社会保障和就业支出…（no 类）
    "variant.overview/zeros": "1",                    # incomes of 0 listed
    "variant.expenditure/zeros": "1",                 # 结转下年资金0万元，占0%
    "variant.items/layout": "1",                      # 检察（款）:…预算支出合计…
    "variant.items/change/fall": "2",                 # 降幅
    "variant.items_total/clause": "0",                # 。与上年相比，财政拨款支出增加…
    "numbers.places@appropriation_functional": "1",   # 增长8.8%
}


@pytest.mark.parametrize("options", [WORDINGS, {"variant.items/single": "1",
                                                 "variant.overview/change": "1",
                                                 "variant.items/change/rise": "1",
                                                 "numbers.trim": "yes"}])
def test_a_document_worded_otherwise_comes_back_word_for_word(options: dict[str, str]):
    budget = _example()
    built = disclosure_from_budget(replace(budget, options={**budget.options, **options}))
    again = disclosure_from_published(built)
    c = compare(built.narrative, again.narrative)
    body = [d for d in c.differences if any(
        s.key in BODY and d.where.section.endswith(s.title) for s in built.narrative)]
    assert not body, body
    assert c.verbatim >= 0.95 * c.clauses


def test_one_figure_worded_otherwise_keeps_its_own_words():
    """One 类 of 一 printed without （类） and with 增幅, the others as the rest: written
    again, that one alone is worded so."""
    budget = _example()
    key = _figure_key(budget, "overview", "expenditure.2")
    options = {f"variant.overview/class@overview.{key}": "1",
               f"variant.overview/change/rise@overview.{key}": "2"}
    built = disclosure_from_budget(replace(budget, options={**budget.options, **options}))
    again = disclosure_from_published(built)
    assert not compare(built.narrative, again.narrative).differences
    written = [s.text for s in again.narrative[0].sentences()]
    assert sum("（类）支出" in t for t in written) >= 1  # the others keep their 类
    assert sum("增幅" in t for t in written) <= 1


def test_a_rate_is_printed_with_the_places_the_figure_has():
    """增长22% (0 places), 9.2% (1), 22.02% (2): rounded once, from the exact rate."""
    budget = _example()
    c = change(Decimal("2021.18") - Decimal("184.96"), Decimal("2021.18"))  # −9.1511…%
    for places, shown in (("0", "9"), ("1", "9.2"), ("2", "9.15")):
        r = Region(Writer.of(replace(budget, options={"numbers.places": places})))
        assert r.percent(abs(c.rate), abs(c.amount) / c.prior * 100) == shown
    # 0.145 rounds to 0.15 and then to 0.2, but 0.145 to one place is 0.1
    r = Region(Writer.of(replace(budget, options={"numbers.places": "1"})))
    assert r.percent(Decimal("0.15"), Decimal("0.145")) == "0.1"


def test_a_change_worded_in_parts():
    """The lead, the rise/fall words (or none) and the words of a figure unchanged or new are
    chosen apart; a clause that names the comparison takes the change without its lead."""
    budget = _example()
    options = {"variant.items_total/clause": "0", "variant.items/change/rise": "2"}
    text = "".join(_text(replace(budget, options=options), "appropriation_functional"))
    assert "。与上年相比，财政拨款支出增加" in text and "与上年相比，财政拨款支出与上年" not in text
    assert "，增幅" in text or "，降幅" not in text
    none = "".join(_text(replace(budget, options={"variant.overview/change/rise": "3",
                                                  "variant.overview/change/fall": "3"}),
                         "overview"))
    assert "%" not in none.split("（二）")[1].split("此外")[0]  # the 类 without their rates


def test_nested_variants_are_choices():
    keys = dict(variant_keys(load_templates("jiangsu-12")))
    # every lead the region prints, each with the change's own words (九 on alike)
    assert keys["overview/change"] == keys["three_public/change"] == 9
    assert keys["three_public/change/unchanged"] == 7 and keys["overview/change/decrease"] == 2
    assert keys["overview/change/rise"] == 4 and keys["items/change/new"] == 2
    assert keys["items/layout"] == 2


def _section(*texts: str) -> tuple[Section, ...]:
    return (Section("五", "财政拨款支出预算情况说明", tuple((Sentence(t),) for t in texts)),)


def test_names_are_read_as_printed():
    """A row's printed name: the words before its level marker, right before its amount."""
    t = Table("appropriation_functional", "财政拨款支出预算表", Unit.parse("万元"), (), (
        Row(code="20805", name="行政事业单位离退休", values={"total": Decimal("1836.22")}),
        Row(code="2080504", name="未归口管理的行政单位离退休",
            values={"total": Decimal("371.92")}),
        Row(code="2210201", name="住房公积金", values={"total": Decimal("1073.77")}),
        Row(code="2040401", name="行政运行", values={"total": Decimal("500")})))
    printed = _section(
        "行政事业单位离退休（款）：2018年预算支出合计1,836.22万元。",
        "1．未归口管理行政单位离退休费（项）支出371.92万元，与上年相比减少1,649.26万元。",
        "1.住房公积金(项):支出1,073.77万元。",
        "2．其他（项）支出500万元。")  # another item of the same amount: not its name
    names = printed_names(printed, (t,), Unit.parse("万元"))
    assert names == {"20805": "行政事业单位离退休（款）", "2080504": "未归口管理行政单位离退休费（项）",
                     "2210201": "住房公积金(项)"}


def test_a_figure_new_this_year_is_read_as_new():
    assert printed_changes("机关事业单位职业年金缴费支出（项）163.13万元，今年新增支出。") == [NEW]
    assert printed_changes("与上年相比减少0.61万元。") == [Decimal("-0.61")]


def test_a_use_is_named_with_the_scope_printed_before_it():
    """2018年省检察院机关本级及…单位预留机动经费预算数为2,388.04万元: the scope is part of how
    the text names the use; a like amount in another sentence is not."""
    t = Table("expenditure", "支出预算总表", Unit.parse("万元"), (), (Row(
        key="total", name="合计", values={"total": Decimal("8000"), "basic": Decimal("5000"),
                                         "reserve": Decimal("2388.04")}),))
    printed = (Section("一", "收支预算总体情况说明", (
        (Sentence("此外，基本支出预算数为5,000万元。"),),
        (Sentence("2018年本级及南京铁路检察院单位预留机动经费预算数为2,388.04万元。"),))),
               Section("六", "财政拨款基本支出预算情况说明",
                       ((Sentence("本院2018年度财政拨款基本支出预算5,000万元。"),),)))
    subjects = use_subjects(printed, (t,), load_templates("jiangsu-12"), Unit.parse("万元"))
    assert subjects == {"use.reserve": "2018年本级及南京铁路检察院单位预留机动经费"}


def test_a_document_number_is_not_a_figure():
    """苏财预〔2018〕13号, whatever brackets the PDF's text gives it."""
    assert not has_figure("根据《关于2018年省级部门预算的批复》（苏财预„2018‟13号）填列。")
    assert not has_figure("（苏财预〔2019〕7号）")
