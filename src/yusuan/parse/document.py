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
from yusuan.parse.blocks import detect_profile, find_blocks
from yusuan.parse.lines import Line
from yusuan.parse.tables import read_table
from yusuan.reference.profiles import UnknownProfileError, load_profile

_YEAR = re.compile(r"(20\d{2})\s*年")
_TITLE_DEPT = re.compile(r"^(.{2,40}?)\s*(20\d{2})\s*年度?\s*(部门|单位)?预算")


def _year(lines: tuple[Line, ...], tables: list[Table]) -> int | None:
    for t in tables:
        m = _YEAR.search(t.title)
        if m:
            return int(m.group(1))
    years = Counter(int(m.group(1)) for line in lines[:80] for m in _YEAR.finditer(line.label))
    return years.most_common(1)[0][0] if years else None


def _department(lines: tuple[Line, ...], tables: list[Table]) -> str | None:
    named = Counter(t.department for t in tables if t.department)
    if named:
        return named.most_common(1)[0][0]
    for line in lines[:30]:
        m = _TITLE_DEPT.match(line.label)
        if m and not m.group(1).endswith(("上海市", "年")):
            return m.group(1)
    return None


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


_NUMBERING = re.compile(r"^(第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|\d+[.、])")


def heading_facts(lines: tuple[Line, ...]) -> tuple[str, int | None]:
    """Department and year as a file without tables prints them: the title of its cover
    ("江苏省政协办公厅 2018 年度" over "部门预算公开" counts as one line), not a numbered
    heading ("第二部分 2018 年度部门预算表")."""
    head = [line.label for line in lines[:30]]
    for here, after in zip(head, [*head[1:], ""], strict=True):
        m = _TITLE_DEPT.match(here) or _TITLE_DEPT.match(here + after)
        if m and not _NUMBERING.match(m.group(1)) and not m.group(1).endswith(("上海市", "年")):
            return m.group(1), int(m.group(2))
    return "", _year(lines, [])


def _edition(lines: tuple[Line, ...]) -> str:
    head = "".join(line.label for line in lines[:40])
    return "单位预算" if "单位预算" in head and "部门预算" not in head else "部门预算"


def assemble(lines: tuple[Line, ...], file: str,
             profile_id: str | None = None) -> tuple[Disclosure, list[Finding]]:
    from yusuan.parse.glossary import read_glossary
    from yusuan.parse.narrative import read_narrative, with_empty_notes
    from yusuan.parse.part1 import read_overview
    from yusuan.parse.performance import read_performance

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
            raise NoTablesError("未找到任何部门预算公开表（按标题识别），这似乎不是部门预算公开文件",
                                file=file)
        profile = detected
    blocks = find_blocks(lines, profile)
    if not blocks:
        raise NoTablesError(f"未找到 {profile.name} 的任何表格（按标题识别）", file=file)
    findings: list[Finding] = []
    tables: list[Table] = []
    for block in blocks:
        table, found = read_table(block, file, profile.unit)
        findings.extend(found)
        if any(t.id == table.id for t in tables):
            findings.append(Finding("parse.table-repeated", "warning", "parse",
                                    f"表“{table.title}”出现了不止一次，只保留第一次",
                                    Location(file=file, page=table.origin.page
                                             if table.origin else None, table=table.id)))
            continue
        tables.append(table)
    missing = [t.title for t in profile.tables if t.id not in {x.id for x in tables}]
    for title in missing:
        findings.append(Finding("parse.table-missing", "warning", "parse",
                                f"未找到表“{title}”", Location(file=file)))
    used: set[int] = set()
    for b in blocks:
        used.update(range(b.start, b.end))
    outside = tuple(line for i, line in enumerate(lines) if i not in used)
    department = _department(lines, tables) or ""
    year = _year(lines, tables) or 0
    if not department:
        findings.append(Finding("parse.department-missing", "warning", "parse",
                                "未能识别编制部门", Location(file=file)))
    overview = read_overview(outside, department)
    tables = with_empty_notes(lines, tables)  # 注：…故本表为空表, under its table
    sections = read_narrative(outside, tables)
    overall, projects = read_performance(outside, department, year)
    units = Counter(t.unit for t in tables)
    disclosure = Disclosure(
        department=label(department), year=year, profile=profile.id,
        unit=units.most_common(1)[0][0] if units else profile.unit, edition=_edition(lines),
        overview=overview, tables=tuple(tables), narrative=sections,
        overall_performance=overall, project_performance=projects,
        glossary=read_glossary(outside), published_on=_published_on(outside),
        source=Origin(file=file))
    return disclosure, findings
