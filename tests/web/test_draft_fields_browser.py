"""Part 1 and the projects drafted in a real browser (Debian's Chromium): the lists are edited
as rows — added and taken out with the keyboard, in the page with JavaScript and through the
server without it, nothing else typed lost either way; a bad weight is refused beside its
field; what is saved is in the preview. The page is photographed at 390 and 1280 px and is
never wider than its window."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import PASSWORD, Site, make_site
from tests.web.test_browser import browser, serving
from tests.web.test_drafts import EXAMPLE, folder_zip, people, store_last_year
from tests.web.test_workspace_browser import OVERFLOW, WIDTHS, photograph, signed_in
from yusuan.compose import build_disclosure

pytestmark = pytest.mark.browser
__all__ = ["browser"]
TASKS = "fieldset#list-tasks"
INDICATORS = "fieldset#list-indicators-1"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory, korla_disclosure, browser) -> Iterator[tuple[str, Site, str]]:
    """A filer's draft from the example's source folder (ZIP), started in the browser."""
    folder = tmp_path_factory.mktemp("fields")
    site = make_site(folder, korla_disclosure)
    people(site)
    store_last_year(site, build_disclosure(EXAMPLE))
    source = folder / "示例局2025.zip"
    source.write_bytes(folder_zip(EXAMPLE))
    with serving(site) as url:
        context, page = signed_in(browser, url, "wang")
        page.goto(f"{url}/admin/drafts")
        page.check("input[name=start][value=folder]")
        page.set_input_files("form.new-draft input[name=file]", str(source))
        page.click("form.new-draft button[type=submit]")
        page.wait_for_url(f"{url}/admin/drafts/*")
        draft = page.url.rsplit("/", 1)[1]
        context.close()
        yield url, site, draft
    site.store.close()


def _shots() -> Path:
    return Path(os.environ.get("YUSUAN_SCREENSHOTS", "/tmp/yusuan-shots"))


def test_rows_added_and_removed_with_the_keyboard_and_saved(drafted, browser):
    from playwright.sync_api import expect

    url, _, draft = drafted
    context, page = signed_in(browser, url, "wang")
    page.goto(f"{url}/admin/drafts/{draft}/texts")
    page.fill("#project-1-summary", "保障政务系统稳定运行（未保存时不应丢失）。")
    rows = page.locator(f"{TASKS} ol.row-list > li")
    expect(rows).to_have_count(0)
    for words in ("推进信息化建设。", "完成年度考核。", "开展业务培训。"):
        page.locator(f"{TASKS} button.row-add").focus()
        page.keyboard.press("Enter")  # the new row's field takes the focus
        page.keyboard.type(words)
    expect(rows).to_have_count(3)
    # the second row taken out by keyboard: focus moves to the row after it
    rows.nth(1).locator("button.row-remove").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(2)
    assert page.evaluate("document.activeElement.value") == "开展业务培训。"
    expect(rows.nth(1).locator("button.row-remove")).to_have_attribute(
        "aria-label", "删除主要工作任务及目标第 2 段")
    expect(page.locator("#project-1-summary")).to_have_value(
        "保障政务系统稳定运行（未保存时不应丢失）。")
    expect(page.locator("#live-status")).to_contain_text("尚未保存")
    # a placeholder typed: marked beside its field as the filer types, before any save
    first = rows.nth(0).locator("textarea")
    first.fill("全年完成XX项工作。")
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(rows.nth(0).locator(".field-error")).to_contain_text("留有模板占位符“XX”")
    first.fill("推进信息化建设。")
    expect(rows.nth(0).locator(".field-error")).to_have_count(0)
    expect(first).not_to_have_attribute("aria-invalid", "true")
    # a performance-target row added, its weight mistyped
    indicators = page.locator(f"{INDICATORS} ol.row-list > li")
    before = indicators.count()
    page.locator(f"{INDICATORS} button.row-add").click()
    new = indicators.nth(before)
    for field, value in (("level1", "产出指标"), ("level2", "时效指标"), ("level3", "故障响应时间"),
                         ("value", "<=2小时"), ("weight", "二十")):
        new.locator(f"input[name$=':{field}']").fill(value)
    page.click("form.texts-form p > button[type=submit]")
    error = page.locator(f"{INDICATORS} .field-error")
    expect(error).to_contain_text(f"绩效指标第{before + 1}行：分值权重“二十”应为数字")
    expect(page.locator(f"{INDICATORS} input[aria-invalid=true]")).to_have_value("二十")
    expect(page.locator("#project-1-summary")).to_have_value(
        "保障政务系统稳定运行（未保存时不应丢失）。")  # nothing lost by the refusal
    shots = _shots()
    shots.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(shots / f"draft-texts-error-{width}.png"), full_page=True)
        assert page.evaluate(OVERFLOW) <= 0, width
    page.locator(f"{INDICATORS} input[aria-invalid=true]").fill("20")
    page.click("form.texts-form p > button[type=submit]")
    expect(page.locator("main")).to_contain_text("已保存")

    page.goto(f"{url}/admin/drafts/{draft}/texts")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("textarea")).to_have_value("推进信息化建设。")
    expect(rows.nth(1).locator("textarea")).to_have_value("开展业务培训。")
    expect(indicators.nth(before).locator("input[name$=':level3']")).to_have_value("故障响应时间")
    page.goto(f"{url}/admin/drafts/{draft}/preview.html")
    body = page.locator("body")
    for words in ("开展业务培训。", "保障政务系统稳定运行（未保存时不应丢失）。", "故障响应时间"):
        expect(body).to_contain_text(words)
    expect(body).not_to_contain_text("完成年度考核。")
    context.close()
    photograph(browser, url, "wang", [f"/admin/drafts/{draft}/texts", f"/admin/drafts/{draft}/other"],
               shots, "-fields")


def test_rows_without_javascript(drafted, browser):
    from playwright.sync_api import expect

    url, _, draft = drafted
    context = browser.new_context(viewport={"width": 390, "height": 900},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}/admin/login")
    page.fill("input[name=username]", "wang")
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/admin/login'] button")
    page.wait_for_url(f"{url}/admin")
    page.goto(f"{url}/admin/drafts/{draft}/texts")
    basis = page.locator("fieldset#list-basis ol.row-list > li")
    expect(basis).to_have_count(0)
    page.fill("#project-2-summary", "委托第三方评审（无脚本，未保存）。")
    page.click("fieldset#list-basis button.row-add")  # the server redraws the form
    expect(basis).to_have_count(1)
    assert page.evaluate("document.activeElement.name") == "row:basis:text"  # autofocus
    page.keyboard.type("《预算法》及其实施条例。")
    page.click("fieldset#list-basis button.row-add")
    basis.nth(1).locator("textarea").fill("区财政局关于编制2025年预算的通知。")
    page.click("fieldset#list-basis button.row-add")
    expect(basis).to_have_count(3)
    basis.nth(2).locator("button.row-remove").click()  # the blank one
    expect(basis).to_have_count(2)
    expect(page.locator("#project-2-summary")).to_have_value("委托第三方评审（无脚本，未保存）。")
    expect(basis.nth(1).locator("textarea")).to_have_value("区财政局关于编制2025年预算的通知。")
    page.click("form.texts-form p > button[type=submit]")
    expect(page.locator("main")).to_contain_text("已保存")
    page.goto(f"{url}/admin/drafts/{draft}/texts")
    expect(basis).to_have_count(2)
    expect(page.locator("#project-2-summary")).to_have_value("委托第三方评审（无脚本，未保存）。")
    context.close()
