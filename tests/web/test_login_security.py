"""The workspace's doors: lockout after repeated wrong passwords, a per-address throttle,
sessions that end on the server at logout, and headers that keep workspace pages out of
caches and on HTTPS."""

from __future__ import annotations

from tests.web.conftest import ADMIN, PASSWORD, csrf_of, login, make_site
from yusuan.store.users import LOCK_AFTER


def _try(client, password: str):
    token = csrf_of(client.get("/admin/login").text)
    return client.post("/admin/login", data={"username": ADMIN, "password": password,
                                             "csrf": token}, follow_redirects=False)


def test_a_user_is_locked_after_repeated_failures_even_with_the_right_password(
        tmp_path, korla_disclosure) -> None:
    site = make_site(tmp_path, korla_disclosure)
    for _ in range(LOCK_AFTER):
        assert _try(site.client, "wrong-password-x").status_code == 401
    locked = _try(site.client, PASSWORD)
    assert locked.status_code == 429 and "临时锁定" in locked.text
    audit = login_blocked_audit(site)
    assert "login-locked" in audit
    site.store.close()


def login_blocked_audit(site) -> list[str]:
    from yusuan.store import repository as repo

    with site.store.reading() as session:
        return [e.action for e in repo.audit_log(session)]


def test_one_address_trying_many_names_is_throttled(tmp_path, korla_disclosure) -> None:
    site = make_site(tmp_path, korla_disclosure)
    portal = site.client.app.state.portal
    portal.throttle.limit = 3
    for name in ("a1", "a2", "a3"):
        token = csrf_of(site.client.get("/admin/login").text)
        site.client.post("/admin/login", data={"username": name, "password": "nope-nope-1",
                                               "csrf": token})
    assert _try(site.client, PASSWORD).status_code == 429
    site.store.close()


def test_a_cookie_copied_before_logout_no_longer_works(tmp_path, korla_disclosure) -> None:
    site = make_site(tmp_path, korla_disclosure)
    csrf = login(site.client)
    copied = site.client.cookies.get("yusuan_session")
    assert site.client.get("/admin", follow_redirects=False).status_code == 200
    site.client.post("/admin/logout", data={"csrf": csrf}, follow_redirects=False)
    site.client.cookies.set("yusuan_session", copied)
    after = site.client.get("/admin", follow_redirects=False)
    assert after.status_code == 303 and after.headers["location"] == "/admin/login"
    site.store.close()


def test_workspace_pages_are_not_cached_and_ask_for_https(tmp_path, korla_disclosure) -> None:
    site = make_site(tmp_path, korla_disclosure)
    page = site.client.get("/admin/login")
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["strict-transport-security"].startswith("max-age=")
    public = site.client.get("/")
    assert "strict-transport-security" not in public.headers
    site.store.close()
