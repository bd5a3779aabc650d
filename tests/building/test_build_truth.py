"""``yusuan build`` tells the truth: it prints the findings as ``yusuan check`` does, exits 1
while any error remains, and every document it writes then carries a visible 草稿 mark on
its first page (PDF, DOCX, HTML) and a 草稿 sheet first in the workbook."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
import openpyxl
import pdfplumber
from typer.testing import CliRunner

from tests.building.test_bad_input import edit
from tests.conftest import KORLA
from yusuan.cli.main import app

runner = CliRunner()


def test_an_error_makes_a_draft_and_exit_code_1(tmp_path: Path):
    source = tmp_path / "src"
    shutil.copytree(KORLA, source)
    # 表2: 教育支出 typed 4.18 where its items add up to 4.81
    edit(source / "tables.yaml", '{code: "205", name: 教育支出, 总计: "4.81"',
         '{code: "205", name: 教育支出, 总计: "4.18"')
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    errors = [f for f in json.loads((out / "checks.json").read_bytes())
              if f["severity"] == "error"]
    assert errors
    for finding in errors:  # every error printed, in the form `yusuan check` prints it
        assert f"{finding['rule_id']} [错误] {finding['message']}" in result.output
    assert f"错误 {len(errors)} 个" in result.output
    assert "草稿" in result.output

    note = f"草稿：生成时仍有 {len(errors)} 个错误未改正"
    html = (out / "disclosure.html").read_text(encoding="utf-8")
    assert html.index('class="draft"') < html.index('class="dept"')  # above the title
    assert note in html
    with pdfplumber.open(out / "disclosure.pdf") as pdf:
        first = (pdf.pages[0].extract_text() or "").replace(" ", "")
        assert "草稿" in first and note.replace(" ", "") in first.replace("\n", "")
    document = docx.Document(str(out / "disclosure.docx"))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[0].replace(" ", "") == "草稿" and texts[1].startswith(note)
    assert document.sections[-1].header.paragraphs[0].text.startswith("【草稿】")
    assert document.core_properties.category == "草稿"
    book = openpyxl.load_workbook(io.BytesIO((out / "disclosure.xlsx").read_bytes()))
    assert book.sheetnames[0] == "草稿"
    assert str(book["草稿"]["A2"].value).startswith(note)


def test_a_clean_build_is_final(tmp_path: Path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(KORLA), "-o", str(out), "-f", "html,docx"])
    assert result.exit_code == 0, result.output
    assert "错误 0 个" in result.output and "草稿" not in result.output
    assert "草稿" not in (out / "disclosure.html").read_text(encoding="utf-8")
    document = docx.Document(str(out / "disclosure.docx"))
    assert not any("草稿" in p.text for p in document.paragraphs)
    props = document.core_properties
    assert props.author == "库尔勒市人民政府办公室"
    assert props.title == "库尔勒市人民政府办公室2024年部门预算公开"
    assert props.created is not None and props.created.year >= 2025


def test_unusable_input_writes_nothing_and_exits_2(tmp_path: Path):
    source = tmp_path / "src"
    shutil.copytree(KORLA, source)
    edit(source / "budget.yaml", "year: 2024", "year: [2024")
    result = runner.invoke(app, ["build", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "out").exists()


def test_publication_too_long_after_approval_is_an_error_of_the_build(tmp_path: Path):
    source = tmp_path / "src"
    shutil.copytree(KORLA, source)
    edit(source / "budget.yaml", 'published_on: "2024-02-23"',
         'published_on: "2024-02-23"\napproved_on: "2024-01-18"')  # 36 days before
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "-o", str(out), "-f", "html"])
    assert result.exit_code == 1, result.output
    assert ("completeness.timeliness [错误] 预算于2024年1月18日批复，2024年2月23日才公开，"
            "相隔 36 日") in result.output
    assert 'class="draft"' in (out / "disclosure.html").read_text(encoding="utf-8")
