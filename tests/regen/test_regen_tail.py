"""Written again, the sections after the spending tables: 江苏 三公/会议费/培训费, 政府性基金,
机关运行经费, 政府采购, 国有资产, 绩效目标 and their zero lines, and 新疆 (Korla) 三公 — each
mechanism on a corpus document and on a small made-up case."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import yaml

from tests.conftest import EXAMPLES, FIXTURES
from yusuan.compose import budget_tables, build_disclosure
from yusuan.compose.published import disclosure_from_published
from yusuan.compose.trials import nearby, printable
from yusuan.derive.source import load_budget
from yusuan.model.disclosure import Section, Sentence
from yusuan.narrative.align import clauses
from yusuan.narrative.generate import narrative
from yusuan.narrative.wording import load_templates
from yusuan.regen import Regenerated, regenerate
from yusuan.regen.differences import compare

DOCUMENTS = {d["name"]: d["files"] for d in yaml.safe_load(
    (FIXTURES / "expected" / "tables.yaml").read_text(encoding="utf-8"))["documents"]}


@cache
def regenerated(name: str) -> Regenerated:
    return regenerate([FIXTURES / f for f in DOCUMENTS[name]])


def _left(name: str, *words: str) -> list[tuple[str, str | None, str | None]]:
    """The differences of the sections whose title has one of ``words``."""
    return [(d.kind, d.original, d.regenerated) for d in regenerated(name).comparison.differences
            if any(w in d.where.section for w in words)]


def test_a_list_bullet_of_the_text_format_is_not_part_of_a_clause():
    s = Section("一", "结构", ((Sentence("- 1、教育支出（类）4.81 万元，占 0.32%。"),),
                              (Sentence("• 2、其他 1.00 万元。"),),
                              (Sentence("-1.50万元为负数。"),)))
    assert [c.text for c in clauses([s])] == ["1、教育支出（类）4.81万元，占0.32%。",
                                              "2、其他1.00万元。", "-1.50万元为负数。"]


def test_korla_is_written_again_word_for_word():
    """The “-1、” items are list bullets of the text copy; each 三公 item's change and reason
    is read from its own clause (an item whose only figure is its change starts a statement)."""
    c = regenerated("korla-2024-seed").comparison
    assert c.verbatim == c.clauses and not c.differences


def test_the_korla_example_comes_back_word_for_word():
    built = build_disclosure(EXAMPLES / "korla-2024")
    c = compare(built.narrative, disclosure_from_published(built).narrative)
    assert not c.differences and c.verbatim == c.clauses


def _text(name: str, key: str) -> str:
    return "".join(s.text for sec in regenerated(name).disclosure.narrative if sec.key == key
                   for s in sec.sentences())


def test_each_three_public_figure_is_worded_as_printed():
    """检察院 2019 words each 三公 figure its own way: 比上年预算减少…, then 主要是… or
    主要原因是…; its 公务用车购置 of 0 is not stated, so it is left out."""
    text = _text("jiangsu-provincial-procuratorate-2019-dept-budget", "three_public")
    assert "1．因公出国（境）费预算支出80万元，比上年预算减少20万元，主要是省检察院贯彻厉行节约规定" in text
    assert ("公务用车运行维护费预算支出237万元，比上年预算减少30.8万元，主要原因是部分执法执勤车辆"
            "转隶至省纪委等单位。") in text
    assert "公务用车购置费" not in text
    assert not _left("jiangsu-provincial-procuratorate-2019-dept-budget", "三公")


def test_this_years_figure_set_against_last_years_budget():
    """检察院 2017: 本年数小于上年预算数…, （1）公务用车购置预算支出…，用于… (the use read from the
    text); its wrong shares stay the only differences, as figures, with their words kept."""
    name = "jiangsu-provincial-procuratorate-2017-dept-budget"
    text = _text(name, "three_public")
    assert "3．公务接待费预算支出156.55万元，本年数小于上年预算数29.65万元，主要是" in text
    assert "会议费预算支出168万元，本年数等于上年预算数。" in text
    assert "（1）公务用车购置预算支出50万元，与上年预算数相等，用于省检察院机关执法执勤用车报废更新。" \
        in text
    left = _left(name, "三公")
    assert [k for k, _, _ in left] == ["figure"] * 3, left
    assert left[0][1] is not None and left[0][1].startswith("2017年度一般公共预算拨款安排的")


def test_a_zero_is_listed_where_the_document_lists_it():
    text = _text("jiangsu-cppcc-office-2018-dept-budget", "three_public")
    assert "（1）公务用车购置费0万元，与上年数一致。（2）公务用车运行维护费156.60万元，与上年数一致。" \
        in text


def test_procurement_total_and_parts_as_printed():
    """检察院 2018 states the total in a sentence of its own and leaves out the 工程 of 0."""
    assert _text("jiangsu-provincial-procuratorate-2018-dept-budget", "procurement") == (
        "2018年度政府采购支出预算总额3,096.24万元。其中：拟采购货物支出268万元、"
        "拟购买服务支出2,828.24万元。")
    assert "拟采购工程支出0万元" in _text("jiangsu-cppcc-office-2019-dept-budget", "procurement")


def test_nearby_combinations_change_fewest_first():
    got = list(nearby(("0", "0"), [("0", "1", "2"), ("0", "1")], 100))
    assert got == [("1", "0"), ("2", "0"), ("0", "1"), ("1", "1"), ("2", "1")]
    assert len(list(nearby(("0", "0"), [("0", "1", "2"), ("0", "1")], 2))) == 2


def test_assets_as_printed():
    """The vehicle kinds the document lists (特种专业技术用车 too), and its equipment at the unit
    value it prints (单价20万元)."""
    text = _text("jiangsu-cppcc-office-2019-dept-budget", "assets")
    assert text == ("本部门共有车辆46辆，其中，一般公务用车46辆、执法执勤用车0辆、特种专业技术用车0辆、"
                    "其他用车0辆等。单价20万元（含）以上的设备4台（套）。")
    assert "单价20万元（含）以上的设备63台（套）。" in _text(
        "jiangsu-provincial-procuratorate-2019-dept-budget", "assets")


def test_a_section_printed_under_a_heading_of_another():
    """检察院 2018 prints its 绩效目标 under 十三、其他重要事项说明 —（一）预算绩效目标设置情况说明:
    the section is paired with it, read and written again under that title."""
    name = "jiangsu-provincial-procuratorate-2018-dept-budget"
    section = next(s for s in regenerated(name).disclosure.narrative if s.key == "performance")
    assert section.title == "其他重要事项说明"
    assert _text(name, "performance") == "2018年本部门共5个项目实行绩效目标管理，涉及财政性资金合计5,086万元。"
    assert not _left(name, "其他重要事项")


def test_a_zero_fund_with_its_change():
    """政协 2019: 政府性基金 of 0 stated with its change, last year's 0 read from
    “与上年数一致” (the probe states it so that it is read)."""
    assert _text("jiangsu-cppcc-office-2019-dept-budget", "gov_fund") == \
        "江苏省政协办公厅2019年政府性基金支出预算支出0万元，与上年数一致。"


def _example_three_public(**options: str) -> str:
    budget = budget_tables(load_budget(EXAMPLES / "jiangsu-dept-2019"))
    sections = narrative(replace(budget, options={**budget.options, **options}),
                         only="three_public")
    return "".join(s.text for sec in sections for s in sec.sentences())


def test_a_zero_three_public_figure_built_from_data():
    """The example's 公务用车购置 is 0: listed by default, else left out or said to be none —
    the other figures keep their changes and reasons."""
    listed = _example_three_public()
    assert "公务用车购置费预算支出0.00万元" in listed
    omitted = _example_three_public(**{"variant.three_public/zeros": "1"})
    assert "公务用车购置" not in omitted.replace("公务用车购置及运行费", "")
    none = _example_three_public(**{"variant.three_public/zeros": "2",
                                    "variant.three_public/operation": "2"})
    assert "（1）2019年无公务用车购置预算安排。（2）公务用车运行维护费预算支出" in none
    assert "主要原因是公务用车数量减少（示例）" in none


def test_only_wordings_the_section_prints_are_combined():
    """A figure's combinations are made of the wordings whose words the printed section has
    (本年数小于上年预算数…), in any of their forms; a value that is no template is kept."""
    templates = load_templates("jiangsu-12")
    text = "3.公务接待费预算支出156.55万元,本年数小于上年预算数29.65万元,主要是…"
    values = tuple(str(i) for i in range(len(templates["change"]["variants"])))
    kept = printable(templates, "variant.three_public/change@three_public.x", values, text)
    assert kept and all("本年数" in str(templates["change"]["variants"][int(v)]) for v in kept)
    assert printable(templates, "variant.three_public/zeros@three_public.x", ("0", "1", "2"),
                     text) == ("0", "1", "2")
