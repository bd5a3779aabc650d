"""The drafting forms read into ``Edits``, and what a form shows.

A form sends single fields — ``reason:KEY``, ``prior:KEY`` (an amount in the budget's unit;
blank: no comparison), ``functions``, ``organisation``, ``project:NAME:FIELD``, ``text:PART`` —
and lists of rows: each list is declared by a hidden ``rows`` field holding its key, and each
of its columns is sent once a row as ``row:KEY:FIELD``, in the order the rows stand, so a
browser without JavaScript sends the same thing as one with it. The lists are Part 1's
paragraphs (``tasks``, ``basis``, ``functions_intro``, ``internal_divisions``), a project's
绩效目标 paragraphs (``targets/NAME``) and its performance-target rows (``indicators/NAME``).

Every text is refused, with the field named, when it is too long or still holds a template's
placeholder (XX, x,xxx, 待填写, ……) — the same test as the budget workbook's text sheets — and
an amount that is not one is refused with the item named; all the form's errors come back
together (``FormErrors``: field → message), so each is shown beside its field and nothing
typed is lost. A ``row`` button (``add:KEY`` or ``remove:N:KEY``) only redraws the form with
one row more or less (``apply_row``), saving nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from starlette.datastructures import FormData

from yusuan.checks.text_quality import PLACEHOLDER
from yusuan.compose.draft import Base, Edits
from yusuan.compose.draft_fields import (
    COUNT_FIELDS,
    FACT_AMOUNTS,
    FACT_COUNTS,
    INDICATOR_FIELDS,
    PART1_FIELDS,
    PROJECT_FIELDS,
    WORD_FIELDS,
)
from yusuan.compose.workbook import TEMPLATE_MARKS
from yusuan.derive.source import UNIT_TYPES
from yusuan.model.budget import Budget
from yusuan.model.disclosure import GlossaryTerm, Indicator
from yusuan.model.errors import InputError
from yusuan.model.money import AmountError, parse_amount
from yusuan.narrative.glossary import glossary
from yusuan.reference.numerals import strip_numbering

# the single fields' kinds: ``KIND:KEY``
FIELD_KINDS = ("reason", "prior", "project", "text", "count", "overall", "amount", "word")
COUNTS = {**COUNT_FIELDS, **FACT_COUNTS}
SINGLE = {"functions": "主要职能", "organisation": "机构设置", "other_matters": "其他需说明的事项"}
MAX_FIELD = 4000
MAX_ROWS = 200  # rows of one list
PRIOR_PLACES = 6  # last year's figure converted from 元 to 万元 keeps its exact digits
OVERALL_FIELDS = ("level1", "level2", "level3", "value", "basis", "weight")


class FormErrors(InputError):
    """Every bad field of a form: ``errors`` maps the field's name (a row's column:
    ``row:KEY:FIELD:N``) to its message; the message is all of them."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("；".join(errors.values()))
        self.errors = dict(errors)


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    wide: bool = True  # a textarea (else a one-line input)
    choices: tuple[tuple[str, str], ...] = ()  # a choice among these: (value, label)


@dataclass(frozen=True)
class RowList:
    """One list of the form: its ``key`` (``tasks``, ``indicators/NAME``), what it is, its
    columns and rows (each a column → text), the row just added (focused when drawn)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, str], ...]
    noun: str = "段"  # 添加一段 / 添加一行
    item: str = ""  # what a row is where the measure word alone does not say it (一个单位)
    added: int | None = None  # 1-based

    def blank(self) -> dict[str, str]:
        return {c.field: "" for c in self.columns}


PARAGRAPH = (Column("text", "内容"),)
INDICATORS = tuple(Column(k, v, wide=False) for k, v in INDICATOR_FIELDS.items())
OVERALL = tuple(c for c in INDICATORS if c.field in OVERALL_FIELDS)  # 部门整体绩效目标表
GLOSSARY = (Column("term", "名词", wide=False), Column("definition", "解释"))
UNITS = (Column("name", "单位名称", wide=False),
         Column("type", "单位类型", wide=False, choices=(("", "（未注明）"), *(
             (t, t) for t in dict.fromkeys(UNIT_TYPES.values())))))
PURPOSE_TABLES = ("gpb", "expenditure")  # the rows whose 主要用于 the narrative says
MAX_COUNT = 10**7


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def row_lists(base: Base, edits: Edits) -> dict[str, RowList]:
    """The form's lists as ``edits`` has them (or else the source), by key."""
    o = base.budget.overview
    out = [RowList(k, label, PARAGRAPH,
                   tuple({"text": x} for x in edits.overview.get(k, getattr(o, k))))
           for k, label in PART1_FIELDS.items()]
    for p in base.budget.projects:
        text = edits.projects.get(p.name, {}).get("targets", p.targets)
        out.append(RowList(f"targets/{p.name}", PROJECT_FIELDS["targets"], PARAGRAPH,
                           tuple({"text": x} for x in text.split("\n") if x.strip())))
    for pp in base.budget.project_performance:
        rows = edits.indicators.get(pp.project, pp.indicators)
        out.append(RowList(f"indicators/{pp.project}", "绩效指标", INDICATORS,
                           _indicator_rows(rows), noun="行"))
    for n, op in enumerate(base.budget.overall_performance, 1):
        out.append(RowList(f"overall/{n}", "绩效指标", OVERALL,
                           _indicator_rows(edits.overall_indicators.get(n, op.indicators)),
                           noun="行"))
    b = base.budget
    terms = edits.glossary if edits.glossary is not None else glossary(b.glossary, b.is_final)
    out.append(RowList("glossary", "名词解释", GLOSSARY,
                       tuple({"term": g.term, "definition": g.definition} for g in terms),
                       noun="条"))
    purposes = edits.purposes if edits.purposes is not None else b.purposes
    codes = _codes(b, purposes)
    out.append(RowList("purposes", "支出主要用于", (
        Column("code", "科目", wide=False, choices=tuple(codes.items())),
        Column("purpose", "主要用于")), tuple({"code": k, "purpose": v}
                                            for k, v in purposes.items()), noun="项"))
    units = edits.units if edits.units is not None else tuple(
        (u, b.unit_types.get(u, "")) for u in b.overview.units)
    out.append(RowList("units", "纳入编制范围的预算单位", UNITS,
                       tuple({"name": n, "type": t} for n, t in units), noun="个",
                       item="单位"))
    return {x.key: x for x in out}


