"""Part 1 主要职能 / 机构设置 / 内设机构 and Part 3's text after the performance tables, read
from the Korla seed, the Korla build rendered as PDF and DOCX (equal to budget.yaml's
overview) and the corpus PDFs (what each prints in its own form)."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, SEED_TEXT
from yusuan.model.disclosure import label
from yusuan.parse import parse_file
from yusuan.parse.lines import Cell, Line
from yusuan.parse.part1 import read_divisions, read_functions

KORLA_DIVISIONS = ("综合一室", "综合二室", "综合三室", "机要文印室", "档案翻译室", "信息督察室",
                   "信息服务中心", "政策法规室", "外事办公室")


def _render(disclosure, fmt: str, tmp_path):
    if fmt == "pdf":
        pytest.importorskip("weasyprint")
        from yusuan.render.pdf import render_pdf as render
    else:
        from yusuan.render.docx import render_docx as render
    path = tmp_path / f"k.{fmt}"
    path.write_bytes(render(disclosure))
    return path


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED_TEXT)[0]


def test_seed_overview_equals_the_source(seed, korla_disclosure):
    assert len(seed.overview.functions) == 19
    assert seed.overview.functions[8].endswith("配合有关部门开展对境外非政府组织在库活动的管理。")
    assert seed.overview.internal_divisions == KORLA_DIVISIONS
    assert seed.overview == korla_disclosure.overview


@pytest.mark.parametrize("fmt", ("pdf", "docx"))
def test_rendered_overview_comes_back(korla_disclosure, tmp_path, fmt):
    parsed, _ = parse_file(_render(korla_disclosure, fmt, tmp_path))
    assert parsed.overview == korla_disclosure.overview


@pytest.mark.parametrize("fmt", ("pdf", "docx"))
def test_rendered_other_section_after_the_performance_tables(korla_disclosure, tmp_path, fmt):
    parsed, _ = parse_file(_render(korla_disclosure, fmt, tmp_path))
    texts = [label(s.text) for s in parsed.section("other").sentences()]
    assert texts[-2:] == ["(五)其他需说明的事项", "本部门无其他需说明事项。"]
    assert "具体情况见下表:" in texts


def test_seed_other_section_after_the_performance_tables(seed):
    texts = [label(s.text) for s in seed.section("other").sentences()]
    assert texts[-2:] == ["(五)其他需说明的事项", "本部门无其他需说明事项。"]
    assert not any("绩效指标" in t or "满意度" in t for t in texts)


@pytest.fixture(scope="module")
def corpus():
    return {name: parse_file(FIXTURES / f"{name}.pdf")[0] for name in (
        "shanghai-putuo-commerce-commission-2025-dept-budget",
        "shanghai-putuo-wanli-subdistrict-2023-dept-budget",
        "jiangsu-provincial-procuratorate-2019-dept-budget")}


def test_shanghai_commerce_functions_printed_twice_read_once(corpus):
    o = corpus["shanghai-putuo-commerce-commission-2025-dept-budget"].overview
    assert len(o.functions) == 13
    assert o.functions[0].startswith("贯彻执行国家和本市有关工商业")
    assert o.functions[-1] == "完成区委、区政府交办的其他任务。"
    assert o.internal_divisions == ("办公室", "综合调研科", "商业发展科", "市场秩序科(粮食和物资储备科)",
                                    "产业发展科", "企业服务科", "经济运行科", "外经促进科", "贸易发展科")
    assert o.organisation == ()  # every 机构设置 sentence states units, counts or divisions


def test_shanghai_wanli_functions_numbered_with_chinese_numerals(corpus):
    o = corpus["shanghai-putuo-wanli-subdistrict-2023-dept-budget"].overview
    assert len(o.functions) == 9
    assert o.functions[0].startswith("加强党的建设。")
    assert o.internal_divisions == ()  # it prints none


def test_jiangsu_functions_divisions_and_free_text(corpus):
    o = corpus["jiangsu-provincial-procuratorate-2019-dept-budget"].overview
    assert len(o.functions) == 17
    assert o.functions[11].endswith("组织指导全省检察机关教育培训工作。")
    assert o.functions[-1] == "其他应当由江苏省人民检察院承办的事项。"
    assert len(o.internal_divisions) == 21
    assert o.internal_divisions[:2] == ("办公室", "法律政策研究室")
    assert o.internal_divisions[-1] == "行政装备处"
    assert o.organisation == ("本部门下属单位包括江苏检察官学院、清风苑杂志社2个事业单位。"
                              "另下辖南京、徐州铁路运输检察院2个派出机构。",)


def _lines(*texts: str) -> tuple[Line, ...]:
    return tuple(Line(cells=(Cell(t, 0, 1),), line=n) for n, t in enumerate(texts, 1))


def test_functions_list_ends_at_unnumbered_text_and_skips_the_introduction():
    lines = _lines("本部门是主管工作的部门。", "主要职能包括：", "1、负责甲。", "2、负责乙，并",
                   "协调丙。", "另有说明。")
    assert read_functions(lines) == ("负责甲。", "负责乙，并协调丙。")


def test_divisions_from_each_printed_form():
    assert read_divisions(["本级下设 2 个处室，分别是：甲室、乙室。"]) == ("甲室", "乙室")
    assert read_divisions(["机关设2个内设机构，包括：甲科、乙科。"]) == ("甲科", "乙科")
    assert read_divisions(["本部门内设机构包括甲处、乙处等2个内设机构。"]) == ("甲处", "乙处")
    assert read_divisions(["本部门中，行政单位 1 家。"]) == ()


def test_rendered_pdf_part3_facts_equal_the_generated_ones(korla_disclosure, tmp_path):
    """PDF paragraphs by their indented first lines: a line ending with ``：`` whose sentence
    goes on at the left edge (``…2.40 万元，其中：`` / ``因公出国（境）费…``) and a short line
    above an indented one (``预算安排规模：40.00万元`` / ``项目承担单位：…``) read as the
    generator wrote them."""
    from tests.parse.test_round_trip import TABLE_SECTIONS, _facts_by_sentence

    parsed, _ = parse_file(_render(korla_disclosure, "pdf", tmp_path))
    keys = (*TABLE_SECTIONS, "overview", "three_public")
    generated = _facts_by_sentence(korla_disclosure, keys)
    read = _facts_by_sentence(parsed, keys)
    assert {k: read.get(k) for k in generated} == generated
    projects = [s.text.replace(" ", "") for s in parsed.section("gpb_project").sentences()]
    assert "预算安排规模：40.00万元" in projects


def test_jiangsu_heading_wrapped_onto_a_second_line(corpus):
    d = corpus["jiangsu-provincial-procuratorate-2019-dept-budget"]
    assert d.section("three_public").title == "一般公共预算“三公”经费、会议费、培训费支出预算情况说明"
    first = next(iter(d.section("three_public").sentences())).text
    assert first.startswith("省检察院2019年度一般公共预算拨款安排的“三公”经费预算支出中")
