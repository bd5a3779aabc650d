"""The frame of a document written again: the original's own cover (its lines, their order and
where they stand; none where it printed none, the region's where it cannot be read), and no
error left — a performance table inconsistent in print is written consistently, the figure it
changes listed among the differences."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import EXAMPLES, FIXTURES
from tests.regen.test_regen_corpus import DOCUMENTS, regenerated
from yusuan.checks.run import check_disclosure
from yusuan.compose import build_disclosure
from yusuan.model.cells import cell_records
from yusuan.parse.cover import read_cover
from yusuan.parse.dispatch import parse_file
from yusuan.parse.pdf import pdf_lines
from yusuan.regen import what_is
from yusuan.render.frame import document_frame
from yusuan.render.pdf import render_pdf
from yusuan.render.xlsx import render_xlsx

# the covers as printed (transcribed from the first pages): lines in order, each with where
# it stands; () the document has no cover, None its cover is a picture without text
PRINTED = {
    "korla-2024-seed": (("库尔勒市人民政府办公室", "center"), ("2024 年部门预算公开", "center")),
    "shanghai-putuo-commerce-commission-2025-dept-budget": (
        ("上海市普陀区2025年区级部门预算", "center"), ("预算主管部门：上海市普陀区商务委员会", "center")),
    "shanghai-putuo-wanli-subdistrict-2023-dept-budget": (
        ("上海市普陀区2023年区级部门预算", "center"),
        ("预算主管部门：上海市普陀区人民政府万里街道办事处", "center")),
    "shanghai-putuo-government-office-2025-dept-budget": (
        ("上海市普陀区2025年区级部门预算", "center"),
        ("预算主管部门：上海市普陀区人民政府办公室", "center")),
    "shanghai-putuo-government-office-2025-unit-budget": (
        ("上海市普陀区2025年区级单位预算", "center"), ("预算单位：上海市普陀区人民政府办公室", "center")),
    "shanghai-putuo-finance-bureau-2025-dept-budget": (
        ("上海市普陀区2025年区级部门预算", "center"), ("预算主管部门：上海市普陀区财政局", "center")),
    "jiangsu-provincial-procuratorate-2017-dept-budget": (
        ("江苏省人民检察院", "center"), ("2017 年部门预算", "center")),
    "jiangsu-provincial-procuratorate-2018-dept-budget": (
        ("江苏省人民检察院", "center"), ("2018年部门预算", "right")),
    "jiangsu-provincial-procuratorate-2019-dept-budget": (
        ("江苏省人民检察院", "left"), ("2019年度部门预算公开", "left")),
    "jiangsu-cppcc-office-2017-dept-budget": (),
    "jiangsu-cppcc-office-2018-dept-budget": (
        ("江苏省政协办公厅 2018 年度", "center"), ("部门预算公开", "center")),
    "jiangsu-cppcc-office-2019-dept-budget": None,
}


def test_every_corpus_document_is_listed():
    assert set(PRINTED) == set(DOCUMENTS)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_original_cover_is_read_and_printed_again(name: str):
    r = regenerated(name)
    expected = PRINTED[name]
    got = r.original.cover
    assert (None if got is None else tuple((c.text, c.align) for c in got)) == expected
    assert r.disclosure.cover == r.original.cover
    lines = document_frame(r.disclosure).cover
    if expected is None:  # unreadable: the region's cover, as a built document has
        assert lines and lines[0].text == r.disclosure.department
    else:
        assert tuple((c.text, c.align) for c in lines) == expected


@pytest.mark.parametrize("name", ["jiangsu-provincial-procuratorate-2019-dept-budget",
                                  "shanghai-putuo-government-office-2025-unit-budget",
                                  "jiangsu-cppcc-office-2017-dept-budget"])
def test_the_regenerated_pdf_prints_the_cover_as_the_original(name: str, tmp_path: Path):
    r = regenerated(name)
    pdf = tmp_path / "again.pdf"
    pdf.write_bytes(render_pdf(r.disclosure))
    lines, _pages, _ = pdf_lines(pdf)
    again = read_cover(lines)
    assert again is not None
    assert [(c.text, c.align) for c in again] == [(c.text, c.align) for c in r.original.cover or ()]
    if not again:  # no cover: the 目录 opens the first page
        assert any(x.label == "目录" for x in lines if x.page == 1)


def test_a_built_document_keeps_the_region_cover(korla_disclosure):
    assert korla_disclosure.cover is None
    assert [c.text for c in document_frame(korla_disclosure).cover][:2] == [
        "库尔勒市人民政府办公室", "2024年部门预算公开"]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_regenerated_document_checks_with_no_error(name: str):
    r = regenerated(name)
    assert [f.message for f in check_disclosure(r.disclosure) if f.severity == "error"] == []


def test_an_inconsistent_performance_table_is_written_consistently_and_listed():
    r = regenerated("shanghai-putuo-wanli-subdistrict-2023-dept-budget")
    printed = {p.project: p for p in r.original.project_performance}
    again = {p.project: p for p in r.disclosure.project_performance}
    p, q = printed["公共服务设施运行经费"], again["公共服务设施运行经费"]
    assert p.fiscal - p.total == 516000  # as printed: 11,419,043 against 10,903,043
    assert q.total == p.total and q.fiscal + (q.other or 0) == q.total
    listed = json.loads(r.differences_json())["tables"]
    assert [(c["field"], c["original"], c["regenerated"]) for c in listed] == [
        ("财政拨款", "11,419,043.00", "10,903,043.00")]
    assert "公共服务设施运行经费" in listed[0]["table"]
    assert "11,419,043.00 → 10,903,043.00" in r.summary()
    # the other projects, consistent in print, are as printed
    assert {k: v for k, v in again.items() if k != "公共服务设施运行经费"} == {
        k: v for k, v in printed.items() if k != "公共服务设施运行经费"}


# Part 1 机构设置 as printed, in the region's words: sentences each document prints (numbering
# and white space aside) that the regenerated Part 1 says word for word
PART1 = {
    "shanghai-putuo-finance-bureau-2025-dept-budget": (
        "上海市普陀区财政局部门预算包括财政局本部以及下属0家预算单位的综合收支计划。",
        "本部门中，行政单位1家，事业单位0家，具体包括：", "1.财政局本部"),
    "shanghai-putuo-government-office-2025-dept-budget": (
        "1.上海市普陀区人民政府办公室本部。", "2.下属事业单位上海市普陀区交流服务中心不单列预算，并入本部。"),
    "shanghai-putuo-commerce-commission-2025-dept-budget": (
        "上海市普陀区商务委员会部门预算包括商务委本部以及下属1家预算单位的综合收支计划。",
        "本部门中，行政单位1家，事业单位1家，具体包括：", "2.上海市普陀区中小企业服务中心，不单列预算。"),
    "shanghai-putuo-government-office-2025-unit-budget": (
        "上海市普陀区人民政府办公室设10个内设机构，包括：",),
    "jiangsu-provincial-procuratorate-2019-dept-budget": (
        "从预算单位构成看，纳入本部门2019年部门汇总预算编制范围的预算单位共计3家，具体包括："
        "江苏省人民检察院本级、南京铁路运输检察院、徐州铁路运输检察院。",),
    "jiangsu-cppcc-office-2019-dept-budget": (
        "从预算单位构成看，纳入本部门2019年部门汇总预算编制范围的预算单位共计1家，即省政协办公厅本级。",),
}


@pytest.mark.parametrize("name", sorted(PART1))
def test_part1_is_written_in_the_region_words_with_the_printed_list(name: str):
    r = regenerated(name)
    said = r.disclosure.organisation_paragraphs
    assert said == r.original.organisation_paragraphs
    for sentence in PART1[name]:
        assert sentence in said
    assert not any("汇总预算。" in p and "本级预算及下属" in p for p in said)  # no 新疆 words


def test_yusuans_own_workbook_with_text_sheets_is_a_published_file(tmp_path: Path):
    """The 上海 XLSX yusuan writes has the budget workbook's text sheets (职能, 机构设置, 名词
    解释, 编制说明) and says in its properties that yusuan wrote it: written again as a
    published document, while the budget workbook is still built as one."""
    path = tmp_path / "published.xlsx"
    path.write_bytes(render_xlsx(build_disclosure(EXAMPLES / "shanghai-dept-2025")))
    assert what_is([path]) == "published"
    assert what_is([FIXTURES / "shanghai-putuo-2026-dept-budget-workbook-template.xlsx"]) == "workbook"


def test_the_regenerated_xlsx_reads_back_with_its_text_and_cover(tmp_path: Path):
    """The regenerated workbook: its cells as printed, the original's cover on 封面, Part 1
    and the narrative on their own sheets, read back by yusuan's own reader."""
    r = regenerated("shanghai-putuo-government-office-2025-dept-budget")
    path = tmp_path / "again.xlsx"
    path.write_bytes(render_xlsx(r.disclosure))
    sheets = openpyxl.load_workbook(path, read_only=True).sheetnames
    # tables printed without their own numbers take their place: 表1 … 表9, as the 目录 says
    assert sheets[:7] == ["封面", "目录", "部门主要职能", "部门机构设置", "名词解释",
                          "部门预算编制说明", "表1"]
    read, _ = parse_file(path)
    assert Counter(map(repr, cell_records(read))) == Counter(map(repr, cell_records(r.original)))
    assert [c.text for c in read.cover or ()] == [c.text for c in r.original.cover or ()]
    assert read.overview.units == r.original.overview.units
    assert "2.下属事业单位上海市普陀区交流服务中心不单列预算，并入本部。" in read.organisation_paragraphs
    assert {s.title for s in read.narrative} >= {s.title for s in r.disclosure.narrative
                                                 if s.paragraphs}