def _codes(b: Budget, given: Mapping[str, str]) -> dict[str, str]:
    """The codes a purpose can be written for: each classification row of the expenditure
    tables (``2010101 行政运行``), and any the source gives already."""
    out = {"": "（请选择）"}
    for t in b.tables:
        if t.id in PURPOSE_TABLES:
            out.update({r.code: f"{r.code} {strip_numbering(r.name).strip()}" for r in t.rows
                        if r.code and r.code.isdigit() and r.project is None})
    out.update({k: k for k in given if k not in out})
    return out


def _indicator_rows(rows: tuple[Indicator, ...]) -> tuple[dict[str, str], ...]:
    return tuple({k: _shown(getattr(i, k)) for k in INDICATOR_FIELDS} for i in rows)


def posted_rows(form: FormData, lists: Mapping[str, RowList]) -> dict[str, RowList]:
    """``lists`` with the rows the form sends for those it declares (typed, not yet saved)."""
    out = dict(lists)
    for key in form.getlist("rows"):
        known = lists.get(str(key))
        if known is None:
            continue
        columns = {c.field: [str(v) for v in form.getlist(f"row:{key}:{c.field}")][:MAX_ROWS]
                   for c in known.columns}
        n = max((len(v) for v in columns.values()), default=0)
        out[known.key] = replace(known, rows=tuple(
            {k: v[i] if i < len(v) else "" for k, v in columns.items()} for i in range(n)))
    return out


def apply_row(lists: Mapping[str, RowList], action: str) -> dict[str, RowList]:
    """``lists`` after a row button: ``add:KEY`` (a blank row at the end, focused) or
    ``remove:N:KEY`` (row N taken out)."""
    out = dict(lists)
    verb, _, rest = action.partition(":")
    if verb == "add" and rest in out and len(out[rest].rows) < MAX_ROWS:
        x = out[rest]
        out[rest] = replace(x, rows=(*x.rows, x.blank()), added=len(x.rows) + 1)
    elif verb == "remove":
        n, _, key = rest.partition(":")
        if key in out and n.isdigit() and 1 <= int(n) <= len(out[key].rows):
            x = out[key]
            out[key] = replace(x, rows=x.rows[:int(n) - 1] + x.rows[int(n):])
    return out


def error_id(name: str) -> str:
    """The id of a field's error message (the name may hold any character; the id may not)."""
    return "error-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def textarea_rows(text: object, width: int = 36, least: int = 2, most: int = 16) -> int:
    """How many lines a textarea needs to show ``text`` whole (about ``width`` characters a
    line), between ``least`` and ``most``."""
    lines = str(text or "").split("\n")
    needed = sum(max(1, math.ceil(len(x) / width)) for x in lines)
    return max(least, min(most, needed + 1))


# ---- reading the form ---------------------------------------------------------------------

