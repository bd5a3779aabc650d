"""Drafting online through HTTP: a filer starts a year's disclosure from the 上海 budget
workbook, a source folder (ZIP) or last year's stored disclosure; the reasons page lists every
change with last year's figure from the stored previous disclosure; each save is a version in
the audit log; the findings endpoint answers for unsaved text; previews carry 草稿; submission
enters the review queue, a return comes back to the draft, a resubmission follows; bad
uploads get a Chinese message naming the file; another department's filer gets 404."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from fastapi.testclient import TestClient

from tests.building.test_workbook import TEMPLATE, _workbook
from tests.conftest import EXAMPLES
from tests.store.factories import document, variant
from tests.web.conftest import PASSWORD, Site, login, make_site
from tests.web.test_workspace import client_of
from yusuan.compose import build_disclosure
from yusuan.compose.draft import Edits
from yusuan.model.disclosure import Disclosure
from yusuan.store import catalog
from yusuan.store import repository as repo
from yusuan.store.drafts import create
from yusuan.store.org import add_department, match
from yusuan.store.schema import AuditEntry, DraftVersion
from yusuan.store.users import set_user

EXAMPLE = EXAMPLES / "shanghai-dept-2025"
DEPT = "上海市某区示例局"
OTHER = "某区另一局"


@dataclass
class Drafting:
    site: Site
    workbook: bytes
    folder_zip: bytes
    last_year: int  # the stored 2024 disclosure


@pytest.fixture(scope="module")
def example() -> Disclosure:
    return build_disclosure(EXAMPLE)


def folder_zip(folder: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for p in sorted(folder.iterdir()):
            zf.write(p, f"{folder.name}/{p.name}")
    return out.getvalue()


def store_last_year(site: Site, example: Disclosure) -> int:
    """The department's 2024 document as published: the 2025 figures × 0.8."""
    last = variant(example, year=2024, factor=Decimal("0.8"))
    with site.store.transaction() as session:
        found = repo.store_document(session, document(last, salt="2024"))
        repo.set_state(session, found.disclosure_id, "published", "setup")
    return found.disclosure_id


def people(site: Site) -> None:
    """The two departments, a filer of each (wang, other) and a reviewer (shen)."""
    with site.store.transaction() as session:
        add_department(session, DEPT)
        add_department(session, OTHER)
        set_user(session, "wang", PASSWORD, "filer", DEPT)
        set_user(session, "other", PASSWORD, "filer", OTHER)
        set_user(session, "shen", PASSWORD, "reviewer")


@pytest.fixture
def drafting(tmp_path, korla_disclosure, example) -> Iterator[Drafting]:
    site = make_site(tmp_path, korla_disclosure)
    people(site)
    last = store_last_year(site, example)
    workbook = _workbook(example, tmp_path / "wb.xlsx").read_bytes()
    yield Drafting(site, workbook, folder_zip(EXAMPLE), last)
    site.store.close()


def start(client: TestClient, token: str, kind: str, name: str, data: bytes) -> object:
    return client.post("/admin/drafts", data={"csrf": token, "start": kind},
                       files={"file": (name, data)}, follow_redirects=False)


def draft_id(response: object) -> int:
    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    return int(response.headers["location"].rsplit("/", 1)[1])  # type: ignore[attr-defined]


