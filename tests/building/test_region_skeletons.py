"""``yusuan new --profile P [--edition unit] [--lines]``: a skeleton per region that builds,
checks clean, and gives the same tables from tables.yaml and from lines.csv."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from yusuan.checks.run import check_disclosure
from yusuan.cli.main import app
from yusuan.compose import build_disclosure

runner = CliRunner()
REGIONS = ["shanghai-9", "jiangsu-12"]


def _new(folder: Path, *options: str) -> None:
    made = runner.invoke(app, ["new", str(folder), *options])
    assert made.exit_code == 0, made.output


@pytest.mark.parametrize("profile", REGIONS)
@pytest.mark.parametrize("options", [[], ["--lines"], ["--edition", "unit"]],
                         ids=["tables.yaml", "lines.csv", "unit"])
def test_region_skeleton_builds_and_checks_clean(tmp_path: Path, profile: str,
                                                 options: list[str]):
    folder = tmp_path / "src"
    _new(folder, "--profile", profile, *options)
    d = build_disclosure(folder)
    assert d.profile == profile
    assert d.edition == ("单位预算" if "unit" in options else "部门预算")
    problems = [f.message for f in check_disclosure(d) if f.severity in ("error", "warning")]
    assert problems == []


def test_unit_edition_titles(tmp_path: Path):
    _new(tmp_path / "u", "--profile", "shanghai-9", "--edition", "unit")
    d = build_disclosure(tmp_path / "u")
    assert d.table("summary").title == "2025年预算单位财务收支预算总表"
    assert d.table("three_public").title == "2025年单位“三公”经费和机关运行经费预算表"
    assert d.narrative[0].title == "2025年单位预算编制说明"


@pytest.mark.parametrize("profile", REGIONS)
def test_tables_and_lines_skeletons_agree(tmp_path: Path, profile: str):
    _new(tmp_path / "t", "--profile", profile)
    _new(tmp_path / "l", "--profile", profile, "--lines")
    given, derived = build_disclosure(tmp_path / "t"), build_disclosure(tmp_path / "l")
    for a, b in zip(given.tables, derived.tables, strict=True):
        cells_a = [(r.name, r.code, r.key, c.key, v) for r, c, v in a.cells()]
        cells_b = [(r.name, r.code, r.key, c.key, v) for r, c, v in b.cells()]
        assert cells_a == cells_b, a.id


def test_unknown_profile_or_edition_refused(tmp_path: Path):
    result = runner.invoke(app, ["new", str(tmp_path / "x"), "--profile", "hainan-7"])
    assert result.exit_code == 2 and "shanghai-9" in result.output
    result = runner.invoke(app, ["new", str(tmp_path / "y"), "--edition", "county"])
    assert result.exit_code == 2 and "单位预算" in result.output
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


@pytest.mark.parametrize("profile", REGIONS)
def test_region_skeleton_pdf_reads_back_clean(tmp_path: Path, profile: str):
    from yusuan.build import write_outputs
    from yusuan.parse.dispatch import parse_file

    _new(tmp_path / "src", "--profile", profile)
    (pdf,) = write_outputs(build_disclosure(tmp_path / "src"), tmp_path / "out", ["pdf"])
    parsed, _ = parse_file(pdf)
    assert parsed.profile == profile
    problems = [f.message for f in check_disclosure(parsed) if f.severity in ("error", "warning")]
    assert problems == []
