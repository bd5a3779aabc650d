"""Part 3's printed text → paragraphs and sentences (the layout, no figures read here).

Where it sits: ``narrative.read_narrative`` asks for the lines of Part 3 (``part3_lines``:
the performance tables printed inside it left out), joins them into paragraphs
(``paragraphs``: PDF lines by indentation, wrapped headings joined) and splits those into
sentences (``sentences``). ``without_running_heads`` also serves Part 1 (``part1.py``).
"""

from __future__ import annotations

import re
from collections import Counter

from yusuan.model.disclosure import Place, label
from yusuan.parse.lines import Line, column_name

END = re.compile(r"^(第[四五]部分|名词解释|.{0,20}绩效目标(表|填报表)$|.{2,30}经费情况说明$)")
HEADING = re.compile(r"^([一二三四五六七八九十]+)、(.{2,60})$")
FIGURE = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(万元|元|万)")

# the rest of a heading wrapped onto the next line — not a numbered subheading of its own
# (``（一）单位运行经费情况`` right under ``十二、其他重要事项的情况说明``)
_HEADING_TAIL = re.compile(r"^(?![（(][一二三四五六七八九十]+[)）])[^，,。；:：、\d]{1,20}(说明|情况)$")
# a numbered item that states a figure and stops mid-sentence at the line's end: its sentence
# goes on at the next line (上海: ``（二）公务用车购置及运行费0万元，…与2024年预算`` / ``持平，…``)
_WRAPS = re.compile(r"\d[^。；]*[^。；：:\d]$")
INDENT = 6.0  # points: a PDF line this far right of the text's left edge opens a paragraph


def _left_edge(lines: tuple[Line, ...]) -> float | None:
    """The x where PDF text lines start most often: a wrapped line's (a paragraph's first
    line is indented from it)."""
    edges = Counter(round(line.cells[0].x0) for line in lines if line.line is None and line.cells)
    return float(edges.most_common(1)[0][0]) if edges else None


Starts = tuple[tuple[int, Line], ...]  # where each printed line begins in a paragraph's text


def paragraphs(lines: tuple[Line, ...]) -> list[tuple[str, bool]]:
    """(text, is_heading) of ``placed_paragraphs``."""
    return [(text, heading) for text, heading, _ in placed_paragraphs(lines)]


def placed_paragraphs(lines: tuple[Line, ...]) -> list[tuple[str, bool, Starts]]:
    """(text, is_heading, starts) with wrapped PDF lines joined until a sentence or item
    ends; ``starts`` says at which offset of the text (its line breaks left out) each printed
    line begins, so a sentence can say where it was printed (``origin``).

    A PDF line indented from the left edge opens a paragraph (``预算安排规模：40.00万元``
    above an indented ``项目承担单位：…``); a line ending with ``：`` ends its paragraph
    unless the paragraph began indented and the next line goes on at the left edge (the
    sentence wrapped right after ``其中：``)."""
    out: list[tuple[str, bool, Starts]] = []
    current = ""
    starts: list[tuple[int, Line]] = []
    indented = False  # the open PDF paragraph's first line was indented
    edge = _left_edge(lines)

    def close() -> None:
        nonlocal current, starts
        if current:
            out.append((current, False, tuple(starts)))
        current, starts = "", []

    for line in lines:
        text = line.text.strip()
        pdf = line.line is None
        if pdf and not current and out and out[-1][1] and _HEADING_TAIL.match(label(text)):
            head, _, at = out[-1]  # a heading wrapped onto a second line
            out[-1] = (head + text, True, (*at, (len(head), line)))
            continue
        heading = bool(HEADING.match(label(text))) and len(text) <= 60 and not FIGURE.search(text)
        item = re.match(r"^[（(][一二三四五六七八九十]+[)）]", text)
        if pdf and item and FIGURE.search(text) and _WRAPS.search(text):  # （二）…0万元，与2024年预算 / 持平，…
            close()
            current, starts, indented = text, [(0, line)], True
            continue
        if heading or item:
            close()
            out.append((text, heading, ((0, line),)))
            continue
        opens = pdf and edge is not None and bool(line.cells) and \
            line.cells[0].x0 > edge + INDENT
        if pdf and current and (opens or (current.endswith(("：", ":")) and not indented)):
            close()
        if not current:
            indented = opens
        starts.append((len(current.replace("\n", "")), line))
        current += text if not current or pdf else "\n" + text
        if not pdf or text.endswith(("。", "；")):
            close()
    close()
    return out


def sentences(paragraph: str) -> list[str]:
    """Sentences end at 。 and ；, and a change lead (``…比上年预算增加 X 万元，增长 Y%，其中：``)
    ends at its 其中： — the items that follow state their own changes."""
    return [text for text, _start in sentence_spans(paragraph)]


