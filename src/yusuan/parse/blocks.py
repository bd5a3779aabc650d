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

from yusuan.model.disclosure import UnreadTable, label
from yusuan.model.money import Unit
from yusuan.model.profiles import Profile, TableLayout, available_profiles, load_profile
from yusuan.parse.lines import Line
from yusuan.parse.recognise import THRESHOLD, could_be, rank, recognise, title_score
from yusuan.reference.numerals import ITEM_NUMBER, TABLE_NUMBER

_NUMBER = re.compile(rf"^{TABLE_NUMBER}$")
_TITLE_NUMBER = re.compile(rf"^({TABLE_NUMBER}|[一二三四五六七八九十]+(?=、))")
_UNIT = re.compile(r"(?:金额)?单位[:：](万元|元)")
_DEPT = re.compile(r"^(编制部门|编制单位|部门名称|部门|预算主管部门|单位名称)[:：](.*)$")
_TITLE_PREFIX = re.compile(rf"^({TABLE_NUMBER}[:：]?|{ITEM_NUMBER}|\d{{4}}年度?)+")
_STATEMENT = re.compile(r"(空表|此表为空|本表无数据|(无|没有).{0,30}安排的(预算|支出))")
_HEADING_END = re.compile(r"(^第[一二三四五六七八九十]部分|情况说明$|^名词解释|绩效目标(表|填报表)$)")
_NOTE = re.compile(r"^(注|[:：]“)|为必填项")
_TITLE_END = re.compile(r"表([（(][^)）]{1,12}[)）])*$")  # …表, …表（功能科目）, …表（续）
_CONTINUED = re.compile(r"^[（(]?续(表[\d一二三四五六七八九十]*)?[)）]?$")
MAX_TITLE_EXTRA = 14
UNIT_LOOKAHEAD = 5
HEADER_LOOKAHEAD = 10
WRAPPED_TITLE = 8  # a title's second line is at most this long (``算表``, ``支出预算表``)


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


def title_text(line: Line) -> str | None:
    """The line's text if it may be a table title: short, and no figures but a printed
    number (``公开 07 表``, ``表3``) or a year."""
    text = line.label
    if not text or len(text) > 48 or text.startswith(("注", "说明")) or "。" in text \
            or _UNIT.search(text) or line_department(line):
        return None
    for c in line.cells:
        if c.is_number and (len(c.label) > 4 or not c.label.isdigit()):
            return None
    return text


def _same_size(line: Line, after: Line) -> bool:
    """Two printed lines (not grid rows) in one font size: a long title wrapped in the middle
    (``一般公共预算“三公”经费、会议费`` / ``、培训费支出预算表``) may leave a longer second line."""
    return line.height > 1 and abs(after.height - line.height) <= 0.1 * line.height


def title_layout(line: Line, profile: Profile, header: tuple[Line, ...] = (),
                 after: Line | None = None,
                 departments: tuple[str, ...] = ()) -> tuple[TableLayout, str] | None:
    """The table whose title this line is (scored, see ``recognise.py``) and the title text;
    a title wrapped onto a short second line (``…支出预`` + ``算表``) is joined with it. The
    document's department names (``编制部门：…``) are dropped from the title before scoring."""
    text = title_text(line)
    if text is None or _NUMBER.match(text):
        return None
    candidates = [text]
    if after is not None and len(after.cells) == 1 and not _TITLE_END.search(text) \
            and not line.cells[-1].is_number \
            and (rest := title_text(after)) \
            and len(rest) <= (2 * WRAPPED_TITLE if _same_size(line, after) else WRAPPED_TITLE) \
            and not line_unit(after) and not after.cells[0].is_number:
        candidates.insert(0, text + rest)
    for title in candidates:
        if not _TITLE_END.search(title):
            continue
        bare = title
        for name in departments:
            bare = bare.replace(name, "")
        match = recognise(bare, header, profile)
        if match:
            return match.layout, title
    return None
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


def _header(lines: tuple[Line, ...], i: int) -> tuple[Line, ...]:
    """The lines under a title up to its first row of figures (unit and department lines
    left out): what the header shape is scored on."""
    out: list[Line] = []
    for line in lines[i + 1:i + 1 + HEADER_LOOKAHEAD]:
        if line_unit(line) or line_department(line):
            continue
        if any(c.is_number and not c.label.isdigit() for c in line.cells):
            break
        out.append(line)
    return tuple(out)


@dataclass(frozen=True)
class LineFacts:
    """What ``_titles`` asks of every line, whichever profile it tries: computed once per
    document (``detect_profile`` tries every profile on the same lines)."""

    texts: tuple[str | None, ...]  # each line's ``title_text``
    units: tuple[bool, ...]  # each line a unit line (``单位：万元``)
    departments: tuple[str, ...]  # the department names printed, longest first


def line_facts(lines: tuple[Line, ...]) -> LineFacts:
    return LineFacts(tuple(title_text(line) for line in lines),
                     tuple(line_unit(line) is not None for line in lines),
                     tuple(sorted({label(d) for line in lines if (d := line_department(line))
                                   and len(label(d)) >= 4}, key=len, reverse=True)))


