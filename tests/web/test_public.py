"""Public pages and downloads through the HTTP client: what is published, and only that."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from tests.store.factories import document, variant
from tests.web.conftest import DRAFT_DEPARTMENT
from yusuan.store import catalog
from yusuan.store import repository as repo


def test_home_lists_years_and_departments_but_not_drafts(site):
    page = site.client.get("/")
    assert page.status_code == 200
    assert "2024 年" in page.text and "库尔勒市人民政府办公室" in page.text
    assert DRAFT_DEPARTMENT not in page.text


def test_search_finds_a_department_and_a_project(site, korla_disclosure):
    found = site.client.get("/search", params={"q": "人民政府"})
    assert f'href="/disclosures/{site.published}"' in found.text
    project = next(r.project for t in korla_disclosure.tables for r in t.rows if r.project)
    by_project = site.client.get("/search", params={"q": project})
    assert f'href="/disclosures/{site.published}"' in by_project.text
    assert "没有找到" in site.client.get("/search", params={"q": DRAFT_DEPARTMENT}).text


def test_the_disclosure_page_shows_every_table_the_charts_and_downloads(site,
                                                                         korla_disclosure):
    page = site.client.get(f"/disclosures/{site.published}")
    assert page.status_code == 200
    for table in korla_disclosure.tables:
        assert f'data-table="{table.id}"' in page.text
        assert table.title in page.text
    assert "1,491.86" in page.text  # 表1 收入总计, as printed
    charts = json.loads(re.search(r'<script type="application/json" id="chart-data">(.*?)'
                                  r"</script>", page.text, re.S).group(1))
    ids = [c["id"] for c in charts]
    assert ids[:4] == ["functional", "basic-project", "economic", "three-public"]
    basic_project = next(c for c in charts if c["id"] == "basic-project")
    assert basic_project["slices"] == [{"name": "基本支出", "value": "1091.86"},
                                       {"name": "项目支出", "value": "400.00"}]
    assert '<script src="/static/vendor/echarts.min.js">' in page.text
    for fmt in ("xlsx", "pdf", "csv", "json"):
        assert f"/disclosures/{site.published}/download.{fmt}" in page.text
    assert f"/disclosures/{site.published}/original" in page.text


def test_no_page_loads_anything_from_another_host(site):
    for url in ("/", f"/disclosures/{site.published}", "/compare", "/docs", "/admin/login",
                "/departments/1"):
        text = site.client.get(url).text
        assert not re.search(r'(src|href)="(https?:)?//', text), url


def test_an_unpublished_disclosure_is_invisible_everywhere(site):
    c, draft = site.client, site.draft
    assert c.get(f"/disclosures/{draft}").status_code == 404
    assert "尚未公开" in c.get(f"/disclosures/{draft}").text
    for url in (f"/disclosures/{draft}/original", f"/disclosures/{draft}/download.csv",
                f"/api/v1/disclosures/{draft}", f"/api/v1/disclosures/{draft}/tables",
                f"/api/v1/disclosures/{draft}/findings"):
        assert c.get(url).status_code == 404, url
    assert DRAFT_DEPARTMENT not in c.get("/api/v1/disclosures").text
    assert DRAFT_DEPARTMENT not in c.get("/api/v1/departments").text
    assert DRAFT_DEPARTMENT not in c.get("/api/v1/cells.csv").text
    assert DRAFT_DEPARTMENT not in c.get("/compare").text


def test_department_and_comparison_pages(site, korla_disclosure):
    with site.store.transaction() as session:
        other = repo.store_document(session, document(variant(
            korla_disclosure, department="对比测试局"))).disclosure_id
        repo.set_state(session, other, "published", "t")
        info = catalog.disclosure_info(session, site.published)
    dept = site.client.get(f"/departments/{info.department_id}")
    assert dept.status_code == 200 and "1,491.86" in dept.text and "2024" in dept.text
    compare = site.client.get("/compare", params={"year": 2024})
    assert "库尔勒市人民政府办公室" in compare.text and "对比测试局" in compare.text
    assert compare.text.count("1,091.86") == 2  # both departments' 基本支出
    assert "26.81%" in compare.text  # 项目支出占比 400.00 / 1491.86
    assert site.client.get("/departments/999").status_code == 404


def test_the_page_cache_follows_publication(site, korla_disclosure):
    assert "对比后公开局" not in site.client.get("/").text
    with site.store.transaction() as session:
        other = repo.store_document(session, document(variant(
            korla_disclosure, department="对比后公开局"))).disclosure_id
        repo.set_state(session, other, "published", "t")
    assert "对比后公开局" in site.client.get("/").text


def test_downloads(site, korla_disclosure):
    c, d = site.client, site.published
    original = c.get(f"/disclosures/{d}/original")
    assert original.status_code == 200 and json.loads(original.content)["department"] == \
        korla_disclosure.department
    assert "filename*=UTF-8''" in original.headers["content-disposition"]
    csv_file = c.get(f"/disclosures/{d}/download.csv")
    assert csv_file.content.startswith("\ufeff".encode()) and b"amount_yuan" in csv_file.content
    assert c.get(f"/disclosures/{d}/download.json").json()["department"] == \
        korla_disclosure.department
    xlsx = c.get(f"/disclosures/{d}/download.xlsx")
    if xlsx.status_code == 200:  # the XLSX renderer is installed
        assert xlsx.content[:2] == b"PK"
    else:
        assert xlsx.status_code == 404 and "暂不可用" in xlsx.text
    assert c.get(f"/disclosures/{d}/download.exe").status_code == 404


def test_a_missing_renderer_is_a_404_in_chinese(site, monkeypatch):
    from yusuan.web.routes import downloads

    def missing(fmt):
        raise ImportError("No module named 'yusuan.render.pdf'")

    monkeypatch.setattr(downloads, "writer", missing)
    response = site.client.get(f"/disclosures/{site.published}/download.pdf")
    assert response.status_code == 404
    assert "PDF 格式暂不可用" in response.text


@pytest.mark.parametrize(("name", "escaped"), [
    ("<script>alert(1)</script>局", "&lt;script&gt;alert(1)&lt;/script&gt;局"),
    ("\"'><img src=x onerror=1>局", "&#34;&#39;&gt;&lt;img src=x onerror=1&gt;局"),
])
def test_text_from_documents_is_escaped(site, korla_disclosure, name, escaped):
    with site.store.transaction() as session:
        bad = repo.store_document(session, document(variant(korla_disclosure,
                                                            department=name))).disclosure_id
        repo.set_state(session, bad, "published", "t")
    for url in ("/", f"/disclosures/{bad}", "/compare", "/search?q=局"):
        text = site.client.get(url).text
        assert "<script>alert(1)" not in text and "<img src=x" not in text, url
    assert escaped in site.client.get(f"/disclosures/{bad}").text


def test_unknown_pages_are_404_in_chinese(site):
    response = site.client.get("/no/such/page")
    assert response.status_code == 404 and "页面不存在" in response.text


def test_static_assets_are_served_locally(site):
    js = site.client.get("/static/vendor/echarts.min.js")
    assert js.status_code == 200 and len(js.content) > 500_000
    assert site.client.get("/static/portal.css").status_code == 200
    assert "table.grid" in site.client.get("/static/document.css").text


def test_findings_badge_and_list(public_site, korla_disclosure):
    findings = ({"rule_id": "gpb.total-eq-items", "severity": "error", "category": "arithmetic",
                 "message": "表5 合计 ≠ 各项之和：相差 <b>0.10</b> 万元",
                 "location": {"table": "gpb", "code": "201", "name": "一般公共服务支出",
                              "column": "total", "page": 4}},)
    with public_site.store.transaction() as session:
        bad = repo.store_document(session, document(variant(
            korla_disclosure, department="有错误的局"), findings)).disclosure_id
        repo.set_state(session, bad, "published", "t")
    page = public_site.client.get(f"/disclosures/{bad}").text
    assert '<span class="badge error">1 个错误</span>' in page
    assert "gpb.total-eq-items" in page and "第4页" in page
    assert "一般公共预算支出情况表 201 一般公共服务支出 一般公共预算支出/合计" in page  # words
    assert "相差 &lt;b&gt;0.10&lt;/b&gt; 万元" in page
    assert '<span class="badge error">1 个错误</span>' in public_site.client.get("/").text
    api = public_site.client.get(f"/api/v1/disclosures/{bad}/findings").json()
    assert api["findings"] == list(findings)


def test_security_headers_and_chinese_errors(site):
    page = site.client.get(f"/disclosures/{site.published}")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    missing = site.client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404 and missing.json()["detail"] == "没有这个页面或数据。"
    assert site.client.delete("/").status_code == 405


def test_a_table_that_cannot_be_laid_out_does_not_take_the_page_down(site, monkeypatch):
    import yusuan.web.routes.public as public

    real = public.table_grid

    def fragile(table, layout):
        if table.id == "gpb_basic":
            raise IndexError("tuple index out of range")
        return real(table, layout)

    monkeypatch.setattr(public, "table_grid", fragile)
    page = site.client.get(f"/disclosures/{site.published}")
    assert page.status_code == 200
    assert "这张表的版式无法在网页上显示" in page.text
    assert page.text.count("这张表的版式无法在网页上显示") == 1
    assert 'data-table="gpb"' in page.text and 'data-table="gpb_basic"' in page.text


def test_findings_are_internal_unless_the_bureau_publishes_them(site):
    page = site.client.get(f"/disclosures/{site.published}").text
    assert 'id="findings"' not in page and "检查通过" not in page
    assert site.client.get(f"/api/v1/disclosures/{site.published}/findings").status_code == 404


def test_the_disclosure_page_prints_part1_as_the_stored_disclosure_derives_it(site,
                                                                              korla_disclosure):
    """The portal prints ``Disclosure.organisation_paragraphs`` of the stored JSON (which has
    no field for them): the same paragraphs the built documents print."""
    page = site.client.get(f"/disclosures/{site.published}")
    paragraphs = korla_disclosure.organisation_paragraphs
    assert paragraphs and 'href="#part1"' in page.text
    for text in paragraphs:
        assert f"<p>{text}</p>" in page.text


def test_part1_shows_the_functions_introduction_tasks_and_basis(site, korla_disclosure):
    """A document whose 主要职能 is prose (江苏省政协) or that states its 工作任务及目标 and
    编制依据 (江苏) shows them on its page."""
    overview = dataclasses.replace(
        korla_disclosure.overview, functions=(), functions_intro=("本部门是示例机关。",),
        tasks=("1.完成年度重点工作。",), basis=("依据有关规定编制。",))
    d = dataclasses.replace(variant(korla_disclosure, department="某示例厅"), overview=overview)
    with site.store.transaction() as session:
        stored = repo.store_document(session, document(d)).disclosure_id
        repo.set_state(session, stored, "published", "t")
    text = site.client.get(f"/disclosures/{stored}").text
    for said in ("本部门是示例机关。", "三、2024年主要工作任务及目标", "1.完成年度重点工作。",
                 "依据有关规定编制。"):
        assert said in text
    assert 'class="functions"' not in text.split('id="part1"')[1].split("</section>")[0]
