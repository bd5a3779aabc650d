"""``yusuan check --previous LAST`` and ``--annotate OUT.pdf`` through the command line."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pdfplumber
from typer.testing import CliRunner

from yusuan.cli.main import app
from yusuan.compose import build_disclosure
from yusuan.model.serialize import disclosure_to_data

ROOT = Path(__file__).resolve().parents[2]
KORLA = ROOT / "examples" / "korla-2024"
JIANGSU = ROOT / "tests" / "fixtures" / "jiangsu-provincial-procuratorate-2019-dept-budget.pdf"
runner = CliRunner()


def _write(d, path: Path) -> Path:
    path.write_text(json.dumps(disclosure_to_data(d), ensure_ascii=False), encoding="utf-8")
    return path


def test_previous_finds_a_prior_year_figure_that_is_not_what_was_published(tmp_path) -> None:
    korla = build_disclosure(KORLA)
    gpb = korla.table("gpb")
    assert gpb is not None
    rows = tuple(dataclasses.replace(r, values={**r.values, "total": Decimal("70.00")})
                 if r.code == "2101101" and r.project is None else r for r in gpb.rows)
    last = dataclasses.replace(korla, year=2023, tables=tuple(
        dataclasses.replace(t, rows=rows) if t.id == "gpb" else t for t in korla.tables))
    this = _write(korla, tmp_path / "2024.json")
    before = _write(last, tmp_path / "2023.json")
    result = runner.invoke(app, ["check", str(this), "--previous", str(before),
                                 "--level", "error"])
    assert result.exit_code == 1, result.output
    assert "cross-year.prior-eq-previous" in result.output
    assert "隐含上年数 75.27万元" in result.output and "印为 70.00万元" in result.output
    assert "比上年增减已与上一年度核对：库尔勒市人民政府办公室 2023 年部门预算" in result.output


def test_previous_is_named_even_when_every_change_agrees(tmp_path) -> None:
    """No cross-year finding must not read as if --previous had been ignored."""
    korla = build_disclosure(KORLA)
    this = _write(korla, tmp_path / "2024.json")
    before = _write(dataclasses.replace(korla, year=2023), tmp_path / "2023.json")
    result = runner.invoke(app, ["check", str(this), "--previous", str(before)])
    assert "比上年增减已与上一年度核对：库尔勒市人民政府办公室 2023 年部门预算" in result.output


def test_annotate_writes_the_pdf_with_its_findings_boxed(tmp_path) -> None:
    out = tmp_path / "标注.pdf"
    result = runner.invoke(app, ["check", str(JIANGSU), "--annotate", str(out)])
    assert result.exit_code == 1, result.output  # the document has real errors
    with pdfplumber.open(out) as pdf, pdfplumber.open(JIANGSU) as original:
        assert len(pdf.pages) > len(original.pages)
        notes = [a.get("contents") or "" for p in pdf.pages[:len(original.pages)]
                 for a in p.annots]
    assert any("narrative." in n for n in notes)
    again = runner.invoke(app, ["check", str(JIANGSU), "--annotate", str(JIANGSU)])
    assert again.exit_code == 2  # never over the checked file
