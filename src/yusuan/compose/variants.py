"""The wording choices of one printed document, read from it: which of its region's variants
(``variants`` in ``narrative/templates/<profile>.yaml``) it uses, how it prints figures
(thousands separators, trailing zeros, rounding or cutting to the cent), the short name it
gives the department (省检察院 for 江苏省人民检察院) and its word for itself (本部门 / 本单位).

Each choice is a ``Budget.options`` entry. They are found by trying them: the narrative is
written with each candidate value in turn (a millisecond each) and the value under which
more of the printed clauses come out word for word is kept — one choice at a time, twice
over; then the same choices once more for each section on its own and for each figure (its
wordings together: a change worded otherwise may need its clause too), where the document
words one part otherwise than the rest. Nothing of the printed text is copied: only which of the region's own wordings it is.
"""

from __future__ import annotations

import itertools
import multiprocessing
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from yusuan.background import Beside, fork_safe
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Section
from yusuan.narrative.align import clauses, has_figure, section_pairs
from yusuan.narrative.generate import narrative
from yusuan.narrative.wording import load_templates

NUMBER_CHOICES = (("numbers.separators", ("yes", "no", "wide")), ("numbers.trim", ("no", "yes", "whole")),
                  ("numbers.share_places.three_public", ("2", "1")),
                  ("numbers.rounding", ("half-up", "down")), ("text.brackets", ("", "full")),
                  ("text.dots", ("", "ascii")), ("numbers.zero", ("", "0", "0.00")))
SCOPES = ("部门", "单位")
ROUNDS = 2
MAX_COMBOS = 36  # a figure's wordings tried together, at most


def variant_keys(node: Any, prefix: str = "") -> Iterator[tuple[str, int]]:
    """Every template with variants: (key, how many)."""
    if not isinstance(node, dict):
        return
    if "variants" in node:
        yield prefix, len(node["variants"])
        return
    for k, v in node.items():
        yield from variant_keys(v, f"{prefix}/{k}" if prefix else str(k))


def short_names(department: str, text: str) -> list[str]:
    """Names the text gives the department other than its full name: runs of its characters,
    in its order and ending as it ends (省检察院, 财政局), printed at least twice."""
    if not department:
        return []
    chars = set(department)
    found: Counter[str] = Counter()
    tail = department[-1]
    for m in re.finditer(re.escape(tail), text):
        start = m.start()
        while start > 0 and text[start - 1] in chars:
            start -= 1
        for begin in range(start, m.start() - 1):  # the longest such run only
            name = text[begin:m.end()]
            if _subsequence(name, department):
                if name != department and len(name) >= 3:
                    found[name] += 1
                break
    return [n for n, count in found.most_common(4) if count >= 2]


def _subsequence(a: str, b: str) -> bool:
    it = iter(b)
    return all(ch in it for ch in a)


def _printed_clauses(sections: Sequence[Section]) -> Counter[str]:
    return Counter(c.text for c in clauses(sections) if has_figure(c.text))


def candidates(budget: Budget, printed: Sequence[Section]) -> list[tuple[str, tuple[str, ...]]]:
    text = "".join(c.text for c in clauses(printed))
    names = short_names(budget.department, text)
    out: list[tuple[str, tuple[str, ...]]] = list(NUMBER_CHOICES)
    if names:
        out.append(("department", (budget.department, *names)))
    out.append(("scope", SCOPES))
    out += [(f"variant.{key}", tuple(str(i) for i in range(n)))
            for key, n in variant_keys(load_templates(budget.profile))]
    return out


class _Watched(dict[str, str]):
    """Options that note which of them the writers look up."""

    def __init__(self, options: Mapping[str, str]) -> None:
        super().__init__(options)
        self.asked: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.add(key)
        return super().get(key, default)


def used(budget: Budget, only: str | None = None) -> set[str]:
    """The options the region's writers look up for this document (a variant of a template
    the document does not use is not worth trying); ``only``: for that section."""
    watched = _Watched(budget.options)
    narrative(replace(budget, options=watched), only=only)
    return watched.asked


class _Scorer:
    """How many printed clauses the narrative reproduces, section by section: a choice is
    scored on the sections that ask for it, each written alone."""

    def __init__(self, budget: Budget, printed: Sequence[Section]) -> None:
        self.budget = budget
        written = narrative(budget)
        self.printed: dict[str, Counter[str]] = {}  # a written section's key → its clauses
        for i, j in section_pairs(printed, written).items():
            self.printed.setdefault(written[j].key or "", Counter()).update(
                _printed_clauses([printed[i]]))
        self.asks = {k: used(budget, only=k) for k in self.printed}
        self.scores = {k: self.score(budget.options, k) for k in self.printed}

    def score(self, options: Mapping[str, str], key: str) -> int:
        again = _printed_clauses(narrative(replace(self.budget, options=dict(options)),
                                           only=key))
        return sum((self.printed[key] & again).values())

    def asking(self, name: str) -> list[str]:
        return [k for k, asked in self.asks.items() if name in asked]

    def better(self, options: dict[str, str], trial: dict[str, str], keys: Sequence[str]
               ) -> dict[str, str]:
        """``trial`` where it reproduces more on ``keys`` than now, else ``options``."""
        got = {k: self.score(trial, k) for k in keys}
        if sum(got.values()) > sum(self.scores[k] for k in keys):
            self.scores.update(got)
            return trial
        return options

    def left(self) -> set[str]:
        """The sections with a printed clause not yet reproduced."""
        return {k for k in self.printed if self.scores[k] < sum(self.printed[k].values())}


