"""Build Korla → PDF (render/pdf.py) → parse: the same cells as the build wrote."""

from __future__ import annotations

import pytest

from tests.parse.cells import cell_set
from yusuan.parse import parse_file


def test_built_pdf_parses_to_the_same_cells(korla_disclosure, tmp_path):
    pytest.importorskip("weasyprint")
    from yusuan.render.pdf import render_pdf

    pdf = tmp_path / "korla.pdf"
    pdf.write_bytes(render_pdf(korla_disclosure))
    parsed, _ = parse_file(pdf)
    assert parsed.department == korla_disclosure.department
    assert parsed.year == 2024 and parsed.profile == "xinjiang-11"
    assert cell_set(parsed) == cell_set(korla_disclosure)
    assert parsed.table("gov_fund").empty_statement.startswith("库尔勒市人民政府办公室 2024 年没有")