@dataclass
class _Reader:
    errors: dict[str, str] = field(default_factory=dict)

    def text(self, name: str, what: str, value: object) -> str:
        """``value`` checked: a string, not too long, no template placeholder."""
        if not isinstance(value, str):
            self.errors[name] = f"“{what}”的内容有误"
            return ""
        value = value.replace("\r\n", "\n")
        if len(value) > MAX_FIELD:
            self.errors[name] = f"“{what}”不能超过 {MAX_FIELD} 字（现有 {len(value)} 字）"
            return value
        for line in value.split("\n"):
            m = TEMPLATE_MARKS.search(line) or PLACEHOLDER.search(line)
            if m:
                self.errors[name] = (f"“{what}”留有模板占位符“{m.group(0).strip()}”：……{line[:40]}"
                                     "……；请填写实际内容")
                break
        return value

    def amount(self, name: str, what: str, value: str, which: str = "的上年数") -> Decimal | None:
        try:
            amount = parse_amount(value, max_places=PRIOR_PLACES)
        except AmountError as exc:
            self.errors[name] = f"“{what}”{which}“{value}”不是金额：{exc}"
            return None
        if not which and amount is not None and amount < 0:  # 机关运行经费
            self.errors[name] = f"“{what}”{which}不能为负数，却是 {value}"
        return amount

    def word(self, name: str, key: str, value: object) -> str:
        """A text or date field (``WORD_FIELDS``); a date as YYYY-MM-DD, as in budget.yaml."""
        text = self.text(name, WORD_FIELDS[key], value).strip()
        if text and key in ("published_on", "approved_on"):
            try:
                return dt.date.fromisoformat(text).isoformat()
            except ValueError:
                self.errors[name] = (f"“{WORD_FIELDS[key]}”应写成 YYYY-MM-DD，如 2024-02-23，"
                                     f"却是“{text[:40]}”")
        return text

    def paragraphs(self, x: RowList, what: str) -> tuple[str, ...]:
        out = []
        for n, row in enumerate(x.rows, 1):
            text = self.text(f"row:{x.key}:text:{n}", f"{what} 第{n}段", row["text"])
            out += [t.strip() for t in text.split("\n") if t.strip()]  # a line break: a new one
        return tuple(out)

    def integer(self, name: str, what: str, value: object) -> int | None:
        text = str(value or "").strip().replace(",", "")
        if not text:
            return None
        if not text.lstrip("+-").isdecimal() or text.count("-") + text.count("+") > 1 \
                or abs(int(text)) >= MAX_COUNT:
            self.errors[name] = f"“{what}”应为整数（人数、单位数），却是“{text[:40]}”"
            return None
        return int(text)

    def rows(self, x: RowList, what: str) -> list[tuple[int, dict[str, str]]]:
        """Each row that is not blank, its texts checked: (its number, column → text)."""
        out = []
        for n, row in enumerate(x.rows, 1):
            values = {c.field: self.text(f"row:{x.key}:{c.field}:{n}",
                                         f"{what}第{n}{x.noun}{c.label}", row.get(c.field, ""))
                      .strip() for c in x.columns}
            if any(values.values()):
                out.append((n, values))
        return out

    def required(self, x: RowList, what: str, n: int, values: Mapping[str, str],
                 fields: tuple[str, ...]) -> None:
        for c in x.columns:
            if c.field in fields and not values[c.field]:
                self.errors[f"row:{x.key}:{c.field}:{n}"] = f"{what}第{n}{x.noun}：请填写{c.label}"

    def indicators(self, x: RowList, owner: str) -> tuple[Indicator, ...]:
        out = []
        for n, row in self.rows(x, f"{owner}的绩效指标"):
            what = f"{owner}的绩效指标第{n}行"
            values = {k: row.get(k, "") for k in INDICATOR_FIELDS}
            self.required(x, f"{owner}的绩效指标", n, values, ("level1", "level3", "value"))
            try:
                weight = parse_amount(values["weight"])
            except AmountError:
                self.errors[f"row:{x.key}:weight:{n}"] = (
                    f"{what}：分值权重“{values['weight']}”应为数字，如 10 或 12.5")
                weight = None
            out.append(Indicator(values["level1"], values["level2"], values["level3"],
                                 values["value"], basis=values["basis"] or None, weight=weight,
                                 prior_value=values["prior_value"] or None,
                                 scoring_rule=values["scoring_rule"] or None,
                                 evidence=values["evidence"] or None))
        return tuple(out)


