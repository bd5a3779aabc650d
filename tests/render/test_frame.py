"""The document frame of each region and edition (render/frame.py, the ``frame`` of
reference/profiles/*.yaml): the built PDF, DOCX and XLSX have that region's cover, 目录, part
order, page orientation and page furniture, and read back cell for cell as the same region and
edition; a profile without a frame is refused."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest

from tests.conftest import EXAMPLES
from tests.parse.cells import cell_set
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.model.profiles import available_profiles
from yusuan.parse.dispatch import parse_file
from yusuan.render import frame_data as frame_module
from yusuan.render.docx import render_docx
from yusuan.render.frame import MissingFrameError, document_frame, load_frame
from yusuan.render.html import render_html
from yusuan.render.pdf import render_pdf
from yusuan.render.xlsx import render_xlsx

RENDER = {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx}
REGIONS = ("shanghai-dept-2025", "shanghai-unit-2025", "jiangsu-dept-2019")


@pytest.fixture(scope="module")
def built() -> dict[str, Disclosure]:
    return {name: build_disclosure(EXAMPLES / name) for name in (*REGIONS, "korla-2024")}


@pytest.fixture(scope="module")
def pdfs(built: dict[str, Disclosure]) -> dict[str, bytes]:
    return {name: render_pdf(d) for name, d in built.items() if name in REGIONS}


def _pages(data: bytes) -> list[tuple[str, bool]]:
    """Each page's text (white space removed) and whether it is landscape."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [("".join((p.extract_text() or "").split()), p.width > p.height)
                for p in pdf.pages]


def _order(text: str, *words: str) -> list[int]:
    return [text.index(w) for w in words]


def test_every_profile_has_a_frame() -> None:
    for profile in available_profiles():
        frame = load_frame(profile)
        assert frame.parts and frame.cover, profile


def test_a_profile_without_a_frame_is_refused(monkeypatch: pytest.MonkeyPatch,
                                              built: dict[str, Disclosure]) -> None:
    """Never laid out in another region's frame: the message names the profile and the
    profiles that have one (an ``InputError``: exit code 2 on the command line)."""
    frames = {"xinjiang-11": {}, "shanghai-9": {"frame": {"parts": []}}}
    monkeypatch.setattr(frame_module, "profile_data", frames.__getitem__)
    monkeypatch.setattr(frame_module, "available_profiles", lambda: tuple(frames))
    load_frame.cache_clear()
    try:
        with pytest.raises(MissingFrameError) as caught:
            render_html(built["korla-2024"])
        assert isinstance(caught.value, InputError)
        assert "“xinjiang-11”没有文档框架" in caught.value.message
        assert caught.value.message.endswith("已有框架的配置：shanghai-9")
    finally:
        load_frame.cache_clear()


def test_a_frame_must_place_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """A frame without a place for the glossary, or for the narrative sections no part names,
    would drop them from the document: refused, naming what is missing."""
    parts = [{"id": "a", "blocks": [{"kind": k} for k in ("functions", "organisation",
                                                           "tables", "performance")]},
             {"id": "b", "blocks": [{"kind": "narrative", "sections": ["overview"]}]}]
    monkeypatch.setattr(frame_module, "profile_data", lambda p: {"frame": {"parts": parts}})
    load_frame.cache_clear()
    try:
        with pytest.raises(InputError) as caught:
            load_frame("xinjiang-11")
    finally:
        load_frame.cache_clear()
    assert caught.value.message.endswith(
        '缺少块：tasks、basis、glossary、narrative（sections: "*"）')


