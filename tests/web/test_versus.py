"""The department page sets a year's 部门预算 and 部门决算 side by side: per 类 of the
一般公共预算 and per “三公” item, 年初预算数, 决算数 and the completion rate."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.checks.final_document import EXAMPLE, budget_disclosure
from tests.store.factories import document
from yusuan.compose import build_disclosure
from yusuan.store import open_store
from yusuan.store import repository as repo
from yusuan.web.app import create_app
from yusuan.web.versus import department_versus


def test_budget_and_final_accounts_side_by_side(tmp_path: Path) -> None:
    final, budget = build_disclosure(EXAMPLE), budget_disclosure()
    store = open_store(str(tmp_path / "portal.db"))
    with store.transaction() as session:
        ids = [repo.store_document(session, document(d)).disclosure_id for d in (budget, final)]
        for i in ids:
            repo.set_state(session, i, "published", "setup")
        dept = repo.department_id(session, final.department)
    client = TestClient(create_app(store, secret_key="test-secret"))
    page = client.get(f"/departments/{dept}")
    store.close()
    assert page.status_code == 200
    html = page.text
    assert "2024 年预算与决算对照（万元）" in html
    # 201: 年初预算 1,000.00 (budget), 决算 1,080.00 (final) → 108.00%; 三公 100 → 90: 90.00%
    assert "201 一般公共服务支出" in html and "108.00%" in html and "90.00%" in html
    assert "差异的主要原因（决算说明）：年中追加社会保障补助项目及专项工作经费" in html
    assert "严格控制因公出国（境）活动，压减出国团组" in html


def test_only_a_year_with_both_kinds_is_compared() -> None:
    final, budget = build_disclosure(EXAMPLE), budget_disclosure()
    both = department_versus([(1, budget), (2, final)])
    assert [(v.year, v.budget_id, v.final_id) for v in both] == [(2024, 1, 2)]
    rows = {r.code: (r.budget, r.actual, r.rate) for r in both[0].classes}
    assert rows["201"] == (10000000, 10800000, 108)
    assert rows["208"][0] is None and rows["208"][2] is None  # no budget: no rate
    assert department_versus([(2, final)]) == []
