"""A department's series: figures per year, the stated change beside the computed one."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from tests.store.factories import document, variant
from tests.web.conftest import make_site
from yusuan.model.disclosure import Fact, Section, Sentence
from yusuan.store import repository as repo
from yusuan.web.series import department_series


def _stating(d, change: str):
    """``d`` whose narrative says its whole budget changed by ``change`` 万元."""
    fact = Fact("收支总预算", amount=Decimal("1491.86"), change=Decimal(change),
                ref_table="summary", ref_row="income.total", ref_column="amount")
    said = Section("一", "收支预算总体情况", ((Sentence("收支总预算1491.86万元，比上年预算增加"
                                                      f"{change}万元。", (fact,)),),),
                   key="overview")
    return dataclasses.replace(d, narrative=(said, *d.narrative))


def test_stated_change_beside_the_change_computed_from_last_years_document(korla_disclosure):
    before = variant(korla_disclosure, year=2023, factor=Decimal("0.5"))
    now = _stating(korla_disclosure, "745.93")
    series = department_series([(1, before), (2, now)])
    assert [e.year for e in series] == [2023, 2024]
    last = series[-1]
    assert last.figures.total == Decimal("14918600.00")
    assert last.computed_change == Decimal("14918600.00") - series[0].figures.total
    assert last.stated_change == Decimal("7459300.00")
    assert last.change_agrees is True
    wrong = department_series([(1, before), (2, _stating(korla_disclosure, "700.00"))])[-1]
    assert wrong.change_agrees is False
    assert series[0].computed_change is None  # no stored year before 2023
    assert last.classes["201"][0] == "一般公共服务支出"


def test_series_api_and_department_page(tmp_path, korla_disclosure):
    site = make_site(tmp_path, korla_disclosure)
    with site.store.transaction() as session:
        older = repo.store_document(session, document(variant(
            korla_disclosure, year=2023, factor=Decimal("0.5")))).disclosure_id
        repo.set_state(session, older, "published", "setup")
        info = repo.disclosure_info(session, older)
        assert info is not None
        department = info.department_id
    data = site.client.get(f"/api/v1/departments/{department}/series").json()
    assert [y["year"] for y in data["years"]] == [2023, 2024]
    assert data["years"][1]["computed_change_yuan"] == str(
        Decimal(data["years"][1]["total_yuan"]) - Decimal(data["years"][0]["total_yuan"]))
    assert site.client.get("/api/v1/departments/999999/series").status_code == 404
    page = site.client.get(f"/departments/{department}").text
    assert "按上年文件计算" in page and "/series" in page
    site.store.close()
