"""项目经费情况说明 (上海): the projects a document describes after Part 3, one to a page —
``…经费情况说明`` and under it its parts ``一、项目概述`` … ``七、绩效目标`` — as one section
``projects`` of the narrative: each project's title a heading sentence, each part's title a
heading, each part's text its paragraphs (wrapped lines joined), read as printed.

A title counts only where its part 一、 is the next line (a 目录 line, or the section's own
heading above a project's title, does not); a project ends at the next title, a performance
table (``…绩效目标表``), or the document's next part.
"""

from __future__ import annotations

import re

from yusuan.model.disclosure import Section, Sentence, label
from yusuan.parse.lines import Line
from yusuan.parse.paragraphs import HEADING, place, placed_paragraphs

TITLE = re.compile(r"^(?![一二三四五六七八九十]+、).{0,40}经费情况说明$")
# the document's next part (名词解释, 绩效目标 unnumbered), or a performance table: its title (not 详见…绩效目标表), its year
# (（2023年度）, where the title repeated on every page was taken for a running head) or its
# first row
STOP = re.compile(r"^(第[四五]部分|名词解释|绩效目标$|(?!详见).{0,20}绩效目标(表|填报表)$|"
                  r"[（(]\d{4}年度?[)）]$|项目名称)")
SECTION_TITLE = "项目经费情况说明"


def _title(lines: tuple[Line, ...], i: int) -> int:
    """How many lines the project title at ``i`` takes (1, or 2 where a long title wraps at
    the top of its page), 0 where no title starts there: a title is followed by its part 一、
    at once."""
    page_top = i == 0 or lines[i - 1].page != lines[i].page  # each project starts a page
    wraps = page_top and not TITLE.match(lines[i].label)  # (a whole title is not a half)
    for n in (1, 2) if wraps else (1,):
        text = "".join(x.label for x in lines[i:i + n])
        after = lines[i + n].label if i + n < len(lines) else ""
        if TITLE.match(text) and (m := HEADING.match(after)) is not None and m.group(1) == "一":
            return n
    return 0


def _opens(lines: tuple[Line, ...], i: int) -> bool:
    return _title(lines, i) > 0


def read_projects(lines: tuple[Line, ...]) -> Section | None:
    """The projects described after Part 3, or ``None`` where the document has none."""
    # running heads are not taken out: 详见单位的项目绩效目标表 ends every project's page
    paragraphs: list[tuple[Sentence, ...]] = []
    i = 0
    while i < len(lines):
        if not _opens(lines, i):
            i += 1
            continue
        title = lines[i]
        n = _title(lines, i)
        end = next((j for j in range(i + n, len(lines))
                    if _opens(lines, j) or STOP.match(lines[j].label)), len(lines))
        paragraphs.append((Sentence("".join(label(x.text) for x in lines[i:i + n]),
                                    kind="heading", origin=place(((0, title),), 0, 1)),))
        for text, heading, starts in placed_paragraphs(lines[i + n:end]):
            paragraphs.append((Sentence(text.replace("\n", ""),
                                        kind="heading" if heading else "text",
                                        origin=place(starts, 0, len(text))),))
        i = end
    if not paragraphs:
        return None
    return Section(number="", title=SECTION_TITLE, paragraphs=tuple(paragraphs), key="projects")


def with_projects(lines: tuple[Line, ...]) -> tuple[Section, ...]:
    """``read_projects`` as sections to add to Part 3's (none or one)."""
    section = read_projects(lines)
    return () if section is None else (section,)
