"""公开度 on the portal: the ranking page, its CSV, and each department's score per year."""

from __future__ import annotations

from decimal import Decimal

from tests.web.conftest import make_site
from tests.web.test_api import read_csv


def test_ranking_page_csv_and_department_column(tmp_path, korla_disclosure) -> None:
    site = make_site(tmp_path, korla_disclosure)
    page = site.client.get("/scores?year=2024")
    assert page.status_code == 200
    assert "公开度排行" in page.text and "库尔勒市人民政府办公室" in page.text
    assert "评分方法" in page.text and "预算法第十四条" in page.text
    rows = site.client.get("/api/v1/scores?year=2024").json()
    assert [r["department"] for r in rows] == ["库尔勒市人民政府办公室"]
    assert rows[0]["rank"] == 1 and rows[0]["timeliness"] is None
    assert Decimal("0") < Decimal(rows[0]["total"]) <= Decimal("100")
    csv_rows = read_csv(site.client.get("/api/v1/scores?year=2024&format=csv"))
    assert csv_rows[0]["total"] == rows[0]["total"]
    assert site.client.get("/api/v1/scores?year=2024&region=shanghai-9").json() == []
    info = site.client.get(f"/api/v1/disclosures/{site.published}").json()
    department = site.client.get(f"/departments/{info['department_id']}").text
    assert "公开度" in department and rows[0]["total"] in department
    site.store.close()