def choose(budget: Budget, printed: Sequence[Section]) -> dict[str, str]:
    """The options under which the narrative reproduces the most printed clauses."""
    scorer = _Scorer(budget, printed)
    wanted = set().union(*scorer.asks.values()) if scorer.asks else set()
    options = dict(budget.options)
    choices = [(n, v) for n, v in candidates(budget, printed) if n in wanted]
    for _ in range(ROUNDS):
        before = options
        for name, values in choices:
            keys = scorer.asking(name)
            for value in values:
                if keys and options.get(name) != value:
                    options = scorer.better(options, {**options, name: value}, keys)
        if options is before:
            break
    return titles(budget, printed, _parts(scorer, options, dict(choices)))


def _parts(scorer: _Scorer, options: dict[str, str], choices: dict[str, tuple[str, ...]]
           ) -> dict[str, str]:
    """The document's choices, then each section's and each figure's own where some printed
    clause of that section is not yet written alike.

    A section's choices (``name@section…``) change its text only, so the sections are tried
    apart: shared with a forked process where there are two processors, each taking the
    next section left (the result is the same; this is most of the time a printed document
    takes to be written again)."""
    chosen = replace(scorer.budget, options=options)  # what the writers ask as now chosen
    scorer.asks = {k: used(chosen, only=k) for k in scorer.printed}
    wanted = set().union(*scorer.asks.values()) if scorer.asks else set()
    trials = scoped(wanted, choices, scorer.left())
    sections = _by_section(trials)
    if len(sections) < 2 or not fork_safe():
        return _section_choices(scorer, options, trials)
    taken = multiprocessing.get_context("fork").Value("i", 0)  # the next section to take
    with Beside(partial(_sections_taken, scorer, options, sections, taken)) as other:
        mine = _sections_taken(scorer, options, sections, taken)
        theirs = other.result()
    return {**mine, **{k: v for k, v in theirs.items() if options.get(k) != v}}


Trials = list[tuple[str, tuple[str, ...]]]


def _by_section(trials: Trials) -> list[Trials]:
    """``trials`` by section (each in the order given), the sections with most trials first
    (a figure's wordings tried together count as their combinations, at most ``MAX_COMBOS``)."""
    out: dict[str, Trials] = {}
    for trial in trials:
        out.setdefault(trial[0].partition("@")[2].split(".")[0], []).append(trial)

    def size(section: Trials) -> int:
        alone, together = 0, Counter[str]()
        for name, values in section:
            where = name.partition("@")[2]
            if "." in where and name.startswith("variant."):
                together[where] = together.get(where, 1) * len(values)
            else:
                alone += len(values)
        return alone + sum(min(MAX_COMBOS, n) for n in together.values())

    return sorted(out.values(), key=size, reverse=True)


def _sections_taken(scorer: _Scorer, options: dict[str, str], sections: list[Trials],
                    taken: Any) -> dict[str, str]:
    """``_section_choices`` of the sections this process takes, one after the other, until
    none is left (two processes share them so: neither waits long for the other)."""
    while True:
        with taken.get_lock():
            i = taken.value
            taken.value += 1
        if i >= len(sections):
            return options
        options = _section_choices(scorer, options, sections[i])


def _section_choices(scorer: _Scorer, options: dict[str, str], trials: Trials
                     ) -> dict[str, str]:
    """``options`` with the scoped ``trials`` kept where they write more as printed."""
    together: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, values in trials:
        where = name.partition("@")[2]
        if "." in where and name.startswith("variant."):  # a figure's wordings together
            together.setdefault(where, []).append((name, values))
            continue
        for value in values:
            if options.get(name) != value:
                options = scorer.better(options, {**options, name: value},
                                        [where.split(".")[0]])
    for where, named in together.items():
        names = [n for n, _ in named]
        for combo in itertools.islice(itertools.product(*(v for _, v in named)), MAX_COMBOS):
            if where.split(".")[0] not in scorer.left():
                break  # its section is written as printed now
            options = scorer.better(options, {**options, **dict(zip(names, combo, strict=True))},
                                    [where.split(".")[0]])
    return options


def titles(budget: Budget, printed: Sequence[Section], options: dict[str, str]
           ) -> dict[str, str]:
    """Each section titled as the printed section it pairs with, where the region's wording
    file gives that section several titles (``title@<key>``)."""
    written = narrative(replace(budget, options=options))
    entries = {e["key"]: e for e in load_templates(budget.profile).get("structure", ())}
    out = dict(options)
    for i, j in section_pairs(printed, written).items():
        entry = entries.get(written[j].key or "")
        if entry is None or isinstance(entry["title"], str):
            continue
        want = re.sub(r"\s", "", printed[i].title)
        for n in range(len(entry["title"])):
            trial = {**out, f"title@{entry['key']}": str(n)}
            again = narrative(replace(budget, options=trial), only=entry["key"])
            if again and re.sub(r"\s", "", again[0].title) == want:
                out = trial
                break
    return out


def scoped(asked: set[str], choices: dict[str, tuple[str, ...]], sections: set[str]
           ) -> list[tuple[str, tuple[str, ...]]]:
    """The choices the writers look up for one section or one figure (``name@section``,
    ``name@section.figure``: ``Writer.option``) of the ``sections`` given, sections first:
    tried after the document's own, so a section or figure worded otherwise than the rest
    keeps its own wording."""
    out = []
    for name in asked:
        base, _, where = name.partition("@")
        if where and base in choices and where.split(".")[0] in sections:
            out.append((name, choices[base]))
    return sorted(out, key=lambda c: (c[0].count("."), c[0]))
