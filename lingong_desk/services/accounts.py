"""The market this desk serves, clerk accounts and signing in."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from lingong_desk.db.local_state import MARKET_CODE, Setting, get_setting, put_setting
from lingong_desk.db.models import Clerk, Market
from lingong_desk.domain.enums import ClerkRole
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.identifiers import districts_under
from lingong_desk.domain.registration import DraftRejected, FieldError, Problems
from lingong_desk.services.context import ServiceContext

C = "validation"
MIN_PASSWORD = 6
_hasher = PasswordHasher()
# minutes without input before the desk locks to the sign-in page
IDLE_LOCK_MINUTES = Setting("lock.idle_minutes", int, 10)
IDLE_LOCK_RANGE = (1, 120)


@dataclass(frozen=True)
class MarketInfo:
    code: str
    name: str
    region_code: str
    phone: str
    address: str


@dataclass(frozen=True)
class ClerkInfo:
    id: uuid.UUID
    name: str
    role: str
    last_login: dt.datetime | None = None


class SignInError(ValueError):
    pass


def hash_password(password: str) -> str:
    return _hasher.hash(password)


class AccountService:
    def __init__(self, ctx: ServiceContext, hasher: PasswordHasher | None = None) -> None:
        self.ctx = ctx
        # argon2id with the library's RFC 9106 defaults; tests pass a cheaper one
        self.hasher = hasher or _hasher

    def market(self) -> MarketInfo | None:
        with self.ctx.reading() as s:
            code = MARKET_CODE.read(s)
            if code is None:
                return None
            m = s.get(Market, code)
            if m is None:
                return None
            return MarketInfo(m.code, m.name, m.region_code, m.phone, m.address)

    def districts(self) -> list[tuple[str, str]]:
        """Counties and districts of the market's city, kept in the database once
        looked up (reading stdnum's region table takes a noticeable moment)."""
        market = self.market()
        if market is None or len(market.region_code) != 6:
            return []
        prefecture = market.region_code[:4] + "00"
        key = f"districts:{prefecture}"
        with self.ctx.reading() as s:
            cached = get_setting(s, key)
        if cached is not None:
            return [(str(code), str(name)) for code, name in json.loads(cached)]
        found = [list(pair) for pair in districts_under(prefecture)]
        with self.ctx.session() as s:
            put_setting(s, key, json.dumps(found, ensure_ascii=False))
        return [(code, name) for code, name in found]

    def needs_setup(self) -> bool:
        with self.ctx.reading() as s:
            return MARKET_CODE.read(s) is None or not s.scalar(
                select(func.count()).select_from(Clerk)
            )

    def set_up(self, market: MarketInfo, clerk_name: str, password: str, repeat: str) -> ClerkInfo:
        """First start: record the market and create the first (supervisor) clerk."""
        problems: Problems = {}
        if not re.fullmatch(r"[A-Z]{2,6}", market.code):
            problems["market_code"] = FieldError(
                QT_TRANSLATE_NOOP(
                    "validation", "The market code is 2 to 6 capital letters, e.g. ZY."
                )
            )
        if not market.name.strip():
            problems["market_name"] = FieldError(
                QT_TRANSLATE_NOOP("validation", "Enter the market's name.")
            )
        if market.region_code and not re.fullmatch(r"\d{6}", market.region_code):
            problems["region_code"] = FieldError(
                QT_TRANSLATE_NOOP("validation", "A region code has 6 digits.")
            )
        problems.update(self._check_new_clerk(clerk_name, password, repeat))
        if problems:
            raise DraftRejected(problems)
        self.ctx.market_code = market.code
        with self.ctx.session() as s:
            existing = s.get(Market, market.code)
            if existing is None:
                s.add(
                    Market(
                        code=market.code,
                        name=market.name.strip(),
                        region_code=market.region_code,
                        phone=market.phone,
                        address=market.address,
                    )
                )
            MARKET_CODE.write(s, market.code)
            clerk = Clerk(
                name=clerk_name.strip(),
                password_hash=self.hasher.hash(password),
                role="supervisor",
                active=True,
                market_code=market.code,
            )
            s.add(clerk)
            s.flush()
            self.ctx.audit(s, "clerk.create", "clerk", clerk.id, name=clerk.name)
            return ClerkInfo(clerk.id, clerk.name, clerk.role)

    def _check_new_clerk(self, name: str, password: str, repeat: str) -> Problems:
        problems: Problems = {}
        if not name.strip():
            problems["clerk_name"] = FieldError(
                QT_TRANSLATE_NOOP("validation", "Enter the clerk's name.")
            )
        if len(password) < MIN_PASSWORD:
            problems["password"] = FieldError(
                QT_TRANSLATE_NOOP("validation", "A password has at least 6 characters.")
            )
        elif password != repeat:
            problems["repeat"] = FieldError(
                QT_TRANSLATE_NOOP("validation", "The two passwords differ.")
            )
        return problems

    def add_clerk(self, name: str, password: str, repeat: str, role: str = "clerk") -> ClerkInfo:
        self.ctx.require_supervisor(
            QT_TRANSLATE_NOOP("validation", "Only a supervisor can add clerks.")
        )
        problems = self._check_new_clerk(name, password, repeat)
        if role not in set(ClerkRole):
            problems["role"] = FieldError(QT_TRANSLATE_NOOP("validation", "Choose a role."))
        with self.ctx.session() as s:
            if s.scalar(select(Clerk.id).where(Clerk.name == name.strip())) is not None:
                problems["clerk_name"] = FieldError(
                    QT_TRANSLATE_NOOP("validation", "A clerk with this name exists.")
                )
            if problems:
                raise DraftRejected(problems)
            clerk = Clerk(
                name=name.strip(), password_hash=self.hasher.hash(password), role=role, active=True
            )
            s.add(clerk)
            s.flush()
            self.ctx.audit(s, "clerk.create", "clerk", clerk.id, name=clerk.name)
            return ClerkInfo(clerk.id, clerk.name, clerk.role)

    def clerks(self) -> list[ClerkInfo]:
        with self.ctx.reading() as s:
            return [
                ClerkInfo(c.id, c.name, c.role, c.last_login_at)
                for c in s.scalars(select(Clerk).where(Clerk.active).order_by(Clerk.name))
            ]

    def clerk_names(self) -> list[str]:
        with self.ctx.reading() as s:
            return list(s.scalars(select(Clerk.name).where(Clerk.active).order_by(Clerk.name)))

    def deactivate(self, clerk_id: uuid.UUID) -> None:
        """A clerk who left (a temporary clerk's last day) can no longer sign in."""
        self.ctx.require_supervisor(
            QT_TRANSLATE_NOOP("validation", "Only a supervisor can change clerk accounts.")
        )
        if clerk_id == self.ctx.clerk_id:
            raise DraftRejected(
                {
                    "clerk_name": FieldError(
                        QT_TRANSLATE_NOOP("validation", "You cannot deactivate your own account.")
                    )
                }
            )
        with self.ctx.session() as s:
            clerk = s.get(Clerk, clerk_id)
            if clerk is None:
                return
            clerk.active = False
            self.ctx.audit(s, "clerk.deactivate", "clerk", clerk.id, name=clerk.name)

    def sign_in(self, name: str, password: str) -> ClerkInfo:
        """Sign a clerk in (at start, after the idle lock, or to switch clerk);
        a failed attempt is audited with the name tried."""
        with self.ctx.reading() as s:
            code = MARKET_CODE.read(s)
            clerk = s.scalar(select(Clerk).where(Clerk.name == name.strip(), Clerk.active))
        if clerk is None or code is None:
            self._failed(code, None, name)
            raise SignInError(QT_TRANSLATE_NOOP("validation", "Unknown clerk or wrong password."))
        try:
            self.hasher.verify(clerk.password_hash, password)
        except (VerificationError, InvalidHashError):
            self._failed(code, clerk.id, name)
            raise SignInError(
                QT_TRANSLATE_NOOP("validation", "Unknown clerk or wrong password.")
            ) from None
        self.ctx.market_code = code
        self.ctx.clerk_id = clerk.id
        self.ctx.clerk_name = clerk.name
        self.ctx.clerk_role = clerk.role
        with self.ctx.session() as s:
            row = s.get(Clerk, clerk.id)
            assert row is not None
            row.last_login_at = self.ctx.now()
            if self.hasher.check_needs_rehash(row.password_hash):
                row.password_hash = self.hasher.hash(password)
            self.ctx.audit(s, "clerk.sign_in", "clerk", clerk.id)
        return ClerkInfo(clerk.id, clerk.name, clerk.role)

    def _failed(self, code: str | None, clerk_id: uuid.UUID | None, name: str) -> None:
        if code is None:
            return  # no market yet: nothing to record it in
        with self.ctx.session() as s:
            writer = s.info["writer"]
            writer.market_code, writer.clerk_id = code, None
            self.ctx.audit(s, "clerk.sign_in_failed", "clerk", clerk_id, name=name.strip()[:40])

    def idle_lock_minutes(self) -> int:
        with self.ctx.reading() as s:
            return IDLE_LOCK_MINUTES.read(s)

    def set_idle_lock_minutes(self, minutes: int) -> None:
        self.ctx.require_supervisor(
            QT_TRANSLATE_NOOP("validation", "Only a supervisor can change the settings.")
        )
        low, high = IDLE_LOCK_RANGE
        if not low <= minutes <= high:
            raise DraftRejected(
                {
                    "idle_minutes": FieldError(
                        QT_TRANSLATE_NOOP("validation", "Between {low} and {high} minutes."),
                        {"low": str(low), "high": str(high)},
                    )
                }
            )
        with self.ctx.session() as s:
            IDLE_LOCK_MINUTES.write(s, minutes)
            self.ctx.audit(s, "settings.idle_lock", minutes=minutes)

    def lock(self) -> None:
        """The screen locked (idle, or the clerk stepped away): audited; the next
        sign-in (the same clerk or another) opens it again."""
        if self.ctx.clerk_id is None:
            return
        with self.ctx.session() as s:
            self.ctx.audit(s, "clerk.lock", "clerk", self.ctx.clerk_id)