def test_build_without_a_frame_exits_2_and_writes_nothing(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from yusuan.cli.main import app

    monkeypatch.setattr(frame_module, "profile_data", lambda p: {})
    load_frame.cache_clear()
    try:
        out = tmp_path / "out"
        result = CliRunner().invoke(app, ["build", str(EXAMPLES / "korla-2024"), "-o", str(out)])
    finally:
        load_frame.cache_clear()
    assert result.exit_code == 2, result.output
    assert "没有文档框架" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_shanghai_department_frame(pdfs: dict[str, bytes]) -> None:
    pages = _pages(pdfs["shanghai-dept-2025"])
    assert all(landscape for _, landscape in pages)  # every page landscape A4
    cover, toc = pages[0][0], pages[1][0]
    assert cover == "上海市某区2025年区级部门预算预算主管部门：上海市某区示例局"
    toc_lines = ("一、部门主要职能", "二、部门机构设置", "三、名词解释", "四、部门预算编制说明",
                 "五、部门预算表", "1.2025年部门财务收支预算总表", "9.2025年部门“三公”经费和机关运行经费预算表",
                 "六、其他相关情况说明", "七、项目经费情况说明", "八、绩效目标")
    positions = _order(toc, *toc_lines)
    assert positions == sorted(positions)
    # each part on pages of its own, headed without its number, in the 目录's order
    body = [text for text, _ in pages[2:]]
    firsts = [next(i for i, t in enumerate(body) if t.startswith(h)) for h in (
        "上海市某区示例局主要职能", "上海市某区示例局机构设置", "名词解释", "2025年部门预算编制说明",
        "2025年部门财务收支预算总表", "其他相关情况说明", "项目经费情况说明", "绩效目标")]
    assert firsts == sorted(firsts)
    assert "（一）基本支出预算：" in body[firsts[2]]
    # an empty table: its grid with 合计 (blank rows above it), then the note
    fund = next(t for t in body if t.startswith("2025年部门政府性基金预算支出功能分类预算表"))
    assert fund.endswith("类款项合计注：本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。")
    # no running title, no page numbers, no signature
    assert not any(re.search(r"-\d+-$|^上海市某区示例局2025年", t) for t in body)


def test_shanghai_unit_frame(pdfs: dict[str, bytes]) -> None:
    pages = _pages(pdfs["shanghai-unit-2025"])
    assert pages[0][0] == "上海市某区2025年区级单位预算预算单位：上海市某区示例局"
    positions = _order(pages[1][0], "一、单位主要职能", "四、单位预算编制说明", "五、单位预算表",
                       "1.2025年预算单位财务收支预算总表")
    assert positions == sorted(positions)
    assert any(t.startswith("2025年单位预算编制说明") for t, _ in pages)
    # 表1 of the 单位 edition splits 本年支出 into 人员经费, 公用经费 and 项目支出, as printed
    summary = next(t for t, _ in pages if t.startswith("2025年预算单位财务收支预算总表"))
    assert summary.startswith("2025年预算单位财务收支预算总表编制单位：上海市某区示例局单位：元")
    assert "基本支出合计项目支出人员经费公用经费" in summary
    assert "一、一般公共服务支出13,896,728.009,346,233.001,045,895.003,504,600.00" in summary


def test_jiangsu_frame(pdfs: dict[str, bytes]) -> None:
    pages = _pages(pdfs["jiangsu-dept-2019"])
    assert pages[0][0] == "江苏省示例厅2019年度部门预算公开"
    toc = pages[1][0]
    assert toc.startswith("目录第一部分部门概况一、主要职能二、部门机构设置及预算单位构成情况"
                          "三、2019年度部门主要工作任务及目标第二部分2019年度部门预算表一、收支预算总表")
    tasks = next(t for t, _ in pages[2:] if "三、2019年部门主要工作任务及目标" in t)
    assert "三、2019年部门主要工作任务及目标1.推进全省相关领域发展规划实施。" in tasks
    assert toc.endswith("第三部分2019年度部门预算情况说明第四部分名词解释2")
    assert not pages[1][1]  # portrait, its number alone at the foot
    tables = next(i for i, (t, _) in enumerate(pages) if "公开01表" in t)
    assert pages[tables][0].startswith("第二部分2019年度部门预算表公开01表收支预算总表部门名称：")
    # the tables follow one another: several on a page
    assert max(len(re.findall(r"公开\d\d表", t)) for t, _ in pages) >= 3


def _cover_lines(data: bytes) -> list[tuple[float, float, float]]:
    """The cover's lines: (left, right, page width)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        return [(min(w["x0"] for w in line), max(w["x1"] for w in line), page.width)
                for line in _by_top(page.extract_words())]


def _by_top(words: list[dict]) -> list[list[dict]]:
    lines: dict[int, list[dict]] = {}
    for w in words:
        lines.setdefault(round(w["top"]), []).append(w)
    return [lines[k] for k in sorted(lines)]


def test_cover_alignment_is_the_regions(pdfs: dict[str, bytes]) -> None:
    """江苏 2019 sets its cover left (the department at the text's left edge, the title two
    characters in); 上海 centres it."""
    (dept_left, _, width), (doc_left, _, _) = _cover_lines(pdfs["jiangsu-dept-2019"])
    assert dept_left < width * 0.2 and dept_left + 20 < doc_left < width * 0.3
    for left, right, width in _cover_lines(pdfs["shanghai-dept-2025"]):
        assert abs((left + right) / 2 - width / 2) < 10


def test_jiangsu_older_years_are_framed_as_printed(built: dict[str, Disclosure]) -> None:
    """江苏 2017 orders Part 1 一、主要职能 二、工作任务及目标 三、机构设置和所属单位 四、编制依据
    and names the department in Parts 2 and 3; 2018 sets the title at the right."""
    d = built["jiangsu-dept-2019"]
    fr = document_frame(replace(d, year=2017, overview=replace(d.overview, basis=("依据。",))))
    assert [c.text for c in fr.toc[0].children] == [
        "一、主要职能", "二、2017年度部门主要工作任务及目标", "三、部门机构设置和所属单位情况",
        "四、部门收支预算编制的相关依据及测算分析情况"]
    assert fr.parts[1].heading == "第二部分 江苏省示例厅2017年度部门预算表"
    assert fr.table_owner == "部门"  # 部门：… above each table until 2018, then 部门名称：
    assert [(c.text, c.align) for c in fr.cover] == [("江苏省示例厅", "center"),
                                                     ("2017年部门预算", "center")]
    fr = document_frame(replace(d, year=2018))
    assert [(c.text, c.align) for c in fr.cover] == [("江苏省示例厅", "left"),
                                                     ("2018年部门预算", "right")]
    assert fr.toc[0].children[2].text == "三、2018年度部门主要工作任务及目标"
    assert fr.table_owner == "部门"
    fr = document_frame(replace(d, year=2020))  # later years as the latest printed
    assert fr.table_owner == "部门名称"
    assert fr.cover[1].text == "2020年度部门预算公开" and fr.cover[1].indent == "2em"


def test_korla_frame_is_the_reference_document(built: dict[str, Disclosure]) -> None:
    fr = document_frame(built["korla-2024"])
    assert [c.text for c in fr.cover] == ["库尔勒市人民政府办公室", "2024年部门预算公开",
                                          "2024年2月23日"]
    assert [line.text for line in fr.toc] == [
        "第一部分 2024年库尔勒市人民政府办公室部门概况", "第二部分 2024年部门预算公开表",
        "第三部分 2024年部门预算情况说明", "第四部分 名词解释"]
    assert [c.text for c in fr.toc[0].children] == ["一、主要职能", "二、机构设置及人员情况"]
    assert fr.frame.signature and fr.frame.page.page_number == "- {page} -"


def test_docx_and_xlsx_carry_the_frame(built: dict[str, Disclosure]) -> None:
    document = docx.Document(io.BytesIO(render_docx(built["shanghai-dept-2025"])))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[:3] == ["上海市某区2025年区级部门预算", "预算主管部门：上海市某区示例局", "目  录"]
    assert texts[3] == "一、部门主要职能"
    assert all(s.page_width > s.page_height for s in document.sections)
    assert not any(p.text for s in document.sections for p in s.footer.paragraphs)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(built["jiangsu-dept-2019"])))
    assert book.sheetnames[:4] == ["封面", "目录", "部门概况", "公开01表"]
    assert book.sheetnames[-2:] == ["2019年度部门预算情况说明", "名词解释"]
    assert book["公开02表"]["A2"].value.startswith("部门名称：")
    assert [book["封面"][c].value for c in ("A3", "A5")] == ["江苏省示例厅", "2019年度部门预算公开"]
    assert book["封面"]["A3"].alignment.horizontal == "left"
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(built["shanghai-dept-2025"])))
    assert book.sheetnames[:7] == ["封面", "目录", "部门主要职能", "部门机构设置", "名词解释",
                                   "部门预算编制说明", "表1"]
    assert "其他相关情况说明" in book.sheetnames and "项目经费情况说明" in book.sheetnames


def test_xlsx_cover_and_contents_as_the_budget_workbook(built: dict[str, Disclosure]) -> None:
    """上海's workbook opens with 封面 (the title in row 3, the owner in row 9, as the budget
    system's template) and 目录; the 目录 lists the sheets that follow, each a link to it."""
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(built["shanghai-unit-2025"])))
    cover = book["封面"]
    assert (cover["A3"].value, cover["A9"].value) == ("上海市某区2025年区级单位预算",
                                                      "预算单位：上海市某区示例局")
    assert "A3:M3" in {str(r) for r in cover.merged_cells.ranges}
    toc = book["目录"]
    lines = [(c.value, c.hyperlink.location if c.hyperlink else None)
             for c in toc["A"] if c.value]
    assert lines[0] == ("目  录", None)
    assert lines[1] == ("一、单位主要职能", "'单位主要职能'!A1")  # a part of text: its sheet
    at = lines.index(("五、单位预算表", None))
    assert lines[at + 1] == ("    1. 2025年预算单位财务收支预算总表", "'表1'!A1")
    linked = [target.split("!")[0].strip("'") for _, target in lines if target]
    assert list(dict.fromkeys(linked)) == [n for n in book.sheetnames if n not in ("封面", "目录")]
    assert lines[-3][0] == "八、绩效目标" and lines[-2][0].strip() == (
        built["shanghai-unit-2025"].project_performance[0].project)


def test_korla_workbook_starts_with_its_part_one(built: dict[str, Disclosure]) -> None:
    """新疆's frame names no 封面/目录 sheets: its workbook opens with Part 1's text, then
    its tables."""
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(built["korla-2024"])), read_only=True)
    assert book.sheetnames[:2] == ["2024年库尔勒市人民政府办公室部门概况", "表1"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
@pytest.mark.parametrize("name", REGIONS)
def test_built_file_reads_back_as_its_region(name: str, fmt: str, built: dict[str, Disclosure],
                                             pdfs: dict[str, bytes], tmp_path: Path) -> None:
    d = built[name]
    path = tmp_path / f"{name}.{fmt}"
    path.write_bytes(pdfs[name] if fmt == "pdf" else RENDER[fmt](d))
    read, _ = parse_file(path)
    assert (read.profile, read.edition, read.department, read.year) == (
        d.profile, d.edition, d.department, d.year)
    assert cell_set(read) == cell_set(d)
