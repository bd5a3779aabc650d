"""The store only persists: reading, checking and rendering sit above it (``yusuan.intake``
orchestrates ingest), and nothing below the intake imports it."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "yusuan"


def imported(package: str) -> dict[str, set[str]]:
    """Module file → the yusuan modules it imports (anywhere in it)."""
    found: dict[str, set[str]] = {}
    for path in sorted((SRC / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
        found[str(path.relative_to(SRC))] = {n for n in names if n.startswith("yusuan.")}
    return found


def test_the_store_imports_no_reader_checker_or_renderer():
    above = ("yusuan.parse", "yusuan.checks", "yusuan.render", "yusuan.build", "yusuan.intake",
             "yusuan.derive", "yusuan.narrative")
    bad = {f: sorted(n for n in names if n.startswith(above))
           for f, names in imported("store").items()}
    assert {f: n for f, n in bad.items() if n} == {}


def test_only_cli_and_web_import_the_intake():
    for package in ("model", "reference", "derive", "parse", "checks", "narrative", "render",
                    "store"):
        users = {f for f, names in imported(package).items()
                 if any(n.startswith("yusuan.intake") for n in names)}
        assert users == set(), package
