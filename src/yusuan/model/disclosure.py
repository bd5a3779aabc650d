"""``Disclosure``: what a published department budget document says, as data.

Both ways in produce it (``derive`` from source data, ``parse`` from a published file) and
every way out reads it (checks, renderers, exports, the store). It holds the four parts:
Part 1 overview (``Overview``), Part 2 tables (``Table``), Part 3 narrative (``Section``),
Part 4 glossary, plus the performance-target tables. All amounts are ``Decimal`` in the
table's explicit unit; ``None`` is a blank cell, never zero.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from yusuan.model.cover import CoverLine
from yusuan.model.kinds import DocumentKind, Edition, RowKind, SentenceKind, TableId, kind_of
from yusuan.model.money import Unit
from yusuan.model.part1 import organisation_paragraphs

SCHEMA_VERSION = "1.0"


def label(text: str) -> str:
    """Normalised printed label: NFKC, all white space removed (cells CSV ``name``/``column``)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Origin:
    """Where a value came from: a source file and line, or a published file and page.

    A document built from a source folder also carries what its ``budget.yaml`` says where
    (not part of equality, not serialised): each text value with its line (``texts``), the
    unit the amounts were written in and the line of ``unit:`` — so a finding about the
    built document can name the line to correct."""

    file: str | None = None
    page: int | None = None
    line: int | None = None
    texts: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)
    unit: Unit | None = field(default=None, compare=False)
    unit_line: int | None = field(default=None, compare=False)

    def line_of(self, text: str) -> int | None:
        """The line of the first source text value that contains ``text``."""
        return next((at for value, at in self.texts if text and text in value), None)

    def __str__(self) -> str:
        where = self.file or "<内存>"
        if self.page is not None:
            where += f":{self.page}"
        if self.line is not None:
            where += f":{self.line}"
        return where


@dataclass(frozen=True)
class Column:
    """A table column: canonical ``key`` (shared by profiles) and the printed header ``path``.

    ``path`` runs from the outermost header to the innermost (``("财政拨款", "基本支出",
    "人员经费")``). On two-sided tables ``section`` says which side the column belongs to.
    """

    key: str
    path: tuple[str, ...]
    section: str | None = None
    number: str | None = None  # the printed column number (1, 2, …) where there is one

    @property
    def label(self) -> str:
        return "/".join(label(p) for p in self.path)

    @property
    def leaf(self) -> str:
        return self.path[-1]


@dataclass(frozen=True)
class Row:
    """A table row; ``values`` maps column keys to amounts (``None`` = blank)."""

    name: str
    values: Mapping[str, Decimal | None]
    code: str | None = None
    key: str | None = None  # canonical key of a fixed row (e.g. ``income.gpb``, ``total``)
    section: str | None = None  # ``income`` / ``expenditure`` on two-sided tables
    unit: str | None = None  # budget unit (预算单位) the row belongs to, in ``gpb_project``
    project: str | None = None
    kind: RowKind = "item"
    origin: Origin | None = None

    def value(self, column: str) -> Decimal | None:
        return self.values.get(column)

    @property
    def is_total(self) -> bool:
        return self.kind == "total"


@dataclass(frozen=True)
class Table:
    """One of the standard tables, identified by its canonical id (``gpb``, ``summary``, …)."""

    id: TableId
    title: str
    unit: Unit
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    number: str | None = None  # the printed number, e.g. ``表5``
    department: str | None = None  # 编制部门 as printed above the table
    empty_statement: str | None = None  # 空表说明, printed when the table has no data rows
    origin: Origin | None = None

    def columns_of(self, section: str | None = None) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if section is None or c.section == section)

    def column(self, key: str, section: str | None = None) -> Column | None:
        for c in self.columns:
            if c.key == key and (section is None or c.section == section):
                return c
        return None

    def rows_of(self, section: str | None = None) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if section is None or r.section == section)

    def row(self, *, key: str | None = None, code: str | None = None,
            section: str | None = None, unit: str | None = None) -> Row | None:
        """The first row matching all the given attributes (project rows excluded for codes)."""
        for r in self.rows:
            if key is not None and r.key != key:
                continue
            if code is not None and (r.code != code or r.project is not None):
                continue
            if section is not None and r.section != section:
                continue
            if unit is not None and r.unit != unit:
                continue
            return r
        return None

    @property
    def total(self) -> Row | None:
        return next((r for r in self.rows if r.is_total and r.section in (None, "expenditure")), None)

    @property
    def is_empty(self) -> bool:
        """No printed amount at all (an 空表)."""
        return not any(v is not None for r in self.rows for v in r.values.values())

    def cells(self) -> Iterator[tuple[Row, Column, Decimal]]:
        """Every printed amount, in row then column order."""
        for r in self.rows:
            for c in self.columns:
                if r.section is not None and c.section is not None and c.section != r.section:
                    continue
                v = r.values.get(c.key)
                if v is not None:
                    yield r, c, v


