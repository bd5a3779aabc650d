"""``yusuan serve [--db URL] [--host 127.0.0.1] [--port 8000] [--workers N]``: the portal.

With ``--workers N`` the socket is bound once here and N worker processes (uvicorn's
supervisor) each build the app from the environment (``YUSUAN_DB``, ``YUSUAN_SECRET``, set
here for them, so every worker opens the same database and accepts the same sessions).
"""

from __future__ import annotations

import os
import secrets
import socket
from typing import Annotated

import typer

from yusuan.cli.common import fail, handles_input_errors


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``: an unknown host or a port in use is one clear message
    (exit 2), not uvicorn's English log line after the portal has announced itself."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen()
    except OSError as exc:  # socket.gaierror included
        sock.close()
        raise fail(f"无法在 {host}:{port} 上监听：{exc.strerror or exc}") from None
    return sock


@handles_input_errors
def serve(
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或 URL（默认 ./yusuan.db 或 $YUSUAN_DB）")] = None,
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    workers: Annotated[int, typer.Option("--workers", help="工作进程数（多核服务器可设为核数）")] = 1,
) -> None:
    """启动预算公开平台（公众页面、开放数据接口、管理后台）。"""
    if not 0 <= port <= 65535:
        raise fail(f"端口 {port} 无效：应在 0–65535 之间")
    if not 1 <= workers <= 64:
        raise fail(f"工作进程数 {workers} 无效：应在 1–64 之间")
    # the web application (FastAPI, SQLAlchemy, uvicorn): imported when the command runs,
    # so that ``yusuan --help`` stays fast
    import uvicorn

    from yusuan.store import open_store
    from yusuan.web.app import create_app, ensure_admin

    store = open_store(db)
    typer.echo(ensure_admin(store, os.environ.get("YUSUAN_ADMIN_USER", "admin"),
                            os.environ.get("YUSUAN_ADMIN_PASSWORD")))
    sock = listen(host, port)
    typer.echo(f"预算公开平台：http://{host}:{port}/ （数据库 {store.url}，{workers} 个工作进程）")
    if workers > 1:
        from uvicorn.supervisors import Multiprocess

        store.close()
        os.environ["YUSUAN_DB"] = store.url
        os.environ.setdefault("YUSUAN_SECRET", secrets.token_urlsafe(32))
        config = uvicorn.Config("yusuan.web.app:app_from_environment", factory=True,
                                host=host, port=port, workers=workers, log_level="warning")
        Multiprocess(config, sockets=[sock]).run()
        return
    server = uvicorn.Server(uvicorn.Config(create_app(store), host=host, port=port,
                                           log_level="warning"))
    server.run(sockets=[sock])
    if not server.started:
        raise typer.Exit(3)  # uvicorn.run's exit code when the server failed to start
