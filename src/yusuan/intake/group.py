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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from yusuan.model.errors import InputError
from yusuan.parse.dispatch import Kind, Part

WHOLE: tuple[Kind, ...] = ("json", "source")


@dataclass
class Group:
    """The parts of one disclosure, in the order they were given."""

    parts: list[Part] = field(default_factory=list)
    kinds: list[Kind] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int | None]:
        d = next(p.disclosure for p in self.parts if p.disclosure is not None)
        return _name(d.department), d.year

    def tables(self) -> frozenset[str]:
        return frozenset().union(*(p.table_ids() for p in self.parts))


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


def _mentions(part: Part, names: list[str]) -> list[float]:
    """How often the text of ``part`` names each department: the full names where it prints
    any, else the pairs of characters one name has and not all of the others (“政协”, “检察”)."""
    text = _name("".join(line.label for line in part.lines))
    full = [float(text.count(n)) for n in names]
    if any(full):
        return full
    grams = [{n[i:i + 2] for i in range(len(n) - 1)} for n in names]
    common = set.intersection(*grams) if grams else set()
    return [float(sum(text.count(g) for g in own - common)) for own in grams]


def _home(part: Part, groups: list[Group]) -> Group | InputError:
    """The group a narrative-only part belongs to, or why it has none."""
    published = [g for g in groups if g.kinds[0] not in WHOLE]
    if not published:
        return InputError(part.why_no_tables, file=part.file)
    same_year = [g for g in published if part.year is None or g.key[1] == part.year]
    if not same_year:
        years = "、".join(sorted({str(g.key[1]) for g in published}))
        return InputError(f"此文件没有表格，且其年度（{part.year} 年）与一同给出的表格文件"
                          f"（{years} 年）不同，无法合为一份公开", file=part.file)
    if len(same_year) == 1:
        return same_year[0]
    if part.department:
        scores = sorted(((_affinity(part.department, g.key[0]), i)
                         for i, g in enumerate(same_year)), reverse=True)
    else:  # no name on a cover: the department the text speaks of
        scores = sorted(zip(_mentions(part, [g.key[0] for g in same_year]),
                            range(len(same_year)), strict=True), reverse=True)
        scores = scores if scores[0][0] >= MIN_MENTIONS else [(0.0, 0), (0.0, 1)]
        scores = scores if scores[0][0] > MENTION_MARGIN * scores[1][0] else [(0.0, 0), (0.0, 1)]
    if scores[0][0] > scores[1][0]:
        return same_year[scores[0][1]]
    names = "、".join(dict.fromkeys(g.key[0] for g in same_year))
    return InputError(f"此文件没有表格，无法判断它是哪一份公开的文字说明（{names}）；"
                      "请与它的表格文件单独一起给出", file=part.file)


def group_parts(parts: Sequence[tuple[Kind, Part]]) -> tuple[list[Group], list[InputError]]:
    """Parts → groups (one disclosure each, in the order of their first part) and the errors
    of parts that belong to none."""
    groups: list[Group] = []
    for kind, part in parts:
        if part.disclosure is None:
            continue
        if kind not in WHOLE:
            key = (_name(part.disclosure.department), part.disclosure.year)
            home = next((g for g in groups if g.kinds[0] not in WHOLE and g.key == key
                         and not g.tables() & part.table_ids()), None)
            if home is not None:
                home.parts.append(part)
                home.kinds.append(kind)
                continue
        groups.append(Group([part], [kind]))
    errors: list[InputError] = []
    for kind, part in parts:
        if part.disclosure is None:
            found = _home(part, groups)
            if isinstance(found, InputError):
                errors.append(found)
            else:
                found.parts.append(part)
                found.kinds.append(kind)
    return groups, errors
