"""Administrators uploading the same documents at the same moment: every file is stored once
with consecutive versions, and no page ever shows a database error or its SQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from tests.store import faults
from tests.web.conftest import login


def test_simultaneous_uploads_of_the_same_files(site, korla_disclosure, tmp_path):
    files = faults.versions_of(korla_disclosure, tmp_path / "up", 3, department="同时上传局")
    clients = [TestClient(site.client.app) for _ in range(3)]
    tokens = [login(c) for c in clients]
    before = faults.stored(site.store.url)

    def upload(i: int) -> tuple[int, str]:
        order = files if i % 2 else files[::-1]
        response = clients[i].post("/admin/upload", data={"csrf": tokens[i]}, files=[
            ("files", (p.name, p.read_bytes(), "application/json")) for p in order])
        return response.status_code, response.text

    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(upload, range(3)))
    for status, page in results:
        assert status == 200
        assert "失败：" not in page
        for leak in ("IntegrityError", "INSERT INTO", "[SQL:", "parameters:"):
            assert leak not in page
    assert faults.problems(site.store.url, files, before) == []
    assert faults.stored(site.store.url).versions[("同时上传局", 2024, "部门预算")] == [1, 2, 3]


def test_a_database_failure_shows_no_sql(site, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from yusuan.store import catalog

    def broken(*args, **kwargs):
        raise OperationalError("SELECT secret FROM disclosures WHERE id = ?", (42,),
                               Exception("disk I/O error"))

    monkeypatch.setattr(catalog, "published", broken)
    for url in ("/search?q=局", "/api/v1/disclosures"):
        response = site.client.get(url)
        assert response.status_code == 503
        assert "数据库暂时无法完成这个请求" in response.text
        assert "SELECT" not in response.text and "secret" not in response.text
