"""``yusuan serve [--db URL] [--host 127.0.0.1] [--port 8000]``: the public portal and admin."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from yusuan.cli.common import handles_input_errors


@handles_input_errors
def serve(
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或 URL（默认 ./yusuan.db 或 $YUSUAN_DB）")] = None,
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
) -> None:
    """启动预算公开平台（公众页面、开放数据接口、管理后台）。"""
    import uvicorn

    from yusuan.store import open_store
    from yusuan.web.app import create_app, ensure_admin

    store = open_store(db)
    typer.echo(ensure_admin(store, os.environ.get("YUSUAN_ADMIN_USER", "admin"),
                            os.environ.get("YUSUAN_ADMIN_PASSWORD")))
    app = create_app(store)
    typer.echo(f"预算公开平台：http://{host}:{port}/ （数据库 {store.url}）")
    uvicorn.run(app, host=host, port=port, log_level="warning")
