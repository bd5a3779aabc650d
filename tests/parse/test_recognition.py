"""Recognition by title and header shape, on small inline documents (not fitted to the corpus)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from yusuan.checks.completeness import TABLES
from yusuan.model.disclosure import Table, label
from yusuan.model.money import Unit
from yusuan.model.profiles import load_profile
from yusuan.model.serialize import disclosure_from_json, disclosure_to_data
from yusuan.parse.blocks import find_blocks
from yusuan.parse.document import assemble
from yusuan.parse.lines import Cell, Line
from yusuan.parse.recognise import THRESHOLD, rank, recognise
from yusuan.parse.tables import read_table
from yusuan.parse.text import text_lines

T = "\t"


def doc(*rows: str) -> tuple[Line, ...]:
    return text_lines("\n".join(rows))


SHANGHAI_LIKE = (
    "某区2026年区级部门预算",
    "目 录",
    "2. 2026年部门收入预算总表",  # table of contents: not a table
    "3. 2026年部门支出预算总表",
    "2026年部门收入预算总表",
    "编制部门：某区某某局" + T + T + "单位：元",
    T.join(["项目", "", "", "", "收入预算"]),
    T.join(["功能分类科目编码", "", "", "功能分类科目名称", "合计", "财政拨款收入", "事业收入",
            "事业单位", "其他收入"]),
    T.join(["类", "款", "项", "", "", "", "", "经营收入", ""]),
    T.join(["201", "", "", "一般公共服务支出", "1,000", "900", "", "", "100"]),
    T.join(["201", "01", "", "人大事务", "1,000", "900", "", "", "100"]),
    T.join(["201", "01", "01", "行政运行", "1,000", "900", "", "", "100"]),
    T.join(["", "", "", "合计", "1,000", "900", "", "", "100"]),
    "2026年部门支出预算总表",
    "编制部门：某区某某局" + T + "单位：万元",
    T.join(["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"]),
    T.join(["201", "01", "01", "行政运行", "0.10", "0.10", ""]),
    T.join(["", "", "", "合计", "0.10", "0.10", ""]),
)


def test_profile_title_unit_and_wrapped_header_by_position():
    disclosure, findings = assemble(doc(*SHANGHAI_LIKE), "inline.txt")
    assert disclosure.profile == "shanghai-9"
    assert (disclosure.department, disclosure.year) == ("某区某某局", 2026)
    income = disclosure.table("income")
    assert income.unit is Unit.YUAN and disclosure.table("expenditure").unit is Unit.WAN
    row = income.row(code="2010101")
    assert row.name == "行政运行"
    assert dict(row.values) == {"total": Decimal("1000"), "fiscal": Decimal("900"),
                                "other": Decimal("100")}
    assert income.total.value("total") == Decimal("1000")
    assert [f.rule_id for f in findings if f.location.table == "income"] == []


def test_longest_alias_wins_and_toc_lines_are_not_tables():
    lines = doc("一、财政拨款支出预算表", "二、政府性基金预算财政拨款支出预算表",
                "政府性基金预算财政拨款支出预算表", "部门名称：某厅" + T + "单位：万元",
                T.join(["功能科目编码", "功能科目名称", "金额"]), "合计", "此表为空",
                "财政拨款支出预算表（功能科目）", "部门名称：某厅" + T + "单位：万元",
                T.join(["功能科目代码", "功能科目名称", "金额"]), T.join(["", "合计", "5.00"]),
                T.join(["204", "公共安全支出", "5.00"]))
    blocks = find_blocks(lines, load_profile("jiangsu-12"))
    assert [b.layout.id for b in blocks] == ["gov_fund", "appropriation_functional"]
    assert blocks[0].statement == "此表为空"


def test_amounts_beyond_the_header_are_a_finding():
    lines = doc("2026年部门支出预算总表", "编制部门：某局" + T + "单位：元",
                T.join(["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"]),
                T.join(["201", "01", "01", "行政运行", "10", "10", "", "7"]),
                T.join(["", "", "", "合计", "10", "10", ""]))
    (block,) = find_blocks(lines, load_profile("shanghai-9"))
    table, findings = read_table(block, "x.txt", Unit.YUAN)
    assert table.row(code="2010101").value("total") == Decimal("10")
    assert "parse.columns-mismatch" in [f.rule_id for f in findings]


def _line(top: float, *cells: tuple[str, float, float], page: int = 1) -> Line:
    return Line(cells=tuple(Cell(t, x0, x1, top) for t, x0, x1 in cells), page=page, top=top,
                height=9.0)


def test_pdf_like_lines_wrapped_name_and_right_aligned_figures():
    """A name wrapped above and below its figures; numbers right-aligned under centred labels."""
    lines = (
        _line(50, ("一般公共预算基本支出预算表（经济科目）", 100, 400)),
        _line(70, ("部门名称：", 80, 130), ("某厅", 134, 170), ("单位：万元", 460, 510)),
        _line(90, ("科目编码", 90, 130), ("科目名称", 230, 270), ("金额", 440, 460)),
        _line(110, ("合", 230, 240), ("计", 255, 265), ("15.00", 420, 460)),
        _line(127, ("301", 86, 101), ("工资福利支出", 237, 297), ("15.00", 425, 460)),
        _line(141, ("机关事业单位基本养老保险", 237, 357)),
        _line(149, ("30108", 86, 111), ("15.00", 425, 460)),
        _line(157, ("缴费", 237, 257)),
        _line(175, ("30109", 86, 111), ("职业年金缴费", 237, 297), ("0.00", 430, 460)),
    )
    from yusuan.parse.pdf import _cells  # noqa: F401  (the PDF reader merges 合 + 计 itself)

    (block,) = find_blocks(lines, load_profile("jiangsu-12"))
    table, _ = read_table(block, "x.pdf", Unit.WAN)
    row = table.row(code="30108")
    assert row.name == "机关事业单位基本养老保险缴费" and row.value("total") == Decimal("15.00")
    assert table.row(code="30109").value("total") == Decimal("0.00")  # a printed 0 is kept


def test_dashes_are_blanks_and_chinese_table_numbers():
    lines = doc("表三", "部门支出总体情况表", "编制部门：某局", "单位：万元",
                T.join(["科目", "", "", "支出预算"]),
                T.join(["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"]),
                T.join(["类", "款", "项"]),
                T.join(["栏次", "", "", "", "1", "2", "3"]),
                T.join(["", "", "", "总计", "3.00", "—", "3.00"]),
                T.join(["201", "01", "02", "一般行政管理事务", "3.00", "-", "3.00"]))
    (block,) = find_blocks(lines, load_profile("xinjiang-11"))
    assert block.layout.id == "expenditure" and block.number == "表三"
    table, findings = read_table(block, "x.txt", Unit.WAN)
    row = table.row(code="2010102")
    assert row.project is None and dict(row.values) == {"total": Decimal("3.00"),
                                                        "project": Decimal("3.00")}
    assert table.total.value("basic") is None  # a dash is blank, not zero
    assert findings == []


def test_title_repeated_on_the_continuation_page_continues_the_table():
    header = T.join(["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"])
    lines = doc("一般公共预算支出情况表", "编制部门：某局", "单位：万元", header,
                T.join(["", "", "", "总计", "5.00", "2.00", "3.00"]),
                T.join(["201", "01", "01", "行政运行", "2.00", "2.00", ""]),
                "续表", "一般公共预算支出情况表（续）", "单位：万元", header,
                T.join(["201", "01", "02", "一般行政管理事务", "3.00", "", "3.00"]))
    (block,) = find_blocks(lines, load_profile("xinjiang-11"))
    table, findings = read_table(block, "x.txt", Unit.WAN)
    assert [r.code for r in table.rows] == [None, "2010101", "2010102"]
    assert table.row(code="2010102").value("project") == Decimal("3.00")
    assert findings == []


def test_unit_budget_edition():
    lines = doc("某中心2026年单位预算", *SHANGHAI_LIKE[1:])
    disclosure, _ = assemble(lines, "inline.txt")
    assert disclosure.edition == "单位预算"
    assert assemble(doc(*SHANGHAI_LIKE), "inline.txt")[0].edition == "部门预算"


def test_a_column_whose_label_differs_is_placed_between_its_neighbours():
    lines = doc("2026年部门支出预算总表", "编制部门：某局" + T + "单位：元",
                T.join(["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出（元）",
                        "项目支出"]),
                T.join(["201", "01", "01", "行政运行", "10", "4", "6"]),
                T.join(["", "", "", "合计", "10", "4", "6"]))
    (block,) = find_blocks(lines, load_profile("shanghai-9"))
    table, findings = read_table(block, "x.txt", Unit.YUAN)
    assert dict(table.row(code="2010101").values) == {
        "total": Decimal("10"), "basic": Decimal("4"), "project": Decimal("6")}
    assert findings == []


def test_a_row_label_with_a_comma_does_not_end_the_table():
    lines = doc("一般公共预算项目支出情况表", "编制部门：某局", "单位：万元",
                T.join(["科目编码", "", "", "功能分类科目名称", "项目名称", "项目支出合计"]),
                T.join(["", "", "", "总计", "", "9.00"]),
                T.join(["", "", "", "某局", "", "9.00"]),
                T.join(["201", "01", "02", "一般行政管理事务", "人大代表履职、培训，调研及会议经费项目", "9.00"]))
    (block,) = find_blocks(lines, load_profile("xinjiang-11"))
    table, _ = read_table(block, "x.txt", Unit.WAN)
    row = next(r for r in table.rows if r.code == "2010102")  # a project row
    assert row.project == "人大代表履职、培训,调研及会议经费项目"
    assert row.unit == "某局" and row.value("total") == Decimal("9.00")


def test_a_table_the_profile_does_not_know_ends_the_one_before():
    lines = doc("政府采购支出预算表", "部门：某厅" + T + "单位：万元",
                T.join(["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"]),
                T.join(["合计", "", "", "", "", "5.00"]),
                "公开13表", "项目支出绩效目标表（新增表）", "部门：某厅" + T + "单位：万元",
                T.join(["项目名称", "金额"]), T.join(["某项目", "7.00"]))
    (block,) = find_blocks(lines, load_profile("jiangsu-12"))
    table, _ = read_table(block, "x.txt", Unit.WAN)
    assert [r.name for r in table.rows] == ["合计"]


# Titles scored against every table: numbering, year, department and edition words do not
# matter, and titles never seen in the corpus (made up here) are recognised the same way.
TITLE_CASES = [
    ("jiangsu-12", "2017 年度江苏省高级人民法院部门支出预算总表", "expenditure"),
    ("jiangsu-12", "公开 03 表：支出预算总表", "expenditure"),
    ("jiangsu-12", "财政拨款政府性基金支出预算表", "gov_fund"),
    ("jiangsu-12", "附表十：政府性基金支出预算表", "gov_fund"),
    ("jiangsu-12", "“三公”经费、会议费、培训费支出预算表（一般公共预算）", "three_public"),
    ("jiangsu-12", "2020年江苏省某某厅部门收入预算总表", "income"),
    ("jiangsu-12", "表4 财政拨款收支预算总表", "appropriation"),
    ("jiangsu-12", "2019年政府采购预算表", "procurement"),
    ("jiangsu-12", "五、江苏省某某局财政拨款支出预算表（按功能科目）", "appropriation_functional"),
    ("shanghai-9", "2025年预算单位收入预算总表", "income"),
    ("shanghai-9", "2026年某某街道办事处部门支出预算总表", "expenditure"),
    ("shanghai-9", "3．2024年预算单位一般公共预算基本支出部门预算经济分类预算表", "gpb_basic"),
    ("shanghai-9", "2025年单位“三公”经费和机关运行经费预算表", "three_public"),
    ("shanghai-9", "表7 2027年部门国有资本经营预算支出功能分类预算表", "state_capital"),
    ("shanghai-9", "2021年部门收入总表", "income"),  # the 标准目录 names
    ("jiangsu-12", "2016年一般公共预算“三公”经费支出表", "three_public"),
    ("shanghai-9", "附表7 一般公共预算“三公”经费支出表", "three_public"),
    ("xinjiang-11", "表一 2025年某县某局部门收支总体情况表", "summary"),
    ("xinjiang-11", "附表3：部门支出总体情况表", "expenditure"),
]


@pytest.mark.parametrize(("profile", "title", "expected"), TITLE_CASES)
def test_titles_are_scored_not_matched(profile, title, expected):
    ranked = rank(title, load_profile(profile))
    assert ranked[0].layout.id == expected
    assert ranked[0].score >= THRESHOLD
    assert ranked[1].score < ranked[0].score  # never a tie with another table


@pytest.mark.parametrize("title", ["项目支出绩效目标表", "2025年部门决算收入支出决算总表",
                                   "某某单位人员编制情况表", "一般公共服务支出"])
def test_other_titles_are_not_budget_tables(title):
    for profile in ("jiangsu-12", "shanghai-9", "xinjiang-11"):
        assert rank(title, load_profile(profile))[0].score < THRESHOLD


def test_unit_edition_summary_is_told_apart_by_its_header():
    """One title, two layouts: the 单位 edition's header prints 人员经费/公用经费/项目支出."""
    unit_header = doc(T.join(["本年收入", "", "本年支出"]),
                      T.join(["项目", "预算数", "项目", "合计", "基本支出", "", "项目支出"]),
                      T.join(["", "", "", "", "人员经费", "公用经费"]))
    dept_header = doc(T.join(["本年收入", "", "本年支出"]),
                      T.join(["项目", "预算数", "项目", "预算数"]))
    profile = load_profile("shanghai-9")
    unit = recognise("2026年预算单位财务收支预算总表", unit_header, profile)
    dept = recognise("2026年部门财务收支预算总表", dept_header, profile)
    assert unit is not None and dept is not None
    assert unit.layout.id == dept.layout.id == "summary"
    assert unit.layout.editions == ("单位预算",) and dept.layout.editions == ()
    assert [c.key for c in unit.layout.side("expenditure").columns] == [
        "amount", "personnel", "public_funds", "project"]
    assert profile.table("summary", "单位预算") is unit.layout
    assert profile.table("summary") is dept.layout


