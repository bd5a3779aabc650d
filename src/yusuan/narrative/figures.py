"""The figures Part 3 states: shares (占 X%) and year-over-year changes, computed exactly.

Pure arithmetic on ``Decimal``; the wording is chosen elsewhere (``wording.py``). Shares of
a structure that adds up to its total are made to add up to 100.00: by default each share
is rounded half-up and the residual goes into the largest share (the reference document's
convention: it prints 56.25 for a share of 56.2398…); ``largest-remainder`` is the other
accepted method.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from yusuan.model.money import round_half_up

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
SHARE_METHODS = ("residual", "largest-remainder")


def share(amount: Decimal, total: Decimal) -> Decimal:
    """``amount / total × 100`` rounded half-up to 2 places; 0.00 when the total is 0."""
    if total == 0:
        return Decimal("0.00")
    return round_half_up(amount / total * HUNDRED, 2)


def shares(amounts: Sequence[Decimal], total: Decimal, method: str = "residual"
           ) -> tuple[Decimal, ...]:
    """The shares of ``amounts``, the parts of a structure, in its ``total``.

    The shares add up to exactly 100.00, by ``method``: ``residual`` (round each half-up,
    put the difference into the largest share) or ``largest-remainder`` (floor each, hand
    the missing hundredths to the largest remainders). The parts may miss the total by a
    rounding difference (表5 类 rows add up to 1,491.87 against a total of 1,491.86 in the
    reference document, which still states 100.00 in all); when the rounded shares miss
    100.00 by more than 0.01 per part the parts are not a structure of the total and each
    share is rounded on its own.
    """
    if method not in SHARE_METHODS:
        raise ValueError(f"未知的占比计算方法“{method}”，可用：{'、'.join(SHARE_METHODS)}")
    plain = tuple(share(a, total) for a in amounts)
    if total == 0 or not amounts:
        return plain
    slack = CENT * len(amounts)
    if method == "residual":
        residual = HUNDRED - sum(plain, Decimal(0))
        if abs(residual) > slack:
            return plain
        largest = max(range(len(amounts)), key=lambda i: (amounts[i], -i))
        out = list(plain)
        out[largest] += residual
        return tuple(out)
    exact = [a / total * HUNDRED for a in amounts]
    floors = [e.quantize(CENT, rounding=ROUND_FLOOR) for e in exact]
    missing = (HUNDRED - sum(floors, Decimal(0))) / CENT
    if not 0 <= missing <= len(amounts):
        return plain
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:int(missing)]:
        floors[i] += CENT
    return tuple(floors)


@dataclass(frozen=True)
class Change:
    """A year-over-year change: signed amount and rate (``None`` when the prior year is 0
    and this year is not: the rate is undefined)."""

    current: Decimal
    prior: Decimal
    amount: Decimal
    rate: Decimal | None
    about: str = ""  # the prior-year key it was computed against (where a wording is chosen)

    @property
    def direction(self) -> str:
        """``increase`` / ``decrease`` / ``unchanged`` / ``new`` (prior 0, current > 0)."""
        if self.rate is None:
            return "new"
        if self.amount > 0:
            return "increase"
        if self.amount < 0:
            return "decrease"
        return "unchanged"


def change(current: Decimal, prior: Decimal) -> Change:
    """Δ = current − prior; rate = round_half_up(Δ / prior × 100, 2), 0.00 when both are 0."""
    delta = current - prior
    if prior == 0:
        return Change(current, prior, delta, Decimal("0.00") if delta == 0 else None)
    return Change(current, prior, delta, round_half_up(delta / prior * HUNDRED, 2))


def rate_text(rate: Decimal, exact: Decimal | None, places: str) -> str:
    """A rate as printed before any trimming: to the hundredth, or (``places`` ``1`` or
    ``0``) to the tenth or whole, rounded from ``exact`` where given (not twice)."""
    if places in ("0", "1"):
        return str((rate if exact is None else exact).quantize(
            Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP))
    return f"{rate:.2f}"
