"""``yusuan build PUBLISHED…``: what it is given is told by content, the output folder holds the
document in every format and ``differences.json``, and bad input is one Chinese message with
exit code 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import FIXTURES, KORLA
from yusuan.cli.main import app
from yusuan.regen import what_is

runner = CliRunner()
BUREAU = FIXTURES / "shanghai-putuo-finance-bureau-2025-dept-budget.pdf"
CPPCC = sorted(FIXTURES.glob("jiangsu-cppcc-office-2019-dept-budget.part*.pdf"))


def test_what_build_is_given_is_told_by_content(tmp_path: Path):
    assert what_is([KORLA]) == "source"
    assert what_is([BUREAU]) == "published"
    assert what_is(CPPCC) == "published"
    assert what_is([FIXTURES / "shanghai-putuo-2026-dept-budget-workbook-template.xlsx"]) \
        == "workbook"
    renamed = tmp_path / "budget.xlsx"  # a published text named like a workbook
    shutil.copy(FIXTURES / "korla-2024-seed.txt", renamed)
    assert what_is([renamed]) == "published"


def test_a_published_pdf_is_written_again_with_its_differences(tmp_path: Path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(BUREAU), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"disclosure.pdf", "disclosure.docx", "disclosure.xlsx", "disclosure.html",
            "cells.csv", "checks.json", "differences.json"} <= names
    data = json.loads((out / "differences.json").read_text(encoding="utf-8"))
    assert data["document"]["department"] == "上海市普陀区财政局"
    assert data["summary"]["clauses"] > 20
    assert "887.36" in result.output and "87.36" in result.output  # the terminal summary
    wrong = [d for d in data["differences"]
             if any(f["original"] == "887.36" for f in d["figures"])]
    assert len(wrong) == 1
    figure = next(f for f in wrong[0]["figures"] if f["original"] == "887.36")
    assert (figure["regenerated"], figure["table"], figure["code"]) == ("87.36", "gpb",
                                                                         "2080506")
    assert wrong[0]["where"]["section"] == "2025年部门预算编制说明"


def test_a_split_publication_is_one_document(tmp_path: Path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", *map(str, CPPCC), "-o", str(out), "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads((out / "differences.json").read_text(encoding="utf-8"))
    assert data["document"]["department"].startswith("江苏省政协") or \
        "政协" in data["document"]["department"]
    assert "、" in data["document"]["files"]


def test_two_documents_at_once_are_refused_in_chinese(tmp_path: Path):
    result = runner.invoke(app, ["build", str(BUREAU), str(CPPCC[1]), "-o",
                                 str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "2 份不同的公开文件" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_source_folder_with_other_files_is_refused(tmp_path: Path):
    result = runner.invoke(app, ["build", str(KORLA), str(BUREAU), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    assert "源文件夹只能单独生成" in result.output


def test_an_unreadable_published_file_is_refused(tmp_path: Path):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00" * 100)
    result = runner.invoke(app, ["build", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and str(bad) in result.output
    assert not (tmp_path / "out").exists()
