"""``yusuan build WORKBOOK.xlsx``: the 上海 budget workbook (部门 or 单位 edition) as a source.

The workbook of the budget system holds the cover, 主要职能, 机构设置, 名词解释, the 编制说明,
其他相关情况说明 and 项目经费情况说明 as text sheets, and the nine tables in 元. The tables are
read as a published XLSX is (``parse.xlsx``); the text sheets give Part 1 and the glossary; the
narrative is written from the figures (``shanghai-9`` wording), except where the officer has
written a text sheet: that text wins. Placeholders the template leaves (XX, x,xxx, ……,
（说明…）) are errors naming the sheet: fill the text in, or clear it to have it written from the
figures.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

from yusuan.checks.text_quality import PLACEHOLDER
from yusuan.compose.assemble import disclosure_from_budget
from yusuan.model.budget import Budget
from yusuan.model.disclosure import (
    Disclosure,
    GlossaryTerm,
    Origin,
    Overview,
    Section,
    Sentence,
)
from yusuan.model.errors import InputError
from yusuan.model.kinds import Edition
from yusuan.model.money import Unit
from yusuan.parse.dispatch import parse_file
from yusuan.parse.lines import column_name
from yusuan.reference.numerals import numbering, strip_numbering

PROFILE = "shanghai-9"
# what the template writes where the officer is to write (beyond XX / 待填写 …)
TEMPLATE_MARKS = re.compile(r"x,xxx|[Xx]家|……|…。|（(说明|列举|若无|无政府采购预算的部门)[^）]*）?"
                            r"|^\s*\d+[.．]\s*$", re.MULTILINE)
_ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]\s*(.+?)[：:](.+)$")
_HEADING = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
# sheet → its part, by the words of its title (部门/单位 editions alike)
SHEETS = (("封面", "cover"), ("职能", "functions"), ("机构设置", "organisation"),
          ("名词解释", "glossary"), ("编制说明", "notes"), ("其他相关情况说明", "other"),
          ("项目经费情况说明", "projects"))


def _paragraphs(ws: object) -> list[tuple[str, str]]:
    """Each text line of the sheet with the cell it is in (``B3``), for messages."""
    lines: list[tuple[str, str]] = []
    for r, row in enumerate(ws.iter_rows(min_row=1, min_col=1,  # type: ignore[attr-defined]
                                         values_only=True), 1):
        for c, value in enumerate(row, 1):
            if isinstance(value, str):
                cell = f"{column_name(c - 1)}{r}"
                lines += [(cell, x.strip()) for x in value.splitlines() if x.strip()]
    return lines


def text_sheets(path: Path) -> dict[str, list[str]]:
    """The text of each known sheet, as paragraphs; a placeholder is an ``InputError``."""
    import openpyxl  # here, not above: a build from a source folder does not load it

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(f"无法读取工作簿：{exc}", file=str(path)) from None
    out: dict[str, list[str]] = {}
    for ws in wb.worksheets:
        part = next((p for word, p in SHEETS if word in ws.title), None)
        if part is None:
            continue
        located = _paragraphs(ws)
        for cell, line in located:
            m = PLACEHOLDER.search(line) or TEMPLATE_MARKS.search(line)
            if m:
                hint = ("请填写，或清空该表由 yusuan 按表中数字生成"
                        if part in ("notes", "other", "projects") else "请填写")
                raise InputError(f"工作表“{ws.title.strip()}”留有模板占位符“{m.group(0).strip()}”"
                                 f"（{cell} 单元格）：……{line[:40]}……；{hint}",
                                 file=str(path), field=ws.title.strip())
        out[part] = [line for _, line in located]
    wb.close()
    return out


def _body(lines: list[str]) -> list[str]:
    """The paragraphs under the sheet's heading line (``XX主要职能``, ``名词解释``)."""
    return lines[1:] if len(lines) > 1 else []


def _overview(text: dict[str, list[str]]) -> Overview:
    """Part 1 from the 职能 and 机构设置 sheets. The 职能 sheet as the template words it
    (``XX是…。`` ``主要职能包括：`` ``1.…`` ``2.…``): what comes before the first numbered line
    introduces the list, each numbered line (its number taken off: the frame numbers them) is a
    function, a line after it without a number runs on; a sheet numbering nothing lists one
    function a line."""
    lines = _body(text.get("functions", []))
    intro: list[str] = []
    functions: list[str] = []
    if any(numbering(line) for line in lines):
        for line in lines:
            if numbering(line):
                functions.append(strip_numbering(line).strip())
            elif functions:
                functions[-1] += line
            else:
                intro.append(line)
    else:
        functions = lines
    return Overview(functions=tuple(functions), functions_intro=tuple(intro),
                    organisation=tuple(_body(text.get("organisation", []))))


def _glossary(lines: list[str]) -> tuple[GlossaryTerm, ...]:
    terms = []
    for line in _body(lines):
        m = _ITEM.match(line)
        if m:
            terms.append(GlossaryTerm(m.group(2).strip(), m.group(3).strip()))
        elif terms:  # a definition running on to the next line
            terms[-1] = GlossaryTerm(terms[-1].term, terms[-1].definition + line)
    return tuple(terms)


def _sections(lines: list[str], numbered: bool) -> list[Section]:
    """The officer's text as sections: one unnumbered (编制说明, 项目经费情况说明), or split
    at ``一、…`` headings (其他相关情况说明)."""
    if not numbered:
        return [Section(number="", title=lines[0], paragraphs=tuple(
            (Sentence(x),) for x in lines[1:]))]
    out: list[Section] = []
    for line in lines[1:]:
        m = _HEADING.match(line)
        if m:
            out.append(Section(number=m.group(1), title=m.group(2)))
        elif out:
            out[-1] = replace(out[-1], paragraphs=(*out[-1].paragraphs, (Sentence(line),)))
    return out


