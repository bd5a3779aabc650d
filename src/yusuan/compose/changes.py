"""The changes a printed statement gives, as read (``printed_changes``): each signed (``与上年相比减少0.61万元`` →
−0.61), 0 where unchanged (持平, 一致…), ``NEW`` where new this year, ``None`` for a rate
alone — and a remark printed in brackets right after one (``增加2,247.84万元（上年财政仅安排
省检察院本级预留机动140.2万元），增长16倍``): read as the printed text, where the figures in it
that are the statement's own — this year's, last year's, the change — become fields
(``{current}``, ``{prior}``, ``{change}``), so that the text written again states them from
the tables (``Budget.texts["remark.<prior-year key>"]``, written by ``narrative.region``) and
its other words and figures as printed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.model.money import printed_number

_NUMBER = r"(\d[\d,，]*(?:\.\d+)?)"
CHANGE = re.compile(r"(增加|减少|增长|下降|降低|上升|增|减|[大多高]于上年[^0-9，。；]{0,6}|"
                     r"[小少低]于上年[^0-9，。；]{0,6})了?" + _NUMBER + r"\s*(万元|元)")
_RATE_ONLY = re.compile(r"(增长|下降|降低|上升|增幅|降幅)(?:为)?" + _NUMBER + r"\s*[%％]")
SAME = re.compile(r"持平|一致|相等|相同|等于上年")
_NEW = re.compile(r"(?:今年|本年)新增")  # a figure new this year: last year's was 0
NEW = Decimal("Infinity")  # a change printed as new, not as an amount
# a bracket right after an amount's unit, holding no bracket of its own
_REMARK = re.compile(r"(?<=元)\s*（([^（）]{1,80})）")
_HOLD = re.compile(r"〈(\d+)〉")
_FIGURE = re.compile(r"\d[\d,，]*(?:\.\d+)?")


def printed_changes(text: str, remarks: list[str | None] | None = None) -> list[Decimal | None]:
    """Each printed change, signed (``None``: a rate alone); ``remarks``: the remark after it."""
    out: list[Decimal | None] = []
    held, found = _protected(text)  # a remark after a figure aside
    for part in re.split(r"[。；;，]", held):
        m = CHANGE.search(part)
        if m:
            sign = -1 if m.group(1) in ("减少", "下降", "降低", "减") or \
                m.group(1)[0] in "小少低" else 1
            out.append(sign * printed_number(m.group(2)))
        elif SAME.search(part):
            out.append(Decimal(0))
        elif _NEW.search(part):
            out.append(NEW)
        elif _RATE_ONLY.search(part):
            out.append(None)
        if remarks is not None and len(remarks) < len(out):
            hold = _HOLD.search(part)
            remarks.append(found[int(hold.group(1))] if hold else None)
    return out


def _protected(text: str) -> tuple[str, list[str]]:
    """The text with each remark replaced by ``〈n〉`` (its punctuation no longer splits the
    statement, its figures no longer read as the statement's), and the remarks."""
    found: list[str] = []

    def hold(m: re.Match[str]) -> str:
        found.append(m.group(1))
        return f"〈{len(found) - 1}〉"

    return _REMARK.sub(hold, text), found


def as_form(remark: str, current: Decimal, change: Decimal) -> str:
    """The remark as a template: a figure equal to this year's, last year's or the change's
    (as printed, in the narrative unit) is that field; the rest is kept as printed."""
    roles = {"prior": current - change, "current": current, "change": abs(change)}

    def field(m: re.Match[str]) -> str:
        value = printed_number(m.group(0))
        return next(("{" + k + "}" for k, v in roles.items() if v == value), m.group(0))

    text = remark.replace("{", "{{").replace("}", "}}")
    return "（" + _FIGURE.sub(field, text) + "）"
