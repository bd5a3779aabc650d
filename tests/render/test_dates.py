"""Dates as official documents print them (GB/T 9704-2012): 2025年2月26日, no leading zeros."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import pytest

from yusuan.model.dates import chinese_date
from yusuan.render.docx import render_docx
from yusuan.render.html import render_html
from yusuan.render.xlsx import render_xlsx


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


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_build_with_source_date_epoch_is_the_same_bytes_each_time(korla_disclosure, fmt,
                                                                    monkeypatch):
    """Reproducible builds: with ``SOURCE_DATE_EPOCH`` the file's properties and its ZIP
    members carry that date, not the clock's, so two builds a second apart are identical."""
    render = {"xlsx": render_xlsx, "docx": render_docx}[fmt]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = render(korla_disclosure)
    time.sleep(1.1)  # the ZIP format dates to the second (two)
    assert render(korla_disclosure) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        dated = {i.date_time for i in z.infolist()}
    # XlsxWriter dates every member 1980-01-01 itself; python-docx would take the clock
    assert dated in ({(1980, 1, 1, 0, 0, 0)}, {(2023, 11, 14, 22, 13, 20)})
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "2023-11-14T22:13:20Z" in core and "由 yusuan 生成" in core
