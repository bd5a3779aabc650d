"""The workspace in a real browser (Debian's Chromium): a reviewer returns a document with a
comment, the filer sees it; the reviewer waives a warning, is refused publication while an
error remains, waives it with a reason, approves and publishes; a filer of another
department sees none of it. The new pages are photographed at 390 and 1280 px and must not
be wider than the window."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.factories import document, variant
from tests.web.conftest import ADMIN, DRAFT_DEPARTMENT, PASSWORD, Site, make_site
from tests.web.test_browser import browser, serving
from tests.web.test_workspace import ERROR, WARNING
from yusuan.store import repository as repo
from yusuan.store.pending import hold
from yusuan.store.users import set_user

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the module's Chromium, shared with test_browser
WIDTHS = (390, 1280)
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, korla_disclosure) -> Iterator[tuple[str, Site, int]]:
    site = make_site(tmp_path_factory.mktemp("workspace"), korla_disclosure)
    with site.store.transaction() as session:
        doc = repo.store_document(session, document(korla_disclosure, (ERROR, WARNING),
                                                    salt="v2")).disclosure_id
        set_user(session, "shen", PASSWORD, "reviewer")
        set_user(session, "tian", PASSWORD, "filer", korla_disclosure.department)
        set_user(session, "other", PASSWORD, "filer", DRAFT_DEPARTMENT)
        held = variant(korla_disclosure, department=korla_disclosure.department + "综合服务中心")
        hold(session, document(held), ADMIN)
    with serving(site) as url:
        yield url, site, doc
    site.store.close()


def signed_in(browser, url: str, user: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/admin/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/admin/login'] button")
    page.wait_for_url(f"{url}/admin")
    return context, page


def photograph(browser, url: str, user: str, paths: list[str], folder: Path,
               tag: str = "") -> None:
    """Each page at each width: saved, and never wider than the window (no clipping)."""
    for width in WIDTHS:
        context, page = signed_in(browser, url, user, width)
        for path in paths:
            page.goto(f"{url}{path}")
            name = (path.strip("/").replace("/", "-") or "admin") + tag
            page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
            assert page.evaluate(OVERFLOW) <= 0, (path, width)
        context.close()


def test_return_waive_refuse_publish_and_another_department(workspace, browser, tmp_path):
    from playwright.sync_api import expect

    url, site, doc = workspace
    shots = Path(os.environ.get("YUSUAN_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    review = f"{url}/admin/disclosures/{doc}"
    filer_context, filer = signed_in(browser, url, "tian")
    filer.goto(review)
    filer.click("button.submit")
    expect(filer.locator("main strong.state")).to_have_text("待审核")

    reviewer_context, reviewer = signed_in(browser, url, "shen")
    reviewer.click("nav.admin-nav a[href='/admin/queue']")
    reviewer.click(f"a[href='/admin/disclosures/{doc}']")
    reviewer.fill("textarea[name=comment]", "请补充支出增减变化的原因")
    reviewer.click("button.return")
    expect(reviewer.locator("main strong.state")).to_have_text("已退回")

    filer.goto(review)
    expect(filer.locator("#return-comment")).to_contain_text("请补充支出增减变化的原因")
    filer.click("button.submit")

    reviewer.goto(review)
    warning = reviewer.locator("article.finding.warning")
    warning.locator("input[name=reason]").fill("原因已在情况说明中写明")
    warning.locator("button").click()
    expect(reviewer.locator("article.finding.warning")).to_contain_text("已豁免")
    photograph(browser, url, "shen", [f"/admin/disclosures/{doc}"], shots, "-reviewing")
    reviewer.click("button.approve")
    reviewer.click("a.publish")
    expect(reviewer.locator("main p.error")).to_contain_text("不能发布")
    assert reviewer.locator("button.publish").count() == 0
    photograph(browser, url, "shen", [f"/admin/disclosures/{doc}/publish"], shots)
    assert reviewer.request.get(f"{url}/disclosures/{doc}").status == 404

    reviewer.goto(review)
    error = reviewer.locator("article.finding.error")
    error.locator("input[name=reason]").fill("合计按原件印刷，已与财政局核实")
    error.locator("button").click()
    reviewer.click("a.publish")
    expect(reviewer.locator("main")).to_contain_text("发布后，公众将看到")
    reviewer.click("button.publish")
    expect(reviewer.locator("main strong.state")).to_have_text("已公开")
    reviewer.goto(f"{url}/admin/audit")
    expect(reviewer.locator("main")).to_contain_text("合计按原件印刷，已与财政局核实")
    assert reviewer.request.get(f"{url}/disclosures/{doc}").status == 200

    other_context, other = signed_in(browser, url, "other")
    assert site.published and other.goto(review).status == 404
    other.goto(f"{url}/admin")
    assert "库尔勒" not in other.inner_text("main")
    for context in (filer_context, reviewer_context, other_context):
        context.close()
    photograph(browser, url, "shen", ["/admin", "/admin/queue", f"/admin/disclosures/{doc}"],
               shots)
    photograph(browser, url, ADMIN, ["/admin/org", "/admin/org/pending"], shots)
    photograph(browser, url, "tian", [f"/admin/disclosures/{doc}"], shots, "-filer")