def _parts(sections: tuple[Section, ...]) -> dict[str, list[Section]]:
    """The sections by the workbook sheet they belong to: the 编制说明, the 其他相关情况说明
    (its unnumbered heading and the numbered sections after it), the 项目经费情况说明."""
    parts: dict[str, list[Section]] = {"notes": [], "other": [], "projects": []}
    current = "notes"
    for s in sections:
        current = {"overview": "notes", "other": "other", "projects": "projects"}.get(
            s.key or "", current)
        parts[current].append(s)
    return parts


def _narrative(generated: tuple[Section, ...], text: dict[str, list[str]]
               ) -> tuple[Section, ...]:
    """The generated sections, each part the officer wrote replaced by that text."""
    parts = _parts(generated)
    for part, numbered in (("notes", False), ("other", True), ("projects", False)):
        lines = text.get(part, [])
        if len(lines) > 1:
            head = [s for s in parts[part] if s.key == "other"] if part == "other" else []
            parts[part] = head + _sections(lines, numbered)
    return tuple(s for p in ("notes", "other", "projects") for s in parts[p])


def disclosure_from_workbook(path: Path) -> Disclosure:
    """The whole document from a filled 上海 budget workbook."""
    budget, text = workbook_budget(path)
    return with_officer_text(disclosure_from_budget(budget), text)


def with_officer_text(d: Disclosure, text: dict[str, list[str]]) -> Disclosure:
    """``d`` with each part of the narrative the officer wrote in the workbook (``text``,
    from ``workbook_budget``) in place of the generated one."""
    return replace(d, narrative=_narrative(d.narrative, text)) if text else d


def workbook_budget(path: Path) -> tuple[Budget, dict[str, list[str]]]:
    """The budget a filled 上海 workbook holds, and the text of its text sheets."""
    text = text_sheets(path)
    parsed, findings = parse_file(path, PROFILE)
    words = [f for f in findings if f.rule_id == "parse.amount-not-a-number"]
    if words:  # a word typed where an amount goes: the table would silently lose the figure
        more = f"（另有 {len(words) - 1} 处同样的问题）" if len(words) > 1 else ""
        raise InputError(words[0].message.replace("，按空白处理", "：应填金额（元），没有的请留空")
                         + more, file=str(path), field="预算表")
    if not any(t.rows for t in parsed.tables):
        raise InputError("工作簿的预算表中没有任何金额：请先填写各表", file=str(path))
    cover = " ".join(text.get("cover", []))
    m = re.search(r"预算(主管部门|单位)[：:]\s*(\S+)", cover)
    department = m.group(2) if m else parsed.department
    if not department:
        raise InputError("封面没有写明预算主管部门（预算主管部门：……）", file=str(path), field="封面")
    edition: Edition = "单位预算" if "单位" in (m.group(1) if m else "") or parsed.edition == "单位预算" \
        else "部门预算"
    budget = Budget(
        department=department, year=parsed.year, profile=PROFILE, unit=Unit.YUAN,
        edition=edition,
        overview=_overview(text),
        tables=tuple(replace(t, department=department) for t in parsed.tables),
        glossary=_glossary(text.get("glossary", [])), source=Origin(file=str(path)),
    )
    return budget, text


# the text sheets written back, by part: (sheet title of the 部门 edition, of the 单位 edition)
WRITE_BACK = (("notes", "部门编制说明", "单位编制说明"), ("other", "其他相关情况说明", "其他相关情况说明"),
              ("projects", "项目经费情况说明", "项目经费情况说明"))


def _section_lines(sections: list[Section], numbered: bool) -> list[str]:
    lines: list[str] = []
    for s in sections:
        if numbered and s.number:
            lines.append(f"{s.number}、{s.title}")
        lines += ["".join(x.text for x in p) for p in s.paragraphs]
    return lines


def filled_workbook(path: Path, d: Disclosure) -> bytes:
    """The workbook with its 编制说明, 其他相关情况说明 and 项目经费情况说明 completed where they
    were left empty (what the officer wrote stays), to upload to the budget system."""
    import openpyxl  # here, not above: a build from a source folder does not load it

    wb = openpyxl.load_workbook(path)
    parts = _parts(d.narrative)
    for part, dept_title, unit_title in WRITE_BACK:
        title = unit_title if d.edition == "单位预算" else dept_title
        ws = next((w for w in wb.worksheets if w.title.strip() == title), None)
        if ws is None:
            ws = wb.create_sheet(title)
        texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)
                 and c.value.strip()]
        if len(texts) > 1:  # written by the officer
            continue
        sections = [x for x in parts[part] if x.paragraphs]
        if not texts:
            ws.cell(row=1, column=1, value=parts[part][0].title if parts[part] else title)
        body = _section_lines(sections, numbered=part == "other")
        ws.cell(row=texts[0].row + 1 if texts else 2, column=1,
                value="\n".join(f"    {line}" for line in body))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


TEXT_SHEET_WORDS = ("封面", "职能", "机构设置", "名词解释", "编制说明")


def is_workbook(path: Path) -> bool:
    """Whether an XLSX file is a budget workbook (its text sheets: 封面, 职能, 编制说明 …)
    rather than a published disclosure: read from the sheet names alone, without loading it."""
    try:
        with zipfile.ZipFile(path) as z:
            listing = z.read("xl/workbook.xml").decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return False
    names = re.findall(r'<sheet [^>]*name="([^"]*)"', listing)
    return sum(any(w in n for n in names) for w in TEXT_SHEET_WORDS) >= 2
