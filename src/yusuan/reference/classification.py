"""Year-versioned classification catalogues: 支出功能分类, 部门/政府预算支出经济分类 (the
收入项目 of the summary tables are in `income`, which shares this module's CSV reader).

Where it sits: `reference` is the bottom of the pipeline. Parsers, checks, the narrative and the
portal ask it which codes exist in a budget year, what they are called and where an entry came
from (``provenance``): transcribed from the official 《政府收支分类科目》 (``official``), seen in a
published document (``observed``), or recorded without confirmation (``unverified``). A check can
then tell a wrong code from a gap in the catalogue.

The data are CSV files in ``reference/data/`` (one row per code version), read once, lazily.

Years: the catalogues cover ``FIRST_YEAR``–``LAST_YEAR``. A query for a year outside that range
is answered with the nearest covered year; `covered_year` (and `Catalogue.resolve`) say which
year was used and whether that was a fallback. Rows whose validity ends before ``FIRST_YEAR``
are kept as history (`Catalogue.history`) only.

Codes are compared segment by segment (functional ``201 03 01``, economic ``301 01``), never with
a plain ``startswith``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, get_args

Kind = Literal["functional", "economic_dept", "economic_gov"]
Provenance = Literal["official", "observed", "unverified"]

KINDS: tuple[Kind, ...] = get_args(Kind)
PROVENANCES: tuple[Provenance, ...] = get_args(Provenance)
FIRST_YEAR = 2019
LAST_YEAR = 2025

KIND_TITLES: dict[Kind, str] = {
    "functional": "支出功能分类科目",
    "economic_dept": "部门预算支出经济分类科目",
    "economic_gov": "政府预算支出经济分类科目",
}
# Segment lengths: functional 类(3) 款(2) 项(2); economic 类(3) 款(2).
SEGMENTS: dict[Kind, tuple[int, ...]] = {
    "functional": (3, 2, 2),
    "economic_dept": (3, 2),
    "economic_gov": (3, 2),
}
LEVEL_NAMES = ("类", "款", "项")

_FILES: dict[Kind, str] = {
    "functional": "functional.csv",
    "economic_dept": "economic_dept.csv",
    "economic_gov": "economic_gov.csv",
}
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]"})
_WHITESPACE = re.compile(r"\s+")


# ---------------------------------------------------------------------------- helpers


def normalize_name(name: str) -> str:
    """NFKC, curly quotes to straight ones, all white space removed: ``维修（护）费`` == ``维修(护)费``."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", name).translate(_QUOTES))


def names_equal(a: str, b: str) -> bool:
    """Whether two printed names are the same name (width, quotes and spacing ignored)."""
    return normalize_name(a) == normalize_name(b)


def normalize_code(code: str) -> str:
    """Digits of a printed code: ``"201 03 01"``, ``"２０１０３"`` → ``"2010301"``, ``"20103"``."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", code))


def kind_of_code(code: str) -> Kind | None:
    """Guess the catalogue of a code by its first digit (2 功能, 3 部门经济, 5 政府经济)."""
    code = normalize_code(code)
    guesses: dict[str, Kind] = {"2": "functional", "3": "economic_dept", "5": "economic_gov"}
    return guesses.get(code[:1]) if code.isdigit() else None


@dataclass(frozen=True)
class YearResolution:
    """Which catalogue year answers a request for ``requested``."""

    requested: int
    used: int

    @property
    def fallback(self) -> bool:
        return self.requested != self.used

    def note(self) -> str:
        """A Chinese sentence for users, empty when no fallback happened."""
        if not self.fallback:
            return ""
        return (
            f"目录覆盖 {FIRST_YEAR}–{LAST_YEAR} 年，{self.requested} 年按最近的 "
            f"{self.used} 年目录回答。"
        )


def covered_year(year: int) -> YearResolution:
    """Clamp ``year`` into the covered range (the documented fallback)."""
    return YearResolution(requested=year, used=min(max(year, FIRST_YEAR), LAST_YEAR))


# ---------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Entry:
    """One version of one code: its name and level over a range of budget years."""

    code: str
    name: str
    level: str  # 类 / 款 / 项
    parent: str  # "" for a 类
    valid_from: int
    valid_to: int | None  # None: still valid
    provenance: Provenance
    source: str

    def valid_in(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


@dataclass(frozen=True)
class Resolved:
    """An answer together with the catalogue year that produced it."""

    entry: Entry | None
    year: YearResolution


def read_csv(name: str) -> Iterator[dict[str, str]]:
    """The rows of ``reference/data/<name>``."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    yield from csv.DictReader(io.StringIO(text))


def _year(value: str) -> int | None:
    value = value.strip()
    return int(value) if value else None


def as_provenance(value: str) -> Provenance:
    if value not in PROVENANCES:
        raise ValueError(f"unknown provenance {value!r}")
    return value


