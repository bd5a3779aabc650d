"""The wording of Part 3: template files (``templates/<profile>.yaml``) and the helpers the
section writers share (formatting amounts, year-over-year clauses, table look-ups).

A ``Writer`` holds the budget, its templates and its tables; the section modules
(``sections_funds``, ``sections_gpb``, ``sections_other``) call it to build sentences with
their ``Fact`` records. Python chooses the template and computes the figures; every word
comes from the template file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from yusuan.model.budget import Budget
from yusuan.model.codes import Code
from yusuan.model.disclosure import Fact, Row, Sentence, Table
from yusuan.model.errors import InputError
from yusuan.model.money import Unit, format_amount
from yusuan.narrative.figures import SHARE_METHODS, Change, change, rate_text, shares
from yusuan.narrative.numbers import chinese_number

ZERO = Decimal(0)
# options that mark the text each figure's wording writes (``MARK@<section>.<figure>``, with
# ``MARKS`` present): how the wording search finds the figures not yet written as printed
MARK, MARKS = "probe.mark", "probe.marks"
# a comparison before a change (比上年增加, 比2024年预算减少) and its other leads
# (the marks of ``MARKS`` may stand between its parts)
_M = r"(?:⟦[^⟧]*⟧)*"
_COMPARED = re.compile(rf"(?<!与)比({_M}(?:上年|\d{{4}}年){_M}(?:预算执行数|预算数|预算)?{_M})"
                       r"(?=[增减]|下降|上升|降低|(持平))")
_RISE = re.compile(rf"(?:增加|减少)(?={_M}\s?{_M}\d)")  # before an amount (增加 54.86 万元)
_PRIOR = re.compile(rf"([比较与]{_M})\d{{4}}年(?={_M}(?:预算|[增减]|持平|相比))")  # 比上年 for 比2024年
# 较上年增加/持平; 与上年相比增加, but 与上年持平 (a wording of its own)
COMPARED_AS = {"较": lambda m: f"较{m.group(1)}",
               "与": lambda m: m.group(0) if m.group(2) else f"与{m.group(1)}相比"}


class MissingWordingError(InputError):
    """A profile without its own wording file: never written in another region's words."""


def wording_profiles() -> tuple[str, ...]:
    folder = resources.files("yusuan.narrative") / "templates"
    return tuple(sorted(p.name.removesuffix(".yaml") for p in folder.iterdir()
                        if p.name.endswith(".yaml")))


@cache
def load_templates(profile: str) -> dict[str, Any]:
    """The wording file of a profile; ``MissingWordingError`` when it has none."""
    path = resources.files("yusuan.narrative") / "templates" / f"{profile}.yaml"
    if not path.is_file():
        raise MissingWordingError(
            f"表格配置“{profile}”还没有情况说明的措辞文件（narrative/templates/{profile}.yaml），"
            f"不能生成第三部分；已有措辞的配置：{'、'.join(wording_profiles())}", field="profile")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@cache
def _wheres(scope: tuple[str, ...]) -> tuple[str, ...]:
    """The suffixes of an option for where the text stands, nearest first (``@a.b``, ``@a``):
    kept per scope, as the wording search writes the same scopes many times over."""
    return tuple("@" + ".".join(scope[:n]) for n in range(len(scope), 0, -1))


def amount_text(value: Decimal | None) -> str:
    """``1,491.86``; a blank amount is stated as 0.00."""
    return format_amount(value if value is not None else ZERO)


def value(row: Row | None, column: str) -> Decimal:
    """A cell as a stated amount: a missing row or blank cell reads as 0 in the text."""
    if row is None:
        return ZERO
    v = row.value(column)
    return v if v is not None else ZERO


