"""``Rule``: one check of the catalogue, and the helpers rules share to report what differs.

Where it sits: the checker (``checks``) reads a ``Disclosure`` and returns ``Finding``s. A
rule is a small pure function ``(Context) -> Iterable[Finding]`` (``checks/context.py``: the
disclosure, its profile, the shared lookups, the other documents of the run) with a stable id,
a severity, a category, a Chinese title, the docs/identities.md row or regulation it rests on
and the tables it needs. Rules whose tables the disclosure lacks are skipped, not reported.

Tolerance (docs/rules.md "容差"): a printed total may differ from the sum of its ``n`` printed
items by up to half the last printed digit for each of the ``n + 1`` figures — 0.005 × (n + 1)
where amounts are printed to the cent, 0.5 × (n + 1) where a table prints whole 元 or whole
万元 (``quantum`` is that last digit, read from the printed amounts themselves); that is
rounding, reported as ``info``. Beyond it the rule's own severity applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.checks.context import Context
from yusuan.model.disclosure import Disclosure, Row, Table
from yusuan.model.finding import Finding, Location, Severity
from yusuan.model.kinds import Category, DocumentKind, TableId
from yusuan.model.money import CENT, Unit, format_amount

CATEGORIES: dict[Category, str] = {
    "arithmetic": "表内运算",
    "cross-table": "表间勾稽",
    "narrative": "文字说明与表格",
    "performance": "绩效目标",
    "organisation": "机构与人员",
    "completeness": "公开完整性",
    "classification": "科目编码与名称",
    "text": "文字质量",
    "cross-year": "跨年度核对",
    "parse": "读取",
    "internal": "检查程序",
}

ZERO = Decimal(0)

Check = Callable[[Context], Iterable[Finding]]
BOTH_KINDS: tuple[DocumentKind, ...] = ("budget", "final")  # rules that hold for budgets and final accounts alike
FINAL_ONLY: tuple[DocumentKind, ...] = ("final",)  # rules of final accounts (决算) only


@dataclass(frozen=True)
class Rule:
    """A catalogue entry: identity, severity, where it comes from, and the function."""

    id: str
    severity: Severity  # the severity of a real failure
    category: Category
    title: str  # Chinese: what the rule requires
    source: str  # e.g. ``docs/identities.md B07`` or ``预算法 §14``
    check: Check
    needs: tuple[TableId, ...] = ()  # canonical table ids that must be present
    kinds: tuple[DocumentKind, ...] = ("budget",)  # document kinds checked: ``budget`` / ``final`` (决算)

    def applies_to(self, disclosure: Disclosure) -> bool:
        return disclosure.kind in self.kinds and all(
            disclosure.table(t) is not None for t in self.needs)

    def run(self, disclosure: Disclosure | Context) -> list[Finding]:
        """This rule's findings alone (the runner, ``run.check_disclosure``, runs them all)."""
        ctx = disclosure if isinstance(disclosure, Context) else Context.of(disclosure)
        return list(self.check(ctx))

    def finding(self, message: str, location: Location | None = None, *,
                severity: Severity | None = None, expected: object = None,
                actual: object = None, unit: Unit | str | None = None) -> Finding:
        return Finding(
            rule_id=self.id, severity=severity or self.severity, category=self.category,
            message=message, location=location or Location(),
            expected=_value(expected), actual=_value(actual), unit=str(unit) if unit else None,
        )


def _value(v: object) -> Decimal | int | str | None:
    if v is None or isinstance(v, (Decimal, int, str)):
        return v
    return str(v)


def tolerance(n: int, quantum: Decimal = CENT) -> Decimal:
    """Rounding allowance for a total of ``n`` printed items (in the printed unit), each
    figure printed to ``quantum`` (its last printed digit) and so off by up to half of it."""
    return quantum / 2 * (max(n, 1) + 1)


_DIGIT = {Decimal(1): "个位", Decimal("0.1"): "一位小数"}


def amount(v: Decimal | None) -> Decimal:
    """A printed amount for arithmetic: blank counts as nothing (0), for sums only."""
    return v if v is not None else ZERO


def fmt(v: Decimal | None) -> str:
    return "空白" if v is None else format_amount(v)


def diff_text(expected: Decimal, actual: Decimal) -> str:
    d = actual - expected
    sign = "+" if d > 0 else ""
    return f"{sign}{format_amount(d)}"


def compare(rule: Rule, *, expected: Decimal | None, actual: Decimal | None, n: int,
            what: str | Callable[[], str], location: Location, unit: Unit | str = "",
            exact: bool = False, quantum: Decimal = CENT) -> Iterator[Finding]:
    """One finding if ``actual`` (a printed figure) differs from ``expected`` (a computed one).

    Within the rounding tolerance of ``n`` summed items it is ``info``; beyond it, the rule's
    severity; ``quantum`` is the last printed digit of the figures compared (``index.printed_quantum``,
    the coarser of the tables involved). ``exact`` turns the tolerance off (counts, not amounts). Two blanks agree; a
    blank against a printed zero agrees too (both say "nothing"), a blank against a non-zero
    amount does not. ``what`` may be a function, called only when there is a finding.
    """
    if expected is None and actual is None:
        return
    e, a = amount(expected), amount(actual)
    if e == a:
        return
    u = str(unit)
    if callable(what):
        what = what()  # described only when there is something to report
    delta = a - e
    allowed = tolerance(n, quantum)
    if not exact and abs(delta) <= allowed:
        places = max(-int(quantum.as_tuple().exponent), 0) + 1
        digit = "" if quantum == CENT else f"，金额印至{_DIGIT.get(quantum, str(quantum))}"
        yield rule.finding(
            f"{what}：印制数 {fmt(actual)}{u}，计算数 {fmt(expected)}{u}，相差 {diff_text(e, a)}{u}，"
            f"在 {n} 个数的四舍五入误差（±{format_amount(allowed, places=places)}{digit}）之内",
            location, severity="info", expected=expected, actual=actual, unit=u)
        return
    yield rule.finding(
        f"{what}：印制数 {fmt(actual)}{u}，应为 {fmt(expected)}{u}，相差 {diff_text(e, a)}{u}",
        location, expected=expected, actual=actual, unit=u)


def loc(disclosure: Disclosure, table: Table | None = None, row: Row | None = None,
        column: str | None = None) -> Location:
    """The location of a table cell (file and page — or line of a source file — from the
    row's or table's origin)."""
    origin = (row.origin if row is not None and row.origin is not None else None) or (
        table.origin if table is not None else None) or disclosure.source
    return Location(
        file=origin.file if origin else None,
        page=origin.page if origin else None,
        line=origin.line if origin and origin.page is None else None,
        table=table.id if table is not None else None,
        code=row.code if row is not None else None,
        name=row.name if row is not None else None,
        column=column,
    )
