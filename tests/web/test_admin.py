"""Admin: login, CSRF on every POST, upload limits, review, publish, withdraw, audit log."""

from __future__ import annotations

from tests.store.factories import json_bytes, variant
from tests.web.conftest import ADMIN, DRAFT_DEPARTMENT, csrf_of, login, make_site


def test_admin_pages_need_a_login(site):
    for url in ("/admin", "/admin/upload", "/admin/audit", f"/admin/disclosures/{site.draft}",
                f"/admin/disclosures/{site.draft}/preview"):
        response = site.client.get(url, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/admin/login"


def test_a_wrong_password_is_refused_and_logged(site):
    token = csrf_of(site.client.get("/admin/login").text)
    response = site.client.post("/admin/login", data={"username": ADMIN, "password": "wrong",
                                                      "csrf": token})
    assert response.status_code == 401 and "用户名或密码错误" in response.text
    assert site.client.get("/admin", follow_redirects=False).status_code == 303
    login(site.client)
    assert "登录失败" in site.client.get("/admin/audit").text


def test_posts_without_the_csrf_token_are_refused(site):
    assert site.client.post("/admin/login", data={"username": ADMIN, "password": "x"}
                            ).status_code == 403
    token = login(site.client)
    url = f"/admin/disclosures/{site.draft}/publish"
    assert site.client.post(url, data={}).status_code == 403
    assert site.client.post(url, data={"csrf": token + "x"}).status_code == 403
    assert "CSRF" in site.client.post(url, data={"csrf": "forged"}).text
    assert site.client.get(f"/disclosures/{site.draft}").status_code == 404  # still a draft


def test_a_signed_cookie_cannot_be_forged(site):
    site.client.cookies.set("yusuan_session", "eyJ1c2VyIjoiYWRtaW4ifQ.forged.sig")
    assert site.client.get("/admin", follow_redirects=False).status_code == 303


def test_review_publish_withdraw_and_the_audit_log(site):
    token = login(site.client)
    review = site.client.get(f"/admin/disclosures/{site.draft}")
    assert DRAFT_DEPARTMENT in review.text and "草稿" in review.text
    assert site.client.get(f"/admin/disclosures/{site.draft}/preview").status_code == 200
    one_click = site.client.post(f"/admin/disclosures/{site.draft}/publish",
                                 data={"csrf": token}, follow_redirects=False)
    assert one_click.headers["location"] == f"/admin/disclosures/{site.draft}/publish"
    assert site.client.get(f"/disclosures/{site.draft}").status_code == 404  # not yet
    confirm = site.client.get(f"/admin/disclosures/{site.draft}/publish")
    assert "确认发布" in confirm.text and "不包括检查结果" in confirm.text
    published = site.client.post(f"/admin/disclosures/{site.draft}/publish",
                                 data={"csrf": token, "confirmed": "1"})
    assert published.status_code == 200 and "已公开" in published.text
    assert site.client.get(f"/disclosures/{site.draft}").status_code == 200
    assert DRAFT_DEPARTMENT in site.client.get("/").text
    refused = site.client.post(f"/admin/disclosures/{site.draft}/withdraw",
                               data={"csrf": token})
    assert refused.status_code == 409 and "请填写撤回理由" in refused.text
    assert site.client.get(f"/disclosures/{site.draft}").status_code == 200
    site.client.post(f"/admin/disclosures/{site.draft}/withdraw",
                     data={"csrf": token, "reason": "数字有误，将上传更正版"})
    assert site.client.get(f"/disclosures/{site.draft}").status_code == 404
    assert DRAFT_DEPARTMENT not in site.client.get("/api/v1/disclosures").text
    audit = site.client.get("/admin/audit").text
    assert audit.count(f"<td>{ADMIN}</td><td>发布</td>") == 1
    assert audit.count(f"<td>{ADMIN}</td><td>撤回</td>") == 1
    assert "数字有误，将上传更正版" in audit
    assert site.client.post(f"/admin/disclosures/{site.draft}/delete",
                            data={"csrf": token}).status_code == 404


def test_upload_parse_check_then_publish(site, korla_disclosure):
    token = login(site.client)
    data = json_bytes(variant(korla_disclosure, department="上传测试局"))
    response = site.client.post("/admin/upload", data={"csrf": token}, files=[
        ("files", ("上传测试局.json", data, "application/json")),
        ("files", ("notes.exe", b"MZ", "application/octet-stream")),
    ])
    assert response.status_code == 200
    assert "已导入：" in response.text and "上传测试局2024年部门预算公开" in response.text
    assert "失败：notes.exe：不支持的文件类型" in response.text
    assert "上传测试局" not in site.client.get("/").text  # a draft until published
    again = site.client.post("/admin/upload", data={"csrf": token},
                             files=[("files", ("again.json", data, "application/json"))])
    assert "未变化：" in again.text


def test_upload_without_login_or_token_is_refused(site, korla_disclosure):
    data = json_bytes(korla_disclosure)
    anonymous = site.client.post("/admin/upload", data={"csrf": "x"},
                                 files=[("files", ("a.json", data, "application/json"))])
    assert anonymous.status_code == 403
    login(site.client)
    no_token = site.client.post("/admin/upload",
                                files=[("files", ("a.json", data, "application/json"))])
    assert no_token.status_code == 403


def test_upload_size_limit(tmp_path, korla_disclosure):
    small = make_site(tmp_path, korla_disclosure, max_upload=2000)
    token = login(small.client)
    big = json_bytes(korla_disclosure)
    assert len(big) > 2000
    response = small.client.post("/admin/upload", data={"csrf": token},
                                 files=[("files", ("big.json", big, "application/json"))])
    assert response.status_code == 400 and "超过" in response.text
    huge = small.client.post("/admin/upload", data={"csrf": token}, files=[
        ("files", (f"f{i}.json", big, "application/json")) for i in range(30)])
    assert huge.status_code == 413 and "文件过大" in huge.text
    small.store.close()


def test_unusable_upload_is_reported(site):
    token = login(site.client)
    response = site.client.post("/admin/upload", data={"csrf": token},
                                files=[("files", ("broken.json", b"{", "application/json"))])
    assert response.status_code == 400
    assert "失败：broken.json" in response.text and "无法读取 Disclosure JSON" in response.text


def test_logout(site):
    token = login(site.client)
    response = site.client.post("/admin/logout", data={"csrf": token}, follow_redirects=False)
    assert response.status_code == 303
    assert site.client.get("/admin", follow_redirects=False).status_code == 303
