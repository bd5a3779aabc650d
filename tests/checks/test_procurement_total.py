"""江苏 公开12表 政府采购支出预算表: 合计 = Σ 采购品目大类 (A21). A wrong 合计 was not caught
by any rule (the generalisation harness injected one); the corpus tables add up."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from tests.checks.helpers import findings_of, map_table
from tests.conftest import EXAMPLES
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import Table

RULE = "procurement.total-eq-categories"


def test_the_total_of_the_categories_holds_in_the_example() -> None:
    assert findings_of(build_disclosure(EXAMPLES / "jiangsu-dept-2019"), RULE) == []


def test_a_total_off_by_a_figure_is_an_error_at_the_total() -> None:
    def spoil(t: Table) -> Table:
        return dataclasses.replace(t, rows=tuple(
            dataclasses.replace(r, values={"total": r.values["total"] + 100})
            if r.kind == "total" else r for r in t.rows))

    d = map_table(build_disclosure(EXAMPLES / "jiangsu-dept-2019"), "procurement", spoil)
    [finding] = findings_of(d, RULE)
    assert finding.severity == "error" and finding.location.table == "procurement"
    assert (finding.expected, finding.actual) == (Decimal("601.40"), Decimal("701.40"))
