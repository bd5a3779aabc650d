"""Administrator accounts: salted scrypt password hashes, never the password itself."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from yusuan.store.repository import now
from yusuan.store.schema import User

_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    actual = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n),
                            r=int(r), p=int(p), dklen=len(digest) // 2)
    return hmac.compare_digest(actual.hex(), digest)


def set_user(session: Session, username: str, password: str) -> bool:
    """Create ``username`` or change its password; True when the user is new."""
    if not username.strip():
        raise ValueError("用户名不能为空")
    if len(password) < 8:
        raise ValueError("密码至少需要 8 个字符")
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        session.add(User(username=username, password_hash=hash_password(password),
                         created_at=now()))
        return True
    user.password_hash = hash_password(password)
    return False


def authenticate(session: Session, username: str, password: str) -> bool:
    stored = session.scalar(select(User.password_hash).where(User.username == username))
    if stored is None:
        hash_password(password)  # same work whether or not the user exists
        return False
    return verify_password(password, stored)


def user_count(session: Session) -> int:
    return len(session.scalars(select(User.id)).all())
