"""The wording choices of one printed document, read from it: which of its region's variants
(``variants`` in ``narrative/templates/<profile>.yaml``) it uses, how it prints figures
(thousands separators, trailing zeros, rounding or cutting to the cent), the short name it
gives the department (省检察院 for 江苏省人民检察院) and its word for itself (本部门 / 本单位).

Each choice is a ``Budget.options`` entry. They are found by trying them: the narrative is
written with each candidate value in turn (a millisecond each) and the value under which
more of the printed clauses come out word for word is kept — one choice at a time, twice
over; then the same choices once more for each section on its own and for each figure (its
wordings together, fewest changes first — its sentence with its change, its change with its
reason — of the wordings whose words the printed section has), where the document words one
part otherwise than the rest. Last, among choices that reproduce as many clauses, the one
whose clauses are alike but for a figure (a wrong printed figure keeps its words) and that
writes nothing the printed section has nothing like (a 0 it does not state is left out).
Nothing of the printed text is copied: only which of the region's own wordings it is.
"""

from __future__ import annotations

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
MAX_COMBOS = 160  # a figure's wordings tried together, at most
PLAIN = str.maketrans({"．": ".", "(": "（", ")": "）", "，": ",", " ": None})
VERBATIM, ALIKE = 1000, 10  # a clause word for word outweighs any number alike or extra
FIGURE = re.compile(r"\d[\d,，]*(?:\.\d+)?")


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
        self.text: dict[str, str] = {}  # … and its words, as ``_plain`` compares them
        for i, j in section_pairs(printed, written).items():
            self.printed.setdefault(written[j].key or "", Counter()).update(
                _printed_clauses([printed[i]]))
            self.text[written[j].key or ""] = self.text.get(written[j].key or "", "") + _plain(
                "".join(c.text for c in clauses([printed[i]])))
        self.asks = {k: used(budget, only=k) for k in self.printed}
        self.templates = load_templates(budget.profile)
        self.last: Counter[str] = Counter()  # the clauses the last score counted
        self.near = False  # clauses alike but for their figures counted too, and those
        # the printed section has nothing like counted against
        self.scores = {k: self.score(budget.options, k) for k in self.printed}

    def written(self, options: Mapping[str, str], key: str) -> Counter[str]:
        return _printed_clauses(narrative(replace(self.budget, options=dict(options)),
                                          only=key))

    def score(self, options: Mapping[str, str], key: str) -> int:
        """Clauses word for word first; then, to choose between wordings that reproduce as
        many, clauses alike but for their figures (a printed figure the tables do not give
        still has its words), less clauses the printed section has nothing like."""
        again = self.last = self.written(options, key)
        verbatim = sum((self.printed[key] & again).values())
        if not self.near:
            return VERBATIM * verbatim
        alike, printed = _masked(again), _masked(self.printed[key])
        return (VERBATIM * verbatim + ALIKE * sum((printed & alike).values())
                - sum((alike - printed).values()))

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
        most = VERBATIM + (ALIKE if self.near else 0)
        return {k for k in self.printed if self.scores[k] < most * sum(self.printed[k].values())}


def _plain(text: str) -> str:
    """Text as a wording's words are looked for in it: one kind of dot and bracket."""
    return text.translate(PLAIN)


def printable(templates: dict[str, Any], name: str, values: tuple[str, ...], text: str
              ) -> tuple[str, ...]:
    """The values of a wording choice whose words the printed section has (each piece of
    text between its placeholders, in one of its forms: increase, decrease…); a value that is
    no template (``omit``, ``list``) is kept. The others cannot be printed there, and a
    figure's combinations of them are not worth trying."""
    node: Any = templates
    for part in name.removeprefix("variant.").partition("@")[0].split("/"):
        node = node.get(part) if isinstance(node, dict) else None
    variants = node.get("variants") if isinstance(node, dict) else None
    if not isinstance(variants, list):
        return values

    def fits(variant: Any) -> bool:
        forms = [str(f) for f in (variant.values() if isinstance(variant, dict) else [variant])]
        if not any("{" in f for f in forms):
            return True
        return any(all(_plain(piece) in text for piece in re.split(r"\{[^}]*\}", f) if piece)
                   for f in forms)

    return tuple(v for v in values
                 if not v.isdigit() or int(v) >= len(variants) or fits(variants[int(v)]))


