"""Dates as Chinese official documents print them (GB/T 9704-2012 §7.3.5.3: 成文日期 in Arabic
numerals, year in full, month and day without a leading zero: 2025年2月26日)."""

from __future__ import annotations

import datetime as dt
import os


def chinese_date(value: str | dt.date) -> str:
    """``2024-02-23`` (or a ``date``) → ``2024年2月23日``; other text is kept as it is."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
    return value


def build_time() -> dt.datetime:
    """When a document is made: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
