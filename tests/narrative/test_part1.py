"""Part 1 机构设置及人员情况: free text and the structured facts both appear."""

from yusuan.model.disclosure import Overview, Staffing
from yusuan.narrative.part1 import organisation_paragraphs


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
    from yusuan.model.disclosure import Overview
    from yusuan.narrative.part1 import organisation_paragraphs

    units = ("某县示例水利局机关", "某县示例水政监察大队", "某县示例水利工程服务站")
    text = organisation_paragraphs("某县示例水利局", 2025, "部门预算", Overview(units=units))
    assert "某县示例水利局本级预算及下属 2 家预算单位在内的汇总预算" in text[0]
