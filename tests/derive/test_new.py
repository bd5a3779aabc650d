"""``yusuan new``: a commented skeleton that builds as-is (as a 草稿: its "请填写" placeholders
are errors until filled in); a non-empty folder is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from yusuan.checks.run import check_disclosure
from yusuan.cli.main import app
from yusuan.compose import build_disclosure

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
    assert "text.placeholder [错误]" in built.output and "请填写" in built.output
    html = (out / "disclosure.html").read_text(encoding="utf-8")
    assert "示例部门2025年部门预算公开" in html
    assert 'class="draft"' in html
    assert "100.00" in html


def test_both_skeletons_give_the_same_tables(tmp_path: Path):
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


def test_the_final_accounts_skeleton_builds_and_checks_but_for_its_placeholder(tmp_path: Path):
    """yusuan new --final: a 部门决算 whose only finding is the 请填写 left in Part 1."""
    folder = tmp_path / "final"
    made = runner.invoke(app, ["new", str(folder), "--final"])
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in folder.iterdir()) == ["budget.yaml", "tables.yaml"]
    d = build_disclosure(folder)
    assert (d.kind, d.profile, len(d.tables)) == ("final", "shanghai-final-9", 9)
    found = [(f.rule_id, f.severity) for f in check_disclosure(d) if f.severity != "info"]
    assert found == [("text.placeholder", "error")]
    text = "".join(s.text for sec in d.narrative for s in sec.sentences())
    assert "完成年初预算的105.26%" in text  # 100.00 ÷ 95.00
    both = runner.invoke(app, ["new", str(tmp_path / "x"), "--final", "--lines"])
    assert both.exit_code == 2 and "--final" in both.output


def test_edition_may_be_said_in_chinese(tmp_path: Path):
    made = runner.invoke(app, ["new", str(tmp_path / "u"), "--profile", "shanghai-9",
                               "--edition", "单位预算"])
    assert made.exit_code == 0, made.output
    assert build_disclosure(tmp_path / "u").edition == "单位预算"
