"""Performance tables (stub replaced below)."""
from __future__ import annotations

from yusuan.model.disclosure import OverallPerformance, ProjectPerformance
from yusuan.parse.lines import Line


def read_performance(lines: tuple[Line, ...], department: str, year: int) -> tuple[
        tuple[OverallPerformance, ...], tuple[ProjectPerformance, ...]]:
    return (), ()
