"""The API's CSV and the cells CSV download never hand a spreadsheet a live formula."""

from __future__ import annotations

import csv
import io

from tests.render.test_formula_text import HOSTILE, hostile
from tests.store.factories import document
from yusuan.store import repository as repo


def rows_of(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_every_csv_the_portal_serves_neutralises_formula_text(site, korla_disclosure):
    with site.store.transaction() as session:
        stored = repo.store_document(session, document(hostile(korla_disclosure)))
        repo.set_state(session, stored.disclosure_id, "published", "test")
    departments = rows_of(site.client.get("/api/v1/departments?format=csv"))
    assert "'" + HOSTILE in {r["name"] for r in departments}
    listing = rows_of(site.client.get("/api/v1/disclosures?format=csv"))
    assert "'" + HOSTILE in {r["department"] for r in listing}
    for url in (f"/api/v1/cells.csv?disclosure={stored.disclosure_id}",
                f"/disclosures/{stored.disclosure_id}/download.csv"):
        cells = rows_of(site.client.get(url))
        assert {r["department"] for r in cells} == {"'" + HOSTILE}
        assert any(r["name"] == "'@SUM(A1:A9)" and r["amount_yuan"] == "-125000.00"
                   for r in cells)
