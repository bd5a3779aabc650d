"""``yusuan new``: a commented skeleton that builds as-is (as a 草稿: its "请填写" placeholders
are errors until filled in); a non-empty folder is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from yusuan.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize("options", [[], ["--lines"]], ids=["tables.yaml", "lines.csv"])
def test_skeleton_builds(tmp_path: Path, options: list[str]):
    folder = tmp_path / "dept"
    made = runner.invoke(app, ["new", str(folder), *options])
    assert made.exit_code == 0, made.output
    names = sorted(p.name for p in folder.iterdir())
    assert names == (["budget.yaml", "lines.csv"] if options else ["budget.yaml", "tables.yaml"])
    budget_text = (folder / "budget.yaml").read_text(encoding="utf-8")
    assert "# 部门预算源数据模板" in budget_text and "预算单位" in budget_text
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(folder), "-o", str(out), "-f", "html,csv,json"])
    assert built.exit_code == 1, built.output  # written, but the placeholders remain errors
    assert "text.placeholder [error]" in built.output and "请填写" in built.output
    html = (out / "disclosure.html").read_text(encoding="utf-8")
    assert "示例部门2025年部门预算公开" in html
    assert 'class="draft"' in html
    assert "100.00" in html


def test_both_skeletons_give_the_same_tables(tmp_path: Path):
    from yusuan.build import build_disclosure

    for name, options in (("t", []), ("l", ["--lines"])):
        assert runner.invoke(app, ["new", str(tmp_path / name), *options]).exit_code == 0
    given, derived = build_disclosure(tmp_path / "t"), build_disclosure(tmp_path / "l")
    for a, b in zip(given.tables, derived.tables, strict=True):
        assert [(c.key, c.label) for c in a.columns] == [(c.key, c.label) for c in b.columns]
        cells_a = [(r.code, r.key, r.project, c.key, v) for r, c, v in a.cells()]
        cells_b = [(r.code, r.key, r.project, c.key, v) for r, c, v in b.cells()]
        assert cells_a == cells_b, a.id


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    folder = tmp_path / "dept"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["new", str(folder)])
    assert result.exit_code == 2
    assert "不为空" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_an_empty_folder_is_fine(tmp_path: Path):
    assert runner.invoke(app, ["new", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "tables.yaml").exists()
