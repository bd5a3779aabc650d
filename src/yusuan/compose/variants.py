"""The wording choices of one printed document, read from it: which of its region's variants
(``variants`` in ``narrative/templates/<profile>.yaml``, a variant's own choices included:
a change's rise and fall words within its wording) it uses, how it prints figures
(thousands separators, trailing zeros, rounding or cutting to the cent, the places of a
rate), the words it compares and changes with where it prints them (较上年, 与上年相比,
增长/下降: ``Writer.led``), the short name it gives the department (省检察院 for 江苏省人民检察院) and its word
for itself (本部门 / 本单位).

Each choice is a ``Budget.options`` entry. They are found by trying them: the narrative is
written with each candidate value in turn (a millisecond each) and the value under which
more of the printed clauses come out word for word is kept — then, to break ties, more
that differ from a printed one only in a rate or share, then only in figures (so that a
clause whose printed figure is wrong still has its wording chosen) — one choice at a time,
twice over; then the same choices once more for each section on its own, and for each
figure (``name@section.figure``) whose words are not yet as printed: the text each figure's
wording writes is marked (``MARK``) to find them. A figure's choices are tried one at a
time, then its wordings together (a change worded otherwise may need its clause too); one
whose words are as printed but for its figures tries only how it prints them. Nothing of
the printed text is copied: only which of the region's own wordings it is. Between
choices of words that reproduce as many clauses, the one whose text comes closer to the
printed clauses left (and adds none the document does not print) is kept; a figure's format
is chosen by exact clauses only. The trials are shared with a second process where there
is one (``lanes``), with the same result.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial

from yusuan.compose.choices import candidates
from yusuan.compose.closeness import closeness
from yusuan.compose.lanes import (
    Ahead,
    Figure,
    Lane,
    Pair,
    Score,
    changed,
    in_lanes,
    scored,
    timed,
)
from yusuan.compose.trials import nearby, plain, printable, stated, used
from yusuan.model.budget import Budget
from yusuan.model.disclosure import Section
from yusuan.narrative.align import clauses, has_figure, section_pairs
from yusuan.narrative.generate import narrative
from yusuan.narrative.wording import MARK, MARKS, load_templates
from yusuan.reference.numerals import strip_numbering

ROUNDS = 2
MAX_COMBOS = 36  # a figure's wordings tried together, at most
# the figures' own choices: at most so many sections written (a long document's time stays
# bounded, the same on any machine; the 江苏 corpus needs at most ~1,000)
MAX_FIGURE_TRIALS = 2000
SECTION_ONLY = ("scope", "department")  # chosen per section, not per figure
ADDED = 0.1  # closeness lost for each clause with figures written that nothing printed asks
WORDS = ("variant.", "department", "scope", "text.")  # choices of words, not of a figure's format
_MARKED = re.compile(r"⟦([^⟧]*)⟧")
_FIGURES = re.compile(r"\d[\d,，]*(?:\.\d+)?")
_CHANGE_WORDS = re.compile(r"增加了?|减少了?|增长|下降|降低|增幅|降幅|上升")
# a clause written word for word outweighs any count of near ones; one that differs only
# in a rate or share (how its amounts are worded is as printed) any that differ in amounts
WORD_FOR_WORD, NEAR = 10000, 100
_RATES = re.compile(r"\d[\d,，]*(?:\.(\d+))?(?=[%％倍])")


@functools.lru_cache(maxsize=65536)
def _rates(clause: str) -> str:
    """A clause without its rates and shares (and its change words), each kept as the places
    it prints (``#.99``): a rate printed wrong is still written with the places it has."""
    return _CHANGE_WORDS.sub("", _RATES.sub(
        lambda m: "#" + ("." + "9" * len(m.group(1)) if m.group(1) else ""), strip_numbering(clause)))


@functools.lru_cache(maxsize=65536)
def _words(clause: str, changes: bool = False) -> str:
    """A clause's words: its figures and numbering left out, and its change words unless
    ``changes``."""
    text = _FIGURES.sub("#", strip_numbering(clause))
    return text if changes else _CHANGE_WORDS.sub("", text)


class _Scorer:
    """How many printed clauses the narrative reproduces, section by section: a choice is
    scored on the sections that ask for it, each written alone. The clauses written word
    for word count first, then those of the same words with other figures (a printed figure
    that is not the tables' still has its wording chosen)."""

    def __init__(self, budget: Budget, printed: Sequence[Section]) -> None:
        self.budget = budget
        self.trials = 0  # sections written to score a choice
        written = narrative(budget)
        self.printed: dict[str, Counter[str]] = {}  # a written section's key → its clauses
        self.text: dict[str, str] = {}  # … and its words, as printed (``trials.plain``)
        for i, j in section_pairs(printed, written).items():
            key = written[j].key or ""
            self.printed.setdefault(key, Counter()).update(stated([printed[i]]))
            self.text[key] = self.text.get(key, "") + plain(
                "".join(c.text for c in clauses([printed[i]])))
        self.templates = load_templates(budget.profile)
        self.asks = {k: used(budget, only=k) for k in self.printed}
        # each section's score, and the seconds it takes to write (to share the trials)
        self.scores, self.cost = timed(lambda k: self.score(budget.options, k), self.printed)
        self.pair: Pair | None = None  # a helper process to share trials with

    def score(self, options: Mapping[str, str], key: str, near: bool = False) -> Score:
        """The clauses written word for word (then those near: other rates, other figures),
        and (``near``) how close the written text comes to the others, so that a wording
        needing two choices together — its number and its words — is reached one at a time;
        last, the clauses written that none printed asks for."""
        self.trials += 1
        again = stated(narrative(replace(self.budget, options=dict(options)),
                                           only=key))
        same = self.printed[key] & again
        printed, written = self.printed[key] - same, again - same
        rates = Counter(map(_rates, printed.elements())) & Counter(map(_rates, written.elements()))
        words = Counter(map(_words, printed.elements())) & Counter(map(_words, written.elements()))
        count = WORD_FOR_WORD * sum(same.values()) + NEAR * sum(rates.values()) + \
            sum(words.values())
        extra = max(0, sum(written.values()) - sum(printed.values()))  # stated, never printed
        if not near:
            return count, 0.0, extra
        return count, closeness(printed, written) - ADDED * extra, extra

    def asking(self, name: str) -> list[str]:
        return [k for k, asked in self.asks.items() if name in asked]

    def better(self, options: dict[str, str], trial: dict[str, str], keys: Sequence[str],
               near: bool = False, known: dict[str, Score] | None = None
               ) -> dict[str, str]:
        """``trial`` where it reproduces more on ``keys`` than now — or, for a choice of
        words (``near``), as many and closer — else ``options``. A figure's format is
        never chosen for coming closer: that would copy a wrong printed figure. ``known``:
        the trial's scores, found ahead (``lanes.Ahead``)."""
        got = scored(self, trial, keys, near) if known is None else known
        new = (sum(g[0] for g in got.values()), sum(g[1] for g in got.values()) if near else 0)
        old = (sum(self.scores[k][0] for k in keys),
               sum(self.scores[k][1] for k in keys) if near else 0)
        if new > old:
            self.scores.update(got if near else {k: (got[k][0], 0.0, got[k][2]) for k in keys})
            return trial
        return options

    def figures_left(self, options: Mapping[str, str], wheres: Sequence[str],
                     words: bool = False) -> set[str]:
        """Of the figures ``wheres`` (``section.figure``), those whose words land in a clause
        not printed so (``words``: not even with other figures): each figure's text marked
        (``MARK``) and its section written once."""
        marked = {**options, MARKS: "1", **{f"{MARK}@{w}": w for w in wheres}}
        out: set[str] = set()
        for key in dict.fromkeys(w.split(".")[0] for w in wheres):
            if key not in self.printed:
                continue
            printed = Counter(self.printed[key])
            unmatched = []  # (text, marks) of the clauses not printed word for word
            for c in clauses(narrative(replace(self.budget, options=marked), only=key)):
                text = _MARKED.sub("", c.text)
                if not has_figure(text):
                    continue
                if printed[text] > 0:
                    printed[text] -= 1
                else:
                    unmatched.append((text, _MARKED.findall(c.text)))
            near = Counter(_words(c, True) for c in printed.elements()) if words else Counter()
            for text, marks in unmatched:
                if near[_words(text, True)] > 0:  # a printed one left with these words
                    near[_words(text, True)] -= 1
                else:
                    out.update(marks)
        return out

    def left(self) -> set[str]:
        """The sections with a printed clause not yet reproduced, or a clause with figures
        written that none printed asks for."""
        return {k for k in self.printed if self.scores[k][2]
                or self.scores[k][0] < WORD_FOR_WORD * sum(self.printed[k].values())}


def _near(name: str) -> bool:
    """A choice of words (a variant, the department's name, the document's word for itself)."""
    return name.startswith(WORDS)


def choose(budget: Budget, printed: Sequence[Section]) -> dict[str, str]:
    """The options under which the narrative reproduces the most printed clauses."""
    scorer = _Scorer(budget, printed)
    scorer.pair = Pair(scorer)
    try:
        return _choose(scorer, budget, printed)
    finally:
        scorer.pair.close()


def _choose(scorer: _Scorer, budget: Budget, printed: Sequence[Section]) -> dict[str, str]:
    wanted = set().union(*scorer.asks.values()) if scorer.asks else set()
    options = dict(budget.options)
    every = candidates(budget, printed)
    choices = [(n, v) for n, v in every if n in wanted]
    for _ in range(ROUNDS):
        before = options
        for name, values in choices:
            keys = scorer.asking(name)
            if not scorer.left().intersection(keys):
                continue  # every section it words is written as printed
            ahead = Ahead(scorer, options, name, values, keys, _near(name))
            for value in values:
                if keys and options.get(name) != value:
                    options = scorer.better(options, {**options, name: value}, keys,
                                            _near(name), ahead.get(options, value))
            ahead.close()
        if options is before:
            break
    return titles(budget, printed, _parts(scorer, options, dict(every)))


def _parts(scorer: _Scorer, options: dict[str, str], choices: dict[str, tuple[str, ...]]
           ) -> dict[str, str]:
    """The document's choices, then each section's and each figure's own where some printed
    clause of that section is not yet written alike: the sections in two lanes, one in the
    helper process where there is one (``lanes``)."""
    chosen = replace(scorer.budget, options=options)  # what the writers ask as now chosen
    scorer.asks = {k: used(chosen, only=k) for k in scorer.printed}
    wanted = set().union(*scorer.asks.values()) if scorer.asks else set()
    return in_lanes(scorer, options, sorted(scorer.left()), wanted,
                    partial(_lane, wanted=wanted, choices=choices), MAX_FIGURE_TRIALS)


def _lane(scorer: _Scorer, options: dict[str, str], sections: list[str], *,
          wanted: set[str], choices: dict[str, tuple[str, ...]]) -> Lane:
    """The ``sections``' own choices, then each figure's, tried where that figure is not yet
    as printed: as the sections are written now (a section listing its items of 0 has more
    figures), in the document's order, up to ``MAX_FIGURE_TRIALS`` sections written."""
    base = options
    own = [(n, v) for n, v in scoped(wanted, choices, set(sections))
           if "." not in n.partition("@")[2]]
    for name, values in own:  # a section's own
        where = name.partition("@")[2]
        for value in values:
            if options.get(name) != value:
                options = scorer.better(options, {**options, name: value},
                                        [where.split(".")[0]], _near(name))
    # a section that writes a clause none printed asks for (a 0 the document leaves out): its
    # own wordings together, as a figure's (leaving one out may need another ending)
    for section in sorted(k for k in sections if scorer.scores[k][2]):
        options = _figure(scorer, options, section,
                          [c for c in own if c[0].endswith("@" + section)])
    lane = Lane(changed(base, options))
    chosen = replace(scorer.budget, options=options)
    left = scorer.left() & set(sections)
    asked = set().union(*(used(chosen, only=k) for k in left)) if left else set()
    figures: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, values in scoped(asked, choices, left):
        where = name.partition("@")[2]
        if "." in where:
            figures.setdefault(where, []).append((name, values))
    todo = scorer.figures_left(options, list(figures)) if figures else set()
    start = scorer.trials
    for where, named in figures.items():
        if where in todo and scorer.trials - start < MAX_FIGURE_TRIALS:
            before, trials = options, scorer.trials
            options = _figure(scorer, options, where, named)
            lane.figures.append(Figure((named[0][0].count("."), named[0][0]),
                                       scorer.trials - trials, changed(before, options)))
    return lane


def _figure(scorer: _Scorer, options: dict[str, str], where: str,
            named: list[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """One figure's choices: each on its own, then its wordings together (a change worded
    otherwise may need its clause too), at most ``MAX_COMBOS``, while it is not as printed."""
    section = [where.split(".")[0]]
    if where not in scorer.figures_left(options, [where], words=True):
        # its words are as printed, only figures differ: how it prints them may be its own
        named = [(n, v) for n, v in named if not n.startswith("variant.")]
    for _ in range(ROUNDS):  # each alone, again while that moves it nearer
        before = options
        for name, values in named:
            for value in values:
                if options.get(name) != value:
                    was = options
                    options = scorer.better(options, {**options, name: value}, section,
                                            _near(name))
                    if options is not was and where not in scorer.figures_left(options,
                                                                                [where]):
                        return options  # written as printed now
        if options is before:
            break
    # its wordings together: only those whose words the printed section has, the
    # combinations changing fewest of the current choices first
    text = scorer.text.get(section[0], "")
    wordings = [(n, printable(scorer.templates, n, v, text)) for n, v in named
                if n.startswith("variant.")]
    names = [n for n, _ in wordings]
    if len(names) < 2 or where not in scorer.figures_left(options, [where]):
        return options
    current = tuple(_current(options, n) for n in names)
    for combo in nearby(current, [v for _, v in wordings], MAX_COMBOS, fewest=2):
        if section[0] not in scorer.left():
            break  # its section is written as printed now
        trial = {**options, **dict(zip(names, combo, strict=True))}
        options = scorer.better(options, trial, section, near=True)
    return options


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
