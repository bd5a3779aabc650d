"""The data model: what a disclosure says (``Disclosure``) and what a department supplies (``Budget``).

Everything else in yusuan reads or produces these types; the model imports nothing but the
standard library.
"""

from yusuan.model.codes import Code
from yusuan.model.disclosure import (
    SCHEMA_VERSION,
    Column,
    Disclosure,
    Fact,
    GlossaryTerm,
    Indicator,
    Origin,
    OverallPerformance,
    Overview,
    ProjectPerformance,
    Row,
    Section,
    Sentence,
    Staffing,
    Table,
)
from yusuan.model.money import Unit, format_amount, parse_amount, to_yuan

__all__ = [
    "SCHEMA_VERSION",
    "Code",
    "Column",
    "Disclosure",
    "Fact",
    "GlossaryTerm",
    "Indicator",
    "Origin",
    "OverallPerformance",
    "Overview",
    "ProjectPerformance",
    "Row",
    "Section",
    "Sentence",
    "Staffing",
    "Table",
    "Unit",
    "format_amount",
    "parse_amount",
    "to_yuan",
]
