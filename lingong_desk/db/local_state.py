"""The desk's own settings and number sequences, each kept in one place.

Settings live in ``app_setting`` as text; a ``Setting`` names one with its
type and default, so every reader and writer agrees on both. Sequences give
the next value of a named counter inside the caller's transaction, so a
number is used exactly once or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from lingong_desk.db.models import AppSetting, NumberSequence
from lingong_desk.domain.referral import DEFAULT_VALIDITY_DAYS

T = TypeVar("T")


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(AppSetting, key)
    return row.value if row else None


def put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    parse: Callable[[str], T]
    default: T

    def read(self, session: Session) -> T:
        raw = get_setting(session, self.key)
        return self.default if raw is None else self.parse(raw)

    def write(self, session: Session, value: T) -> None:
        put_setting(session, self.key, str(value))


DESK_NUMBER = Setting("desk_number", int, 1)  # 1-9, in referral numbers
REFERRAL_VALIDITY_DAYS = Setting("referral_validity_days", int, DEFAULT_VALIDITY_DAYS)
MARKET_CODE = Setting[str | None]("market_code", str, None)
DEVICE_ID = Setting[str | None]("device_id", str, None)
# set by migration 0004 on a file that already held job seekers: those registered
# before it have no "person.register" event, and statistics count them by their row
REGISTRATIONS_RECORDED_FROM = Setting[str | None]("stats.registrations_recorded_from", str, None)


def next_in_sequence(session: Session, name: str, used: int = 0) -> int:
    """The next value (1, 2, ...) of the counter ``name``, taken in this transaction.

    ``used`` is the highest value the rows themselves show as taken: a desk
    restored from a backup has an older counter, and learns the numbers it
    gave out after that backup when sync brings their rows back."""
    seq = session.get(NumberSequence, name)
    if seq is None:
        seq = NumberSequence(name=name, next_value=1)
        session.add(seq)
    value = max(seq.next_value, used + 1)
    seq.next_value = value + 1
    return value


def highest_number(session: Session, column: InstrumentedAttribute[str], prefix: str) -> int:
    """The highest number in ``column`` of the form ``<prefix><digits>`` (0: none),
    by an index range scan of the unique column."""
    top = session.scalar(
        select(func.max(column)).where(column >= prefix, column < prefix + "\uffff")
    )
    tail = (top or "")[len(prefix) :]
    return int(tail) if tail.isdigit() else 0
