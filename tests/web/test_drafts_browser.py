"""Drafting online in a real browser (Debian's Chromium), as a finance officer does it: start
from the budget workbook, write the reasons and watch the findings update, preview (草稿 on
the page), submit; the reviewer returns it with a comment; the officer fixes and resubmits;
the reviewer waives the warning left, approves and publishes; the public sees it. A filer of
another department reaches none of it (pages and the JSON endpoint answer 404). Every new
page is photographed at 390 and 1280 px and is never wider than its window."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.building.test_workbook import _workbook
from tests.web.conftest import Site, make_site
from tests.web.test_browser import browser, serving
from tests.web.test_drafts import DEPT, people, store_last_year
from tests.web.test_workspace_browser import OVERFLOW, photograph, signed_in
from yusuan.compose import build_disclosure
from yusuan.store.schema import AuditEntry

pytestmark = pytest.mark.browser
__all__ = ["browser"]
EXAMPLE = Path(__file__).parents[2] / "examples" / "shanghai-dept-2025"


@pytest.fixture(scope="module")
def drafting(tmp_path_factory, korla_disclosure) -> Iterator[tuple[str, Site, Path]]:
    folder = tmp_path_factory.mktemp("drafting")
    site = make_site(folder, korla_disclosure)
    people(site)
    example = build_disclosure(EXAMPLE)
    store_last_year(site, example)
    workbook = _workbook(example, folder / "示例局2025年部门预算.xlsx")
    with serving(site) as url:
        yield url, site, workbook
    site.store.close()


def test_draft_review_publish_and_another_department(drafting, browser, tmp_path):
    from playwright.sync_api import expect

    url, site, workbook = drafting
    shots = Path(os.environ.get("YUSUAN_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    filer_context, filer = signed_in(browser, url, "wang")
    filer.click("nav.admin-nav a[href='/admin/drafts']")
    filer.check("input[name=start][value=workbook]")
    filer.set_input_files("form.new-draft input[name=file]", str(workbook))
    filer.click("form.new-draft button[type=submit]")
    expect(filer.locator("main h1")).to_contain_text("草稿")
    draft = filer.url.rsplit("/", 1)[1]
    expect(filer.locator("main")).to_contain_text("15 项尚未填写原因")

    # the reasons: last year's figure shown, findings follow the typing before any save
    filer.click("nav.draft-nav a[href$='/reasons']")
    live = filer.locator("#live-body .live-summary")
    # 5 figures, and the 10 项 the 上海 wording compares with last year's 预算执行数
    expect(live).to_contain_text("警告 15 条")
    items = filer.locator("fieldset.reason-item")
    expect(items).to_have_count(15)
    expect(items.nth(0)).to_contain_text("13,406,530.40")  # 2024, from the stored document
    items.nth(0).locator("textarea").fill("新增信息系统运维项目")
    expect(live).to_contain_text("警告 14 条")
    expect(filer.locator("#live-status")).to_contain_text("尚未保存")
    items.filter(has_text="公务接待费").locator("textarea").fill("接待任务增加")
    items.filter(has_text="公务用车购置及运行费").locator("textarea").fill("车辆更新，购置及运行费增加")
    items.filter(has_text="机关运行经费").locator("textarea").fill("新增办公场所物业费")
    executed = items.filter(has_text="对比上年预算执行数")
    expect(executed).to_have_count(10)
    for n in range(10):
        executed.nth(n).locator("textarea").fill("按本年工作任务安排")
    expect(live).to_contain_text("警告 1 条")
    filer.click("form.reasons-form button[type=submit]")
    expect(filer.locator("main")).to_contain_text("已保存")

    # previews: the 草稿 mark on the page, and a PDF
    filer.goto(f"{url}/admin/drafts/{draft}/preview.html")
    expect(filer.locator(".draft-word")).to_be_visible()
    expect(filer.locator("body")).to_contain_text("新增信息系统运维项目")
    pdf = filer.request.get(f"{url}/admin/drafts/{draft}/preview.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    filer.goto(f"{url}/admin/drafts/{draft}")
    filer.click("button.submit")
    expect(filer.locator("main strong.state")).to_have_text("待审核")
    first = filer.url.rsplit("/", 1)[1]

    reviewer_context, reviewer = signed_in(browser, url, "shen")
    reviewer.click("nav.admin-nav a[href='/admin/queue']")
    reviewer.click(f"a[href='/admin/disclosures/{first}']")
    reviewer.fill("textarea[name=comment]", "公务接待费增加的原因请写具体")
    reviewer.click("button.return")
    expect(reviewer.locator("main strong.state")).to_have_text("已退回")

    filer.goto(f"{url}/admin/drafts/{draft}")
    expect(filer.locator("#return-comment")).to_contain_text("公务接待费增加的原因请写具体")
    filer.click("nav.draft-nav a[href$='/reasons']")
    filer.locator("fieldset.reason-item").filter(has_text="公务接待费").locator("textarea").fill(
        "承接区级交流活动，接待批次增加")
    filer.click("form.reasons-form button[type=submit]")
    expect(filer.locator("main")).to_contain_text("已保存")
    # the first save beside the current one (the reason since rewritten), photographed
    photograph(browser, url, "wang", [f"/admin/drafts/{draft}/versions/2"], shots)
    filer.goto(f"{url}/admin/drafts/{draft}/versions/2")
    expect(filer.locator("table.versions")).to_contain_text("承接区级交流活动，接待批次增加")
    filer.goto(f"{url}/admin/drafts/{draft}")
    filer.click("button.submit")
    expect(filer.locator("main strong.state")).to_have_text("待审核")
    second = filer.url.rsplit("/", 1)[1]
    assert second != first

    reviewer.goto(f"{url}/admin/queue")
    reviewer.click(f"a[href='/admin/disclosures/{second}']")
    warning = reviewer.locator("article.finding.warning")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text("公务用车运行费")
    warning.locator("input[name=reason]").fill("公务用车运行费按定额标准调整，已核实")
    warning.locator("button").click()
    expect(reviewer.locator("article.finding.warning")).to_contain_text("已豁免")
    reviewer.click("button.approve")
    reviewer.click("a.publish")
    reviewer.click("button.publish")
    expect(reviewer.locator("main strong.state")).to_have_text("已公开")

    public = browser.new_context(viewport={"width": 390, "height": 800}).new_page()
    public.goto(f"{url}/disclosures/{second}")
    expect(public.locator("main")).to_contain_text("承接区级交流活动，接待批次增加")
    public.screenshot(path=str(shots / "public-draft-390.png"), full_page=True)
    assert public.evaluate(OVERFLOW) <= 0

    other_context, other = signed_in(browser, url, "other")
    for path in ("", "/reasons", "/texts", "/preview.html", "/preview.pdf"):
        assert other.request.get(f"{url}/admin/drafts/{draft}{path}").status == 404, path
    other.goto(f"{url}/admin/drafts")
    assert DEPT not in other.inner_text("main")
    token = other.locator("input[name=csrf]").first.get_attribute("value")
    for path in ("/check", "/save?page=reasons", "/submit"):
        answer = other.request.post(f"{url}/admin/drafts/{draft}{path}",
                                    form={"csrf": token or "", "reason:appropriation": "x"})
        assert answer.status == 404, path
    assert other.request.get(f"{url}/admin/disclosures/{first}").status == 404
    for context in (filer_context, reviewer_context, other_context, public.context):
        context.close()
    with site.store.reading() as session:
        actions = [a.action for a in session.query(AuditEntry).filter_by(username="wang")]
    assert [a for a in actions if a.startswith(("draft", "submit"))] == [
        "draft-create", "draft-save", "submit", "draft-save", "submit"]

    pages = ["/admin/drafts", f"/admin/drafts/{draft}", f"/admin/drafts/{draft}/reasons",
             f"/admin/drafts/{draft}/texts", f"/admin/drafts/{draft}/preview.html"]
    photograph(browser, url, "wang", pages, shots)
    photograph(browser, url, "shen", ["/admin/org"], shots, "-users")
