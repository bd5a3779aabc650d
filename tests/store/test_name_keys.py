"""The normalised name stored and indexed beside each department and unit (migration 0007):
filled for the rows of an existing database, kept up to date by every way a name is written,
and what ``match`` looks up — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command

from yusuan.store import open_store
from yusuan.store.db import alembic_config
from yusuan.store.org import add_department, add_unit, match, normalise, rename_department
from yusuan.store.repository import department_id
from yusuan.store.schema import Department, OrgUnit

OLD_DEPARTMENTS = ("库尔勒市财政局", "库尔勒市 教育局（本级）", "ＡＢＣ区审计局", "上海市普陀区财政局机关本级")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'keys.db'}"
    else:
        yield request.getfixturevalue("pg_url")


def _database_of_0006_with_rows(url: str) -> None:
    """A database as yusuan left it before migration 0007, holding departments and units."""
    config = alembic_config()
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        for n, name in enumerate(OLD_DEPARTMENTS, 1):
            connection.execute(sa.text(
                "INSERT INTO departments (id, name, created_at) VALUES (:id, :name, :at)"),
                {"id": n, "name": name, "at": "2025-01-01 00:00:00+00"})
        connection.execute(sa.text(
            "INSERT INTO org_units (department_id, name, code, created_at) "
            "VALUES (1, '库尔勒市国库支付中心', '101002', '2025-01-01 00:00:00+00')"))
    engine.dispose()


def test_migration_fills_the_keys_of_an_existing_database_and_match_finds_by_them(url):
    _database_of_0006_with_rows(url)
    store = open_store(url)  # migrates to head
    try:
        with store.reading() as session:
            keys = {r[0]: r[1] for r in session.execute(
                sa.select(Department.name, Department.name_key))}
            assert keys == {name: normalise(name) for name in OLD_DEPARTMENTS}
            assert keys["库尔勒市 教育局（本级）"] == "库尔勒市教育局"
            assert keys["ＡＢＣ区审计局"] == "ABC区审计局"
            assert session.scalar(sa.select(OrgUnit.name_key)) == "库尔勒市国库支付中心"
            assert match(session, "库尔勒市教育局").department_id == 2
            assert match(session, "ABC区审计局", similar=False).department_id == 3
            assert match(session, "上海市普陀区财政局").department_id == 4
            assert match(session, "库尔勒市 国库支付中心").department_id == 1  # by its unit
            assert match(session, "库尔勒市卫生健康委员会", similar=False).department_id is None
        indexes = {i["name"] for t in ("departments", "org_units")
                   for i in sa.inspect(store.engine).get_indexes(t)}
        assert {"ix_departments_name_key", "ix_org_units_name_key"} <= indexes
    finally:
        store.close()


def test_the_migration_goes_down_and_up_again_keeping_every_row(url):
    _database_of_0006_with_rows(url)
    config = alembic_config()
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        command.downgrade(config, "0006")
        assert "name_key" not in {c["name"] for c in sa.inspect(connection).get_columns(
            "departments")}
        command.upgrade(config, "head")
        rows = connection.execute(sa.text(
            "SELECT name, name_key FROM departments ORDER BY id")).all()
    engine.dispose()
    assert rows == [(name, normalise(name)) for name in OLD_DEPARTMENTS]


def test_every_way_a_name_is_written_keeps_its_key(url):
    store = open_store(url)
    try:
        def write(session):
            made = add_department(session, " 库尔勒市 财政局 ")
            assert add_unit(session, made, "库尔勒市财政局（本级）", "101001")
            assert not add_unit(session, made, "库尔勒市财政局 本级")  # the same unit
            ingested = department_id(session, "库尔勒市水利局")  # a new one, by an ingest
            assert department_id(session, "库尔勒市水利局机关本级") == ingested
            rename_department(session, made, "库尔勒市财政局（本级）")
            return made, ingested

        made, ingested = store.write(write)
        with store.reading() as session:
            keys = {r[0]: r[1] for r in session.execute(
                sa.select(Department.id, Department.name_key))}
            assert keys == {made: "库尔勒市财政局", ingested: "库尔勒市水利局"}
            assert list(session.scalars(sa.select(OrgUnit.name_key))) == ["库尔勒市财政局"]
            assert match(session, "库尔勒市财政局").department_id == made
    finally:
        store.close()


def test_two_departments_of_one_key_are_candidates_never_a_sure_match(url):
    store = open_store(url)
    try:
        def write(session):
            first = add_department(session, "某区教育局")
            second = add_department(session, "某区 教育局（本级）")  # written differently
            return first, second

        first, second = store.write(write)
        with store.reading() as session:
            found = match(session, "某区教育局本级", similar=False)
            assert found.department_id is None
            assert [d for d, _ in found.candidates] == sorted([first, second])
    finally:
        store.close()