@dataclass(frozen=True)
class Place:
    """Where a sentence was printed in a published file: the PDF page (and the page it ends
    on, where it runs over), the text line, the DOCX body paragraph, or the XLSX sheet and
    cell (``B12``). A built document's sentences have none."""

    page: int | None = None
    line: int | None = None
    paragraph: int | None = None
    sheet: str | None = None
    cell: str | None = None
    last_page: int | None = None  # set only when the sentence ends on a later page

    def __str__(self) -> str:
        """``第 5 页`` / ``第 5–6 页`` / ``第 12 行`` / ``第 8 段`` / ``工作表“说明” B12``."""
        if self.sheet is not None:
            return f"工作表“{self.sheet}”" + (f" {self.cell}" if self.cell else "")
        if self.page is not None:
            return f"第 {self.page}" + (f"–{self.last_page}" if self.last_page else "") + " 页"
        if self.paragraph is not None:
            return f"第 {self.paragraph} 段"
        return f"第 {self.line} 行" if self.line is not None else ""


@dataclass(frozen=True)
class Staffing:
    """编制与人员: counts and year-over-year changes (signed) as stated in Part 1."""

    authorized: int | None = None  # 编制数
    actual: int | None = None  # 实有人数
    in_service: int | None = None  # 在职
    in_service_change: int | None = None
    retired: int | None = None  # 退休
    retired_change: int | None = None
    lixiu: int | None = None  # 离休
    lixiu_change: int | None = None


@dataclass(frozen=True)
class Overview:
    """Part 1 部门概况: functions, organisation, budget units, staffing, tasks and basis."""

    functions: tuple[str, ...] = ()
    # what 主要职能 prints before its numbered items, or instead of them (江苏省政协: prose)
    functions_intro: tuple[str, ...] = ()
    organisation: tuple[str, ...] = ()  # 机构设置 paragraphs as printed
    internal_divisions: tuple[str, ...] = ()  # 内设处室
    units: tuple[str, ...] = ()  # budget units (预算单位) included in the department budget
    unit_notes: tuple[str, ...] = ()  # what a unit's list item prints after its name, by unit
    admin_unit_count: int | None = None  # 行政单位
    institution_unit_count: int | None = None  # 事业单位
    staffing: Staffing = field(default_factory=Staffing)
    # 江苏 主要工作任务及目标 and (2017) 部门收支预算编制的相关依据及测算分析情况, as printed
    tasks: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    # where a count was printed (parsed): ``authorized``… → the place of its words (no equality)
    places: Mapping[str, Place] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Fact:
    """A figure stated in a narrative sentence, with what it refers to.

    ``change`` and ``rate`` are signed (减少/下降 negative). ``ref_*`` locate the table cell the
    figure must equal (``ref_table`` canonical id, ``ref_code`` or ``ref_row`` key, ``ref_column``
    key); ``subject`` is the thing named in the sentence. A 表7 project row has no key and
    shares its code with other projects: it is referred to by ``ref_code`` plus ``subject`` =
    the project name. A blank cell of a fixed row (表1 政府性基金, 表10 因公出国 …) is stated
    as 0.00, so a fact of amount 0 may refer to a blank cell.
    """

    subject: str
    amount: Decimal | None = None
    unit: Unit = Unit.WAN
    share: Decimal | None = None  # percent, e.g. 73.19
    change: Decimal | None = None
    rate: Decimal | None = None  # percent
    ref_table: str | None = None
    ref_code: str | None = None
    ref_row: str | None = None
    ref_column: str | None = None
    # what ``change``/``rate`` compare with: the year named (比2024年…), the basis (``预算``,
    # ``执行数`` — 上海 compares items with last year's execution — or ``决算``) and the base
    # figure where the sentence prints it (in ``unit``)
    base_year: int | None = None
    basis: str | None = None
    prior: Decimal | None = None


