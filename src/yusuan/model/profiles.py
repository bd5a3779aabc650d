"""Profiles: the table sets regions publish, as data (``profiles/*.yaml``).

A profile lists its tables with canonical id, printed number and title, title aliases, the
stub header, the amount columns (canonical key + printed header path) and the row kind.
Everything that lays out or recognises a table reads it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml

from yusuan.model.budget import Budget
from yusuan.model.disclosure import Column, Disclosure, label
from yusuan.model.kinds import (
    CLASS_LABELS,
    DOCUMENT_KINDS,
    EDITIONS,
    ROW_KINDS,
    ROW_SETS,
    TABLE_IDS,
    TABLE_SHAPES,
    ClassLabels,
    DocumentKind,
    Edition,
    RowKind,
    RowSet,
    TableId,
    TableShape,
    checked,
)
from yusuan.model.money import Unit
from yusuan.reference.numerals import strip_numbering

# libyaml's safe loader where PyYAML was built with it (the same documents, ~10× faster)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UnknownProfileError(LookupError):
    pass


@dataclass(frozen=True)
class FixedRow:
    key: str
    label: str
    kind: RowKind = "item"


@dataclass(frozen=True)
class Side:
    """One side of a two-sided table (收入 | 支出)."""

    section: str
    header: str
    stub: str
    columns: tuple[Column, ...]
    rows: RowSet  # ``fixed`` | ``functional-classes``
    fixed_rows: tuple[FixedRow, ...]
    total: FixedRow
    # how a 类 row is labelled: ``code`` (``201 一般公共服务支出``) or ``enumerated``
    # (``一、一般公共服务支出``, numbered in ``classes``, the profile's functional classes)
    labels: ClassLabels = "code"
    classes: tuple[tuple[str, str], ...] = ()
    numbered: bool = False  # 类 rows printed ``一、一般公共服务支出`` (no code), as in 上海 表1
    printed_total: bool = True  # 江苏 功能分类: the 支出合计 line is the 支出用途 side's

    def class_number(self, code: str) -> int | None:
        """The printed number (1-based) of a 类 among the classes, for ``enumerated`` labels."""
        return next((i for i, (c, _) in enumerate(self.classes, 1) if c == code), None)

    def class_code(self, name: str) -> str | None:
        """The code of a 类 by its printed name (numbering and spaces ignored)."""
        wanted = strip_numbering(label(name))
        return next((c for c, n in self.classes if label(n) == wanted), None)



@dataclass(frozen=True)
class TableLayout:
    id: TableId
    number: str
    title: str
    aliases: tuple[str, ...]
    layout: TableShape  # ``pairs``: sides of code/name/amount side by side
    stub: tuple[tuple[str, ...], ...]
    columns: tuple[Column, ...]
    rows: RowSet
    fixed_rows: tuple[FixedRow, ...]
    sides: tuple[Side, ...]
    numbered: bool
    empty_statement: str | None
    editions: tuple[Edition, ...] = ()  # a variant printed by these editions only (empty: all)
    unit: Unit | None = None  # the table's own unit where it differs (上海 “三公” table: 万元)
    total_label: str = "总计"  # the grid's total row as printed
    total_last: bool = False  # printed below the rows (上海 “合计”) instead of above
    landscape: bool = False  # printed on a landscape page whatever its width (上海)
    edition_titles: tuple[tuple[str, str], ...] = ()  # (edition, title): 单位预算 titles
    title_format: str = "{title}"  # as printed above the table, e.g. ``{year}年{title}``
    number_printed: bool = True  # 上海 prints no number above a table (only in the 目录)

    def printed_title(self, year: int, edition: str) -> str:
        """The title this edition prints (上海 单位预算: ``2025年预算单位财务收支预算总表``)."""
        title = dict(self.edition_titles).get(edition, self.title)
        return self.title_format.format(year=year, title=title)

    @property
    def all_columns(self) -> tuple[Column, ...]:
        if self.sides:
            return tuple(c for s in self.sides for c in s.columns)
        return self.columns

    @property
    def total_name(self) -> str:
        """The total row's printed label; none where the table has no stub (a one-row table
        of amounts: 上海 “三公” table, 江苏 公开03/09表)."""
        return self.total_label if self.stub else ""

    @property
    def printed_name(self) -> str:
        """``表1 部门收支总体情况表`` / ``公开01表 收支预算总表``, for messages."""
        number = f"表{self.number}" if self.number.isdigit() else self.number
        return f"{number} {self.title}"

    def side(self, section: str) -> Side:
        return next(s for s in self.sides if s.section == section)

    @property
    def code_depth(self) -> int:
        """How many code columns (类/款/项) the stub has."""
        return sum(1 for p in self.stub if p[-1] in ("类", "款", "项"))

    def side_grid(self, section: str) -> TableLayout:
        """One side of a ``pairs`` table as a coded grid of its own (code, name, amounts)."""
        side = self.side(section)
        return replace(self, layout="grid", stub=((side.stub,), ("科目名称",)),
                       columns=side.columns, rows=side.rows, fixed_rows=(), sides=())

    def find_column(self, name: str, section: str | None = None) -> Column | None:
        """A column by canonical key, printed leaf label, or full printed path."""
        wanted = label(name)
        for c in self.all_columns:
            if section is not None and c.section not in (None, section):
                continue
            if name == c.key or wanted in (label(c.leaf), c.label):
                return c
        return None

    def statement(self, department: str, year: int) -> str | None:
        if self.empty_statement is None:
            return None
        return self.empty_statement.format(department=department, year=year)


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    unit: Unit
    tables: tuple[TableLayout, ...]
    functional_classes: tuple[tuple[str, str], ...]
    variants: tuple[TableLayout, ...] = ()  # other layouts of the same tables (editions)
    editions: tuple[tuple[Edition, tuple[TableId, ...]], ...] = ()  # edition → its table ids
    kind: DocumentKind = "budget"  # ``budget`` (预算) | ``final`` (决算, final accounts)

    def table(self, table_id: TableId, edition: str | None = None) -> TableLayout | None:
        """The layout of a table: the variant of ``edition`` where it has one."""
        variant = next((t for t in self.variants if t.id == table_id and edition in t.editions),
                       None)
        return variant or next((t for t in self.tables if t.id == table_id), None)

    @property
    def table_ids(self) -> tuple[TableId, ...]:
        return tuple(t.id for t in self.tables)

    @property
    def layouts(self) -> tuple[TableLayout, ...]:
        """Every layout a published table may have: the tables and their variants."""
        return self.tables + self.variants

    def required(self, edition: Edition) -> tuple[TableId, ...]:
        """The tables an edition (部门预算, 单位预算) publishes: all unless the profile says."""
        return dict(self.editions).get(edition, self.table_ids)


def _columns(raw: list[dict[str, Any]], section: str | None = None) -> tuple[Column, ...]:
    return tuple(
        Column(key=str(c["key"]), path=tuple(c["path"]), section=section,
               number=str(c["number"]) if c.get("number") is not None else None)
        for c in raw
    )


def _fixed(raw: list[dict[str, Any]] | None) -> tuple[FixedRow, ...]:
    return tuple(FixedRow(r["key"], r["label"], checked(ROW_KINDS, r.get("kind", "item"), "kind")) for r in raw or ())


def _table(raw: dict[str, Any], top: dict[str, Any],
           classes: tuple[tuple[str, str], ...] = ()) -> TableLayout:
    sides = tuple(
        Side(
            section=s["section"], header=s["header"], stub=s["stub"],
            columns=_columns(s["columns"], s["section"]), rows=checked(ROW_SETS, s["rows"], "rows"),
            fixed_rows=_fixed(s.get("fixed_rows")),
            total=FixedRow(s["total"]["key"], s["total"]["label"], "total"),
            labels=checked(CLASS_LABELS, s.get("labels", "code"), "labels"),
            classes=classes if s["rows"] == "functional-classes" else (),
            numbered=bool(s.get("numbered", False)),
            printed_total=bool(s.get("printed_total", True)),
        )
        for s in raw.get("sides", ())
    )
    return TableLayout(
        id=checked(TABLE_IDS, raw["id"], "id"), number=raw["number"], title=raw["title"],
        # an edition's title (单位预算) names the same table
        aliases=(*raw.get("aliases", ()), *raw.get("titles", {}).values()),
        layout=checked(TABLE_SHAPES, raw.get("layout", "grid"), "layout"),
        stub=tuple(tuple(p) for p in raw.get("stub", ())),
        columns=_columns(raw.get("columns", [])), rows=checked(ROW_SETS, raw.get("rows", "fixed"), "rows"),
        fixed_rows=_fixed(raw.get("fixed_rows")), sides=sides,
        numbered=bool(raw.get("numbered", False)),
        empty_statement=raw.get("empty_statement"),
        editions=tuple(checked(EDITIONS, e, "editions") for e in raw.get("editions", ())),
        unit=Unit.parse(raw["unit"]) if raw.get("unit") else None,
        total_label=str(raw.get("total_row", {}).get("label", "总计")),
        total_last=raw.get("total_row", {}).get("position") == "last",
        landscape=raw.get("orientation", top.get("orientation")) == "landscape",
        edition_titles=tuple((str(k), str(v)) for k, v in raw.get("titles", {}).items()),
        title_format=str(top.get("title_format", "{title}")),
        number_printed=bool(top.get("number_printed", True)),
    )


def available_profiles() -> tuple[str, ...]:
    folder = resources.files("yusuan.reference") / "profiles"
    return tuple(sorted(p.name.removesuffix(".yaml") for p in folder.iterdir()
                        if p.name.endswith(".yaml")))


def unknown_profile(profile_id: str) -> UnknownProfileError:
    """The error for a profile id yusuan does not know, naming the ones it does."""
    known = "、".join(available_profiles())
    return UnknownProfileError(f"未知的表格配置（profile）“{profile_id}”，可用：{known}")


@cache
def profile_data(profile_id: str) -> dict[str, Any]:
    """The profile file as read (``load_profile`` builds the tables from it; the renderers
    read its ``frame``). ``UnknownProfileError`` names the profiles that exist."""
    if profile_id not in available_profiles():
        raise unknown_profile(profile_id)
    text = (resources.files("yusuan.reference") / "profiles" / f"{profile_id}.yaml").read_text(
        encoding="utf-8")
    raw = yaml.load(text, Loader=SAFE_LOADER)
    assert isinstance(raw, dict)
    return raw


@cache
def load_profile(profile_id: str) -> Profile:
    """The profile with this id; ``UnknownProfileError`` names the ones that exist."""
    raw = profile_data(profile_id)
    classes = tuple((str(c), str(n)) for c, n in raw.get("functional_classes", ()))
    return Profile(
        id=raw["id"], name=raw["name"], unit=Unit.parse(raw["unit"]),
        tables=tuple(_table(t, raw, classes) for t in raw["tables"]),
        functional_classes=classes,
        variants=tuple(_table(t, raw, classes) for t in raw.get("variants", ())),
        editions=tuple((checked(EDITIONS, e, "editions"),
                        tuple(checked(TABLE_IDS, i, "editions") for i in ids))
                       for e, ids in (raw.get("editions") or {}).items()),
        kind=checked(DOCUMENT_KINDS, raw.get("kind", "budget"), "kind"),
    )


def profile_of(disclosure: Disclosure | Budget) -> Profile | None:
    """The profile a disclosure (or a department's budget data) is laid out by — the one way
    to get it; ``None`` for an id yusuan does not know (a disclosure read from JSON may name one)."""
    try:
        return load_profile(disclosure.profile)
    except UnknownProfileError:
        return None
