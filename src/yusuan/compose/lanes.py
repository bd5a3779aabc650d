"""The wording search in two processes (``variants``): a trial's sections scored part here,
part in a ``background.Helper`` (``split``), and the sections' own and figures' own choices
tried in two lanes of sections, one in each process, then merged (``merge``) — with the same
result as one process trying them all in turn.

A section's choices (``name@section…``) are looked up only where that section is written,
so the sections are tried apart. The figures' choices have one bound across the document
(``MAX_FIGURE_TRIALS`` sections written, in the order the figures come): each lane tries its
figures in that order and stops at the bound, and the merge takes them in that order while
the trials taken stay under it — so a figure taken is one the single process would have
tried, from the same state, and the same figures are taken.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from yusuan.background import Helper, fork_safe

# a section's score (``variants._Scorer.score``): its clauses written word for word (then
# near), how close the rest comes, and the clauses written that none printed asks for
Score = tuple[int, float, int]

# a trial split between the processes only when its sections take this long to write
# (seconds, as measured when the search begins): below it, sending the trial costs more
SPLIT_FROM = 0.0015
# the helper forked only once the search has taken this long (seconds): a short one ends
# before forking (10 ms) would pay
WORTH = 0.05


@dataclass
class Figure:
    """What one figure's own choices came to in a lane: where it comes in the document's
    order, the sections written to try them, the choices changed."""

    order: tuple[int, str]
    trials: int
    changed: dict[str, str]


@dataclass
class Lane:
    """What a lane of sections came to: the sections' own choices changed, then each
    figure's."""

    changed: dict[str, str] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)


def split(keys: list[str], cost: dict[str, float]) -> tuple[list[str], list[str]]:
    """``keys`` in two parts of about equal cost (the costliest first, each to the lighter
    part); the first is this process's."""
    parts: tuple[list[str], list[str]] = ([], [])
    loads = [0.0, 0.0]
    for key in sorted(keys, key=lambda k: -cost.get(k, 0.0)):
        i = 0 if loads[0] <= loads[1] else 1
        parts[i].append(key)
        loads[i] += cost.get(key, 0.0)
    return parts


def merge(options: dict[str, str], lanes: list[Lane], most: int) -> dict[str, str]:
    """``options`` with each lane's sections' own choices, then the figures' in the
    document's order while the trials taken are under ``most``."""
    out = dict(options)
    for lane in lanes:
        out.update(lane.changed)
    taken = 0
    for figure in sorted((f for lane in lanes for f in lane.figures), key=lambda f: f.order):
        if taken >= most:
            break
        out.update(figure.changed)
        taken += figure.trials
    return out


def timed(score: Callable[[str], Score], keys: Iterable[str]
          ) -> tuple[dict[str, Score], dict[str, float]]:
    """``score`` of each key, and the seconds it took."""
    scores, cost = {}, {}
    for k in keys:
        start = time.perf_counter()
        scores[k] = score(k)
        cost[k] = time.perf_counter() - start
    return scores, cost


def changed(before: dict[str, str], after: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in after.items() if before.get(k) != v}


class Search(Protocol):
    """What the lanes need of the wording search's scorer (``variants._Scorer``)."""

    cost: dict[str, float]  # seconds to write each section, as measured
    pair: Pair | None
    trials: int
    scores: dict[str, Score]

    def score(self, options: Mapping[str, str], key: str, near: bool = False
              ) -> Score: ...


Run = Callable[[Any, dict[str, str], list[str]], Lane]  # a lane: scorer, options, sections


