"""DOCX reader: merged table cells (gridSpan, vMerge) as header paths, paragraphs in document
order, and unusable documents (exit code 2, never a traceback)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from tests.parse.cells import cell_set
from yusuan.cli.main import app
from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.parse import parse_file
from yusuan.parse.docx import docx_lines


def _cli(*args: str):
    return CliRunner().invoke(app, ["parse", *args])


def _gpb_document(korla: Disclosure, path: Path) -> Path:
    """表5 typed in Word by hand: merged header cells made with python-docx's ``merge``
    (which writes gridSpan and vMerge), 编制部门 and 单位 separated by a tab."""
    doc = docx.Document()
    doc.add_paragraph("表5")
    doc.add_paragraph("2024年一般公共预算支出情况表")
    doc.add_paragraph(f"编制部门：{korla.department}\t单位：万元")
    table = korla.table("gpb")
    grid = doc.add_table(rows=3 + len(table.rows), cols=7)
    head = grid.rows
    head[0].cells[0].merge(head[0].cells[3]).text = "科目"
    head[0].cells[4].merge(head[0].cells[6]).text = "一般公共预算支出"
    head[1].cells[0].merge(head[1].cells[2]).text = "功能分类科目编码"
    head[1].cells[3].merge(head[2].cells[3]).text = "功能分类科目名称"
    for i, leaf in enumerate(("合计", "基本支出", "项目支出"), 4):
        head[1].cells[i].merge(head[2].cells[i]).text = leaf
    for i, level in enumerate(("类", "款", "项")):
        head[2].cells[i].text = level
    for n, row in enumerate(table.rows, 3):
        cells = grid.rows[n].cells
        code = row.code or ""
        for i, part in enumerate((code[:3], code[3:5], code[5:7])):
            cells[i].text = part
        cells[3].text = row.name
        for i, key in enumerate(("total", "basic", "project"), 4):
            value = row.values.get(key)
            cells[i].text = f"{value:,}" if value is not None else ""
    doc.save(path)
    return path


def test_hand_made_table_with_merged_header(tmp_path, korla_disclosure):
    path = _gpb_document(korla_disclosure, tmp_path / "gpb.docx")
    parsed, _ = parse_file(path)
    assert parsed.year == 2024 and parsed.department == korla_disclosure.department
    assert [(t.id, t.number) for t in parsed.tables] == [("gpb", "表5")]
    expected = {c for c in cell_set(korla_disclosure) if c[0] == "gpb"}
    assert cell_set(parsed) == expected


def test_merged_cells_span_their_grid_columns(tmp_path, korla_disclosure):
    lines = docx_lines(_gpb_document(korla_disclosure, tmp_path / "gpb.docx"))
    header = next(line for line in lines if line.cells[0].text == "科目")
    assert [(c.text, c.x0, c.x1) for c in header.cells] == [
        ("科目", 0.0, 3.9), ("一般公共预算支出", 4.0, 6.9)]
    leaves = next(line for line in lines if line.cells[0].text == "功能分类科目编码")
    assert [c.text for c in leaves.cells] == ["功能分类科目编码", "功能分类科目名称", "合计",
                                             "基本支出", "项目支出"]
    levels = next(line for line in lines if line.cells[0].text == "类")
    assert [c.text for c in levels.cells] == ["类", "款", "项"]  # the vMerge parts print nothing
    meta = next(line for line in lines if line.cells[0].text.startswith("编制部门"))
    assert [c.text for c in meta.cells] == [f"编制部门：{korla_disclosure.department}", "单位：万元"]


def test_document_without_budget_table(tmp_path):
    doc = docx.Document()
    doc.add_heading("关于召开年度工作会议的通知", 1)
    doc.add_paragraph("请各单位于 3 月 5 日前报送材料。")
    path = tmp_path / "letter.docx"
    doc.save(path)
    with pytest.raises(InputError, match="不是部门预算公开文件"):
        parse_file(path)
    result = _cli(str(path))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_not_a_zip_named_docx(tmp_path):
    junk = tmp_path / "budget.docx"
    junk.write_bytes(b"\x00\x01 not a word file " * 40)
    result = _cli(str(junk))
    assert result.exit_code == 2 and "不支持的文件类型" in result.output


def test_truncated_docx(tmp_path, korla_disclosure):
    from yusuan.render.docx import render_docx

    data = render_docx(korla_disclosure)
    for size in (len(data) // 3, len(data) - 50):
        broken = tmp_path / f"truncated-{size}.docx"
        broken.write_bytes(data[:size])
        with pytest.raises(InputError, match="损坏"):
            parse_file(broken)
        result = _cli(str(broken))
        assert result.exit_code == 2 and "Traceback" not in result.output


def test_damaged_document_xml(tmp_path, korla_disclosure):
    from yusuan.render.docx import render_docx

    source = tmp_path / "good.docx"
    source.write_bytes(render_docx(korla_disclosure))
    broken = tmp_path / "damaged.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    with pytest.raises(InputError, match="DOCX 文件已损坏"):
        parse_file(broken)
    result = _cli(str(broken))
    assert result.exit_code == 2 and "damaged.docx" in result.output


def test_zip_that_is_neither(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    result = _cli(str(path))
    assert result.exit_code == 2 and "既不是 DOCX 也不是 XLSX" in result.output


def test_tables_in_xlsx_and_text_in_docx_merge(tmp_path, korla_disclosure):
    """A department hands in the tables as a workbook and the text as a Word file: the
    Word file has no table, so only its Part 1, Part 3 and glossary are read."""
    import dataclasses

    from yusuan.parse import parse_files
    from yusuan.render.docx import render_docx
    from yusuan.render.xlsx import render_xlsx

    tables = tmp_path / "tables.xlsx"
    tables.write_bytes(render_xlsx(korla_disclosure))
    text = tmp_path / "text.docx"
    text.write_bytes(render_docx(dataclasses.replace(
        korla_disclosure, tables=(), overall_performance=(), project_performance=())))
    merged, findings = parse_files([tables, text])
    assert cell_set(merged) == cell_set(korla_disclosure)
    assert [s.key for s in merged.narrative] == [s.key for s in korla_disclosure.narrative]
    assert merged.glossary == korla_disclosure.glossary
    assert merged.overview.staffing == korla_disclosure.overview.staffing
    assert merged.overall_performance == korla_disclosure.overall_performance
    assert "parse.narrative-only" in {f.rule_id for f in findings}


def test_template_content_type_is_read_like_a_document(tmp_path, korla_disclosure):
    """python-docx refuses a .dotx/.docm main part; its body is the same WordprocessingML."""
    from yusuan.render.docx import render_docx

    source = tmp_path / "good.docx"
    source.write_bytes(render_docx(korla_disclosure))
    template = tmp_path / "template.dotx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(template, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml",
                                    b"wordprocessingml.template.main+xml")
            zout.writestr(item, data)
    with pytest.raises(ValueError, match="not a Word file"):
        docx.Document(str(template))
    parsed, _ = parse_file(template)
    assert cell_set(parsed) == cell_set(korla_disclosure)
