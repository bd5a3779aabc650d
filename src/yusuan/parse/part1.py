"""Part 1 (部门概况) facts from the lines outside the tables: staffing counts and changes,
the number of administrative / institutional units and the budget units listed.

Where it sits: called by ``document.assemble`` with the lines no table claimed.
"""

from __future__ import annotations

import re

from yusuan.model.disclosure import Overview, Staffing
from yusuan.parse.lines import Line

_NUM = r"(\d+)"


def _int(pattern: str, text: str) -> int | None:
    m = re.search(pattern, text)
    return int(m.group(1)) if m else None


def _signed(pattern: str, text: str) -> int | None:
    m = re.search(pattern, text)
    if not m:
        return None
    n = int(m.group(2))
    return -n if m.group(1) == "减少" else n


def read_overview(lines: tuple[Line, ...], department: str) -> Overview:
    text = "".join(line.label for line in lines)
    staffing = Staffing(
        authorized=_int(r"编制数" + _NUM, text) or _int(r"核定编制" + _NUM, text),
        actual=_int(r"实有人数" + _NUM, text),
        in_service=_int(r"在职(?:人员)?" + _NUM + "人", text),
        in_service_change=_signed(r"在职(?:人员)?\d+人[，,]?(增加|减少)" + _NUM, text),
        retired=_int(r"退休(?:人员)?" + _NUM + "人", text),
        retired_change=_signed(r"退休(?:人员)?\d+人[，,]?(增加|减少)" + _NUM, text),
        lixiu=_int(r"离休(?:人员)?" + _NUM + "人", text),
        lixiu_change=_signed(r"离休(?:人员)?\d+人[，,]?(增加|减少)" + _NUM, text),
    )
    admin = _int(r"行政单位" + _NUM + "家", text)
    institution = _int(r"事业单位" + _NUM + "家", text)
    civil_service = _int(r"参公(?:事业)?单位" + _NUM + "家", text)
    if civil_service is not None:
        # 参公单位 (事业单位 managed under the civil-service law) are 事业单位 too
        institution = (institution or 0) + civil_service
    units = _units(lines)
    return Overview(units=units, admin_unit_count=admin, institution_unit_count=institution,
                    staffing=staffing)


_LIST_HEAD = re.compile(r"((预算单位|编制范围|行政单位|事业单位).{0,30})?包括[:：]$")
_ITEM = re.compile(r"^[-•]?\d+[、.．]\s*(.+)$")


def _units(lines: tuple[Line, ...]) -> tuple[str, ...]:
    """Budget units listed after 编制范围/预算单位…包括 (one per numbered line, a wrapped
    item continuing on the next lines; the unit is the item up to its first comma), or
    、-separated after 具体包括."""
    out: list[str] = []
    for i, line in enumerate(lines):
        text = line.label
        if not _LIST_HEAD.search(text) or not re.search(
                r"预算单位|编制范围|行政单位|事业单位", "".join(x.label for x in lines[max(0, i - 1):i + 1])):
            continue
        ended = True
        for nxt in lines[i + 1:i + 40]:
            m = _ITEM.match(nxt.label)
            if m:
                out.append(re.split(r"[，,。；;]", m.group(1))[0])
                ended = nxt.label.endswith("。")
            elif not ended and nxt.line is None and out:
                ended = nxt.label.endswith("。")  # a wrapped PDF line of the item above
            else:
                break
        if out:
            break
    if not out:
        joined = "".join(line.label for line in lines)
        m = re.search(r"预算单位共计?\d+家[，,]?具体包括[:：](.+?)。", joined)
        if m:
            out = [u for u in re.split(r"[、，,]", m.group(1)) if u]
    return tuple(out)
