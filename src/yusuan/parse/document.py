"""Lines of a published document → ``Disclosure`` (+ parse findings).

Where it sits: every reader ends here. ``assemble`` detects the profile (or takes the one
given), finds and reads the tables, then Part 1 facts (``part1.py``), the Part 3 sentences
with their facts (``narrative.py``) and the performance tables (``performance.py``) from the
lines outside the tables. A document without any recognisable budget table is an
``InputError`` (nothing usable was read).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from yusuan.model.disclosure import Disclosure, Origin, Table, label
from yusuan.model.errors import InputError
from yusuan.model.finding import Finding, Location
from yusuan.model.kinds import EDITIONS, Edition, one_of
from yusuan.model.profiles import UnknownProfileError, load_profile
from yusuan.parse.blocks import Block, detect_profile, find_blocks, unread_titles
from yusuan.parse.cover import read_cover
from yusuan.parse.glossary import read_glossary
from yusuan.parse.lines import Line
from yusuan.parse.narrative import read_narrative, with_empty_notes
from yusuan.parse.pairs import read_pairs
from yusuan.parse.part1 import read_overview
from yusuan.parse.performance import read_performance
from yusuan.parse.projects import with_projects
from yusuan.parse.tables import read_table

_YEAR = re.compile(r"(20\d{2})\s*年")
_YEAR_TITLE = re.compile(r"^(?:20\d{2}\s*年度?|年度)\s*(部门|单位)?[预决]算")
_BARE_YEAR = re.compile(r"^20\d{2}(年度?)?$")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分$")
_TITLE_DEPT = re.compile(r"^(?:第[一二三四五六七八九十]+部分)?\s*(.{2,40}?)\s*(20\d{2})\s*年度?\s*(部门|单位)?[预决]算")


def _year(lines: tuple[Line, ...], tables: list[Table]) -> int | None:
    for t in tables:
        m = _YEAR.search(t.title)
        if m:
            return int(m.group(1))
    years = Counter(int(m.group(1)) for line in lines[:80] for m in _YEAR.finditer(line.label))
    # a cover printing the year on a line of its own beside “年度部门决算”
    years.update(int(x.label[:4]) for i, line in enumerate(lines[:40])
                 if _YEAR_TITLE.match(line.label)
                 for x in lines[max(i - 1, 0):i + 2] if _BARE_YEAR.match(x.label))
    return years.most_common(1)[0][0] if years else None


def _department(lines: tuple[Line, ...], tables: list[Table]) -> str | None:
    named = Counter(t.department for t in tables if t.department)
    if named:
        return named.most_common(1)[0][0]
    on_cover = next((m.group(2).strip() for line in lines[:10]
                     if (m := _COVER_DEPT.match(line.label)) and m.group(2).strip()), None)
    if on_cover:  # 上海: “预算主管部门：上海市普陀区XX局” under the cover title
        return on_cover
    for i, line in enumerate(lines[:30]):
        m = _TITLE_DEPT.match(line.label)
        if m and not m.group(1).endswith(("上海市", "年")) and not _PART.match(m.group(1)):
            return m.group(1)
        t = _YEAR_TITLE.match(line.label)
        # the name on the cover line above “2024年度部门决算” (a title alone, not a heading
        # such as “2026年单位预算编制说明” after a numbered glossary entry)
        if t and len(line.label) - t.end() <= 2:
            above = [x.label for x in lines[max(i - 3, 0):i] if not _BARE_YEAR.match(x.label)]
            if above and len(above[-1]) <= 40 and not any(c.isdigit() for c in above[-1]) \
                    and not _NUMBERING.search(above[-1]):
                return above[-1]
    return None


_COVER_DEPT = re.compile(r"^(预算主管部门|预算单位)\s*[:：]\s*(.{2,40})$")
_UNFILLED = re.compile(r"[XxＸｘ]{2,}|×{2,}|…{2,}|\.{4,}")


def _unfilled(department: str, file: str) -> list[Finding]:
    """A cover whose department is still the form's placeholder (“上海市普陀区XX局”)."""
    if not _UNFILLED.search(department):
        return []
    return [Finding("parse.template-unfilled", "warning", "parse",
                    f"部门名称“{department}”仍是模板的占位符：这是未填写的模板，"
                    "请填入本部门名称和数据后再检查", Location(file=file, name="部门名称"))]


_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def _published_on(lines: tuple[Line, ...]) -> str | None:
    """The date the document is signed with (ISO): a line that is a date alone — the
    signature after Part 4, else the cover's. None where no such line is printed."""
    for line in reversed(lines):
        m = _DATE.match(line.label)
        if m is None:
            continue
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue  # 2025年02月30日: not a date
    return None


class NoTablesError(InputError):
    """The file holds no recognisable budget table: unusable alone, though it may be the
    narrative part of a split publication (``dispatch`` keeps its lines for that)."""


# a numbered heading, or a contents line joining two ("第一部分 部门概况 第二部分 …")
_NUMBERING = re.compile(r"^([一二三四五六七八九十]+、|\d+[.、])|第[一二三四五六七八九十\d]+部分")


