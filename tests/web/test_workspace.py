"""The workspace through HTTP: the org tree and roles, a filer scoped to its department
(404 elsewhere), review — return with a comment, waive with a reason, publication refused
while an unwaived error remains, confirmation, withdrawal with a reason — and corrections."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import pdfplumber
import pytest
from fastapi.testclient import TestClient

from tests.store.factories import document, json_bytes, variant
from tests.web.conftest import DRAFT_DEPARTMENT, PASSWORD, Site, csrf_of, login, make_site
from yusuan.store import catalog
from yusuan.store import repository as repo
from yusuan.store.org import match
from yusuan.store.repository import Document
from yusuan.store.users import set_user
from yusuan.web.routes import org, review

ERROR = {"rule_id": "sum.rows", "severity": "error", "category": "sum",
         "message": "合计不等于各行之和", "expected": "100.00", "actual": "90.00",
         "location": {"file": "x.json", "page": 3, "table": "gpb", "code": "2080501",
                      "name": "行政单位离退休", "column": "basic"}}
WARNING = {"rule_id": "narrative.change", "severity": "warning", "category": "narrative",
           "message": "增减变化未说明原因", "location": {"table": None}}


@dataclass
class Workspace:
    site: Site
    korla: str
    review_id: int  # a Korla version with an error and a warning, submitted


def client_of(site: Site, user: str) -> tuple[TestClient, str]:
    client = TestClient(site.client.app)
    token = csrf_of(client.get("/admin/login").text)
    response = client.post("/admin/login", data={"username": user, "password": PASSWORD,
                                                 "csrf": token}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client, csrf_of(client.get("/admin").text)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def ws(request: pytest.FixtureRequest, tmp_path, korla_disclosure) -> Iterator[Workspace]:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    site = make_site(tmp_path, korla_disclosure, url)
    korla = korla_disclosure.department
    with site.store.transaction() as session:
        found = repo.store_document(session, document(korla_disclosure, (ERROR, WARNING),
                                                      salt="v2"))
        set_user(session, "shen", PASSWORD, "reviewer")
        set_user(session, "tian", PASSWORD, "filer", korla)
        set_user(session, "other", PASSWORD, "filer", DRAFT_DEPARTMENT)
    yield Workspace(site, korla, found.disclosure_id)
    site.store.close()


def test_a_filer_of_another_department_sees_and_changes_nothing(ws):
    other, token = client_of(ws.site, "other")
    listing = other.get("/admin").text
    assert ws.korla not in listing and DRAFT_DEPARTMENT in listing
    doc = ws.review_id
    for url in (f"/admin/disclosures/{doc}", f"/admin/disclosures/{doc}/preview",
                f"/admin/disclosures/{doc}/annotated.pdf"):
        assert other.get(url).status_code == 404, url
    for action, data in (("submit", {}), ("return", {"comment": "x"}),
                         ("waive", {"finding": "0", "reason": "x"}),
                         ("publish", {"confirmed": "1"}), ("withdraw", {"reason": "x"})):
        response = other.post(f"/admin/disclosures/{doc}/{action}", data={"csrf": token, **data})
        assert response.status_code == 404, action
    assert ws.korla not in other.get("/admin/audit").text
    with ws.site.store.reading() as session:
        assert catalog.disclosure_info(session, doc, public=False).state == "draft"
    # the filer's own department is reachable; reviewing steps are not the filer's
    assert other.get(f"/admin/disclosures/{ws.site.draft}").status_code == 200
    response = other.post(f"/admin/disclosures/{ws.site.draft}/publish",
                          data={"csrf": token, "confirmed": "1"})
    assert response.status_code == 403
    assert other.get("/admin/queue").status_code == 403
    assert other.get("/admin/org").status_code == 403


def test_a_filer_cannot_upload_another_departments_document(ws, korla_disclosure):
    other, token = client_of(ws.site, "other")
    data = json_bytes(variant(korla_disclosure, factor=Decimal(2)))
    response = other.post("/admin/upload", data={"csrf": token},
                          files=[("files", ("korla.json", data, "application/json"))])
    assert response.status_code == 400 and "不是您所在的部门" in response.text


def test_review_return_waive_blocked_publication_and_approval(ws):
    filer, ftoken = client_of(ws.site, "tian")
    reviewer, rtoken = client_of(ws.site, "shen")
    doc = f"/admin/disclosures/{ws.review_id}"
    assert filer.post(f"{doc}/submit", data={"csrf": ftoken}).status_code == 200
    queue = reviewer.get("/admin/queue").text
    assert f'href="{doc}"' in queue
    page = reviewer.get(doc).text
    # grouped by severity, errors first, the place in words, the figures side by side
    assert page.index("错误（1 条）") < page.index("警告（1 条）")
    assert "一般公共预算支出情况表" in page and "2080501 行政单位离退休" in page
    assert "列：一般公共预算支出/基本支出" in page
    assert "basic" not in page and "应为 <span class=\"num\">100.00</span>" in page
    # return with a comment: the filer sees it
    assert reviewer.post(f"{doc}/return", data={"csrf": rtoken, "comment": ""}
                         ).status_code == 409
    reviewer.post(f"{doc}/return", data={"csrf": rtoken, "comment": "请补充增减变化原因"})
    seen = filer.get(doc).text
    assert "已退回" in seen and "请补充增减变化原因" in seen
    filer.post(f"{doc}/submit", data={"csrf": ftoken})
    # waive the warning (a reason is required), the error still blocks publication
    assert reviewer.post(f"{doc}/waive", data={"csrf": rtoken, "finding": "1", "reason": " "}
                         ).status_code == 409
    reviewer.post(f"{doc}/waive", data={"csrf": rtoken, "finding": "1",
                                        "reason": "原因已在第三部分说明"})
    assert "已豁免：原因已在第三部分说明" in reviewer.get(doc).text
    reviewer.post(f"{doc}/approve", data={"csrf": rtoken})
    confirm = reviewer.get(f"{doc}/publish").text
    assert "不能发布" in confirm and 'name="confirmed"' not in confirm
    refused = reviewer.post(f"{doc}/publish", data={"csrf": rtoken, "confirmed": "1"})
    assert refused.status_code == 409 and "未豁免的错误" in refused.text
    assert ws.site.client.get(f"/disclosures/{ws.review_id}").status_code == 404
    # waive the error too: then it publishes, and the public page lists what changed
    reviewer.post(f"{doc}/waive", data={"csrf": rtoken, "finding": "0",
                                        "reason": "合计行按原件印刷，已核实"})
    assert 'name="confirmed"' in reviewer.get(f"{doc}/publish").text
    published = reviewer.post(f"{doc}/publish", data={"csrf": rtoken, "confirmed": "1"})
    assert published.status_code == 200 and "已公开" in published.text
    audit = reviewer.get("/admin/audit").text
    for words in ("原因已在第三部分说明", "合计行按原件印刷，已核实", "请补充增减变化原因"):
        assert words in audit
    for who, step in (("tian", "提交审核"), ("shen", "退回"), ("shen", "豁免"),
                      ("shen", "审核通过"), ("shen", "发布")):
        assert f"<td>{who}</td><td>{step}</td>" in audit, step
    # a published version never changes
    assert reviewer.post(f"{doc}/waive", data={"csrf": rtoken, "finding": "0", "reason": "x"}
                         ).status_code == 409


def test_a_correction_lists_the_changed_cells_to_the_public(ws, korla_disclosure):
    reviewer, token = client_of(ws.site, "shen")
    corrected = variant(korla_disclosure, factor=Decimal(2))
    with ws.site.store.transaction() as session:
        new = repo.store_document(session, document(corrected, salt="v3")).disclosure_id
    reviewer.post(f"/admin/disclosures/{new}/publish", data={"csrf": token, "confirmed": "1"})
    page = ws.site.client.get(f"/disclosures/{new}").text
    assert "本版为更正版本" in page and "处数字变化" in page
    assert "本版为更正版本" not in ws.site.client.get(f"/disclosures/{ws.site.published}").text


def test_the_admin_edits_the_org_tree_and_users(ws):
    admin = ws.site.client
    token = login(admin)
    sheet = "部门,单位,单位编码\n库尔勒市教育局,库尔勒市第一中学,201\n库尔勒市教育局,,\n"
    response = admin.post("/admin/org/import", data={"csrf": token}, files=[
        ("file", ("org.csv", sheet.encode("utf-8"), "text/csv"))])
    assert response.status_code == 200 and "新增部门 1 个，新增单位 1 个" in response.text
    bad = admin.post("/admin/org/import", data={"csrf": token}, files=[
        ("file", ("bad.csv", b"a,b\n1,2\n", "text/csv"))])
    assert bad.status_code == 400 and "bad.csv" in bad.text and "部门" in bad.text
    admin.post("/admin/org/users", data={"csrf": token, "username": "jiao", "role": "filer",
                                         "password": "another-long-pass", "department":
                                         "库尔勒市教育局"})
    page = admin.get("/admin/org").text
    assert "库尔勒市第一中学（201）" in page and "jiao" in page and "填报人" in page
    weak = admin.post("/admin/org/users", data={"csrf": token, "username": "x", "role": "filer",
                                                "password": "short", "department": ""})
    assert weak.status_code == 400 and "密码至少需要" in weak.text
    audit = admin.get("/admin/audit").text
    assert "<td>admin</td><td>组织架构</td>" in audit and "导入 org.csv" in audit
    assert "设置用户：jiao（filer，库尔勒市教育局）" in audit
    reviewer, rtoken = client_of(ws.site, "shen")
    assert reviewer.post("/admin/org/departments", data={"csrf": rtoken, "name": "x"}
                         ).status_code == 403


def test_the_review_page_offers_the_original_pdf_with_the_findings_boxed(ws, korla_disclosure):
    original = (Path(__file__).resolve().parents[1] / "fixtures"
                / "shanghai-putuo-finance-bureau-2025-dept-budget.pdf").read_bytes()
    finding = {"rule_id": "summary.income-total-eq-parts", "severity": "error",
               "category": "arithmetic", "message": "收入总计不等于各项之和",
               "location": {"page": 9, "name": "一、财政拨款收入"},
               "expected": "31214205.00", "actual": "31214205.80"}
    with ws.site.store.transaction() as session:
        pdf_id = repo.store_document(session, Document(
            korla_disclosure, original, "putuo.pdf", "pdf", (finding,), True)).disclosure_id
    filer, _ = client_of(ws.site, "tian")
    assert "annotated.pdf" in filer.get(f"/admin/disclosures/{pdf_id}").text
    response = filer.get(f"/admin/disclosures/{pdf_id}/annotated.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "putuo-批注.pdf" in unquote(response.headers["content-disposition"])
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        [annot] = pdf.pages[8].annots
        assert "收入总计不等于各项之和" in annot["contents"]
        assert len(pdf.pages) > 9  # the findings summary appended
    other, _ = client_of(ws.site, "other")
    assert other.get(f"/admin/disclosures/{pdf_id}/annotated.pdf").status_code == 404
    json_doc = filer.get(f"/admin/disclosures/{ws.review_id}/annotated.pdf")
    assert json_doc.status_code == 404 and "PDF" in json_doc.text


def test_an_unsure_department_is_held_until_its_uploader_confirms_it(ws, korla_disclosure):
    admin = ws.site.client
    token = login(admin)
    printed = ws.korla + "综合服务中心"
    data = json_bytes(variant(korla_disclosure, department=printed, factor=Decimal(5)))
    response = admin.post("/admin/upload", data={"csrf": token},
                          files=[("files", ("centre.json", data, "application/json"))])
    assert response.status_code == 400 and "已暂存" in response.text
    assert "待确认部门（1）" in response.text
    page = admin.get("/admin/org/pending").text
    assert printed in page and f"{ws.korla}（名称相近）" in page
    with ws.site.store.reading() as session:
        korla_id = next(d for d, n, _ in catalog.departments(session, public=False)
                        if n == ws.korla)
        before = len(catalog.all_disclosures(session))
    other, other_token = client_of(ws.site, "other")
    pending_id = page.split('action="/admin/org/pending/', 1)[1].split('"', 1)[0]
    assert other.post(f"/admin/org/pending/{pending_id}", data={
        "csrf": other_token, "department": str(korla_id)}).status_code == 404
    done = admin.post(f"/admin/org/pending/{pending_id}", data={
        "csrf": token, "department": str(korla_id), "remember": "1"}, follow_redirects=False)
    assert done.status_code == 303
    with ws.site.store.reading() as session:
        stored = catalog.all_disclosures(session)
        assert len(stored) == before + 1 and stored[0].department_id == korla_id
        assert match(session, printed).department_id == korla_id  # remembered as a unit
    assert "没有待确认的上传" in admin.get("/admin/org/pending").text


def _workspace_routes(method: str) -> list[str]:
    concrete = {"action": "approve"}
    out = []
    for route in (r for m in (review, org) for r in m.router.routes):
        if method in (getattr(route, "methods", None) or ()):
            out.append(re.sub(r"\{(\w+)\}", lambda m: concrete.get(m.group(1), "1"),
                              route.path))
    return out


def test_every_workspace_page_needs_a_login_and_every_form_its_csrf_token(ws):
    anonymous = TestClient(ws.site.client.app)
    gets, posts = _workspace_routes("GET"), _workspace_routes("POST")
    assert len(gets) >= 6 and len(posts) >= 9
    for url in gets:
        response = anonymous.get(url, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/admin/login"
        assert response.headers["cache-control"] == "no-store", url
    reviewer, token = client_of(ws.site, "shen")
    for url in posts:
        assert anonymous.post(url, data={"csrf": "x"}).status_code == 403, url
        assert reviewer.post(url, data={}).status_code == 403, url
        assert reviewer.post(url, data={"csrf": token + "x"}).status_code == 403, url