EXPENDITURE_HEADER = ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"]


def _expenditure(*lines: str | list[str]) -> tuple[Table, list]:
    """A Shanghai 部门支出预算总表 of these lines (lists are tab-separated cells)."""
    text = [line if isinstance(line, str) else T.join(line) for line in lines]
    (block,) = find_blocks(doc("2026年部门支出预算总表", "编制部门：某局" + T + "单位：元", *text),
                           load_profile("shanghai-9"))
    return read_table(block, "x.txt", Unit.YUAN)


def _coded(*rows: list[str]) -> tuple[Table, list]:
    return _expenditure(EXPENDITURE_HEADER, ["类", "款", "项"], *rows)


def test_codes_split_in_the_code_columns_are_joined_by_the_grammar():
    table, findings = _coded(["301", "2", "", "津贴补贴", "6", "6", ""],
                             ["201", "3", "1", "行政运行", "5", "5", ""],
                             ["7", "11", "02", "事业单位医疗", "4", "4", ""],
                             ["", "", "", "合计", "15", "15", ""])
    assert table.row(code="30102").value("total") == Decimal("6")
    assert table.row(code="2010301").value("basic") == Decimal("5")
    bad = next(r for r in table.rows if r.name == "事业单位医疗")
    assert bad.code is None and bad.value("total") == Decimal("4")  # no code is guessed
    (warning,) = [f for f in findings if f.rule_id == "parse.code-invalid"]
    assert "7 11 02" in warning.message


