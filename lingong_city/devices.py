"""Markets, enrollment codes, desks and their credentials.

A supervisor makes a one-time code for a market (``lingong-city enroll-code``);
the desk sends it once with its Ed25519 public key and gets back its device
id, a bearer credential, its market, its desk number and the city's public
key. The credential is shown only in that answer; the server keeps its
SHA-256. Every function here runs in the caller's transaction (the writing
ones inside ``Database.writing``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lingong_city import keys
from lingong_city.db import lock_market_list
from lingong_city.fanout import Fanout
from lingong_city.models import (
    Conflict,
    Device,
    EnrollmentCode,
    Market,
    PersonLink,
    PersonLookup,
)
from lingong_city.schema import SURROGATE
from lingong_desk.domain.identifiers import normalise_resident_id
from lingong_desk.domain.ids import new_id
from lingong_desk.domain.ids import person_id as person_key

MARKET_CODE_RE = re.compile(r"[A-Z]{2,6}")
REGION_RE = re.compile(r"\d{6}")
DESK_NUMBERS = range(1, 10)


class EnrollRefused(Exception):
    """An enrollment the server refuses, with the HTTP status to answer; ``unknown``:
    no such code (a guess, or a typo)."""

    def __init__(self, status: int, reason: str, unknown: bool = False) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.unknown = unknown


@dataclass(frozen=True)
class Enrolled:
    device_id: uuid.UUID
    credential: str
    market: dict[str, str]
    desk_number: int
    city_public_key: str

    def to_json(self) -> dict[str, Any]:
        return {
            "device_id": str(self.device_id),
            "credential": self.credential,
            "market": self.market,
            "desk_number": self.desk_number,
            "city_public_key": self.city_public_key,
        }


@dataclass(frozen=True)
class DeskActivity:
    """A market's desks in use (not revoked), as they last reported."""

    desks: int = 0
    last_seen: dt.datetime | None = None
    waiting: int = 0  # changes not yet sent, summed over the desks
    attention: int = 0  # items needing attention, summed over the desks


def desk_activity(session: Session) -> dict[str, DeskActivity]:
    """Per market code, what its desks in use last reported (one grouped read)."""
    rows = session.execute(
        select(
            Device.market_code,
            func.count(),
            func.max(Device.last_seen_at),
            func.sum(Device.pending_count),
            func.sum(Device.attention_count),
        )
        .where(Device.revoked.is_(False))
        .group_by(Device.market_code)
    )
    return {
        code: DeskActivity(int(n), seen, int(waiting or 0), int(attention or 0))
        for code, n, seen, waiting, attention in rows
    }


def open_conflict_counts(session: Session) -> dict[str, int]:
    """Per market code, its identity conflicts not settled yet."""
    rows = session.execute(
        select(Conflict.market_code, func.count())
        .where(Conflict.resolved_at.is_(None))
        .group_by(Conflict.market_code)
    )
    return {code: int(n) for code, n in rows}


def market_json(m: Market) -> dict[str, str]:
    return {
        "code": m.code,
        "name": m.name,
        "region_code": m.region_code,
        "phone": m.phone,
        "address": m.address,
    }


def add_market(
    session: Session,
    code: str,
    name: str,
    now: dt.datetime,
    region_code: str = "",
    phone: str = "",
    address: str = "",
) -> bool:
    """Create a market (True) or update its details (False).

    A new market's feed starts with the city-wide rows (open postings and
    their employers), so its first desk sees them on its first pull.
    """
    if not MARKET_CODE_RE.fullmatch(code):
        raise ValueError("a market code is 2 to 6 capital letters, e.g. ZY")
    if not name.strip() or len(name) > 100:
        raise ValueError("a market needs a name of at most 100 characters")
    if region_code and not REGION_RE.fullmatch(region_code):
        raise ValueError("a region code is 6 digits, e.g. 140226")
    if len(phone) > 20 or len(address) > 200:
        raise ValueError("the phone (20) or address (200) is too long")
    lock_market_list(session)  # no city-wide row is appended meanwhile (see db)
    market = session.get(Market, code)
    created = market is None
    if market is None:
        market = Market(code=code, created_at=now)
        session.add(market)
    market.name, market.region_code = name.strip(), region_code
    market.phone, market.address = phone.strip(), address.strip()
    session.flush()
    if created:
        fanout = Fanout(session, now)
        fanout.seed_market(code)
        fanout.flush()
    return created


