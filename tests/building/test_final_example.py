"""examples/synthetic-final-2024: a 部门决算 built from data — the nine 决算 tables as given,
the narrative computed (完成率, reasons, shares), checking clean; its PDF and XLSX parsed back
cell for cell."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from tests.checks.helpers import map_text
from yusuan.checks.run import check_disclosure
from yusuan.compose import build_disclosure
from yusuan.model.cells import cell_records
from yusuan.model.disclosure import Disclosure
from yusuan.parse.dispatch import parse_files
from yusuan.render.export import render_cells_csv
from yusuan.render.pdf import render_pdf
from yusuan.render.xlsx import render_xlsx

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "synthetic-final-2024"
KEY = ("table", "section", "code", "name", "column", "amount_yuan", "kind")


@pytest.fixture(scope="module")
def final() -> Disclosure:
    return build_disclosure(EXAMPLE)


def _text(d: Disclosure) -> str:
    return "".join(s.text for sec in d.narrative for s in sec.sentences())


def test_the_example_is_final_accounts_with_the_nine_tables(final: Disclosure) -> None:
    assert (final.kind, final.edition, final.profile) == ("final", "部门决算", "shanghai-final-9")
    assert [t.id for t in final.tables] == ["summary", "income", "expenditure", "appropriation",
                                            "gpb", "gpb_basic", "three_public", "gov_fund",
                                            "state_capital"]
    assert [s.number for s in final.narrative] == [*"一二三四五六七八九十", "十一"]
    assert final.table("state_capital").empty_statement  # type: ignore[union-attr]
    assert final.glossary[1].term == "年初结转和结余"


def test_the_example_checks_clean(final: Disclosure) -> None:
    assert [str(f) for f in check_disclosure(final) if f.severity != "info"] == []


def test_the_narrative_states_completion_rates_and_reasons(final: Disclosure) -> None:
    text = _text(final)
    assert "年初预算为1,000.00万元，支出决算为1,180.00万元，完成年初预算的118.00%。" \
           "决算数大于预算数的主要原因：年中追加社会保障补助项目及专项工作经费。" in text
    assert "完成预算的90.00%" in text and "因公出国（境）费支出决算为10.00万元，完成预算的50.00%" in text
    assert "与2023年度相比，收入支出总计增加105.00万元，增长8.08%" in text
    assert "决算数与预算数持平" in text  # 政府性基金 项: 100.00 = 100.00
    assert "某区示例局2024年度无国有资本经营预算财政拨款收入和支出。" in text
    assert "财政拨款收入1,300.00万元，占95.58%；事业收入50.00万元，占3.68%；其他收入10.00万元，占0.74%" \
        in text


def test_the_cells_csv_marks_the_kind(final: Disclosure) -> None:
    rows = list(csv.DictReader(io.StringIO(render_cells_csv(final).decode("utf-8-sig"))))
    assert rows and {r["kind"] for r in rows} == {"final"}
    assert list(rows[0])[-1] == "kind"


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_the_built_document_is_read_back_cell_for_cell(final: Disclosure, fmt: str,
                                                       tmp_path: Path) -> None:
    path = tmp_path / f"final.{fmt}"
    path.write_bytes(render_pdf(final) if fmt == "pdf" else render_xlsx(final))
    read, _ = parse_files([path])
    assert read.kind == "final" and read.department == "某区示例局"
    written = sorted(tuple(c[k] for k in KEY) for c in cell_records(final))
    assert len(written) == 141
    assert sorted(tuple(c[k] for k in KEY) for c in cell_records(read)) == written
    assert [str(f) for f in check_disclosure(read) if f.severity == "error"] == []


def test_a_wrong_completion_rate_is_found_in_the_published_pdf(final: Disclosure,
                                                               tmp_path: Path) -> None:
    """The 完成率 sentence, wrapped over lines in the PDF, is read back and checked."""
    wrong = map_text(final, lambda t: t.replace("完成年初预算的118.00%", "完成年初预算的108.00%"))
    path = tmp_path / "wrong.pdf"
    path.write_bytes(render_pdf(wrong))
    read, _ = parse_files([path])
    found = [f for f in check_disclosure(read) if f.rule_id == "final.narrative-completion"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [
        ("error", Decimal("118.00"), Decimal("108.00"))]