@dataclass(frozen=True)
class Sentence:
    text: str
    facts: tuple[Fact, ...] = ()
    kind: SentenceKind = "text"
    # where it was printed (parsed documents); not part of what the sentence says, so two
    # sentences of the same words and facts are equal wherever they stand
    origin: Place | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Section:
    """A numbered section of Part 3 (一 … 十二); paragraphs are tuples of sentences."""

    number: str
    title: str
    paragraphs: tuple[tuple[Sentence, ...], ...] = ()
    key: str | None = None  # canonical section key, e.g. ``income``, ``three_public``

    @property
    def called(self) -> str:
        """What a reader calls the section: its number (五), or its title where it has none
        (上海: 部门预算编制说明)."""
        return self.number or self.title

    def sentences(self) -> Iterator[Sentence]:
        for p in self.paragraphs:
            yield from p


@dataclass(frozen=True)
class Indicator:
    """One row of a performance-target table (一级/二级/三级指标)."""

    level1: str
    level2: str
    level3: str
    value: str  # 指标值 as printed, e.g. ``>=24 次``
    basis: str | None = None  # 指标设定依据
    weight: Decimal | None = None  # 分值权重
    prior_value: str | None = None  # 上年完成值
    scoring_rule: str | None = None  # 指标赋分规则
    evidence: str | None = None  # 佐证资料


@dataclass(frozen=True)
class OverallPerformance:
    """部门整体绩效目标表."""

    department: str
    year: int
    goals: str
    total: Decimal | None
    fiscal_superior: Decimal | None = None  # 财政资金 上级安排
    fiscal_local: Decimal | None = None  # 财政资金 本级安排
    other: Decimal | None = None  # 其他资金
    contact: str | None = None
    phone: str | None = None
    indicators: tuple[Indicator, ...] = ()
    unit: Unit = Unit.WAN


@dataclass(frozen=True)
class ProjectPerformance:
    """项目支出绩效目标表 for one project."""

    unit_name: str  # 预算单位
    project: str
    year: int
    total: Decimal | None  # 年度预算总额
    fiscal: Decimal | None = None  # 其中：财政拨款
    other: Decimal | None = None  # 其他资金
    manager: str | None = None  # 项目负责人
    goals: str = ""
    indicators: tuple[Indicator, ...] = ()
    unit: Unit = Unit.WAN


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    definition: str


@dataclass(frozen=True)
class UnreadTable:
    """A printed table whose title matched no table of the profile: not read, but where it
    is and which tables its title resembles (``could_be``) are kept."""

    title: str
    page: int | None = None
    could_be: tuple[TableId, ...] = ()  # canonical table ids
    line: int | None = None  # text and grid sources: the line, where there are no pages

    @property
    def where(self) -> str:
        """``第 3 页`` / ``第 12 行`` (empty where neither is known)."""
        if self.page is not None:
            return f"第 {self.page} 页"
        return f"第 {self.line} 行" if self.line is not None else ""


@dataclass(frozen=True)
class Disclosure:
    """A whole department budget disclosure (部门预算公开)."""

    department: str
    year: int
    profile: str  # table-set profile id, e.g. ``xinjiang-11``
    unit: Unit  # the document's main unit; each table carries its own too
    edition: Edition = "部门预算"  # or ``单位预算`` (``部门决算``/``单位决算`` for final accounts)
    overview: Overview = field(default_factory=Overview)
    tables: tuple[Table, ...] = ()
    narrative: tuple[Section, ...] = ()
    overall_performance: tuple[OverallPerformance, ...] = ()
    project_performance: tuple[ProjectPerformance, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    published_on: str | None = None  # date printed at the end, ISO ``YYYY-MM-DD``
    approved_on: str | None = None  # 预算批复日期 (ISO), where known: 20-day rule (预算法 §14)
    source: Origin | None = None
    unread_tables: tuple[UnreadTable, ...] = ()  # table-like blocks parse did not recognise
    cover: tuple[CoverLine, ...] | None = field(default=None, compare=False)  # model.cover

    def table(self, table_id: TableId | None) -> Table | None:
        """The table of this id; text from outside (a finding's location, a fact's reference,
        a URL) is checked first: ``table(table_id(text))``."""
        return next((t for t in self.tables if t.id == table_id), None) if table_id else None

    def section(self, key: str) -> Section | None:
        return next((s for s in self.narrative if s.key == key), None)

    @property
    def kind(self) -> DocumentKind:
        """``final`` for final accounts (部门决算/单位决算), else ``budget``."""
        return kind_of(self.edition)

    @property
    def title(self) -> str:
        return f"{self.department}{self.year}年{self.edition}公开"

    @cached_property
    def organisation_paragraphs(self) -> tuple[str, ...]:
        """Part 1 机构设置及人员情况 as printed: the paragraphs given, then those stating the
        units, divisions and staffing in the region's words (``model.part1``); derived once,
        not serialised."""
        return organisation_paragraphs(self.department, self.year, self.edition, self.overview,
                                       self.profile)
