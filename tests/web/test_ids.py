"""Ids in URLs: every route with an id answers 404 to a number that cannot name a record
(≥ 2⁶³, ≥ 2³¹, zero, negative, not a number), never 500; numeric query parameters out of
range are a 422 that names the parameter."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import login
from yusuan.web.routes import admin, api, downloads, org, public, review

BAD_IDS = ("99999999999999999999", "9223372036854775808", "2147483648", "0", "-1", "abc",
           "1.5")


def id_routes() -> list[tuple[str, str]]:
    """(method, path template) of every route with a path parameter."""
    out = []
    for route in (r for m in (admin, api, downloads, public, review, org)
                  for r in m.router.routes):
        path, methods = getattr(route, "path", ""), getattr(route, "methods", None) or ()
        if "{" in path and not path.startswith("/static"):
            out.extend((m, path) for m in sorted(methods) if m != "HEAD")
    return out


def fill(template: str, value: str) -> str:
    concrete = {"fmt": "pdf", "table_id": "income", "action": "publish"}
    return re.sub(r"\{(\w+)\}", lambda m: concrete.get(m.group(1), value), template)


def test_every_route_with_an_id_answers_404_to_an_impossible_id(site):
    token = login(site.client)
    routes = id_routes()
    assert len(routes) >= 20  # public, download, API, review (GET and POST) and org routes
    for method, template in routes:
        for bad in BAD_IDS:
            url = fill(template, bad)
            response = site.client.request(method, url, data={"csrf": token} if method ==
                                           "POST" else None, follow_redirects=False)
            assert response.status_code == 404, (method, url, response.status_code)
            assert "Traceback" not in response.text and "SELECT" not in response.text
            if url.startswith("/api/"):
                assert response.json()["detail"] == "没有这个页面或数据。"


def test_a_real_id_still_works_through_the_shared_type(site):
    assert site.client.get(f"/disclosures/{site.published}").status_code == 200
    assert site.client.get(f"/api/v1/disclosures/{site.published}").status_code == 200


@pytest.mark.parametrize("query", [
    "/api/v1/cells?department=99999999999999999999", "/api/v1/cells?disclosure=-1",
    "/api/v1/cells?year=99999999999999999999", "/api/v1/cells?offset=9223372036854775808",
    "/api/v1/cells.csv?disclosure=99999999999999999999",
    "/api/v1/disclosures?department=99999999999999999999",
    "/api/v1/disclosures?year=99999999999999999999"])
def test_out_of_range_query_numbers_are_a_422_naming_the_parameter(site, query):
    response = site.client.get(query)
    assert response.status_code == 422
    name = query.split("?")[1].split("=")[0]
    assert any(e["location"] == f"query.{name}" for e in response.json()["errors"])


def test_an_out_of_range_year_on_the_comparison_page_is_not_a_500(site):
    assert site.client.get("/compare?year=99999999999999999999").status_code == 422