def _desk_holder(session: Session, market: str, number: int) -> Device | None:
    return session.scalar(
        select(Device).where(
            Device.market_code == market,
            Device.desk_number == number,
            Device.revoked.is_(False),
        )
    )


def new_enrollment_code(
    session: Session,
    market_code: str,
    now: dt.datetime,
    desk_number: int | None = None,
    valid_for: dt.timedelta = dt.timedelta(hours=72),
) -> str:
    """A one-time code for a new desk of ``market_code`` (only its hash is stored)."""
    if session.get(Market, market_code) is None:
        raise ValueError(f"there is no market {market_code}; add it first")
    if desk_number is not None:
        if desk_number not in DESK_NUMBERS:
            raise ValueError("a desk number is 1 to 9")
        holder = _desk_holder(session, market_code, desk_number)
        if holder is not None:
            raise ValueError(
                f"desk number {desk_number} of {market_code} is held by device {holder.id}; "
                "revoke that device first"
            )
    if valid_for <= dt.timedelta(0):
        raise ValueError("the code must be valid for some time")
    code = keys.new_enrollment_code()
    session.add(
        EnrollmentCode(
            code_hash=keys.code_hash(code),
            market_code=market_code,
            desk_number=desk_number,
            created_at=now,
            expires_at=now + valid_for,
            selector=keys.code_selector(code),
            failures=0,
        )
    )
    session.flush()
    return code


MAX_CODE_FAILURES = 5  # wrong tries at a known code's selector before it is locked


def check_code(
    session: Session,
    code: str,
    now: dt.datetime,
    market_code: str | None = None,
    lock: bool = False,
) -> EnrollmentCode:
    """The enrollment code row, if it may be used now; ``EnrollRefused`` otherwise.

    Needs no write lock (the app checks a code this way before it opens a write
    transaction, so guesses never queue up behind pushes); ``lock`` reads the row
    ``FOR UPDATE`` in the write transaction that uses it.
    """
    if not code or len(code) > 64:
        raise EnrollRefused(403, "this enrollment code is not known", unknown=True)
    row = session.get(EnrollmentCode, keys.code_hash(code), with_for_update=lock)
    if row is None:
        raise EnrollRefused(403, "this enrollment code is not known", unknown=True)
    if row.locked_at is not None:
        raise EnrollRefused(
            403, "this enrollment code was locked after repeated wrong tries; ask for a new one"
        )
    if row.used_at is not None:
        raise EnrollRefused(403, "this enrollment code has been used already")
    if row.expires_at <= now:
        raise EnrollRefused(403, "this enrollment code has expired; ask for a new one")
    if market_code is not None and market_code != row.market_code:
        raise EnrollRefused(
            409, f"this enrollment code is for market {row.market_code}, not {market_code}"
        )
    return row


def near_misses(session: Session, code: str, now: dt.datetime) -> list[EnrollmentCode]:
    """Usable codes whose first group is this (unknown) code's: someone is guessing."""
    if not code or len(code) > 64:
        return []
    return list(
        session.scalars(
            select(EnrollmentCode).where(
                EnrollmentCode.selector == keys.code_selector(code),
                EnrollmentCode.used_at.is_(None),
                EnrollmentCode.locked_at.is_(None),
                EnrollmentCode.expires_at > now,
            )
        )
    )


def count_failure(session: Session, code: str, now: dt.datetime) -> int:
    """A wrong try at known codes (by their selector): counted, and the code is locked
    after ``MAX_CODE_FAILURES``. Returns how many codes were locked now."""
    locked = 0
    for row in near_misses(session, code, now):
        row.failures += 1
        if row.failures >= MAX_CODE_FAILURES:
            row.locked_at = now
            locked += 1
    return locked


