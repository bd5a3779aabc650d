"""The synthetic 部门决算 rendered to XLSX, DOCX and PDF and parsed back: a Disclosure of kind
final whose every printed cell is the one written, and which checks without an error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checks.final_document import final_disclosure
from yusuan.checks.run import check_disclosure
from yusuan.model.cells import cell_records
from yusuan.model.disclosure import Disclosure
from yusuan.parse.dispatch import parse_files
from yusuan.render.docx import render_docx
from yusuan.render.pdf import render_pdf
from yusuan.render.xlsx import render_xlsx

KEY = ("table", "section", "code", "name", "column", "amount_yuan", "kind")
RENDER: dict[str, Callable[[Disclosure], bytes]] = {
    "xlsx": render_xlsx, "docx": render_docx, "pdf": render_pdf}


def _cells(d: Disclosure) -> list[tuple[str, ...]]:
    return sorted(tuple(c[k] for k in KEY) for c in cell_records(d))


@pytest.mark.parametrize("fmt", sorted(RENDER))
def test_every_cell_of_the_final_accounts_is_read_back(fmt: str, tmp_path: Path) -> None:
    written = final_disclosure()
    path = tmp_path / f"final.{fmt}"
    path.write_bytes(RENDER[fmt](written))
    read, _ = parse_files([path])
    assert (read.kind, read.edition, read.profile) == ("final", "部门决算", "shanghai-final-9")
    assert (read.department, read.year) == ("某区某局", 2024)
    assert [t.id for t in read.tables] == [t.id for t in written.tables]
    cells = _cells(written)
    assert len(cells) == 81 and all(c[-1] == "final" for c in cells)
    assert _cells(read) == cells
    assert [str(f) for f in check_disclosure(read) if f.severity == "error"] == []
