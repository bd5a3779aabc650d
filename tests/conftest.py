"""Shared fixtures: the repository's paths and the Korla 2024 example built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest_pg import pg_server, pg_url  # noqa: F401  (one PostgreSQL cluster per session)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
KORLA = EXAMPLES / "korla-2024"
SEED_TEXT = FIXTURES / "korla-2024-seed.txt"  # corpus/000_600ec2e60909a88c.txt, verbatim


@pytest.fixture(scope="session")
def korla_disclosure():
    from yusuan.compose import build_disclosure

    return build_disclosure(KORLA)


@pytest.fixture(scope="session")
def final_2024():
    """The synthetic 2024 部门决算 (examples/synthetic-final-2024)."""
    from yusuan.compose import build_disclosure

    return build_disclosure(EXAMPLES / "synthetic-final-2024")


@pytest.fixture(scope="session")
def final_2023():
    """The synthetic 2023 部门决算, the 2024 one's year before (examples/synthetic-final-2023)."""
    from yusuan.compose import build_disclosure

    return build_disclosure(EXAMPLES / "synthetic-final-2023")
