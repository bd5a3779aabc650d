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


def test_the_second_line_of_a_wrapped_title_is_no_title_of_its_own() -> None:
    """``2025年部门财政拨款`` / ``收支预算总表``: one title (the 财政拨款收支总表), not also the
    收支总表 that its second line alone would name."""
    from yusuan.model.profiles import load_profile
    from yusuan.parse.blocks import find_blocks
    from yusuan.parse.text import text_lines

    t = "\t"
    lines = text_lines("\n".join([
        "2025年部门财政拨款", "收支预算总表", "编制部门：某局" + t + t + "单位：元",
        t.join(["财政拨款收入", "", "财政拨款支出"]),
        t.join(["项目", "预算数", "项目", "合计", "一般公共预算"]),
        t.join(["一、一般公共预算资金", "100.00", "一、一般公共服务支出", "100.00", "100.00"]),
        t.join(["收入总计", "100.00", "支出总计", "100.00", "100.00"])]))
    blocks = find_blocks(lines, load_profile("shanghai-9"))
    assert [(b.layout.id, b.title) for b in blocks] == [
        ("appropriation", "2025年部门财政拨款收支预算总表")]


def test_a_long_title_wrapped_in_the_middle_is_one_title() -> None:
    """``一般公共预算“三公”经费、会议费`` / ``、培训费支出预算表`` in the title font."""
    from yusuan.model.profiles import load_profile
    from yusuan.parse.blocks import find_blocks

    def line(top: float, height: float, *cells: tuple[str, float, float]) -> Line:
        return Line(cells=tuple(Cell(t, x0, x1, top) for t, x0, x1 in cells), page=1, top=top,
                    height=height)

    lines = (line(85, 16, ("一般公共预算“三公”经费、会议费", 293, 549)),
             line(112, 16, ("、培训费支出预算表", 349, 493)),
             line(144, 10, ("编制部门：某厅", 45, 215), ("单位：万元", 747, 797)),
             line(176, 8, ("合计", 79, 95), ("会议费", 659, 683), ("培训费", 743, 767)),
             line(204, 8, ("3.00", 71, 104), ("1.00", 663, 680), ("2.00", 741, 768)))
    blocks = find_blocks(lines, load_profile("jiangsu-12"))
    assert [b.layout.id for b in blocks] == ["three_public"]


def test_an_empty_table_note_on_a_sheet_belongs_to_that_sheets_table() -> None:
    """XLSX: “本表无数据。” on sheet 9 is the note of sheet 9's table, not of the last table of
    the workbook (row numbers of different sheets do not order them)."""
    from yusuan.model.disclosure import Origin, Table
    from yusuan.model.money import Unit
    from yusuan.parse.narrative import with_empty_notes

    tables = [Table(id=tid, title=tid, unit=Unit.YUAN, columns=(), rows=(),
                    origin=Origin(file="x.xlsx", page=page, line=3))
              for tid, page in (("gov_fund", 8), ("state_capital", 9), ("carryover", 11))]
    note = Line(cells=(Cell("本表无数据。", 0, 0.9, 8),), page=9, line=8)
    out = with_empty_notes((note,), tables)
    assert [t.empty_statement for t in out] == [None, "本表无数据。", None]