class Ahead:
    """One choice's later values scored in the helper process while this one tries the
    first ones in turn (``get``): were they all to be turned down, the options each later
    one is tried with are known now. Where one is kept, the options change, and the scores
    found ahead are not used (``get`` gives ``None``: they are found again)."""

    def __init__(self, search: Search, options: dict[str, str], name: str,
                 values: Sequence[str], keys: Sequence[str], near: bool) -> None:
        self.options, self.name = options, name
        tried = [v for v in values if options.get(name) != v]
        self.later = tried[(len(tried) + 1) // 2:]
        self.got: dict[str, dict[str, Score]] | None = None
        self.search, self.pair = search, search.pair
        helper = None
        if self.later and self.pair is not None and len(keys) > 0 and \
                sum(search.cost.get(k, 0.0) for k in keys) * len(self.later) >= SPLIT_FROM:
            helper = self.pair.get()
        if helper is None or self.pair is None:
            self.later = []
            return
        helper.call(_ahead_there, options, name, self.later, list(keys), near)
        self.pair.busy = True

    def get(self, options: dict[str, str], value: str) -> dict[str, Score] | None:
        """The scores of ``value`` tried on ``options``, where found ahead."""
        if value not in self.later:
            return None
        self.close()
        if self.got is None or options is not self.options:
            return None
        got = self.got[value]
        self.search.trials += len(got)  # written there, as each trial counts
        return got

    def close(self) -> None:
        """The helper's answer taken (it is free again)."""
        if self.later and self.got is None and self.pair is not None and self.pair.helper:
            self.got = self.pair.helper.answer()
            self.pair.busy = False


def _ahead_there(search: Search, options: dict[str, str], name: str, values: list[str],
                 keys: list[str], near: bool) -> dict[str, dict[str, Score]]:
    """In the helper process: each of a choice's later values scored on ``keys``."""
    return {v: {k: search.score({**options, name: v}, k, near) for k in keys} for v in values}


def scored(search: Search, trial: dict[str, str], keys: Sequence[str], near: bool
           ) -> dict[str, Score]:
    """``search.score`` of each of ``keys``: part in the helper process where they take
    long enough to write (the same scores: a section's score depends on the options only)."""
    helper = None
    if len(keys) > 1 and search.pair is not None and \
            sum(search.cost.get(k, 0.0) for k in keys) >= SPLIT_FROM:
        helper = search.pair.get()
    if helper is None:
        return {k: search.score(trial, k, near) for k in keys}
    mine, theirs = split(list(keys), search.cost)
    helper.call(_scored_there, trial, theirs, near)
    got = {k: search.score(trial, k, near) for k in mine}
    got.update(helper.answer())
    search.trials += len(theirs)
    return {k: got[k] for k in keys}  # in their order: the sums add up alike


def in_lanes(search: Search, options: dict[str, str], sections: list[str], wanted: set[str],
             run: Run, most: int) -> dict[str, str]:
    """``run`` over the ``sections``, in two lanes where there is a helper process (each
    section weighed by its time to write and the choices of its own ``wanted``), then
    ``merge``."""
    asked = Counter(n.partition("@")[2].split(".")[0] for n in wanted if "@" in n)
    weight = {k: search.cost.get(k, 0.0) * (1 + asked[k]) for k in sections}
    helper = None
    if search.pair is not None and len(sections) > 1 and sum(weight.values()) >= SPLIT_FROM:
        helper = search.pair.get()
    if helper is None:
        return merge(options, [run(search, options, sections)], most)
    mine, theirs = split(sections, weight)
    helper.call(_lane_there, run, options, theirs, search.scores)
    here = run(search, options, mine)
    return merge(options, [here, helper.answer()], most)


def _scored_there(search: Search, trial: dict[str, str], keys: list[str], near: bool
                  ) -> dict[str, Score]:
    """In the helper process: the scores of its part of a trial's sections."""
    return {k: search.score(trial, k, near) for k in keys}


def _lane_there(search: Search, run: Run, options: dict[str, str], sections: list[str],
                scores: dict[str, Score]) -> Lane:
    """In the helper process: a lane of sections, from the scores as they stand now."""
    search.scores, search.pair = dict(scores), None
    return run(search, options, sections)


class Pair:
    """A helper process for the wording search, forked when first asked for (where that is
    safe and worth it), ended with ``close``."""

    def __init__(self, state: Any) -> None:
        self.state = state
        self.helper: Helper | None = None
        self.busy = False  # a call sent and not yet answered
        self.possible = fork_safe()
        self.since = time.perf_counter()

    def get(self) -> Helper | None:
        if self.busy:
            return None
        if self.helper is None and self.possible and time.perf_counter() - self.since >= WORTH:
            try:
                self.helper = Helper(self.state)
            except OSError:  # no process to be had (a limit): all of it here, as with one
                self.possible = False
        return self.helper

    def close(self) -> None:
        if self.helper is not None:
            self.helper.stop()
            self.helper = None
