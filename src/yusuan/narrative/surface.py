"""How the same words may be typed: a bracket, colon, comma or semicolon half- or full-width,
其它 for 其他, 万 for 万元 after a figure, a thousands separator typed ``，``. Documents mix
them, even within a sentence; none changes what is said.

``plain`` gives each unit of a clause one form (a figure its value), so that two clauses can
be compared unit by unit whatever their typing; ``as_ours`` types a printed text as our
wording files type it, so that what is read from it (figures, reasons, names) is read
alike however it was typed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.model.money import AmountError, printed_number

# one unit of a clause: a figure (separators only between groups of three), 其它/其他 and 万元,
# or a character; each with the white space after it (ours may have some: 54.86 万元)
_UNIT = re.compile(r"(?:\d+(?:[,，]\d{3})*(?:\.\d+)?|其[它他]|万元|\S)\s*")
_HALF = str.maketrans("（）：，；！？％．“”＂＇‘’", "():,;!?%.\"\"\"'''")
_WORDS = {"其它": "其他", "万元": "万"}
_OURS = str.maketrans("():;!?", "（）：；！？")
_SEPARATOR = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")


def figure(text: str) -> Decimal | None:
    """A figure's value, its separators (either width) aside (``money.printed_number``, the
    one parser of figures in text); None for one beyond any amount."""
    try:
        return printed_number(text)
    except AmountError:
        return None


def plain(text: str) -> list[tuple[object, str]]:
    """(one form, as typed) of each unit of a clause: a figure's one form is its value; the
    white space after a unit is part of it as typed, not of its form."""
    out: list[tuple[object, str]] = []
    for m in _UNIT.finditer(text):
        unit = m.group(0).rstrip()
        value = figure(unit) if unit[0].isdigit() else None
        out.append((value.normalize(), m.group(0)) if value is not None
                   else (_WORDS.get(unit, unit.translate(_HALF)), m.group(0)))
    return out


def as_ours(text: str) -> str:
    """``text`` typed as the wording files type it: full-width brackets and punctuation,
    其他, 万元 after a figure, thousands separators ``,`` (figures otherwise as printed)."""
    text = _SEPARATOR.sub(",", text)
    text = re.sub(r"(?<!\d),|,(?!\d{3}(?!\d))", "，", text).translate(_OURS)
    return re.sub(r"(?<=\d)(\s*)万(?!元)", r"\1万元", text.replace("其它", "其他"))