def enroll(
    session: Session,
    code: str,
    device_name: str,
    public_key: str,
    now: dt.datetime,
    key_file: Path | None = None,
    market_code: str | None = None,
) -> Enrolled:
    """Trade a one-time code for a device and its credential (inside ``writing``).

    A desk that names its market gets a code of another market refused before
    the code is used, so the right desk can still use it.
    """
    try:
        keys.public_key_from_text(public_key)
    except ValueError as exc:
        raise EnrollRefused(422, str(exc)) from None
    row = check_code(session, code, now, market_code, lock=True)
    number = row.desk_number
    if number is None:
        taken = set(
            session.scalars(
                select(Device.desk_number).where(
                    Device.market_code == row.market_code, Device.revoked.is_(False)
                )
            )
        )
        number = next((n for n in DESK_NUMBERS if n not in taken), None)
        if number is None:
            raise EnrollRefused(409, f"all nine desk numbers of {row.market_code} are in use")
    elif _desk_holder(session, row.market_code, number) is not None:
        raise EnrollRefused(409, f"desk number {number} of {row.market_code} is in use")
    credential = keys.new_credential()
    device = Device(
        id=new_id(),
        market_code=row.market_code,
        name=SURROGATE.sub("", device_name.replace("\x00", "")).strip()[:100],
        desk_number=number,
        credential_hash=keys.sha256_hex(credential),
        public_key=public_key,
        enrolled_at=now,
        last_seen_at=now,
        revoked=False,
        bundle_cursor=0,
        pending_results=[],
    )
    session.add(device)
    row.used_at, row.device_id = now, device.id
    market = session.get(Market, row.market_code)
    assert market is not None
    city = keys.city_key(session, key_file, now)
    session.flush()
    return Enrolled(
        device.id, credential, market_json(market), number, keys.public_key_text(city.public_key())
    )


def authenticate(session: Session, credential: str) -> Device | None:
    """The enrolled device holding this credential (revoked ones too: the caller
    refuses them with the reason)."""
    if not credential or len(credential) > 200:
        return None
    return session.scalar(
        select(Device).where(Device.credential_hash == keys.sha256_hex(credential))
    )


def revoked_reason(device: Device) -> str:
    """What a revoked desk is told when it tries to sync."""
    when = f" on {device.revoked_at:%Y-%m-%d}" if device.revoked_at else ""
    why = f" ({device.revoked_reason})" if device.revoked_reason else ""
    return (
        f"this desk was revoked by the city{when}{why}: it may no longer sync; "
        "ask the city for a new enrolment code"
    )


def revoke(
    session: Session, device_id: uuid.UUID, now: dt.datetime | None = None, reason: str = ""
) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise ValueError(f"there is no device {device_id}")
    if not device.revoked:
        device.revoked = True
        device.revoked_at = now or dt.datetime.now(dt.UTC)
        device.revoked_reason = SURROGATE.sub("", reason.replace("\x00", "")).strip()[:200]
    return device


REPORT_LIMIT = 10**9


def _count(value: str | None) -> int | None:
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 10 and int(value) < REPORT_LIMIT:
        return int(value)
    return None


def _version(value: str | None) -> str | None:
    value = (value or "").strip()
    if value and len(value) <= 40 and value.isascii() and value.isprintable():
        return value
    return None


@dataclass(frozen=True)
class Report:
    """What a desk said about itself in a request's headers (None: not said)."""

    version: str | None
    pending: int | None
    attention: int | None

    @classmethod
    def from_headers(
        cls, version: str | None, pending: str | None, attention: str | None
    ) -> Report:
        return cls(_version(version), _count(pending), _count(attention))

    @property
    def said(self) -> bool:
        return self.version is not None or self.pending is not None or self.attention is not None

    def differs(self, device: Device) -> bool:
        return self.said and (
            (self.version is not None and self.version != device.program_version)
            or (self.pending is not None and self.pending != device.pending_count)
            or (self.attention is not None and self.attention != device.attention_count)
        )

    def store(self, device: Device, now: dt.datetime) -> None:
        if not self.said:
            return
        if self.version is not None:
            device.program_version = self.version
        if self.pending is not None:
            device.pending_count = self.pending
        if self.attention is not None:
            device.attention_count = self.attention
        device.reported_at = now


def devices(session: Session) -> list[Device]:
    return list(session.scalars(select(Device).order_by(Device.market_code, Device.desk_number)))


def person_access(session: Session, id_number: str) -> list[PersonLink]:
    """Every market linked to the person with this ID number (it registered them),
    with when, by which desk and clerk: who has seen this person's data."""
    pid = person_key(normalise_resident_id(id_number))
    return list(
        session.scalars(
            select(PersonLink).where(PersonLink.person_id == pid).order_by(PersonLink.linked_at)
        )
    )


def person_lookups(session: Session, id_number: str) -> list[PersonLookup]:
    """Staff of the city who looked this person up in the console, with their reason."""
    pid = person_key(normalise_resident_id(id_number))
    return list(
        session.scalars(
            select(PersonLookup).where(PersonLookup.person_id == pid).order_by(PersonLookup.at)
        )
    )


def open_conflicts(session: Session) -> list[Conflict]:
    return list(
        session.scalars(
            select(Conflict).where(Conflict.resolved_at.is_(None)).order_by(Conflict.id)
        )
    )
