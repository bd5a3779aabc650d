"""``Budget``: what a department supplies to ``yusuan build`` (the source side).

The tables (given directly, or derived from line items), plus the context the narrative
needs and the tables do not hold: prior-year figures, reasons (主要原因), projects, government
procurement, assets, performance targets, Part 1 and Part 4 text.

Keys of ``prior_year`` and ``reasons`` are dotted paths naming a figure, shared with the
narrative templates:

- ``income.gpb`` / ``income.gov_fund`` / ``income.state_capital`` … (收入预算, 表1 rows)
- ``expenditure.basic`` / ``expenditure.project`` (支出预算)
- ``gpb.basic`` / ``gpb.project`` (一般公共预算 基本/项目支出, 说明五(一); when 表1 holds only
  一般公共预算 income they default to the ``expenditure.*`` figures, as 表3 ≡ 表5 then)
- ``gpb.<项 code>`` (一般公共预算 per 项, e.g. ``gpb.2010301``)

  ``gpb.*`` are last year's 表5 figures: where 表5 holds a 上年财政拨款结转 besides the year's
  拨款, so do they; ``income.gpb`` is last year's 当年拨款 only (表1 本年收入).
- ``three_public.total`` / ``.abroad`` / ``.reception`` / ``.vehicle.purchase`` /
  ``.vehicle.operation``
- ``operating_cost`` (机关运行经费)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.model.disclosure import (
    GlossaryTerm,
    Origin,
    OverallPerformance,
    Overview,
    ProjectPerformance,
    Table,
)
from yusuan.model.kinds import Edition
from yusuan.model.money import Unit


@dataclass(frozen=True)
class LineItem:
    """One budget line (``lines.csv``): the finest grain the budget system holds.

    ``kind`` is ``personnel`` / ``public_funds`` (基本支出 人员/公用经费) or ``project``.
    ``fund_source`` is a canonical income key (``gpb``, ``gov_fund``, ``state_capital``,
    ``special_account``, ``unit_funds``, ``carryover_fiscal``, ``carryover_nonfiscal``).
    """

    unit: str
    fund_source: str
    functional_code: str
    economic_code: str
    kind: str
    amount: Decimal
    project: str | None = None
    origin: Origin | None = None


@dataclass(frozen=True)
class Project:
    """A project (项目) with the facts Part 3 section 七 states."""

    name: str
    unit: str  # 项目承担单位
    policy_basis: str = ""  # 设立的政策依据
    allocation: str = ""  # 资金分配情况, as text
    period: str = ""  # 资金执行时间
    amount: Decimal | None = None  # 预算安排规模 (defaults to the table amount)
    # 上海 项目经费情况说明: 项目概述, 年度预算安排 and 绩效目标 as written (paragraphs
    # separated by line breaks)
    summary: str = ""
    arrangement: str = ""
    targets: str = ""


@dataclass(frozen=True)
class Procurement:
    """政府采购预算."""

    total: Decimal | None = None
    goods: Decimal | None = None
    works: Decimal | None = None
    services: Decimal | None = None
    sme_reserved: Decimal | None = None  # 面向中小企业预留
    micro_reserved: Decimal | None = None  # 其中小微企业预留


@dataclass(frozen=True)
class Vehicles:
    count: int | None = None
    value: Decimal | None = None


@dataclass(frozen=True)
class Assets:
    """国有资产占用使用情况 (as of the end of the prior year) and planned purchases."""

    as_of: str = ""  # e.g. ``2023 年底``
    house_area: Decimal | None = None  # 平方米
    house_value: Decimal | None = None
    vehicles: Vehicles = field(default_factory=Vehicles)
    vehicles_official: Vehicles = field(default_factory=Vehicles)  # 一般公务用车
    vehicles_enforcement: Vehicles = field(default_factory=Vehicles)  # 执法执勤用车
    vehicles_other: Vehicles = field(default_factory=Vehicles)  # 其他车辆
    furniture_value: Decimal | None = None
    other_value: Decimal | None = None
    equipment_over_50: int | None = None  # 单位价值 50 万元以上大型设备 (台)
    equipment_over_100: int | None = None
    planned_vehicles: int | None = None  # 本年预算安排购置车辆 (辆); 0 = 未安排
    planned_equipment_over_50: int | None = None
    planned_equipment_over_100: int | None = None


@dataclass(frozen=True)
class Budget:
    """A department's budget for one year, as supplied in a source folder."""

    department: str
    year: int
    profile: str
    unit: Unit
    edition: Edition = "部门预算"
    overview: Overview = field(default_factory=Overview)
    tables: tuple[Table, ...] = ()  # tables given directly (tables.yaml)
    lines: tuple[LineItem, ...] = ()  # or line items (lines.csv)
    prior_year: Mapping[str, Decimal] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)
    purposes: Mapping[str, str] = field(default_factory=dict)  # 主要用于… per 类 code
    projects: tuple[Project, ...] = ()
    procurement: Procurement = field(default_factory=Procurement)
    assets: Assets = field(default_factory=Assets)
    overall_performance: tuple[OverallPerformance, ...] = ()
    project_performance: tuple[ProjectPerformance, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    other_matters: str = ""  # 其他需说明的事项
    published_on: str | None = None
    approved_on: str | None = None  # 预算批复日期 (ISO ``YYYY-MM-DD``)
    # e.g. ``share_method``: ``residual`` (default) | ``largest-remainder`` (说明五(二) shares)
    options: Mapping[str, str] = field(default_factory=dict)
    source: Origin | None = None
    # budget unit → 行政单位 / 参公事业单位 / 事业单位 (budget.yaml ``overview.units``)
    unit_types: Mapping[str, str] = field(default_factory=dict)
    operating_cost: Decimal | None = None  # 机关运行经费 given in budget.yaml, overrides
    # final accounts (部门决算) only: 年初预算数 of what the narrative compares (``gpb``,
    # ``gpb.<项 code>``, ``gov_fund.<code>``…), figures no table holds (``operating_cost``),
    # and free text by topic (``performance``, ``three_public.abroad`` …)
    initial_budget: Mapping[str, Decimal] = field(default_factory=dict)
    figures: Mapping[str, Decimal] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)
    # a classification code → its name as a printed text names it, marker included
    # (``未归口管理行政单位离退休费（项）``): a published document written again
    names: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_final(self) -> bool:
        return self.edition.endswith("决算")
