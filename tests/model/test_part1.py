"""Part 1 机构设置及人员情况: free text and the structured facts both appear."""

import json
from dataclasses import replace

from yusuan.model.disclosure import Disclosure, Overview, Staffing
from yusuan.model.money import Unit
from yusuan.model.part1 import organisation_paragraphs
from yusuan.model.serialize import disclosure_from_json, disclosure_to_data


def test_free_text_then_structured_facts():
    overview = Overview(organisation=("某局为市政府工作部门。",), units=("某局", "某中心"),
                        admin_unit_count=1, institution_unit_count=1,
                        staffing=Staffing(authorized=10, actual=12, in_service=9,
                                          in_service_change=-1, retired=3, retired_change=2))
    paragraphs = organisation_paragraphs("某局", 2024, "部门预算", overview)
    assert paragraphs[0] == "某局为市政府工作部门。"
    assert "2、某中心" in paragraphs
    assert paragraphs[-1] == "某局编制数 10，实有人数 12 人，其中：在职 9 人，减少 1 人；退休 3 人，增加 2 人。"


def test_nothing_given_nothing_said():
    assert organisation_paragraphs("某局", 2024, "部门预算", Overview()) == ()


def test_the_departments_own_unit_is_not_counted_as_subordinate() -> None:
    """“某局机关” is the department itself (本级): 3 units are 本级 + 2 下属."""
    units = ("某县示例水利局机关", "某县示例水政监察大队", "某县示例水利工程服务站")
    text = organisation_paragraphs("某县示例水利局", 2025, "部门预算", Overview(units=units))
    assert "某县示例水利局本级预算及下属 2 家预算单位在内的汇总预算" in text[0]


def test_a_disclosure_derives_its_part1_once_and_its_json_has_no_field_for_it() -> None:
    """The renderers and the portal print ``Disclosure.organisation_paragraphs``; a Disclosure
    JSON file (old or new) holds the overview only and loads to the same paragraphs."""
    overview = Overview(units=("某局", "某中心"), staffing=Staffing(actual=12))
    d = Disclosure(department="某局", year=2024, profile="xinjiang-11", unit=Unit.WAN,
                   overview=overview)
    assert d.organisation_paragraphs is d.organisation_paragraphs  # generated once
    assert d.organisation_paragraphs == organisation_paragraphs("某局", 2024, "部门预算", overview)
    data = disclosure_to_data(d)
    assert "organisation_paragraphs" not in json.dumps(data)
    again = disclosure_from_json(json.dumps(data).encode(), "d.json")
    assert again == d and again.organisation_paragraphs == d.organisation_paragraphs
    assert replace(d, department="某厅").organisation_paragraphs[0].startswith("从预算单位构成看，某厅")
