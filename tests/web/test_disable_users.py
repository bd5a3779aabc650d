"""Disabling users: ``yusuan user disable NAME`` and the admin page; a disabled user's
sessions end at once (a cookie issued before is anonymous), it cannot log in, it is enabled
again the same ways; every change in the audit log; an admin cannot disable itself."""

from __future__ import annotations

from typer.testing import CliRunner

from tests.web.conftest import ADMIN, PASSWORD, csrf_of, login
from tests.web.test_workspace import client_of
from yusuan.cli.main import app
from yusuan.store.schema import AuditEntry
from yusuan.store.users import set_user

runner = CliRunner()


def test_disable_from_the_command_line_ends_sessions_at_once(site):
    with site.store.transaction() as session:
        set_user(session, "shen", PASSWORD, "reviewer")
    shen, _ = client_of(site, "shen")
    assert shen.get("/admin/queue").status_code == 200
    result = runner.invoke(app, ["user", "disable", "shen", "--db", site.store.url])
    assert result.exit_code == 0, result.output
    assert "已停用用户“shen”" in result.output
    after = shen.get("/admin/queue", follow_redirects=False)
    assert after.status_code == 303 and after.headers["location"] == "/admin/login"
    token = csrf_of(shen.get("/admin/login").text)
    refused = shen.post("/admin/login", data={"username": "shen", "password": PASSWORD,
                                              "csrf": token})
    assert refused.status_code == 401
    assert runner.invoke(app, ["user", "enable", "shen", "--db", site.store.url]).exit_code == 0
    client_of(site, "shen")  # logs in again
    with site.store.reading() as session:
        actions = [a.action for a in session.query(AuditEntry).filter_by(username="yusuan user")]
    assert actions == ["user-disable", "user-enable"]
    unknown = runner.invoke(app, ["user", "disable", "nobody", "--db", site.store.url])
    assert unknown.exit_code == 2 and "没有用户“nobody”" in unknown.output


def test_disable_in_the_admin_page(site):
    with site.store.transaction() as session:
        set_user(session, "shen", PASSWORD, "reviewer")
    shen, _ = client_of(site, "shen")
    token = login(site.client)
    page = site.client.get("/admin/org").text
    assert 'action="/admin/org/users/shen/disable"' in page
    assert f'action="/admin/org/users/{ADMIN}/disable"' not in page  # not oneself
    response = site.client.post("/admin/org/users/shen/disable", data={"csrf": token},
                                follow_redirects=False)
    assert response.status_code == 303
    assert "已停用" in site.client.get("/admin/org").text
    assert shen.get("/admin", follow_redirects=False).status_code == 303
    assert site.client.post("/admin/org/users/shen/disable",
                            data={"csrf": "wrong"}).status_code == 403
    own = site.client.post(f"/admin/org/users/{ADMIN}/disable", data={"csrf": token})
    assert own.status_code == 400 and "不能停用自己的账户" in own.text
    audit = site.client.get("/admin/audit").text
    assert "停用用户“shen”" in audit
    # a reviewer may not disable anyone
    with site.store.transaction() as session:
        set_user(session, "li", PASSWORD, "reviewer")
    li, li_token = client_of(site, "li")
    assert li.post("/admin/org/users/shen/enable", data={"csrf": li_token}).status_code == 403
