"""Every real document of ``tests/fixtures/`` (listed in ``expected/tables.yaml``): all its
printed tables recognised, every transcribed amount read exactly and nothing more, and no
error-level finding but the document's verified real errors (each named below).

The tables and amounts were read from the pages independently of yusuan (see
``expected/README.md``). Where the parser is not yet right, the case is a strict ``xfail``
naming the exact gap: it fails the moment the gap is closed, and the mark must then go.
"""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest
import yaml

from tests.conftest import FIXTURES
from tests.parse.cells import KEY, cell_set, expected_rows
from yusuan.checks.run import check_disclosure
from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.model.finding import Finding
from yusuan.parse import parse_files

EXPECTED = FIXTURES / "expected"
DOCUMENTS = {d["name"]: d for d in
             yaml.safe_load((EXPECTED / "tables.yaml").read_text(encoding="utf-8"))["documents"]}
BUDGETS = sorted(n for n, d in DOCUMENTS.items() if d.get("kind", "budget") == "budget")
TRANSCRIBED = sorted(n for n in BUDGETS if DOCUMENTS[n].get("cells"))
TEMPLATES = sorted(n for n, d in DOCUMENTS.items() if d.get("kind") == "template")

UNIT = "shanghai-putuo-government-office-2025-unit-budget"
OFFICE = "shanghai-putuo-government-office-2025-dept-budget"
FINANCE = "shanghai-putuo-finance-bureau-2025-dept-budget"
WANLI = "shanghai-putuo-wanli-subdistrict-2023-dept-budget"
JS17 = "jiangsu-provincial-procuratorate-2017-dept-budget"
JS18 = "jiangsu-provincial-procuratorate-2018-dept-budget"
JS19 = "jiangsu-provincial-procuratorate-2019-dept-budget"
CPPCC17, CPPCC18, CPPCC19 = (f"jiangsu-cppcc-office-{y}-dept-budget" for y in (2017, 2018, 2019))

# The verified real errors, as (rule id, expected, printed):
# - 江苏省检察院 2019, 第三部分一: 总计 24,169.74 万元 "增加 2214.39 万元，增长 10.06%":
#   2214.39 ÷ (24,169.74 − 2214.39) = 10.09%; "项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，
#   减少 13.22 %": 1237.7 ÷ 5573 = 22.21% (13.22% is the 基本支出 sentence's rate, just above);
#   "住房公积金（项）支出1442.74万元，与上年相比增加368.97万元，增加34.38 %": 368.97 ÷ 1073.77 = 34.36%.
# - 万里街道 2023, 项目绩效目标表“公共服务设施运行经费”: 总额 10,903,043.00 元 but
#   "其中：当年财政拨款 11,419,043.00" (no other source).
# - 普陀区财政局 2025, 第三部分: "机关事业单位职业年金缴费支出（项）887.36万元" (twice); the
#   功能分类 tables print 2080506 = 873,617.00 元 = 87.36 万元.
# - 江苏省检察院 2017, 第三部分一: "基本支出预算数为 12323.46 万元"; 收支预算总表 and 支出预算总表
#   print 基本支出 12,323.48.
# - 江苏省检察院 2017, 第三部分十: 机关运行经费 6032.55 万元 "增加 3401.59 万元，增长 129.97%":
#   3401.59 ÷ (6032.55 − 3401.59) = 129.29%.
# - 江苏省检察院 2017, 第三部分十一: the “三公” shares "18.85 %", "54.43 %", "26.72 %" of a 三公
#   total of 110 + 317.8 + 156.55 = 584.35 万元 (the table's 小计 5,843,500 元) are 18.82%,
#   54.39% and 26.79%.
# - 江苏省检察院 2018, 第三部分五: 检察监督 1,895 万元 "减少 134 万元，降幅 0.66 %":
#   134 ÷ (1,895 + 134) = 6.60%.
# - 江苏省检察院 2018, 第三部分一: 总计 21,955.35 万元 "增加 3,958.67 万元，增长 21.95%":
#   3,958.67 ÷ (21,955.35 − 3,958.67) = 22.00%; 第三部分五: 一般行政管理事务 3,666 万元 "增加 21.8
#   万元，增长 0.06%": 21.8 ÷ (3,666 − 21.8) = 0.60%. (Its other slips, which need the 2017
#   document to see, are in expected/README.md.)
# - 万里街道 2023's item sentences "（项）”45.41万元…执行数为11.67万元，2023年预算安排45.41万元，
#   比2022年预算执行数增加314.82%" (45.41 ÷ 11.67 − 1 = 289.12%) and "职业年金缴费支出（项）”
#   220.63万元…2023年预算安排441.25万元…增加60.54%" (copied from the item above it: the table
#   prints 220.63); and "政府性基金…支出预算0万元，比2022年预算增加1421.25万元", which would make
#   2022's figure negative (checked against the page images).
REAL_ERRORS: dict[str, set[tuple[str, Decimal | None, Decimal | None]]] = {
    JS19: {("narrative.yoy-rate-eq-computed", Decimal("10.09"), Decimal("10.06")),
           ("narrative.yoy-rate-eq-computed", Decimal("-22.21"), Decimal("-13.22")),
           ("narrative.yoy-rate-eq-computed", Decimal("34.36"), Decimal("34.38"))},
    WANLI: {("performance.amount-eq-tables", Decimal("11419043.00"), Decimal("10903043.00")),
            ("narrative.item-amount-eq-heading", Decimal("220.63"), Decimal("441.25")),
            ("narrative.rate-eq-stated-base", Decimal("289.12"), Decimal("314.82")),
            ("narrative.prior-not-negative", None, Decimal("1421.25"))},
    FINANCE: {("narrative.amount-eq-table", Decimal("87.36"), Decimal("887.36"))},
    JS17: {("narrative.amount-eq-table", Decimal("12323.48"), Decimal("12323.46")),
           ("narrative.yoy-rate-eq-computed", Decimal("129.29"), Decimal("129.97")),
           ("narrative.share-eq-computed", Decimal("18.82"), Decimal("18.85")),
           ("narrative.share-eq-computed", Decimal("54.39"), Decimal("54.43")),
           ("narrative.share-eq-computed", Decimal("26.79"), Decimal("26.72"))},
    JS18: {("narrative.yoy-rate-eq-computed", Decimal("22.00"), Decimal("21.95")),
           ("narrative.yoy-rate-eq-computed", Decimal("0.60"), Decimal("0.06")),
           ("narrative.yoy-rate-eq-computed", Decimal("-6.60"), Decimal("-0.66"))},
}

