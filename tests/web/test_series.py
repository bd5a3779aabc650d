"""A department's series: figures per year, the stated change beside the computed one."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from fastapi.testclient import TestClient

from tests.checks.final_document import EXAMPLE, EXAMPLE_2023, budget_disclosure
from tests.checks.helpers import set_cell
from tests.store.factories import document, json_bytes, variant
from tests.web.conftest import make_site
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import Fact, Section, Sentence
from yusuan.store import catalog, open_store
from yusuan.store import repository as repo
from yusuan.web.app import create_app
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
        info = catalog.disclosure_info(session, older)
        assert info is not None
        department = info.department_id
    data = site.client.get(f"/api/v1/departments/{department}/series").json()
    assert [y["year"] for y in data["years"]] == [2023, 2024]
    assert data["years"][1]["computed_change_yuan"] == str(
        Decimal(data["years"][1]["total_yuan"]) - Decimal(data["years"][0]["total_yuan"]))
    assert site.client.get("/api/v1/departments/999999/series").status_code == 404
    page = site.client.get(f"/departments/{department}").text
    assert "按上年同类文件计算" in page and "/series" in page
    site.store.close()


def _final_series_site(tmp_path):
    """A portal holding 某区示例局's 2023 and 2024 部门决算 and its 2024 部门预算, published."""
    store = open_store(str(tmp_path / "series.db"))
    docs = (build_disclosure(EXAMPLE_2023), budget_disclosure(), build_disclosure(EXAMPLE))
    with store.transaction() as session:
        ids = [repo.store_document(session, document(d)).disclosure_id for d in docs]
        for i in ids:
            repo.set_state(session, i, "published", "setup")
        dept = repo.department_id(session, "某区示例局")
    return store, TestClient(create_app(store, secret_key="test-secret")), dept, ids


def test_the_series_sets_each_final_beside_its_budget_and_last_years_final(tmp_path):
    """2023 决算, 2024 预算, 2024 决算 in that order; the 2024 决算's stated 增加 105.00 万元
    (收入支出总计) beside 1,405.00 − 1,300.00 computed from the stored 2023 决算, not from the
    2024 预算; its 一般公共预算财政拨款支出 1,180.00 against the budget's 1,000.00: 118.00%."""
    store, client, dept, (final_2023, budget, final_2024) = _final_series_site(tmp_path)
    data = client.get(f"/api/v1/departments/{dept}/series").json()
    page = client.get(f"/departments/{dept}").text
    store.close()
    years = [(y["year"], y["kind"], y["disclosure_id"]) for y in data["years"]]
    assert years == [(2023, "final", final_2023), (2024, "budget", budget),
                     (2024, "final", final_2024)]
    last = data["years"][2]
    assert (last["stated_change_yuan"], last["computed_change_yuan"], last["change_agrees"]) \
        == ("1050000.00", "1050000.00", True)
    assert data["years"][1]["computed_change_yuan"] is None  # no 2023 预算 stored
    assert last["against_budget"]["budget_disclosure_id"] == budget
    assert last["against_budget"]["gpb"] == {"budget_yuan": "10000000.00",
                                             "final_yuan": "11800000.00",
                                             "completion_rate": "118.00"}
    assert last["against_budget"]["three_public"]["completion_rate"] == "90.00"
    assert data["years"][0]["against_budget"] is None  # no 2023 预算 stored: the 决算's own
    assert data["years"][0]["against_stated_initial_budget"] == {  # 年初预算 1,050.00 stated
        "budget_yuan": "10500000.00", "final_yuan": "11000000.00", "completion_rate": "104.76"}
    assert last["against_stated_initial_budget"] is None  # its 预算 is stored
    assert "历年预算与决算" in page and "118.00%" in page and "按上年同类文件计算" in page
    assert "104.76%＊" in page
    # the 类 over the years: 201 is 1,010.00 (2023 决算), 1,000.00 (2024 预算), 1,100.00 (2024 决算)
    classes = page[page.index("历年支出功能分类"):]
    assert "201 一般公共服务支出</td><td class=\"amount\">1,010.00</td><td class=\"amount\">" \
        "1,000.00</td><td class=\"amount\">1,100.00</td>" in classes
    assert page.index(f'href="/disclosures/{budget}">部门预算公开') < page.index(
        f'href="/disclosures/{final_2024}">部门决算公开')


