"""A small but complete synthetic 部门决算 (shanghai-final-9, 万元, figures made up and
consistent) for the 决算 rule tests: every identity holds, the narrative agrees."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from yusuan.model.disclosure import Disclosure, Row, Section, Sentence, Table
from yusuan.model.money import Unit
from yusuan.model.profiles import load_profile

PROFILE = load_profile("shanghai-final-9")
Cells = dict[str, str | None]


def _row(
    name: str,
    values: Cells,
    *,
    code: str | None = None,
    key: str | None = None,
    section: str | None = None,
    kind: str = "item",
) -> Row:
    return Row(
        name=name,
        values={k: Decimal(v) for k, v in values.items() if v is not None},
        code=code,
        key=key,
        section=section,
        kind=kind,
    )


def _table(table_id: str, rows: list[Row], statement: str | None = None) -> Table:
    layout = PROFILE.table(table_id)
    assert layout is not None
    return Table(
        id=table_id,
        title=layout.title,
        unit=Unit.WAN,
        columns=layout.all_columns,
        rows=tuple(rows),
        number=layout.number,
        empty_statement=statement,
    )


def _side(section: str, column: str, rows: list[tuple[str, str | None, str]]) -> list[Row]:
    return [
        _row(
            name,
            {column: amount},
            key=key,
            section=section,
            kind="total" if name == "总计" else "item",
        )
        for name, amount, key in rows
    ]


def final_disclosure() -> Disclosure:
    summary = [
        *_side(
            "income",
            "amount",
            [
                ("一、一般公共预算财政拨款收入", "1200.00", "income.gpb"),
                ("二、政府性基金预算财政拨款收入", "100.00", "income.gov_fund"),
                ("五、事业收入", "50.00", "income.business"),
                ("八、其他收入", "10.00", "income.other"),
                ("本年收入合计", "1360.00", "income.year"),
                ("使用非财政拨款结余", "5.00", "income.non_fiscal_balance"),
                ("年初结转和结余", "40.00", "income.carryover"),
                ("总计", "1405.00", "income.total"),
            ],
        ),
        _row(
            "一般公共服务支出",
            {"amount": "1100.00"},
            code="201",
            kind="class",
            section="expenditure",
        ),
        _row(
            "社会保障和就业支出",
            {"amount": "150.00"},
            code="208",
            kind="class",
            section="expenditure",
        ),
        _row("城乡社区支出", {"amount": "100.00"}, code="212", kind="class", section="expenditure"),
        *_side(
            "expenditure",
            "amount",
            [
                ("本年支出合计", "1350.00", "expenditure.year"),
                ("年末结转和结余", "55.00", "expenditure.carryover"),
                ("总计", "1405.00", "expenditure.total"),
            ],
        ),
    ]
    appropriation = [
        *_side(
            "income",
            "total",
            [
                ("一、一般公共预算财政拨款", "1200.00", "income.gpb"),
                ("二、政府性基金预算财政拨款", "100.00", "income.gov_fund"),
                ("本年收入合计", "1300.00", "income.year"),
                ("年初财政拨款结转和结余", "30.00", "income.carryover"),
                ("一、一般公共预算财政拨款", "30.00", "income.carryover.gpb"),
                ("总计", "1330.00", "income.total"),
            ],
        ),
        _row(
            "一般公共服务支出",
            {"total": "1080.00", "gpb": "1080.00"},
            code="201",
            kind="class",
            section="expenditure",
        ),
        _row(
            "城乡社区支出",
            {"total": "100.00", "gov_fund": "100.00"},
            code="212",
            kind="class",
            section="expenditure",
        ),
        _row(
            "社会保障和就业支出",
            {"total": "100.00", "gpb": "100.00"},
            code="208",
            kind="class",
            section="expenditure",
        ),
        _row(
            "本年支出合计",
            {"total": "1280.00", "gpb": "1180.00", "gov_fund": "100.00"},
            key="expenditure.year",
            section="expenditure",
        ),
        _row(
            "年末财政拨款结转和结余",
            {"total": "50.00", "gpb": "50.00"},
            key="expenditure.carryover",
            section="expenditure",
        ),
        _row(
            "总计",
            {"total": "1330.00"},
            key="expenditure.total",
            section="expenditure",
            kind="total",
        ),
    ]
    basic = [
        _row("工资福利支出", {"amount": "600.00"}, code="301", section="personnel"),
        _row("基本工资", {"amount": "400.00"}, code="30101", section="personnel"),
        _row("津贴补贴", {"amount": "200.00"}, code="30102", section="personnel"),
        _row(
            "人员经费合计", {"amount": "600.00"}, key="personnel", section="personnel", kind="total"
        ),
        _row("商品和服务支出", {"amount": "200.00"}, code="302", section="public_funds"),
        _row("办公费", {"amount": "145.00"}, code="30201", section="public_funds"),
        _row("公务接待费", {"amount": "25.00"}, code="30217", section="public_funds"),
        _row("公务用车运行维护费", {"amount": "30.00"}, code="30231", section="public_funds"),
        _row(
            "公用经费合计",
            {"amount": "200.00"},
            key="public_funds",
            section="public_funds",
            kind="total",
        ),
    ]
    three = {
        "budget.total": "100.00",
        "total": "90.00",
        "budget.abroad": "20.00",
        "abroad": "10.00",
        "budget.vehicle": "50.00",
        "vehicle": "50.00",
        "budget.vehicle.purchase": "20.00",
        "vehicle.purchase": "20.00",
        "budget.vehicle.operation": "30.00",
        "vehicle.operation": "30.00",
        "budget.reception": "30.00",
        "reception": "30.00",
    }
    tables = (
        _table("summary", summary),
        _table(
            "income",
            [
                _row(
                    "合计",
                    {
                        "total": "1360.00",
                        "fiscal": "1300.00",
                        "business": "50.00",
                        "other": "10.00",
                    },
                    key="total",
                    kind="total",
                ),
                _row(
                    "一般公共服务支出",
                    {
                        "total": "1360.00",
                        "fiscal": "1300.00",
                        "business": "50.00",
                        "other": "10.00",
                    },
                    code="201",
                ),
            ],
        ),
        _table(
            "expenditure",
            [
                _row(
                    "合计",
                    {"total": "1350.00", "basic": "900.00", "project": "450.00"},
                    key="total",
                    kind="total",
                ),
                _row(
                    "一般公共服务支出",
                    {"total": "1350.00", "basic": "900.00", "project": "450.00"},
                    code="201",
                ),
            ],
        ),
        _table("appropriation", appropriation),
        _table(
            "gpb",
            [
                _row(
                    "一般公共服务支出",
                    {"total": "1080.00", "basic": "800.00", "project": "280.00"},
                    code="201",
                ),
                _row("社会保障和就业支出", {"total": "100.00", "project": "100.00"}, code="208"),
                _row(
                    "合计",
                    {"total": "1180.00", "basic": "800.00", "project": "380.00"},
                    key="total",
                    kind="total",
                ),
            ],
        ),
        _table("gpb_basic", basic),
        _table("three_public", [_row("", three, kind="total")]),
        _table(
            "gov_fund",
            [
                _row(
                    "合计",
                    {"income": "100.00", "total": "100.00", "project": "100.00"},
                    key="total",
                    kind="total",
                ),
                _row(
                    "城乡社区支出",
                    {"income": "100.00", "total": "100.00", "project": "100.00"},
                    code="212",
                ),
            ],
        ),
        _table(
            "state_capital",
            [],
            "说明：某区某局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。",
        ),
    )

    def section(number: str, title: str, *texts: str) -> Section:
        return Section(number, title, tuple((Sentence(t),) for t in texts))

    narrative = (
        section(
            "四",
            "财政拨款收入支出决算总体情况说明",
            "某区某局2024年度财政拨款收入支出总计1,330.00万元。与2023年度相比，"
            "财政拨款收入支出总计增加80.00万元，增长6.40%。主要原因：年中追加项目。",
        ),
        section(
            "二",
            "收入决算情况说明",
            "本年收入合计1,360.00万元，其中：财政拨款收入1,300.00万元，占95.59%；"
            "事业收入50.00万元，占3.68%；其他收入10.00万元，占0.74%。",
        ),
        section(
            "五",
            "一般公共预算财政拨款支出决算情况说明",
            "一般公共预算财政拨款支出年初预算为1,000.00万元，支出决算为1,180.00万元，"
            "完成年初预算的118.00%。决算数大于预算数的主要原因：年中追加社会保障项目。",
        ),
        section("十", "预算绩效管理情况", "绩效自评的2024年度项目3个，涉及预算金额380.00万元。"),
        section(
            "十一",
            "其他重要事项的情况说明",
            "机关运行经费支出200.00万元。",
            "政府采购金额为120.00万元。",
            "截至2024年12月31日，国有资产占有使用情况：共有车辆2辆。",
        ),
    )
    return Disclosure(
        department="某区某局",
        year=2024,
        profile=PROFILE.id,
        unit=Unit.WAN,
        edition="部门决算",
        tables=tables,
        narrative=narrative,
    )


EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "synthetic-final-2024"
EXAMPLE_2023 = EXAMPLE.parent / "synthetic-final-2023"  # the year before: the 2024's 上年数


def budget_disclosure() -> Disclosure:
    """The 2024 部门预算 (shanghai-9): 一般公共预算 1,000.00 万元 (项 780.00 + 220.00), 政府性
    基金 100.00 万元 (2120899), “三公” 100.00 万元, in 元."""
    profile = load_profile("shanghai-9")

    def table(table_id: str, rows: list[Row]) -> Table:
        layout = profile.table(table_id)
        assert layout is not None
        return Table(table_id, layout.title, Unit.YUAN, layout.all_columns, tuple(rows))

    def row(name: str, values: dict[str, str], code: str | None = None,
            kind: str = "item") -> Row:
        return Row(name, {k: Decimal(v) for k, v in values.items()}, code=code, kind=kind,
                   key="total" if kind == "total" else None)

    gpb = table("gpb", [
        row("合计", {"total": "10000000.00"}, kind="total"),
        row("一般公共服务支出", {"total": "10000000.00"}, "201"),
        row("政府办公厅（室）及相关机构事务", {"total": "10000000.00"}, "20103"),
        row("行政运行", {"total": "7800000.00"}, "2010301"),
        row("其他政府办公厅（室）及相关机构事务支出", {"total": "2200000.00"}, "2010399")])
    fund = table("gov_fund", [
        row("城乡社区支出", {"total": "1000000.00"}, "212"),
        row("国有土地使用权出让收入安排的支出", {"total": "1000000.00"}, "21208"),
        row("其他国有土地使用权出让收入安排的支出", {"total": "1000000.00"}, "2120899"),
        row("合计", {"total": "1000000.00"}, kind="total")])
    three = table("three_public", [row("", {
        "total": "1000000.00", "abroad": "200000.00", "reception": "300000.00",
        "vehicle": "500000.00", "vehicle.purchase": "200000.00",
        "vehicle.operation": "300000.00"}, kind="total")])
    return Disclosure(department="某区示例局", year=2024, profile="shanghai-9", unit=Unit.YUAN,
                      tables=(gpb, fund, three))
