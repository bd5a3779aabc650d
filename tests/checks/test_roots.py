"""One finding per root cause (docs/rules.md): a wrong cell and its consequences on its parent
款 and on the same row of linked tables are one finding, the root at the most specific place,
the others listed (``also``, ``also_at`` in JSON)."""

from __future__ import annotations

import json

from tests.checks.helpers import D, set_cell
from yusuan.checks.roots import root_causes
from yusuan.checks.run import check_disclosure, findings_to_json
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding, Location


def errors(d: Disclosure) -> list[Finding]:
    return [f for f in check_disclosure(d) if f.severity == "error"]


def test_a_wrong_item_cell_is_one_finding_listing_where_it_shows(
        korla_disclosure: Disclosure) -> None:
    """表5 2010301 基本支出 printed 100.00 instead of 739.02: its row 合计, its 款 20103 and
    表3's 2010301 all differ by 639.02 — one error, at the 项 row of 表5."""
    broken = set_cell(korla_disclosure, "gpb", "basic", "100.00", code="2010301")
    [f] = [f for f in errors(broken) if f.location.table in ("gpb", "expenditure")]
    assert (f.location.table, f.location.code) == ("gpb", "2010301")
    assert abs(f.difference or 0) == D("639.02")
    where = {(g.location.table, g.location.code, g.rule_id) for g in f.also}
    assert ("gpb", "20103", "gpb.parent-eq-children") in where
    assert any(t == "expenditure" and c == "2010301" for t, c, _r in where)
    assert f"同一差额还见于 {len(f.also)} 处" in f.message and "20103" in f.message


def test_the_json_lists_the_other_places(korla_disclosure: Disclosure) -> None:
    broken = set_cell(korla_disclosure, "gpb", "basic", "100.00", code="2010301")
    data = json.loads(findings_to_json(check_disclosure(broken)))
    [root] = [x for x in data if x["also_at"] and x["location"]["code"] == "2010301"]
    assert {a["location"]["code"] for a in root["also_at"]} >= {"20103", "2010301"}
    assert all(set(a) == {"rule_id", "location", "expected", "actual"} for a in root["also_at"])
    assert all(x["also_at"] == [] for x in data if x is not root and x["severity"] == "info")


def _f(table: str, code: str | None, expected: str, actual: str, severity: str = "error",
       name: str | None = None) -> Finding:
    return Finding("r", severity, "arithmetic", "m", Location(table=table, code=code, name=name),
                   expected=D(expected), actual=D(actual))


def test_different_differences_or_unlinked_rows_stay_apart() -> None:
    found = [
        _f("gpb", "2010301", "10.00", "11.00"),
        _f("gpb", "20103", "20.00", "19.00"),  # the same 1.00 on the parent: one cause
        _f("gpb", "2050101", "5.00", "6.00"),  # the same 1.00 in another 类: unlinked
        _f("gpb", "201", "30.00", "32.00"),  # 2.00: another difference
        _f("expenditure", "2010301", "10.00", "11.00", severity="warning"),  # other severity
    ]
    out = root_causes(found)
    assert [(f.location.code, len(f.also)) for f in out] == [
        ("2010301", 1), ("2050101", 0), ("201", 0), ("2010301", 0)]


def test_rounding_info_is_never_folded() -> None:
    found = [_f("gpb", "2010301", "10.00", "10.01", "info"), _f("gpb", "20103", "9", "9.01", "info")]
    assert root_causes(found) == found


def test_a_total_row_is_linked_to_every_row_of_its_table_and_uncoded_rows_by_name() -> None:
    found = [_f("gpb", None, "100", "101", name="合计"), _f("gpb", "2010301", "10", "11"),
             _f("summary", None, "100", "101", name="合计"),
             _f("income", None, "100", "101", name="一般公共预算")]
    out = root_causes(found)
    assert [(f.location.table, len(f.also)) for f in out] == [("gpb", 2), ("income", 0)]
    assert out[0].location.code == "2010301"
