"""Which files form one disclosure.

A publication is sometimes split: a narrative PDF (Part 1, Part 3, glossary) and a tables
PDF; or tables in a workbook and text in a Word file. Files given together are parts of one
disclosure when they are of the same department and year and complement each other:

- a part with tables joins the first group of the same department and year whose tables it
  does not repeat (the same document given twice, e.g. as PDF and XLSX, stays two);
- a part without tables (narrative only) joins the group of its year — of its department too
  when several departments share the year: the one its cover names, else the one its text
  names far more often than the others; it cannot stand alone;
- a Disclosure JSON file or a source folder is always a disclosure of its own.

Grouping reads only a part's ``Shape`` (kind, department, year, table ids), a few hundred
bytes, so an ingest of any number of files keeps shapes in memory and the parts themselves on
disk (``spill``); the text of a narrative-only part is asked for (``text_of``) only where
several departments share its year and its cover names none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from yusuan.model.errors import InputError
from yusuan.parse.dispatch import Kind, Part

WHOLE: tuple[Kind, ...] = ("json", "source")


@dataclass(frozen=True)
class Shape:
    """What grouping needs to know of one part read."""

    file: str
    kind: Kind
    department: str  # the disclosure's; of a part without tables, as its cover prints it
    year: int | None
    tables: frozenset[str] | None  # the ids of its tables; None: it has none (narrative only)
    why_no_tables: str = ""
    final: bool = False  # a 决算 (of a part with tables)

    @property
    def key(self) -> tuple[str, int | None]:
        return _name(self.department), self.year


def shape_of(kind: Kind, part: Part) -> Shape:
    d = part.disclosure
    if d is None:
        return Shape(part.file, kind, part.department, part.year, None, part.why_no_tables)
    return Shape(part.file, kind, d.department, d.year, part.table_ids(), final=d.kind == "final")


def text_of(part: Part) -> str:
    """The text of a part without tables, as ``_mentions`` counts names in it."""
    return _name("".join(line.label for line in part.lines))


@dataclass
class Group:
    """The parts of one disclosure, in the order they were given."""

    parts: list[Part] = field(default_factory=list)
    kinds: list[Kind] = field(default_factory=list)


def _name(department: str) -> str:
    return "".join(department.split())


def _affinity(a: str, b: str) -> float:
    """How alike two department names are: 1 when one contains the other, else the share of
    the shorter name's characters found in the longer one."""
    a, b = _name(a), _name(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    short, long = sorted((a, b), key=len)
    return sum(c in long for c in short) / len(short)


MIN_MENTIONS = 3  # a text names its own department again and again (主要职能, 机构, 收支)
MENTION_MARGIN = 2  # … and far more often than another department given with it


def _mentions(text: str, names: list[str]) -> list[float]:
    """How often ``text`` names each department: the full names where it prints any, else
    the pairs of characters one name has and not all of the others (“政协”, “检察”)."""
    full = [float(text.count(n)) for n in names]
    if any(full):
        return full
    grams = [{n[i:i + 2] for i in range(len(n) - 1)} for n in names]
    common = set.intersection(*grams) if grams else set()
    return [float(sum(text.count(g) for g in own - common)) for own in grams]


class _Groups:
    """Groups of shapes (indices into the shapes given), indexed by department and year."""

    def __init__(self, shapes: Sequence[Shape]) -> None:
        self.shapes = shapes
        self.members: list[list[int]] = []
        self.tables: list[set[str]] = []
        self.by_key: dict[tuple[str, int | None], list[int]] = defaultdict(list)
        self.by_year: dict[int | None, list[int]] = defaultdict(list)
        self.published: list[int] = []  # the groups of published files (not JSON or source)

    def key(self, g: int) -> tuple[str, int | None]:
        return self.shapes[self.members[g][0]].key

    def add(self, i: int) -> None:
        shape, tables = self.shapes[i], self.shapes[i].tables or frozenset()
        if shape.kind not in WHOLE:
            for g in self.by_key[shape.key]:
                if not self.tables[g] & tables:
                    self.members[g].append(i)
                    self.tables[g] |= tables
                    return
        g = len(self.members)
        self.members.append([i])
        self.tables.append(set(tables))
        if shape.kind not in WHOLE:
            self.by_key[shape.key].append(g)
            self.by_year[shape.year].append(g)
            self.published.append(g)

    def home(self, i: int, text_of: Callable[[int], str]) -> int | InputError:
        """The group a narrative-only part belongs to, or why it has none."""
        part = self.shapes[i]
        if not self.published:
            return InputError(part.why_no_tables, file=part.file)
        same_year = self.published if part.year is None else self.by_year.get(part.year, [])
        if not same_year:
            years = "、".join(sorted({str(self.key(g)[1]) for g in self.published}))
            return InputError(f"此文件没有表格，且其年度（{part.year} 年）与一同给出的表格文件"
                              f"（{years} 年）不同，无法合为一份公开", file=part.file)
        if len(same_year) == 1:
            return same_year[0]
        names = [self.key(g)[0] for g in same_year]
        if part.department:
            scores = sorted(((_affinity(part.department, n), k) for k, n in enumerate(names)),
                            reverse=True)
        else:  # no name on a cover: the department the text speaks of
            scores = sorted(zip(_mentions(text_of(i), names), range(len(names)), strict=True),
                            reverse=True)
            scores = scores if scores[0][0] >= MIN_MENTIONS else [(0.0, 0), (0.0, 1)]
            scores = scores if scores[0][0] > MENTION_MARGIN * scores[1][0] \
                else [(0.0, 0), (0.0, 1)]
        if scores[0][0] > scores[1][0]:
            return same_year[scores[0][1]]
        shown = "、".join(dict.fromkeys(names))
        return InputError(f"此文件没有表格，无法判断它是哪一份公开的文字说明（{shown}）；"
                          "请与它的表格文件单独一起给出", file=part.file)


def group_shapes(shapes: Sequence[Shape], text_of: Callable[[int], str]
                 ) -> tuple[list[list[int]], list[InputError]]:
    """Parts (by their shapes) → groups, each the indices of its parts in the order given
    (one disclosure each, in the order of their first part), and the errors of parts that
    belong to none. ``text_of(i)``: the text of part ``i`` (only asked of narrative-only
    parts, see ``text_of``)."""
    groups = _Groups(shapes)
    for i, shape in enumerate(shapes):
        if shape.tables is not None:
            groups.add(i)
    errors: list[InputError] = []
    for i, shape in enumerate(shapes):
        if shape.tables is None:
            found = groups.home(i, text_of)
            if isinstance(found, InputError):
                errors.append(found)
            else:
                groups.members[found].append(i)
    return groups.members, errors


def group_parts(parts: Sequence[tuple[Kind, Part]]) -> tuple[list[Group], list[InputError]]:
    """Parts → groups (one disclosure each, in the order of their first part) and the errors
    of parts that belong to none."""
    members, errors = group_shapes([shape_of(kind, part) for kind, part in parts],
                                   lambda i: text_of(parts[i][1]))
    return [Group([parts[i][1] for i in m], [parts[i][0] for i in m]) for m in members], errors
