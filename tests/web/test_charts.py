"""Chart data and key figures computed from a Disclosure (pure functions, exact decimals)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from tests.store.factories import variant
from yusuan.web.charts import (
    basic_project_chart,
    disclosure_charts,
    economic_chart,
    functional_chart,
    key_figures,
    project_share,
    three_public_chart,
    wan,
    yoy_chart,
)


def test_key_figures_of_korla_in_yuan(korla_disclosure):
    f = key_figures(korla_disclosure)
    assert f.total == Decimal("14918600.00")
    assert (f.basic, f.project) == (Decimal("10918600.00"), Decimal("4000000.00"))
    assert f.three_public == Decimal("24000.00")
    assert f.operating_cost == Decimal("599200.00")  # 机关运行经费 59.92 万元, from Part 3
    assert project_share(f) == Decimal("26.81")


def test_functional_shares_are_the_classes_of_table_5(korla_disclosure):
    chart = functional_chart(korla_disclosure)
    assert [s.name for s in chart.slices] == ["一般公共服务支出", "教育支出", "科学技术支出",
                                              "社会保障和就业支出", "卫生健康支出", "住房保障支出"]
    assert sum(Decimal(s.value) for s in chart.slices) == Decimal("1491.87")  # as printed
    assert chart.slices[0].value == "839.02"


def test_basic_project_economic_and_three_public(korla_disclosure):
    assert [(s.name, s.value) for s in basic_project_chart(korla_disclosure).slices] == [
        ("基本支出", "1091.86"), ("项目支出", "400.00")]
    economic = economic_chart(korla_disclosure)
    assert [s.name for s in economic.inner][:2] == ["工资福利支出", "商品和服务支出"]
    assert economic.inner[0].value == "968.21"
    three = three_public_chart(korla_disclosure)
    assert three.categories == ("因公出国（境）费", "公务接待费", "公务用车购置费",
                                "公务用车运行费")
    assert three.series[0].values == ("0", "0", "0", "2.40")


def test_year_over_year_from_the_narrative_or_last_years_document(korla_disclosure):
    chart = yoy_chart(korla_disclosure)  # the narrative: 基本支出 1091.86, up 34.86
    at = chart.categories.index("基本支出")
    assert (chart.series[0].values[at], chart.series[1].values[at]) == ("1057.00", "1091.86")
    assert "机关运行经费" in chart.categories
    without_narrative = dataclasses.replace(korla_disclosure, narrative=())
    assert yoy_chart(without_narrative) is None
    last_year = variant(without_narrative, year=2023, factor=Decimal("0.5"))
    from_tables = yoy_chart(without_narrative, last_year)
    assert from_tables.categories[:3] == ("支出总计", "基本支出", "项目支出")
    assert from_tables.series[0].values[0] == "745.93"  # 1491.86 × 0.5
    assert from_tables.series[1].values[0] == "1491.86"


def test_amounts_in_yuan_become_wan_half_up():
    assert wan(Decimal("12345")) == Decimal("1.23")
    assert wan(Decimal("12350")) == Decimal("1.24")
    assert wan(None) is None


def test_every_chart_has_an_id_and_json_safe_values(korla_disclosure):
    charts = disclosure_charts(korla_disclosure)
    assert len({c.id for c in charts}) == len(charts) >= 4
    for c in charts:
        data = c.to_data()
        assert all(isinstance(s["value"], str) for s in data["slices"])


def test_three_public_printed_as_columns_of_one_row(korla_disclosure):
    """Shanghai and Jiangsu print the 三公 items as columns (and 机关运行经费 beside them)."""
    from yusuan.model.disclosure import Column, Row, Table
    from yusuan.model.money import Unit

    keys = ("total", "abroad", "reception", "vehicle", "vehicle.purchase",
            "vehicle.operation", "operating_cost")
    values = dict(zip(keys, map(Decimal, ("229100", "0", "13500", "215600", "0", "215600",
                                          "7860900")), strict=True))
    table = Table(id="three_public", title="三公经费和机关运行经费预算表", unit=Unit.YUAN,
                  columns=tuple(Column(k, (k,)) for k in keys),
                  rows=(Row(name="", values=values),))
    shanghai = dataclasses.replace(korla_disclosure, narrative=(), tables=tuple(
        table if t.id == "three_public" else t for t in korla_disclosure.tables))
    chart = three_public_chart(shanghai)
    assert chart.series[0].values == ("0.00", "1.35", "0.00", "21.56") and chart.note == ""
    figures = key_figures(shanghai)
    assert figures.three_public == Decimal("229100")
    assert figures.operating_cost == Decimal("7860900")
