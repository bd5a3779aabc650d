"""Rules read an explicit, frozen ``Context`` built by the runner: the disclosure, its profile,
the shared index and the other documents of the run — no cache shared between runs."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.checks.helpers import disclosure, findings_of, set_cell
from yusuan.checks import cross_year, final_budget
from yusuan.checks.context import Context
from yusuan.checks.index import Index
from yusuan.checks.rule import Rule
from yusuan.checks.run import check_disclosure
from yusuan.model.disclosure import Disclosure
from yusuan.model.finding import Finding, Location
from yusuan.model.profiles import load_profile


def test_the_context_holds_the_document_its_profile_and_index(korla_disclosure) -> None:  # type: ignore[no-untyped-def]
    ctx = Context.of(korla_disclosure)
    assert ctx.disclosure is korla_disclosure
    assert ctx.profile is load_profile(korla_disclosure.profile)
    assert ctx.table("gpb") is ctx.index["gpb"] and ctx.table("no-such-table") is None
    assert ctx.previous is None and ctx.budget is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.previous = korla_disclosure  # type: ignore[misc]
    assert "一般公共预算" in ctx.index.text and ctx.index.text is ctx.index.text  # computed once


def test_an_unknown_profile_gives_no_profile_not_an_error() -> None:
    d = dataclasses.replace(disclosure(), profile="nowhere-1")
    assert Context.of(d).profile is None
    assert any(f.rule_id == "completeness.tables-present" for f in check_disclosure(d))


def test_every_rule_of_one_run_gets_the_same_context(korla_disclosure) -> None:  # type: ignore[no-untyped-def]
    seen: list[Context] = []

    def spy(ctx: Context) -> Iterator[Finding]:
        seen.append(ctx)
        yield from ()

    rules = [Rule(f"test.spy-{i}", "info", "internal", "spy", "test", spy) for i in range(3)]
    check_disclosure(korla_disclosure, rules)
    check_disclosure(korla_disclosure, rules)
    assert len(seen) == 6 and len({id(c) for c in seen[:3]}) == 1
    assert seen[3] is not seen[0]  # a new run, a new context: nothing kept between runs


def test_runs_in_threads_do_not_see_each_others_documents(korla_disclosure) -> None:  # type: ignore[no-untyped-def]
    """With the old per-thread cache gone, interleaved runs of two documents stay apart."""
    broken = set_cell(korla_disclosure, "gpb", "total", "1.00", code="201")
    expected = {d.department: sorted(f.message for f in check_disclosure(d))
                for d in (korla_disclosure, dataclasses.replace(broken, department="乙"))}
    docs = [korla_disclosure, dataclasses.replace(broken, department="乙")] * 4
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda d: (d.department, sorted(
            f.message for f in check_disclosure(d))), docs))
    assert all(found == expected[name] for name, found in results)
    assert findings_of(broken, "gpb.total-eq-classes") != findings_of(korla_disclosure,
                                                                       "gpb.total-eq-classes")


def test_pair_rules_read_the_other_document_from_the_context(korla_disclosure) -> None:  # type: ignore[no-untyped-def]
    alone = Context.of(korla_disclosure)
    assert all(rule.run(alone) == [] for rule in (*cross_year.RULES, *final_budget.RULES))
    last: Disclosure = dataclasses.replace(korla_disclosure, year=korla_disclosure.year - 2)
    ctx = Context.of(korla_disclosure, previous=last)
    [f] = cross_year.SAME_SERIES.run(ctx)
    assert f.rule_id == "cross-year.same-series" and f.location == Location(
        file=korla_disclosure.source.file if korla_disclosure.source else None)
    assert cross_year.check_previous(korla_disclosure, last) == [f]


def test_an_index_is_read_only_once_built(korla_disclosure) -> None:  # type: ignore[no-untyped-def]
    ix = Index.of(korla_disclosure)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ix.tables = {}  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ix["gpb"].quantum = ix["gpb"].quantum  # type: ignore[misc]
