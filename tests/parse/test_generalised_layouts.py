"""Layouts the generalisation harness (benchmarks/generalise.py) found misread, each read by
a general mechanism: figures overflowing a narrow column into the next, running heads above
every page, a code printed spaced in one merged cell across the 类/款/项 columns."""

from __future__ import annotations

from yusuan.parse.lines import Cell, Line
from yusuan.parse.pdf import _unglued, without_running_heads
from yusuan.parse.pdf_words import Word
from yusuan.parse.split_codes import join_code


def _texts(*texts: str) -> list[str]:
    return [w.text for w in _unglued([Word(t, 100, 100 + 6 * len(t), 10, 19) for t in texts])]


def test_figures_run_together_are_split_at_the_cent() -> None:
    assert _texts("18,024.8116,567.991,456.82") == ["18,024.81", "16,567.99", "1,456.82"]
    assert _texts("0.570.57") == ["0.57", "0.57"]
    assert _texts("2,976,8002,976,800") == ["2,976,800", "2,976,800"]  # whole 元


def test_a_figure_run_into_the_next_columns_code_and_name_is_split() -> None:
    assert _texts("18,024.81201一般公共服务支出") == ["18,024.81", "201一般公共服务支出"]
    assert _texts("16,567.99202") == ["16,567.99", "202"]


def test_amounts_dates_and_rates_are_left_alone() -> None:
    assert _texts("1,326.12", "12.3456", "500.00万元", "2024", "1.10%") == [
        "1,326.12", "12.3456", "500.00万元", "2024", "1.10%"]


def _page(n: int, *lines: tuple[str, float]) -> tuple[list[Line], float]:
    return [Line(cells=(Cell(t, 100, 300, top),), page=n, top=top) for t, top in lines], 842.0


def test_a_running_head_on_every_page_is_dropped_and_the_cover_kept() -> None:
    head = "某市示例局2024年部门预算公开"
    pages = [_page(1, (head, 30), ("封面", 300))] + [
        _page(n, (head, 30 + n % 2), (f"第{n}页的内容", 200), (f"- {n} -", 820))
        for n in range(2, 8)]
    kept = [line.label for line in without_running_heads(pages)]
    assert kept.count(head) == 1 and "封面" in kept
    assert all(f"第{n}页的内容" in kept for n in range(2, 8))


def test_a_title_at_the_top_of_a_run_of_pages_is_content() -> None:
    """财政项目支出绩效目标填报表 atop 5 of 36 pages: a table title, not a running head."""
    title = "财政项目支出绩效目标填报表"
    pages = [_page(n, ((title, 30) if n > 31 else (f"说明{n}", 30)), (f"内容{n}", 200))
             for n in range(1, 37)]
    assert [line.label for line in without_running_heads(pages)].count(title) == 5


def _cells(*pieces: tuple[str, float, float]) -> list[Cell]:
    return [Cell(t, x0, x1) for t, x0, x1 in pieces]


SLOTS = [58.0, 83.0, 108.0]  # the 类 款 项 header columns


def test_a_code_spaced_in_one_merged_cell_across_the_code_columns_is_one_code() -> None:
    joined = join_code(_cells(("201", 72, 85), ("06", 87, 96), ("01", 98, 106)), SLOTS,
                       "functional")
    assert joined is not None and (joined.code, joined.used) == ("2010601", 3)
    joined = join_code(_cells(("201", 77, 90), ("06", 92, 101)), SLOTS, "functional")
    assert joined is not None and joined.code == "20106"


def test_a_code_printed_one_piece_per_column_is_joined_by_the_columns() -> None:
    joined = join_code(_cells(("201", 52, 64), ("6", 80, 86), ("01", 104, 112)), SLOTS,
                       "functional")
    assert joined is not None and joined.code == "2010601"
