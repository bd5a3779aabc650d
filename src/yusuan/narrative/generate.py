"""Part 3 (预算情况说明): generated sentence by sentence from the tables and the context."""

from __future__ import annotations

from yusuan.model.budget import Budget
from yusuan.model.disclosure import Section


def narrative(budget: Budget) -> tuple[Section, ...]:
    """The Part 3 sections. (The generator itself lands with issue 3; until then: none.)"""
    del budget
    return ()