def _lines(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(x.strip() for x in text.splitlines() if x.strip())


def edits_from_form(edits: Edits, form: FormData, labels: Mapping[str, str],
                    lists: Mapping[str, RowList]) -> Edits:
    """``edits`` with what the form sends (``labels``: a reason's or figure's key → its name;
    ``lists``: the form's lists as saved, ``row_lists``). Bad fields: ``FormErrors``, all of
    them."""
    r = _Reader()
    lists = posted_rows(form, lists)
    reasons, prior = dict(edits.reasons), dict(edits.prior_year)
    projects = {k: dict(v) for k, v in edits.projects.items()}
    texts, overview = dict(edits.texts), dict(edits.overview)
    indicators = dict(edits.indicators)
    counts, overall_goals = dict(edits.counts), dict(edits.overall_goals)
    operating_cost = edits.operating_cost
    amounts, words = dict(edits.amounts), dict(edits.words)
    for name in form:
        kind, _, key = name.partition(":")
        if not key or kind not in FIELD_KINDS:
            continue
        if kind == "prior":
            prior[key] = r.amount(name, labels.get(key, key), str(form.get(name)).strip())
            continue  # None: no figure, no comparison
        if kind == "count" and key in COUNTS:
            counts[key] = r.integer(name, COUNTS[key], form.get(name))
            continue
        if kind == "amount" and key in FACT_AMOUNTS:
            amounts[key] = r.amount(name, FACT_AMOUNTS[key], str(form.get(name) or "").strip(), "")
            continue
        if kind == "word" and key in WORD_FIELDS:
            words[key] = r.word(name, key, form.get(name))
            continue
        if kind == "overall" and key.isdigit():
            overall_goals[int(key)] = r.text(name, "部门整体绩效目标", form.get(name)).strip()
            continue
        if kind == "amount" and key == "operating_cost":
            text = str(form.get(name) or "").strip()
            operating_cost = r.amount(name, "机关运行经费", text, "") if text else None
            continue
        if kind in ("count", "overall", "amount", "word"):
            continue
        project, _, field_name = key.rpartition(":")
        what = {"reason": f"原因：{labels.get(key, key)}", "text": "项目经费情况说明",
                "project": f"项目“{project}”的{PROJECT_FIELDS.get(field_name, field_name)}"}[kind]
        value = r.text(name, what, form.get(name))
        if kind == "reason":
            reasons[key] = value.strip()
        elif kind == "project":
            projects.setdefault(project, {})[field_name] = value.strip()
        else:
            texts[key] = value
    overall_indicators, units, terms = dict(edits.overall_indicators), edits.units, edits.glossary
    purposes = edits.purposes
    for key in {str(k) for k in form.getlist("rows")} & set(lists):
        x = lists[key]
        kind, _, owner = key.partition("/")
        if kind == "overall" and owner.isdigit():
            overall_indicators[int(owner)] = r.indicators(x, "部门整体绩效目标")
        elif kind == "glossary":
            rows = r.rows(x, "名词解释")
            for n, row in rows:
                r.required(x, "名词解释", n, row, ("term", "definition"))
            terms = tuple(GlossaryTerm(row["term"], row["definition"]) for _, row in rows)
        elif kind == "purposes":
            rows = r.rows(x, "支出主要用于")
            known = {value for value, _ in x.columns[0].choices}
            for n, row in rows:
                r.required(x, "支出主要用于", n, row, ("code", "purpose"))
                if row["code"] not in known:
                    r.errors[f"row:purposes:code:{n}"] = (
                        f"支出主要用于第{n}项：科目“{row['code'][:20]}”不在本部门的支出表中")
            purposes = {row["code"]: row["purpose"] for _, row in rows}
        elif kind == "units":
            rows = r.rows(x, "预算单位")
            for n, row in rows:
                r.required(x, "预算单位", n, row, ("name",))
                if row["type"] and row["type"] not in UNIT_TYPES:
                    r.errors[f"row:units:type:{n}"] = (
                        f"预算单位第{n}个：单位类型应为 行政单位、参公事业单位 或 事业单位，"
                        f"却是“{row['type']}”")
            units = tuple((row["name"], UNIT_TYPES.get(row["type"], "")) for _, row in rows)
        elif kind in PART1_FIELDS:
            overview[kind] = r.paragraphs(x, f"部门概况：{PART1_FIELDS[kind]}")
        elif kind == "targets":
            projects.setdefault(owner, {})["targets"] = "\n".join(
                r.paragraphs(x, f"项目“{owner}”的{PROJECT_FIELDS['targets']}"))
        elif kind == "indicators":
            indicators[owner] = r.indicators(x, f"项目“{owner}”")
    part1 = {k: r.text(k, SINGLE[k], form.get(k)) for k in SINGLE if form.get(k) is not None}
    if r.errors:
        raise FormErrors(r.errors)
    functions, organisation = _lines(part1.get("functions")), _lines(part1.get("organisation"))
    matters = part1.get("other_matters")
    return replace(edits, reasons=reasons, prior_year=prior, projects=projects, texts=texts,
                   overview=overview, indicators=indicators, counts=counts,
                   overall_goals=overall_goals, overall_indicators=overall_indicators,
                   units=units, glossary=terms, operating_cost=operating_cost,
                   amounts=amounts, words=words, purposes=purposes,
                   other_matters=edits.other_matters if matters is None else matters.strip(),
                   functions=edits.functions if functions is None else functions,
                   organisation=edits.organisation if organisation is None else organisation)
