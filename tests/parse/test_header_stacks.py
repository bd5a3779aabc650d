"""Column labels wrapped over several header lines (``parse/columns.py``), on lines laid out
as a narrow column prints them: 对个人和 / 家庭的补 / 助, where the reader merged the middle
line's words of three columns into one cell."""

from __future__ import annotations

from yusuan.model.disclosure import Column
from yusuan.parse.columns import locate
from yusuan.parse.lines import Cell, Line


def _line(top: float, *cells: Cell) -> Line:
    return Line(cells=cells, page=1, top=top, height=8.0)


def test_a_label_over_three_lines_under_a_merged_cell_is_found() -> None:
    header = (
        _line(135.3, Cell("对个人和债务利息", 483.7, 547.7, words=(
            ("对个人和", 483.7, 515.7), ("债务利息", 523.3, 555.3)))),
        _line(145.7, Cell("家庭的补及费用支", 483.7, 555.3, words=(
            ("家庭的补", 483.7, 515.7), ("及费用支", 523.3, 555.3)))),
        _line(156.1, Cell("助", 495.7, 503.7), Cell("出", 535.3, 543.3)),
    )
    columns = (Column(key="303", path=("对个人和家庭的补助",)),
               Column(key="307", path=("债务利息及费用支出",)))
    found = {loc.column.key: (loc.x0, loc.x1) for loc in locate(columns, header)}
    assert found == {"303": (483.7, 515.7), "307": (523.3, 555.3)}
