"""Dates as official documents print them (GB/T 9704-2012): 2025年2月26日, no leading zeros."""

from __future__ import annotations

import datetime as dt

import pytest

from yusuan.model.dates import chinese_date
from yusuan.render.html import render_html


@pytest.mark.parametrize(("value", "printed"), [
    ("2025-02-26", "2025年2月26日"),
    ("2024-12-01", "2024年12月1日"),
    (dt.date(2025, 2, 6), "2025年2月6日"),
    (dt.datetime(2025, 10, 9, 13, 45), "2025年10月9日"),
    ("二〇二五年二月", "二〇二五年二月"),  # not a date yusuan knows: kept as written
])
def test_chinese_date(value, printed):
    assert chinese_date(value) == printed


def test_cover_and_signature_dates(korla_disclosure):
    html = render_html(korla_disclosure).decode("utf-8")
    assert html.count("2024年2月23日") == 2
    assert "2024年02月23日" not in html
