"""One document, one verdict: a document ``yusuan build`` writes checks the same whether the
reviewer is handed its PDF, its DOCX, its XLSX or its Disclosure JSON.

Each example is built once in the four formats and each output is checked as a reviewer
would (``yusuan check FILE -f json``). The errors and warnings — rule, severity and where
(table, row, column) — are the same from the PDF, the DOCX, the XLSX and the JSON: the XLSX
carries the text too, a sheet per part (Part 1, the 说明, the glossary), so its findings
about the text are the same as the others'. Rounding notes (``info``) may
differ: the JSON keeps the unrounded amounts the printed documents round. A long department
name makes the PDF wrap headings and 空表 statements: it still reads the same.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from yusuan.cli.main import app

runner = CliRunner()
FORMATS = ("json", "docx", "pdf", "xlsx")

Key = tuple[str, str, str | None, str | None, str | None, str | None]


def _findings(path: Path) -> list[dict]:
    result = runner.invoke(app, ["check", str(path), "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    data: list[dict] = json.loads(result.stdout)
    return data


def _key(f: dict) -> Key:
    where = f["location"]
    return (f["rule_id"], f["severity"], where["table"], where["code"], where["name"],
            where["column"])


LONG_NAME = "新疆维吾尔自治区巴音郭楞蒙古自治州库尔勒市人民政府办公室"


def _long_name(tmp: Path) -> Path:
    """The Korla example for 2025 under a long department name: the 空表 statements and the
    section headings wrap in the PDF (``…办公室 2025 年没有使用政`` / ``府性基金…为空表。``)."""
    folder = tmp / "src"
    shutil.copytree(EXAMPLES / "korla-2024", folder)
    budget = folder / "budget.yaml"
    text = budget.read_text(encoding="utf-8")
    for old, new in (("department: 库尔勒市人民政府办公室", f"department: {LONG_NAME}"),
                     ("year: 2024", "year: 2025"), ('"2024-02-23"', '"2025-02-23"')):
        assert old in text
        text = text.replace(old, new)
    budget.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=["water-2025", "long-name"])
def checked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> dict[str, list[dict]]:
    tmp = tmp_path_factory.mktemp(request.param)
    source = _long_name(tmp) if request.param == "long-name" else EXAMPLES / request.param
    out = tmp / "out"
    result = runner.invoke(app, ["build", str(source), "-o", str(out),
                                 "--format", ",".join(FORMATS)])
    assert result.exit_code in (0, 1), result.output
    return {fmt: _findings(out / f"disclosure.{fmt}") for fmt in FORMATS}


def _serious(findings: list[dict]) -> list[Key]:
    return sorted(_key(f) for f in findings if f["severity"] in ("error", "warning"))


def test_every_format_gives_the_same_errors_and_warnings(checked) -> None:
    expected = _serious(checked["json"])
    for fmt in ("docx", "pdf", "xlsx"):
        assert _serious(checked[fmt]) == expected, fmt


def test_no_error_from_any_format(checked) -> None:
    for fmt in FORMATS:
        assert [f["message"] for f in checked[fmt] if f["severity"] == "error"] == [], fmt
