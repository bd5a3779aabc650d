"""The wording choices of one printed document, read from it: which of its region's variants
(``variants`` in ``narrative/templates/<profile>.yaml``) it uses, how it prints figures
(thousands separators, trailing zeros, rounding or cutting to the cent), the short name it
gives the department (省检察院 for 江苏省人民检察院) and its word for itself (本部门 / 本单位).

Each choice is a ``Budget.options`` entry. They are found by trying them: the narrative is
written with each candidate value in turn (a millisecond each) and the value under which
more of the printed clauses come out word for word is kept — one choice at a time, twice
over; then the same choices once more for each section on its own and for each figure (its
wordings together: a change worded otherwise may need its clause too), where the document
words one part otherwise than the rest. Between choices of words that reproduce as many
clauses, the one whose text comes closer to the printed clauses left (and adds none the
document does not print) is kept, so a wording that needs two choices (its numbering and its
words) is reached one at a time; a figure's format is chosen by exact clauses only. Nothing
of the printed text is copied: only which of the region's own wordings it is.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

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
SECTION_ONLY = ("scope", "department")  # chosen per section, not per figure
ADDED = 0.1  # closeness lost for each clause with figures written that nothing printed asks
WORDS = ("variant.", "department", "scope")  # choices of words, not of a figure's format


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
    # printed twice, or once where it is the name without its place (上海市普陀区财政局 → 财政局)
    return [n for n, count in found.most_common(4)
            if count >= 2 or department.endswith(n)]


def _subsequence(a: str, b: str) -> bool:
    it = iter(b)
    return all(ch in it for ch in a)


def closeness(printed: Counter[str], written: Counter[str]) -> float:
    """How near the written clauses come to the printed ones not written alike: the mean,
    over those printed clauses, of the best similarity to a written one (0 to 1)."""
    if not printed:
        return 0.0
    total = sum(n * max((_ratio(text, other) for other in written), default=0.0)
                for text, n in printed.items())
    return total / sum(printed.values())


@functools.lru_cache(maxsize=65536)
def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


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

    def score(self, options: Mapping[str, str], key: str, near: bool = True
              ) -> tuple[int, float]:
        """The printed clauses written word for word, and (``near``) how close the written
        text comes to the others (so that a wording needing two choices together — its
        number and its words — is reached one choice at a time)."""
        again = _printed_clauses(narrative(replace(self.budget, options=dict(options)),
                                           only=key))
        exact = self.printed[key] & again
        if not near:
            return sum(exact.values()), 0.0
        left, added = self.printed[key] - exact, again - exact
        extra = max(0, sum(added.values()) - sum(left.values()))  # stated, never printed
        return sum(exact.values()), closeness(left, added) - ADDED * extra

    def asking(self, name: str) -> list[str]:
        return [k for k, asked in self.asks.items() if name in asked]

    def better(self, options: dict[str, str], trial: dict[str, str], keys: Sequence[str],
               near: bool = False) -> dict[str, str]:
        """``trial`` where it reproduces more on ``keys`` than now — or, for a choice of
        words (``near``), as many and closer — else ``options``. A figure's format is
        never chosen for coming closer: that would copy a wrong printed figure."""
        got = {k: self.score(trial, k, near) for k in keys}
        new = (sum(g[0] for g in got.values()), sum(g[1] for g in got.values()) if near else 0)
        old = (sum(self.scores[k][0] for k in keys),
               sum(self.scores[k][1] for k in keys) if near else 0)
        if new > old:
            self.scores.update(got if near else {k: self.score(trial, k) for k in keys})
            return trial
        return options

    def left(self) -> set[str]:
        """The sections with a printed clause not yet reproduced."""
        return {k for k in self.printed if self.scores[k][0] < sum(self.printed[k].values())}


def _near(name: str) -> bool:
    """A choice of words (a variant, the department's name, the document's word for itself)."""
    return name.startswith(WORDS)


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
                    options = scorer.better(options, {**options, name: value}, keys,
                                            _near(name))
        if options is before:
            break
    return titles(budget, printed, _parts(scorer, options, dict(choices)))


def _parts(scorer: _Scorer, options: dict[str, str], choices: dict[str, tuple[str, ...]]
           ) -> dict[str, str]:
    """The document's choices, then each section's and each figure's own where some printed
    clause of that section is not yet written alike."""
    chosen = replace(scorer.budget, options=options)  # what the writers ask as now chosen
    scorer.asks = {k: used(chosen, only=k) for k in scorer.printed}
    wanted = set().union(*scorer.asks.values()) if scorer.asks else set()
    together: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, values in scoped(wanted, choices, scorer.left()):
        where = name.partition("@")[2]
        if "." in where and name.startswith("variant."):  # a figure's wordings together
            together.setdefault(where, []).append((name, values))
            continue
        for value in values:
            if options.get(name) != value:
                options = scorer.better(options, {**options, name: value},
                                        [where.split(".")[0]], _near(name))
    for where, named in together.items():
        names = [n for n, _ in named]
        ordered = [_as_now_first(v, _current(options, n)) for n, v in named]
        for combo in itertools.islice(itertools.product(*ordered), MAX_COMBOS):
            if where.split(".")[0] not in scorer.left():
                break  # its section is written as printed now
            options = scorer.better(options, {**options, **dict(zip(names, combo, strict=True))},
                                    [where.split(".")[0]], near=True)
    return options


def _as_now_first(values: tuple[str, ...], now: str) -> list[str]:
    return sorted(values, key=lambda x: x != now)


def _current(options: Mapping[str, str], name: str) -> str:
    """The value ``name@section.figure`` has now (its section's, or the document's)."""
    base, _, where = name.partition("@")
    for key in (name, f"{base}@{where.split('.')[0]}", base):
        if key in options:
            return options[key]
    return "0"


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
        if "." in where and base in SECTION_ONLY:
            continue
        if where and base in choices and where.split(".")[0] in sections:
            out.append((name, choices[base]))
    return sorted(out, key=lambda c: (c[0].count("."), c[0]))
