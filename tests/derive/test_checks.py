"""The synthetic example passes the checker: tables derived from line items are consistent by
construction, and its budget.yaml states figures that agree with them."""

from __future__ import annotations

import pytest


def test_synthetic_example_has_no_error_findings(synthetic_disclosure):
    run = pytest.importorskip("yusuan.checks.run")
    findings = run.check_disclosure(synthetic_disclosure)
    errors = [f"{f.rule_id}: {f.message}" for f in findings if f.severity == "error"]
    assert errors == []
    # The rules that compare tables with one another all ran on a non-empty document.
    assert len(synthetic_disclosure.tables) == 11
