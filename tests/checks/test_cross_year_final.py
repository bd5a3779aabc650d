"""决算 across years: the synthetic 2024 部门决算 (examples/synthetic-final-2024) says “与2023年度
相比，收入支出总计增加105.00万元”, “财政拨款收入支出总计增加80.00万元”, “一般公共预算财政拨款
支出增加80.00万元”, “三公”经费 “比2023年度减少5.00万元” and “机关运行经费支出200.00万元，比
2023年度增加10.00万元”, implying 1,300.00, 1,250.00, 1,100.00, 95.00 and 190.00 万元 — what
the synthetic 2023 部门决算 (examples/synthetic-final-2023) prints. A 2023 document printing
anything else is found, located in both documents."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.checks.final_document import EXAMPLE, EXAMPLE_2023, budget_disclosure
from tests.checks.helpers import set_cell
from tests.store.factories import json_bytes
from yusuan.checks.cross_year import check_previous
from yusuan.checks.cross_year_final import final_facts
from yusuan.cli.main import app
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import Disclosure, Section, Sentence
from yusuan.parse.dispatch import parse_files
from yusuan.render.pdf import render_pdf


@pytest.fixture
def final(final_2024: Disclosure) -> Disclosure:
    return final_2024


@pytest.fixture
def last(final_2023: Disclosure) -> Disclosure:
    return final_2023


def _found(found: list) -> list[tuple]:
    return [(f.rule_id, f.severity, f.location.table, f.location.name, f.expected, f.actual)
            for f in found]


def test_every_change_on_2023_is_read_with_its_subject(final: Disclosure) -> None:
    assert [(n, f.subject, str(f.amount), str(f.change), str(f.rate), f.ref_table)
            for n, _, f in final_facts(final)] == [
        ("一", "收入支出总计", "1405.00", "105.00", "8.08", "summary"),
        ("四", "财政拨款收入支出总计", "1330.00", "80.00", "6.40", "appropriation"),
        ("五", "一般公共预算财政拨款支出", "1180.00", "80.00", "7.27", "gpb"),
        ("七", "“三公”经费", "90.00", "-5.00", "-5.26", "three_public"),
        ("十一", "机关运行经费", "200.00", "10.00", "5.26", None)]


def test_the_2024_final_agrees_with_the_2023_final(final: Disclosure, last: Disclosure) -> None:
    assert check_previous(final, last) == []


def test_a_2023_total_other_than_the_one_implied_is_an_error(final: Disclosure,
                                                             last: Disclosure) -> None:
    wrong = set_cell(last, "summary", "amount", "1290.00", key="income.total")
    found = check_previous(final, wrong)
    assert _found(found) == [("cross-year.prior-eq-previous", "error", "summary", "收入支出总计",
                              "1290.00", "1300.00")]
    assert "第三部分“一”" in found[0].message and "2023 年部门决算（" in found[0].message
    assert "synthetic-final-2023" in found[0].message
    assert "表“收入支出决算总表”印为 1,290.00万元" in found[0].message


def test_a_three_public_total_other_than_the_one_implied_is_an_error(
        final: Disclosure, last: Disclosure) -> None:
    wrong = set_cell(last, "three_public", "total", "97.00", key="total")
    assert _found(check_previous(final, wrong)) == [(
        "cross-year.prior-eq-previous", "error", "three_public", "“三公”经费", "97.00", "95.00")]


def test_operating_cost_is_held_against_what_last_year_stated(
        final: Disclosure, tmp_path: Path) -> None:
    """机关运行经费 is in no 决算 table: last year's own statement of it is the figure."""
    folder = tmp_path / "final-2023"
    shutil.copytree(EXAMPLE_2023, folder)
    source = folder / "budget.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        'operating_cost: "190.00"', 'operating_cost: "180.00"'), encoding="utf-8")
    found = check_previous(final, build_disclosure(folder))
    assert _found(found) == [("cross-year.prior-eq-previous", "error", None, "机关运行经费",
                              "180.00", "190.00")]
    assert "）第三部分所述为 180.00万元" in found[0].message


def test_a_change_on_another_year_says_nothing_of_last_years_document(
        final: Disclosure, last: Disclosure) -> None:
    """“比2022年度增加…” is not a statement about the 2023 document."""
    text = "机关运行经费支出200.00万元，比2022年度增加50.00万元，增长33.33%。"
    other = dataclasses.replace(final, narrative=(
        Section("十一", "其他重要事项的情况说明", ((Sentence(text),),)),))
    assert list(final_facts(other)) == [] and check_previous(other, last) == []


