"""XLSX reader: sheets laid out like the budget system's export, cell values at the boundary,
and unusable workbooks (exit code 2, never a traceback)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from tests.parse.cells import cell_set
from yusuan.cli.main import app
from yusuan.model.disclosure import Disclosure, Table
from yusuan.model.errors import InputError
from yusuan.parse import parse_file
from yusuan.parse.xlsx import amount_text


def _cli(*args: str):
    return CliRunner().invoke(app, ["parse", *args])


def _gpb_sheet(book: Workbook, table: Table, department: str, *, split_codes: bool,
               numbers: bool, sheet: str = "Sheet1", stray: dict[str, str] | None = None,
               ) -> None:
    """表5 as the budget system exports it: year in the title, 编制部门 and 单位 in one row,
    a three-row merged header, 类/款/项 as three columns (codes typed as numbers) or one
    科目编码 column, amounts as numbers or as text with thousands separators."""
    ws = book.create_sheet(sheet)
    width = 7 if split_codes else 5
    last = chr(ord("A") + width - 1)
    ws["A1"] = "2024年一般公共预算支出情况表"
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = f"编制部门：{department}"
    ws.merge_cells("A2:C2")
    ws[f"{last}2"] = "单位：万元"
    name_col = "D" if split_codes else "B"
    first_amount = 4 if split_codes else 2
    amount_letters = [chr(ord("A") + first_amount + i) for i in range(3)]
    if split_codes:
        ws["A3"] = "科目"
        ws.merge_cells("A3:D3")
        ws["A4"] = "功能分类科目编码"
        ws.merge_cells("A4:C4")
        ws["A5"], ws["B5"], ws["C5"] = "类", "款", "项"
        ws["D4"] = "功能分类科目名称"
        ws.merge_cells("D4:D5")
    else:
        ws["A3"], ws["B3"] = "科目编码", "科目名称"
        ws.merge_cells("A3:A5")
        ws.merge_cells("B3:B5")
    ws[f"{amount_letters[0]}3"] = "一般公共预算支出"
    ws.merge_cells(f"{amount_letters[0]}3:{amount_letters[2]}3")
    for letter, leaf in zip(amount_letters, ("合计", "基本支出", "项目支出"), strict=True):
        ws[f"{letter}4"] = leaf
        ws.merge_cells(f"{letter}4:{letter}5")
    r = 6
    for row in table.rows:
        code = row.code or ""
        if split_codes:
            parts = [code[:3], code[3:5], code[5:7]]
            for letter, part in zip("ABC", parts, strict=True):
                if part:
                    ws[f"{letter}{r}"] = int(part)  # typed as a number: 03 becomes 3
        elif code:
            ws[f"A{r}"] = code
        ws[f"{name_col}{r}"] = row.name
        for letter, key in zip(amount_letters, ("total", "basic", "project"), strict=True):
            value = row.values.get(key)
            if value is not None:
                ws[f"{letter}{r}"] = float(value) if numbers else f"{value:,}"
        r += 1
    for ref, text in (stray or {}).items():
        ws[ref] = text


def _workbook(tmp_path: Path, korla: Disclosure, name: str = "export.xlsx", **kw) -> Path:
    book = Workbook()
    book.remove(book.active)
    _gpb_sheet(book, korla.table("gpb"), korla.department, **kw)
    path = tmp_path / name
    book.save(path)
    return path


def _gpb_cells(d: Disclosure) -> set[tuple[str, ...]]:
    return {c for c in cell_set(d) if c[0] == "gpb"}


@pytest.mark.parametrize(("split_codes", "numbers"), [(True, True), (False, False),
                                                     (True, False), (False, True)])
def test_budget_system_export_layout(tmp_path, korla_disclosure, split_codes, numbers):
    path = _workbook(tmp_path, korla_disclosure, split_codes=split_codes, numbers=numbers)
    parsed, findings = parse_file(path)
    assert parsed.year == 2024 and parsed.department == korla_disclosure.department
    assert [t.id for t in parsed.tables] == ["gpb"]
    assert _gpb_cells(parsed) == _gpb_cells(korla_disclosure)
    assert not [f for f in findings if f.rule_id.startswith("parse.amount")]


def test_amount_with_more_decimals_is_rounded_as_printed_with_info(tmp_path, korla_disclosure):
    path = _workbook(tmp_path, korla_disclosure, split_codes=True, numbers=True)
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Sheet1"]["F9"] = 739.015  # 行政运行 基本支出, printed 739.02 by #,##0.00
    book.save(path)
    parsed, findings = parse_file(path)
    row = parsed.table("gpb").row(code="2010301")
    assert row.value("basic") == Decimal("739.02")
    (info,) = [f for f in findings if f.rule_id == "parse.amount-rounded"]
    assert info.severity == "info" and "F9" in info.message and "739.015" in info.message


def test_text_in_an_amount_column_is_a_warning_and_a_blank(tmp_path, korla_disclosure):
    path = _workbook(tmp_path, korla_disclosure, split_codes=True, numbers=True,
                     stray={"F9": "待定"})
    parsed, findings = parse_file(path)
    (warning,) = [f for f in findings if f.rule_id == "parse.amount-not-a-number"]
    assert warning.severity == "warning" and "F9" in warning.message and "待定" in warning.message
    row = parsed.table("gpb").row(code="2010301")
    assert row.name == "行政运行" and row.project is None
    assert row.value("basic") is None and row.value("total") == Decimal("739.02")
    result = _cli(str(path))
    assert result.exit_code == 0 and "Traceback" not in result.output


def test_sheet_names_do_not_decide(tmp_path, korla_disclosure):
    path = _workbook(tmp_path, korla_disclosure, split_codes=True, numbers=True, sheet="表1")
    parsed, _ = parse_file(path)
    assert [t.id for t in parsed.tables] == ["gpb"]  # recognised by title, whatever the sheet
    assert parsed.table("gpb").number == "表1"  # the sheet's name still numbers its table


def test_amount_text_is_exact_and_half_up():
    assert amount_text(0.1 + 0.2) == "0.30"  # 0.30000000000000004 → printed 0.30
    assert amount_text(1491.86) == "1491.86"
    assert amount_text(2.675) == "2.68"  # repr 2.675, not the binary 2.67499999…
    assert amount_text(-0.005) == "-0.01"
    assert amount_text(300.0) == "300.00"


def test_workbook_without_budget_table(tmp_path):
    book = Workbook()
    book.active["A1"] = "职工通讯录"
    book.active["A2"] = "张三"
    book.active["B2"] = 13800000000
    path = tmp_path / "contacts.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="不是部门预算公开文件"):
        parse_file(path)
    result = _cli(str(path))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_not_a_zip_named_xlsx(tmp_path):
    junk = tmp_path / "budget.xlsx"
    junk.write_bytes(b"\x01\x02\x00binary junk" * 50)
    result = _cli(str(junk))
    assert result.exit_code == 2 and "不支持的文件类型" in result.output


def test_truncated_xlsx(tmp_path, korla_disclosure):
    from yusuan.render.xlsx import render_xlsx

    data = render_xlsx(korla_disclosure)
    for size in (len(data) // 2, len(data) - 100):
        broken = tmp_path / f"truncated-{size}.xlsx"
        broken.write_bytes(data[:size])
        with pytest.raises(InputError, match="损坏"):
            parse_file(broken)
        result = _cli(str(broken))
        assert result.exit_code == 2 and "Traceback" not in result.output


def test_damaged_sheet_is_skipped_with_a_warning(tmp_path, korla_disclosure):
    import zipfile

    from yusuan.render.xlsx import render_xlsx

    source = tmp_path / "good.xlsx"
    source.write_bytes(render_xlsx(korla_disclosure))
    broken = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":  # 表1 (Part 1's text is sheet1)
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    parsed, findings = parse_file(broken)
    (unreadable,) = [f for f in findings if f.rule_id == "parse.sheet-unreadable"]
    assert unreadable.severity == "warning" and "表1" in unreadable.message
    assert "summary" not in {t.id for t in parsed.tables}  # 表1 was on the damaged sheet
    assert cell_set(parsed) == {c for c in cell_set(korla_disclosure) if c[0] != "summary"}
    result = _cli(str(broken))
    assert result.exit_code == 0 and "Traceback" not in result.output


def test_encrypted_xlsx():
    encrypted = FIXTURES / "encrypted-workbook.xlsx"
    with pytest.raises(InputError, match="已加密"):
        parse_file(encrypted)
    result = _cli(str(encrypted))
    assert result.exit_code == 2 and "密码" in result.output


def test_column_numbers_typed_as_numbers(tmp_path, korla_disclosure):
    """栏次 1 2 3 under the header, typed as numbers, are column numbers, not a row."""
    path = _workbook(tmp_path, korla_disclosure, split_codes=True, numbers=True)
    from openpyxl import load_workbook

    book = load_workbook(path)
    ws = book["Sheet1"]
    ws.insert_rows(6)
    ws["A6"], ws["E6"], ws["F6"], ws["G6"] = "栏次", 1, 2, 3
    book.save(path)
    parsed, _ = parse_file(path)
    assert _gpb_cells(parsed) == _gpb_cells(korla_disclosure)


def test_hidden_and_oversized_sheets_are_not_read(tmp_path, korla_disclosure):
    """A hidden sheet (a helper copy with other figures) is skipped with an info finding; a
    sheet whose used range spans a million rows is skipped with a warning, not loaded."""
    book = Workbook()
    book.remove(book.active)
    table = korla_disclosure.table("gpb")
    _gpb_sheet(book, table, korla_disclosure.department, split_codes=True, numbers=True,
               sheet="草稿", stray={"E7": 1.0})
    book["草稿"].sheet_state = "hidden"
    _gpb_sheet(book, table, korla_disclosure.department, split_codes=True, numbers=True)
    huge = book.create_sheet("备注")
    huge["A1"] = "说明"
    huge["XFD1000000"] = "x"
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    parsed, findings = parse_file(path)
    assert _gpb_cells(parsed) == _gpb_cells(korla_disclosure)
    rules = {f.rule_id: f for f in findings}
    assert rules["parse.sheet-hidden"].severity == "info" and "草稿" in rules[
        "parse.sheet-hidden"].message
    assert rules["parse.sheet-too-large"].severity == "warning"
    assert "备注" in rules["parse.sheet-too-large"].message


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_cli_writes_the_cells_csv(tmp_path, korla_disclosure, fmt):
    from collections import Counter

    from yusuan.render.docx import render_docx
    from yusuan.render.export import render_cells_csv
    from yusuan.render.xlsx import render_xlsx

    source = tmp_path / f"korla.{fmt}"
    source.write_bytes((render_xlsx if fmt == "xlsx" else render_docx)(korla_disclosure))
    out = tmp_path / "cells.csv"
    result = _cli(str(source), "-f", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output

    def rows(data: bytes) -> Counter[str]:
        return Counter(data.decode("utf-8-sig").splitlines())

    assert rows(out.read_bytes()) == rows(render_cells_csv(korla_disclosure))