def heading_facts(lines: tuple[Line, ...]) -> tuple[str, int | None]:
    """Department and year as a file without tables prints them: the title of its cover
    ("江苏省政协办公厅 2018 年度" over "部门预算公开" counts as one line), not a numbered
    heading ("第二部分 2018 年度部门预算表")."""
    head = [line.label for line in lines[:30]]
    for here, after in zip(head, [*head[1:], ""], strict=True):
        m = _TITLE_DEPT.match(here) or _TITLE_DEPT.match(here + after)
        if m and not _NUMBERING.search(m.group(1)) and not m.group(1).endswith(("上海市", "年")):
            return m.group(1), int(m.group(2))
    return "", _year(lines, [])


_EDITION_WORD = re.compile(r"预算单位|单位|部门")


def _edition(lines: tuple[Line, ...], blocks: list[Block]) -> Edition:
    """部门 or 单位 (what the cover says, else the first edition word of most table titles),
    预算 or 决算 (what most titles say)."""
    head = "".join(line.label for line in lines[:40])
    on_cover = [w for w in ("部门", "单位") if f"{w}预算" in head or f"{w}决算" in head]
    votes = Counter(m.group(0).removeprefix("预算") for b in blocks
                    if (m := _EDITION_WORD.search(label(b.title))))
    by_titles = votes.most_common(1)[0][0] if votes else "部门"
    who = on_cover[0] if len(on_cover) == 1 else by_titles
    kind = "决算" if sum("决算" in b.title for b in blocks) * 2 > len(blocks) else "预算"
    return one_of(EDITIONS, who + kind, "部门预算")  # 部门/单位 × 预算/决算: always one of them


def assemble(lines: tuple[Line, ...], file: str,
             profile_id: str | None = None) -> tuple[Disclosure, list[Finding]]:

    if not lines:
        raise InputError("文件中没有可读的文字", file=file)
    if profile_id:
        try:
            profile = load_profile(profile_id)
        except UnknownProfileError as exc:
            raise InputError(str(exc), file=file, field="profile") from None
    else:
        detected = detect_profile(lines)
        if detected is None:
            raise NoTablesError("未找到任何部门预算公开表（按标题识别），这似乎不是部门预算公开文件"
                                "；若表格另成一个文件发布，请把几个文件一起给出", file=file)
        profile = detected
    blocks = find_blocks(lines, profile)
    if not blocks:
        raise NoTablesError(f"未找到 {profile.name} 的任何表格（按标题识别）", file=file)
    findings: list[Finding] = []
    tables: list[Table] = []
    for block in blocks:
        reader = read_pairs if block.layout.layout == "pairs" else read_table
        table, found = reader(block, file, profile.unit)
        findings.extend(found)
        if any(t.id == table.id for t in tables):
            findings.append(Finding("parse.table-repeated", "warning", "parse",
                                    f"表“{table.title}”出现了不止一次，只保留第一次",
                                    Location(file=file, page=table.origin.page
                                             if table.origin else None, table=table.id)))
            continue
        tables.append(table)
    edition = _edition(lines, blocks)
    unread = tuple(unread_titles(lines, profile, blocks))
    for u in unread:
        maybe = "、".join(t.title for i in u.could_be if (t := profile.table(i)))
        findings.append(Finding(
            "parse.table-unrecognised", "warning", "parse",
            f"{u.where}的表“{u.title}”不是{profile.name}中的任何一张表，未读取"
            + (f"（标题与“{maybe}”相近）" if maybe else ""),
            Location(file=file, page=u.page)))
    for table_id in profile.required(edition):
        if table_id not in {x.id for x in tables}:
            layout = profile.table(table_id, edition)
            findings.append(Finding("parse.table-missing", "warning", "parse",
                                    f"未找到表“{layout.title if layout else table_id}”",
                                    Location(file=file, table=table_id)))
    used: set[int] = set()
    for b in blocks:
        used.update(range(b.start, b.end))
    outside = tuple(line for i, line in enumerate(lines) if i not in used)
    department = _department(lines, tables) or ""
    year = _year(lines, tables) or 0
    if not department:
        findings.append(Finding("parse.department-missing", "warning", "parse",
                                "未能识别编制部门", Location(file=file)))
    findings.extend(_unfilled(department, file))
    overview = read_overview(outside, department)
    tables = with_empty_notes(lines, tables)  # 注：…故本表为空表, under its table
    sections = read_narrative(outside, tables) + with_projects(outside)
    overall, projects = read_performance(outside, department, year)
    units = Counter(t.unit for t in tables)
    disclosure = Disclosure(
        department=label(department), year=year, profile=profile.id,
        unit=units.most_common(1)[0][0] if units else profile.unit, edition=edition,
        overview=overview, tables=tuple(tables), narrative=sections,
        overall_performance=overall, project_performance=projects,
        glossary=read_glossary(outside), published_on=_published_on(outside),
        source=Origin(file=file), unread_tables=unread, cover=read_cover(lines))
    return disclosure, findings