def test_workbook_draft_reasons_submit_return_resubmit(drafting: Drafting):
    wang, token = client_of(drafting.site, "wang")
    draft = draft_id(start(wang, token, "workbook", "示例局2025预算.xlsx", drafting.workbook))
    page = wang.get(f"/admin/drafts/{draft}")
    assert page.status_code == 200 and "草稿" in page.text and "no-store" in page.headers[
        "cache-control"]
    assert "2025年，上海市某区示例局收入预算1,725.82万元" in page.text  # the narrative
    reasons = wang.get(f"/admin/drafts/{draft}/reasons").text
    # last year's 财政拨款收入 from the stored 2024 document: 0.8 × 16,758,163.00
    assert "13,406,530.40" in reasons and "16,758,163.00" in reasons
    assert 'name="reason:appropriation"' in reasons
    # the findings as the filer types: each change without its reason is a warning — 5
    # figures, and the 10 项 the 上海 wording compares with last year's 预算执行数
    empty = wang.post(f"/admin/drafts/{draft}/check", data={"csrf": token}).json()
    assert empty["missing"] == 15 and empty["counts"]["warning"] == 15
    assert reasons.count('name="reason:') == 15
    typed = wang.post(f"/admin/drafts/{draft}/check",
                      data={"csrf": token, "reason:appropriation": "新增信息化项目"})
    assert typed.status_code == 200 and typed.headers["cache-control"] == "no-store"
    assert typed.json()["missing"] == 14 and typed.json()["counts"]["warning"] == 14
    warnings = [r["message"] for g in typed.json()["groups"] for r in g["rows"]
                if r["severity"] == "warning"]
    assert not any("财政拨款收入" in m for m in warnings)
    assert any("公务接待费" in m and "1,900.00元" in m for m in warnings)
    saved = wang.post(f"/admin/drafts/{draft}/save?page=reasons",
                      data={"csrf": token, "reason:appropriation": "新增信息化项目"},
                      follow_redirects=False)
    assert saved.status_code == 303
    assert wang.post(f"/admin/drafts/{draft}/check", data={"csrf": token}).json()[
        "missing"] == 14
    html = wang.get(f"/admin/drafts/{draft}/preview.html").text
    assert "草稿" in html and "新增信息化项目" in html
    with drafting.site.store.reading() as session:
        assert session.query(DraftVersion).filter_by(draft_id=draft).count() == 2
        actions = [a.action for a in session.query(AuditEntry).filter_by(username="wang")]
    assert "draft-create" in actions and "draft-save" in actions
    submitted = wang.post(f"/admin/drafts/{draft}/submit", data={"csrf": token},
                          follow_redirects=False)
    assert submitted.status_code == 303, submitted.text
    version = int(submitted.headers["location"].rsplit("/", 1)[1])
    shen, shen_token = client_of(drafting.site, "shen")
    assert f"/admin/disclosures/{version}" in shen.get("/admin/queue").text
    # locked while under review
    locked = wang.post(f"/admin/drafts/{draft}/save?page=reasons",
                       data={"csrf": token, "reason:appropriation": "改"})
    assert locked.status_code == 409
    shen.post(f"/admin/disclosures/{version}/return",
              data={"csrf": shen_token, "comment": "请补充机关运行经费增加的原因"})
    page = wang.get(f"/admin/drafts/{draft}").text
    assert "请补充机关运行经费增加的原因" in page
    returned = wang.get(f"/admin/disclosures/{version}").text  # fixed in the draft, not here
    assert f'href="/admin/drafts/{draft}">到草稿中修改' in returned
    assert f'action="/admin/disclosures/{version}/submit"' not in returned
    wang.post(f"/admin/drafts/{draft}/save?page=reasons",
              data={"csrf": token, "reason:operating_cost": "新增办公场所物业费"})
    again = wang.post(f"/admin/drafts/{draft}/submit", data={"csrf": token},
                      follow_redirects=False)
    assert again.status_code == 303
    second = int(again.headers["location"].rsplit("/", 1)[1])
    assert second != version
    with drafting.site.store.reading() as session:
        info = catalog.disclosure_info(session, second, public=False)
    assert info is not None and info.state == "submitted" and info.version == 2


def test_folder_draft_and_texts(drafting: Drafting):
    wang, token = client_of(drafting.site, "wang")
    draft = draft_id(start(wang, token, "folder", "示例局.zip", drafting.folder_zip))
    texts = wang.get(f"/admin/drafts/{draft}/texts").text
    assert "信息系统运行维护费" in texts and 'name="row:functions:text"' in texts
    wang.post(f"/admin/drafts/{draft}/save?page=texts",
              data={"csrf": token, "functions": "负责全区示例工作。\n承办交办事项。",
                    "project:信息系统运行维护费:policy_basis": "《示例管理办法》"})
    html = wang.get(f"/admin/drafts/{draft}/preview.html").text
    assert "负责全区示例工作。" in html and "《示例管理办法》" in html
    pdf = wang.get(f"/admin/drafts/{draft}/preview.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf.content)) as doc:  # 草稿 on every page
        assert len(doc.pages) > 10
        assert all("草稿" in (page.extract_text() or "") for page in doc.pages)


def test_draft_from_last_year(drafting: Drafting):
    wang, token = client_of(drafting.site, "wang")
    response = wang.post("/admin/drafts", data={"csrf": token, "previous": str(
        drafting.last_year)}, follow_redirects=False)
    draft = draft_id(response)
    page = wang.get(f"/admin/drafts/{draft}").text
    assert "2025 年部门预算" in page and "尚未上传" in page
    refused = wang.post(f"/admin/drafts/{draft}/submit", data={"csrf": token})
    assert refused.status_code == 409 and "本年数字尚未上传" in refused.text
    updated = wang.post(f"/admin/drafts/{draft}/source", data={"csrf": token,
                                                               "start": "workbook"},
                        files={"file": ("wb.xlsx", drafting.workbook)}, follow_redirects=False)
    assert updated.status_code == 303, updated.text
    assert "尚未上传" not in wang.get(f"/admin/drafts/{draft}").text


def test_bad_uploads_are_named(drafting: Drafting):
    wang, token = client_of(drafting.site, "wang")
    bad = start(wang, token, "workbook", "坏文件.xlsx", b"not a workbook")
    assert bad.status_code == 400 and "坏文件.xlsx" in bad.text and "/tmp" not in bad.text
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "x")
    missing = start(wang, token, "folder", "空.zip", empty.getvalue())
    assert missing.status_code == 400 and "budget.yaml" in missing.text
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("src/budget.yaml", "department: [\n")
    yaml = start(wang, token, "folder", "坏源.zip", broken.getvalue())
    assert yaml.status_code == 400 and "坏源.zip/src/budget.yaml:2" in yaml.text, yaml.text
    assert "Traceback" not in yaml.text


