"""Every region builds its own document: 上海 (shanghai-9) layout, units and wording; a profile
without wording is refused; the generated PDF reads back through ``yusuan check`` clean."""

from decimal import Decimal

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from yusuan.build import write_outputs
from yusuan.checks.run import check_disclosure
from yusuan.cli.main import app
from yusuan.compose import build_disclosure
from yusuan.model.money import Unit
from yusuan.narrative.wording import MissingWordingError, load_templates
from yusuan.parse.dispatch import parse_file

SHANGHAI = EXAMPLES / "shanghai-dept-2025"
runner = CliRunner()


@pytest.fixture(scope="module")
def shanghai():
    return build_disclosure(SHANGHAI)


def test_shanghai_tables_as_printed(shanghai):
    summary = shanghai.table("summary")
    spending = [r.name for r in summary.rows_of("expenditure")]
    # only the 类 with amounts, numbered 一、二、… without codes, then 支出总计
    assert spending == ["一、一般公共服务支出", "二、社会保障和就业支出", "三、卫生健康支出",
                        "四、住房保障支出", "支出总计"]
    assert summary.row(key="income.business", section="income").value("amount") == Decimal(
        "500000.00")
    gpb = shanghai.table("gpb")
    assert gpb.unit is Unit.YUAN
    assert gpb.rows[-1].name == "合计" and gpb.rows[-1].kind == "total"
    three = shanghai.table("three_public")
    assert three.unit is Unit.WAN  # printed in 万元 among 元 tables
    row = three.rows[0]
    assert row.value("total") == Decimal("4.55")
    assert row.value("reception") == Decimal("0.95")
    # 机关运行经费 = 一般公共预算基本支出中的公用经费 (925,895 元), held as the table prints
    # it in 万元 — so the published file reads back to the same cell
    assert row.value("operating_cost") == Decimal("92.59")


def test_shanghai_wording(shanghai):
    titles = [(s.number, s.title) for s in shanghai.narrative]
    assert titles[0] == ("", "2025年部门预算编制说明")
    assert ("一", "2025年“三公”经费预算情况说明") in titles
    text = "".join(x.text for s in shanghai.narrative for x in s.sentences())
    assert ("2025年，上海市某区示例局收入预算1,725.82万元，其中：财政拨款收入1,675.82万元，"
            "比2024年预算增加155.82万元；事业收入50.00万元；事业单位经营收入0万元；其他收入0万元。"
            ) in text
    assert "政府性基金拨款支出预算0万元，与2024年预算持平；" in text
    # half-up in print: 1,263,450 元 = 126.35 万元
    assert "“一般公共服务支出（类）人大事务（款）事业运行（项）”126.35万元，主要用于" in text
    assert "2025年上海市某区示例局财政拨款的机关运行经费预算为92.59万元，比2024年预算增加2.59万元" in text
    assert "新疆" not in text and "上年预算" not in text


def test_prior_basis_option(shanghai, tmp_path):
    from dataclasses import replace

    from yusuan.compose import disclosure_from_budget
    from yusuan.derive.source import load_budget

    budget = load_budget(SHANGHAI)
    d = disclosure_from_budget(replace(budget, options={"prior_basis": "预算执行数"}))
    text = "".join(x.text for s in d.narrative for x in s.sentences())
    assert "比2024年预算执行数增加155.82万元" in text


def test_profile_without_wording_is_refused(tmp_path):
    with pytest.raises(MissingWordingError, match="措辞"):
        load_templates("no-such-region")


def _read_back(d, tmp_path):
    """The built document → PDF → parsed again, and what ``yusuan check`` finds in it."""
    (pdf,) = write_outputs(d, tmp_path / "out", ["pdf"])
    parsed, _ = parse_file(pdf)
    return parsed, [f.message for f in check_disclosure(parsed)
                    if f.severity in ("error", "warning")]


def test_shanghai_pdf_checks_clean(shanghai, tmp_path):
    findings = check_disclosure(shanghai)
    assert [f.message for f in findings if f.severity == "error"] == []
    parsed, problems = _read_back(shanghai, tmp_path)
    assert parsed.profile == "shanghai-9"
    assert problems == []
    facts = [f for s in parsed.narrative for x in s.sentences() for f in x.facts
             if f.ref_table == "three_public"]
    assert facts, "the 三公 sentences are read back with their table references"


def test_shanghai_cli_all_formats(tmp_path):
    out = tmp_path / "sh"
    result = runner.invoke(app, ["build", str(SHANGHAI), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert {"disclosure.pdf", "disclosure.docx", "disclosure.xlsx"} <= {p.name for p in out.iterdir()}


JIANGSU = EXAMPLES / "jiangsu-dept-2019"


@pytest.fixture(scope="module")
def jiangsu():
    return build_disclosure(JIANGSU)


def test_jiangsu_tables_from_lines(jiangsu):
    assert [t.number for t in jiangsu.tables] == [f"公开{n:02d}表" for n in range(1, 13)]
    summary = jiangsu.table("summary")
    spending = summary.rows_of("expenditure")
    # 功能分类: all 21 类 by position, numbered; 支出用途: 基本/项目/单位预留机动经费
    assert spending[3].name == "四、公共安全支出" and spending[3].value("amount") is None
    by_use = {r.key: r.value("by_use") for r in spending if r.key}
    assert by_use["expenditure.reserve"] == Decimal("1200.00")
    assert by_use["expenditure.total"] == Decimal("12640.53")
    three = jiangsu.table("three_public").rows[0]
    assert three.value("meeting") == Decimal("158.44")
    assert three.value("total") == three.value("three_public") + Decimal("158.44") + Decimal(
        "700.00")
    operating = jiangsu.table("operating_cost")
    assert operating.rows[0].value("total") == Decimal("839.26")
    assert [r.name for r in jiangsu.table("procurement").rows] == ["合计", "一、货物A", "三、服务C"]


def test_jiangsu_wording(jiangsu):
    assert [s.number for s in jiangsu.narrative][-1] == "十四"
    text = "".join(x.text for s in jiangsu.narrative for x in s.sentences())
    assert ("江苏省示例厅2019年度收入、支出预算总计12,640.53万元，与上年相比收、支预算总计各增加"
            "740.53万元，增长6.22%。") in text
    assert "基本支出10,061.13万元，占79.59%；项目支出1,379.40万元，占10.91%；" in text
    assert "公务用车购置及运行费支出237.00万元，占“三公”经费的56.66%" in text
    assert "2019年江苏省示例厅一般公共预算机关运行经费预算支出839.26万元，与上年相比减少60.74万元" in text


def test_jiangsu_pdf_checks_clean(jiangsu, tmp_path):
    assert [f.message for f in check_disclosure(jiangsu) if f.severity != "info"] == []
    parsed, problems = _read_back(jiangsu, tmp_path)
    assert parsed.profile == "jiangsu-12"
    assert problems == []
