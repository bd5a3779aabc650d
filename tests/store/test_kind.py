"""The store knows each disclosure's kind (``budget`` 预算 / ``final`` 决算): migration 0006,
versions counted per kind, lookups by kind, and ingest holding a 决算 against the stored 决算 of
the year before and the stored 预算 of its year.

The documents are the synthetic 某区示例局 series: its 2023 and 2024 部门决算
(examples/synthetic-final-2023, -2024) and a 2024 部门预算 agreeing with the 2024 决算's
年初预算 figures (``tests.checks.final_document.budget_disclosure``)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from tests.checks.final_document import EXAMPLE, budget_disclosure
from tests.checks.helpers import set_cell
from tests.store.factories import document
from yusuan.intake.pipeline import ingest_paths
from yusuan.model.disclosure import Disclosure
from yusuan.store import catalog, open_data
from yusuan.store import repository as repo
from yusuan.store.db import alembic_config, normalise_url
from yusuan.store.lookup import budget_closed, edition_of, previous_year


def _store(store, d: Disclosure, publish: bool = True) -> int:
    with store.transaction() as session:
        outcome = repo.store_document(session, document(d))
        if publish:
            repo.set_state(session, outcome.disclosure_id, "published", "审核员")
    return outcome.disclosure_id


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql",
                                                               marks=pytest.mark.postgres)])
def test_migration_0006_gives_existing_rows_their_kind(tmp_path, request, database):
    """Rows stored before 0006 become ``budget``, except a 决算 edition, which is ``final``."""
    config = alembic_config()
    before = ScriptDirectory.from_config(config).get_revision("0006").down_revision
    url = request.getfixturevalue("pg_url") if database == "postgresql" else \
        f"sqlite:///{tmp_path / 'm.db'}"
    engine = sa.create_engine(normalise_url(url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, str(before))
        connection.execute(sa.text(
            "INSERT INTO departments (id, name, created_at) VALUES (1, '某局', :at)"),
            {"at": datetime(2025, 1, 1, tzinfo=UTC)})
        for i, edition in enumerate(("部门预算", "部门决算", "单位预算"), 1):
            connection.execute(sa.text(
                "INSERT INTO disclosures (id, department_id, year, edition, version, profile, "
                "title, file_name, file_type, file_bytes, sha256, disclosure_json, "
                "findings_json, checked, error_count, warning_count, info_count, state, "
                "created_at) VALUES (:i, 1, 2024, :e, 1, 'p', 't', 'f', 'json', :b, :h, "
                "'{}', '[]', :no, 0, 0, 0, 'draft', :at)"),
                {"i": i, "e": edition, "h": f"{i:064d}", "b": b"\x00", "no": False,
                 "at": datetime(2025, 1, 1, tzinfo=UTC)})
        command.upgrade(config, "head")
        kinds = connection.execute(sa.text(
            "SELECT edition, kind FROM disclosures ORDER BY id")).all()
        command.downgrade(config, str(before))
        command.upgrade(config, "head")
    engine.dispose()
    assert [tuple(k) for k in kinds] == [("部门预算", "budget"), ("部门决算", "final"),
                                         ("单位预算", "budget")]


def test_a_budget_and_a_final_of_one_year_are_two_documents(store, final_2024):
    budget = budget_disclosure()
    budget_id, final_id = _store(store, budget), _store(store, final_2024)
    with store.reading() as session:
        infos = {i.id: i for i in catalog.published(session)}
        finals = catalog.published(session, kind="final")
        cells = list(open_data.cells(session, open_data.CellFilter(kind="final")))
        budget_cells = list(open_data.cells(session, open_data.CellFilter(kind="budget")))
    assert (infos[budget_id].kind, infos[budget_id].version) == ("budget", 1)
    assert (infos[final_id].kind, infos[final_id].version) == ("final", 1)
    assert [i.id for i in finals] == [final_id]
    assert cells and {c["kind"] for c in cells} == {"final"}
    assert {c["disclosure_id"] for c in budget_cells} == {budget_id}


def test_lookups_name_their_kind(store, final_2024, final_2023):
    """Last year's 决算 for a 决算 (not last year's 预算), the 预算 of its year for a 决算."""
    _store(store, final_2023)
    _store(store, dataclasses.replace(budget_disclosure(), year=2023))
    _store(store, budget_disclosure())
    with store.reading() as session:
        previous = previous_year(session, final_2024)
        budget = budget_closed(session, final_2024)
        none = budget_closed(session, budget_disclosure())
    assert previous is not None and (previous.year, previous.kind) == (2023, "final")
    assert budget is not None and (budget.year, budget.kind) == (2024, "budget")
    assert none is None
    assert edition_of("单位决算", "budget") == "单位预算"


def _findings(store, disclosure_id: int) -> list[tuple]:
    with store.reading() as session:
        return [(f["rule_id"], f["severity"], f["location"].get("name"), f["expected"],
                 f["actual"]) for f in catalog.findings(session, disclosure_id)
                if f["category"] == "cross-year"]


def test_ingest_holds_a_final_against_the_stored_final_and_budget(store, final_2023):
    """Stored documents that agree with it: nothing found."""
    _store(store, final_2023)
    _store(store, budget_disclosure())
    report = ingest_paths(store, [EXAMPLE])
    [agreed] = report.ingested
    assert _findings(store, agreed.disclosure_id) == []


def test_ingest_finds_what_the_stored_documents_contradict(store, final_2023):
    """A stored 2023 决算 and 2024 预算 each with one figure other than the 2024 决算 states:
    both found, located."""
    _store(store, set_cell(final_2023, "gpb", "total", "1090.00", key="total"))
    _store(store, set_cell(budget_disclosure(), "gpb", "total", "7900000.00", code="2010301"))
    report = ingest_paths(store, [EXAMPLE])
    [stored] = report.ingested
    assert sorted(_findings(store, stored.disclosure_id)) == [
        ("cross-year.prior-eq-previous", "error", "一般公共预算财政拨款支出", "1090.00", "1100.00"),
        ("final.budget-initial-eq-budget", "error", "行政运行", "790.00", "780.00")]


def test_a_final_is_not_held_against_last_years_budget(store):
    """Only a 2023 预算 stored: the 2024 决算 is not compared with it (no same-series warning,
    no figures): a 决算's year before is a 决算."""
    _store(store, dataclasses.replace(budget_disclosure(), year=2023))
    report = ingest_paths(store, [EXAMPLE])
    [stored] = report.ingested
    assert _findings(store, stored.disclosure_id) == []


