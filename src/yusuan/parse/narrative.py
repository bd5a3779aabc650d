"""Part 3 (预算情况说明) of a published document → sections of sentences with their facts.

Where it sits: ``document.assemble`` hands the lines no table claimed. Part 3 starts at its
heading (``第三部分…说明``, ``部门预算编制说明``, ``其他相关情况说明``) and runs to the glossary,
past the performance tables printed inside it (``paragraphs.py`` lays out its text).
Numbered headings (``一、关于…情况说明``) open sections; each gets the canonical key the
generator uses (``overview``, ``income`` … ``other``) from its title.
Every sentence's figures become ``Fact``s: amount, share (占), change (增加/减少, signed),
rate (增长/下降, signed) and — where the sentence names a table row — the table, code and
column it must equal, so the checker can hold the text against the tables.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from yusuan.model.disclosure import Fact, Section, Sentence, Table, label
from yusuan.model.kinds import SentenceKind
from yusuan.model.money import AmountError, Unit, convert, parse_amount
from yusuan.parse import fact_shapes as shapes
from yusuan.parse import paragraphs as layout
from yusuan.parse.fact_refs import INCOME_NAMES, cell_value, total_ref
from yusuan.parse.lines import Line
from yusuan.reference.numerals import strip_numbering

_START = re.compile(r"^(第[三四]部分.{0,20}([预决]算情况说明|预算公开说明)|.{0,12}(部门|单位)预算编制说明"
                    r"|其他相关情况说明)$")
_HEADING = re.compile(r"^([一二三四五六七八九十]+)、(.{2,60})$")
_AMOUNT = r"(-?\d[\d,]*(?:\.\d+)?)\s*(万元|元|万)"
_FIGURE = re.compile(_AMOUNT)
MAX_PLACES = 6  # a sentence may state more decimals than its table prints
MAX_PERCENT = Decimal(10) ** 9
_SHARE = re.compile(r"(?:占|比重)[^，。；0-9]{0,12}?(\d+(?:\.\d+)?)\s*%")
_LISTED = re.compile(r"^\s*[^\d，,。；比与较]{2,30}?\s*" + _AMOUNT + r"\s*$")
_FLAT = re.compile(r"持平|无变动|没有变化")
_LEVEL = re.compile(r"[（(](类|款|项)[)）]")

SECTION_KEYS: tuple[tuple[str, str], ...] = (
    ("三公", "three_public"), ("结转结余", "carryover"), ("政府性基金", "gov_fund"),
    ("国有资本经营", "state_capital"), ("财政拨款收支", "appropriation"),
    ("机关运行经费", "operating_cost"), ("政府采购", "procurement"),
    ("财政拨款基本支出", "appropriation_basic"), ("财政拨款支出", "appropriation_functional"),
    ("基本支出", "gpb_basic"), ("项目支出", "gpb_project"), ("一般公共预算", "gpb"),
    ("收支预算情况总体", "overview"), ("收支预算总体", "overview"), ("收支总体", "overview"),
    ("收支预算总表", "overview"),
    ("编制说明", "overview"), ("国有资产", "other"), ("绩效目标", "other"),
    ("收入预算", "income"), ("支出预算", "expenditure"), ("其他", "other"),
)
SECTION_TABLE = {"overview": "summary", "income": "summary", "expenditure": "expenditure"}
# (section key, subject ending, table, row key, column): the figures a section states about
# whole tables, as the generator (narrative/) words them.
SUBJECTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("overview", "收支总预算", "summary", "income.total", "amount"),
    ("income", "收入预算", "summary", "income.total", "amount"),
    ("income", "一般公共预算", "summary", "income.gpb", "amount"),
    ("income", "政府性基金预算", "summary", "income.gov_fund", "amount"),
    ("income", "国有资本经营预算", "summary", "income.state_capital", "amount"),
    ("expenditure", "支出预算", "expenditure", "total", "total"),
    ("expenditure", "基本支出", "expenditure", "total", "basic"),
    ("expenditure", "项目支出", "expenditure", "total", "project"),
    ("appropriation", "财政拨款收支总预算", "appropriation", "income.total", "total"),
    ("appropriation", "一般公共预算拨款", "appropriation", "income.gpb", "total"),
    ("gpb", "一般公共预算拨款合计", "gpb", "total", "total"),
    ("gpb", "基本支出", "gpb", "total", "basic"),
    ("gpb", "项目支出", "gpb", "total", "project"),
    ("gpb_basic", "一般公共预算基本支出", "gpb_basic", "total", "total"),
    ("gpb_basic", "人员经费", "gpb_basic", "total", "personnel"),
    ("gpb_basic", "公用经费", "gpb_basic", "total", "public_funds"),
    ("appropriation_basic", "人员经费", "appropriation_basic", "total", "personnel"),
    ("appropriation_basic", "公用经费", "appropriation_basic", "total", "public_funds"),
)
CLASS_COLUMN = {"appropriation": "gpb", "overview": "amount", "income": "amount"}


def section_key(title: str) -> str | None:
    t = label(title)
    return next((key for word, key in SECTION_KEYS if word in t), None)


def _amount(number: str, unit: str) -> tuple[Decimal, Unit]:
    """A figure stated in a sentence; ``AmountError`` when it is out of range."""
    u = Unit.YUAN if unit == "元" else Unit.WAN
    value = parse_amount(number.replace(",", ""), max_places=MAX_PLACES, unit=u)
    return (Decimal(0) if value is None else value), u


def _percent(number: str) -> Decimal:
    value = parse_amount(number, max_places=MAX_PLACES, limit=MAX_PERCENT)
    return Decimal(0) if value is None else value


def _row_by_name(table: Table | None, name: str) -> str | None:
    if table is None:
        return None
    wanted = label(name).strip("“”\"")
    for r in table.rows:
        if r.code and label(r.name) == wanted:
            return r.code
    return None


def _class_code(table: Table | None, name: str) -> str | None:
    """The code of the one 类 row of ``table`` printed as ``name``."""
    if table is None:
        return None
    codes = {r.code for r in table.rows if r.code and len(r.code) == 3
             and _same(label(r.name), name)}
    return codes.pop() if len(codes) == 1 else None


LEVEL_LENGTH = {"类": 3, "款": 5, "项": 7}


_PATH_TABLES = ("gpb", "appropriation_functional", "expenditure", "income")
# sections about the whole budget name 类 of all funds (江苏 说明一: 公共安全（类）支出 13656.34
# includes 15 万元 of 其他资金 the 一般公共预算 table does not hold)
_WHOLE_PATH_TABLES = ("expenditure", "income", "gpb", "appropriation_functional")


def _path_code(tables: dict[str, Table], named: list[tuple[str, str]],
               key: str | None = None) -> tuple[str | None, str | None]:
    """The code of stated ``名称（类/款/项）`` pairs in the functional tables, and that table.

    说明一 (``overview``) names a 类 of the whole budget: where the 收支总表 prints that 类 (by
    name, as 上海 and 江苏 do), the fact refers to its row there."""
    if key == "overview" and len(named) == 1 and named[0][1] == "类" and \
            _summary_has_class(tables.get("summary"), named[0][0]):
        code, _table = _path_code(tables, named)
        if code is not None:
            return code, "summary"
    # a 类 of 说明一 is the whole budget's; an item (款/项) listed there, as 上海's 编制说明 lists
    # the 财政拨款 items, is the 一般公共预算 table's first
    whole = key in ("overview", "expenditure") and named[-1][1] == "类"
    order = _WHOLE_PATH_TABLES if whole else _PATH_TABLES
    for tid in order:
        table = tables.get(tid)
        if table is None:
            continue
        leaf, level = named[-1]
        candidates = [r for r in table.rows if r.code is not None
                      and len(r.code) == LEVEL_LENGTH[level] and _same(label(r.name), leaf)]
        for r in candidates:
            code = r.code or ""
            ancestors = [(next((a for a in table.rows if a.code == code[:LEVEL_LENGTH[lv]]),
                               None), name) for name, lv in named[:-1]]
            if all(a is not None and _same(label(a.name), n) for a, n in ancestors):
                return code, tid
        if len({r.code for r in candidates}) == 1:
            return candidates[0].code, tid
    return None, None


def _summary_has_class(summary: Table | None, name: str) -> bool:
    return summary is not None and any(
        r.section == "expenditure" and _same(strip_numbering(label(r.name)), name)
        for r in summary.rows)


def _same(printed: str, stated: str) -> bool:
    """A 类/款 name as the sentence states it (``公共安全`` for ``公共安全支出``)."""
    return printed == stated or printed.removesuffix("支出") == stated.removesuffix("支出")


def facts(text: str, key: str | None, tables: dict[str, Table],
          project: str | None = None) -> tuple[Fact, ...]:
    """The figures one sentence states, with the table cell each refers to where known.

    A sentence is split into clauses at ``其中：`` and, where each part states its own
    figure, at ``、`` (``人员经费 X 万元、公用经费 Y 万元``) or at ``，`` where every part is
    only a name and its amount; each clause gives one fact.
    """
    if key == "overview":
        listed_names = _list_facts(text, tables)
        if listed_names is not None:
            return listed_names
    out: list[Fact] = []
    for clause in re.split(r"[，,]?其中[:：,，]", text):
        parts = clause.split("、")
        listed = re.split(r"[，,](?!\d{3})", clause.rstrip("。；;"))
        if len(listed) > 1 and all(_LISTED.match(p) for p in listed):
            parts = listed  # 因公出国（境）费0.00万元，公务用车购置费0.00万元，…
        if len(parts) > 1 and all(_FIGURE.search(p) for p in parts):
            for part in parts:
                out.extend(_clause_facts(part, key, tables, project))
        else:
            out.extend(_clause_facts(clause, key, tables, project))
    return tuple(out)


def _clause_facts(text: str, key: str | None, tables: dict[str, Table],
                  project: str | None = None) -> tuple[Fact, ...]:
    """The fact one clause states; none when a figure in it is no usable amount (out of
    range: ``money.parse_amount``), which is then compared with nothing."""
    try:
        return _clause(text, key, tables, project)
    except AmountError:
        return ()


def _clause(text: str, key: str | None, tables: dict[str, Table],
            project: str | None = None) -> tuple[Fact, ...]:
    figures = list(_FIGURE.finditer(text))
    changes = {m.start(2): m for m in shapes.CHANGE.finditer(text)}
    base = shapes.aside_prior(text)  # last year's figure in brackets: the base, not a figure
    stated = [m for m in figures if m.start(1) not in {*changes, base and base.start(1)}]
    c = next(iter(changes.values()), None)
    if not stated:
        return () if c is None else _change_only(text, c, key, tables)
    versus = shapes.comparison(text)
    m = stated[0]
    if versus is not None and versus.current is not None:
        # 上海: "2022年…执行数为A万元，2023年预算安排B万元": this year's figure is B
        m = next((x for x in reversed(stated) if (x.group(1), x.group(2)) == versus.current), m)
    amount, unit = _amount(m.group(1), m.group(2))
    change = None
    if c is not None:  # in the unit of this year's figure (上海 mixes 元 and 万元)
        change = shapes.signed(convert(*_amount(c.group(2), c.group(3)), unit), c.group(1))
    elif _FLAT.search(text):
        change = Decimal(0)
    rate = shapes.rate(text)
    s = _SHARE.search(text)
    share = _percent(s.group(1)) if s else None
    before = text[:m.start()]
    if versus is not None and versus.current is not None:
        before = re.split(r"[，,；;]", before)[-1]  # the clause naming this year's figure
    subject, ref = _reference(before, key, tables, project)
    ref_table, ref_code, ref_row, ref_column = ref
    prior = None
    if versus is not None and versus.prior is not None:
        prior = convert(*_amount(*versus.prior), unit)
    fact = Fact(subject=subject or label(text[:m.start()])[-20:], amount=amount, unit=unit,
                share=share, change=change, rate=rate, ref_table=ref_table, ref_code=ref_code,
                ref_row=ref_row, ref_column=ref_column,
                base_year=versus.base_year if versus else None,
                basis=versus.basis if versus else None, prior=prior)
    return (fact,)


Ref = tuple[str | None, str | None, str | None, str | None]


def _reference(before: str, key: str | None, tables: dict[str, Table],
               project: str | None) -> tuple[str, Ref]:
    """The subject named before a clause's figure and the (table, code, row, column) it
    refers to, where known."""
    head = re.sub(r"^[-•\s]*(\d+[、.．]|[（(][一二三四五六七八九十]+[)）])", "", before)
    ref_table = ref_code = ref_row = ref_column = None
    parts = _LEVEL.split(head)
    if len(parts) >= 3:
        names = [label(p).strip("“”\"") for p in parts[0:-1:2]]
        named = list(zip(names, parts[1::2], strict=False))
        ref_code, ref_table = _path_code(tables, named, key)
        subject, ref_column = names[-1], "amount" if ref_table == "summary" else "total"
    else:
        pieces = [p for p in re.split(r"[:：]", label(head)) if p.strip("，,“”为是")]
        subject = pieces[-1].strip("，,“”为是") if pieces else ""
        table_id = SECTION_TABLE.get(key or "", key) or ""
        code = _row_by_name(tables.get(table_id), subject)
        if code:
            ref_table, ref_code = table_id, code
            ref_column = CLASS_COLUMN.get(key or "", "total")
        elif key in ("overview", "expenditure") and subject.endswith("支出"):
            # a 类 of the whole expenditure named without （类） (江苏: 社会保障和就业支出…)
            code = _class_code(tables.get("expenditure"), subject)
            if code:
                ref_table, ref_code, ref_column = "expenditure", code, "total"
        for sec, ending, table, row, column in SUBJECTS:
            if sec == key and subject.endswith(ending) and table in tables:
                ref_table, ref_row, ref_column = table, row, column
                break
        if ref_table is None and key not in ("gpb_project", "procurement"):
            cell = total_ref(subject, key, tables)
            if cell is not None:
                ref_table, ref_row, ref_column = cell
    if project and subject.endswith(("预算安排规模", "预算安排", "年度预算")):
        projects = tables.get("gpb_project")
        match = next((r for r in projects.rows if r.project and label(r.project) == label(project)),
                     None) if projects else None
        subject = label(project)
        if match is not None:
            ref_table, ref_code, ref_row, ref_column = "gpb_project", match.code, None, "total"
    return subject, (ref_table, ref_code, ref_row, ref_column)


def _change_only(text: str, c: re.Match[str], key: str | None,
                 tables: dict[str, Table]) -> tuple[Fact, ...]:
    """A clause stating only the change of a named cell (``公务接待费增加 0.00 万元，增长
    0.00%``): the fact refers to that cell and takes its amount from it, so the checker can
    hold the stated rate against the change and the current-year amount. Nothing is stated
    to compare, so the amount itself can never disagree."""
    before = re.split(r"比上年|较上年|与上年", text[:c.start()])[0]
    subject, (table, code, row, column) = _reference(before, key, tables, None)
    amount = None if table is None or column is None else cell_value(
        tables, table, row, code, column)
    if amount is None or table is None:
        return ()
    change, unit = _amount(c.group(2), c.group(3))
    versus = shapes.comparison(text)
    amount = convert(amount, tables[table].unit, unit)  # the cell's, in the clause's unit
    return (Fact(subject=subject, amount=amount, unit=unit,
                 change=shapes.signed(change, c.group(1)), rate=shapes.rate(text),
                 ref_table=table, ref_code=code, ref_row=row, ref_column=column,
                 base_year=versus.base_year if versus else None,
                 basis=versus.basis if versus else None),)


_NAME_LIST = re.compile(r"^.{0,40}?(收入|支出)预算包括[:：](.+?)[。；]?$")


def _list_facts(text: str, tables: dict[str, Table]) -> tuple[Fact, ...] | None:
    """说明一's ``收入预算包括：…`` / ``支出预算包括：…`` (names, no figures): one fact per
    name that is a row of the 收支总表, its amount from that row (None: not such a list)."""
    m = _NAME_LIST.match(label(text))
    summary = tables.get("summary")
    if m is None or summary is None or _FIGURE.search(text):
        return None
    out: list[Fact] = []
    for name in re.split(r"[、，,]", m.group(2)):
        row = INCOME_NAMES.get(name) if m.group(1) == "收入" else None
        code = None if m.group(1) == "收入" else _row_by_name(summary, name)
        if row is None and code is None:
            continue
        amount = cell_value(tables, "summary", row, code, "amount")
        if amount is not None:
            out.append(Fact(subject=name, amount=amount, unit=summary.unit, ref_table="summary",
                            ref_code=code, ref_row=row, ref_column="amount"))
    return tuple(out)


_EMPTY_NOTE = re.compile(r"(本表|此表|该表)(为|是)?空表|空表说明|(本表|此表)无(数据|数字)")


# what an empty-table note is about, when it says so (“无政府性基金预算财政拨款…故本表为空表”):
# that table, wherever the note is printed (a sheet of a workbook has no page)
_NOTE_TOPICS = (("政府性基金", "gov_fund"), ("国有资本经营", "state_capital"),
                ("三公", "three_public"), ("结转结余", "carryover"))


def with_empty_notes(lines: tuple[Line, ...], tables: list[Table]) -> list[Table]:
    """Tables with the note printed under them saying they are empty (``注：本部门2025年无政府
    性基金预算财政拨款安排的预算，故本表为空表``): the note belongs to the last table that
    starts before it on its page (or, in text, before its line), so the checker can hold a
    table that prints amounts against its note."""
    out = list(tables)
    for line in lines:
        if not _EMPTY_NOTE.search(line.label):
            continue
        topic = next((tid for word, tid in _NOTE_TOPICS if word in line.label), None)
        named = [i for i, t in enumerate(out) if t.id == topic]
        before = named or [i for i, t in enumerate(out) if t.origin is not None and (
            t.origin.page == line.page if line.page is not None
            else line.line is not None and t.origin.line is not None and t.origin.line < line.line)]
        if before and out[before[-1]].empty_statement is None:
            i = before[-1]
            out[i] = dataclasses.replace(out[i], empty_statement=line.text.strip())
    return out


def read_narrative(lines: tuple[Line, ...], tables: list[Table]) -> tuple[Section, ...]:
    """The Part 3 sections found in ``lines`` (empty when there is no Part 3)."""
    lines = layout.without_running_heads(lines)
    start = layout.part3_start(lines, _START)
    if start is None:
        return ()
    part = layout.part3_lines(lines, start)
    by_id: dict[str, Table] = {t.id: t for t in tables}
    sections: list[Section] = []
    number, title, key = "", label(lines[start].text), section_key(lines[start].text)
    paragraphs: list[tuple[Sentence, ...]] = []
    project: str | None = None

    def close() -> None:
        if paragraphs or title:
            sections.append(Section(number=number, title=title, paragraphs=tuple(paragraphs),
                                    key=key))

    for text, is_heading, starts in layout.placed_paragraphs(part):
        m = _HEADING.match(label(text)) if is_heading else None
        if m or _START.match(label(text)):
            close()
            number, title = (m.group(1), m.group(2)) if m else ("", label(text))
            key, paragraphs, project = section_key(title), [], None
            continue
        kind: SentenceKind = "heading" if re.match(r"^[（(][一二三四五六七八九十]+[)）]", text) else "text"
        named = re.search(r"项目名称[:：]\s*(.+)$", text)
        if named:
            project = named.group(1).strip()
        sentences = shapes.carry_comparisons(tuple(
            Sentence(text=s, facts=facts(s, key, by_id, project), kind=kind,
                     origin=layout.place(starts, at, at + len(s)))
            for s, at in layout.sentence_spans(text)))
        if sentences:
            paragraphs.append(sentences)
    close()
    return tuple(s for s in sections if s.paragraphs or s.number)
