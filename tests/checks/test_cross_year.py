"""Cross-year rules: the prior-year figures a disclosure's changes imply, against the previous
year's document. The reference document (库尔勒市人民政府办公室 2024) says, for example,
“行政运行 739.02 万元，比上年预算增加 16.79 万元” — so its 2023 document must print
722.23 万元 for 2010301 in 表5; “行政单位医疗 45.93 万元…减少 29.34 万元” implies 75.27."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.checks.cross_year import check_previous
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import Disclosure, Table

KORLA = Path(__file__).resolve().parents[2] / "examples" / "korla-2024"


@pytest.fixture(scope="module")
def korla() -> Disclosure:
    return build_disclosure(KORLA)


def _with(table: Table, code: str, column: str, value: str) -> Table:
    rows = tuple(dataclasses.replace(r, values={**r.values, column: Decimal(value)})
                 if r.code == code and r.project is None else r for r in table.rows)
    return dataclasses.replace(table, rows=rows)


def _previous(korla: Disclosure, **cells: str) -> Disclosure:
    """A 2023 document printing, in 表5 合计, the given codes' amounts."""
    gpb = korla.table("gpb")
    assert gpb is not None
    for code, value in cells.items():
        gpb = _with(gpb, code.removeprefix("c"), "total", value)
    return dataclasses.replace(korla, year=2023, tables=tuple(
        gpb if t.id == "gpb" else t for t in korla.tables))


def _about(findings, code: str):
    return [f for f in findings if f.rule_id == "cross-year.prior-eq-previous"
            and f.location.code == code]


def test_a_prior_figure_that_agrees_raises_nothing(korla) -> None:
    previous = _previous(korla, c2010301="722.23", c2101101="75.27")
    found = check_previous(korla, previous)
    assert _about(found, "2010301") == []
    assert _about(found, "2101101") == []


def test_a_prior_figure_that_disagrees_is_an_error_naming_both_figures(korla) -> None:
    previous = _previous(korla, c2010301="722.23", c2101101="70.00")
    [f] = _about(check_previous(korla, previous), "2101101")
    assert f.severity == "error"
    assert "隐含上年数 75.27万元" in f.message and "印为 70.00万元" in f.message
    assert "2023 年部门预算" in f.message


def test_a_comparison_with_execution_figures_is_only_information(korla) -> None:
    section = next(s for s in korla.narrative if s.number == "五")
    paragraphs = tuple(tuple(dataclasses.replace(st, text=st.text.replace("比上年", "比上年执行数"))
                             if any(f.ref_code == "2101101" for f in st.facts) else st
                             for st in p) for p in section.paragraphs)
    changed = dataclasses.replace(korla, narrative=tuple(
        dataclasses.replace(s, paragraphs=paragraphs) if s is section else s
        for s in korla.narrative))
    [f] = _about(check_previous(changed, _previous(korla, c2101101="70.00")), "2101101")
    assert f.severity == "info" and "执行数" in f.message


def test_a_previous_document_of_another_year_is_not_compared(korla) -> None:
    older = dataclasses.replace(korla, year=2022)
    found = check_previous(korla, older)
    assert [f.rule_id for f in found] == ["cross-year.same-series"]
    assert "应为 2023 年" in found[0].message


# ---------------------------------------------------------------- the corpus's series

def _read(*names: str):
    from yusuan.parse import parse_files

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    return parse_files([fixtures / n for n in names])[0]


def _cppcc(year: int):
    return _read(f"jiangsu-cppcc-office-{year}-dept-budget.part1-narrative.pdf",
                 f"jiangsu-cppcc-office-{year}-dept-budget.part2-tables.pdf")


def _procuratorate(year: int):
    return _read(f"jiangsu-provincial-procuratorate-{year}-dept-budget.pdf")


def test_the_cppcc_series_agrees_with_itself() -> None:
    """江苏省政协办公厅 2017 → 2018 → 2019: every 上年 figure the narratives imply is the one the
    previous year's tables print."""
    assert check_previous(_cppcc(2018), _cppcc(2017)) == []
    assert check_previous(_cppcc(2019), _cppcc(2018)) == []


def test_the_procuratorate_2018_prior_figures_that_2017_did_not_print() -> None:
    """江苏省人民检察院 2018 says 财政拨款收、支总预算 21,940.96 万元 “增加 3,958.98 万元” (in 说明
    四, 五 and 七): last year 17,981.98, but 2017 printed 17,981.68; and 基本支出 13,994.31
    “增加 1,670.85”: 12,323.46 — 2017's narrative figure, while its tables print 12,323.48.
    2019 against 2018 agrees throughout."""
    found = [(f.severity, f.actual, f.expected) for f in
             check_previous(_procuratorate(2018), _procuratorate(2017)) if f.severity == "error"]
    assert sorted(found) == sorted([("error", "12323.46", "12323.48")] + [
        ("error", "17981.98", "17981.68")] * 3)
    errors = [f for f in check_previous(_procuratorate(2019), _procuratorate(2018))
              if f.severity == "error"]
    assert errors == []
