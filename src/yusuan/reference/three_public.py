"""The “三公” items (因公出国（境）费, 公务接待费, 公务用车购置及运行费 …) by the keys the tables
and the narrative use, with the names each kind of document prints them under, read from
``reference/data/three_public.csv``: a 预算 says 公务用车运行费, a 决算 公务用车运行维护费; the
total is “三公”经费合计 on its own, 合计 as a row or column of the 三公 table (``in_table``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from yusuan.reference.classification import read_csv


@dataclass(frozen=True)
class ThreePublicItem:
    key: str  # ``total``, ``abroad``, ``reception``, ``vehicle``, ``vehicle.purchase`` …
    budget: str  # as a 预算 prints it
    final: str  # as a 决算 prints it
    in_table: str  # as a row or column of the 三公 table, where that differs (合计)

    def name(self, *, final: bool = False, in_table: bool = False) -> str:
        """As a 预算 (or, ``final``, a 决算) prints it; ``in_table``: as the 三公 table does."""
        if in_table and self.in_table:
            return self.in_table
        return self.final if final else self.budget


@cache
def three_public_items() -> dict[str, ThreePublicItem]:
    return {row["key"]: ThreePublicItem(row["key"], row["budget"], row["final"], row["in_table"])
            for row in read_csv("three_public.csv")}


def three_public_names(keys: tuple[str, ...], *, final: bool = False,
                       in_table: bool = False) -> tuple[tuple[str, str], ...]:
    """(key, name) of each of ``keys`` as a 预算 (``final``: a 决算) prints it."""
    items = three_public_items()
    return tuple((k, items[k].name(final=final, in_table=in_table)) for k in keys)
