"""The short fuzz run of ``make test`` (the long one is ``make fuzz``): mutated inputs for
every reader but PDF (slow to read; ``make fuzz`` covers it) and every build source, and
property tests of the amount parser, the YAML loader and the Disclosure JSON reader. No
input may end in a traceback, a crash, a hang or an exit 2 whose message lacks the file."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.harness import TARGETS, fuzz
from yusuan.derive import located_yaml
from yusuan.model.errors import InputError
from yusuan.model.money import MAX_YUAN, AmountError, parse_amount
from yusuan.model.serialize import disclosure_from_json, disclosure_to_data

# the suite's run is the same on every machine (the same 150 examples, however slow the
# machine); ``make fuzz`` explores at random, with many more
QUICK = settings(max_examples=150, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])


def test_short_mutation_run():
    targets = tuple(t for t in TARGETS if t.name != "pdf")
    report = fuzz(120, seed=20261204, seconds=20, targets=targets)
    assert sum(report.outcomes.values()) == 120
    assert report.failures == [], "\n".join(report.lines())
    assert report.outcomes["exit2"] > 0 and report.outcomes["exit0"] + report.outcomes["exit1"] > 0


_PRINTED = st.text(alphabet=string.digits + ",.-+()eE −－１２NaInfity", max_size=40)


@QUICK
@given(st.one_of(_PRINTED, st.text(max_size=60), st.integers(), st.decimals()))
def test_amount_parser_accepts_or_explains(value):
    try:
        amount = parse_amount(value)
    except AmountError as exc:
        assert str(exc)
        return
    assert amount is None or (amount.is_finite() and abs(amount) <= MAX_YUAN)


@QUICK
@given(st.text(max_size=400))
def test_yaml_loader_loads_or_explains(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("y") / "budget.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        located_yaml.load(path)
    except InputError as exc:
        assert exc.file == str(path)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8)
    | st.decimals(allow_nan=False).map(str),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=8)


@pytest.fixture(scope="module")
def korla_data(korla_disclosure) -> dict:
    return json.loads(json.dumps(disclosure_to_data(korla_disclosure), ensure_ascii=False))


def _paths(node, prefix=()):
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for k, v in items:
        yield (*prefix, k)
        yield from _paths(v, (*prefix, k))


@QUICK
@given(data=st.data())
def test_disclosure_json_loads_or_names_the_path(korla_data, data):
    doc = json.loads(json.dumps(korla_data))
    paths = list(_paths(doc))
    where = data.draw(st.sampled_from(paths[:4000]))
    parent = doc
    for k in where[:-1]:
        parent = parent[k]
    parent[where[-1]] = data.draw(_JSON)
    raw = json.dumps(doc, ensure_ascii=False, default=str).encode()
    try:
        disclosure_from_json(raw, "d.json")
    except InputError as exc:
        assert exc.file == "d.json" and exc.message

