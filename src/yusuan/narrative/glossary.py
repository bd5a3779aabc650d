"""Part 4 (名词解释): the budget's own glossary, or the default shipped as data
(``yusuan/reference/glossary.yaml``, the reference document's eight terms)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from yusuan.model.disclosure import GlossaryTerm


@cache
def default_glossary() -> tuple[GlossaryTerm, ...]:
    path = resources.files("yusuan.reference") / "glossary.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(GlossaryTerm(str(g["term"]), str(g["definition"])) for g in data["glossary"])


def glossary(terms: tuple[GlossaryTerm, ...]) -> tuple[GlossaryTerm, ...]:
    """The given terms, or the default glossary when there are none."""
    return terms or default_glossary()
