"""benchmarks/corpus_report.py keeps working: a row per document, from the public API."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def report():
    spec = importlib.util.spec_from_file_location("corpus_report",
                                                  ROOT / "benchmarks" / "corpus_report.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def test_a_document_row_counts_tables_cells_and_findings(report, capsys) -> None:
    assert report.main(["--json", "shanghai-putuo-commerce-commission-2025-dept-budget"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["tables_recognised"], row["tables_expected"]) == (9, 9)
    assert (row["cells_matching"], row["cells_transcribed"]) == (287, 287)
    assert row["errors"] == 0 and row["seconds"] > 0 and row["missing_tables"] == []


def test_a_refused_template_is_listed_as_a_template(report, capsys) -> None:
    assert report.main(["shanghai-putuo-dept-final-template"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("| document | tables | cells |")
    [row] = [line for line in out if line.startswith("| shanghai-putuo-dept-final-template ")]
    assert "template" in row
