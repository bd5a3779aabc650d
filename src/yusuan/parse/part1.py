"""Part 1 (部门概况) facts from the lines outside the tables: the numbered 主要职能, the
机构设置 paragraphs and 内设机构, staffing counts and changes, the number of administrative /
institutional units and the budget units listed.

Where it sits: called by ``document.assemble`` with the lines no table claimed.
"""

from __future__ import annotations

import bisect
import itertools
import re

from yusuan.model.disclosure import Overview, Place, Staffing, label
from yusuan.parse.lines import Line
from yusuan.parse.paragraphs import place, without_running_heads

_NUM = r"(\d{1,9})(?!\d)"  # a count of people or units; longer is no count


def _int(pattern: str, text: str) -> int | None:
    m = re.search(pattern, text)
    return int(m.group(1)) if m else None


def _signed(pattern: str, text: str) -> int | None:
    m = re.search(pattern, text)
    if not m:
        return None
    n = int(m.group(2))
    return -n if m.group(1) == "减少" else n


# where each count of Part 1 is printed: the line its words begin on
_COUNTED = (("authorized", r"(?:编制数|核定编制)\d"), ("actual", r"实有人数\d"),
            ("in_service", r"在职(?:人员)?\d{1,9}人"),
            ("units", r"(?:行政|事业|参公(?:事业)?)单位\d{1,9}家"))


def _places(lines: tuple[Line, ...], text: str) -> dict[str, Place]:
    starts = tuple(itertools.accumulate((len(line.label) for line in lines), initial=0))
    out: dict[str, Place] = {}
    for key, pattern in _COUNTED:
        m = re.search(pattern, text)
        if m is not None:
            n = bisect.bisect_right(starts, m.start()) - 1
            where = place(((0, lines[n]),), 0, 0)
            if where is not None:
                out[key] = where
    return out


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
    units, notes = _units(lines)
    functions_part, organisation_part = part1_regions(without_running_heads(lines))
    organisation = _paragraphs(organisation_part)
    body = without_running_heads(lines)
    return Overview(functions=read_functions(functions_part),
                    functions_intro=read_functions_intro(functions_part),
                    organisation=_free_paragraphs(organisation),
                    internal_divisions=read_divisions(organisation), units=units, unit_notes=notes,
                    admin_unit_count=admin, institution_unit_count=institution,
                    staffing=staffing, places=_places(lines, text),
                    tasks=printed_paragraphs(_under(body, _TASKS_HEAD)),
                    basis=printed_paragraphs(_under(body, _BASIS_HEAD)))


# the heading of 主要职能 (一、主要职能, 部门主要职能, …委员会主要职能, 一、主要职责) and of
# 机构设置 (二、机构设置及人员情况, 部门机构设置, 二、部门机构设置及预算单位构成情况)
_FUNCTIONS_HEAD = re.compile(r"^([一二三四五六七八九十]+、)?[^，,。；:：]{0,30}主要职(能|责)$")
_ORGANISATION_HEAD = re.compile(r"^([一二三四五六七八九十]+、)?[^，,。；:：]{0,30}机构设置[^，,。；:：]{0,16}$")
# what ends Part 1's text: the next heading of Part 1 or any later part
_PART1_END = re.compile(r"^(第[二三四]部分|[一二三四五六七八九十]+、.{0,30}(工作任务|预算表|名词解释"
                        r"|预算编制的相关依据)"
                        r"|名词解释|.{0,30}(预算编制说明|预算公开表|部门预算表)$|表\s*\d+$)")
# 江苏: 三、2019 年部门主要工作任务及目标 (二、2017 年主要工作任务) and, in 2017,
# 四、部门收支预算编制的相关依据及测算分析情况
_TASKS_HEAD = re.compile(r"^([一二三四五六七八九十]+、)?\s*(\d{4}\s*年度?)?[^，,。；:：]{0,12}"
                         r"主要工作任务(及目标)?[。.]?$")
_BASIS_HEAD = re.compile(r"^([一二三四五六七八九十]+、)?[^，,。；:：]{0,16}预算编制的相关依据"
                         r"[^，,。；:：]{0,16}$")
