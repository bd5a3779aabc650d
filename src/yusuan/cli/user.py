"""``yusuan user add NAME --role admin|reviewer|filer [--department NAME]``: create a user
or change its password, role and department; ``yusuan user disable NAME`` (and ``enable``):
a disabled user cannot log in and its sessions end at once."""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan.cli.common import fail, handles_input_errors
from yusuan.cli.zh import ChineseCommand, ChineseGroup

app = typer.Typer(help="管理后台用户。", no_args_is_help=True, rich_markup_mode=None,
                  cls=ChineseGroup)
ROLE_WORDS = {"admin": "管理员", "reviewer": "审核员", "filer": "填报人"}


@app.command("add", cls=ChineseCommand)
@handles_input_errors
def add(
    username: Annotated[str, typer.Argument(help="用户名")],
    role: Annotated[str, typer.Option(
        "--role", help="角色：admin（管理员）、reviewer（审核员）、filer（填报人）")] = "admin",
    department: Annotated[str | None, typer.Option(
        "--department", help="填报人所属部门（组织架构中的名称）")] = None,
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或 URL")] = None,
    password: Annotated[str, typer.Option("--password", prompt="密码", hide_input=True,
                                          confirmation_prompt="再次输入密码",
                                          envvar="YUSUAN_ADMIN_PASSWORD",
                                          help="密码（不给出时提示输入）")] = "",
) -> None:
    """新建用户，或修改已有用户的密码、角色和部门。"""
    # imported here so that ``yusuan --help`` stays fast
    from yusuan.store import open_store
    from yusuan.store.users import set_user

    if role not in ROLE_WORDS:
        raise fail(f"未知的角色“{role}”：应为 admin、reviewer 或 filer")
    store = open_store(db)
    try:
        with store.transaction() as session:
            created = set_user(session, username, password, role, department)
    except ValueError as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()
    where = f"（{department}）" if department else ""
    typer.echo(f"已{'新建' if created else '更新'}{ROLE_WORDS[role]}“{username}”{where}。")


def _set_disabled(username: str, db: str | None, disabled: bool) -> None:
    # imported here so that ``yusuan --help`` stays fast
    from yusuan.store import open_store
    from yusuan.store.users import set_disabled

    store = open_store(db)
    try:
        with store.transaction() as session:
            set_disabled(session, username, disabled, "yusuan user")
    except (LookupError, ValueError) as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()
    typer.echo(f"已{'停用' if disabled else '启用'}用户“{username}”"
               + ("，其登录会话已全部结束。" if disabled else "。"))


@app.command("disable", cls=ChineseCommand)
@handles_input_errors
def disable(
    username: Annotated[str, typer.Argument(help="用户名")],
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或 URL")] = None,
) -> None:
    """停用用户：不能再登录，已登录的会话立即结束（记入操作日志）。"""
    _set_disabled(username, db, True)


@app.command("enable", cls=ChineseCommand)
@handles_input_errors
def enable(
    username: Annotated[str, typer.Argument(help="用户名")],
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或 URL")] = None,
) -> None:
    """重新启用已停用的用户。"""
    _set_disabled(username, db, False)
