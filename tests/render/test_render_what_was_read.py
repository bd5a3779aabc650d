"""Whatever yusuan reads it can print: the portal renders an ingested document (its page and
its PDF/DOCX/XLSX downloads) from what parse made of it, so every corpus file — budgets,
决算, a split publication's parts alone, the workbook templates — renders in HTML, DOCX and
XLSX without an error (the 决算 template's 基本支出决算表, a side with no rows, once
raised IndexError)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.parse import parse_file
from yusuan.parse.document import NoTablesError
from yusuan.render.docx import render_docx
from yusuan.render.html import render_html
from yusuan.render.xlsx import render_xlsx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = sorted(p for p in FIXTURES.iterdir()
               if p.suffix in (".pdf", ".txt", ".xlsx") and "encrypted" not in p.name)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_file_read_renders_in_every_format(path: Path) -> None:
    try:
        d, _ = parse_file(path)
    except NoTablesError:  # a split publication's text alone: read with its tables, not alone
        assert ".part1-narrative" in path.name
        return
    html = render_html(d).decode("utf-8")
    assert (d.department or "<html") in html
    assert render_docx(d)[:2] == b"PK" and render_xlsx(d)[:2] == b"PK"