def test_another_departments_filer_gets_404(drafting: Drafting):
    wang, token = client_of(drafting.site, "wang")
    draft = draft_id(start(wang, token, "workbook", "wb.xlsx", drafting.workbook))
    other, other_token = client_of(drafting.site, "other")
    listing = other.get("/admin/drafts").text
    assert f'data-id="{draft}"' not in listing and f"/admin/drafts/{draft}" not in listing
    for url in ("", "/reasons", "/texts", "/preview.html", "/preview.pdf"):
        assert other.get(f"/admin/drafts/{draft}{url}").status_code == 404, url
    for url, data in (("/save?page=reasons", {"reason:appropriation": "x"}), ("/check", {}),
                      ("/submit", {})):
        response = other.post(f"/admin/drafts/{draft}{url}", data={"csrf": other_token, **data})
        assert response.status_code == 404, url
    # nor start a draft from this department's workbook or stored document
    refused = start(other, other_token, "workbook", "wb.xlsx", drafting.workbook)
    assert refused.status_code == 400 and "不是您所在的部门" in refused.text
    carried = other.post("/admin/drafts", data={"csrf": other_token,
                                                "previous": str(drafting.last_year)})
    assert carried.status_code == 404


def test_csrf_and_headers(drafting: Drafting):
    wang, token = client_of(drafting.site, "wang")
    draft = draft_id(start(wang, token, "workbook", "wb.xlsx", drafting.workbook))
    for url in ("/save?page=reasons", "/check", "/submit"):
        response = wang.post(f"/admin/drafts/{draft}{url}", data={"csrf": "wrong"})
        assert response.status_code == 403, url
    no_token = wang.post("/admin/drafts", data={"start": "workbook"},
                         files={"file": ("wb.xlsx", drafting.workbook)})
    assert no_token.status_code == 403
    for url in ("", "/reasons", "/texts", "/preview.html"):
        headers = wang.get(f"/admin/drafts/{draft}{url}").headers
        assert headers["cache-control"] == "no-store" and "max-age" in headers[
            "strict-transport-security"], url


def test_last_years_reasons_are_written_in(drafting: Drafting):
    """The reasons the department wrote in its 2024 draft come back, pre-filled, in 2025."""
    with drafting.site.store.transaction() as session:
        department = match(session, DEPT).department_id
        assert department is not None
        create(session, department, 2024, "部门预算", "wang",
               {"start": "workbook", "edits": Edits(reasons={
                   "three_public.reception": "上年：接待任务增加"}).to_data()})
    wang, token = client_of(drafting.site, "wang")
    draft = draft_id(start(wang, token, "workbook", "wb.xlsx", drafting.workbook))
    page = wang.get(f"/admin/drafts/{draft}/reasons").text
    assert "上年说明的原因：上年：接待任务增加" in page
    assert re.search(r'<textarea id="why-\d+" name="reason:three_public.reception" rows="2" '
                     r'maxlength="2000">上年：接待任务增加</textarea>', page)


def test_the_template_left_as_is_names_the_sheet(drafting: Drafting):
    wang, token = client_of(drafting.site, "wang")
    refused = start(wang, token, "workbook", "模板.xlsx", TEMPLATE.read_bytes())
    assert refused.status_code == 400
    assert "模板.xlsx" in refused.text and "工作表“封面”留有模板占位符" in refused.text


