"""``yusuan user add NAME [--db URL]``: create an administrator or change a password."""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan.cli.common import fail, handles_input_errors
from yusuan.cli.zh import ChineseCommand, ChineseGroup

app = typer.Typer(help="管理后台用户。", no_args_is_help=True, rich_markup_mode=None,
                  cls=ChineseGroup)


@app.command("add", cls=ChineseCommand)
@handles_input_errors
def add(
    username: Annotated[str, typer.Argument(help="用户名")],
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或 URL")] = None,
    password: Annotated[str, typer.Option("--password", prompt="密码", hide_input=True,
                                          confirmation_prompt="再次输入密码",
                                          envvar="YUSUAN_ADMIN_PASSWORD",
                                          help="密码（不给出时提示输入）")] = "",
) -> None:
    """新建管理员，或修改已有管理员的密码。"""
    from yusuan.store import open_store
    from yusuan.store.users import set_user

    store = open_store(db)
    try:
        with store.transaction() as session:
            created = set_user(session, username, password)
    except ValueError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"已{'新建' if created else '更新'}管理员“{username}”。")
