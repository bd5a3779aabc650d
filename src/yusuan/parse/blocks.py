"""Find the tables of a document: titles (by profile aliases), and the lines each one spans.

Where it sits: after a reader produced ``Line``s, ``find_blocks`` says which lines belong to
which canonical table (recognised by its title, not by its number), with the unit
(``单位：万元/元``), the department (``编制部门``) and the printed number (``表5``, ``公开05表``)
read from the lines around the title. ``detect_profile`` picks the profile whose titles the
document uses most. ``tables.py`` then reads each block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.model.disclosure import label
from yusuan.model.money import Unit
from yusuan.parse.lines import Line
from yusuan.reference.profiles import Profile, TableLayout, available_profiles, load_profile

_NUMBER = re.compile(r"^(表[\d一二三四五六七八九十]+(-\d+)?|公开\d+表|附表[\d一二三四五六七八九十]+)$")
_UNIT = re.compile(r"(?:金额)?单位[:：](万元|元)")
_DEPT = re.compile(r"^(编制部门|编制单位|部门名称|部门|预算主管部门|单位名称)[:：](.*)$")
_TITLE_PREFIX = re.compile(r"^(附?表[\d一二三四五六七八九十]+(-\d+)?[:：]?|公开\d+表|\d+[.、．]"
                           r"|[一二三四五六七八九十]+、|\d{4}年度?)+")
_STATEMENT = re.compile(r"(空表|此表为空|本表无数据|(无|没有).{0,30}安排的(预算|支出))")
_HEADING_END = re.compile(r"(^第[一二三四五六七八九十]部分|情况说明$|^名词解释|绩效目标(表|填报表)$)")
_NOTE = re.compile(r"^(注|[:：]“)|为必填项")
_CONTINUED = re.compile(r"^[（(]?续(表[\d一二三四五六七八九十]*)?[)）]?$")
MAX_TITLE_EXTRA = 14
UNIT_LOOKAHEAD = 5
HEADER_LOOKAHEAD = 10


@dataclass(frozen=True)
class Block:
    """The lines of one recognised table and what surrounds its title."""

    layout: TableLayout
    title: str
    start: int  # index of the title line
    end: int  # index after the last line of the table
    lines: tuple[Line, ...]
    unit: Unit | None
    department: str | None
    number: str | None
    statement: str | None


def title_layout(line: Line, profile: Profile) -> tuple[TableLayout, int] | None:
    """The table whose title (or alias) this line is, with the length of the matched alias."""
    text = line.label
    if not text or len(text) > 48 or any(c.is_number for c in line.cells[1:]):
        return None
    stripped = _TITLE_PREFIX.sub("", text)
    best: tuple[TableLayout, int] | None = None
    for layout in profile.tables:
        for alias in (layout.title, *layout.aliases):
            a = label(alias)
            fits = a and a in stripped and len(stripped) - len(a) <= MAX_TITLE_EXTRA
            if fits and (best is None or len(a) > best[1]):
                best = (layout, len(a))
    return best


def line_unit(line: Line) -> Unit | None:
    m = _UNIT.search(line.label)
    return Unit.parse(m.group(1)) if m else None


def line_department(line: Line) -> str | None:
    for i, cell in enumerate(line.cells):
        m = _DEPT.match(cell.label)
        if m:
            rest = m.group(2)
            if not rest and i + 1 < len(line.cells) and not _UNIT.search(line.cells[i + 1].label):
                rest = line.cells[i + 1].label
            rest = _UNIT.sub("", rest)
            return rest or None
    return None


def is_number_marker(line: Line) -> bool:
    return bool(_NUMBER.match(line.label))


def is_statement(line: Line) -> bool:
    return bool(_STATEMENT.search(line.label))


def opens_statement(line: Line, nxt: Line | None) -> bool:
    """The first line of a 空表 statement wrapped over two lines (``…办公室 2025 年没有使用政``
    / ``府性基金预算拨款安排的支出，…为空表。``): the statement begins on it, and its only
    figures are years (a number cell the next cell opens with 年) — never a row's amounts."""
    if nxt is None:
        return False
    cells = line.cells
    for i, c in enumerate(cells):
        if c.is_number and not (i + 1 < len(cells) and cells[i + 1].label.startswith("年")
                                and len(c.label) == 4):
            return False
    m = _STATEMENT.search(line.label + nxt.label)
    return m is not None and m.start() < len(line.label)


def _titles(lines: tuple[Line, ...], profile: Profile) -> list[tuple[int, TableLayout, int]]:
    found: list[tuple[int, TableLayout, int]] = []
    for i, line in enumerate(lines):
        hit = title_layout(line, profile)
        if hit is None:
            continue
        window = lines[i:i + UNIT_LOOKAHEAD + 1]
        if not any(line_unit(w) for w in window):
            continue
        if any(title_layout(w, profile) for w in window[1:UNIT_LOOKAHEAD]
               if not line_unit(w) and not line_department(w)):
            continue
        found.append((i, hit[0], hit[1]))
    return found


