"""The web platform: ``create_app(db)`` builds the FastAPI app over one store.

One router per page group (``routes/public``, ``api``, ``downloads``, ``admin``); the
vendored ECharts and the stylesheets are served from ``/static`` (no CDN: portals run on
government intranets). FastAPI's Swagger UI loads from a CDN, so it is off; ``/docs`` is a
server-rendered description of the API built from ``/openapi.json``.
"""

from __future__ import annotations

import logging
import os
import secrets
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from yusuan import __version__
from yusuan.intake import Limits, default_limits
from yusuan.render.html import css
from yusuan.store import Store, open_store
from yusuan.store.db import StoreError
from yusuan.store.users import set_user, user_count
from yusuan.web.headers import SecurityHeaders
from yusuan.web.portal import MAX_UPLOAD_BYTES, Portal
from yusuan.web.routes import admin, api, downloads, drafts, org, public, review, scores
from yusuan.web.security import Sessions

log = logging.getLogger("yusuan.web")


def create_app(db: Store | str | None = None, *, secret_key: str | None = None,
               max_upload: int = MAX_UPLOAD_BYTES, public_findings: bool | None = None,
               read_limits: Limits | None = None) -> FastAPI:
    """The portal over ``db`` (a ``Store``, a URL or a SQLite path; default ``$YUSUAN_DB``).

    ``public_findings`` (default ``$YUSUAN_PUBLIC_FINDINGS`` = 1): whether the public sees the
    checker's findings on published documents; they are the bureau's internal review, so by
    default only the workspace shows them."""
    store = db if isinstance(db, Store) else open_store(db)
    secret = secret_key or os.environ.get("YUSUAN_SECRET") or secrets.token_urlsafe(32)
    portal = Portal(store=store, sessions=Sessions(secret), max_upload=max_upload,
                    secure_cookies=os.environ.get("YUSUAN_SECURE_COOKIES") == "1",
                    public_findings=public_findings if public_findings is not None
                    else os.environ.get("YUSUAN_PUBLIC_FINDINGS") == "1",
                    read_limits=read_limits or default_limits())
    app = FastAPI(title="预算公开平台 开放数据接口", version=__version__,
                  description="部门预算公开数据：部门、公开文件、表格、单元格（元）、检查结果。",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.portal = portal
    app.add_middleware(SecurityHeaders)
    app.include_router(public.router)
    app.include_router(downloads.router)
    app.include_router(api.router)
    app.include_router(scores.router)
    app.include_router(admin.router)
    app.include_router(review.router)
    app.include_router(org.router)
    app.include_router(drafts.router)

    @app.get("/static/document.css", include_in_schema=False)
    def document_css() -> Response:
        return Response(css(), media_type="text/css",
                        headers={"Cache-Control": "public, max-age=3600"})

    static = resources.files("yusuan.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = STANDARD_MESSAGES.get(str(exc.detail), str(exc.detail))
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=exc.status_code,
                                headers=exc.headers)
        if exc.status_code in (301, 302, 303):
            return Response(status_code=exc.status_code, headers=exc.headers)
        return portal.render("error.html", request, status=exc.status_code,
                             code=exc.status_code, message=message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if any(tuple(e.get("loc", ()))[:1] == ("path",) for e in exc.errors()):
            return await http_error(request, HTTPException(404, NOT_FOUND))  # web/params.py
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "请求参数有误", "errors": _errors(exc)},
                                status_code=422)
        return PlainTextResponse("请求参数有误", status_code=422)

    @app.exception_handler(SQLAlchemyError)
    @app.exception_handler(StoreError)
    async def database_error(request: Request, exc: Exception) -> Response:
        """A database failure: logged for the operator, a plain message for the visitor —
        never the SQL statement or its parameters."""
        log.error("database error on %s", request.url.path, exc_info=exc)
        message = exc.message if isinstance(exc, StoreError) else DATABASE_UNAVAILABLE
        return await http_error(request, HTTPException(503, message))

    return app


DATABASE_UNAVAILABLE = "数据库暂时无法完成这个请求，请稍后重试。"
NOT_FOUND = "Not Found"
STANDARD_MESSAGES = {NOT_FOUND: "没有这个页面或数据。", "Method Not Allowed": "不支持这种请求方法。"}


def _errors(exc: RequestValidationError) -> list[dict[str, str]]:
    return [{"location": ".".join(str(p) for p in e.get("loc", ())), "message": str(e.get("msg"))}
            for e in exc.errors()]


def app_from_environment() -> FastAPI:
    """The portal of one ``yusuan serve --workers N`` worker: database and session key from
    ``YUSUAN_DB`` and ``YUSUAN_SECRET``, set by the parent for every worker alike."""
    return create_app(None)


def ensure_admin(store: Store, username: str, password: str | None) -> str:
    """Create or update the admin from ``$YUSUAN_ADMIN_PASSWORD``; say how otherwise."""
    with store.transaction() as session:
        if password:
            created = set_user(session, username, password)
            return f"管理员“{username}”已{'创建' if created else '更新密码'}。"
        if user_count(session) == 0:
            return ("尚无管理员：设置环境变量 YUSUAN_ADMIN_PASSWORD 后重新启动，"
                    "或运行 yusuan user add 用户名 --db …")
    return "管理后台：/admin"