def _titles(lines: tuple[Line, ...], profile: Profile, facts: LineFacts | None = None
            ) -> list[tuple[int, TableLayout, str]]:
    """(line index, table, title text) of every title with a unit line just below it; a line
    listed with other titles close below it (a contents page) is not a title."""
    found: list[tuple[int, TableLayout, str]] = []
    facts = facts or line_facts(lines)
    texts, units = facts.texts, facts.units
    wrapped: set[int] = set()  # second lines of wrapped titles: no titles of their own
    for i, line in enumerate(lines):
        if i in wrapped or texts[i] is None:
            continue
        window = lines[i:i + UNIT_LOOKAHEAD + 1]
        if not any(units[i:i + UNIT_LOOKAHEAD + 1]):
            continue
        after = lines[i + 1] if i + 1 < len(lines) else None
        hit = title_layout(line, profile, _header(lines, i), after, facts.departments)
        if hit is None:
            continue
        below = 2 if len(hit[1]) > len(line.label) else 1  # past a wrapped second line
        unit_at = units[i:i + UNIT_LOOKAHEAD + 1].index(True)
        if any(_TITLE_END.search(w.label) and (other := texts[i + n]) is not None
               and (title_layout(w, profile) or (None, ""))[0] is not hit[0]
               and len(_TITLE_PREFIX.sub("", other)) >= 4 and not _CONTINUED.match(w.label)
               for n, w in enumerate(window[below:unit_at], below)):
            continue  # another title before the unit line: a contents entry
        found.append((i, hit[0], hit[1]))
        if below == 2:
            wrapped.add(i + 1)  # ``2025年部门财政拨款`` + ``收支预算总表`` is not 收支总表
    return _one_table_each(found, profile)


def _one_table_each(found: list[tuple[int, TableLayout, str]],
                    profile: Profile) -> list[tuple[int, TableLayout, str]]:
    """Two titles apart in the document (not one repeated over a continued table) that both
    scored best for one table: the weaker takes its next best table no title has, where that
    one still scores above the threshold."""
    out = list(found)
    for n, (i, layout, title) in enumerate(out):
        rivals = [m for m, f in enumerate(out) if f[1].id == layout.id and abs(m - n) > 1]
        if not rivals or title_score(title, layout) >= max(
                title_score(out[m][2], layout) for m in rivals):
            continue
        taken = {f[1].id for f in out}
        other = next((m for m in rank(title, profile)
                      if m.layout.id not in taken and m.score >= THRESHOLD), None)
        if other is not None:
            out[n] = (i, other.layout, title)
    return out


def detect_profile(lines: tuple[Line, ...]) -> Profile | None:
    """The profile most of whose tables the document prints (None: no budget table at all)."""
    best: tuple[int, int, int, str] | None = None
    facts = line_facts(lines)
    for pid in available_profiles():
        profile = load_profile(pid)
        found = _titles(lines, profile, facts)
        distinct = len({layout.id for _, layout, _ in found})
        shape = sum(_header_hits(lines[i + 1:i + 1 + HEADER_LOOKAHEAD], layout)
                    for i, layout, _ in found)
        score = (distinct, shape, len(found), pid)
        if distinct and (best is None or score[:3] > best[:3]):
            best = score
    return load_profile(best[3]) if best else None


def _header_hits(lines: tuple[Line, ...], layout: TableLayout) -> int:
    """How many of the layout's printed column labels the lines under a title show."""
    text = "".join(line.label for line in lines)
    return sum(1 for c in layout.all_columns if label(c.leaf) in text)


def _other_title(lines: tuple[Line, ...], i: int) -> bool:
    """A short ``…表`` line with a unit line just below: the title of some other table."""
    seen = title_text(lines[i])
    text = _TITLE_PREFIX.sub("", seen or "")
    if not 4 <= len(text) <= 36 or lines[i].cells[0].is_number:
        return False
    if not _TITLE_END.search(text):
        return False
    return any(line_unit(w) for w in lines[i + 1:i + 1 + UNIT_LOOKAHEAD])


def unread_titles(lines: tuple[Line, ...], profile: Profile,
                  blocks: list[Block]) -> list[UnreadTable]:
    """Table-like titles (``…表`` with a unit line below) that no block starts at and no
    table of the profile matched: each with the tables it resembles. Performance target
    tables (绩效目标表) are read by ``performance.py``, not here."""
    starts = {b.start for b in blocks}
    out: list[UnreadTable] = []
    for i, line in enumerate(lines):
        if {i, i - 1} & starts or not _other_title(lines, i) or "绩效" in line.label \
                or title_layout(line, profile):
            continue  # a table's title, its wrapped second line or its title repeated
        unit_at = next(n for n, w in enumerate(lines[i + 1:i + 1 + UNIT_LOOKAHEAD]) if line_unit(w))
        if any(_other_title(lines, j) for j in range(i + 1, i + 1 + unit_at)):
            continue  # a contents entry
        out.append(UnreadTable(title=line.label, page=line.page, line=line.line,
                               could_be=could_be(line.label, profile)))
    return out


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
    for n, (start, layout, title) in enumerate(titles):
        stop = titles[n + 1][0] if n + 1 < len(titles) else len(lines)
        unit = department = number = statement = None
        if start > 0 and is_number_marker(lines[start - 1]):
            number = lines[start - 1].label
        elif m := _TITLE_NUMBER.match(title):
            number = m.group(1)  # 公开07表：…, 七、…: the number printed in the title
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
        block = Block(layout=layout, title=title, start=start,
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
