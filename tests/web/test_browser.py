"""The portal in a real browser: Debian's Chromium driven by Playwright, uvicorn on loopback."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.store.factories import json_bytes, variant
from tests.web.conftest import ADMIN, DRAFT_DEPARTMENT, PASSWORD, Site, make_site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(site: Site) -> Iterator[str]:
    """``site`` served by uvicorn on a free loopback port, for the duration."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(site.client.app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def live(tmp_path_factory, korla_disclosure) -> Iterator[tuple[str, Site]]:
    site = make_site(tmp_path_factory.mktemp("live"), korla_disclosure)
    with serving(site) as url:
        yield url, site
    site.store.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


PAINTED_PIXELS = """(el) => {
  const canvas = el.querySelector('canvas');
  if (!canvas) return 0;
  const ctx = canvas.getContext('2d');
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
  return painted;
}"""


def test_the_disclosure_page_shows_its_tables_and_draws_its_charts(live, page):
    url, site = live
    page.goto(f"{url}/disclosures/{site.published}")
    assert page.locator("section.budget-table[data-table]").count() == 11
    assert page.locator("#table-gpb table.grid").is_visible()
    chart = page.locator("#chart-functional")
    chart.locator("canvas").wait_for()
    page.wait_for_function("document.querySelector('#chart-functional').dataset.drawn === '1'")
    assert chart.evaluate(PAINTED_PIXELS) > 2000
    data_url_length = chart.evaluate("el => el.querySelector('canvas').toDataURL().length")
    blank = page.evaluate("""() => { const c = document.createElement('canvas');
        const s = document.querySelector('#chart-functional canvas'); c.width = s.width;
        c.height = s.height; return c.toDataURL().length; }""")
    assert data_url_length > blank * 3
    assert page.locator(".chart canvas").count() >= 4


def test_search_finds_a_department(live, page):
    url, _site = live
    page.goto(url)
    page.fill("header.site input[name=q]", "人民政府")
    page.click("header.site form.search button")
    page.wait_for_url("**/search?q=*")
    page.click("text=库尔勒市人民政府办公室")
    assert page.locator("h1").first.inner_text().startswith("库尔勒市人民政府办公室")


def test_the_admin_uploads_reviews_and_publishes(live, page, korla_disclosure, tmp_path):
    from playwright.sync_api import expect

    url, _site = live
    upload = tmp_path / "浏览器上传局.json"
    upload.write_bytes(json_bytes(variant(korla_disclosure, department="浏览器上传局")))
    page.goto(f"{url}/admin")
    page.fill("input[name=username]", ADMIN)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/admin/login'] button")
    page.wait_for_url(f"{url}/admin")
    page.click("nav.admin-nav a[href='/admin/upload']")
    page.set_input_files("input[type=file]", str(upload))
    page.click("form[action='/admin/upload'] button")
    expect(page.locator("section.results")).to_contain_text("已导入", timeout=60_000)
    page.click("section.results a:has-text('浏览器上传局2024年部门预算公开')")
    page.wait_for_url("**/admin/disclosures/*")
    expect(page.locator("main")).to_contain_text("草稿")
    public_url = page.url.replace("/admin", "")
    assert page.request.get(public_url).status == 404  # not public before publishing
    page.click("a.publish")
    expect(page.locator("main")).to_contain_text("发布后，公众将看到")
    page.click("button.publish")
    expect(page.locator("main strong.state")).to_have_text("已公开")
    page.goto(public_url)
    assert page.locator("h1").first.inner_text().startswith("浏览器上传局")


def test_an_unpublished_disclosure_is_invisible_to_the_public(live, page):
    url, site = live
    response = page.goto(f"{url}/disclosures/{site.draft}")
    assert response is not None and response.status == 404
    assert "页面不存在" in page.inner_text("main")
    page.goto(url)
    assert DRAFT_DEPARTMENT not in page.inner_text("body")


def test_tables_scroll_sideways_on_a_phone(live, browser):
    url, site = live
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{url}/disclosures/{site.published}")
    widths = phone.evaluate("""() => [document.documentElement.scrollWidth,
        document.querySelector('#table-gpb').closest('.table-scroll').scrollWidth,
        document.querySelector('#table-gpb').closest('.table-scroll').clientWidth]""")
    context.close()
    page_width, table_width, box_width = widths
    assert page_width <= 380  # the page itself does not scroll sideways
    assert table_width > box_width  # the table does, inside its box
