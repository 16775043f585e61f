"""City staff accounts: passwords (argon2id), sessions, the sign-in lockout, the audit.

No web here: the console's pages and ``lingong-city add-user`` call these inside
the caller's transaction. A session's cookie holds a random token; the table
keeps only its SHA-256, with the session's CSRF token and when it was last used
(idle sessions end, see ``ConsoleSettings.idle``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from lingong_city.models import SignInFailure, StaffAudit, StaffSession, StaffUser

ROLES = ("admin", "analyst", "viewer")
NAME_RE = re.compile(r"[^\s\x00-\x1f]{1,50}")
MIN_PASSWORD = 10
# a hash to check a password against when the name is unknown: same time either way
_hasher = PasswordHasher()


@dataclass(frozen=True)
class ConsoleSettings:
    """How the console treats sessions and sign-ins."""

    idle: dt.timedelta = dt.timedelta(minutes=30)  # a session unused this long ends
    lockout_window: dt.timedelta = dt.timedelta(minutes=15)
    account_failures: int = 5  # failed sign-ins of one name within the window lock it
    address_failures: int = 10  # ... and from one address (an office shares one)
    hasher: PasswordHasher = field(default=_hasher)


class AccountError(ValueError):
    """A request about accounts that cannot be done, with the reason to show."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    name = name.strip()
    if not NAME_RE.fullmatch(name):
        raise AccountError("a user name is 1 to 50 characters without spaces")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"a role is one of {', '.join(ROLES)}")
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
    if len(password) > 200:
        raise AccountError("a password has at most 200 characters")
    return password


def add_user(
    session: Session,
    name: str,
    role: str,
    password: str,
    now: dt.datetime,
    hasher: PasswordHasher = _hasher,
) -> StaffUser:
    name, role = check_name(name), check_role(role)
    check_password(password)
    if session.scalar(select(StaffUser).where(StaffUser.name == name)) is not None:
        raise AccountError(f"there is a user {name} already")
    user = StaffUser(
        name=name,
        role=role,
        password_hash=hasher.hash(password),
        disabled=False,
        created_at=now,
        password_changed_at=now,
    )
    session.add(user)
    session.flush()
    return user


def set_password(
    session: Session, user: StaffUser, password: str, now: dt.datetime, hasher: PasswordHasher
) -> None:
    """A new password; every session of the user ends."""
    user.password_hash = hasher.hash(check_password(password))
    user.password_changed_at = now
    end_sessions(session, user.id)


def end_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(StaffSession).where(StaffSession.user_id == user_id))


def users(session: Session) -> list[StaffUser]:
    return list(session.scalars(select(StaffUser).order_by(StaffUser.name)))


def locked_for(
    session: Session, name: str, address: str, now: dt.datetime, settings: ConsoleSettings
) -> dt.timedelta | None:
    """How long sign-ins of this name or from this address stay refused (None: not)."""
    since = now - settings.lockout_window
    waits = []
    for column, value, limit in (
        (SignInFailure.name, name, settings.account_failures),
        (SignInFailure.address, address, settings.address_failures),
    ):
        times = list(
            session.scalars(
                select(SignInFailure.at)
                .where(column == value, SignInFailure.at > since)
                .order_by(SignInFailure.at.desc())
                .limit(limit)
            )
        )
        if len(times) >= limit:  # locked until the oldest of the last ``limit`` leaves
            waits.append(times[-1] + settings.lockout_window - now)
    return max(waits) if waits else None


def verify(user: StaffUser | None, password: str, hasher: PasswordHasher) -> bool:
    """Does the password fit? An unknown or disabled user costs the same time."""
    try:
        if user is None:
            hasher.verify(_DUMMY.get(hasher), password)
            return False
        return bool(hasher.verify(user.password_hash, password)) and not user.disabled
    except (VerificationError, InvalidHashError):
        return False


class _Dummies:
    def __init__(self) -> None:
        self._hashes: dict[int, str] = {}

    def get(self, hasher: PasswordHasher) -> str:
        key = id(hasher)
        if key not in self._hashes:
            self._hashes[key] = hasher.hash(secrets.token_urlsafe(16))
        return self._hashes[key]


_DUMMY = _Dummies()


def record_failure(session: Session, name: str, address: str, now: dt.datetime) -> None:
    session.add(SignInFailure(name=name[:50], address=address[:64], at=now))


def forget_failures(session: Session, name: str, before: dt.datetime) -> None:
    """A good sign-in clears the name's count; old failures are dropped."""
    session.execute(delete(SignInFailure).where(SignInFailure.name == name))
    session.execute(delete(SignInFailure).where(SignInFailure.at < before))


@dataclass(frozen=True)
class NewSession:
    token: str  # for the cookie only; never stored
    csrf_token: str


def open_session(session: Session, user: StaffUser, address: str, now: dt.datetime) -> NewSession:
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(
        StaffSession(
            token_hash=token_hash(token),
            user_id=user.id,
            csrf_token=csrf,
            created_at=now,
            last_seen_at=now,
            address=address[:64],
        )
    )
    session.flush()
    return NewSession(token, csrf)


def session_user(
    session: Session, token: str, now: dt.datetime, settings: ConsoleSettings
) -> tuple[StaffSession, StaffUser] | None:
    """The live session of this cookie token and its user (not disabled); an idle
    session ends here. Marks the session used (at most once a minute)."""
    if not token or len(token) > 100:
        return None
    row = session.get(StaffSession, token_hash(token))
    if row is None:
        return None
    user = session.get(StaffUser, row.user_id)
    if user is None or user.disabled or now - row.last_seen_at > settings.idle:
        session.delete(row)
        return None
    if now - row.last_seen_at > dt.timedelta(minutes=1):
        row.last_seen_at = now
    return row, user


def close_session(session: Session, token: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash(token)))


def audit(
    session: Session,
    user: StaffUser | None,
    action: str,
    detail: dict[str, Any],
    address: str,
    now: dt.datetime,
    user_name: str = "",
) -> None:
    """Record who did what, when, from where (in the caller's transaction)."""
    session.add(
        StaffAudit(
            at=now,
            user_id=user.id if user is not None else None,
            user_name=(user.name if user is not None else user_name)[:50],
            action=action[:64],
            detail=detail,
            address=address[:64],
        )
    )


def admins(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(StaffUser)
            .where(StaffUser.role == "admin", StaffUser.disabled.is_(False))
        )
        or 0
    )
