"""Which of a figure's wording choices are worth trying together, and in what order: only
the wordings whose words the printed section has (``printable``), the combinations changing
fewest of the current choices first (``nearby``: its wording with its change, its change
with its reason); the clauses of each sentence written that state figures, found once
(``stated``); the options the writers look up (``used``)."""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from yusuan.model.budget import Budget
from yusuan.model.disclosure import Section, Sentence
from yusuan.narrative.align import clauses, has_figure
from yusuan.narrative.generate import narrative

DIRECTIONS = ("increase", "decrease", "new", "unchanged")  # a change's forms
PLAIN = str.maketrans({"．": ".", "(": "（", ")": "）", "，": ",", " ": None})


def plain(text: str) -> str:
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
        if isinstance(variant, dict) and "lead" in variant:
            # a change worded in parts: the forms of each direction, opening with its lead
            forms = [f.replace("{lead}", str(variant["lead"]))
                     for k in DIRECTIONS for f in _forms(variant.get(k, ""))]
        if not any("{" in f for f in forms):
            return True
        return any(all(plain(piece) in text for piece in re.split(r"\{[^}]*\}", f) if piece)
                   for f in forms)

    return tuple(v for v in values
                 if not v.isdigit() or int(v) >= len(variants) or fits(variants[int(v)]))


def _forms(node: Any) -> list[str]:
    """The strings of a wording node, its own variants' included."""
    if isinstance(node, dict):
        return [f for v in node.values() for f in _forms(v)]
    if isinstance(node, list):
        return [f for v in node for f in _forms(v)]
    return [str(node)]


def nearby(current: tuple[str, ...], values: Sequence[tuple[str, ...]], most: int,
           fewest: int = 1) -> Iterator[tuple[str, ...]]:
    """At most ``most`` combinations of a figure's choices, those changing fewest of the
    ``current`` ones first: each alone, then two together (its wording with its change, its
    change with its reason), then three; ``fewest``: from so many together (each alone has
    been tried already)."""
    count = 0
    for k in range(fewest, len(values) + 1):
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


def stated(sections: Sequence[Section]) -> Counter[str]:
    """The clauses of the sections that state a figure (``align.clauses``, ``has_figure``),
    each sentence split once: a trial writes most sentences as the one before did."""
    return Counter(c for s in sections for p in s.paragraphs for t in p for c in _stated(t.text))


@functools.lru_cache(maxsize=65536)
def _stated(sentence: str) -> tuple[str, ...]:
    one = Section("", "", ((Sentence(sentence),),))
    return tuple(c.text for c in clauses([one]) if has_figure(c.text))


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