class Catalogue:
    """All versions of the codes of one kind, queried by budget year."""

    def __init__(self, kind: Kind, entries: Iterable[Entry]) -> None:
        self.kind: Kind = kind
        self.title = KIND_TITLES[kind]
        rows = tuple(sorted(entries, key=lambda e: (e.code, e.valid_from)))
        self._all = rows
        by_code: dict[str, list[Entry]] = {}
        for entry in rows:
            by_code.setdefault(entry.code, []).append(entry)
        self._by_code = {code: tuple(versions) for code, versions in by_code.items()}
        self._by_year: dict[int, tuple[Entry, ...]] = {}

    def __repr__(self) -> str:
        return f"Catalogue({self.kind!r}, {len(self._all)} rows)"

    # -- years ---------------------------------------------------------------

    @property
    def years(self) -> range:
        return range(FIRST_YEAR, LAST_YEAR + 1)

    def entries(self, year: int) -> tuple[Entry, ...]:
        """Every code valid in ``year`` (nearest covered year outside the range), in code order."""
        used = covered_year(year).used
        if used not in self._by_year:
            self._by_year[used] = tuple(e for e in self._all if e.valid_in(used))
        return self._by_year[used]

    def classes(self, year: int) -> tuple[Entry, ...]:
        """The 类 of the year in code order: the fixed rows of summary tables (表1/表4)."""
        return tuple(e for e in self.entries(year) if e.level == "类")

    # -- one code ------------------------------------------------------------

    def resolve(self, code: str, year: int) -> Resolved:
        """Like `lookup`, and says which catalogue year answered."""
        resolution = covered_year(year)
        versions = self._by_code.get(normalize_code(code), ())
        entry = next((e for e in versions if e.valid_in(resolution.used)), None)
        return Resolved(entry=entry, year=resolution)

    def lookup(self, code: str, year: int) -> Entry | None:
        """The version of ``code`` valid in ``year``; None if the code does not exist then."""
        return self.resolve(code, year).entry

    def name(self, code: str, year: int) -> str | None:
        entry = self.lookup(code, year)
        return entry.name if entry else None

    def parent(self, code: str, year: int) -> Entry | None:
        """The entry one level up, as the catalogue records it (``parent``; the code grammar
        is ``model.codes``)."""
        entry = self.lookup(code, year)
        return self.lookup(entry.parent, year) if entry is not None and entry.parent else None

    def ancestors(self, code: str, year: int) -> tuple[Entry, ...]:
        """Nearest first: ``2010301`` → (``20103``, ``201``)."""
        found: list[Entry] = []
        up = self.parent(code, year)
        while up is not None:
            found.append(up)
            up = self.parent(up.code, year)
        return tuple(found)

    def children(self, code: str, year: int) -> tuple[Entry, ...]:
        """Direct children (one segment longer) valid in ``year``, in code order."""
        code = normalize_code(code)
        return tuple(e for e in self.entries(year) if e.parent == code)

    def all_entries(self) -> tuple[Entry, ...]:
        """Every row of every year, history included, in code order."""
        return self._all

    def history(self, code: str) -> tuple[Entry, ...]:
        """All versions of ``code`` (including history before the covered years), oldest first."""
        return self._by_code.get(normalize_code(code), ())

    def is_valid(self, code: str, year: int) -> bool:
        return self.lookup(code, year) is not None

    # -- names ---------------------------------------------------------------

    def search(self, name: str, year: int) -> tuple[Entry, ...]:
        """Entries whose name matches: exact matches first, then names containing ``name``.

        Matching ignores full-/half-width differences, quotes and white space (NFKC).
        """
        query = normalize_name(name)
        if not query:
            return ()
        exact: list[Entry] = []
        contains: list[Entry] = []
        for entry in self.entries(year):
            candidate = normalize_name(entry.name)
            if candidate == query:
                exact.append(entry)
            elif query in candidate:
                contains.append(entry)
        return tuple(exact + contains)


@cache
def catalogue(kind: str) -> Catalogue:
    """The catalogue of ``kind`` (``functional``, ``economic_dept``, ``economic_gov``), cached."""
    if kind not in KINDS:
        raise ValueError(f"unknown catalogue kind {kind!r}; expected one of {', '.join(KINDS)}")
    k: Kind = kind
    entries = (
        Entry(
            code=row["code"],
            name=row["name"],
            level=row["level"],
            parent=row["parent"],
            valid_from=int(row["valid_from"]),
            valid_to=_year(row["valid_to"]),
            provenance=as_provenance(row["provenance"]),
            source=row["source"],
        )
        for row in read_csv(_FILES[k])
    )
    return Catalogue(k, entries)


# ---------------------------------------------------------------------------- 对照表


@dataclass(frozen=True)
class Correspondence:
    """部门预算经济分类 款 → 政府预算经济分类 款 (机关单位口径)."""

    dept_code: str
    gov_code: str
    valid_from: int
    valid_to: int | None
    provenance: Provenance
    source: str

    def valid_in(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


@cache
def _correspondences() -> tuple[Correspondence, ...]:
    return tuple(
        Correspondence(
            dept_code=row["dept_code"],
            gov_code=row["gov_code"],
            valid_from=int(row["valid_from"]),
            valid_to=_year(row["valid_to"]),
            provenance=as_provenance(row["provenance"]),
            source=row["source"],
        )
        for row in read_csv("economic_dept_to_gov.csv")
    )


def correspondence_dept_to_gov(dept_code: str, year: int) -> Correspondence | None:
    """The 政府预算经济分类 款 for a 部门预算经济分类 款 in ``year`` (nearest covered year)."""
    used = covered_year(year).used
    code = normalize_code(dept_code)
    return next((c for c in _correspondences() if c.dept_code == code and c.valid_in(used)), None)

