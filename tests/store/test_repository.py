"""The store: migrations, exact amounts, versions, idempotent re-ingest, publication, users."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from tests.store.factories import document, variant
from yusuan.model.cells import cell_records
from yusuan.model.errors import InputError
from yusuan.store import catalog, open_data, open_store
from yusuan.store import repository as repo
from yusuan.store.ingest import ingest_documents
from yusuan.store.schema import Base, Cell, Department, DisclosureRecord
from yusuan.store.users import authenticate, hash_password, set_user, verify_password


def ingest_one(store, doc, user=None):
    with store.transaction() as session:
        return repo.store_document(session, doc, user)


def publish(store, disclosure_id, user="审核员"):
    with store.transaction() as session:
        return repo.set_state(session, disclosure_id, "published", user)


def test_migrations_create_exactly_the_model_tables(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    reopened = open_store(store.url)  # migrating again is a no-op
    assert set(sa.inspect(reopened.engine).get_table_names()) >= {
        "departments", "disclosures", "cells", "users", "audit_log"}
    reopened.close()


def test_amounts_are_numeric_never_float(store):
    column = next(c for c in sa.inspect(store.engine).get_columns("cells")
                  if c["name"] == "amount_yuan")
    assert isinstance(column["type"], sa.Numeric)
    assert not isinstance(column["type"], sa.Float)
    assert (column["type"].precision, column["type"].scale) == (18, 2)


def test_ingest_stores_every_printed_amount_exactly_in_yuan(store, korla_disclosure):
    outcome = ingest_one(store, document(korla_disclosure))
    assert outcome.status == "ingested" and outcome.version == 1
    expected = [(c["table"], c["code"], c["name"], c["column"], Decimal(c["amount_yuan"]))
                for c in cell_records(korla_disclosure)]
    with store.reading() as session:
        stored = session.execute(sa.select(Cell.table_id, Cell.code, Cell.name, Cell.column,
                                           Cell.amount_yuan).order_by(Cell.id)).all()
    assert [tuple(r) for r in stored] == expected
    gpb_total = next(a for t, code, name, col, a in expected if t == "gpb" and name == "总计"
                     and col == "一般公共预算支出/合计")
    assert gpb_total == Decimal("14918600.00")  # 1491.86 万元, exactly
    assert all(isinstance(r.amount_yuan, Decimal) for r in stored)


def test_the_stored_disclosure_loads_back_equal(store, korla_disclosure):
    outcome = ingest_one(store, document(korla_disclosure))
    with store.reading() as session:
        assert catalog.load_disclosure(session, outcome.disclosure_id) == korla_disclosure


def test_reingesting_the_same_file_changes_nothing(store, korla_disclosure):
    first = ingest_one(store, document(korla_disclosure))
    with store.reading() as session:
        cells_before = session.scalar(sa.select(sa.func.count(Cell.id)))
    again = ingest_one(store, document(korla_disclosure))
    assert again.status == "unchanged" and again.disclosure_id == first.disclosure_id
    with store.reading() as session:
        assert session.scalar(sa.select(sa.func.count(DisclosureRecord.id))) == 1
        assert session.scalar(sa.select(sa.func.count(Cell.id))) == cells_before


def test_a_new_file_for_the_same_document_is_the_next_version(store, korla_disclosure):
    v1 = ingest_one(store, document(korla_disclosure))
    corrected = variant(korla_disclosure, factor=Decimal("1.01"))
    v2 = ingest_one(store, document(corrected))
    assert (v1.version, v2.version) == (1, 2)
    with store.reading() as session:
        assert catalog.published(session) == []  # drafts are not public
    publish(store, v1.disclosure_id)
    with store.reading() as session:
        assert [i.id for i in catalog.published(session)] == [v1.disclosure_id]
    publish(store, v2.disclosure_id)
    with store.reading() as session:
        visible = catalog.published(session)
        assert [i.id for i in visible] == [v2.disclosure_id]
        assert catalog.load_disclosure(session, v1.disclosure_id) == korla_disclosure  # kept
        assert {c["disclosure_id"] for c in open_data.cells(session, open_data.CellFilter())} == {
            v2.disclosure_id}


def test_withdrawn_versions_disappear_and_the_audit_log_says_who(store, korla_disclosure):
    v1 = ingest_one(store, document(korla_disclosure))
    publish(store, v1.disclosure_id, "张三")
    with store.transaction() as session:
        repo.set_state(session, v1.disclosure_id, "withdrawn", "李四")
    with store.reading() as session:
        assert catalog.published(session) == []
        assert catalog.disclosure_info(session, v1.disclosure_id) is None
        assert catalog.disclosure_info(session, v1.disclosure_id, public=False).state == "withdrawn"
        actions = [(e.username, e.action) for e in repo.audit_log(session)]
    assert ("张三", "publish") in actions and ("李四", "withdraw") in actions


def test_cells_filter_by_year_department_table_and_code(store, korla_disclosure):
    a = ingest_one(store, document(korla_disclosure))
    b = ingest_one(store, document(variant(korla_disclosure, department="测试局", year=2025,
                                           factor=Decimal(2))))
    publish(store, a.disclosure_id)
    publish(store, b.disclosure_id)
    with store.reading() as session:
        rows = list(open_data.cells(session, open_data.CellFilter(year=2025, table="gpb",
                                                        code="2010301")))
        by_name = list(open_data.cells(session, open_data.CellFilter(department_name="测试局")))
        dept = session.scalar(sa.select(Department.id).where(Department.name == "测试局"))
        by_id = list(open_data.cells(session, open_data.CellFilter(department=dept)))
    assert {r["department"] for r in rows} == {"测试局"}
    assert {(r["column"], r["amount_yuan"]) for r in rows} == {
        ("一般公共预算支出/合计", Decimal("14780400.00")),
        ("一般公共预算支出/基本支出", Decimal("14780400.00"))}
    assert by_name == by_id and len(by_id) == len(list(cell_records(korla_disclosure)))


def test_search_finds_departments_and_projects(store, korla_disclosure):
    a = ingest_one(store, document(korla_disclosure))
    publish(store, a.disclosure_id)
    project = next(c["project"] for c in cell_records(korla_disclosure) if c["project"])
    with store.reading() as session:
        assert [i.id for i in catalog.published(session, query="库尔勒")] == [a.disclosure_id]
        assert [i.id for i in catalog.published(session, query=project[:4])] == [a.disclosure_id]
        assert catalog.published(session, query="不存在的部门") == []
        assert catalog.published(session, query="%") == []  # LIKE wildcards are literal


def test_one_failed_document_leaves_the_others_and_the_database_intact(store, korla_disclosure,
                                                                       monkeypatch):
    good = document(korla_disclosure)
    other = document(variant(korla_disclosure, department="另一局"))

    def unusable():
        raise InputError("表5 无法识别", file="bad.pdf", page=3)

    broken = document(variant(korla_disclosure, department="写到一半就失败的局"))
    real_cells = repo.cell_records

    def failing_cells(disclosure):
        if disclosure.department == "写到一半就失败的局":
            raise RuntimeError("磁盘已满")
        return real_cells(disclosure)

    monkeypatch.setattr(repo, "cell_records", failing_cells)
    report = ingest_documents(store, [("good", lambda: good), ("bad.pdf", unusable),
                                      ("broken", lambda: broken), ("other", lambda: other)])
    assert [o.title for o in report.ingested] == [korla_disclosure.title,
                                                  f"另一局{korla_disclosure.year}年部门预算公开"]
    assert [(f.path, f.message) for f in report.failed] == [
        ("bad.pdf", str(InputError("表5 无法识别", file="bad.pdf", page=3))),
        ("broken", "RuntimeError：磁盘已满")]
    with store.reading() as session:
        names = set(session.scalars(sa.select(Department.name)))
        assert names == {korla_disclosure.department, "另一局"}  # no half-written department
        assert session.scalar(sa.select(sa.func.count(DisclosureRecord.id))) == 2


def test_finding_counts_by_severity(store, korla_disclosure):
    findings = ({"rule_id": "a", "severity": "error", "message": "甲"},
                {"rule_id": "b", "severity": "warning", "message": "乙"},
                {"rule_id": "c", "severity": "warning", "message": "丙"})
    outcome = ingest_one(store, document(korla_disclosure, findings))
    with store.reading() as session:
        info = catalog.disclosure_info(session, outcome.disclosure_id, public=False)
        assert (info.error_count, info.warning_count, info.info_count) == (1, 2, 0)
        assert catalog.findings(session, outcome.disclosure_id) == list(findings)


def test_passwords_are_salted_hashes(store):
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second and "correct horse" not in first
    assert verify_password("correct horse", first) and not verify_password("wrong", first)
    with store.transaction() as session:
        assert set_user(session, "admin", "s3cret-pass") is True
        assert set_user(session, "admin", "another-pass") is False
    with store.reading() as session:
        assert authenticate(session, "admin", "another-pass")
        assert not authenticate(session, "admin", "s3cret-pass")
        assert not authenticate(session, "nobody", "another-pass")
    with store.transaction() as session, pytest.raises(ValueError, match="至少"):
        set_user(session, "admin", "short")


def test_findings_keep_only_the_file_name_of_their_location():
    from dataclasses import dataclass

    from yusuan.store.ingest import finding_data

    @dataclass(frozen=True)
    class Location:
        file: str
        page: int

    @dataclass(frozen=True)
    class Finding:
        rule_id: str
        severity: str
        location: Location

    data = finding_data(Finding("gpb.total", "error", Location("/srv/upload/tmp/a.pdf", 3)))
    assert data == {"rule_id": "gpb.total", "severity": "error",
                    "location": {"file": "a.pdf", "page": 3}}


def test_departments_count_years_not_versions(store, korla_disclosure):
    v1 = ingest_one(store, document(korla_disclosure))
    v2 = ingest_one(store, document(korla_disclosure, salt=" "))
    y23 = ingest_one(store, document(variant(korla_disclosure, year=2023)))
    for outcome in (v1, v2, y23):
        publish(store, outcome.disclosure_id)
    with store.reading() as session:
        assert [(n, c) for _i, n, c in catalog.departments(session)] == [
            (korla_disclosure.department, 2)]


def test_cells_are_stored_exactly_by_the_bulk_path(store, korla_disclosure):
    """PostgreSQL writes cells with COPY, SQLite with an insert: the stored cells are the
    document's cells, amount for amount, either way (names with quotes and backslashes
    survive COPY's text format)."""
    import dataclasses

    from yusuan.store.open_data import CellFilter, cells
    from yusuan.store.repository import set_state

    gpb = korla_disclosure.table("gpb")
    assert gpb is not None
    odd = dataclasses.replace(gpb.rows[1], name='名称\t带"引号"\\与制表符')
    tricky = dataclasses.replace(korla_disclosure, tables=tuple(
        dataclasses.replace(t, rows=(t.rows[0], odd, *t.rows[2:])) if t.id == "gpb" else t
        for t in korla_disclosure.tables))
    with store.transaction() as session:
        stored = repo.store_document(session, document(tricky)).disclosure_id
        set_state(session, stored, "published", "test")
    with store.reading() as session:
        got = [(c["table"], c["code"], c["name"], c["column"], str(c["amount_yuan"]))
               for c in cells(session, CellFilter(disclosure=stored))]
    want = [(c["table"], c["code"], c["name"], c["column"], c["amount_yuan"])
            for c in cell_records(tricky)]
    assert sorted(got) == sorted(want)
    assert any('"' in name and "\\" in name for _, _, name, _, _ in got)


def test_cells_pages_by_cursor_give_every_cell_once_in_order(store, korla_disclosure):
    a = ingest_one(store, document(korla_disclosure))
    b = ingest_one(store, document(variant(korla_disclosure, department="测试局")))
    publish(store, a.disclosure_id)
    publish(store, b.disclosure_id)
    flt = open_data.CellFilter(table="gpb")
    with store.reading() as session:
        everything = list(open_data.cells(session, flt))
        walked, cursor = [], None
        while True:
            page, cursor = open_data.cells_page(session, flt, 40, after=cursor)
            walked += page
            if cursor is None:
                break
    assert walked == everything
    assert {r["disclosure_id"] for r in walked} == {a.disclosure_id, b.disclosure_id}
