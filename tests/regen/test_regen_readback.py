"""A document yusuan writes reads back exactly: each corpus budget document written again, its
PDF read by yusuan's own reader gives the printed document's cells, one for one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.regen.test_regen_corpus import DOCUMENTS, regenerated
from yusuan.intake.read import read_inputs
from yusuan.model.cells import cell_records
from yusuan.parse.pdf import pdf_lines
from yusuan.render.pdf import render_pdf


def _cells(d) -> Counter:
    return Counter(tuple(sorted(r.items())) for r in cell_records(d))


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_regenerated_pdf_reads_back_every_cell(name: str, tmp_path: Path):
    r = regenerated(name)
    pdf = tmp_path / "again.pdf"
    pdf.write_bytes(render_pdf(r.disclosure))
    intakes, refused = read_inputs([pdf])
    assert not refused and len(intakes) == 1
    printed, again = _cells(r.original), _cells(intakes[0].disclosure)
    assert printed - again == Counter(), f"{(printed - again).total()} cells not read back"
    assert again - printed == Counter()


def test_a_running_head_on_most_pages_is_not_read(tmp_path: Path):
    """万里's name is long: the head printed at the top of every page of the regenerated
    document would otherwise end a table continued on the next page as prose."""
    r = regenerated("shanghai-putuo-wanli-subdistrict-2023-dept-budget")
    pdf = tmp_path / "again.pdf"
    pdf.write_bytes(render_pdf(r.disclosure))
    lines, pages, _ = pdf_lines(pdf)
    head = "上海市普陀区人民政府万里街道办事处2023年部门预算公开"
    assert pages > 20
    # page furniture: not read on the pages a table continues on
    assert [line.page for line in lines if line.label == head and (line.page or 0) > 2] == []
