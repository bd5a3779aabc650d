"""The XLSX, read back with openpyxl: one sheet per table, amounts as numbers equal to the
Decimals at 2 dp in their row and column, merged header ranges, frozen header, formats."""

from __future__ import annotations

from decimal import Decimal

from openpyxl.utils import get_column_letter

from yusuan.render.html import grids
from yusuan.render.layout import overall_grid, place, project_grid


def cell_range(r: int, c: int, rows: int, cols: int) -> str:
    """A1 range of 0-based (r, c) spanning rows × cols."""
    return (f"{get_column_letter(c + 1)}{r + 1}:"
            f"{get_column_letter(c + cols)}{r + rows}")


def as_decimal(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def test_sheet_names(korla_xlsx, korla_disclosure):
    """The parts in print order: Part 1's text, the tables, the narrative and the glossary,
    the performance tables (新疆 prints them last)."""
    assert korla_xlsx.sheetnames == ["2024年库尔勒市人民政府办公室部门概况"] + [
        f"表{i}" for i in range(1, 12)] + ["2024年部门预算情况说明", "名词解释",
        "整体绩效目标", "项目绩效1", "项目绩效2", "项目绩效3", "项目绩效4"]


def _column_a(ws) -> list[str]:
    return [row[0].value for row in ws.iter_rows() if row[0].value]


def test_text_sheets_hold_what_the_pdf_prints(korla_xlsx, korla_disclosure):
    d = korla_disclosure
    part1 = _column_a(korla_xlsx["2024年库尔勒市人民政府办公室部门概况"])
    assert part1[0].startswith("第一部分")
    assert all(p in part1 for p in d.organisation_paragraphs)
    assert any(d.overview.functions[0] in text for text in part1)
    narrative = _column_a(korla_xlsx["2024年部门预算情况说明"])
    for s in d.narrative:
        assert any(s.title in text for text in narrative)
        for paragraph in s.paragraphs:
            if paragraph and paragraph[0].kind != "performance_tables":
                assert "".join(x.text for x in paragraph) in narrative
    glossary = _column_a(korla_xlsx["名词解释"])
    assert all(any(t.definition in text for text in glossary) for t in d.glossary)
    ws = korla_xlsx["2024年部门预算情况说明"]
    assert ws["A2"].alignment.wrap_text and ws.column_dimensions["A"].width > 100
    long_row = max(range(1, ws.max_row + 1), key=lambda r: len(ws.cell(r, 1).value or ""))
    assert ws.row_dimensions[long_row].height > 2 * 12  # wrapped: as high as its lines


def test_every_amount_a_number_in_its_cell(korla_xlsx, korla_disclosure):
    written = 0
    for table, grid in grids(korla_disclosure):
        ws = korla_xlsx[table.number]
        assert ws["A1"].value == table.title
        assert ws["A2"].value == f"编制部门：{table.department}"
        assert f"单位：{table.unit.value}" in [c.value for c in ws[2]]
        merged = {str(r) for r in ws.merged_cells.ranges}
        assert cell_range(0, 0, 1, grid.width) in merged
        for p in place(grid.header):
            assert ws.cell(3 + p.row, 1 + p.col).value == p.cell.text
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                assert cell_range(2 + p.row, p.col, p.cell.rowspan, p.cell.colspan) in merged
        top = 2 + len(grid.header) + (1 if grid.numbers else 0)
        assert ws.freeze_panes == f"A{top + 1}"
        for i, row in enumerate(grid.body):
            for c, cell in enumerate(row.cells):
                got = ws.cell(top + 1 + i, c + 1)
                if cell.kind == "amount" and cell.value is not None:
                    assert isinstance(got.value, float | int), (table.id, i, c)
                    assert as_decimal(got.value) == cell.value
                    assert got.number_format == "#,##0.00"
                    written += 1
                elif cell.text:
                    assert got.value == cell.text
                    assert isinstance(got.value, str)  # codes stay text: 201, 03, 01
                else:
                    assert got.value is None  # blank stays blank, never 0
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert written == sum(len(list(t.cells())) for t in korla_disclosure.tables)


def test_performance_sheets(korla_xlsx, korla_disclosure):
    sheets = [("整体绩效目标", overall_grid(p)) for p in korla_disclosure.overall_performance]
    sheets += [(f"项目绩效{i}", project_grid(p))
               for i, p in enumerate(korla_disclosure.project_performance, 1)]
    for name, pg in sheets:
        ws = korla_xlsx[name]
        assert ws["A1"].value == pg.title
        merged = {str(r) for r in ws.merged_cells.ranges}
        for p in place(pg.rows):
            got = ws.cell(3 + p.row, 1 + p.col).value
            if p.cell.kind in ("amount", "weight") and p.cell.value is not None:
                assert as_decimal(got) == p.cell.value.quantize(Decimal("0.01"))
            else:
                assert (got or "") == p.cell.text
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                assert cell_range(2 + p.row, p.col, p.cell.rowspan, p.cell.colspan) in merged
