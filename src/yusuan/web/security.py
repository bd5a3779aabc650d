"""Admin sessions and CSRF tokens: a signed cookie (itsdangerous) holding user and token.

Every visitor of an admin page gets a session cookie with a random CSRF token; every POST
form carries that token in a hidden field and is refused (403) when it does not match.
Logging in replaces the session (a new token), so a token seen before login is useless after.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from fastapi import HTTPException, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "yusuan_session"
MAX_AGE = 8 * 3600


@dataclass(frozen=True)
class Session:
    csrf: str
    user: str | None = None


class Sessions:
    def __init__(self, secret: str) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="yusuan-admin")

    def read(self, request: Request) -> Session | None:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            data = self._signer.loads(raw, max_age=MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
            return None
        user = data.get("user")
        return Session(csrf=data["csrf"], user=user if isinstance(user, str) else None)

    def new(self, user: str | None = None) -> Session:
        return Session(csrf=secrets.token_urlsafe(24), user=user)

    def write(self, response: Response, session: Session, secure: bool = False) -> None:
        value = self._signer.dumps({"csrf": session.csrf, "user": session.user})
        response.set_cookie(COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="strict",
                            secure=secure, path="/")

    def clear(self, response: Response) -> None:
        response.delete_cookie(COOKIE, path="/")


def check_csrf(session: Session | None, token: str | None) -> None:
    if session is None or not token or not hmac.compare_digest(session.csrf, token):
        raise HTTPException(403, "表单已失效或来源不明（CSRF 校验失败），请刷新页面后重试。")
