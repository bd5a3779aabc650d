"""The first row's label centred over its lines (``body_rows.centred_above``): its first line
stands above the row's figures, among the header's lines, and is the label's, not the
header's — on lines laid out as a narrow 项目 column prints 一、一般公共预算财政拨款."""

from __future__ import annotations

from yusuan.model.profiles import load_profile
from yusuan.parse.body_rows import BodyRow, centred_above
from yusuan.parse.lines import Cell, Line

LAYOUT = load_profile("shanghai-final-9").table("appropriation")


def _line(top: float, *cells: Cell) -> Line:
    return Line(cells=cells, page=1, top=top, height=9.0)


HEADER = [_line(100, Cell("收入", 60, 80), Cell("支出", 300, 320)),
          _line(112, Cell("项目", 60, 80), Cell("决算数", 150, 180), Cell("项目", 230, 250),
                Cell("合计", 320, 340))]
FIGURES = _line(136.5, Cell("10,800.00", 140, 185), Cell("一、一般公共服务支出", 195, 290),
                Cell("9,720.00", 300, 345))
NEXT = _line(155, Cell("900.00", 150, 185), Cell("二、外交支出", 195, 250))


def _row(line: Line) -> BodyRow:
    return BodyRow(line, texts=[c for c in line.cells if not c.is_number],
                   amounts=[c for c in line.cells if c.is_number])


def test_the_line_above_the_figures_with_the_rest_of_the_label_below_is_the_label() -> None:
    above = _line(130, Cell("一、一般公共预算财政拨", 40, 130))
    below = [_line(143, Cell("款", 40, 50))]
    assert LAYOUT is not None
    assert centred_above([*HEADER, above], [_row(FIGURES), _row(NEXT)], below, LAYOUT)


def test_a_header_line_is_not_taken_for_a_label() -> None:
    assert LAYOUT is not None
    rows = [_row(FIGURES), _row(NEXT)]
    # nothing below the figures: a row printed on one line, under its header
    assert not centred_above(list(HEADER), rows, [], LAYOUT)
    # a line naming a printed column is the header's, whatever stands below
    named = _line(130, Cell("决算数", 40, 70))
    assert not centred_above([*HEADER, named], rows, [_line(143, Cell("款", 40, 50))], LAYOUT)
    # the rest below at another distance or another left edge is no rest of this label
    above = _line(130, Cell("一、一般公共预算财政拨", 40, 130))
    assert not centred_above([*HEADER, above], rows, [_line(149, Cell("款", 40, 50))], LAYOUT)
    assert not centred_above([*HEADER, above], rows, [_line(143, Cell("款", 90, 100))], LAYOUT)
