"""Fixtures for the line-item derivation tests: the synthetic example, derived once."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES

SYNTHETIC = EXAMPLES / "synthetic-2024"


@pytest.fixture(scope="session")
def synthetic_budget():
    """The synthetic example's ``Budget`` with its tables derived from lines.csv."""
    from yusuan.compose import budget_tables
    from yusuan.derive.source import load_budget

    return budget_tables(load_budget(SYNTHETIC))


@pytest.fixture(scope="session")
def synthetic_disclosure():
    from yusuan.compose import build_disclosure

    return build_disclosure(SYNTHETIC)