def test_a_prior_figure_that_is_not_an_amount(drafting: Drafting):
    wang, token = client_of(drafting.site, "wang")
    draft = draft_id(start(wang, token, "workbook", "wb.xlsx", drafting.workbook))
    bad = {"csrf": token, "prior:income.fiscal": "一千万"}
    saved = wang.post(f"/admin/drafts/{draft}/save?page=reasons", data=bad)
    assert saved.status_code == 400 and "上年数“一千万”不是金额" in saved.text
    assert "财政拨款收入" in saved.text  # the item named
    checked = wang.post(f"/admin/drafts/{draft}/check", data=bad)
    assert checked.status_code == 422 and "不是金额" in checked.json()["error"]
    with drafting.site.store.reading() as session:
        assert session.query(DraftVersion).filter_by(draft_id=draft).count() == 1  # unsaved
    # blank: no comparison for that item, so no reason is asked for it
    wang.post(f"/admin/drafts/{draft}/save?page=reasons",
              data={"csrf": token, "prior:income.fiscal": ""})
    assert 'name="reason:appropriation"' not in wang.get(f"/admin/drafts/{draft}/reasons").text


def test_an_admin_drafts_for_the_department_the_file_names(drafting: Drafting, example,
                                                          tmp_path):
    token = login(drafting.site.client)
    admin = drafting.site.client
    draft = draft_id(start(admin, token, "workbook", "wb.xlsx", drafting.workbook))
    assert DEPT in admin.get(f"/admin/drafts/{draft}").text
    # a department the org tree does not hold: refused by name, unless chosen in the form
    unknown = _workbook(replace(example, department="某区未登记局"), tmp_path / "u.xlsx")
    refused = start(admin, token, "workbook", "u.xlsx", unknown.read_bytes())
    assert refused.status_code == 400 and "组织架构中没有部门“某区未登记局”" in refused.text
    with drafting.site.store.reading() as session:
        other = match(session, OTHER).department_id
    chosen = admin.post("/admin/drafts", data={"csrf": token, "start": "workbook",
                                               "department": str(other)},
                        files={"file": ("wb.xlsx", drafting.workbook)}, follow_redirects=False)
    assert OTHER in admin.get(f"/admin/drafts/{draft_id(chosen)}").text


def test_an_earlier_save_is_shown_beside_the_current_one_and_restored(drafting: Drafting):
    """Each save can be opened: what it said that the current one does not, and a button
    that makes it current again as a new save (nothing since is lost); another department's
    filer gets 404, a submitted draft cannot be taken back."""
    wang, token = client_of(drafting.site, "wang")
    draft = draft_id(start(wang, token, "workbook", "wb.xlsx", drafting.workbook))
    key = "reason:three_public.reception"
    for words in ("接待任务增加", "接待标准调整"):
        saved = wang.post(f"/admin/drafts/{draft}/save?page=reasons",
                          data={"csrf": token, key: words}, follow_redirects=False)
        assert saved.status_code == 303, saved.text
    history = wang.get(f"/admin/drafts/{draft}").text
    assert f'href="/admin/drafts/{draft}/versions/2"' in history and "第 3 次</a>" in history
    page = wang.get(f"/admin/drafts/{draft}/versions/2")
    assert page.status_code == 200
    assert "接待任务增加" in page.text and "接待标准调整" in page.text
    assert "原因：公务接待费" in page.text and "恢复为这次保存的内容" in page.text
    assert "这是当前版本" in wang.get(f"/admin/drafts/{draft}/versions/3").text
    assert wang.get(f"/admin/drafts/{draft}/versions/9").status_code == 404

    other, other_token = client_of(drafting.site, "other")
    assert other.get(f"/admin/drafts/{draft}/versions/2").status_code == 404
    assert other.post(f"/admin/drafts/{draft}/versions/2/restore",
                      data={"csrf": other_token}).status_code == 404
    assert wang.post(f"/admin/drafts/{draft}/versions/2/restore",
                     data={"csrf": "wrong"}).status_code == 403

    back = wang.post(f"/admin/drafts/{draft}/versions/2/restore", data={"csrf": token},
                     follow_redirects=False)
    assert back.status_code == 303
    reasons = wang.get(f"/admin/drafts/{draft}/reasons").text
    assert "接待任务增加" in reasons and "接待标准调整" not in reasons
    with drafting.site.store.reading() as session:
        saves = session.query(DraftVersion).filter_by(draft_id=draft).count()
        logged = [e.detail for e in session.query(AuditEntry).filter_by(action="draft-restore")]
    assert saves == 4  # 1 start, 2 saves, the restore: none deleted
    assert logged == [f"在线编制 草稿{draft} 第4版：恢复为第2次保存的内容"]

    assert wang.post(f"/admin/drafts/{draft}/submit", data={"csrf": token},
                     follow_redirects=False).status_code == 303
    refused = wang.post(f"/admin/drafts/{draft}/versions/1/restore", data={"csrf": token})
    assert refused.status_code == 409 and "已提交审核" in refused.text
