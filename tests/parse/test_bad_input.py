"""Unusable input gives one clear Chinese message and exit code 2, never a traceback."""

from __future__ import annotations

import io
import random

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, SEED_TEXT
from yusuan.cli.main import app
from yusuan.model.errors import InputError
from yusuan.parse import parse_file

SHANGHAI = FIXTURES / "shanghai-putuo-commerce-commission-2025-dept-budget.pdf"


def _cli(*args: str):
    return CliRunner().invoke(app, ["parse", *args])


def test_truncated_pdf(tmp_path):
    broken = tmp_path / "truncated.pdf"
    broken.write_bytes(SHANGHAI.read_bytes()[:20000])
    with pytest.raises(InputError, match="已损坏或不完整"):
        parse_file(broken)
    result = _cli(str(broken))
    assert result.exit_code == 2
    assert "truncated.pdf" in result.output and "Traceback" not in result.output


def test_random_bytes_named_pdf(tmp_path):
    junk = tmp_path / "random.pdf"
    junk.write_bytes(b"\x00" + random.Random(35).randbytes(4095))  # no known signature
    with pytest.raises(InputError, match="不支持的文件类型"):
        parse_file(junk)
    assert _cli(str(junk)).exit_code == 2


def test_pdf_header_then_garbage(tmp_path):
    junk = tmp_path / "garbage.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + random.Random(43).randbytes(2048))
    with pytest.raises(InputError, match="已损坏或不完整"):
        parse_file(junk)


def test_scanned_pdf_without_text_layer(tmp_path):
    image = pytest.importorskip("PIL.Image")
    scan = tmp_path / "scan.pdf"
    page = image.new("RGB", (400, 560), "white")
    buf = io.BytesIO()
    page.save(buf, format="PDF")
    scan.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="没有文字层"):
        parse_file(scan)
    result = _cli(str(scan))
    assert result.exit_code == 2 and "扫描件" in result.output


def test_text_that_is_not_a_budget_disclosure(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("关于召开年度工作会议的通知\n请各单位于 3 月 5 日前报送材料。\n", encoding="utf-8")
    with pytest.raises(InputError, match="不是部门预算公开文件"):
        parse_file(letter)
    assert _cli(str(letter)).exit_code == 2


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="空"):
        parse_file(empty)
    result = _cli(str(tmp_path / "nowhere.pdf"))
    assert result.exit_code == 2 and "不存在" in result.output


def test_unknown_profile(tmp_path):
    result = _cli(str(SEED_TEXT), "--profile", "mars-3")
    assert result.exit_code == 2 and "mars-3" in result.output


def test_encrypted_pdf(tmp_path):
    """A PDF whose trailer names an /Encrypt dictionary (pdfminer cannot decrypt it)."""
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"3 0 obj<</Filter/Standard/V 2/R 3/Length 128/P -4/O(0123456789abcdef0123456789abcdef)"
            b"/U(0123456789abcdef0123456789abcdef)>>endobj\n")
    xref = len(body)
    pdf = body + (b"xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R/Encrypt 3 0 R"
                  b"/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]>>\n"
                  b"startxref\n" + str(xref).encode() + b"\n%%EOF\n")
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(pdf)
    with pytest.raises(InputError, match="已加密"):
        parse_file(locked)


def test_partly_scanned_pdf_reads_the_text_pages_and_names_the_others(tmp_path):
    """A page that is only an image gets a finding; the pages with text are still read."""
    weasyprint = pytest.importorskip("weasyprint")
    image = pytest.importorskip("PIL.Image")
    png = tmp_path / "scan.png"
    image.new("RGB", (200, 100), "gray").save(png)
    seed = SEED_TEXT.read_text(encoding="utf-8")
    table = seed[seed.index("部门支出总体情况表"):seed.index("表 4")]
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in line.split("\t")) + "</tr>"
                   if "\t" in line else f"<p>{line}</p>" for line in table.splitlines() if line)
    html = (f"<html><body>{rows.replace('<tr>', '<table><tr>', 1)}</table>"
            f"<div style='page-break-before: always'><img src='{png.as_uri()}'></div>"
            "</body></html>")
    pdf = tmp_path / "partly.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf)
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        last = len(doc.pages)
    disclosure, findings = parse_file(pdf)
    assert disclosure.table("expenditure").total is not None
    assert [f.location.page for f in findings if f.rule_id == "parse.page-without-text"] == [last]
