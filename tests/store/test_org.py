"""The org tree: normalised names, CSV/XLSX import, matching a document's department, the
roles on users (migration 0003 makes existing users 管理员), ``yusuan org``/``user add``."""

from __future__ import annotations

import io

import sqlalchemy as sa
from alembic import command
from openpyxl import Workbook
from typer.testing import CliRunner

from yusuan.cli.main import app
from yusuan.store import open_store
from yusuan.store.db import alembic_config
from yusuan.store.org import import_org, match, normalise, read_org
from yusuan.store.users import account

runner = CliRunner()
SHEET = ("部门,单位,单位编码\n库尔勒市财政局,库尔勒市财政局本级,101001\n"
         "库尔勒市财政局,库尔勒市国库支付中心,101002\n 库尔勒市 教育局 ,,\n")


def test_normalise_folds_width_space_and_own_account_suffixes():
    assert normalise("库尔勒市 财政局（本级）") == "库尔勒市财政局"
    assert normalise("库尔勒市财政局机关本级") == "库尔勒市财政局"
    assert normalise("ＡＢＣ局 本级") == "ABC局"
    assert normalise("教育局本部") == "教育局"


def test_import_then_match_sure_unsure_and_unknown(tmp_path):
    store = open_store(str(tmp_path / "o.db"))
    rows = read_org(SHEET.encode("gb18030"), "org.csv")
    with store.transaction() as session:
        assert import_org(session, rows) == (2, 2)
        assert import_org(session, rows) == (0, 0)  # again: nothing twice
        finance = match(session, "库尔勒市财政局").department_id
        assert finance is not None
        assert match(session, "库尔勒市 财政局（本级）").department_id == finance
        assert match(session, "库尔勒市国库支付中心").department_id == finance  # a unit
        unsure = match(session, "财政局")
        assert not unsure.sure and [n for _, n in unsure.candidates] == ["库尔勒市财政局"]
        unknown = match(session, "和田地区林业和草原局")
        assert not unknown.sure and unknown.candidates == ()
    store.close()


def test_an_xlsx_sheet_and_a_sheet_without_the_department_column():
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "部门名称", "预算单位", "编码"])
    sheet.append([1, "某某局", "某某局机关", "9"])
    sheet.append([None, None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = read_org(buffer.getvalue(), "org.xlsx")
    assert [(r.department, r.unit, r.code) for r in rows] == [("某某局", "某某局机关", "9")]
    bad = runner.invoke(app, ["org", "import", "/nonexistent/org.csv"])
    assert bad.exit_code == 2 and "无法读取" in bad.output


def test_org_import_and_user_roles_on_the_command_line(tmp_path):
    db, sheet = tmp_path / "c.db", tmp_path / "org.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    done = runner.invoke(app, ["org", "import", str(sheet), "--db", str(db)])
    assert done.exit_code == 0 and "新增部门 2 个，新增预算单位 2 个" in done.output, done.output
    (tmp_path / "bad.csv").write_text("名称\n某局\n", encoding="utf-8")
    bad = runner.invoke(app, ["org", "import", str(tmp_path / "bad.csv"), "--db", str(db)])
    assert bad.exit_code == 2 and "bad.csv:1" in bad.output and "部门" in bad.output
    ok = runner.invoke(app, ["user", "add", "li", "--role", "filer", "--department",
                             "库尔勒市财政局（本级）", "--db", str(db),
                             "--password", "filer-pass-4321"])
    assert ok.exit_code == 0 and "已新建填报人“li”" in ok.output, ok.output
    unsure = runner.invoke(app, ["user", "add", "wang", "--role", "filer", "--department", "财政",
                                 "--db", str(db), "--password", "filer-pass-4321"])
    assert unsure.exit_code == 2 and "相近的有：库尔勒市财政局" in unsure.output
    alone = runner.invoke(app, ["user", "add", "wang", "--role", "filer", "--db", str(db),
                                "--password", "filer-pass-4321"])
    assert alone.exit_code == 2 and "需要指定所属部门" in alone.output
    boss = runner.invoke(app, ["user", "add", "wang", "--role", "boss", "--db", str(db),
                               "--password", "filer-pass-4321"])
    assert boss.exit_code == 2 and "未知的角色" in boss.output
    store = open_store(str(db))
    with store.reading() as session:
        li = account(session, "li")
    store.close()
    assert li is not None and li.role == "filer" and not li.reviews


def test_existing_users_become_admins_in_migration_0003(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    config = alembic_config()
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(sa.text(
            "INSERT INTO users (username, password_hash, created_at) "
            "VALUES ('old', 'x', '2025-01-01')"))
        command.upgrade(config, "head")
        row = connection.execute(sa.text(
            "SELECT role, department_id FROM users WHERE username = 'old'")).one()
        assert tuple(row) == ("admin", None)
        command.downgrade(config, "0002")
        command.upgrade(config, "head")
    engine.dispose()