def test_0006_applies_after_a_0005_when_there_is_one(tmp_path):
    """The workspace's drafts migration 0005 was written beside this one: with a 0005 present
    the history is one line 0004 → 0005 → 0006 (one head), without it 0004 → 0006."""
    from importlib import resources
    from shutil import copytree

    folder = tmp_path / "migrations"
    copytree(Path(str(resources.files("yusuan.store") / "migrations")), folder,
             ignore=lambda _dir, names: [n for n in names if n == "__pycache__"])
    (folder / "versions" / "0005_drafts.py").write_text(
        'revision = "0005"\ndown_revision = "0004"\nbranch_labels = None\ndepends_on = None\n\n'
        "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n", encoding="utf-8")
    config = alembic_config()
    config.set_main_option("script_location", str(folder))
    script = ScriptDirectory.from_config(config)
    newest = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(newest) == 1  # one line of history (later migrations follow 0006)
    assert script.get_heads() == newest
    assert script.get_revision("0006").down_revision == "0005"


def test_a_stored_edition_or_kind_outside_its_set_is_refused_where_it_is_read(store,
                                                                               korla_disclosure):
    """The edition and kind columns hold the ``model.kinds`` sets; a row written by something
    else with another value is named when read, not carried on as a plain string."""
    disclosure_id = _store(store, korla_disclosure)
    with store.reading() as session:
        assert catalog.disclosure_info(session, disclosure_id).edition == "部门预算"
    with store.transaction() as session:
        session.execute(sa.text("UPDATE disclosures SET edition = '部门预算（草案）'"))
    with store.reading() as session, pytest.raises(ValueError, match="edition 应为"):
        catalog.disclosure_info(session, disclosure_id)
