"""The closed sets of the model (``model.kinds``): JSON, CSV and the database keep the plain
strings they always held, and a value outside a set read from data is refused or replaced,
never carried on unchecked."""

import json
from typing import get_args

import pytest

from yusuan.checks.catalogue import CATALOGUE
from yusuan.checks.rule import CATEGORIES as CATEGORY_TITLES
from yusuan.model.errors import InputError
from yusuan.model.finding import Finding, Location
from yusuan.model.kinds import (
    CATEGORIES,
    EDITIONS,
    ROW_KINDS,
    TABLE_IDS,
    Edition,
    checked,
    kind_of,
    one_of,
    table_id,
)
from yusuan.model.profiles import available_profiles, load_profile
from yusuan.model.serialize import disclosure_from_json, disclosure_to_data


def _json(korla_disclosure) -> dict:
    return json.loads(json.dumps(disclosure_to_data(korla_disclosure), ensure_ascii=False))


def test_values_are_written_as_the_plain_strings_of_before(korla_disclosure):
    data = _json(korla_disclosure)
    assert data["edition"] == "部门预算"
    assert {r["kind"] for t in data["tables"] for r in t["rows"]} <= set(ROW_KINDS)
    assert {"total", "item"} <= {r["kind"] for t in data["tables"] for r in t["rows"]}


@pytest.mark.parametrize("edit, field", [
    (lambda d: d.update(edition="部门预算（草案）"), "edition"),
    (lambda d: d["tables"][4].update(id="gpb5"), "tables[4].id"),
    (lambda d: d["tables"][2]["rows"][0].update(kind="合计"), "tables[2].rows[0].kind"),
    (lambda d: d["narrative"][0]["paragraphs"][0][0].update(kind="title"),
     "narrative[0].paragraphs[0][0].kind"),
])
def test_a_value_outside_its_set_is_refused_with_its_json_path(korla_disclosure, edit, field):
    data = _json(korla_disclosure)
    edit(data)
    with pytest.raises(InputError) as exc:
        disclosure_from_json(json.dumps(data, ensure_ascii=False).encode(), "d.json")
    assert exc.value.field == field and "之一" in exc.value.message


def test_the_kind_of_each_edition():
    assert [kind_of(e) for e in EDITIONS] == ["budget", "budget", "final", "final"]


def test_a_stored_finding_keeps_its_category_and_an_unknown_one_is_internal():
    f = Finding("gpb.total-eq-classes", "error", "arithmetic", "…", Location(file="a.pdf"))
    assert Finding.from_data(f.to_data()).category == "arithmetic"
    assert Finding.from_data({**f.to_data(), "category": "算术"}).category == "internal"


def test_every_category_has_a_title_and_every_rule_one_of_them():
    assert set(CATEGORY_TITLES) == set(CATEGORIES)
    assert {r.category for r in CATALOGUE} <= set(CATEGORIES)


def test_shipped_profiles_use_known_editions_kinds_and_table_ids():
    for pid in available_profiles():
        p = load_profile(pid)
        assert {e for e, _ids in p.editions} <= set(get_args(Edition))
        assert p.kind in ("budget", "final")
        assert {t.id for t in p.layouts} | {i for _e, ids in p.editions for i in ids} <= set(
            TABLE_IDS)


def test_a_table_id_from_outside_is_checked_before_the_lookup(korla_disclosure):
    assert korla_disclosure.table(table_id("gpb")) is korla_disclosure.table("gpb")
    assert table_id("gpb5") is None and korla_disclosure.table(table_id("gpb5")) is None
    assert table_id(None) is None


def test_reading_a_set_from_data():
    assert one_of(EDITIONS, "单位决算", "部门预算") == "单位决算"
    assert one_of(EDITIONS, 7, "部门预算") == "部门预算"
    with pytest.raises(ValueError, match="kind 应为"):
        checked(ROW_KINDS, "sum", "kind")