def test_codes_split_in_one_code_column_are_joined_where_the_catalogue_knows_them():
    """``301 2`` in one 科目编码 column: 3012 is no code, 30102 (津贴补贴) is."""
    lines = (
        _line(50, ("一般公共预算基本支出预算表", 100, 400)),
        _line(70, ("部门名称：某厅", 80, 170), ("单位：万元", 460, 510)),
        _line(90, ("科目编码", 90, 130), ("科目名称", 230, 270), ("金额", 440, 460)),
        _line(110, ("合计", 230, 250), ("9.00", 430, 460)),
        _line(127, ("301", 86, 101), ("2", 106, 111), ("津贴补贴", 237, 277), ("9.00", 430, 460)),
    )
    (block,) = find_blocks(lines, load_profile("jiangsu-12"))
    table, findings = read_table(block, "x.pdf", Unit.WAN)
    assert table.row(code="30102").value("total") == Decimal("9.00")
    assert findings == []


def test_an_unknown_table_is_a_warning_and_makes_a_missing_table_a_warning():
    lines = doc("2026年部门收入预算总表", "编制部门：某局" + T + "单位：元",
                *SHANGHAI_LIKE[6:13],
                "2026年部门支出预算汇总表", "编制部门：某局" + T + "单位：元",
                T.join(["项目", "合计"]), T.join(["", "合计", "0.10"]))
    disclosure, findings = assemble(lines, "inline.txt")
    (unread,) = disclosure.unread_tables
    assert unread.title == "2026年部门支出预算汇总表" and "expenditure" in unread.could_be
    assert unread.where == "第 10 行"
    assert any(f.rule_id == "parse.table-unrecognised" and "第 10 行的表“2026年部门支出预算汇总表”"
               in f.message for f in findings)
    data = json.dumps(disclosure_to_data(disclosure), ensure_ascii=False).encode()
    assert disclosure_from_json(data, "x.json").unread_tables == (unread,)
    by_table = {f.location.table: f for f in completeness_findings(disclosure)}
    assert by_table["expenditure"].severity == "warning"  # that unread table could be it
    assert by_table["gpb"].severity == "error"  # nothing printed could be it