def detect_profile(lines: tuple[Line, ...]) -> Profile | None:
    """The profile most of whose tables the document prints (None: no budget table at all)."""
    best: tuple[int, int, int, str] | None = None
    for pid in available_profiles():
        profile = load_profile(pid)
        found = _titles(lines, profile)
        distinct = len({layout.id for _, layout, _ in found})
        shape = sum(_header_hits(lines[i + 1:i + 1 + HEADER_LOOKAHEAD], layout)
                    for i, layout, _ in found)
        score = (distinct, shape, sum(n for _, _, n in found), pid)
        if distinct and (best is None or score[:3] > best[:3]):
            best = score
    return load_profile(best[3]) if best else None


def _header_hits(lines: tuple[Line, ...], layout: TableLayout) -> int:
    """How many of the layout's printed column labels the lines under a title show."""
    text = "".join(line.label for line in lines)
    return sum(1 for c in layout.all_columns if label(c.leaf) in text)


def _other_title(lines: tuple[Line, ...], i: int) -> bool:
    """A short ``…表`` line with a unit line just below: the title of some other table."""
    text = _TITLE_PREFIX.sub("", lines[i].label)
    if len(lines[i].cells) != 1 or not 4 <= len(text) <= 36 or lines[i].cells[0].is_number:
        return False
    if not re.search(r"表([（(].{1,8}[)）])?$", text):
        return False
    return any(line_unit(w) for w in lines[i + 1:i + 1 + UNIT_LOOKAHEAD])


def _is_prose_end(line: Line) -> bool:
    """A heading of the next part, or a sentence: the table is over."""
    text = line.label
    if text.startswith(("注", "说明")):
        return False
    if _HEADING_END.search(text):
        return True
    words = [c.label for c in line.cells if not c.is_number]
    figures_last = line.cells[-1].is_number  # a table row ends with its figures
    sentence = any("," in w or "。" in w for w in words) and len(text) >= 20 and not figures_last
    return sentence or (len(line.cells) == 1 and len(text) >= 28)


def find_blocks(lines: tuple[Line, ...], profile: Profile) -> list[Block]:
    """Every table of ``profile`` found in ``lines``, in document order."""
    titles = _titles(lines, profile)
    blocks: list[Block] = []
    for n, (start, layout, _) in enumerate(titles):
        stop = titles[n + 1][0] if n + 1 < len(titles) else len(lines)
        unit = department = number = statement = None
        if start > 0 and is_number_marker(lines[start - 1]):
            number = lines[start - 1].label
        body: list[Line] = []
        end = start + 1
        prev_statement = False
        for i in range(start + 1, stop):
            line = lines[i]
            end = i + 1
            if i == stop - 1 and n + 1 < len(titles) and is_number_marker(line):
                end = i
                break
            u = line_unit(line)
            d = line_department(line)
            if u or d:
                unit = unit or u
                department = department or d
                continue
            if is_number_marker(line) and not body:
                number = number or line.label
                continue
            if body and (is_number_marker(line) or _other_title(lines, i)):
                end = i  # another table (one this profile does not know) begins
                break
            if _CONTINUED.match(line.label) or (
                    (hit := title_layout(line, profile)) and hit[0].id == layout.id):
                continue  # 续表, or the title repeated at the top of a continuation page
            if _NOTE.search(line.label) and not is_statement(line):
                prev_statement = False
                continue
            if is_statement(line) or opens_statement(line, lines[i + 1] if i + 1 < stop
                                                     else None) or (
                    statement and prev_statement and not statement.endswith("。")
                    and not any(c.is_number for c in line.cells)):
                statement = (statement or "") + line.text.strip()
                statement = statement if len(statement) < 400 else statement[:400]
                prev_statement = True
                continue
            prev_statement = False
            if _is_prose_end(line) and (body or i > start + UNIT_LOOKAHEAD):
                end = i
                break
            if _NOTE.search(line.label):
                continue
            body.append(line)
        block = Block(layout=layout, title=lines[start].text.strip(), start=start,
                      end=end, lines=tuple(body), unit=unit, department=department,
                      number=number, statement=statement)
        if blocks and blocks[-1].layout.id == layout.id and blocks[-1].end >= start - 1:
            block = _continued(blocks.pop(), block)  # the title printed again on the next page
        blocks.append(block)
    return blocks


def _continued(first: Block, more: Block) -> Block:
    return Block(layout=first.layout, title=first.title, start=first.start, end=more.end,
                 lines=first.lines + more.lines, unit=first.unit or more.unit,
                 department=first.department or more.department, number=first.number,
                 statement=first.statement or more.statement)
