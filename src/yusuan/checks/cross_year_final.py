"""What a 决算's narrative says about last year's 决算, read from its text for the cross-year
rules (``cross_year``): each “与2023年度相比，收入支出总计增加 X 万元，增长 Y%” as a ``Fact``
whose cell is the one last year's 决算 printed.

Where it sits: a budget's Part 3 facts carry their table cell (``parse.fact_refs``); the 决算
template's change clauses name their subject in words, sometimes away from its amount (“…“三公”
经费财政拨款支出决算数比2023年度减少 X 万元，…，其中：因公出国（境）费支出决算减少 …”), and a
决算 built from data carries no facts at all. So, like the other 决算 rules (``final_text``),
the subjects are read from the text: the subject named last before the change in its sentence,
with the year compared with in that sentence (the year before, else nothing is said of it).
This year's amount is the subject's table cell (else the amount the text states with it); last
year's is the previous document's same cell, else — for a subject no 决算 table prints, such as
机关运行经费 — the amount the previous document's own text states for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.checks.located import paragraphs, sentence_at
from yusuan.model.disclosure import Disclosure, Fact, Section, Sentence, Table
from yusuan.model.kinds import TableId
from yusuan.model.money import Unit, convert, printed_number

_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_PAREN = r"[（(]境[）)]"


@dataclass(frozen=True)
class Subject:
    """A whole a 决算 compares with last year: its name, how the text names it, its cell."""

    name: str
    pattern: str
    table: TableId | None = None
    row: str | None = None  # row key; None: the table's one data row
    column: str | None = None


SUBJECTS = (
    Subject("收入支出总计", r"(?<!财政拨款)收入[、和]?支出(?:决算)?总计", "summary", "income.total",
            "amount"),
    Subject("财政拨款收入支出总计", r"财政拨款收入[、和]?支出(?:决算)?总计", "appropriation",
            "income.total", "total"),
    Subject("一般公共预算财政拨款支出", r"一般公共预算财政拨款支出(?!年初)", "gpb", "total", "total"),
    Subject("“三公”经费", r"“三公”经费(?:财政拨款)?(?:支出)?", "three_public", None, "total"),
    Subject("因公出国（境）费", rf"因公出国{_PAREN}费", "three_public", None, "abroad"),
    Subject("公务用车购置及运行维护费", r"公务用车购置及运行维护费", "three_public", None,
            "vehicle"),
    Subject("公务接待费", r"公务接待费", "three_public", None, "reception"),
    Subject("机关运行经费", r"机关运行经费"),
)
_SUBJECT = re.compile("|".join(f"(?P<s{i}>{s.pattern})" for i, s in enumerate(SUBJECTS)))
_RATE = r"(?P<way{n}>增长|下降|增幅|降幅)为?(?P<rate{n}>\d+(?:\.\d+)?)%"
_CHANGE = re.compile(rf"(?P<sign>增加|减少){_NUM}万元(?:[，,]?{_RATE.format(n=1)})?"
                     rf"|{_RATE.format(n=2)}|持平")
_YEAR = re.compile(r"(?:比|与|较)(?:上年|(\d{4})年)|同比")
_NEAR = 40  # characters at most between a subject and its change (“…支出200.00万元，比2023年度”)
_AMOUNT = re.compile(rf"(?:支出|决算数?|为)*{_NUM}万元")


def _subject(match: re.Match[str]) -> Subject:
    return SUBJECTS[int(next(k for k, v in match.groupdict().items() if v is not None)[1:])]


def table_amount(d: Disclosure, subject: Subject) -> tuple[Decimal, Table] | None:
    """The subject's cell in ``d`` (None where ``d`` does not print it)."""
    table = d.table(subject.table) if subject.table else None
    if table is None or subject.column is None:
        return None
    row = table.row(key=subject.row) if subject.row else next(
        (r for r in table.rows if r.values), None)
    value = row.value(subject.column) if row is not None else None
    return None if value is None else (value, table)


def previous_amount(previous: Disclosure, name: str
                    ) -> tuple[Decimal, Unit, Table | None] | None:
    """What last year's 决算 printed for the subject called ``name``: its table cell (with
    the table), else the amount its text states (万元, no table); None when it says nothing."""
    subject = next(s for s in SUBJECTS if s.name == name)
    cell = table_amount(previous, subject)
    if cell is not None:
        return cell[0], cell[1].unit, cell[1]
    stated = stated_amount(previous, name)
    return None if stated is None else (stated, Unit.WAN, None)


def stated_amount(d: Disclosure, name: str) -> Decimal | None:
    """The first amount ``d``'s text states for the subject called ``name`` (万元)."""
    for _, _p, text in paragraphs(d):
        for m in _SUBJECT.finditer(text):
            said = _AMOUNT.match(text, m.end())
            if _subject(m).name == name and said:
                return printed_number(said.group(1))
    return None


def _current(d: Disclosure, subject: Subject, text: str, before: int) -> Decimal | None:
    cell = table_amount(d, subject)
    if cell is not None:
        return convert(cell[0], cell[1].unit, Unit.WAN)
    stated = [m for m in _SUBJECT.finditer(text, 0, before) if _subject(m) == subject]
    said = _AMOUNT.match(text, stated[-1].end()) if stated else None
    return printed_number(said.group(1)) if said else None


def _signed(value: str | None, negative: bool) -> Decimal | None:
    return None if value is None else printed_number(value) * (-1 if negative else 1)


def final_facts(d: Disclosure) -> Iterator[tuple[str, str, Fact]]:
    """(section number, the clause up to the change, fact): ``said_facts`` without where."""
    for section, _sentence, clause, fact in said_facts(d):
        yield section.number, clause, fact


def said_facts(d: Disclosure) -> Iterator[tuple[Section, Sentence | None, str, Fact]]:
    """(section, the sentence, the clause up to the change, fact) for every change on the year
    before a 决算's text states (the clause, not the reason after it, says what is compared):
    the subject's amount this year (万元), the change and rate as printed, and the cell it
    refers to (``ref_table`` None for a subject no table prints). A change is the subject's
    only when the subject is named shortly before it with no other change between (“机关运行经费
    …增加10.00万元，主要是办公费增加5.00万元” says nothing more of 机关运行经费)."""
    if d.kind != "final":
        return
    for section, paragraph, text in paragraphs(d):
        changes = list(_CHANGE.finditer(text))
        for i, m in enumerate(changes):
            start = text.rfind("。", 0, m.start()) + 1
            year = _YEAR.search(text, start, m.start())
            if year is None or (year.group(1) and int(year.group(1)) != d.year - 1):
                continue
            named = list(_SUBJECT.finditer(text, start, m.start()))
            if not named or m.start() - named[-1].end() > _NEAR or (
                    i and changes[i - 1].end() > named[-1].end()):
                continue
            subject = _subject(named[-1])
            amount = _current(d, subject, text, m.start())
            if amount is None:
                continue
            flat = m.group(0) == "持平"
            change = Decimal(0) if flat else _signed(m.group("sign") and m.group(2),
                                                     m.group("sign") == "减少")
            way = m.group("way1") or m.group("way2")
            rate = Decimal(0) if flat else _signed(m.group("rate1") or m.group("rate2"),
                                                   way in ("下降", "降幅"))
            yield section, sentence_at(paragraph, m.start()), text[start:m.end()], Fact(
                subject=subject.name, amount=amount, unit=Unit.WAN, change=change, rate=rate,
                ref_table=subject.table, ref_row=subject.row, ref_column=subject.column)