def _masked(found: Counter[str]) -> Counter[str]:
    """Clauses with their figures masked."""
    out: Counter[str] = Counter()
    for text, n in found.items():
        out[FIGURE.sub("#", text)] += n
    return out


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
    options = _parts(scorer, options, dict(choices))
    # then, among wordings that reproduce as many clauses word for word, the one whose
    # clauses are alike but for a figure (the printed figure the tables do not give: the
    # original's own inconsistency, its words kept) and that writes nothing the printed
    # section has nothing like (a 0 the document does not state left out)
    scorer.near = True
    scorer.scores = {k: scorer.score(options, k) for k in scorer.printed}
    return titles(budget, printed, _parts(scorer, options, dict(choices), figures=False))


def _parts(scorer: _Scorer, options: dict[str, str], choices: dict[str, tuple[str, ...]],
           figures: bool = True) -> dict[str, str]:
    """The document's choices, then each section's and (``figures``) each figure's own where
    some printed clause of that section is not yet written alike."""
    chosen = replace(scorer.budget, options=options)  # what the writers ask as now chosen
    scorer.asks = {k: used(chosen, only=k) for k in scorer.printed}
    wanted = set().union(*scorer.asks.values()) if scorer.asks else set()
    together: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    # the near pass (no ``figures``): a wording before its number format
    for name, values in sorted(scoped(wanted, choices, scorer.left()),
                               key=lambda c: figures or not c[0].startswith("variant.")):
        where = name.partition("@")[2]
        if "." in where and not figures:
            continue
        if "." in where and name.startswith("variant."):  # a figure's wordings together
            section = where.split(".")[0]
            together.setdefault(where, []).append((name, printable(
                scorer.templates, name, values, scorer.text.get(section, ""))))
            continue
        for value in values:
            if options.get(name) != value:
                options = scorer.better(options, {**options, name: value},
                                        [where.split(".")[0]])
    for where, named in together.items():
        names = [n for n, _ in named]
        section = where.split(".")[0]
        current = tuple(options.get(n) for n in names)
        before = scorer.written(options, section)
        mine: Counter[str] = Counter()  # the figure's clauses: those a choice of it changes
        for combo in nearby(current, [v for _, v in named], MAX_COMBOS):
            if section not in scorer.left():
                break  # its section is written as printed now
            trial = {**options, **{n: v for n, v in zip(names, combo, strict=True)
                                   if v is not None}}
            single = sum(a != b for a, b in zip(combo, current, strict=True)) == 1
            if not single and mine and not mine - scorer.printed[section]:
                break  # its clauses are written as printed
            options = scorer.better(options, trial, [section])
            if single:
                mine |= before - scorer.last
    return options


def nearby(current: tuple[str | None, ...], values: Sequence[tuple[str, ...]], most: int
           ) -> Iterator[tuple[str | None, ...]]:
    """At most ``most`` combinations of a figure's choices, those changing fewest of the
    ``current`` ones first: each alone, then two together (its wording with its change, its
    change with its reason), then three."""
    count = 0
    for k in range(1, len(values) + 1):
        for at in itertools.combinations(range(len(values)), k):
            for picked in itertools.product(*(values[i] for i in at)):
                if any(current[i] == v for i, v in zip(at, picked, strict=True)):
                    continue  # not a change of each
                combo = list(current)
                for i, v in zip(at, picked, strict=True):
                    combo[i] = v
                yield tuple(combo)
                count += 1
                if count >= most:
                    return


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
