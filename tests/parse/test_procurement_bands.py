"""Procurement stubs joined by row bands (``parse/procurement.py``), on lines laid out as the
Jiangsu 政府采购 tables print them: names wrapped over several lines centred on their row,
a name touching the 采购组织形式 beside it, and a name in a cell merged over two rows."""

from __future__ import annotations

from yusuan.model.disclosure import Column
from yusuan.parse.body_rows import BodyRow
from yusuan.parse.columns import Located
from yusuan.parse.lines import Cell, Line
from yusuan.parse.procurement import procurement

STUBS = [Located(Column(key=str(i), path=(p,)), x0, x1) for i, (p, x0, x1) in enumerate(
    [("采购品目大类", 90, 140), ("专项名称", 170, 200), ("经济科目", 250, 280),
     ("采购物品名称", 318, 366), ("采购组织形式", 396, 444)])]
PITCH = 15.6  # the lines of a wrapped cell


def _row(top: float, *cells: Cell, figure: str | None = None) -> BodyRow:
    amounts = [Cell(figure, 480, 505, top)] if figure else []
    line = Line(cells=(*cells, *amounts), page=1, top=top, height=9.0)
    return BodyRow(line, texts=[Cell(c.text, c.x0, c.x1, top, c.words) for c in cells],
                   amounts=amounts)


def _names(rows: list[BodyRow]) -> list[tuple[str, ...]]:
    return [tuple(t.text for t in r.texts) + tuple(a.text for a in r.amounts) for r in rows]


def test_a_name_wrapped_over_three_lines_is_one_name_of_the_row_it_is_centred_on() -> None:
    body = [_row(100, Cell("办公设备购置", 258, 312), figure="146.00"),
            _row(124, Cell("台式计算机", 341, 386)),
            _row(132, Cell("部门集中采", 402, 447)),
            _row(139.6, Cell("（20万以", 341, 380), figure="27.00"),
            _row(147, Cell("购", 402, 411)),
            _row(155.2, Cell("上）", 341, 359)),
            _row(171, Cell("便携式计算", 341, 386), Cell("分散自行组", 402, 447)),
            _row(179, figure="16.00"),
            _row(186.6, Cell("机（20万以下）", 341, 389), Cell("织", 402, 411))]
    rows, _ = procurement(body, STUBS, "办公、办案设备更新购置费")
    assert _names(rows) == [("办公设备购置", "办公、办案设备更新购置费", "146.00"),
                            ("台式计算机（20万以上）", "办公、办案设备更新购置费", "27.00"),
                            ("便携式计算机（20万以下）", "办公、办案设备更新购置费", "16.00")]


def test_a_name_touching_the_organisation_form_is_split_where_its_words_are() -> None:
    glued = Cell("打印设备（20万以上）政府集中采购", 303, 440, 0,
                 (("打印设备（20", 303, 350), ("万以上）", 354, 385), ("政府集中采购", 392, 440)))
    rows, _ = procurement([_row(100, glued, figure="20.00")], STUBS, "办公设备购置")
    assert _names(rows) == [("打印设备（20万以上）", "办公设备购置", "20.00")]


def test_a_name_in_a_cell_merged_over_two_rows_names_both() -> None:
    body = [_row(674.3, Cell("部门集中采", 402, 447)),
            _row(682.1, figure="330.00"),
            _row(689.9, Cell("物业管理服", 341, 386), Cell("购", 402, 411)),
            _row(705.9, Cell("务", 341, 350), Cell("分散自行组", 402, 447)),
            _row(713.9, figure="20.00"),
            _row(721.7, Cell("织", 402, 411)),
            _row(737.8, Cell("分散自行组", 402, 447)),
            _row(745.6, Cell("其他服务", 341, 377), figure="20.00"),
            _row(753.4, Cell("织", 402, 411))]
    rows, _ = procurement(body, STUBS, "物业管理费")
    assert _names(rows) == [("物业管理服务", "物业管理费", "330.00"),
                            ("物业管理服务", "物业管理费", "20.00"),
                            ("其他服务", "物业管理费", "20.00")]


def test_one_line_names_stay_on_their_own_rows_and_a_far_line_stays_apart() -> None:
    body = [_row(100 + 22 * n, Cell(name, 295, 340), figure="5.00")
            for n, name in enumerate(["复印机", "家具用具", "其他办公设备"])]
    body.append(_row(400, Cell("注：本表为示例", 90, 200)))
    rows, _ = procurement(body, STUBS, None)
    assert _names(rows) == [("复印机", "5.00"), ("家具用具", "5.00"), ("其他办公设备", "5.00"),
                            ("注：本表为示例",)]


def test_a_short_name_left_aligned_in_a_wide_column_is_of_that_column() -> None:
    """专项名称 printed wide (its longest name is long), 物业管理费 at its left edge: nearer
    the centre of 采购品目大类's label than of its own, but printed in 专项名称's lane (the
    long names fill it), with the gap before it that nothing is printed on."""
    stubs = [Located(Column(key=str(i), path=(p,)), x0, x1) for i, (p, x0, x1) in enumerate(
        [("采购品目大类", 70, 120), ("专项名称", 215, 255), ("经济科目", 360, 395),
         ("采购物品名称", 410, 460), ("采购组织形式", 500, 540)])]
    body = [_row(100, Cell("网络、电子检务、实验室、机要通道、档案数", 131, 343),
                 Cell("租赁费", 410, 440), figure="390.00"),
            _row(120, Cell("物业管理费", 131, 190), Cell("物业管理服务", 410, 458),
                 figure="36.00")]
    rows, project = procurement(body, stubs, None)
    assert _names(rows)[1] == ("物业管理服务", "物业管理费", "36.00")
    assert project == "物业管理费"
