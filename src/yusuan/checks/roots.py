"""One finding per root cause (docs/rules.md, introduction): a wrong amount in one row shows
again in its parents (款 = Σ 项, 类 = Σ 款, 合计 = Σ 类) and in the same row of the tables
linked to it by identities (表3, 表5, 表6 …) — the same difference each time. Those findings
are one: the root, at the most specific place, lists the others in ``Finding.also``.

Findings are grouped when they differ by the same amount (as an absolute value: a parent
printed right against a wrong child differs by minus what the child does; up to the rounding
of the sums, 0.5 % of it), have the same
severity, and are linked: in one table, one row's code is the other's ancestor (a total row,
with no code, is the ancestor of every coded row; two uncoded rows are linked when they are
the same row), across tables, the codes are the same or one is the other's ancestor, or two
uncoded rows carry the same name. Linked pairs chain (a 项 to its 款, the 款 to the same 款
of another table). Findings without two amounts, or without a table, stay as they are, and so
do rounding differences (``info``): each is a rounding of its own, not a wrong figure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding, Location
from yusuan.model.kinds import table_id


def _linked(a: Location, b: Location) -> bool:
    if a.code and b.code:
        return a.code.startswith(b.code) or b.code.startswith(a.code)
    if a.table == b.table:
        return bool(a.code or b.code) or a.name == b.name
    return not a.code and not b.code and a.name is not None and a.name == b.name


def _root(group: list[int], findings: Sequence[Finding]) -> int:
    """The root of a group: the longest code (the most specific row); among those, the table
    and then the column most of the group is about (a wrong 基本支出 cell of 表5 shows in that
    column of its parents and in the row's 合计 there); then the first reported."""
    tables = Counter(findings[k].location.table for k in group)
    columns = Counter(findings[k].location.column for k in group)
    return min(group, key=lambda k: (-len(findings[k].location.code or ""),
                                     -tables[findings[k].location.table],
                                     -columns[findings[k].location.column], k))


def _where(f: Finding, d: Disclosure | None) -> str:
    loc = f.location
    table = d.table(table_id(loc.table)) if d is not None else None
    column = table.column(loc.column) if table is not None and loc.column else None
    title = table.title if table is not None else loc.table
    row = " ".join(x for x in (loc.code, loc.name) if x)
    col = "/".join(column.path) if column is not None else loc.column
    return "".join((f"表“{title}”" if title else "", row, f"（{col}）" if col else "",
                    f"第 {loc.page} 页" if loc.page is not None else "", f" [{f.rule_id}]"))


def _delta(f: Finding) -> Decimal | None:
    d = f.difference
    if d is None or d == 0 or f.location.table is None or f.severity == "info":
        return None
    return abs(d)


def _same(a: Decimal, b: Decimal) -> bool:
    """The same difference, up to the rounding of the sums it was measured against (a 类 sum
    of rounded 款 may be a cent off the 款's own difference): within 0.5 % of it."""
    return abs(a - b) * 200 <= max(a, b)


def root_causes(findings: Sequence[Finding], d: Disclosure | None = None) -> list[Finding]:
    """``findings`` with each group of consequences folded into its root (order kept, the
    root where the first of its group was); ``d``, the disclosure checked, gives the printed
    table and column titles naming where else the difference shows."""
    parent = list(range(len(findings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    deltas = [(i, v) for i, f in enumerate(findings) if (v := _delta(f)) is not None]
    for x, (i, a) in enumerate(deltas):
        for j, b in deltas[x + 1:]:
            fi, fj = findings[i], findings[j]
            if (fi.severity == fj.severity and _same(a, b)
                    and _linked(fi.location, fj.location)):
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(findings)):
        groups.setdefault(find(i), []).append(i)
    out: list[Finding] = []
    for i, f in enumerate(findings):
        members = groups[find(i)]
        if members[0] != i:
            continue  # folded into the group, reported where the group first appears
        if len(members) == 1:
            out.append(f)
            continue
        root_i = _root(members, findings)
        root = findings[root_i]
        others = tuple(findings[k] for k in members if k != root_i)
        places = "；".join(_where(o, d) for o in others)
        out.append(replace(
            root, also=root.also + others,
            message=f"{root.message}（同一差额还见于 {len(others)} 处，应为同一原因：{places}）"))
    return out
