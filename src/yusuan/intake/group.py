"""Which files form one disclosure.

A publication is sometimes split: a narrative PDF (Part 1, Part 3, glossary) and a tables
PDF; or tables in a workbook and text in a Word file. Files given together are parts of one
disclosure when they are of the same department and year and complement each other:

- a part with tables joins the first group of the same department and year whose tables it
  does not repeat (the same document given twice, e.g. as PDF and XLSX, stays two);
- a part without tables (narrative only) joins the group of its year — of its department too
  when several departments share the year; it cannot stand alone;
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
    scores = sorted(((_affinity(part.department, g.key[0]), i) for i, g in enumerate(same_year)),
                    reverse=True)
    if part.department and scores[0][0] > scores[1][0]:
        return same_year[scores[0][1]]
    names = "、".join(g.key[0] for g in same_year)
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
