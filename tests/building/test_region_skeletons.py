"""``yusuan new --profile P [--edition unit] [--lines]``: a skeleton per region that builds,
stays a 草稿 until its sample text is replaced (placeholder findings only, the same for every
profile), and gives the same tables from tables.yaml and from lines.csv."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yusuan.checks.run import check_disclosure
from yusuan.cli.main import app
from yusuan.compose import build_disclosure

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REGIONS = ["shanghai-9", "jiangsu-12"]
ALL_PROFILES = ["xinjiang-11", *REGIONS]


def _problems(d) -> set[str]:
    return {f.rule_id for f in check_disclosure(d) if f.severity in ("error", "warning")}


def _new(folder: Path, *options: str) -> None:
    made = runner.invoke(app, ["new", str(folder), *options])
    assert made.exit_code == 0, made.output


@pytest.mark.parametrize("profile", REGIONS)
@pytest.mark.parametrize("options", [[], ["--lines"], ["--edition", "unit"]],
                         ids=["tables.yaml", "lines.csv", "unit"])
def test_region_skeleton_builds_with_only_placeholders(tmp_path: Path, profile: str,
                                                       options: list[str]):
    folder = tmp_path / "src"
    _new(folder, "--profile", profile, *options)
    d = build_disclosure(folder)
    assert d.profile == profile
    assert d.edition == ("单位预算" if "unit" in options else "部门预算")
    assert _problems(d) == {"text.placeholder"}


@pytest.mark.parametrize("profile", ALL_PROFILES)
def test_unfilled_skeleton_builds_a_draft_for_every_profile(tmp_path: Path, profile: str):
    _new(tmp_path / "src", "--profile", profile)
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(tmp_path / "src"), "-o", str(out), "-f", "html"])
    assert built.exit_code == 1, built.output
    assert "text.placeholder" in built.output and "示例文字" in built.output
    assert 'class="draft"' in (out / "disclosure.html").read_text(encoding="utf-8")


def _filled(folder: Path, *options: str) -> Path:
    """A skeleton with its marked sample text replaced, as an officer fills it."""
    _new(folder, *options)
    budget = folder / "budget.yaml"
    text = budget.read_text(encoding="utf-8")
    text = re.sub(r"（示例文字[^）]*）", "", text).replace("负责……", "负责本部门的各项工作")
    budget.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("profile", ALL_PROFILES)
def test_filled_skeleton_checks_clean(tmp_path: Path, profile: str):
    """Replacing the marked sample text is all a filled skeleton needs to check clean."""
    folder = _filled(tmp_path / "src", "--profile", profile)
    assert _problems(build_disclosure(folder)) == set()


@pytest.mark.parametrize("options", [
    ["--profile", "xinjiang-11", "--edition", "unit"], ["--profile", "shanghai-9"],
    ["--profile", "shanghai-9", "--edition", "unit", "--lines"], ["--profile", "jiangsu-12"],
    ["--profile", "jiangsu-12", "--edition", "unit", "--lines"], ["--final"]],
    ids=["xinjiang-unit", "shanghai-dept", "shanghai-unit-lines", "jiangsu-dept",
         "jiangsu-unit-lines", "final"])
def test_filled_skeleton_builds_every_format(tmp_path: Path, options: list[str]):
    """A filled skeleton of every region and edition builds in every format with exit 0, and
    its PDF, DOCX and XLSX read back cell for cell as the same region and edition."""
    from tests.parse.cells import cell_set
    from yusuan.parse.dispatch import parse_file

    folder = _filled(tmp_path / "src", *options)
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(folder), "-o", str(out)])
    assert built.exit_code == 0, built.output
    d = build_disclosure(folder)
    for name in ("disclosure.pdf", "disclosure.docx", "disclosure.xlsx"):
        read, _ = parse_file(out / name)
        assert (read.profile, read.edition) == (d.profile, d.edition), name
        assert cell_set(read) == cell_set(d), name


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_examples_check_clean(tmp_path: Path, example: str):
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(EXAMPLES / example), "-o", str(out), "-f", "json"])
    assert built.exit_code == 0, built.output


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
    assert _problems(parsed) == {"text.placeholder"}
