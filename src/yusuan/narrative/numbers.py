"""Chinese enumeration numbers (一、二、… 十九) and dates as government documents print them."""

from __future__ import annotations

from yusuan.reference.numerals import chinese_number

__all__ = ["chinese_date", "chinese_number"]


def chinese_date(iso: str) -> str:
    """``2024-02-23`` → ``2024年02月23日`` (as the seed signs); other text is kept as is."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[0]}年{parts[1]}月{parts[2]}日"
    return iso
