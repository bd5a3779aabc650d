"""The closed sets of the model, as ``Literal`` types: what kind of document, which edition,
which table, which kind of row or sentence, which category of finding.

They are plain strings at run time, so JSON, CSV and the database hold exactly the values
they held before; mypy holds every caller to the set. Where a value comes from outside (a
file, the database, a form), the reading function below checks it: a known value, or the
caller's fallback — never an unchecked string.
"""

from __future__ import annotations

from typing import Literal, TypeVar, get_args

DocumentKind = Literal["budget", "final"]  # 预算 / 决算 (final accounts)
DOCUMENT_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)

# 部门/单位 × 预算/决算: who publishes (the department as a whole, or one of its units) and what
Edition = Literal["部门预算", "单位预算", "部门决算", "单位决算"]
EDITIONS: tuple[Edition, ...] = get_args(Edition)

# a table's canonical id: the same table in every region, edition and kind, whatever number
# and title the region prints it under (a profile lists the ones it publishes; a region with
# a table none of these is adds its id here)
TableId = Literal["summary", "income", "expenditure", "appropriation", "gpb", "gpb_basic",
                  "gpb_project", "gov_fund", "state_capital", "three_public", "carryover",
                  "appropriation_functional", "appropriation_basic", "operating_cost",
                  "procurement"]
TABLE_IDS: tuple[TableId, ...] = get_args(TableId)

def table_id(text: object) -> TableId | None:
    """``text`` when it is a canonical table id (from a URL, a stored finding), else ``None``."""
    return next((t for t in TABLE_IDS if t == text), None)


# a table row: the total, a budget unit's subtotal (表7), a 类 row, an ordinary item, a project
RowKind = Literal["total", "unit", "class", "item", "project", "subtotal"]
ROW_KINDS: tuple[RowKind, ...] = get_args(RowKind)

# ``performance_tables``: where the performance-target tables are printed inside Part 3
SentenceKind = Literal["text", "heading", "item", "performance_tables"]
SENTENCE_KINDS: tuple[SentenceKind, ...] = get_args(SentenceKind)

# how a profile lays a table out: a grid, two sides (收入 | 支出), or code/name/amount pairs
TableShape = Literal["grid", "two-sided", "pairs"]
TABLE_SHAPES: tuple[TableShape, ...] = get_args(TableShape)

# which rows a table (or one side of it) has: fixed rows of the profile, the functional or
# economic classification, projects (by unit, or flat), one row of figures, procurement items
RowSet = Literal["fixed", "functional", "functional-classes", "economic", "projects",
                 "projects-flat", "single", "procurement"]
ROW_SETS: tuple[RowSet, ...] = get_args(RowSet)

# how a 类 row is labelled: ``201 一般公共服务支出`` (code) or ``一、一般公共服务支出``
ClassLabels = Literal["code", "enumerated"]
CLASS_LABELS: tuple[ClassLabels, ...] = get_args(ClassLabels)

# the category of a rule and of its findings (titles in ``checks.rule.CATEGORIES``)
Category = Literal["arithmetic", "cross-table", "narrative", "performance", "organisation",
                   "completeness", "classification", "text", "cross-year", "parse", "internal"]
CATEGORIES: tuple[Category, ...] = get_args(Category)

_T = TypeVar("_T", bound=str)


def one_of(values: tuple[_T, ...], text: object, default: _T) -> _T:
    """``text`` when it is one of ``values`` (read from data: a file, the database), else
    ``default``."""
    return next((v for v in values if v == text), default)


def checked(values: tuple[_T, ...], text: object, what: str) -> _T:
    """``text`` when it is one of ``values``; a ``ValueError`` naming ``what`` otherwise (for
    data shipped with yusuan, where another value is a mistake of that data)."""
    for v in values:
        if v == text:
            return v
    raise ValueError(f"{what} 应为 {'、'.join(values)} 之一，却是“{text}”")


def kind_of(edition: Edition) -> DocumentKind:
    """``final`` for final accounts (部门决算/单位决算), else ``budget``."""
    return "final" if edition.endswith("决算") else "budget"