def completeness_findings(disclosure):
    return TABLES.run(disclosure)


def test_a_contents_page_is_not_tables():
    lines = doc("目录", "一、收支预算总表", "二、收入预算总表", "三、支出预算总表（功能科目）",
                "四、政府采购预算表……………………" + T + "12", "五、财政拨款收支预算总表" + T + "13",
                "收入预算总表", "部门：某厅" + T + "单位：万元",
                T.join(["项目名称", "金额"]), T.join(["收入总计", "3.00"]))
    blocks = find_blocks(lines, load_profile("jiangsu-12"))
    assert [(b.layout.id, b.title) for b in blocks] == [("income", "收入预算总表")]


def test_figures_printed_on_the_line_below_their_label():
    """A PDF whose rows print the label on one line and the figures on the next."""
    lines = (
        _line(50, ("一般公共预算基本支出预算表", 100, 400)),
        _line(70, ("部门名称：某厅", 80, 170), ("单位：万元", 460, 510)),
        _line(90, ("科目编码", 90, 130), ("科目名称", 230, 270), ("金额", 440, 460)),
        _line(110, ("合计", 230, 250), ("12.00", 430, 460)),
        _line(130, ("301", 86, 101), ("工资福利支出", 237, 297)),
        _line(150, ("12.00", 430, 460)),
        _line(170, ("30101", 86, 111), ("基本工资", 237, 277)),
        _line(190, ("12.00", 430, 460)),
    )
    (block,) = find_blocks(lines, load_profile("jiangsu-12"))
    table, findings = read_table(block, "x.pdf", Unit.WAN)
    assert [(r.code, r.name, r.value("total")) for r in table.rows] == [
        (None, "合计", Decimal("12.00")), ("301", "工资福利支出", Decimal("12.00")),
        ("30101", "基本工资", Decimal("12.00"))]
    assert findings == []