_MARK = re.compile(r"^[-•\s]*([（(][一二三四五六七八九十]+[)）]|\d+[、.．]|[一二三四五六七八九十]+、)\s*")


def _heading_at(lines: tuple[Line, ...], pattern: re.Pattern[str], start: int = 0) -> int | None:
    """The first line matching ``pattern`` that opens text, not a 目录 entry (a 目录 entry
    is followed by the next entry, another heading)."""
    for i in range(start, len(lines)):
        if not pattern.match(lines[i].label):
            continue
        nxt = lines[i + 1].label if i + 1 < len(lines) else ""
        if not (_FUNCTIONS_HEAD.match(nxt) or _ORGANISATION_HEAD.match(nxt)
                or _PART1_END.match(nxt) or (re.match(r"^[一二三四五六七八九十]+、", nxt)
                and len(nxt) <= 30 and not nxt.endswith("。"))):
            return i
    return None


def part1_regions(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """The lines under the 主要职能 heading and under the 机构设置 heading."""
    f = _heading_at(lines, _FUNCTIONS_HEAD)
    o = _heading_at(lines, _ORGANISATION_HEAD, 0 if f is None else f + 1)

    def until_end(start: int | None, stop: int | None) -> tuple[Line, ...]:
        if start is None:
            return ()
        end = next((i for i in range(start + 1, stop or len(lines))
                    if _PART1_END.match(lines[i].label)), stop or len(lines))
        return lines[start + 1:end]

    return until_end(f, o), until_end(o, None)


_HEADS = (_PART1_END, _FUNCTIONS_HEAD, _ORGANISATION_HEAD, _TASKS_HEAD, _BASIS_HEAD)
_TOC_ENTRY = re.compile(r"^[一二三四五六七八九十]+、.{0,30}[。.]?$")


def _under(lines: tuple[Line, ...], head: re.Pattern[str]) -> tuple[Line, ...]:
    """The lines under a Part 1 heading up to the next heading of Part 1 (主要职能, 机构设置,
    工作任务, 编制依据) or of a later part; a 目录 entry (only short numbered entries
    under it) is passed over."""
    start = _heading_at(lines, head)
    while start is not None:
        end = next((i for i in range(start + 1, len(lines))
                    if any(h.match(lines[i].label) for h in _HEADS)), len(lines))
        region = lines[start + 1:end]
        if not all(_TOC_ENTRY.match(line.label) for line in region):
            return region
        start = _heading_at(lines, head, end)
    return ()


_ENDS = ("。", "：", ":", "；", "！", "？", "）")


def printed_paragraphs(lines: tuple[Line, ...]) -> tuple[str, ...]:
    """Paragraphs as printed: in a PDF a paragraph's first line is indented, or the line
    before it ends a sentence short of the right margin, or it is a numbered item after a
    sentence's end; a wrapped line runs on (a line ending a
    sentence at the margin does not end the paragraph). A DOCX line is a paragraph; a text
    file's lines are joined as ``_paragraphs`` does."""
    if lines and all(line.paragraph is not None for line in lines):
        return tuple(t for line in lines if (t := line.text.strip()))
    if not lines or any(line.page is None or not line.cells for line in lines):
        return tuple(_paragraphs(lines))
    left = min(line.cells[0].x0 for line in lines)
    right = max(line.cells[-1].x1 for line in lines)
    pages: dict[int | None, list[Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    edges = {p: (min(x.cells[0].x0 for x in ls), max(x.cells[-1].x1 for x in ls))
             if len(ls) >= 3 else (left, right) for p, ls in pages.items()}
    out: list[str] = []
    before: Line | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        indented = line.cells[0].x0 > edges[line.page][0] + 0.8 * line.height
        short = (before is not None and before.text.rstrip().endswith(_ENDS)
                 and before.cells[-1].x1 < edges[before.page][1] - 1.5 * line.height)
        listed = _MARK.match(text) is not None and out[-1].endswith(_ENDS) if out else False
        if out and not indented and not short and not listed:
            out[-1] += text  # a wrapped line
        else:
            out.append(text)
        before = line
    return tuple(out)


def _paragraphs(lines: tuple[Line, ...]) -> list[str]:
    """Printed paragraphs: a numbered line opens one, and a line that does not end a
    sentence (a wrapped PDF line, a text line a page break cut) continues it."""
    out: list[str] = []
    open_ = False
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if open_ and out and not _MARK.match(text):
            out[-1] += text
        else:
            out.append(text)
        open_ = not text.endswith(("。", "：", ":", "；"))
    return out


def read_functions(lines: tuple[Line, ...]) -> tuple[str, ...]:
    """The numbered items under 主要职能 (without their numbers), a wrapped item joined; an
    introduction before the first item is not a function, and the list ends where its
    numbering starts again (a page that prints the list twice) or unnumbered text follows."""
    out: list[str] = []
    for paragraph in _paragraphs(lines):
        m = _MARK.match(paragraph)
        if m is None:
            if out:
                break
            continue
        if out and _first_number(m.group(1)):
            break
        out.append(paragraph[m.end():].strip())
    return tuple(out)


def read_functions_intro(lines: tuple[Line, ...]) -> tuple[str, ...]:
    """The paragraphs under 主要职能 before its first numbered item (``…其主要职责有：``), or
    all of them where it numbers none (a description in prose)."""
    out = []
    for paragraph in printed_paragraphs(lines):
        if _MARK.match(paragraph):
            break
        out.append(paragraph)
    return tuple(out)


def _first_number(mark: str) -> bool:
    return label(mark).strip("()、.") in ("一", "1")


_DIVISIONS = (
    re.compile(r"下设\s*\d+\s*个(?:处室|科室|内设机构|机构)[^：:。]*[：:](.+?)。"),
    re.compile(r"设\s*\d+\s*个内设机构[，,]?(?:包括|分别是|为)[：:]?(.+?)。"),
    re.compile(r"内设机构(?:包括|有|为)[：:]?(.+?)等\s*\d+\s*个内设机构"),
)


def read_divisions(paragraphs: list[str]) -> tuple[str, ...]:
    """The 内设机构 named in the 机构设置 text (``本级下设 9 个处室，分别是：…``,
    ``机关设9个内设机构，包括：…``, ``内设机构包括…等21个内设机构``)."""
    text = label("".join(paragraphs))
    for pattern in _DIVISIONS:
        m = pattern.search(text)
        if m and _MARK.match(m.group(1)):  # …包括： over a numbered item a division
            return _items_after(paragraphs, m.group(1))
        if m:
            return tuple(n for n in re.split(r"[、，,]", m.group(1)) if n)
    return _listed_divisions(paragraphs)


def _items_after(paragraphs: list[str], first: str) -> tuple[str, ...]:
    """The divisions of a numbered list, each item's name up to its first 。 (（一）秘书科
    （联络科）。组织、协调…), from the item beginning ``first``."""
    at = next((i for i, p in enumerate(paragraphs) if label(p).startswith(first[:8])), None)
    names = []
    for p in paragraphs[at:] if at is not None else ():
        m = _MARK.match(p)
        if m is None:
            break
        names.append(label(p[m.end():].split("。")[0]))
    return tuple(names)


_LISTED = re.compile(r"内设(?:机构|处室)[:：]?$")


def _listed_divisions(paragraphs: list[str]) -> tuple[str, ...]:
    """``（一）机关内设机构`` and a numbered item a division (江苏 2017), a note in brackets
    after a name (``(内设综合指导处…)``, ``（挂…牌子）``) left out."""
    for i, paragraph in enumerate(paragraphs):
        if len(paragraph) > 20 or not _LISTED.search(label(paragraph)):
            continue
        names = []
        for item in paragraphs[i + 1:]:
            m = _ITEM.match(label(item))
            if m is None:
                break
            names.append(re.sub(r"\([^)]*\)", "", m.group(1)).strip())
        if names:
            return tuple(names)
    return ()


# sentences whose facts are read into the structured fields (units, counts, divisions,
# staffing) — the generator words them from those fields, so they are not free text
_STRUCTURED = re.compile(r"下属\s*\d+\s*家预算单位|预算单位(共计)?\s*\d+\s*家|单位\s*\d+\s*家"
                         r"|个(处室|科室|内设机构)|实有人数|编制数|预算单位包括[:：]$")


def _free_text(paragraph: str) -> str:
    """A 机构设置 paragraph without its sentences of structured facts and without a unit
    list item; empty when nothing else is left."""
    if _MARK.match(paragraph) and len(paragraph) <= 60 and "。" not in paragraph[:-1]:
        return ""  # an item of the budget-unit list (1、库尔勒市行政服务中心)
    kept = [s for s in re.split(r"(?<=。)", paragraph) if s and not _STRUCTURED.search(s)]
    return "".join(kept).strip()


def _free_paragraphs(paragraphs: list[str]) -> tuple[str, ...]:
    """The 机构设置 paragraphs as free text; a sentence of structured facts that introduces a
    list printed as text (上海 单位: “…设10个内设机构，包括：” over （一）秘书科。…) is kept
    with its list."""
    kept = [_free_text(p) for p in paragraphs]
    for i, p in enumerate(paragraphs[:-1]):
        if not kept[i] and p.endswith(("：", ":")) and _MARK.match(paragraphs[i + 1]) \
                and kept[i + 1]:
            kept[i] = p
    return tuple(p for p in kept if p)


_LIST_HEAD = re.compile(r"((预算单位|编制范围|行政单位|事业单位).{0,30})?包括(\([^)]{0,20}\))?[:：]$")
_ITEM = re.compile(r"^[-•]?\d+[、.．]\s*(.+)$")
_NAME_END = re.compile(r"[，,。；;]")


def _note(item: list[Line]) -> str:
    """What a unit's list item prints after the unit's name (``，不单列预算。``, ``。``), as
    printed (full-width punctuation kept, white space dropped)."""
    m = _ITEM.match("".join("".join(x.text.split()) for x in item))
    if m is None:
        return ""
    end = _NAME_END.search(m.group(1))
    return m.group(1)[end.start():] if end else ""


def _wraps(item: Line, nxt: Line) -> bool:
    """A PDF line running on from a list item: it starts left of the item (at the margin),
    where a new paragraph is indented as the item is."""
    return not item.cells or not nxt.cells or nxt.cells[0].x0 < item.cells[0].x0 - 0.5 * item.height


def _units(lines: tuple[Line, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Budget units listed after 编制范围/预算单位…包括 (one per numbered line, a wrapped
    item continuing on the next lines; the unit is the item up to its first comma, what
    follows it its note), or 、-separated after 具体包括."""
    out: list[str] = []
    items: list[list[Line]] = []
    for i, line in enumerate(lines):
        text = line.label
        if not _LIST_HEAD.search(text) or not re.search(
                r"预算单位|编制范围|行政单位|事业单位", "".join(x.label for x in lines[max(0, i - 1):i + 1])):
            continue
        ended = True
        for nxt in lines[i + 1:i + 40]:
            m = _ITEM.match(nxt.label)
            if not m and any(h.match(nxt.label) for h in _HEADS):
                break  # the next heading (名词解释) ends the list
            if m:
                out.append(_NAME_END.split(m.group(1))[0])
                items.append([nxt])
                ended = nxt.label.endswith("。")
            elif not ended and nxt.line is None and out and _wraps(items[-1][0], nxt):
                items[-1].append(nxt)
                ended = nxt.label.endswith("。")  # a wrapped PDF line of the item above
            else:
                break
        if out:
            break
    if not out:
        joined = "".join(line.label for line in lines)
        # 预算单位共计3家，具体包括：…。 / 共计1家，即省政协办公厅本级。
        m = re.search(r"预算单位共计?\d+家[，,]?(?:具体包括[:：]|即)(.+?)。", joined)
        if m:
            out = [u for u in re.split(r"[、，,]", m.group(1)) if u]
    notes = tuple(_note(item) for item in items)
    return tuple(out), notes if any(notes) else ()
