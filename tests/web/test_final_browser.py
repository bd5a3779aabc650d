"""The department page with 决算 in a real browser (Debian's Chromium through Playwright): the
series sets each 决算 after its year's 预算 with its completion rate, the 预算/决算 labels show,
and neither a phone nor a desktop window scrolls sideways (the wide table does, in its box)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.checks.final_document import EXAMPLE, EXAMPLE_2023, budget_disclosure
from tests.store.factories import document
from tests.web.conftest import Site
from tests.web.test_browser import ARGS, CHROMIUM, serving
from yusuan.compose import build_disclosure
from yusuan.store import open_store
from yusuan.store import repository as repo
from yusuan.web.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_series(tmp_path_factory) -> Iterator[tuple[str, int]]:
    store = open_store(str(tmp_path_factory.mktemp("series") / "portal.db"))
    docs = (build_disclosure(EXAMPLE_2023), budget_disclosure(), build_disclosure(EXAMPLE))
    with store.transaction() as session:
        for d in docs:
            stored = repo.store_document(session, document(d)).disclosure_id
            repo.set_state(session, stored, "published", "setup")
        dept = repo.department_id(session, "某区示例局")
    site = Site(store, TestClient(create_app(store, secret_key="test-secret")), 0, 0)
    with serving(site) as url:
        yield url, dept
    store.close()


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_department_page_with_final_accounts(live_series, chromium, width: int,
                                                 tmp_path: Path) -> None:
    url, dept = live_series
    context = chromium.new_context(viewport={"width": width, "height": 900},
                                   is_mobile=width < 500)
    page = context.new_page()
    page.goto(f"{url}/departments/{dept}")
    rows = page.locator("table.series tbody tr").all_inner_texts()
    labels = page.locator("table.series span.kind").all_inner_texts()
    widths = page.evaluate("""() => [document.documentElement.scrollWidth,
        document.querySelector('table.series').closest('.table-scroll').clientWidth]""")
    page.screenshot(path=str(tmp_path / f"department-{width}.png"), full_page=True)
    context.close()
    assert labels == ["决算", "预算", "决算"]
    assert rows[0].startswith("2023") and rows[2].startswith("2024") and "118.00%" in rows[2]
    assert widths[0] <= width and widths[1] <= width
