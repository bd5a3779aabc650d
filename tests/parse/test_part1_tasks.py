"""江苏 Part 1's 工作任务及目标 and (2017) 编制依据, read from every 江苏 corpus document as
printed (a paragraph a printed item, wrapped lines joined by their indentation, the 目录
entry passed over), and carried through a build of the 江苏 example into PDF and DOCX."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, FIXTURES
from tests.parse.test_part1_and_other import _render
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import label
from yusuan.model.part1 import organisation_paragraphs
from yusuan.parse import parse_file
from yusuan.parse.dispatch import parse_files

# document → (paragraphs under 工作任务, first item's opening, last item's opening, 编制依据)
PRINTED = {
    "jiangsu-cppcc-office-2017": (13, "1、精心组织政治协商。", "13、全力做好各项接待服务", 4),
    "jiangsu-cppcc-office-2018": (14, "1.精心组织政治协商。", "14.全力做好各项接待服务", 0),
    "jiangsu-cppcc-office-2019": (20, "1.坚持用习近平新时代", "20.发挥专家咨询委员会作用。", 0),
    # an introduction, then (一)… or 一、… headings over the numbered items
    "jiangsu-provincial-procuratorate-2017": (7, "2017 年，我们将认真贯彻", "（六）在推进检察队伍", 2),
    "jiangsu-provincial-procuratorate-2018": (30, "2018 年，江苏省人民检察院将", "24.持之以恒正风肃纪。", 0),
    "jiangsu-provincial-procuratorate-2019": (28, "2019年，江苏省人民检察院将", "22.持之以恒正风肃纪。", 0),
}


def _read(name: str):
    if "cppcc" in name:
        return parse_files([FIXTURES / f"{name}-dept-budget.part1-narrative.pdf",
                            FIXTURES / f"{name}-dept-budget.part2-tables.pdf"])[0]
    return parse_file(FIXTURES / f"{name}-dept-budget.pdf")[0]


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_tasks_and_basis_as_printed(name: str) -> None:
    count, first, last, basis = PRINTED[name]
    o = _read(name).overview
    assert len(o.tasks) == count
    assert o.tasks[0].startswith(first) and o.tasks[-1].startswith(last)
    assert len(o.basis) == basis
    # nothing of the neighbouring headings or of the 目录 is taken for a task
    assert not any("机构设置" in t[:16] or "编制的相关依据" in t for t in o.tasks)


def test_the_2019_procuratorate_headings_stay_paragraphs_of_their_own() -> None:
    tasks = _read("jiangsu-provincial-procuratorate-2019").overview.tasks
    assert tasks[1] == "一、坚决捍卫国家政治安全和社会大局稳定"
    # an item wrapped over a page break is one paragraph
    assert tasks[-2].startswith("21.大力推进检察队伍") and tasks[-2].endswith("。")


def test_other_regions_print_no_tasks() -> None:
    for name in ("shanghai-putuo-finance-bureau-2025-dept-budget.pdf", "korla-2024-seed.txt"):
        o = parse_file(FIXTURES / name)[0].overview
        assert o.tasks == () and o.basis == ()


def _read_back(d, fmt: str, tmp_path):
    """``d`` rendered as PDF or DOCX and read again."""
    return parse_file(_render(d, fmt, tmp_path))[0]


@pytest.mark.parametrize("fmt", ("pdf", "docx"))
def test_built_tasks_come_back(fmt: str, tmp_path) -> None:
    d = build_disclosure(EXAMPLES / "jiangsu-dept-2019")
    assert len(d.overview.tasks) == 4
    read = _read_back(d, fmt, tmp_path).overview.tasks  # a PDF's spaces beside 95% aside
    assert [label(t) for t in read] == [label(t) for t in d.overview.tasks]


def test_functions_in_prose_or_introduced() -> None:
    """主要职能 printed as prose (江苏省政协) is kept whole; a list's introduction (…其主要职责有：,
    主要职能包括：) is kept before its items."""
    o = _read("jiangsu-cppcc-office-2019").overview
    assert o.functions == () and len(o.functions_intro) == 1
    assert o.functions_intro[0].startswith("省政协是我省最广泛的爱国统一战线组织")
    o = _read("jiangsu-provincial-procuratorate-2019").overview
    assert o.functions_intro == ("人民检察院是国家的法律监督机关。省检察院的主要任务是领导全省各级检察院"
                                 "依法履行法律监督职责，保证国家法律的统一正确实施。其主要职责有：",)
    assert len(o.functions) == 17
    o = parse_file(FIXTURES / "shanghai-putuo-government-office-2025-dept-budget.pdf")[0].overview
    assert len(o.functions_intro) == 2 and o.functions_intro[1] == "主要职能包括："
    assert o.functions[0].startswith("根据区政府领导的要求")
    assert parse_file(FIXTURES / "korla-2024-seed.txt")[0].overview.functions_intro == ()


def test_divisions_listed_one_a_line() -> None:
    """江苏 2017/2018 list the 内设机构 under （一）机关内设机构, one numbered line each; a note
    in brackets after a name is not part of it."""
    divisions = _read("jiangsu-provincial-procuratorate-2017").overview.internal_divisions
    assert len(divisions) == 23  # “包括 23 个内设机构”
    assert divisions[5] == "反贪污贿赂局" and divisions[11] == "控告申诉检察处"
    assert divisions[-1] == "行政装备处"
    assert len(_read("jiangsu-provincial-procuratorate-2018").overview.internal_divisions) == 19


@pytest.mark.parametrize("fmt", ("pdf", "docx"))
def test_built_functions_introduction_comes_back(fmt: str, tmp_path) -> None:
    d = build_disclosure(EXAMPLES / "shanghai-dept-2025")
    read = _read_back(d, fmt, tmp_path).overview
    assert read.functions_intro == d.overview.functions_intro
    assert read.functions == d.overview.functions


def test_budget_units_named_after_ji() -> None:
    """“预算单位共计 1 家，即省政协办公厅本级。”: the unit is read, and written again in
    江苏's words for a department of one unit."""
    d = _read("jiangsu-cppcc-office-2019")
    assert d.overview.units == ("省政协办公厅本级",)
    said = organisation_paragraphs(d.department, d.year, d.edition, d.overview, d.profile)
    assert "从预算单位构成看，纳入本部门2019年部门汇总预算编制范围的预算单位共计1家，即省政协办公厅本级。" in said
