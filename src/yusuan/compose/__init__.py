"""``compose``: a department's own data → ``Disclosure``: a source folder (``budget.yaml`` +
tables or line items) or a filled 上海 budget workbook, with the narrative generated.

Where it sits: above ``derive`` (the source read), ``narrative`` (the prose) and ``checks``
(the workbook's placeholder test), below ``intake`` (which reads source folders like any other
input) and ``build`` (which writes the outputs).
"""

from __future__ import annotations

from pathlib import Path

from yusuan.compose.assemble import budget_tables, disclosure_from_budget
from yusuan.compose.workbook import disclosure_from_workbook
from yusuan.derive.source import load_budget
from yusuan.model.disclosure import Disclosure

__all__ = ["budget_tables", "build_disclosure", "disclosure_from_budget"]


def build_disclosure(source_dir: Path) -> Disclosure:
    """From a source folder, or from a filled 上海 budget workbook (``.xlsx``)."""
    if source_dir.is_file() and source_dir.suffix.lower() == ".xlsx":
        return disclosure_from_workbook(source_dir)
    return disclosure_from_budget(load_budget(source_dir))
