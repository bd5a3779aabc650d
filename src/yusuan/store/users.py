"""Administrator accounts: salted scrypt password hashes, never the password itself; the
password rules; and what the audit log says of a user's logins (lockout, logout).

Lockout: after ``LOCK_AFTER`` failed logins of one user within ``LOCK_MINUTES`` (and since its
last successful login) the user is locked for ``LOCK_MINUTES`` from the last failure; the
password is then not even tried. The audit log is the record, so every worker process and
every restart sees the same count.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from yusuan.store.org import match
from yusuan.store.repository import now
from yusuan.store.schema import ROLES, AuditEntry, Department, User

MIN_LENGTH = 10
LOCK_AFTER = 5
LOCK_MINUTES = 15
COMMON = frozenset({"password", "password1", "password123", "123456789", "1234567890",
                    "qwertyuiop", "1qaz2wsx3edc", "admin12345", "administrator", "abcdefghij",
                    "woaini1314", "iloveyou12", "zhang123456", "aa123456789"})

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


@dataclass(frozen=True)
class Account:
    """Who is acting: a 管理员 (admin) and a 审核员 (reviewer) see every department; a
    填报人 (filer) only ``department_id``'s."""

    username: str
    role: str
    department_id: int | None = None

    @property
    def reviews(self) -> bool:
        return self.role in ("admin", "reviewer")

    def may_see(self, department_id: int) -> bool:
        return self.reviews or department_id == self.department_id


def set_user(session: Session, username: str, password: str, role: str = "admin",
             department: str | None = None) -> bool:
    """Create ``username`` or change its password, role and department; True when new.
    A filer needs a department of the org tree; the others have none."""
    if not username.strip():
        raise ValueError("用户名不能为空")
    if role not in ROLES:
        raise ValueError(f"未知的角色“{role}”，应为 {'、'.join(ROLES)} 之一")
    problem = password_problem(username, password)
    if problem:
        raise ValueError(problem)
    dept_id = _department(session, role, department)
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        session.add(User(username=username, password_hash=hash_password(password),
                         created_at=now(), role=role, department_id=dept_id))
        return True
    user.password_hash = hash_password(password)
    user.role, user.department_id = role, dept_id
    return False


def _department(session: Session, role: str, department: str | None) -> int | None:
    if role != "filer":
        if department:
            raise ValueError("只有填报人属于某个部门；管理员和审核员不带 --department")
        return None
    if not department:
        raise ValueError("填报人需要指定所属部门（--department 部门名称）")
    found = match(session, department)
    if found.department_id is None:
        near = "；相近的有：" + "、".join(n for _, n in found.candidates) if found.candidates else ""
        raise ValueError(f"组织架构中没有部门“{department}”{near}。请先用 yusuan org import "
                         "导入或在管理后台添加")
    return found.department_id


def account(session: Session, username: str) -> Account | None:
    """The user's account; None when there is no such user or it is disabled."""
    row = session.execute(select(User.role, User.department_id)
                          .where(User.username == username, User.disabled_at.is_(None))).first()
    return Account(username, row.role, row.department_id) if row else None


def accounts(session: Session) -> list[tuple[str, str, str | None, bool]]:
    """(user name, role, department name, disabled) of every user, by name."""
    stmt = (select(User.username, User.role, Department.name, User.disabled_at)
            .outerjoin(Department, Department.id == User.department_id)
            .order_by(User.username))
    return [(r[0], r[1], r[2], r[3] is not None) for r in session.execute(stmt)]


def set_disabled(session: Session, username: str, disabled: bool, by: str) -> None:
    """Disable (or enable again) ``username``: a disabled user cannot log in, and every
    session of it ends at once (``account`` no longer finds it). Audit-logged; a user never
    disables itself (the last admin could lock everyone out)."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise LookupError(f"没有用户“{username}”")
    if disabled and username == by:
        raise ValueError("不能停用自己的账户")
    user.disabled_at = now() if disabled else None
    session.add(AuditEntry(at=now(), username=by, action="user-disable" if disabled
                           else "user-enable", disclosure_id=None,
                           detail=f"{'停用' if disabled else '启用'}用户“{username}”"))


def is_disabled(session: Session, username: str) -> bool:
    return session.scalar(select(User.disabled_at).where(User.username == username)) is not None


def password_problem(username: str, password: str) -> str | None:
    """Why a password is refused (None: acceptable): long enough, not the user name, not a
    well-known password, not one character repeated."""
    if len(password) < MIN_LENGTH:
        return f"密码至少需要 {MIN_LENGTH} 个字符"
    lowered = password.lower()
    if lowered == username.lower() or (username.lower() in lowered and len(username) >= 4):
        return "密码不能包含用户名"
    if lowered in COMMON or len(set(password)) <= 2:
        return "密码过于常见或简单，请换一个"
    return None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=now().tzinfo)


def _last(session: Session, username: str, action: str) -> datetime | None:
    at = session.scalar(select(func.max(AuditEntry.at)).where(
        AuditEntry.username == username, AuditEntry.action == action))
    return _aware(at) if at is not None else None


def locked_until(session: Session, username: str) -> datetime | None:
    """When ``username``'s temporary lockout ends, or None if it is not locked."""
    since = now() - timedelta(minutes=LOCK_MINUTES)
    success = _last(session, username, "login")
    if success is not None and success > since:
        since = success
    failures = sorted(_aware(at) for at in session.scalars(select(AuditEntry.at).where(
        AuditEntry.username == username, AuditEntry.action == "login-failed",
        AuditEntry.at > since)))
    if len(failures) < LOCK_AFTER:
        return None
    return failures[-1] + timedelta(minutes=LOCK_MINUTES)


def last_logout(session: Session, username: str) -> datetime | None:
    """The user's last logout: every session issued before it has ended."""
    return _last(session, username, "logout")


def authenticate(session: Session, username: str, password: str) -> bool:
    stored = session.scalar(select(User.password_hash).where(
        User.username == username, User.disabled_at.is_(None)))
    if stored is None:  # no such user, or disabled
        hash_password(password)  # same work whether or not the user exists
        return False
    return verify_password(password, stored)


def user_count(session: Session) -> int:
    return len(session.scalars(select(User.id)).all())
