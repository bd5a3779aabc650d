"""The income items of the summary tables (表1/表2/表4: 一般公共预算拨款, 财政专户管理资金, …),
each with the names it is printed under, read from ``reference/data/income_items.csv``.

Where it sits: `reference`, beside the classification catalogues (`classification`), whose
CSV reader and name normalisation it shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from yusuan.reference.classification import Provenance, as_provenance, normalize_name, read_csv
from yusuan.reference.numerals import strip_numbering


@dataclass(frozen=True)
class IncomeItem:
    """An income line of the summary tables (表1/表2/表4), with the names it is printed under."""

    key: str
    name: str
    aliases: tuple[str, ...]
    provenance: Provenance
    source: str


# Row labels carry numbering and "其中：": "1. 一般公共预算拨款", "二、上年结转结余", "（一）…".
_WHEREOF = re.compile(r"^其中[:：]?")


@cache
def _income_index() -> dict[str, IncomeItem]:
    index: dict[str, IncomeItem] = {}
    for row in read_csv("income_items.csv"):
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        item = IncomeItem(
            key=row["key"],
            name=row["name"],
            aliases=aliases,
            provenance=as_provenance(row["provenance"]),
            source=row["source"],
        )
        for label in (item.name, *aliases):
            key = normalize_name(label)
            if key in index and index[key].key != item.key:
                raise ValueError(f"income label {label!r} names two items")
            index[key] = item
    return index


def income_items() -> tuple[IncomeItem, ...]:
    """All income items, each once, in file order."""
    return tuple({item.key: item for item in _income_index().values()}.values())


def income_item(name: str) -> IncomeItem | None:
    """The income item printed as ``name`` (numbering like ``1.``/``二、``/``其中：`` ignored)."""
    label = normalize_name(name)
    index = _income_index()
    if label in index:
        return index[label]
    return index.get(strip_numbering(_WHEREOF.sub("", label)))
