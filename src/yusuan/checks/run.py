"""Running the catalogue on a ``Disclosure``: ``check_disclosure`` → findings, in catalogue
order; ``findings_json`` → the JSON ``yusuan build`` writes beside its outputs (``checks.json``).

A rule that crashes becomes one ``internal`` finding naming the rule and the exception; the
other rules still run.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from yusuan.checks.catalogue import CATALOGUE
from yusuan.checks.context import Context
from yusuan.checks.roots import root_causes
from yusuan.checks.rule import Rule
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import SEVERITIES, Finding

SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def _crash(rule: Rule, exc: Exception) -> Finding:
    return Finding(
        rule_id=rule.id, severity="error", category="internal",
        message=f"检查规则 {rule.id} 运行出错（{type(exc).__name__}: {exc}），其结果缺失：请报告此问题",
    )


def check_disclosure(disclosure: Disclosure,
                     rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Every finding of every applicable rule (the whole catalogue unless ``rules`` is given),
    one per root cause (``roots``: the same difference in parents and linked tables folded).
    The rules share one ``Context``, built here."""
    ctx = Context.of(disclosure)
    out: list[Finding] = []
    for rule in CATALOGUE if rules is None else rules:
        if not rule.applies_to(disclosure):
            continue
        try:
            out.extend(rule.check(ctx))
        except Exception as exc:  # a broken rule must not abort the run
            out.append(_crash(rule, exc))
    return root_causes(out, disclosure)


@dataclass(frozen=True)
class Summary:
    error: int = 0
    warning: int = 0
    info: int = 0

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Summary:
        c = Counter(f.severity for f in findings)
        return cls(error=c["error"], warning=c["warning"], info=c["info"])

    def __add__(self, other: Summary) -> Summary:
        return Summary(self.error + other.error, self.warning + other.warning,
                       self.info + other.info)

    def text(self) -> str:
        return f"错误 {self.error} 个，警告 {self.warning} 个，提示 {self.info} 个"


def findings_to_json(findings: Iterable[Finding]) -> bytes:
    """Findings as the JSON list of docs/design.md (Findings) (UTF-8, one object per finding)."""
    data = [f.to_data() for f in findings]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def findings_json(disclosure: Disclosure) -> bytes:
    """The findings on ``disclosure`` as UTF-8 JSON (``checks.json`` of ``yusuan build``)."""
    return findings_to_json(check_disclosure(disclosure))
