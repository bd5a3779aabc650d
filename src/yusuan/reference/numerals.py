"""Chinese enumeration numbers (一、二、… 十九) as government documents print them: shared by
the tables (表1 支出 rows numbered 一、二、…) and the narrative."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (1 ≤ n ≤ 99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


_CN = "一二三四五六七八九十"
# The numbering printed before an item: 一、 1. 1、 1． 1) （一） (1) — one of them.
ITEM_NUMBER = rf"(?:[(（][{_CN}\d]+[)）]|[{_CN}\d]+[、.．)）])"
# The number printed before a table's title: 表3, 表3-1, 附表一, 公开01表 (patterns to compose
# the readers' regular expressions from: the table recogniser strips them with the year)
TABLE_NUMBER = rf"(?:附?表[\d{_CN}]+(?:-\d+)?|公开\d+表)"
_NUMBERING = re.compile("^" + ITEM_NUMBER)


def numbering(text: str) -> str:
    """The numbering ``text`` starts with (``一、``, ``1.``, ``（一）`` …), ``""`` where none."""
    m = _NUMBERING.match(text)
    return m.group(0) if m else ""


def strip_numbering(text: str) -> str:
    """``text`` without the numbering it starts with: ``一、一般公共服务支出`` → ``一般公共服务支出``,
    ``（一）基本支出`` → ``基本支出``, ``1. 一般公共预算拨款`` → `` 一般公共预算拨款`` (spacing is the
    caller's: most compare ``label``s). Table numbers of titles (``公开01表``, ``附表3``) are a
    title's, not an item's: the title recogniser strips those."""
    return _NUMBERING.sub("", text, count=1)