def sentence_spans(paragraph: str) -> list[tuple[str, int]]:
    """``sentences`` with the offset where each begins in the paragraph (line breaks left
    out)."""
    out: list[tuple[str, int]] = []
    at = 0
    for part in re.split(r"(?<=[。；])", paragraph.replace("\n", "")):
        lead = _CHANGE_LEAD.match(part)
        pieces = ((lead.group(1), 0), (part[lead.end(1):], lead.end(1))) if lead else ((part, 0),)
        out.extend((p.strip(), at + offset + len(p) - len(p.lstrip()))
                   for p, offset in pieces if p.strip())
        at += len(part)
    return out


def place(starts: Starts, begin: int, end: int) -> Place | None:
    """Where the text from ``begin`` to ``end`` of a paragraph was printed: the line it
    begins on (PDF page, text line, DOCX paragraph, XLSX sheet and cell), and the page it
    ends on where that is a later one."""
    first = next((line for offset, line in reversed(starts) if offset <= begin), None)
    if first is None:
        return None
    if first.sheet is not None:
        column = column_name(int(first.cells[0].x0)) if first.cells else ""
        return Place(sheet=first.sheet, cell=f"{column}{first.line}" if first.line else None)
    if first.paragraph is not None:
        return Place(paragraph=first.paragraph)
    if first.page is not None:
        last = next((line for offset, line in reversed(starts) if offset < end), first)
        later = last.page if last.page is not None and last.page > first.page else None
        return Place(page=first.page, last_page=later)
    return Place(line=first.line) if first.line is not None else None



_CHANGE_LEAD = re.compile(r"^([^。；]*比上年[^。；：:]{0,40}其中[:：])")


RUNNING_HEAD_PAGES = 3


def without_running_heads(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """PDF lines without the running head printed atop every page (``…2024年部门预算公开``),
    which would otherwise be glued into the sentence a page break cuts. A head is the first
    or last line of its pages: a wrapped line's end printed alike in several sections
    (``出。``) is text."""
    ends: set[int] = set()
    for i, line in enumerate(lines):
        if i == 0 or lines[i - 1].page != line.page:
            ends.add(i)
        if i + 1 == len(lines) or lines[i + 1].page != line.page:
            ends.add(i)
    pages: dict[str, set[int]] = {}
    for i, line in enumerate(lines):
        if i in ends and line.line is None and line.page is not None and len(line.label) <= 40:
            pages.setdefault(line.label, set()).add(line.page)
    heads = {text for text, seen in pages.items()
             if len(seen) >= RUNNING_HEAD_PAGES and not FIGURE.search(text)}
    return tuple(line for line in lines if line.line is not None or line.label not in heads)


CONTENTS_RUN = 3  # numbered headings in a row, nothing between: a contents page


def part3_start(lines: tuple[Line, ...], opens: re.Pattern[str]) -> int | None:
    """The line of Part 3's heading (``opens`` matches it), not its entry on a contents page.

    A heading counts where figures follow soon, or its first numbered section (江苏 2018:
    “一、收支预算总体情况说明” then “本表（公开01表）反映…”). A contents entry is told from the
    heading in the body by its words being printed again below it, or — however the contents
    words it — by its numbered sections following one another with no text between (一、…
    二、… 三、…), where in the body each heading is followed by its text."""
    candidates = [i for i, line in enumerate(lines) if opens.match(line.label)
                  and (any(FIGURE.search(x.label) for x in lines[i + 1:i + 6])
                       or any((h := HEADING.match(x.label)) is not None and h.group(1) == "一"
                              for x in lines[i + 1:i + 3]))]
    return next((i for i in candidates
                 if not any(lines[j].label == lines[i].label for j in candidates if j > i)
                 and not (_lists_sections(lines, i) and any(j > i for j in candidates))), None)


def _lists_sections(lines: tuple[Line, ...], i: int) -> bool:
    after = lines[i + 1:i + 1 + CONTENTS_RUN]
    return len(after) == CONTENTS_RUN and all(
        HEADING.match(x.label) and not FIGURE.search(x.label) for x in after)


_PERFORMANCE_TABLE = re.compile(r"^.{0,20}绩效目标(表|填报表)$")
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[)）].{2,30}$")


def part3_lines(lines: tuple[Line, ...], start: int) -> tuple[Line, ...]:
    """The lines of Part 3 after its heading: up to its end, leaving out the performance
    tables printed inside it (预算绩效情况: ``具体情况见下表``), after which Part 3 goes on at
    the next numbered heading printed alone on its line (``（五）其他需说明的事项``)."""
    out: list[Line] = []
    i = start + 1
    while i < len(lines):
        text = lines[i].label
        if not END.match(text):
            out.append(lines[i])
            i += 1
            continue
        if not _PERFORMANCE_TABLE.match(text):
            break
        resume = next((j for j in range(i + 1, len(lines)) if (END.match(lines[j].label)
                       and not _PERFORMANCE_TABLE.match(lines[j].label))
                       or (len(lines[j].cells) == 1 and _SUBHEADING.match(lines[j].label)
                       and not lines[j].label.endswith("。"))), len(lines))
        i = resume
    return tuple(out)
