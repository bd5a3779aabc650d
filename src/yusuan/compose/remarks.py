"""A remark printed in brackets right after a change (``增加2,247.84万元（上年财政仅安排省检察院
本级预留机动140.2万元），增长16倍``): read as the printed text, where the figures in it that are
the statement's own — this year's, last year's, the change — become fields (``{current}``,
``{prior}``, ``{change}``), so that the text written again states them from the tables
(``Budget.texts["remark.<prior-year key>"]``, written by ``narrative.region``) and its other
words and figures as printed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.model.money import printed_number

# a bracket right after an amount's unit, holding no bracket of its own
_REMARK = re.compile(r"(?<=元)\s*（([^（）]{1,80})）")
_HOLD = re.compile(r"〈(\d+)〉")
_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")


def protected(text: str) -> tuple[str, list[str]]:
    """The text with each remark replaced by ``〈n〉`` (its punctuation no longer splits the
    statement, its figures no longer read as the statement's), and the remarks."""
    found: list[str] = []

    def hold(m: re.Match[str]) -> str:
        found.append(m.group(1))
        return f"〈{len(found) - 1}〉"

    return _REMARK.sub(hold, text), found


def remark_in(part: str, found: list[str]) -> str | None:
    """The remark a part of a protected statement holds."""
    m = _HOLD.search(part)
    return found[int(m.group(1))] if m else None


def as_form(remark: str, current: Decimal, change: Decimal) -> str:
    """The remark as a template: a figure equal to this year's, last year's or the change's
    (as printed, in the narrative unit) is that field; the rest is kept as printed."""
    roles = {"prior": current - change, "current": current, "change": abs(change)}

    def field(m: re.Match[str]) -> str:
        value = printed_number(m.group(0))
        return next(("{" + k + "}" for k, v in roles.items() if v == value), m.group(0))

    text = remark.replace("{", "{{").replace("}", "}}")
    return "（" + _NUMBER.sub(field, text) + "）"
