"""The open-data API: JSON and CSV, filters, findings, OpenAPI without a CDN."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from yusuan.model.cells import cell_records


def read_csv(response) -> list[dict[str, str]]:
    assert response.headers["content-type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_departments_and_disclosures(site):
    depts = site.client.get("/api/v1/departments").json()
    assert [d["name"] for d in depts] == ["库尔勒市人民政府办公室"]
    items = site.client.get("/api/v1/disclosures", params={"year": 2024}).json()
    assert [(i["id"], i["year"], i["version"]) for i in items] == [(site.published, 2024, 1)]
    assert site.client.get("/api/v1/disclosures", params={"year": 2023}).json() == []
    rows = read_csv(site.client.get("/api/v1/disclosures", params={"format": "csv"}))
    assert rows[0]["department"] == "库尔勒市人民政府办公室"


def test_one_disclosure_its_tables_and_a_table(site, korla_disclosure):
    d = site.client.get(f"/api/v1/disclosures/{site.published}").json()
    assert d["disclosure"]["department"] == korla_disclosure.department
    tables = site.client.get(f"/api/v1/disclosures/{site.published}/tables").json()
    assert [t["id"] for t in tables] == [t.id for t in korla_disclosure.tables]
    gpb = site.client.get(f"/api/v1/disclosures/{site.published}/tables/gpb").json()
    total = next(r for r in gpb["rows"] if r["kind"] == "total")
    assert total["values"]["total"] == "1491.86"
    assert site.client.get(f"/api/v1/disclosures/{site.published}/tables/nope").status_code \
        == 404


def test_cells_json_filters_and_exact_amounts(site, korla_disclosure):
    response = site.client.get("/api/v1/cells", params={"table": "gpb", "code": "2010301"})
    cells = response.json()["cells"]
    assert {(c["column"], c["amount_yuan"]) for c in cells} == {
        ("一般公共预算支出/合计", "7390200.00"), ("一般公共预算支出/基本支出", "7390200.00")}
    everything = site.client.get("/api/v1/cells", params={"limit": 10000}).json()
    assert everything["count"] == len(list(cell_records(korla_disclosure)))
    page = site.client.get("/api/v1/cells", params={"limit": 5, "offset": 5}).json()
    assert page["cells"] == everything["cells"][5:10]
    assert site.client.get("/api/v1/cells", params={"year": 2023}).json()["cells"] == []
    assert site.client.get("/api/v1/cells", params={"limit": 0}).status_code == 422


def test_cells_pages_follow_next_links_to_the_end(site):
    everything = site.client.get("/api/v1/cells", params={"table": "gpb", "limit": 10000}).json()
    assert everything["next"] is None and everything["count"] > 20
    url, walked, pages = "/api/v1/cells?table=gpb&limit=7", [], 0
    while url:
        page = site.client.get(url).json()
        walked += page["cells"]
        url, pages = page["next"], pages + 1
        assert pages <= everything["count"]  # every page moves on
    assert walked == everything["cells"] and pages == -(-everything["count"] // 7) + (
        everything["count"] % 7 == 0)
    assert "table=gpb" in site.client.get("/api/v1/cells?table=gpb&limit=7").json()["next"]
    for bad in ("x", "1-", "-2", "99999999999-1"):
        assert site.client.get("/api/v1/cells", params={"after": bad}).status_code == 422


def test_cells_csv_two_ways(site, korla_disclosure):
    a = read_csv(site.client.get("/api/v1/cells", params={"format": "csv", "table": "gpb"}))
    b = read_csv(site.client.get("/api/v1/cells.csv", params={"table": "gpb"}))
    assert a == b
    expected = [c for c in cell_records(korla_disclosure) if c["table"] == "gpb"]
    assert [(r["code"], r["name"], r["column"], r["amount_yuan"]) for r in a] == [
        (c["code"], c["name"], c["column"], c["amount_yuan"]) for c in expected]
    assert sum(Decimal(r["amount_yuan"]) for r in a) == sum(
        Decimal(c["amount_yuan"]) for c in expected)


def test_findings_json_and_csv(public_site):
    found = public_site.client.get(f"/api/v1/disclosures/{public_site.published}/findings").json()
    assert found["disclosure_id"] == public_site.published and found["findings"] == []
    rows = read_csv(public_site.client.get(f"/api/v1/disclosures/{public_site.published}/findings",
                                    params={"format": "csv"}))
    assert rows == []


def test_openapi_is_served_and_swagger_cdn_is_not(site):
    schema = site.client.get("/openapi.json").json()
    assert "/api/v1/cells" in schema["paths"] and "/api/v1/cells.csv" in schema["paths"]
    docs = site.client.get("/docs")
    assert docs.status_code == 200 and "/api/v1/cells" in docs.text
    assert "cdn" not in docs.text.lower() and "swagger" not in docs.text.lower()
    assert site.client.get("/redoc").status_code == 404


def test_api_errors_are_json(site):
    response = site.client.get("/api/v1/disclosures/999")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("没有找到")
    assert site.client.get("/api/v1/cells", params={"format": "xml"}).status_code == 422
