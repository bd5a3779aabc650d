"""A label wrapped onto a second line, between two rows, goes to the row it belongs to
(``tables._glue``): the row whose wrapped cell pulled its first line away from the row before
it, not merely the nearer one (万里街道 2023's 2080505 …缴费支 / 出 sits 14.7 pt under its row
and 15.1 pt over the next)."""

from __future__ import annotations

from yusuan.parse.body_rows import BodyRow
from yusuan.parse.lines import Cell, Line
from yusuan.parse.tables import _glue, _pitch


def _line(top: float, *cells: tuple[str, float, float]) -> Line:
    return Line(cells=tuple(Cell(t, x0, x1, top) for t, x0, x1 in cells), page=1, top=top,
                height=12.0)


def _row(top: float, code: str, name: str, figure: str) -> BodyRow:
    line = _line(top, (code, 73, 117), (name, 170, 170 + 12 * len(name)), (figure, 386, 440))
    return BodyRow(line, codes=[line.cells[0]], texts=[line.cells[1]], amounts=[line.cells[2]])


def _table(wrapped_top: float, fragment_top: float, next_top: float) -> list[BodyRow]:
    rows = [_row(413.2, "2080501", "行政单位离退休", "177,240"),
            _row(437.8, "2080502", "事业单位离退休", "52,080"),
            _row(wrapped_top, "2080505", "机关事业单位基本养老保险缴费支", "4,412,547"),
            _row(next_top, "2080506", "机关事业单位职业年金缴费支出", "2,206,272"),
            _row(next_top + 24.6, "2080599", "其他行政事业单位养老支出", "3,120")]
    frag = _line(fragment_top, ("出", 170, 182))
    assert _glue(rows, [frag], _pitch(rows, [frag])) == []
    return rows


def test_a_fragment_goes_to_the_row_pulled_up_to_centre_it() -> None:
    rows = _table(457.2, 471.9, 487.0)
    assert [t.text for t in rows[2].texts] == ["机关事业单位基本养老保险缴费支出"]
    assert [t.text for t in rows[3].texts] == ["机关事业单位职业年金缴费支出"]


def test_a_fragment_goes_to_the_row_pushed_down_to_centre_it() -> None:
    # the mirror image: the row below wraps its first line up, and is pushed away from the
    # row after it
    rows = [_row(413.2, "2080501", "行政单位离退休", "177,240"),
            _row(437.8, "2080502", "事业单位离退休", "52,080"),
            _row(462.4, "2080505", "机关事业单位基本养老保险缴费支出", "4,412,547"),
            _row(492.2, "2080506", "年金缴费支出", "2,206,272"),
            _row(511.6, "2080599", "其他行政事业单位养老支出", "3,120")]
    frag = _line(477.1, ("机关事业单位职业", 170, 266))
    assert _glue(rows, [frag], _pitch(rows, [frag])) == []
    assert [t.text for t in rows[3].texts] == ["机关事业单位职业年金缴费支出"]


def test_a_label_a_full_pitch_away_is_a_row_of_its_own() -> None:
    rows = [_row(100 + 24.6 * n, f"20805{n:02d}", "行政单位离退休", "1,000") for n in range(4)]
    lone = _line(100 + 24.6 * 4, ("其他支出", 170, 218))
    assert _glue(rows, [lone], _pitch(rows, [lone])) == [lone]
