"""Part 4 (名词解释): the budget's own glossary, or the default shipped as data
(``yusuan/reference/glossary.yaml``, the reference document's eight terms;
``glossary-final.yaml``, the 上海 2024 部门决算 template's terms, for final accounts)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from yusuan.model.disclosure import GlossaryTerm


@cache
def default_glossary(final: bool = False) -> tuple[GlossaryTerm, ...]:
    """The shipped terms: the budget's, or a 决算's (``glossary-final.yaml``)."""
    name = "glossary-final.yaml" if final else "glossary.yaml"
    path = resources.files("yusuan.reference") / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(GlossaryTerm(str(g["term"]), str(g["definition"])) for g in data["glossary"])


def glossary(terms: tuple[GlossaryTerm, ...], final: bool = False) -> tuple[GlossaryTerm, ...]:
    """The given terms, or the default glossary (of a 决算 where ``final``) when there are none."""
    return terms or default_glossary(final)
