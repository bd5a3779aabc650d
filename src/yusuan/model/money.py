"""Money: ``Decimal`` only, blank is not zero, every amount has an explicit unit (元 or 万元).

This is the one place where text or source values become amounts. Floats are refused: a
float has already lost the exact value, so accepting one would hide the error.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)


class Unit(StrEnum):
    """Unit an amount is printed in."""

    YUAN = "元"
    WAN = "万元"

    @classmethod
    def parse(cls, text: str) -> Unit:
        t = unicodedata.normalize("NFKC", text).strip()
        t = re.sub(r"^(金额)?单位[:：]\s*", "", t).strip()
        if t in ("万元", "万"):
            return cls.WAN
        if t == "元":
            return cls.YUAN
        raise ValueError(f"未知的金额单位“{text}”，应为“元”或“万元”")


class AmountError(ValueError):
    """A value that is not a valid amount; the message says what was expected."""


_AMOUNT_RE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-"})  # − ‒ – typed as minus
BLANK_MARKS = ("", "-", "—", "--", "——", "/")  # printed for "no amount": blank, not zero
MAX_YUAN = Decimal(10) ** 15  # 1,000 万亿元: far above any budget, far below Decimal's limits
MAX_DIGITS = 40  # longer text is refused before it is looked at digit by digit


def amount_limit(unit: Unit | None = None) -> Decimal:
    """The largest amount accepted (in ``unit``; 元 when not known)."""
    return MAX_YUAN / TEN_THOUSAND if unit is Unit.WAN else MAX_YUAN


def _from_text(value: str) -> Decimal | None:
    text = unicodedata.normalize("NFKC", value).translate(_MINUS).strip().replace(" ", "")
    if text in BLANK_MARKS:
        return None
    negative = len(text) > 2 and text[0] == "(" and text[-1] == ")"  # (1,234.00): 会计负数
    if negative:
        text = text[1:-1]
    if len(text) > MAX_DIGITS or not _AMOUNT_RE.match(text):
        shown = value if len(value) <= MAX_DIGITS else value[:MAX_DIGITS] + "…"
        raise AmountError(f"“{shown}”不是金额：应为数字，如 1491.86 或 1,491.86")
    d = Decimal(text.replace(",", ""))  # the pattern admits only digits, one point, a sign
    return -d if negative else d


def printed_number(text: str) -> Decimal:
    """A number as a sentence prints it, already matched by the caller's pattern (digits,
    thousands separators, one point: ``1,491.86``, ``12.5``, ``1.`` before the sentence goes
    on) → the exact ``Decimal``, through ``parse_amount``; an ``AmountError`` when it is
    beyond any amount."""
    plain = text.replace(",", "").replace("，", "")
    value = parse_amount(plain[:-1] if plain.endswith(".") else plain, max_places=12)
    if value is None:
        raise AmountError(f"“{text}”不是数字")
    return value


def parse_amount(value: object, *, max_places: int = 2, unit: Unit | None = None,
                 limit: Decimal | None = None) -> Decimal | None:
    """Turn a source or printed value into an exact amount: the one parser every reader and
    source uses.

    ``None`` and blank text (also the dash placeholders some documents print) give ``None``:
    blank is not zero. Strings may carry thousands separators (``1,491.86``), full-width
    digits, a sign or accounting parentheses (``(12.00)`` is −12.00). Integers are exact and
    accepted. Refused with an ``AmountError``: floats, NaN and infinity, exponents
    (``1E+3``), more than ``max_places`` decimals, and amounts beyond ``amount_limit(unit)``
    (an absurd value would only overflow the arithmetic later), or beyond ``limit`` when
    given (a percentage, a weight).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise AmountError(f"“{value}”不是金额")
    if isinstance(value, float):
        raise AmountError(
            f"金额 {value!r} 是浮点数，会丢失精度：请写成带引号的字符串，如 \"{value}\""
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AmountError(f"“{value}”不是金额：应为有限的数字")
        d = value
    elif isinstance(value, int):
        if abs(value) > MAX_YUAN:
            raise AmountError(f"金额 {str(value)[:MAX_DIGITS]} 超出范围")
        d = Decimal(value)
    elif isinstance(value, str):
        parsed = _from_text(value)
        if parsed is None:
            return None
        d = parsed
    else:
        raise AmountError(f"“{str(value)[:MAX_DIGITS]!r}”不是金额")
    exponent = d.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        raise AmountError(f"“{value}”不是金额：不接受指数写法，请写出全部数字")
    if isinstance(exponent, int) and -exponent > max_places:
        raise AmountError(f"金额“{value}”有 {-exponent} 位小数，最多 {max_places} 位")
    limit = amount_limit(unit) if limit is None else limit
    if abs(d) > limit:
        raise AmountError(f"金额“{value}”超出范围：绝对值应不超过 {limit:,.0f}{unit or '元'}")
    return d


def round_half_up(amount: Decimal, places: int = 2) -> Decimal:
    """四舍五入 to ``places`` decimals."""
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def to_yuan(amount: Decimal, unit: Unit) -> Decimal:
    """Exact conversion to 元 (万元 × 10000), two decimals kept.

    A 万元 amount derived from 元 line items carries up to 6 decimals (``12.345678``); its
    元 value ``123456.780000`` is written ``123456.78``. Digits beyond the cent that are not
    zero are kept: the conversion never rounds.
    """
    value = amount * TEN_THOUSAND if unit is Unit.WAN else amount
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and (exponent >= -2 or value == value.quantize(CENT)):
        return value.quantize(CENT)
    return value


def convert(amount: Decimal, source: Unit, target: Unit) -> Decimal:
    """Exact conversion between units; no rounding."""
    if source is target:
        return amount
    if source is Unit.WAN:
        return amount * TEN_THOUSAND
    return amount / TEN_THOUSAND


def format_amount(amount: Decimal | None, *, separators: bool = True, places: int = 2) -> str:
    """Display form: rounded half-up, thousands separators (``1,491.86``); blank stays blank."""
    if amount is None:
        return ""
    rounded = round_half_up(amount, places)
    return f"{rounded:,.{places}f}" if separators else f"{rounded:.{places}f}"


def with_unit(amount: Decimal | None, unit: str | None, *, difference: bool = False) -> str:
    """An amount as a reader reads it, with its unit: ``1,234.00 万元``, ``12.50%``; a
    difference of two shares is in ``个百分点``. Blank stays blank; no unit, no suffix."""
    if amount is None:
        return ""
    if unit == "%":
        return format_amount(amount) + (" 个百分点" if difference else "%")
    return format_amount(amount) + (f" {unit}" if unit else "")
