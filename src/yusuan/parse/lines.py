"""What every reader hands to table recognition: lines of positioned cells.

Where it sits: ``parse`` readers (text, PDF, later XLSX/DOCX) turn a published file into a
tuple of ``Line``s — one per printed line (PDF), text line (TXT) or sheet row (XLSX) — each a
tuple of ``Cell``s with a horizontal extent. Recognition (``tables.py``) and the narrative and
Part 1 readers work only on these, so a new reader only has to produce lines.

For a text or spreadsheet source, ``x0``/``x1`` are the column index (``i``, ``i + 0.9``); for
a PDF they are points on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from yusuan.model.disclosure import label
from yusuan.model.money import AmountError, parse_amount

_AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,4})?$")
_CODE = re.compile(r"^\d{2,7}$")


@dataclass(frozen=True)
class Cell:
    text: str
    x0: float
    x1: float
    top: float = 0.0
    words: tuple[tuple[str, float, float], ...] = ()  # printed words merged into this cell

    # computed once per cell: recognition asks for it many times per line and profile
    @cached_property
    def label(self) -> str:
        return label(self.text)

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2

    @cached_property
    def is_number(self) -> bool:
        return bool(_AMOUNT.match(self.label))

    @property
    def is_code_like(self) -> bool:
        """Digits only, no separators: a classification code (or a bare integer amount)."""
        return bool(_CODE.match(self.label))


@dataclass(frozen=True)
class Line:
    """One printed line: its cells left to right, where it was (page or line number)."""

    cells: tuple[Cell, ...]
    page: int | None = None
    line: int | None = None
    top: float = 0.0
    height: float = 10.0
    sheet: str | None = None
    paragraph: int | None = None  # DOCX: the body paragraph (table rows not counted)
    page_width: float = 0.0  # PDF: the page's width (where a cover line stands on it)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)

    @cached_property
    def label(self) -> str:
        return "".join(c.label for c in self.cells)


def column_name(index: int) -> str:
    """A worksheet column's letters from its index (0 → A, 26 → AA)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def to_amount(text: str) -> Decimal:
    """A printed amount cell (already matched by ``Cell.is_number``) as an exact Decimal;
    an ``AmountError`` when it is out of range (``money.parse_amount`` decides)."""
    amount = parse_amount(text, max_places=4)
    if amount is None:
        raise AmountError(f"“{text}”不是金额")
    return amount


def grid_lines(rows: Iterable[Sequence[str | None]], *, sheet: str | None = None,
               page: int | None = None, first_line: int = 1) -> tuple[Line, ...]:
    """Rows of cell strings (a text table, a worksheet, a DOCX table) as ``Line``s.

    Each non-blank cell keeps its column index as x-range, so header columns and figures
    line up by index; blank rows are dropped. Grid rows are never wrapped fragments of each
    other (``height`` 0.5 keeps the fragment rule of ``tables.py`` out of play).
    """
    out: list[Line] = []
    for n, row in enumerate(rows, first_line):
        cells = tuple(Cell(str(v).strip(), float(i), i + 0.9, float(n))
                      for i, v in enumerate(row) if v is not None and str(v).strip())
        if cells:
            out.append(Line(cells=cells, page=page, line=n, top=float(n), height=0.5,
                            sheet=sheet))
    return tuple(out)
