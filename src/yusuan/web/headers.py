"""Security headers on every response (a plain ASGI wrapper: no per-request task overhead).

The portal loads nothing from other hosts, runs no inline script (chart data travels in a
``type="application/json"`` block, which is not executed) and is never framed.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
)


# The workspace (/admin) is never stored by a browser or proxy, and only spoken over HTTPS
# once a browser has seen it there (HSTS is ignored on plain HTTP).
ADMIN_HEADERS = (
    (b"cache-control", b"no-store"),
    (b"strict-transport-security", b"max-age=31536000"),
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        admin = scope.get("path", "").startswith("/admin")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                if admin:
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers += ADMIN_HEADERS
                present = {k.lower() for k, _v in headers}
                headers += [(k, v) for k, v in HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
