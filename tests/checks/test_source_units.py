"""A source written in a unit other than its region prints (上海 in 万元, 新疆 in 元), or whose
figures look written in the other unit, is warned about at the line of ``unit:``."""

from __future__ import annotations

import dataclasses
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yusuan.cli.main import app
from yusuan.compose import build_disclosure
from yusuan.model.disclosure import Disclosure
from yusuan.model.money import Unit

from .helpers import findings_of

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _copy(tmp_path: Path, example: str, unit: str | None = None) -> Path:
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder)
    if unit is not None:
        budget = folder / "budget.yaml"
        lines = budget.read_text(encoding="utf-8").splitlines()
        lines = [f"unit: {unit}" if x.startswith("unit:") else x for x in lines]
        budget.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _unit_line(folder: Path) -> int:
    lines = (folder / "budget.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, x in enumerate(lines, 1) if x.startswith("unit:"))


@pytest.mark.parametrize(("example", "unit"), [("shanghai-dept-2025", "万元"),
                                                 ("korla-2024", "元")])
def test_a_unit_other_than_the_profile_prints_is_warned_at_its_line(tmp_path: Path,
                                                                   example: str, unit: str):
    folder = _copy(tmp_path, example, unit)
    (f,) = findings_of(build_disclosure(folder), "source.unit-differs")
    assert f.severity == "warning" and f.actual == unit
    assert f.location.file == str(folder / "budget.yaml")
    assert f.location.line == _unit_line(folder)
    assert str(f.location) == f"{folder / 'budget.yaml'}:{_unit_line(folder)}"


@pytest.mark.parametrize("example", ["shanghai-dept-2025", "korla-2024", "jiangsu-dept-2019"])
def test_the_profile_unit_gives_no_warning(tmp_path: Path, example: str):
    d = build_disclosure(_copy(tmp_path, example))
    assert findings_of(d, "source.unit-differs") == []
    assert findings_of(d, "source.unit-scale") == []


def _scaled(d: Disclosure, factor: Decimal) -> Disclosure:
    def row(r):  # type: ignore[no-untyped-def]
        return dataclasses.replace(r, values={k: None if v is None else v * factor
                                              for k, v in r.values.items()})
    return dataclasses.replace(d, tables=tuple(
        dataclasses.replace(t, rows=tuple(row(r) for r in t.rows)) for t in d.tables))


def test_whole_yuan_amounts_in_a_wan_document_are_warned(tmp_path: Path):
    d = build_disclosure(_copy(tmp_path, "korla-2024"))
    assert d.unit is Unit.WAN
    (f,) = findings_of(_scaled(d, Decimal(10_000)), "source.unit-scale")
    assert f.severity == "warning" and "元" in f.message and f.location.line is not None


def test_tiny_amounts_in_a_yuan_document_are_warned(tmp_path: Path):
    d = build_disclosure(_copy(tmp_path, "shanghai-dept-2025"))
    assert d.unit is Unit.YUAN
    (f,) = findings_of(_scaled(d, Decimal("0.0001")), "source.unit-scale")
    assert "万元" in f.message


def test_a_published_document_is_not_guessed_at(tmp_path: Path):
    d = build_disclosure(_copy(tmp_path, "korla-2024"))
    published = dataclasses.replace(_scaled(d, Decimal(10_000)), source=None)
    assert findings_of(published, "source.unit-scale") == []


def test_a_placeholder_of_a_source_names_its_line(tmp_path: Path):
    folder = tmp_path / "src"
    assert CliRunner().invoke(app, ["new", str(folder), "--profile", "shanghai-9"]).exit_code == 0
    lines = (folder / "budget.yaml").read_text(encoding="utf-8").splitlines()
    marked = [i for i, x in enumerate(lines, 1) if "（示例文字" in x and not x.startswith("#")]
    found = findings_of(build_disclosure(folder), "text.placeholder")
    assert found and {f.location.line for f in found} <= set(marked)
    assert all(str(f.location).endswith(f"budget.yaml:{f.location.line}") for f in found)
