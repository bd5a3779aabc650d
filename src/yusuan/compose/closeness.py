"""How near written clauses come to printed ones: the tie-breaker of the wording choices
(``variants``) for a choice of words that needs another before it writes a clause alike."""

from __future__ import annotations

import difflib
import functools
from collections import Counter


def closeness(printed: Counter[str], written: Counter[str]) -> float:
    """How near the written clauses come to the printed ones not written alike: the mean,
    over those printed clauses, of the best similarity to a written one (0 to 1)."""
    if not printed:
        return 0.0
    total = sum(n * max((_ratio(text, other) for other in written), default=0.0)
                for text, n in printed.items())
    return total / sum(printed.values())


@functools.lru_cache(maxsize=65536)
def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
