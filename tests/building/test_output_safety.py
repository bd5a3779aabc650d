"""Outputs never destroy anything: every data-loss case of issue 10, each checked by hashing
the user's files before and after (they must be byte-identical), plus the atomicity of a
rebuild that fails halfway."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.building.test_bad_input import edit
from tests.conftest import FIXTURES, KORLA
from yusuan import build as build_module
from yusuan.cli.main import app
from yusuan.output import MANIFEST

runner = CliRunner()
FAST = "html,csv,json"


def snapshot(root: Path) -> dict[str, str]:
    """Every file below ``root`` (hidden ones too) → its SHA-256."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's folder: the source in ``src/``, their own documents in ``mydocs/`` and a
    ``report.docx``; the current folder is ``work``."""
    root = tmp_path / "work"
    shutil.copytree(KORLA, root / "src")
    (root / "mydocs").mkdir()
    (root / "mydocs" / "说明.txt").write_text("我的文件", encoding="utf-8")
    (root / "mydocs" / "上年预算.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (root / "report.docx").write_bytes(b"the user's own report")
    monkeypatch.chdir(root)
    return root


def build(source: str, out: str, formats: str = FAST):
    result = runner.invoke(app, ["build", source, "-o", out, "--format", formats])
    assert "Traceback" not in result.output
    return result


def refused(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert "yusuan: 错误：" in result.output
    for fragment in fragments:
        assert fragment in result.output, result.output


@pytest.mark.parametrize(("out", "says"), [
    (".", "包含源文件夹"), ("src", "就是源文件夹"), ("mydocs", "不为空"),
    ("report.docx", "已存在同名文件"),
])
def test_refused_output_leaves_every_file_as_it_was(work: Path, out: str, says: str):
    before = snapshot(work)
    refused(build("src", out), says, "请")
    assert snapshot(work) == before  # nothing changed, nothing added (no .report.docx.old)


def test_parent_of_the_source_is_refused(work: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(work / "mydocs")
    before = snapshot(work)
    refused(build("../src", ".."), "包含源文件夹")
    assert snapshot(work) == before


def test_rebuild_replaces_only_its_own_files(work: Path):
    assert build("src", "out").exit_code == 0
    manifest = json.loads((work / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"disclosure.html", "cells.csv", "disclosure.json",
                                      "checks.json"}
    (work / "out" / "我的批注.txt").write_text("审核意见", encoding="utf-8")
    mine = snapshot(work / "out")["我的批注.txt"]
    edit(work / "src" / "budget.yaml", 'published_on: "2024-02-23"', 'published_on: "2024-02-24"')
    assert build("src", "out").exit_code == 0
    assert snapshot(work / "out")["我的批注.txt"] == mine
    assert "2024年2月24日" in (work / "out" / "disclosure.html").read_text(encoding="utf-8")
    assert not [p for p in (work / "out").iterdir() if p.name.startswith(".yusuan-")
                and p.name != MANIFEST]  # no staging or set-aside folder left behind


def test_a_file_of_ours_edited_since_is_not_overwritten(work: Path):
    assert build("src", "out").exit_code == 0
    (work / "out" / "disclosure.html").write_text("改过的文件", encoding="utf-8")
    before = snapshot(work)
    refused(build("src", "out"), "disclosure.html", "被修改过")
    assert snapshot(work) == before


def test_a_users_file_with_one_of_our_names_is_not_overwritten(work: Path):
    assert build("src", "out", "html").exit_code == 0
    (work / "out" / "cells.csv").write_text("my own table", encoding="utf-8")
    before = snapshot(work)
    refused(build("src", "out", "html,csv"), "cells.csv", "不是 yusuan 上次生成的文件")
    assert snapshot(work) == before


def test_output_inside_the_source_folder_leaves_the_source_alone(work: Path):
    before = snapshot(work / "src")
    assert build("src", "src/公开文件").exit_code == 0
    after = {k: v for k, v in snapshot(work / "src").items() if not k.startswith("公开文件")}
    assert after == before


@pytest.mark.parametrize("existing", [False, True], ids=["new folder", "earlier output"])
def test_a_failed_build_leaves_the_previous_output_intact(work: Path, existing: bool,
                                                          monkeypatch: pytest.MonkeyPatch):
    if existing:
        assert build("src", "out").exit_code == 0
    before = snapshot(work)
    real = build_module.renderer

    def failing(fmt: str, draft: str = ""):
        if fmt == "json":  # the last format: html and csv are already rendered
            raise OSError(28, "No space left on device", "disclosure.json")
        return real(fmt, draft)

    monkeypatch.setattr(build_module, "renderer", failing)
    result = build("src", "out")
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output
    assert snapshot(work) == before
    assert sorted(p.name for p in work.iterdir()) == sorted(
        ["src", "mydocs", "report.docx", *(["out"] if existing else [])])


def test_parse_and_check_never_write_over_an_input(work: Path):
    assert build("src", "out").exit_code == 0
    shutil.copy(FIXTURES / "korla-2024-seed.txt", work / "korla.txt")
    before = snapshot(work)
    parsed = runner.invoke(app, ["parse", "korla.txt", "-o", "korla.txt"])
    refused(parsed, "输入文件")
    parsed = runner.invoke(app, ["parse", "korla.txt", "-o", "report.docx"])
    refused(parsed, "不是 yusuan 先前写出的同类结果")
    checked = runner.invoke(app, ["check", "out/disclosure.json", "-f", "json",
                                  "-o", "out/disclosure.json"])
    refused(checked, "输入文件")
    report = runner.invoke(app, ["check", "out/disclosure.json", "-f", "html",
                                 "-o", "report.docx"])
    refused(report, "不是 yusuan 先前写出的同类结果")
    assert snapshot(work) == before


def test_check_report_is_rewritten_in_place(work: Path):
    assert build("src", "out").exit_code == 0
    for _ in range(2):  # the second run replaces the first run's report
        result = runner.invoke(app, ["check", "out/disclosure.json", "-f", "html",
                                     "-o", "审核/报告.html"])
        assert result.exit_code == 0, result.output
    assert "检查报告" in (work / "审核" / "报告.html").read_text(encoding="utf-8")
    assert [p.name for p in (work / "审核").iterdir()] == ["报告.html"]


def test_new_refuses_an_output_folder(work: Path):
    assert build("src", "out").exit_code == 0
    before = snapshot(work)
    refused(runner.invoke(app, ["new", "out"]), "不为空")
    refused(runner.invoke(app, ["new", "report.docx"]), "已存在同名文件")
    assert snapshot(work) == before


def test_an_output_folder_of_an_older_yusuan_is_rebuilt(work: Path):
    assert build("src", "out").exit_code == 0
    (work / "out" / MANIFEST).unlink()  # as a yusuan without manifests left it
    assert build("src", "out").exit_code == 0
    assert (work / "out" / MANIFEST).is_file()
    # but not when anything else is in it: that may be the user's
    (work / "out" / MANIFEST).unlink()
    (work / "out" / "备注.txt").write_text("mine", encoding="utf-8")
    before = snapshot(work)
    refused(build("src", "out"), "不为空")
    assert snapshot(work) == before


def test_each_single_file_output_is_recognised_as_ours_and_nothing_else(korla_disclosure):
    from yusuan.checks.report import Checked, html_report, json_report, text_report
    from yusuan.checks.run import check_disclosure
    from yusuan.output import RECOGNISERS
    from yusuan.render.export import render_cells_csv, render_json

    checked = Checked("korla", korla_disclosure, tuple(check_disclosure(korla_disclosure)))
    written = {
        "disclosure-json": render_json(korla_disclosure),
        "cells-csv": render_cells_csv(korla_disclosure),
        "findings-text": (text_report(checked) + "\n").encode("utf-8"),
        "findings-json": json_report([checked]),
        "findings-html": html_report([checked]),
    }
    for kind, recognise in RECOGNISERS.items():
        for other, data in written.items():
            assert recognise(data) == (kind == other), (kind, other)
        assert not recognise(b"the user's own notes, 2024")