def test_a_final_stating_another_change_is_marked(tmp_path):
    final = build_disclosure(EXAMPLE)
    wrong = dataclasses.replace(build_disclosure(EXAMPLE_2023), tables=tuple(
        dataclasses.replace(t, rows=tuple(
            dataclasses.replace(r, values={**r.values, "amount": Decimal("1290.00")})
            if r.key in ("income.total", "expenditure.total") else r for r in t.rows))
        if t.id == "summary" else t for t in build_disclosure(EXAMPLE_2023).tables))
    [_, now] = department_series([(1, wrong), (2, final)])
    assert (now.stated_change, now.computed_change, now.change_agrees) == (
        Decimal("1050000.00"), Decimal("1150000.00"), False)


def test_the_compare_export_names_the_kind(tmp_path):
    store, client, _, (_, _, final_2024) = _final_series_site(tmp_path)
    finals = client.get("/api/v1/compare?year=2024&edition=部门决算").json()
    csv_text = client.get("/api/v1/compare?year=2024&edition=部门决算&format=csv").text
    page = client.get("/compare?year=2024&edition=部门决算").text
    store.close()
    assert [(r["department"], r["kind"], r["kind_name"], r["total_yuan"], r["url"])
            for r in finals] == [("某区示例局", "final", "决算", "14050000.00",
                                  f"/disclosures/{final_2024}")]
    assert csv_text.splitlines()[0].lstrip("\ufeff").startswith(
        "department_id,department,year,kind,kind_name,edition")
    assert "final,决算,部门决算" in csv_text and "2024 年部门决算" in page


def test_finals_are_ranked_under_their_region(tmp_path):
    """A 上海 决算 (profile shanghai-final-9) is in the 上海 ranking of 部门决算."""
    store, client, _, _ = _final_series_site(tmp_path)
    rows = client.get("/api/v1/scores?year=2024&edition=部门决算&region=shanghai-9").json()
    page = client.get("/scores?year=2024&edition=部门决算").text
    store.close()
    assert [(r["department"], r["edition"], r["region"], r["total"]) for r in rows] == [
        ("某区示例局", "部门决算", "上海", "100.00")]
    assert "决算按同样五项评分" in page


def test_an_uploaded_final_is_stored_as_a_final_and_held_against_the_stored_years(
        tmp_path, korla_disclosure):
    """The admin upload writes the kind, and holds a 决算 against the platform's 2023 决算 and
    2024 预算 as ingest does: here a stored 2023 决算 printing 1,090.00 for 一般公共预算财政
    拨款支出, where the upload's “增加80.00万元” on 1,180.00 implies 1,100.00."""
    from tests.web.conftest import login

    site = make_site(tmp_path, korla_disclosure)
    with site.store.transaction() as session:
        stored = repo.store_document(session, document(set_cell(
            build_disclosure(EXAMPLE_2023), "gpb", "total", "1090.00", key="total")))
        repo.store_document(session, document(budget_disclosure()))
    token = login(site.client)
    upload = json_bytes(build_disclosure(EXAMPLE))
    response = site.client.post("/admin/upload", data={"csrf": token}, files=[
        ("files", ("final-2024.json", upload, "application/json"))])
    with site.store.reading() as session:
        [final] = [i for i in catalog.all_disclosures(session) if i.year == 2024 and i.kind == "final"]
        found = [(f["rule_id"], f["location"]["name"]) for f in catalog.findings(session, final.id)
                 if f["category"] == "cross-year"]
    site.store.close()
    assert response.status_code == 200 and "已导入" in response.text
    assert stored.version == 1 and final.version == 1 and final.edition == "部门决算"
    assert found == [("cross-year.prior-eq-previous", "一般公共预算财政拨款支出")]
