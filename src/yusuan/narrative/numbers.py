"""Chinese enumeration numbers (一、二、… 十九) and dates as government documents print them."""

from __future__ import annotations

from yusuan.model.dates import chinese_date
from yusuan.reference.numerals import chinese_number

__all__ = ["chinese_date", "chinese_number"]
