"""Figures a section states that no table holds (上海: the 机关 and 事业单位 counted in 机关运行经费,
the 预算单位 that set performance targets, the assets of a balance-sheet form), declared by the
wording file: a section's ``figures: [name, …]`` are the fields of its templates filled from
``Budget.figures["<section>.<name>"]``.

The same templates read them back from a printed document (``pattern``: a template as a
regular expression, its fields as named groups), so a wording the region adds to its file is
written and read alike, with no pattern kept anywhere else. A field printed before ``{u}`` is
an amount (converted to and from the budget's unit); any other is a count or a measure (辆,
台/套, 平方米), printed as given. ``sums`` in the wording file make a field the sum of others
(车辆 = its kinds), so a total is stated as its parts add up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from yusuan.narrative.region import Region

FIELD = re.compile(r"\{(\w+)\}")
NUMBER = r"\d[\d,，]*(?:\.\d+)?"
# the fields every template has, and what they match in a printed sentence
COMMON = {"year": r"\d{4}", "prior": r"\d{4}", "scope": "(?:部门|单位)", "department": ".{2,40}?",
          "change": ".*?", "reason": ".*?", "as_of": "[^，,。；]{4,20}?"}


def strings(node: Any) -> Iterator[str]:
    """Every template string of a wording node (its variants included)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, Mapping):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def declared(templates: Mapping[str, Any], section: str) -> tuple[str, ...]:
    node = templates.get(section)
    return tuple(node.get("figures", ())) if isinstance(node, Mapping) else ()


def is_amount(templates: Mapping[str, Any], section: str, name: str) -> bool:
    """A field printed before the unit (``{current}{u}``) is an amount."""
    return any("{" + name + "}{u}" in t for t in strings(templates.get(section)))


def pattern(template: str, unit: str, fields: tuple[str, ...]) -> re.Pattern[str]:
    """The template as a regular expression: the declared ``fields`` as named groups, the
    common fields as what they may print, ``{u}`` as the unit, the rest literally."""
    out = []
    at = 0
    seen: set[str] = set()
    for m in FIELD.finditer(template):
        out.append(re.escape(template[at:m.start()]))
        name = m.group(1)
        if name == "u":
            out.append(re.escape(unit))
        elif name in fields and name not in seen:
            out.append(f"(?P<{name}>{NUMBER})")
            seen.add(name)
        else:
            out.append(COMMON.get(name, ".*?"))
        at = m.end()
    out.append(re.escape(template[at:]))
    return re.compile("".join(out))


def values(r: Region, section: str) -> dict[str, str] | None:
    """The declared fields of ``section`` as printed, from ``Budget.figures``; ``None`` where
    the budget gives none of them."""
    t = r.w.templates
    names = declared(t, section)
    figures = r.w.budget.figures
    given = {n: figures[f"{section}.{n}"] for n in names if f"{section}.{n}" in figures}
    if not given:
        return None
    node = t.get(section)
    sums = node.get("sums", {}) if isinstance(node, Mapping) else {}
    for total, parts in sums.items():
        if all(p in given for p in parts):
            given[total] = sum((given[p] for p in parts), Decimal(0))
    out = dict.fromkeys(names, "")
    for n, v in given.items():
        out[n] = r.text(r.printed(v, r.w.budget.unit)) if is_amount(t, section, n) \
            else _plain(v)
    return out


def _plain(v: Decimal) -> str:
    return str(int(v)) if v == v.to_integral_value() else format(v.normalize(), "f")
