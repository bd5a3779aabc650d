"""``Context``: everything a rule reads, built once per run by the runner and never changed.

A rule is a function ``(Context) -> Iterable[Finding]``. The context holds the disclosure, its
profile (the region's table layout, ``None`` for a profile id yusuan does not know), the
lookups the rules share (``Index``: tables by canonical id, rows by code and key, Part 3 as
one string), and the other documents a run may hold it against: last year's disclosure
(``previous``, the cross-year rules) and the same year's budget (``budget``, a 决算's
budget-against-actual rules). Tolerance comes from what is printed: each ``TableIndex`` knows
the last printed digit of its amounts (``quantum``; ``index.coarsest`` of the tables a comparison
reads), and ``rule.compare`` turns it into the allowance.

Nothing is cached behind the rules' backs: two runs on two disclosures — in two threads or
one after the other — each have their own context.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.checks.index import Index, TableIndex
from yusuan.model.disclosure import Disclosure
from yusuan.model.kinds import TableId
from yusuan.model.profiles import Profile, profile_of


@dataclass(frozen=True)
class Context:
    disclosure: Disclosure
    index: Index
    profile: Profile | None  # the disclosure's profile; ``None`` when its id is unknown
    previous: Disclosure | None = None  # the same department's disclosure of the year before
    budget: Disclosure | None = None  # for a 决算: the same department's 预算 of that year

    @classmethod
    def of(cls, disclosure: Disclosure, *, previous: Disclosure | None = None,
           budget: Disclosure | None = None) -> Context:
        return cls(disclosure, Index.of(disclosure), profile_of(disclosure),
                   previous=previous, budget=budget)

    def table(self, table_id: TableId) -> TableIndex | None:
        """The lookups of one table (canonical id), ``None`` when the disclosure lacks it."""
        return self.index.get(table_id)
