"""Part 1 机构设置及人员情况: free text and the structured facts both appear."""

import json
from dataclasses import replace

import pytest

from yusuan.model.disclosure import Disclosure, Overview, Staffing
from yusuan.model.errors import InputError
from yusuan.model.money import Unit
from yusuan.model.part1 import organisation_paragraphs, wording
from yusuan.model.profiles import available_profiles
from yusuan.model.serialize import disclosure_from_json, disclosure_to_data


def test_free_text_then_structured_facts():
    overview = Overview(organisation=("某局为市政府工作部门。",), units=("某局", "某中心"),
                        admin_unit_count=1, institution_unit_count=1,
                        staffing=Staffing(authorized=10, actual=12, in_service=9,
                                          in_service_change=-1, retired=3, retired_change=2))
    paragraphs = organisation_paragraphs("某局", 2024, "部门预算", overview, "xinjiang-11")
    assert paragraphs[0] == "某局为市政府工作部门。"
    assert "2、某中心" in paragraphs
    assert paragraphs[-1] == "某局编制数 10，实有人数 12 人，其中：在职 9 人，减少 1 人；退休 3 人，增加 2 人。"


def test_nothing_given_nothing_said():
    assert organisation_paragraphs("某局", 2024, "部门预算", Overview(), "xinjiang-11") == ()


def test_the_departments_own_unit_is_not_counted_as_subordinate() -> None:
    """“某局机关” is the department itself (本级): 3 units are 本级 + 2 下属."""
    units = ("某县示例水利局机关", "某县示例水政监察大队", "某县示例水利工程服务站")
    text = organisation_paragraphs("某县示例水利局", 2025, "部门预算", Overview(units=units),
                                   "xinjiang-11")
    assert "某县示例水利局本级预算及下属 2 家预算单位在内的汇总预算" in text[0]


def test_a_disclosure_derives_its_part1_once_and_its_json_has_no_field_for_it() -> None:
    """The renderers and the portal print ``Disclosure.organisation_paragraphs``; a Disclosure
    JSON file (old or new) holds the overview only and loads to the same paragraphs."""
    overview = Overview(units=("某局", "某中心"), staffing=Staffing(actual=12))
    d = Disclosure(department="某局", year=2024, profile="xinjiang-11", unit=Unit.WAN,
                   overview=overview)
    assert d.organisation_paragraphs is d.organisation_paragraphs  # generated once
    assert d.organisation_paragraphs == organisation_paragraphs("某局", 2024, "部门预算", overview, "xinjiang-11")
    data = disclosure_to_data(d)
    assert "organisation_paragraphs" not in json.dumps(data)
    again = disclosure_from_json(json.dumps(data).encode(), "d.json")
    assert again == d and again.organisation_paragraphs == d.organisation_paragraphs
    assert replace(d, department="某厅").organisation_paragraphs[0].startswith("从预算单位构成看，某厅")


def test_shanghai_words_its_units_as_its_documents_do() -> None:
    """上海 (财政局 2025): “…部门预算包括财政局本部以及下属0家预算单位的综合收支计划。本部门中，
    行政单位1家，事业单位0家，具体包括：1.财政局本部”; an item's note printed after the name."""
    overview = Overview(units=("示例局本部", "示例中心"), unit_notes=("。", "，不单列预算。"),
                        admin_unit_count=1, institution_unit_count=1,
                        internal_divisions=("办公室", "业务科"))
    said = organisation_paragraphs("上海市某区示例局", 2025, "部门预算", overview, "shanghai-9")
    assert said == ("上海市某区示例局部门预算包括示例局本部以及下属1家预算单位的综合收支计划。",
                    "上海市某区示例局机关设2个内设机构，包括：办公室、业务科。",
                    "本部门中，行政单位1家，事业单位1家，具体包括：",
                    "1.示例局本部。", "2.示例中心，不单列预算。")


def test_jiangsu_lists_its_units_in_one_sentence() -> None:
    """江苏 (省人民检察院 2019): “从预算单位构成看，纳入本部门2019年部门汇总预算编制范围的预算
    单位共计3家，具体包括：…。”; one unit: “…共计1家，即省政协办公厅本级。”."""
    three = Overview(units=("某院本级", "甲院", "乙院"), internal_divisions=("办公室", "研究室"))
    said = organisation_paragraphs("某院", 2019, "部门预算", three, "jiangsu-12")
    assert said == ("根据部门职责分工，本部门内设机构包括办公室、研究室等2个内设机构。",
                    "从预算单位构成看，纳入本部门2019年部门汇总预算编制范围的预算单位共计3家，"
                    "具体包括：某院本级、甲院、乙院。")
    one = organisation_paragraphs("某厅", 2019, "部门预算", Overview(units=("某厅本级",)),
                                  "jiangsu-12")
    assert one == ("从预算单位构成看，纳入本部门2019年部门汇总预算编制范围的预算单位共计1家，即某厅本级。",)


def test_a_composition_given_as_text_is_not_said_twice() -> None:
    given = ("某办部门预算是包括某办本部以及下属1家事业单位的综合收支计划。",)
    said = organisation_paragraphs("某办", 2025, "部门预算",
                                   Overview(organisation=given, units=("某办本部",)), "shanghai-9")
    assert said[0] == given[0] and not any("综合收支计划" in p for p in said[1:])


def test_every_profile_has_its_wording_and_an_unknown_one_is_an_error() -> None:
    for profile in available_profiles():
        assert wording(profile)["units"]
    with pytest.raises(InputError, match=r"organisation\.yaml"):
        organisation_paragraphs("某局", 2024, "部门预算", Overview(units=("某局",)), "guangdong-9")


def test_korla_part1_as_printed(korla_disclosure) -> None:
    """新疆's words are Korla's own: the built example says what the printed document says
    (korla-2024-seed.txt, 二、机构设置及人员情况; white space aside)."""
    printed = ("从预算单位构成看，库尔勒市人民政府办公室的预算包括：库尔勒市人民政府办公室本级预算及下属 1 家预算单位在内的汇总预算。",
               "库尔勒市人民政府办公室本级下设 9 个处室，分别是：综合一室、综合二室、综合三室、机要文印室、"
               "档案翻译室、信息督察室、信息服务中心、政策法规室、外事办公室。",
               "本部门中，行政单位 1 家，事业单位 0 家，纳入库尔勒市人民政府办公室 2024 年部门预算编制范围的下属预算单位包括：",
               "1、库尔勒市人民政府办公室", "2、库尔勒市行政服务中心",
               "库尔勒市人民政府办公室编制数 45，实有人数 86 人，其中：在职 39 人，减少 7 人；退休 46 人，"
               "增加 1 人；离休 1 人，增加 0 人。")
    assert ["".join(p.split()) for p in korla_disclosure.organisation_paragraphs] == [
        "".join(p.split()) for p in printed]