TABLE_GAPS: dict[str, str] = {}
CELL_GAPS: dict[str, str] = {}
EXTRA_GAPS = dict(CELL_GAPS)
ERROR_GAPS: dict[str, str] = {}


def _cases(names: list[str], gaps: dict[str, str]) -> list:
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=gaps[n]))
            if n in gaps else n for n in names]


@functools.cache
def _read(name: str) -> tuple[Disclosure, tuple[Finding, ...]]:
    disclosure, findings = parse_files([FIXTURES / f for f in DOCUMENTS[name]["files"]])
    return disclosure, (*findings, *check_disclosure(disclosure))


@pytest.mark.parametrize("name", _cases(BUDGETS, TABLE_GAPS))
def test_every_printed_table_is_recognised(name: str) -> None:
    disclosure, _ = _read(name)
    ids = {t.id for t in disclosure.tables}
    assert [t for t in DOCUMENTS[name]["tables"] if t not in ids] == []


@pytest.mark.parametrize("name", _cases(TRANSCRIBED, CELL_GAPS))
def test_every_transcribed_amount_is_read_exactly(name: str) -> None:
    disclosure, _ = _read(name)
    expected = expected_rows(EXPECTED / DOCUMENTS[name]["cells"])
    assert len(expected) > 100
    assert {(r["department"], r["year"]) for r in expected} == {
        (disclosure.department, str(disclosure.year))}
    cells = cell_set(disclosure)
    assert [tuple(r[k] for k in KEY) for r in expected if tuple(r[k] for k in KEY) not in cells] \
        == []


@pytest.mark.parametrize("name", _cases(TRANSCRIBED, EXTRA_GAPS))
def test_no_amount_the_document_does_not_print(name: str) -> None:
    disclosure, _ = _read(name)
    expected = {tuple(r[k] for k in KEY) for r in expected_rows(EXPECTED / DOCUMENTS[name]["cells"])}
    assert sorted(cell_set(disclosure) - expected) == []


@pytest.mark.parametrize("name", _cases(BUDGETS, ERROR_GAPS))
def test_the_errors_are_the_verified_real_errors(name: str) -> None:
    """No false error, and every verified real error of the document is found."""
    _, findings = _read(name)
    found = {(f.rule_id, f.expected, f.actual) for f in findings if f.severity == "error"}
    assert found == REAL_ERRORS.get(name, set()), [str(f) for f in findings
                                                   if f.severity == "error"]


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_template_is_read_or_refused_with_a_message(name: str) -> None:
    """The budget-system workbooks and the 决算 form are blank forms, not disclosures: reading
    one either gives a Disclosure or an InputError naming the file, never another exception."""
    files = [FIXTURES / f for f in DOCUMENTS[name]["files"]]
    try:
        disclosure, _ = parse_files(files)
    except InputError as exc:
        assert exc.message and exc.file and files[0].name in exc.file
    else:
        assert disclosure.tables


def test_every_real_fixture_is_listed() -> None:
    """A corpus file added to tests/fixtures/ must be listed (and so reported and tested)."""
    listed = {f for d in DOCUMENTS.values() for f in d["files"]}
    made_for_tests = {"encrypted-workbook.xlsx"}
    on_disk = {p.name for p in FIXTURES.iterdir()
               if p.suffix in {".pdf", ".xlsx", ".docx", ".txt"}} - made_for_tests
    assert on_disk == listed
