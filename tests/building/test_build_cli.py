from typer.testing import CliRunner

from tests.conftest import KORLA
from yusuan.cli.main import app

runner = CliRunner()


def test_build_writes_html_csv_json(tmp_path):
    out = tmp_path / "korla"
    result = runner.invoke(app, ["build", str(KORLA), "-o", str(out), "--format", "html,csv,json"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"disclosure.html", "cells.csv", "disclosure.json"} <= names
    html = (out / "disclosure.html").read_text(encoding="utf-8")
    assert html.count('class="budget-table') >= 11
    assert "政府性基金预算支出情况表为空表" in html
    assert "1,491.86" in html
    assert "<link" not in html and "<script src" not in html


def test_unknown_format(tmp_path):
    result = runner.invoke(app, ["build", str(KORLA), "-o", str(tmp_path / "o"), "--format", "odt"])
    assert result.exit_code == 2
    assert "odt" in result.output


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("yusuan ")
