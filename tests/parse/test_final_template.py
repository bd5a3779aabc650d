"""The 决算 template (上海 2024 部门决算公开 form, placeholders for figures): read as a
Disclosure of kind ``final`` with its nine tables, their columns and printed row labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.checks.run import check_disclosure
from yusuan.model.disclosure import Disclosure
from yusuan.model.profiles import load_profile
from yusuan.parse.dispatch import parse_files
from yusuan.parse.document import assemble
from yusuan.parse.row_labels import fixed_key
from yusuan.parse.text import text_lines

TEMPLATE = Path(__file__).parent.parent / "fixtures" / "shanghai-putuo-dept-final-template.pdf"


@pytest.fixture(scope="module")
def template() -> Disclosure:
    disclosure, _ = parse_files([TEMPLATE])
    return disclosure


def test_the_template_is_final_accounts_with_the_nine_tables(template: Disclosure) -> None:
    assert (template.kind, template.edition, template.profile) == (
        "final", "部门决算", "shanghai-final-9")
    assert (template.department, template.year) == ("上海市XX局", 2024)
    assert [t.id for t in template.tables] == [
        "summary", "income", "expenditure", "appropriation", "gpb", "gpb_basic",
        "three_public", "gov_fund", "state_capital"]
    assert [t.title for t in template.tables][:4] == [
        "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表"]


def test_the_columns_are_the_budget_counterparts_keys(template: Disclosure) -> None:
    keys = {t.id: [c.key for c in t.columns] for t in template.tables}
    assert keys["expenditure"] == ["total", "basic", "project", "to_superior", "operating",
                                   "affiliated"]
    assert keys["gpb"] == ["total", "basic", "project"]
    assert keys["three_public"][:4] == ["budget.total", "total", "budget.abroad", "abroad"]
    assert [c.section for c in template.tables[5].columns] == ["personnel", "public_funds"]


def test_codes_on_their_own_line_beside_a_wrapped_name(template: Disclosure) -> None:
    """``20799`` printed between the two lines of 其他文化旅游体育与传媒支出 is its code."""
    income = template.table("income")
    gpb = template.table("gpb")
    assert income is not None and gpb is not None
    row = income.row(code="20799")
    assert row is not None and row.name == "其他文化旅游体育与传媒支出" and not row.values
    assert [r.code for r in gpb.rows if r.code] == ["205", "20502", "2050205", "207", "20799"]
    assert gpb.rows[-1].is_total and all(not r.values for r in gpb.rows)


def test_the_basic_expenditure_pairs_are_read_side_by_side(template: Disclosure) -> None:
    basic = template.table("gpb_basic")
    assert basic is not None
    left = [(r.code, r.name) for r in basic.rows_of("personnel")]
    right = [(r.code, r.name) for r in basic.rows_of("public_funds")]
    assert left[:3] == [("301", "工资福利支出"), ("30101", "基本工资"), ("30102", "津贴补贴")]
    assert ("30108", "机关事业单位基本养老保险缴费") in left
    assert ("31007", "信息网络及软件购置更新") in right
    assert len(left) == 28 and len(right) == 39
    assert (left[-1][1], right[-1][1]) == ("人员经费合计", "公用经费合计")
    assert {r.key for r in basic.rows if r.is_total} == {"personnel", "public_funds"}


def test_a_label_printed_twice_takes_its_rows_in_order() -> None:
    """一、一般公共预算财政拨款 under 本年收入 and again under 年初财政拨款结转和结余."""
    t = "\t"
    text = "\n".join([
        "某区某局2024年度部门决算",
        "财政拨款收入支出决算总表",
        t.join(["", "", "", "", "", "单位：万元"]),
        t.join(["收入", "", "支出"]),
        t.join(["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款"]),
        t.join(["一、一般公共预算财政拨款", "1,200.00", "一、一般公共服务支出", "1,180.00",
                "1,180.00", "", ""]),
        t.join(["二、政府性基金预算财政拨款", "100.00", "十一、城乡社区支出", "100.00", "",
                "100.00", ""]),
        t.join(["本年收入合计", "1,300.00", "本年支出合计", "1,280.00", "1,180.00", "100.00",
                ""]),
        t.join(["年初财政拨款结转和结余", "30.00", "年末财政拨款结转和结余", "50.00", "50.00",
                "", ""]),
        t.join(["一、一般公共预算财政拨款", "30.00", "一、一般公共预算财政拨款", "50.00",
                "50.00", "", ""]),
        t.join(["总计", "1,330.00", "总计", "1,330.00", "", "", ""]),
    ])
    d, _ = assemble(text_lines(text), "inline.txt")
    table = d.table("appropriation")
    assert d.kind == "final" and table is not None
    keys = [(r.section, r.key, str(r.values.get("total"))) for r in table.rows if r.key]
    assert keys == [
        ("income", "income.gpb", "1200.00"), ("income", "income.gov_fund", "100.00"),
        ("income", "income.year", "1300.00"), ("expenditure", "expenditure.year", "1280.00"),
        ("income", "income.carryover", "30.00"),
        ("expenditure", "expenditure.carryover", "50.00"),
        ("income", "income.carryover.gpb", "30.00"),
        ("expenditure", "expenditure.carryover.gpb", "50.00"),
        ("income", "income.total", "1330.00"), ("expenditure", "expenditure.total", "1330.00")]


def test_the_template_checks_with_the_final_and_shared_rules_only(template: Disclosure) -> None:
    """The blank form's XX are placeholders (text rules hold for 决算 too); no budget rule runs."""
    found = check_disclosure(template)
    assert "text.placeholder" in {f.rule_id for f in found}
    assert {f.rule_id.split(".")[0] for f in found} <= {"final", "text", "classification"}