@dataclass(frozen=True)
class Writer:
    """Templates + budget: builds sentences for one budget."""

    budget: Budget
    templates: dict[str, Any]
    scope: tuple[str, ...] = ()  # where the text being written stands: section, then figure
    # every figure compared with the year before, by its ``prior_year`` key (budget unit),
    # whether or not a prior figure is given: what a draft's reasons page lists
    compared: dict[str, Decimal] = field(default_factory=dict, compare=False, repr=False)
    # every key a reason is looked up by → the key it is first looked up under (its place)
    reason_keys: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, budget: Budget) -> Writer:
        method = budget.options.get("share_method", SHARE_METHODS[0])
        if method not in SHARE_METHODS:
            raise InputError(f"未知的占比计算方法“{method}”，可用：{'、'.join(SHARE_METHODS)}",
                             file=budget.source.file if budget.source else None,
                             field="options.share_method")
        try:
            templates = load_templates(budget.profile)
        except MissingWordingError as exc:
            raise MissingWordingError(exc.message, field="profile",
                                      file=budget.source.file if budget.source else None) from None
        return cls(budget, templates)

    def within(self, name: str) -> Writer:
        """The writer for a part of the text (a section key, then a figure's key)."""
        return replace(self, scope=(*self.scope, name))

    def option(self, name: str, default: str = "") -> str:
        """``options[name]`` for where the text stands: ``name@section.figure``, else
        ``name@section``, else ``name`` — a document may word one section, or one figure,
        otherwise than the rest (上海 商务委 compares its income with the 预算执行数 and the
        rest with the 预算)."""
        options = self.budget.options
        for where in self._wheres:
            got = options.get(name + where)
            if got is not None:
                return str(got)
        return str(options.get(name, default))

    @property
    def _wheres(self) -> tuple[str, ...]:
        return _wheres(self.scope)

    # --- templates -------------------------------------------------------------------
    def raw(self, key: str) -> Any:
        """The template ``key``; where the wording file gives ``variants`` (the ways the
        region's documents word it), the one ``options["variant.<key>"]`` names for where the
        text stands (``option``; default the first)."""
        node: Any = self.templates
        path: list[str] = []
        for part in key.split("/"):
            node = self._variant(node[part], "/".join(path := [*path, part]))
        return node

    def _variant(self, node: Any, key: str) -> Any:
        if not (isinstance(node, dict) and "variants" in node):
            return node
        choice = self.option(f"variant.{key}", "0")
        variants = node["variants"]
        return variants[int(choice)] if choice.isdigit() and int(choice) < len(variants) \
            else variants[0]

    @property
    def department(self) -> str:
        """The department as the text names it: ``options["department"]`` (a short name the
        documents use, e.g. 省检察院) or its full name; for where the text stands (``option``:
        上海 财政局 names itself in full but in its assets section)."""
        return self.option("department") or self.budget.department

    def say(self, key: str, **fields: object) -> str:
        """Fill the template ``key`` (``/``-separated path) with the fields."""
        b = self.budget
        common = {"department": self.department, "year": b.year, "edition": b.edition,
                  "u": b.unit.value}
        return self.typeset(str(self.raw(key)).format(**{**common, **fields}))

    def typeset(self, text: str) -> str:
        """The text in the document's brackets: with ``options["text.brackets"] = "full"``
        the names the tables print with ``(…)`` are given ``（…）`` as the text prints them."""
        if MARKS in self.budget.options:  # where each figure's words land (compose.variants)
            mark = self.option(MARK)
            text = f"⟦{mark}⟧" + re.sub("(?<=[。；;])", f"⟦{mark}⟧", text) if mark else text
        if self.option("text.brackets") == "full":
            text = text.replace("(", "（").replace(")", "）")
        dots = self.option("text.dots")
        if dots == "ascii":  # 1.一般公共服务 for 1．
            text = re.sub(r"(?<=\d)．", ".", text)
        elif dots == "comma":  # 3、住房保障支出 (a document numbering one item so)
            text = re.sub(r"(?<=\d)[．.](?=\D)", "、", text, count=1)
        return text

    def led(self, change: str) -> str:
        """A change compared as the document compares (``text.compare``: 较上年, 与上年相比
        for 比上年; ``text.year``: 比上年 for 比2024年) and worded with its words (``text.rise``: ``grow``, 增长/下降 for
        增加/减少 before an amount), chosen for where it stands (``option``)."""
        if "比" in change:
            lead = self.option("text.compare")
            if lead in COMPARED_AS:
                change = _COMPARED.sub(COMPARED_AS[lead], change)
        if re.search(_PRIOR, change) and self.option("text.year") == "上年":
            change = _PRIOR.sub(r"\1上年", change)
        if _RISE.search(change) and self.option("text.rise") == "grow":
            change = _RISE.sub(lambda m: "增长" if m.group(0) == "增加" else "下降", change)
        return change

    def subject(self, key: str) -> str:
        """What a stated figure is (``Fact.subject``), e.g. ``机关运行经费``."""
        return str(self.templates["subjects"][key])

    def name(self, group: str, key: str) -> str:
        return str(self.raw(f"{group}/{key}"))

    def heading(self, n: int, key: str) -> tuple[Sentence, ...]:
        text = self.say("heading_number", n=chinese_number(n)) + self.say(key)
        return (Sentence(text, kind="heading"),)

    # --- data ------------------------------------------------------------------------
    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.budget.tables if t.id == table_id), None)

    @property
    def unit(self) -> Unit:
        return self.budget.unit

    @property
    def share_method(self) -> str:
        return self.budget.options.get("share_method", SHARE_METHODS[0])

    def shares(self, amounts: list[Decimal], total: Decimal) -> tuple[Decimal, ...]:
        return shares(amounts, total, self.share_method)

    def prior(self, key: str, *fallbacks: str) -> Decimal | None:
        for k in (key, *fallbacks):
            if k in self.budget.prior_year:
                return self.budget.prior_year[k]
        return None

    def reason(self, key: str, *fallbacks: str) -> str:
        for k in (key, *fallbacks):
            self.reason_keys.setdefault(k, key)
        for k in (key, *fallbacks):
            text = self.budget.reasons.get(k, "").strip().rstrip("。")
            if text:
                return text
        return ""

    # --- clauses ---------------------------------------------------------------------
    def change(self, key: str, current: Decimal, *fallbacks: str) -> Change | None:
        self.compared.setdefault(key, current)
        prior = self.prior(key, *fallbacks)
        return None if prior is None else change(current, prior)

    def change_text(self, c: Change) -> str:
        """The change's words; its rate to the hundredth, or (``numbers.places`` ``1`` or
        ``0``) to the tenth or whole, rounded from the exact rate (not twice)."""
        rate = "" if c.rate is None else rate_text(
            abs(c.rate), abs(c.amount) * 100 / abs(c.prior) if c.prior else None,
            self.option("numbers.places", "2"))
        return self.led(self.say(f"change/{c.direction}", amount=amount_text(abs(c.amount)),
                                      rate=rate))

    def yoy_text(self, c: Change | None) -> str:
        """``，比上年预算增加 54.86 万元，增长 3.82%`` (empty without a prior-year figure)."""
        return "" if c is None else "，" + self.led(self.say("yoy", change=self.change_text(c)))

    def reason_inline(self, reason: str) -> str:
        return self.say("reason_inline", reason=reason) if reason else ""

    def reason_sentence(self, reason: str) -> tuple[Sentence, ...]:
        return (Sentence(self.say("reason_sentence", reason=reason)),) if reason else ()

    def fact(self, subject: str, amount: Decimal | None, *, c: Change | None = None,
             share: Decimal | None = None, table: str | None = None, code: str | None = None,
             row: str | None = None, column: str | None = None) -> Fact:
        return Fact(subject=subject, amount=amount, unit=self.unit, share=share,
                    change=None if c is None else c.amount,
                    rate=None if c is None else c.rate,
                    ref_table=table, ref_code=code, ref_row=row, ref_column=column)


def class_rows(table: Table, column: str = "total", section: str | None = None
               ) -> tuple[Row, ...]:
    """The 类 rows (3-digit codes) with a non-zero amount in ``column``."""
    return tuple(r for r in table.rows_of(section)
                 if r.code is not None and len(r.code) == 3 and r.project is None
                 and value(r, column) != 0)


def level_rows(t: Table, r: Row) -> list[tuple[Row, Code]]:
    """The rows from the 类 down to ``r`` that the table prints, with their codes."""
    assert r.code is not None
    code = Code(r.code)
    out = []
    for c in (*reversed(code.ancestors), code):
        row = r if c == code else t.row(code=c.digits)
        if row is not None:
            out.append((row, c))
    return out


def level_path(t: Table, r: Row) -> list[tuple[str, str]]:
    """(name, 类/款/项) from the 类 down to the row, for ``…（类）…（款）…（项）`` names."""
    return [(row.name, c.level) for row, c in level_rows(t, r)]
