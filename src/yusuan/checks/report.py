"""Findings → what a person reads: text lines (``file:page: rule-id [severity] message``),
the JSON list of docs/design.md, and a self-contained Chinese HTML report a reviewer can send back
to a department (findings grouped by table, figures side by side, counts)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

from yusuan.checks.run import SEVERITY_ORDER, Summary
from yusuan.model import kinds
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import SEVERITY_TITLES, Finding
from yusuan.model.money import with_unit

TABLE_TITLES = {
    "summary": "部门收支总表", "income": "部门收入总表", "expenditure": "部门支出总表",
    "appropriation": "财政拨款收支总表", "gpb": "一般公共预算支出表",
    "gpb_basic": "一般公共预算基本支出表", "gpb_project": "一般公共预算项目支出表",
    "gov_fund": "政府性基金预算支出表", "state_capital": "国有资本经营预算支出表",
    "three_public": "“三公”经费支出表", "carryover": "上年结转结余情况明细表",
    "performance": "绩效目标表",
}


@dataclass(frozen=True)
class Checked:
    """The result for one input: what was checked and what was found."""

    label: str
    disclosure: Disclosure
    findings: tuple[Finding, ...]

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings)


def visible(findings: Sequence[Finding], level: str) -> list[Finding]:
    """Findings at ``level`` or worse (``error`` < ``warning`` < ``info``)."""
    limit = next((n for s, n in SEVERITY_ORDER.items() if s == level), 2)
    return [f for f in findings if SEVERITY_ORDER[f.severity] <= limit]


def text_report(result: Checked, level: str = "info") -> str:
    lines: list[str] = []
    for f in visible(result.findings, level):
        lines.append(str(f))
        if f.location.section or f.location.sentence:  # a figure of the text: its sentence
            lines.append("    " + "：".join(x for x in (f.location.printed,
                                                       f.location.quoted()) if x))
    d = result.disclosure
    lines.append(f"{result.label}：{d.department} {d.year} 年（{d.profile}）："
                 f"{result.summary.text()}")
    return "\n".join(lines)


def json_report(results: Sequence[Checked], level: str = "info") -> bytes:
    return _json([item for r in results for item in json_items(r, level)])


def json_items(result: Checked, level: str = "info") -> list[dict[str, object]]:
    """The findings of one result, as the JSON report lists them."""
    return [f.to_data() for f in visible(result.findings, level)]


def _json(items: list[dict[str, object]]) -> bytes:
    return _json_list([_json_item(i) for i in items])


def _json_item(item: dict[str, object]) -> str:
    """An item as ``json.dumps`` writes it inside an indented list."""
    return textwrap.indent(json.dumps(item, ensure_ascii=False, indent=2), "  ")


def _json_list(items: list[str]) -> bytes:
    """Items from ``_json_item`` as the list ``json.dumps(..., indent=2)`` would write."""
    return (("[\n" + ",\n".join(items) + "\n]") if items else "[]").encode("utf-8") + b"\n"


def _figure(value: object, unit: str | None = None) -> str:
    """An amount as printed, with its unit (``1,234.00 万元``)."""
    if isinstance(value, Decimal):
        return with_unit(value, unit)
    return "" if value is None else str(value)


def _column_title(d: Disclosure, table_id: str | None, key: str | None) -> str:
    """The printed header of a column (``一般公共预算支出/基本支出``), else its key."""
    table = d.table(kinds.table_id(table_id))
    column = table.column(key) if table is not None and key else None
    return "/".join(column.path) if column is not None else (key or "")


def _groups(d: Disclosure, findings: Sequence[Finding]) -> list[tuple[str, list[dict[str, str]]]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for f in sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 0)):
        table = d.table(kinds.table_id(f.location.table))
        key = (table.title if table is not None else
               TABLE_TITLES.get(f.location.table or "", f.location.table or "")) or "文字说明与其他"
        diff = f.difference
        groups.setdefault(key, []).append({
            "severity": f.severity, "severity_title": SEVERITY_TITLES.get(f.severity, f.severity),
            "rule_id": f.rule_id, "message": f.message,
            "where": " ".join(x for x in (
                f.location.section or "", f.location.code or "", f.location.name or "",
                _column_title(d, f.location.table, f.location.column)) if x),
            "sentence": f.location.quoted(120),
            "page": "" if f.location.page is None else str(f.location.page),
            "place": f.location.place,
            "expected": _figure(f.expected, f.unit), "actual": _figure(f.actual, f.unit),
            "difference": with_unit(diff, f.unit, difference=True),
        })
    return sorted(groups.items(), key=lambda kv: (kv[0] == "文字说明与其他", kv[0]))


def html_file(result: Checked, level: str = "info") -> dict[str, object]:
    """One result as the HTML report shows it: what it needs of the disclosure, no more."""
    return {"label": result.label, "title": result.disclosure.title,
            "profile": result.disclosure.profile, "summary": result.summary,
            "groups": _groups(result.disclosure, visible(result.findings, level))}


def html_report(results: Sequence[Checked], level: str = "info") -> bytes:
    return _html([html_file(r, level) for r in results],
                 Summary.of(f for r in results for f in r.findings))


def _html(files: list[dict[str, object]], total: Summary) -> bytes:
    from jinja2 import Environment, select_autoescape

    source = resources.files("yusuan.checks").joinpath("templates", "report.html").read_text(
        encoding="utf-8")
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(source).render(files=files, total=total).encode("utf-8")


class Report:
    """The report of many results in ``fmt`` (``text``, ``json`` or ``html``), added one by one
    and each kept only as the report shows it: its disclosure is not held, so a check of
    thousands of files holds their findings, not their tables."""

    def __init__(self, fmt: str, level: str = "info") -> None:
        self.fmt, self.level = fmt, level
        self._texts: list[str] = []
        self._items: list[str] = []  # as written: a fraction of the memory of the dicts
        self._files: list[dict[str, object]] = []
        self.total = Summary()

    def add(self, result: Checked) -> None:
        self.total += result.summary
        if self.fmt == "text":
            self._texts.append(text_report(result, self.level))
        elif self.fmt == "json":
            self._items += [_json_item(i) for i in json_items(result, self.level)]
        else:
            self._files.append(html_file(result, self.level))

    def data(self) -> bytes:
        if self.fmt == "text":
            return ("\n".join(self._texts) + "\n").encode("utf-8")
        if self.fmt == "json":
            return _json_list(self._items)
        return _html(self._files, self.total)