@pytest.mark.parametrize("cover", [["某区某局", "2024年度部门决算"], ["某区某局", "2024", "年度部门决算"],
                                   ["某区某局", "年度部门决算", "2024"]])
def test_the_department_on_a_cover_split_from_the_year(cover: list[str]) -> None:
    t = "\t"
    text = "\n".join([*cover, "一般公共预算财政拨款支出决算表", t.join(["", "", "", "单位：万元"]),
                      t.join(["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"]),
                      t.join(["201", "一般公共服务支出", "10.00", "10.00", ""]),
                      t.join(["", "合计", "10.00", "10.00", ""])])
    d, _ = assemble(text_lines(text), "cover.txt")
    assert (d.department, d.year, d.kind) == ("某区某局", 2024, "final")


def test_three_column_pairs_continue_the_last_side() -> None:
    """人员经费 over one pair, 公用经费 over two (302 in the second, 310 in the third)."""
    t = "\t"
    pair = ["经济分类科目编码", "科目名称", "决算数"]
    text = "\n".join([
        "某区某局", "2024年度部门决算", "一般公共预算财政拨款基本支出决算表",
        t.join([""] * 8 + ["单位：万元"]),
        t.join(["人员经费", "", "", "公用经费"]),
        t.join(pair * 3),
        t.join(["301", "工资福利支出", "60.00", "302", "商品和服务支出", "15.00", "310",
                "资本性支出", "5.00"]),
        t.join(["30101", "基本工资", "60.00", "30201", "办公费", "15.00", "31002", "办公设备购置",
                "5.00"]),
        t.join(["", "人员经费合计", "60.00", "", "", "", "", "公用经费合计", "20.00"]),
    ])
    d, _ = assemble(text_lines(text), "pairs.txt")
    basic = d.table("gpb_basic")
    assert basic is not None
    assert [(r.section, r.code, r.name, str(r.value("amount"))) for r in basic.rows] == [
        ("personnel", "301", "工资福利支出", "60.00"), ("personnel", "30101", "基本工资", "60.00"),
        ("personnel", None, "人员经费合计", "60.00"),
        ("public_funds", "302", "商品和服务支出", "15.00"),
        ("public_funds", "30201", "办公费", "15.00"),
        ("public_funds", "310", "资本性支出", "5.00"),
        ("public_funds", "31002", "办公设备购置", "5.00"),
        ("public_funds", None, "公用经费合计", "20.00")]
    assert [f for f in check_disclosure(d) if f.rule_id == "final.basic-sums"] == []


@pytest.mark.parametrize(("printed", "key"), [
    ("使用非财政拨款结余（含专用结余）", "income.non_fiscal_balance"),
    ("一般公共预算财政拨款", "income.gpb"),  # the numbering 一、 left out
    ("年初结转和结余", "income.carryover"),
    ("上级补助收入（不含财政拨款）", "income.superior"),
    ("其他", None),
])
def test_fixed_rows_printed_with_a_note_or_without_numbering(printed: str, key: str | None
                                                            ) -> None:
    layout = load_profile("shanghai-final-9").table("summary")
    assert layout is not None
    rows = layout.side("income").fixed_rows + load_profile("shanghai-final-9").table(
        "appropriation").side("income").fixed_rows[:1]  # type: ignore[union-attr]
    assert fixed_key(rows, printed) == key
