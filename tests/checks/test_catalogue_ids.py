"""Every id is a literal: what ``docs/rules.md`` lists can be found verbatim in the source,
and every ``parse.*`` finding a reader emits is in the readers' catalogue."""

from __future__ import annotations

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
