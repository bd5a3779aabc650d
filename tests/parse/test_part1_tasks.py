"""江苏 Part 1's 工作任务及目标 and (2017) 编制依据, read from every 江苏 corpus document as
printed (a paragraph a printed item, wrapped lines joined by their indentation, the 目录
entry passed over), and carried through a build of the 江苏 example into PDF and DOCX."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, FIXTURES
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import label
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


@pytest.mark.parametrize("fmt", ("pdf", "docx"))
def test_built_tasks_come_back(fmt: str, tmp_path) -> None:
    if fmt == "pdf":
        pytest.importorskip("weasyprint")
        from yusuan.render.pdf import render_pdf as render
    else:
        from yusuan.render.docx import render_docx as render
    d = build_disclosure(EXAMPLES / "jiangsu-dept-2019")
    assert len(d.overview.tasks) == 4
    path = tmp_path / f"js.{fmt}"
    path.write_bytes(render(d))
    read = parse_file(path)[0].overview.tasks  # the spaces a PDF prints between 95 and % aside
    assert [label(t) for t in read] == [label(t) for t in d.overview.tasks]