def test_a_continued_table_whose_header_changes_column_order():
    reordered = [*EXPENDITURE_HEADER[:5], "项目支出", "基本支出"]
    table, findings = _expenditure(EXPENDITURE_HEADER, ["201", "01", "01", "行政运行", "10", "4", "6"],
                                   "2026年部门支出预算总表（续）", "单位：元", reordered,
                                   ["201", "01", "02", "一般行政管理事务", "9", "8", "1"],
                                   ["", "", "", "合计", "19", "14", "5"])
    assert dict(table.row(code="2010102").values) == {
        "total": Decimal("9"), "project": Decimal("8"), "basic": Decimal("1")}
    assert dict(table.row(code="2010101").values) == {
        "total": Decimal("10"), "basic": Decimal("4"), "project": Decimal("6")}
    assert findings == []


def test_two_titles_best_for_one_table_share_them_out():
    """Both titles score best for 政府性基金 (the second names it less well); the second
    takes the next table its title still names above the threshold."""
    profile = load_profile("jiangsu-12")
    first, second = "政府性基金预算支出预算表", "政府性基金预算财政拨款支出预算表（功能科目）"
    assert [rank(t, profile)[0].layout.id for t in (first, second)] == ["gov_fund", "gov_fund"]
    table = [T.join(["功能科目编码", "功能科目名称", "金额"]), T.join(["", "合计", "1.00"])]
    lines = doc(first, "部门：某厅" + T + "单位：万元", *table,
                "一般公共预算支出预算表", "部门：某厅" + T + "单位：万元", *table,
                second, "部门：某厅" + T + "单位：万元", *table)
    blocks = find_blocks(lines, profile)
    assert [b.layout.id for b in blocks] == ["gov_fund", "gpb", "appropriation_functional"]


def test_the_department_named_in_a_title_is_not_part_of_it():
    """No edition word marks where the department's name ends: the name printed beside
    编制部门 is dropped from the title before scoring."""
    title = "上海市普陀区某某街道办事处2026年收入预算总表"
    assert rank(title, load_profile("shanghai-9"))[0].score < THRESHOLD
    lines = doc(title, "编制部门：上海市普陀区某某街道办事处" + T + "单位：元", *SHANGHAI_LIKE[6:13])
    (block,) = find_blocks(lines, load_profile("shanghai-9"))
    assert block.layout.id == "income" and block.title == label(title)
