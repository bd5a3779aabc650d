"""The drafting forms read into ``Edits``.

A form sends single fields — ``reason:KEY``, ``prior:KEY`` (an amount in the budget's unit;
blank: no comparison), ``functions``, ``organisation`` (one a line, or as rows),
``other_matters``,
``project:NAME:FIELD``, ``text:PART``, ``count:KEY``, ``amount:KEY``, ``word:KEY``,
``overall:N`` — and lists of rows (``draft_rows``).

Every text is refused, with the field named, when it is too long or still holds a template's
placeholder (XX, x,xxx, 待填写, ……) — the same test as the budget workbook's text sheets — and
an amount that is not one is refused with the item named; all the form's errors come back
together (``FormErrors``: field → message), so each is shown beside its field and nothing
typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from starlette.datastructures import FormData

from yusuan.checks.text_quality import PLACEHOLDER
from yusuan.compose.draft import Edits
from yusuan.compose.draft_fields import (
    COUNT_FIELDS,
    FACT_AMOUNTS,
    FACT_COUNTS,
    FINAL_TEXTS,
    INDICATOR_FIELDS,
    PART1_FIELDS,
    PROJECT_FIELDS,
    WORD_FIELDS,
)
from yusuan.compose.workbook import TEMPLATE_MARKS
from yusuan.derive.source import UNIT_TYPES
from yusuan.model.disclosure import GlossaryTerm, Indicator
from yusuan.model.errors import InputError
from yusuan.model.money import AmountError, parse_amount
from yusuan.reference.numerals import strip_numbering
from yusuan.web.draft_rows import RowList, posted_rows

# the single fields' kinds: ``KIND:KEY``
FIELD_KINDS = ("reason", "prior", "project", "text", "count", "overall", "amount", "word",
               "initial", "final")
COUNTS = {**COUNT_FIELDS, **FACT_COUNTS}
SINGLE = {"functions": "主要职能", "organisation": "机构设置", "other_matters": "其他需说明的事项"}
MAX_FIELD = 4000
MAX_COUNT = 10**7  # a count of people or units
PRIOR_PLACES = 6  # last year's figure converted from 元 to 万元 keeps its exact digits


class FormErrors(InputError):
    """Every bad field of a form: ``errors`` maps the field's name (a row's column:
    ``row:KEY:FIELD:N``) to its message; the message is all of them."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("；".join(errors.values()))
        self.errors = dict(errors)


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
    initial, final_texts = dict(edits.initial_budget), dict(edits.final_texts)
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
        if kind == "initial" and name in labels:  # ``labels`` names the 决算's items
            initial[key] = r.amount(name, f"年初预算数：{labels[name]}",
                                    str(form.get(name) or "").strip(), "")
            continue
        if kind == "final" and key in FINAL_TEXTS:
            final_texts[key] = r.text(name, FINAL_TEXTS[key], form.get(name)).strip()
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
        if kind in ("count", "overall", "amount", "word", "initial", "final"):
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
    part1_rows: dict[str, tuple[str, ...]] = {}  # 主要职能, 机构设置 sent as rows
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
        elif kind in ("functions", "organisation"):
            lines = r.paragraphs(x, f"部门概况：{SINGLE[kind]}")
            part1_rows[kind] = lines if kind == "organisation" else tuple(  # the frame numbers
                strip_numbering(line).strip() for line in lines)  # the functions
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
    functions = part1_rows.get("functions", _lines(part1.get("functions")))
    organisation = part1_rows.get("organisation", _lines(part1.get("organisation")))
    matters = part1.get("other_matters")
    return replace(edits, reasons=reasons, prior_year=prior, projects=projects, texts=texts,
                   overview=overview, indicators=indicators, counts=counts,
                   overall_goals=overall_goals, overall_indicators=overall_indicators,
                   units=units, glossary=terms, operating_cost=operating_cost,
                   amounts=amounts, words=words, purposes=purposes, initial_budget=initial,
                   final_texts=final_texts,
                   other_matters=edits.other_matters if matters is None else matters.strip(),
                   functions=edits.functions if functions is None else functions,
                   organisation=edits.organisation if organisation is None else organisation)
