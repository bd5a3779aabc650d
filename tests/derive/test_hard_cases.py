"""Source data the narrative depends on, read as a finance officer writes it.

- 表11 (上年结转结余情况明细表) written as its project rows only, as the skeleton shows, has
  the 总计 those rows add up to: 说明十一 states what the table prints, never 0.00.
- 机关运行经费 is the 公用经费 of 行政单位 and 参照公务员法管理的事业单位 (名词解释): a 事业单位's
  公用经费 is not part of it; a figure given in budget.yaml is stated as given.
- The budget year is a plausible year: a typo such as 2052 is refused with its line.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, KORLA
from yusuan.checks.run import check_disclosure
from yusuan.compose import disclosure_from_budget
from yusuan.derive.source import load_budget
from yusuan.model.errors import InputError

CARRYOVER_ROWS = """carryover:
  - {project: 办公楼维修（上年结转）, 总计: "20.00", fiscal: "20.00", fiscal.project: "20.00"}
  - {project: 档案数字化（上年结转）, 总计: "10.00", fiscal: "10.00", fiscal.project: "10.00"}
"""


def _korla_with(tmp_path: Path, carryover: str) -> Path:
    folder = tmp_path / "src"
    shutil.copytree(KORLA, folder)
    tables = folder / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    assert "carryover: []" in text
    tables.write_text(text.replace("carryover: []", carryover.rstrip("\n")), encoding="utf-8")
    return folder


def test_a_carryover_table_without_total_gets_the_sum_of_its_rows(tmp_path: Path) -> None:
    d = disclosure_from_budget(load_budget(_korla_with(tmp_path, CARRYOVER_ROWS)))
    table = d.table("carryover")
    assert table is not None
    total = table.row(key="total")
    assert total is not None
    assert (total.value("total"), total.value("fiscal"), total.value("fiscal.project")) == (
        Decimal("30.00"), Decimal("30.00"), Decimal("30.00"))
    assert total.value("nonfiscal") is None  # blank stays blank
    section = d.section("carryover")
    assert section is not None
    said = "".join(s.text for s in section.sentences())
    assert "上年结转结余预算安排的支出 30.00 万元，其中：财政拨款结转 30.00 万元" in said
    assert not [f for f in check_disclosure(d) if f.rule_id == "carryover.total-eq-rows"]


def test_a_printed_total_that_is_not_the_sum_of_the_rows_is_an_error(tmp_path: Path) -> None:
    rows = CARRYOVER_ROWS + '  - {row: 总计, 总计: "35.00", fiscal: "30.00", fiscal.project: "30.00"}\n'
    d = disclosure_from_budget(load_budget(_korla_with(tmp_path, rows)))
    wrong = [f for f in check_disclosure(d) if f.rule_id == "carryover.total-eq-rows"]
    assert [(f.severity, f.expected, f.actual) for f in wrong] == [
        ("error", Decimal("30.00"), Decimal("35.00"))]


@pytest.fixture(scope="module")
def water():
    return load_budget(EXAMPLES / "water-2025")


def _operating(d) -> str:
    section = d.section("other")
    return next(s.text for s in section.sentences() if "机关运行经费" in s.text)


def test_operating_cost_is_the_public_funds_of_administrative_units_only(water) -> None:
    assert water.unit_types == {"某县示例水利局机关": "行政单位",
                                "某县示例水政监察大队": "参公事业单位",
                                "某县示例水利工程服务站": "事业单位"}
    d = disclosure_from_budget(water)
    # 表6 公用经费 41.94 = 机关 23.43 + 水政监察大队 10.50 + 水利工程服务站 8.01 (事业单位)
    public = d.table("gpb_basic").row(key="total").value("public_funds")
    assert round(public, 2) == Decimal("41.94")
    assert "机关运行经费财政拨款预算 33.93 万元" in _operating(d)


def test_an_operating_cost_given_in_budget_yaml_is_stated_as_given(water) -> None:
    d = disclosure_from_budget(replace(water, operating_cost=Decimal("30.00")))
    assert "机关运行经费财政拨款预算 30.00 万元" in _operating(d)


def test_tables_that_cannot_be_split_by_unit_need_the_figure(water) -> None:
    d = disclosure_from_budget(water)
    with pytest.raises(InputError, match="operating_cost"):
        disclosure_from_budget(replace(water, lines=(), tables=d.tables))


def test_units_are_typed_by_known_names_only(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    shutil.copytree(EXAMPLES / "water-2025", folder)
    budget = folder / "budget.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").replace(
        "type: 事业单位}", "type: 企业}"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_budget(folder)
    assert err.value.field == "overview.units[3].type"
    assert "行政单位、参公事业单位 或 事业单位" in str(err.value)


def test_an_implausible_budget_year_is_refused_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    shutil.copytree(KORLA, folder)
    budget = folder / "budget.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").replace("year: 2024", "year: 2052"),
                      encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_budget(folder)
    assert err.value.field == "year" and err.value.line is not None
    assert "2052" in str(err.value)


def test_an_operating_cost_above_those_units_public_funds_is_refused(water) -> None:
    with pytest.raises(InputError, match=r"超过行政单位和参公事业单位的公用经费 33\.93") as err:
        disclosure_from_budget(replace(water, operating_cost=Decimal("40.00")))
    assert err.value.field == "operating_cost"
