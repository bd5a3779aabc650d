"""Admin sessions and CSRF tokens: a signed cookie (itsdangerous) holding user and token.

Every visitor of an admin page gets a session cookie with a random CSRF token; every POST
form carries that token in a hidden field and is refused (403) when it does not match.
Logging in replaces the session (a new token), so a token seen before login is useless after.
A session also ends on the server: logging out is recorded, and a cookie issued before its
user's last logout is refused (a copied cookie is useless after logout); every session
expires ``MAX_AGE`` after login.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from fastapi import HTTPException, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "yusuan_session"
MAX_AGE = 8 * 3600
BEIJING = timezone(timedelta(hours=8), "北京时间")


def beijing(moment: datetime, seconds: bool = False) -> str:
    """A stored (UTC) moment as Beijing time, the way people here read it: 2025-02-26 14:05."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


class Throttle:
    """Failed logins per client address in this process: more than ``limit`` within
    ``window`` seconds and the address is refused until the oldest ages out. (The per-user
    lockout is in the database; this slows one address trying many user names.)"""

    def __init__(self, limit: int = 20, window: float = 900.0) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, at: float) -> deque[float]:
        times = self._failures.setdefault(client, deque())
        while times and times[0] <= at - self.window:
            times.popleft()
        return times

    def blocked(self, client: str) -> bool:
        with self._lock:
            return len(self._recent(client, time.monotonic())) >= self.limit

    def failed(self, client: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent(client, now).append(now)
            if len(self._failures) > 10000:  # forget idle addresses
                for key in [k for k, v in self._failures.items() if not v]:
                    del self._failures[key]


@dataclass(frozen=True)
class Session:
    csrf: str
    user: str | None = None
    issued: datetime | None = None  # when the cookie was signed (UTC)


class Sessions:
    def __init__(self, secret: str) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="yusuan-admin")

    def read(self, request: Request) -> Session | None:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            data, signed = self._signer.loads(raw, max_age=MAX_AGE, return_timestamp=True)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
            return None
        user = data.get("user")
        at = data.get("at")  # the precise moment of signing (the signer keeps whole seconds)
        issued = datetime.fromtimestamp(at, UTC) if isinstance(at, (int, float)) else (
            signed if signed.tzinfo else signed.replace(tzinfo=UTC))
        return Session(csrf=data["csrf"], user=user if isinstance(user, str) else None,
                       issued=issued)

    def new(self, user: str | None = None) -> Session:
        return Session(csrf=secrets.token_urlsafe(24), user=user)

    def write(self, response: Response, session: Session, secure: bool = False) -> None:
        value = self._signer.dumps({"csrf": session.csrf, "user": session.user,
                                    "at": time.time()})
        response.set_cookie(COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="strict",
                            secure=secure, path="/")

    def clear(self, response: Response) -> None:
        response.delete_cookie(COOKIE, path="/")


def check_csrf(session: Session | None, token: str | None) -> None:
    if session is None or not token or not hmac.compare_digest(session.csrf, token):
        raise HTTPException(403, "表单已失效或来源不明（CSRF 校验失败），请刷新页面后重试。")
