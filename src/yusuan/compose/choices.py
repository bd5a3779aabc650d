"""The wording choices a printed document may make, and the values each may take
(``variants``, which tries them): how it prints figures, the words it compares and changes
with, its word for itself, the short names it gives the department, and every template of
its region with variants (``narrative/templates/<profile>.yaml``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from yusuan.model.budget import Budget
from yusuan.model.disclosure import Section
from yusuan.narrative.align import clauses
from yusuan.narrative.wording import load_templates

NUMBER_CHOICES = (("numbers.separators", ("yes", "no", "wide")), ("numbers.trim", ("no", "yes", "whole")),
                  ("numbers.share_places.three_public", ("2", "1")),
                  ("numbers.rounding", ("half-up", "down")), ("text.brackets", ("", "full")),
                  ("text.dots", ("", "ascii", "comma")), ("numbers.zero", ("", "0", "0.00")),
                  ("numbers.places", ("2", "1", "0")))
# words a document may compare and change with (``Writer.typeset``), tried where it prints them
TEXT_CHOICES = (("text.compare", (("较", r"较(?:上年|\d{4}年)"), ("与", r"与(?:上年|\d{4}年)\S{0,6}相比"))),
                ("text.rise", (("grow", r"(?:增长|下降)\d"),)),
                ("text.year", (("上年", "[比较与]上年"),)))
SCOPES = ("部门", "单位")


def variant_keys(node: Any, prefix: str = "") -> Iterator[tuple[str, int]]:
    """Every template with variants: (key, how many)."""
    if not isinstance(node, dict):
        return
    if "variants" in node:
        yield prefix, len(node["variants"])
        inner: dict[str, int] = {}  # the choices within a variant (a change's words)
        for v in node["variants"]:
            for key, n in variant_keys(v, prefix):
                inner[key] = max(inner.get(key, 0), n)
        yield from inner.items()
        return
    for k, v in node.items():
        yield from variant_keys(v, f"{prefix}/{k}" if prefix else str(k))


def short_names(department: str, text: str) -> list[str]:
    """Names the text gives the department other than its full name: runs of its characters,
    in its order and ending as it ends (省检察院, 财政局), printed at least twice."""
    if not department:
        return []
    chars = set(department)
    found: Counter[str] = Counter()
    tail = department[-1]
    for m in re.finditer(re.escape(tail), text):
        start = m.start()
        while start > 0 and text[start - 1] in chars:
            start -= 1
        for begin in range(start, m.start() - 1):  # the longest such run only
            name = text[begin:m.end()]
            if _subsequence(name, department):
                if name != department and len(name) >= 3:
                    found[name] += 1
                break
    # printed twice, or once where it is the name without its place (上海市普陀区财政局 → 财政局)
    return [n for n, count in found.most_common(4)
            if count >= 2 or department.endswith(n)]


def _subsequence(a: str, b: str) -> bool:
    it = iter(b)
    return all(ch in it for ch in a)


def candidates(budget: Budget, printed: Sequence[Section]) -> list[tuple[str, tuple[str, ...]]]:
    text = "".join(c.text for c in clauses(printed))
    names = short_names(budget.department, text)
    out: list[tuple[str, tuple[str, ...]]] = list(NUMBER_CHOICES)
    for name, values in TEXT_CHOICES:
        printed_so = tuple(v for v, seen in values if re.search(seen, text))
        if printed_so:
            out.append((name, ("", *printed_so)))
    if names:
        out.append(("department", (budget.department, *names)))
    out.append(("scope", SCOPES))
    out += [(f"variant.{key}", tuple(str(i) for i in range(n)))
            for key, n in variant_keys(load_templates(budget.profile))]
    return out