def test_the_published_pdfs_are_held_against_each_other(
        final: Disclosure, last: Disclosure, tmp_path: Path) -> None:
    """Read back from their PDFs (parenthesis shapes, wrapped lines), the statements still
    find their cells, and a wrong 2023 cell is named with its page."""
    this_year, last_year = tmp_path / "final-2024.pdf", tmp_path / "final-2023.pdf"
    this_year.write_bytes(render_pdf(final))
    last_year.write_bytes(render_pdf(set_cell(last, "appropriation", "total", "1240.00",
                                              key="income.total")))
    read, _ = parse_files([this_year])
    before, _ = parse_files([last_year])
    assert len(list(final_facts(read))) == 5
    found = check_previous(read, before)
    assert _found(found) == [("cross-year.prior-eq-previous", "error", "appropriation",
                              "财政拨款收入支出总计", "1240.00", "1250.00")]
    assert "final-2023.pdf" in found[0].message and "页）" in found[0].message


def test_check_final_with_previous_and_budget(last: Disclosure, tmp_path: Path) -> None:
    """yusuan check FINAL --previous LAST_FINAL --budget BUDGET: both held (exit 0 when they
    agree); a wrong previous figure is exit 1 naming the rule."""
    previous, budget = tmp_path / "final-2023.json", tmp_path / "budget-2024.json"
    previous.write_bytes(json_bytes(last))
    budget.write_bytes(json_bytes(budget_disclosure()))
    runner = CliRunner()
    args = ["check", str(EXAMPLE), "--previous", str(previous), "--budget", str(budget)]
    ok = runner.invoke(app, args)
    assert ok.exit_code == 0, ok.output
    previous.write_bytes(json_bytes(set_cell(last, "gpb", "total", "1090.00", key="total")))
    wrong = runner.invoke(app, args)
    assert wrong.exit_code == 1 and "cross-year.prior-eq-previous" in wrong.output
    assert "一般公共预算财政拨款支出" in wrong.output


THREE_PUBLIC = ("2024年度“三公”经费财政拨款支出决算数比2023年度减少5.00万元，下降5.26%，其中：因公出国"
                "（境）费支出决算减少5.00万元，下降33.33%；公务用车购置及运行维护费支出决算减少8.00万元，"
                "下降13.79%；公务接待费支出决算增加{reception}万元，增长36.36%。")


def _saying(d: Disclosure, text: str) -> Disclosure:
    return dataclasses.replace(d, narrative=(
        Section("七", "财政拨款“三公”经费支出决算情况说明", ((Sentence(text),),)),))


def test_each_three_public_item_of_the_template_is_held(final: Disclosure,
                                                        last: Disclosure) -> None:
    """The template's “其中：因公出国（境）费支出决算减少 X 万元…” clauses: each item's 2024
    决算 (10.00, 50.00, 30.00) less its change must be its 2023 决算 (15.00, 58.00, 22.00)."""
    agreeing = _saying(final, THREE_PUBLIC.format(reception="8.00"))
    assert [(f.subject, str(f.change)) for _, _, f in final_facts(agreeing)] == [
        ("“三公”经费", "-5.00"), ("因公出国（境）费", "-5.00"),
        ("公务用车购置及运行维护费", "-8.00"), ("公务接待费", "8.00")]
    assert check_previous(agreeing, last) == []
    wrong = _saying(final, THREE_PUBLIC.format(reception="6.00"))
    assert _found(check_previous(wrong, last)) == [(
        "cross-year.prior-eq-previous", "error", "three_public", "公务接待费", "22.00", "24.00")]


@pytest.mark.parametrize(("text", "said"), [
    # the published wording varies: 收入、支出决算总计, 各增加, 同比, 增幅
    ("某区示例局2024年度收入、支出决算总计1,405.00万元。与2023年度相比，收入、支出决算总计各增加"
     "105.00万元，增长8.08%。", [("收入支出总计", "105.00", "8.08")]),
    ("收入、支出决算总计1,405.00万元，同比增加105.00万元，增幅8.08%。",
     [("收入支出总计", "105.00", "8.08")]),
    # a rate alone implies last year's figure too
    ("一般公共预算财政拨款支出1,180.00万元，比2023年度增长7.27%。",
     [("一般公共预算财政拨款支出", "None", "7.27")]),
    # what follows “主要是” is another thing's change, not the subject's
    ("机关运行经费支出200.00万元，比2023年度增加10.00万元，增长5.26%，主要是办公费增加5.00万元。",
     [("机关运行经费", "10.00", "5.26")]),
])
def test_the_wordings_of_published_finals(final: Disclosure, last: Disclosure, text: str,
                                          said: list[tuple[str, str, str]]) -> None:
    d = dataclasses.replace(final, narrative=(
        Section("一", "收入支出决算总体情况说明", ((Sentence(text),),)),))
    assert [(f.subject, str(f.change), str(f.rate)) for _, _, f in final_facts(d)] == said
    assert check_previous(d, last) == []
