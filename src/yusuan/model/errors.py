"""The one error type for bad input: it says which file, where, which field, what was expected.

Commands turn it into a message and exit code 2. Bugs raise anything else.
"""

from __future__ import annotations


class InputError(Exception):
    """Unusable input: ``file:line: field: message`` (page instead of line for PDFs)."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 page: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.page = page
        self.field = field

    def __str__(self) -> str:
        where = self.file or ""
        if self.page is not None:
            where += f":第{self.page}页"
        if self.line is not None:
            where += f":{self.line}"
        parts = [p for p in (where, f"字段 {self.field}" if self.field else "", self.message) if p]
        return "：".join(parts) if not where else where + "：" + "：".join(parts[1:])
