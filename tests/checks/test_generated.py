"""What ``yusuan build`` generates passes its own checker: no error in ``checks.json`` for the
Korla example (which reproduces the seed's tables, so its rounding infos and soft warnings
stay) and for the synthetic example (derived from line items)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from yusuan.checks.run import findings_json


@pytest.mark.parametrize("example", ["korla-2024", "synthetic-2024", "water-2025"])
def test_generated_document_has_no_error(example: str) -> None:
    from yusuan.compose import build_disclosure

    folder = EXAMPLES / example
    if not folder.exists():
        pytest.skip(f"examples/{example} not present")
    data = json.loads(findings_json(build_disclosure(folder)))
    assert [f["message"] for f in data if f["severity"] == "error"] == []


def test_build_writes_checks_json(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from yusuan.cli.main import app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(EXAMPLES / "korla-2024"), "-o", str(out),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "checks.json").read_text(encoding="utf-8"))
    assert not [f for f in data if f["severity"] == "error"]
    assert any(f["rule_id"] == "narrative.share-eq-computed" for f in data)
