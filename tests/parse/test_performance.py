"""Performance-target tables read back completely: every indicator row, the head (unit,
project, manager, goals, amounts), from the Korla seed text, the Korla PDF yusuan builds,
and the 上海 万里街道 2023 PDF (against a transcription of its pages)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, SEED_TEXT
from yusuan.model.disclosure import Indicator
from yusuan.parse import parse_file
from yusuan.parse.lines import Cell, Line
from yusuan.parse.performance import tidy

EXPECTED = FIXTURES / "expected" / "performance"
WANLI = FIXTURES / "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf"


@pytest.fixture(scope="module")
def korla_pdf(korla_disclosure, tmp_path_factory) -> Path:
    pytest.importorskip("weasyprint")
    from yusuan.render.pdf import render_pdf

    path = tmp_path_factory.mktemp("korla") / "korla-2024.pdf"
    path.write_bytes(render_pdf(korla_disclosure))
    return path


@pytest.mark.parametrize("source", ["seed", "pdf"])
def test_korla_performance_tables_come_back_exactly(source, korla_disclosure, korla_pdf):
    parsed, _ = parse_file(SEED_TEXT if source == "seed" else korla_pdf)
    assert parsed.overall_performance == korla_disclosure.overall_performance
    assert parsed.project_performance == korla_disclosure.project_performance
    rows = sum(len(p.indicators) for p in (*parsed.overall_performance,
                                           *parsed.project_performance))
    assert rows == 36


def test_korla_seed_overall_total_is_the_sum_of_its_printed_parts():
    """The seed leaves 资金总额 blank under its heading; 上级 0.00 + 本级 1,491.86 + 其他 0.00."""
    parsed, _ = parse_file(SEED_TEXT)
    (overall,) = parsed.overall_performance
    assert (overall.total, overall.fiscal_superior, overall.fiscal_local, overall.other) == (
        Decimal("1491.86"), Decimal("0.00"), Decimal("1491.86"), Decimal("0.00"))


@pytest.fixture(scope="module")
def wanli():
    return parse_file(WANLI)[0]


def _transcribed() -> dict:
    return yaml.safe_load((EXPECTED / "shanghai-putuo-wanli-subdistrict-2023.yaml")
                          .read_text(encoding="utf-8"))


def test_wanli_project_tables_match_the_transcription(wanli):
    expected = _transcribed()
    assert wanli.overall_performance == ()
    assert [p.project for p in wanli.project_performance] == [
        p["project"] for p in expected["projects"]]
    for got, want in zip(wanli.project_performance, expected["projects"], strict=True):
        page = want["page"]
        assert (got.unit_name, got.unit.value, got.manager) == (
            want["unit_name"], want["unit"], want["manager"]), page
        assert (got.total, got.fiscal, got.other) == (
            Decimal(want["total"]), Decimal(want["fiscal"]), Decimal(want["other"])), page
        assert got.goals == want["goals"], page
        assert [[i.level1, i.level2, i.level3, i.value] for i in got.indicators] == \
            want["indicators"], page


def test_wanli_every_indicator_row(wanli):
    counts = [len(p.indicators) for p in wanli.project_performance]
    assert counts == [len(p["indicators"]) for p in _transcribed()["projects"]]
    assert sum(counts) == 65
    assert all(i.level1 and i.level2 for p in wanli.project_performance for i in p.indicators)


def test_label_printed_over_two_lines_is_one_label(wanli):
    """``服务对象满意度`` / ``指标`` (page 31) and ``社会效益指`` / ``标`` (page 35)."""
    last = wanli.project_performance[-1].indicators
    assert last[-1] == Indicator("满意度指标", "服务对象满意度指标", "工作人员满意度", "≥95.00(%)")
    assert [i.level2 for i in last[5:7]] == ["社会效益指标", "社会效益指标"]


def test_wrapped_indicator_cell_is_one_row(wanli):
    """Page 34: a 三级指标 printed over two lines with its 指标值 centred between them."""
    rows = wanli.project_performance[3].indicators
    wrapped = [i for i in rows if i.level3.startswith("全面提升社区党员")]
    assert [(i.level3, i.value) for i in wrapped] == [
        ("全面提升社区党员党性修养，提升书记综合素质，牢固树立全心全意为民服务意识", "有效")]


@pytest.mark.parametrize(("printed", "tidied"), [
    ("产出 指标", "产出指标"),
    ("> =98%", ">=98%"),
    ("< =454. 55 元/ 人", "<=454.55元/人"),
    ("< =12.6 7 万元/ /项", "<=12.67万元/项"),
    ("目标 1: 保障公共办事场所 8970 平方米, 入驻 53 家单位", "目标1：保障公共办事场所8970平方米，入驻53家单位"),
    ("涉及金额 1,491.86 万元", "涉及金额1,491.86万元"),
    ("慰问人数不少于 100人,宣传用品", "慰问人数不少于100人,宣传用品"),
])
def test_tidy(printed, tidied):
    assert tidy(printed) == tidied


@pytest.mark.parametrize("name", ["jiangsu-provincial-procuratorate-2019-dept-budget.pdf",
                                  "shanghai-putuo-commerce-commission-2025-dept-budget.pdf"])
def test_documents_without_performance_tables_give_none(name):
    """江苏 2019: "共 0 个项目实行绩效目标管理"; 商务委 2025 refers to tables it does not print
    ("详见单位的项目绩效目标表") — its project descriptions (七、绩效目标) are no table."""
    parsed, _ = parse_file(FIXTURES / name)
    assert (parsed.overall_performance, parsed.project_performance) == ((), ())


def _pdf_line(top: float, *cells: tuple[str, float]) -> Line:
    return Line(cells=tuple(Cell(t, x, x + 10 * len(t), top) for t, x in cells), page=1,
                top=top, height=8.0)


def test_pdf_labels_centred_on_their_groups_and_wrapped_over_three_lines():
    """Rows 20 pt apart; 一级 ``满意度指标`` printed in three pieces beside the last two rows,
    ``产出指标`` centred on the first three, 二级 labels centred on their own groups."""
    from yusuan.parse.performance import read_performance

    lines = (
        _pdf_line(0, ("项目支出绩效目标表", 200)),
        _pdf_line(20, ("项目名称", 50), ("甲项目", 150)),
        _pdf_line(40, ("一级指标", 50), ("二级指标", 150), ("三级指标", 250), ("指标值", 400)),
        _pdf_line(60, ("指标一", 250), ("=1次", 400)),
        _pdf_line(70, ("数量指标", 150)),
        _pdf_line(80, ("指标二", 250), ("=2次", 400)),
        _pdf_line(80, ("产出指标", 50)),
        _pdf_line(100, ("质量指标", 150), ("指标三", 250), ("=3次", 400)),
        _pdf_line(114, ("满意", 50)),
        _pdf_line(120, ("指标四", 250), ("=4次", 400)),
        _pdf_line(124, ("度指", 50), ("满意度指标", 150)),
        _pdf_line(134, ("标", 50)),
        _pdf_line(140, ("指标五", 250), ("=5次", 400)),
    )
    _, (project,) = read_performance(lines, "甲部门", 2024)
    assert [(i.level1, i.level2, i.level3, i.value) for i in project.indicators] == [
        ("产出指标", "数量指标", "指标一", "=1次"), ("产出指标", "数量指标", "指标二", "=2次"),
        ("产出指标", "质量指标", "指标三", "=3次"), ("满意度指标", "满意度指标", "指标四", "=4次"),
        ("满意度指标", "满意度指标", "指标五", "=5次")]
