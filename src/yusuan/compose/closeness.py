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
    total = sum(n * _best(text, tuple(written)) for text, n in printed.items())
    return total / sum(printed.values())


@functools.lru_cache(maxsize=65536)
def _best(text: str, written: tuple[str, ...]) -> float:
    """The best similarity of ``text`` to one of ``written`` (0 if none): the same as the
    best ``ratio`` of them all, found sooner. The ratio never exceeds its bounds (from the
    lengths alone, then from the characters the two have in common), so a clause whose
    bound is no better than the best found yet is not compared in full."""
    best = 0.0
    n = len(text)
    for other in sorted(written, key=lambda o: -_length_bound(n, len(o))):
        if _length_bound(n, len(other)) <= best:
            break  # nor any after it
        if _bound(text, other) > best:
            best = max(best, _ratio(text, other))
    return best


def _length_bound(a: int, b: int) -> float:
    """``SequenceMatcher.real_quick_ratio``: two texts of these lengths match at most so."""
    return 2.0 * min(a, b) / (a + b) if a + b else 1.0


@functools.lru_cache(maxsize=65536)
def _bound(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).quick_ratio()


@functools.lru_cache(maxsize=65536)
def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
