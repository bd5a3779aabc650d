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
