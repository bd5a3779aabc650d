"""What every file yusuan writes says of itself in its properties (File → Properties in Word
and Excel): made by yusuan — ``yusuan build`` tells its own XLSX from an officer's workbook by
``MARK`` — and, for a draft, that it is one."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

MARK = "由 yusuan 生成"


def comments(draft: str = "") -> str:
    """The comments property: ``MARK``, and the draft's notice after it."""
    return MARK + (f"；{draft}" if draft else "")


def stamped(package: bytes, when: dt.datetime) -> bytes:
    """An OOXML package (a ZIP) with every member dated ``when``: python-docx dates them
    with the clock, so the same document built twice would differ byte for byte even with
    ``SOURCE_DATE_EPOCH`` set."""
    out = io.BytesIO()
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(package)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, stamp), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
