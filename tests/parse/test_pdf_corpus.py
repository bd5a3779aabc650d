"""The first three corpus PDFs: department, year, profile, table count and units, and the
hard rows (wrapped labels, empty tables, procurement items). Their cells, with every other
corpus document's, are compared with the transcriptions in test_corpus_documents.py."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import FIXTURES
from yusuan.model.money import Unit
from yusuan.parse import parse_file

DOCS = {
    "shanghai-putuo-commerce-commission-2025-dept-budget":
        ("上海市普陀区商务委员会", 2025, "shanghai-9", 9),
    "shanghai-putuo-wanli-subdistrict-2023-dept-budget":
        ("上海市普陀区人民政府万里街道办事处", 2023, "shanghai-9", 9),
    "jiangsu-provincial-procuratorate-2019-dept-budget":
        ("江苏省人民检察院", 2019, "jiangsu-12", 12),
}


@pytest.fixture(scope="module", params=sorted(DOCS))
def parsed(request):
    name = request.param
    disclosure, findings = parse_file(FIXTURES / f"{name}.pdf")
    return name, disclosure, findings


def test_document_facts(parsed):
    name, disclosure, findings = parsed
    department, year, profile, count = DOCS[name]
    assert (disclosure.department, disclosure.year, disclosure.profile) == (
        department, year, profile)
    assert len(disclosure.tables) == count
    assert [f for f in findings if f.rule_id == "parse.table-missing"] == []


def test_units_are_read_per_table(parsed):
    name, disclosure, _ = parsed
    units = {t.id: t.unit for t in disclosure.tables}
    if name.startswith("shanghai"):
        assert units.pop("three_public") is Unit.WAN
        assert set(units.values()) == {Unit.YUAN}
    else:
        assert set(units.values()) == {Unit.WAN}


def test_wrapped_label_is_joined_to_its_row():
    disclosure, _ = parse_file(FIXTURES / "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf")
    row = next(r for r in disclosure.table("appropriation").rows
               if r.name == "四、文化旅游体育与传媒支出")
    assert row.value("total") == Decimal("200000")
    js, _ = parse_file(FIXTURES / "jiangsu-provincial-procuratorate-2019-dept-budget.pdf")
    row = js.table("gpb_basic").row(code="30108")
    assert row.name == "机关事业单位基本养老保险缴费" and row.value("total") == Decimal("1064.46")


def test_empty_table_statement():
    disclosure, _ = parse_file(FIXTURES / "jiangsu-provincial-procuratorate-2019-dept-budget.pdf")
    assert disclosure.table("gov_fund").is_empty
    assert disclosure.table("gov_fund").empty_statement == "此表为空"


def test_procurement_rows_name_the_item_and_its_project():
    disclosure, _ = parse_file(FIXTURES / "jiangsu-provincial-procuratorate-2019-dept-budget.pdf")
    rows = [r for r in disclosure.table("procurement").rows if r.name == "路由器"]
    assert len(rows) == 1
    assert rows[0].project == "网络、电子检务、实验室、机要通道、档案数字化系统运行维护费"
    assert rows[0].value("total") == Decimal("25.00")
