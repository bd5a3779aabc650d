"""``Region``: a ``Writer`` with a region's narrative unit and common fields (``{prior}``,
``{scope}``), shared by the section writers of ``regional`` (上海) and ``regional_jiangsu``.

The narrative may state amounts in another unit than the tables (上海: tables in 元, text in
万元): every figure is converted exactly from its table's unit and rounded half-up for print
only, and its ``Fact`` carries the printed amount and the narrative unit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache

from yusuan.model.disclosure import Fact, Row, Sentence, Table
from yusuan.model.money import CENT, Unit, convert, format_amount, round_half_up
from yusuan.narrative.figures import Change, rate_text, share
from yusuan.narrative.wording import ZERO, Writer, value

Paragraphs = tuple[tuple[Sentence, ...], ...]


@cache
def _unit(text: str) -> Unit:
    return Unit.parse(text)


@dataclass(frozen=True)
class Region:
    """A ``Writer`` with the region's narrative unit and common fields."""

    w: Writer

    @property
    def unit(self) -> Unit:
        return _unit(str(self.w.templates.get("unit", self.w.budget.unit.value)))

    def say(self, key: str, **fields: object) -> str:
        return self.say_text(str(self.w.raw(key)), **fields)

    def say_text(self, template: str, **fields: object) -> str:
        b = self.w.budget
        common: dict[str, object] = {"year": b.year, "edition": b.edition,
                                     "prior": b.year - 1, "u": self.unit.value}
        if "{scope}" in template:  # asked only where printed (each is an option to try)
            common["scope"] = self.option("scope", "") or self.w.templates.get(
                "scope", {}).get(b.edition, b.edition)
        if "{department}" in template:
            common["department"] = self.w.department
        return self.w.typeset(template.format(**{**common, **fields}))

    def own(self, section: str, key: str) -> str:
        """``section/key`` where the wording file words ``key`` for that section on its own
        (a document may put the change after a comma in one section, in a sentence of its
        own in another), else ``key``."""
        node = self.w.templates.get(section)
        return f"{section}/{key}" if isinstance(node, dict) and key in node else key

    def option(self, name: str, default: str) -> str:
        return self.w.option(name, default)

    def within(self, name: str) -> Region:
        """The region writer for a part of the text (``Writer.within``)."""
        return Region(self.w.within(name))

    def printed(self, amount: Decimal, source: Unit) -> Decimal:
        """The amount as printed in the narrative unit, to the cent: rounded half-up, or cut
        (``options["numbers.rounding"] = "down"``, as some documents print)."""
        rounding = ROUND_DOWN if self.option("numbers.rounding", "half-up") == "down" \
            else ROUND_HALF_UP
        return convert(amount, source, self.unit).quantize(CENT, rounding=rounding)

    def text(self, amount: Decimal) -> str:
        """A printed amount's text: ``3,121.42``; zero as the documents print it. Options:
        ``numbers.separators`` ``no`` (``3121.42``) or ``wide`` (from 10,000 on only:
        ``4335.3``, ``24,169.74``), ``numbers.trim`` ``yes`` (``4335.3``, ``15``: no
        trailing zeros)."""
        if amount == 0:  # as the wording file prints it, or ``numbers.zero``
            return self.option("numbers.zero", "") or str(self.w.templates.get("zero", "0.00"))
        separators = self.option("numbers.separators", "yes")
        text = format_amount(amount, separators=separators == "yes" or (
            separators == "wide" and abs(amount) >= 10000))
        return self._trimmed(text)

    def share_text(self, share: Decimal, where: str) -> str:
        """A share as printed in the section ``where``: to the hundredth, or to the tenth
        where ``options["numbers.share_places.<where>"]`` is ``1`` (19.1%)."""
        if self.option(f"numbers.share_places.{where}", "2") == "1":
            return self._trimmed(f"{share.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}")
        return self.percent(share)

    def percent(self, rate: Decimal, exact: Decimal | None = None) -> str:
        """A share or rate as printed: ``65.56``; ``16.5`` with ``numbers.trim``; to the
        tenth or whole (``增长22%``) where ``options["numbers.places"]`` is ``1`` or ``0``,
        rounded from ``exact`` where given (not twice)."""
        return self._trimmed(rate_text(rate, exact, self.option("numbers.places", "2")))

    def _trimmed(self, text: str) -> str:
        """``numbers.trim``: ``yes`` no trailing zeros (``4335.3``), ``whole`` a whole
        amount without its decimals only (``163``, ``20.40``)."""
        trim = self.option("numbers.trim", "no")
        if trim == "yes" and "." in text:
            return text.rstrip("0").rstrip(".")
        if trim == "whole" and text.endswith(".00"):
            return text.removesuffix(".00")
        return text

    def cell(self, table: Table | None, row: Row | None, column: str) -> Decimal:
        return ZERO if table is None else self.printed(value(row, column), table.unit)

    def in_budget_unit(self, table: Table | None, row: Row | None, column: str) -> Decimal:
        return ZERO if table is None else convert(value(row, column), table.unit,
                                                  self.w.budget.unit)

    def shares(self, amounts: list[Decimal], total: Decimal) -> tuple[Decimal, ...]:
        """Shares in ``total``: each rounded on its own where the wording file says
        ``shares: each`` (江苏 prints 65.56 / 17.94 / 16.5 as computed), else made to add up
        to 100.00 by the budget's ``share_method``."""
        if self.w.templates.get("shares") == "each":
            return tuple(share(a, total) for a in amounts)
        return self.w.shares(amounts, total)

    def change(self, key: str, current: Decimal) -> Change | None:
        """Change against ``prior_year[key]`` (both in the budget's unit)."""
        c = self.w.change(key, current)
        return None if c is None else replace(c, about=key)

    def change_clause(self, c: Change | None, template: str | None = None,
                      basis_key: str = "basis", change_key: str = "change") -> str:
        """``比2024年预算增加107.62万元`` / ``与2024年预算持平``; empty without a prior figure;
        its wording (and the clause's) as chosen for that figure (``c.about``).
        ``basis_key``: the template of what is compared with (a section may compare with
        last year's 预算执行数 where the rest compares with its 预算)."""
        if c is None:
            return ""
        r = self.within(c.about) if c.about and self.w.scope[-1:] != (c.about,) else self
        basis = r.w.budget.options.get("prior_basis") or r.say(basis_key)
        amount = r.text(r.printed(abs(c.amount), r.w.budget.unit))
        rate = "" if c.rate is None else r.percent(
            abs(c.rate), abs(c.amount) / c.prior * 100 if c.prior else None)
        words = str(r.w.raw(f"{change_key}/{c.direction}"))
        fields = {"amount": amount, "basis": basis, "rate": rate, "remark": r.remark(c)}
        for part in ("rise", "fall", "lead"):  # a change worded in parts (江苏 一 to 八)
            if "{" + part + "}" in words:
                fields[part] = r.say(f"{change_key}/{part}", rate=rate) if rate or \
                    part == "lead" else ""
        if "{rise}" in words and rate and c.rate is not None and c.rate >= 100:
            fields["rise"] = r.times(change_key, c) or fields["rise"]
        text = r.w.led(r.say_text(words, **fields))
        # ``{bare}``: the change without its lead, for a clause that names the comparison
        bare = r.w.led(r.say_text(words, **{**fields, "lead": ""})) if "lead" in fields \
            else text
        return r.say(template, change=text, bare=bare) if template else text

    def remark(self, c: Change) -> str:
        """The remark a printed document gives after this change, its own figures ours
        (``texts["remark.<key>"]``, read by ``compose.changes``); else empty."""
        form = self.w.budget.texts.get(f"remark.{c.about}", "")
        u = self.w.budget.unit
        return self.w.typeset(form.format(**{k: self.text(self.printed(abs(v), u)) for k, v in (
            ("current", c.current), ("prior", c.prior), ("change", c.amount))})) if form else ""

    def times(self, change_key: str, c: Change) -> str:
        """A rise of 100% or more in 倍 (``增长16倍``: the change over last year's figure,
        placed as a rate is), where the change's words say so (``<change_key>/times``, not
        empty); else empty."""
        node = self.w.raw(change_key)
        if not (isinstance(node, dict) and "times" in node and c.prior):
            return ""
        form = str(self.w.raw(f"{change_key}/times"))
        exact = c.amount / c.prior
        return self.say_text(form, times=self.percent(round_half_up(exact, 2), exact)) \
            if form else ""

    def reason(self, key: str, c: Change | None, template: str = "reason") -> str:
        """``，主要原因是…`` (its wording as chosen for that figure, as ``change_clause``)."""
        text = self.w.reason(key) if c is not None else ""
        if not text:
            return ""
        r = self.within(c.about) if c is not None and c.about else self
        return r.say(template, reason=text)

    def fact(self, subject: str, amount: Decimal, *, c: Change | None = None,
             share: Decimal | None = None,
             table: str | None = None, code: str | None = None, row: str | None = None,
             column: str | None = None) -> Fact:
        return Fact(subject=subject, amount=amount, unit=self.unit, share=share,
                    change=None if c is None else self.printed(c.amount, self.w.budget.unit),
                    rate=None if c is None else c.rate,
                    ref_table=table, ref_code=code, ref_row=row, ref_column=column)


def row_of(t: Table | None, key: str, section: str | None = None) -> Row | None:
    return None if t is None else t.row(key=key, section=section)
