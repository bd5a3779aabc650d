"""Build → render (PDF, XLSX, DOCX) → parse: the same cells as the build wrote.

Korla (tables at table level, amounts as printed): the cells CSV of the parsed file has
exactly the rows of the build's cells CSV, department and year included (as a multiset; the
order differs only in two-sided tables, whose rows the printed page interleaves).

Synthetic (tables derived from 元 line items): a 万元 amount then carries up to 6 decimals
(``12.345678``), but every format prints it at two — the PDF and DOCX as text, the XLSX as a
``#,##0.00`` number whose display the reader takes. What a reader can recover is the printed
value, so the expectation is the build's cells with each amount rounded half-up to the cent
in its table's unit, as ``money.format_amount`` prints it. One more thing is not printed: a
``projects-flat`` table (上年结转结余情况明细表) has a single 项目名称 column showing the
row's project, or its name when it has none (``grid.py``); a row whose project equals its
name therefore reads back as that label with no separate project. The expectation says so
for those tables only; every other cell must match as built.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.conftest import EXAMPLES
from tests.parse.cells import cell_set
from yusuan.model.disclosure import Disclosure, Row, label
from yusuan.model.profiles import load_profile
from yusuan.parse import parse_file
from yusuan.render.export import render_cells_csv

FORMATS = ("pdf", "xlsx", "docx")


def _render(disclosure: Disclosure, fmt: str) -> bytes:
    if fmt == "pdf":
        pytest.importorskip("weasyprint")
        from yusuan.render.pdf import render_pdf

        return render_pdf(disclosure)
    if fmt == "xlsx":
        from yusuan.render.xlsx import render_xlsx

        return render_xlsx(disclosure)
    from yusuan.render.docx import render_docx

    return render_docx(disclosure)


def _parse_rendered(disclosure: Disclosure, fmt: str, tmp_path) -> tuple[Disclosure, list]:
    path = tmp_path / f"rendered.{fmt}"
    path.write_bytes(_render(disclosure, fmt))
    return parse_file(path)


def _csv_rows(disclosure: Disclosure) -> Counter[str]:
    return Counter(render_cells_csv(disclosure).decode("utf-8-sig").splitlines())


@pytest.fixture(scope="module")
def synthetic_disclosure():
    from yusuan.compose import build_disclosure

    return build_disclosure(EXAMPLES / "synthetic-2024")


def as_printed(disclosure: Disclosure) -> Disclosure:
    """The cells a reader can recover from the printed document (see the module docstring)."""
    profile = load_profile(disclosure.profile)

    def printed(row: Row, flat: bool) -> Row:
        values = {k: None if v is None else v.quantize(Decimal("0.01"), ROUND_HALF_UP)
                  for k, v in row.values.items()}
        if flat and row.project and label(row.project) == label(row.name):
            return dataclasses.replace(row, values=values, project=None)
        return dataclasses.replace(row, values=values)

    tables = []
    for t in disclosure.tables:
        layout = profile.table(t.id)
        flat = layout is not None and layout.rows == "projects-flat"
        tables.append(dataclasses.replace(t, rows=tuple(printed(r, flat) for r in t.rows)))
    return dataclasses.replace(disclosure, tables=tuple(tables))


@pytest.mark.parametrize("fmt", FORMATS)
def test_korla_parses_to_the_same_cells_csv(korla_disclosure, tmp_path, fmt):
    parsed, _ = _parse_rendered(korla_disclosure, fmt, tmp_path)
    assert parsed.department == korla_disclosure.department
    assert parsed.year == 2024 and parsed.profile == "xinjiang-11"
    assert _csv_rows(parsed) == _csv_rows(korla_disclosure)
    assert parsed.table("gov_fund").empty_statement.startswith("库尔勒市人民政府办公室2024年没有")


@pytest.mark.parametrize("fmt", ("xlsx", "docx"))
def test_korla_tables_numbers_and_performance_come_back(korla_disclosure, tmp_path, fmt):
    parsed, findings = _parse_rendered(korla_disclosure, fmt, tmp_path)
    assert [t.number for t in parsed.tables] == [t.number for t in korla_disclosure.tables]
    assert parsed.overall_performance == korla_disclosure.overall_performance
    assert parsed.project_performance == korla_disclosure.project_performance
    assert not [f for f in findings if f.severity != "info"]


@pytest.mark.parametrize("fmt", ("docx", "pdf"))
def test_korla_glossary_and_staffing(korla_disclosure, tmp_path, fmt):
    parsed, _ = _parse_rendered(korla_disclosure, fmt, tmp_path)
    assert parsed.glossary == korla_disclosure.glossary
    assert parsed.overview.staffing == korla_disclosure.overview.staffing


TABLE_SECTIONS = ("income", "expenditure", "appropriation", "gpb", "gpb_basic", "gpb_project")


def _facts_by_sentence(d: Disclosure, keys: tuple[str, ...]) -> dict[tuple[str, str], set]:
    out: dict[tuple[str, str], set] = {}
    for section in d.narrative:
        if section.key not in keys:
            continue
        for sentence in section.sentences():
            if sentence.facts:
                out[(section.key, sentence.text.replace(" ", ""))] = {
                    (f.amount, f.share, f.change, f.rate, f.ref_table, f.ref_code, f.ref_row,
                     f.ref_column) for f in sentence.facts}
    return out


def test_korla_docx_part3_facts_equal_the_generated_ones(korla_disclosure, tmp_path):
    """Per generated sentence of the sections that state table figures (收入, 支出, 财政拨款,
    一般公共预算 and its basic/project parts): amount, share, change, rate and the cell
    referred to."""
    parsed, _ = _parse_rendered(korla_disclosure, "docx", tmp_path)
    assert [s.key for s in parsed.narrative] == [s.key for s in korla_disclosure.narrative]
    generated = _facts_by_sentence(korla_disclosure, TABLE_SECTIONS)
    read = _facts_by_sentence(parsed, TABLE_SECTIONS)
    assert len(generated) >= 30
    assert {k: read.get(k) for k in generated} == generated
    # the parser also reads figures from the department's own wording (资金分配情况：…), where
    # the generator states none; those refer to no table cell
    extra = {f for k, facts in read.items() if k not in generated for f in facts}
    assert extra and all(f[4] is None for f in extra)


def test_korla_docx_part3_facts_in_the_other_sections(korla_disclosure, tmp_path):
    parsed, _ = _parse_rendered(korla_disclosure, "docx", tmp_path)
    others = ("overview", "three_public")
    assert _facts_by_sentence(parsed, others) == _facts_by_sentence(korla_disclosure, others)


@pytest.mark.parametrize("fmt", FORMATS)
def test_synthetic_parses_to_the_printed_cells(synthetic_disclosure, tmp_path, fmt):
    parsed, findings = _parse_rendered(synthetic_disclosure, fmt, tmp_path)
    assert cell_set(parsed) == cell_set(as_printed(synthetic_disclosure))
    assert _csv_rows(parsed) == _csv_rows(as_printed(synthetic_disclosure))
    if fmt == "xlsx":  # the cells hold the unrounded doubles; the reader says it rounded
        assert {f.rule_id for f in findings if f.severity == "info"} == {"parse.amount-rounded"}


CORPUS = {
    "shanghai-commerce": "shanghai-putuo-commerce-commission-2025-dept-budget.pdf",
    "shanghai-wanli": "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf",
    "jiangsu": "jiangsu-provincial-procuratorate-2019-dept-budget.pdf",
}


@pytest.fixture(scope="module")
def published() -> dict[str, Disclosure]:
    """Corpus PDFs as parsed, each parsed once for the module."""
    return {}


@pytest.mark.parametrize("fmt", ("xlsx", "docx"))
@pytest.mark.parametrize("name", ["shanghai-commerce", "shanghai-wanli", "jiangsu"])
def test_published_pdf_rewritten_in_office_formats(published, tmp_path, name, fmt):
    """Another profile's layout (上海 9 表 in 元, 江苏 12 表 in 万元): a published PDF as
    parsed, rendered as XLSX/DOCX and parsed again, gives the same cells."""
    from tests.conftest import FIXTURES

    if name not in published:
        published[name] = parse_file(FIXTURES / CORPUS[name])[0]
    source = published[name]
    parsed, _ = _parse_rendered(source, fmt, tmp_path)
    assert parsed.profile == source.profile
    assert cell_set(parsed) == cell_set(source)
