"""The runner: rules apply by the tables a disclosure has; a crashing rule becomes an
``internal`` finding; the catalogue is a fixed tuple with stable, unique ids and sources."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests.checks.helpers import disclosure, drop_table, table
from tests.conftest import ROOT
from yusuan.checks.catalogue import CATALOGUE
from yusuan.checks.rule import CATEGORIES, Rule
from yusuan.checks.run import check_disclosure, findings_json

ID = re.compile(r"^[a-z_]+\.[a-z0-9.\-_]+$")


def test_catalogue_is_a_tuple_of_unique_well_formed_rules() -> None:
    assert isinstance(CATALOGUE, tuple)
    ids = [r.id for r in CATALOGUE]
    assert len(ids) == len(set(ids))
    for r in CATALOGUE:
        assert ID.match(r.id), r.id
        assert r.severity in ("error", "warning", "info")
        assert r.category in CATEGORIES
        assert r.source and r.title


def test_rules_for_missing_tables_are_skipped_not_errors() -> None:
    only = disclosure(table("gpb", ["total", "basic", "project"], [
        (None, "总计", ["10.00", "10.00", None]),
        ("201", "一般公共服务支出", ["10.00", "10.00", None]),
        ("20103", "政府办公厅（室）及相关机构事务", ["10.00", "10.00", None]),
        ("2010301", "行政运行", ["10.00", "10.00", None]),
    ]))
    found = check_disclosure(only)
    assert not [f for f in found if f.severity == "error" and f.rule_id != "completeness.tables-present"]
    missing = {f.location.table for f in found if f.rule_id == "completeness.tables-present"}
    assert {"summary", "gpb_basic", "three_public"} <= missing


def test_a_profile_without_a_table_does_not_get_its_rules(korla_disclosure) -> None:  # type: ignore[no-untyped-def]
    d = drop_table(korla_disclosure, "gpb_project")
    ids = {f.rule_id for f in check_disclosure(d) if f.severity == "error"}
    assert not any(i.startswith("gpb_project.") for i in ids)


def test_a_crashing_rule_becomes_an_internal_finding(korla_disclosure) -> None:  # type: ignore[no-untyped-def]
    def broken(d):  # type: ignore[no-untyped-def]
        raise KeyError("boom")

    rules = (Rule("test.crash", "error", "arithmetic", "crash", "test", broken), *CATALOGUE[:3])
    found = check_disclosure(korla_disclosure, rules)
    [crash] = [f for f in found if f.rule_id == "test.crash"]
    assert crash.category == "internal" and crash.severity == "error"
    assert "KeyError" in crash.message


def test_findings_json_is_the_design_list(korla_disclosure) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(findings_json(korla_disclosure))
    assert isinstance(data, list) and data
    assert set(data[0]) == {"rule_id", "severity", "category", "message", "location",
                            "expected", "actual", "unit", "also_at"}
    assert set(data[0]["location"]) == {"file", "page", "table", "code", "name", "column",
                                        # a figure of the text: where its sentence is printed
                                        "line", "paragraph", "sheet", "cell", "section",
                                        "sentence"}
    assert not [f for f in data if f["severity"] == "error"]


def test_docs_rules_md_is_generated_from_the_catalogue() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rules_doc.py"),
                             "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for r in CATALOGUE:
        assert f"`{r.id}`" in text
