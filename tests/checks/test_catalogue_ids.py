"""Every id is a literal: what ``docs/rules.md`` lists can be found verbatim in the source,
every rule and finding the source writes out is listed there, and every ``parse.*`` finding a
reader emits is in the readers' catalogue."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from yusuan.checks.docs import LISTED
from yusuan.parse.findings import READER_FINDINGS

SRC = Path(__file__).resolve().parents[2] / "src" / "yusuan"
SOURCE = {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}
RULES_MD = (SRC.parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")


def test_every_listed_id_is_a_literal_in_the_source_and_in_docs() -> None:
    for rule in LISTED:
        quoted = f'"{rule.id}"'
        assert any(quoted in text for text in SOURCE.values()), rule.id
        assert f"`{rule.id}`" in RULES_MD, rule.id


def test_every_reader_finding_is_catalogued() -> None:
    emitted = {m for p, text in SOURCE.items() if "parse" in p.parts or p.name == "limits.py"
               for m in re.findall(r'"(parse\.[a-z-]+)"', text)}
    listed = {f.id for f in READER_FINDINGS}
    assert emitted <= listed, emitted - listed


DOC_IDS = set(re.findall(r"^\| `([a-z_-]+\.[a-z0-9_.-]+)` \|", RULES_MD, re.MULTILINE))


def test_every_id_docs_rules_md_lists_is_written_out_in_the_source() -> None:
    missing = sorted(i for i in DOC_IDS if not any(f'"{i}"' in t for t in SOURCE.values()))
    assert len(DOC_IDS) > 100 and missing == []


def test_every_rule_and_finding_id_the_source_writes_out_is_in_docs_rules_md() -> None:
    """``Rule("…")``, ``PairRule("…")`` and ``Finding("…")`` with a literal id, and the
    readers' catalogue: none of them missing from the page the public reads."""
    written = {f.id for f in READER_FINDINGS}
    for text in SOURCE.values():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("Rule", "PairRule", "Finding") and node.args \
                    and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                written.add(node.args[0].value)
    assert len(written) > 100 and sorted(written - DOC_IDS) == []
