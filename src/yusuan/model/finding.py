"""The one finding record: what a check or a reader found, and where.

Checks (``yusuan.checks``) and readers (``yusuan.parse``) both return these, so it lives in the
model, below both. The CLI prints them as ``file:page: rule-id [错误|警告|提示] message`` and
``check --format json`` writes the same fields (docs/design.md (Findings)), plus ``also_at``: the
other places where the same root cause shows (empty for most findings).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal

from yusuan.model.kinds import CATEGORIES, Category, one_of

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_TITLES = {"error": "错误", "warning": "警告", "info": "提示"}


def severity(text: object) -> Severity:
    """A severity read from data (stored findings): one of the three, else ``error``."""
    return next((s for s in SEVERITIES if s == text), "error")


_FIELDS = ("file", "page", "table", "code", "name", "column", "line", "paragraph", "sheet",
           "cell", "section", "sentence")


@dataclass(frozen=True)
class Location:
    """Where a finding points: file and page, then table, row (code / name) and column; for a
    figure of the text, where its sentence was printed (``page``, or ``line`` of a text file,
    ``paragraph`` of a DOCX, ``sheet`` and ``cell`` of a workbook), its ``section``
    (``第三部分“四”``) and the ``sentence`` itself."""

    file: str | None = None
    page: int | None = None
    table: str | None = None
    code: str | None = None
    name: str | None = None
    column: str | None = None
    line: int | None = None
    paragraph: int | None = None
    sheet: str | None = None
    cell: str | None = None
    section: str | None = None
    sentence: str | None = None

    def __str__(self) -> str:
        where = self.file or "<内存>"
        if self.page is not None:
            where += f":{self.page}"
        elif self.line is not None:
            where += f":{self.line}"
        return where

    @property
    def place(self) -> str:
        """Where on the pages, in words: ``第 5 页`` / ``第 12 行`` (a text file) / ``第 8 段``
        (a DOCX) / ``工作表“说明” B12 单元格`` (empty when unknown)."""
        if self.sheet is not None:
            return f"工作表“{self.sheet}”" + (f" {self.cell} 单元格" if self.cell else "")
        if self.page is not None:
            return f"第 {self.page} 页"
        if self.paragraph is not None:
            return f"第 {self.paragraph} 段"
        return f"第 {self.line} 行" if self.line is not None else ""

    @property
    def printed(self) -> str:
        """Where in the document, in words: ``第 5 页 第三部分“四”`` (empty when unknown)."""
        return " ".join(x for x in (self.place, self.section or "") if x)

    def quoted(self, limit: int = 60) -> str:
        """The sentence, quoted and cut at ``limit`` characters (empty when there is none)."""
        if not self.sentence:
            return ""
        text = self.sentence if len(self.sentence) <= limit else self.sentence[:limit] + "…"
        return f"“{text}”"

    def to_data(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in _FIELDS}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Location:
        """A location from its JSON object (older ones lack the text's fields)."""
        return cls(**{k: data.get(k) for k in _FIELDS})


def _plain(value: Any) -> Any:
    """JSON form of ``expected``/``actual``: amounts as exact decimal strings."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    category: Category
    message: str
    location: Location = field(default_factory=Location)
    expected: Any = None
    actual: Any = None
    # the same difference seen elsewhere (parent 款/类/合计, the same row of a linked table):
    # consequences of this finding's root cause, reported with it rather than on their own
    also: tuple[Finding, ...] = ()
    # the unit of ``expected``/``actual`` (元 / 万元) where they are amounts
    unit: str | None = None

    def __str__(self) -> str:
        """``file:line: rule-id [错误] message`` — the severity in the reader's words."""
        return f"{self.location}: {self.rule_id} [{SEVERITY_TITLES[self.severity]}] {self.message}"

    @property
    def difference(self) -> Decimal | None:
        """``actual − expected`` when both are amounts."""
        if isinstance(self.expected, (Decimal, int)) and isinstance(self.actual, (Decimal, int)):
            return Decimal(self.actual) - Decimal(self.expected)
        return None

    def at_file(self, file: str | None) -> Finding:
        """The same finding located in ``file`` (kept when it already names one)."""
        if self.location.file or not file:
            return self
        return replace(self, location=replace(self.location, file=file))

    def to_data(self) -> dict[str, Any]:
        """The JSON object of docs/design.md (Findings)."""
        return {
            "rule_id": self.rule_id,
            "severity": self.severity,
            "category": self.category,
            "message": self.message,
            "location": self.location.to_data(),
            "expected": _plain(self.expected),
            "actual": _plain(self.actual),
            "unit": self.unit,
            "also_at": [{"rule_id": f.rule_id, "location": f.location.to_data(),
                         "expected": _plain(f.expected), "actual": _plain(f.actual)}
                        for f in self.also],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Finding:
        """A finding from its JSON object (as stored), amounts kept as their strings."""
        where = data.get("location") or {}
        return cls(str(data["rule_id"]), severity(data["severity"]), one_of(CATEGORIES, data.get("category"), "internal"),
                   str(data.get("message", "")),
                   Location.from_data(where),
                   data.get("expected"), data.get("actual"), unit=data.get("unit"))
