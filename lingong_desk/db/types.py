"""Column types of the desk file.

The desk stores ids and times densely (migration 0009): a UUID as its 16
bytes, a moment as whole microseconds since 1970-01-01 UTC in an integer.
The columns keep their declared types (``CHAR(32)``, ``DATETIME``): SQLite
keeps a blob in a text column and an integer in a ``DATETIME`` column as
given, and the schema the migrations build still equals the models. Both
types convert every value they bind, so a query compares like with like; SQL
that reads the stored values itself (``db/stats.py``) goes through
``micros`` and ``hex_id``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Dialect, Integer, Uuid, func
from sqlalchemy.types import TypeDecorator

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)


def micros(moment: dt.datetime) -> int:
    """A moment as the desk stores it: whole microseconds since 1970 UTC."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return (moment - EPOCH) // MICROSECOND


def from_micros(value: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=value)


def _time_in(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return micros(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # already stored form (statistics bounds)
    raise TypeError(f"a UTC column takes an aware datetime, not {type(value).__name__}")


def _time_out(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, int):
        return from_micros(value)
    # text of a file not yet migrated (a backup opened read-only)
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC moment, stored as integer microseconds (``micros``) in a
    column declared ``DATETIME``; always returned timezone-aware in UTC."""

    impl = DateTime
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any]:
        return _time_in

    def literal_processor(self, dialect: Dialect) -> Callable[[Any], str]:
        return lambda value: str(_time_in(value))

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any]:
        return _time_out


def _id_in(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return value.bytes
    if isinstance(value, str):
        return uuid.UUID(value).bytes
    if isinstance(value, bytes) and len(value) == 16:
        return value
    raise TypeError(f"an id column takes a UUID, not {type(value).__name__}")


def _id_out(value: Any) -> uuid.UUID | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return uuid.UUID(bytes=value)
    return uuid.UUID(hex=str(value))  # text of a file not yet migrated


class CompactUuid(TypeDecorator[uuid.UUID]):
    """A UUID stored as its 16 bytes in a column declared ``CHAR(32)`` (half the
    room of its hex digits, in the row and in every index that holds it)."""

    impl = Uuid
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any]:
        return _id_in

    def literal_processor(self, dialect: Dialect) -> Callable[[Any], str]:
        return lambda value: f"X'{_id_in(value).hex()}'"

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any]:
        return _id_out


def hex_id(column: Any) -> Any:
    """SQL: a stored id as its 32 lower-case hex digits (``UUID.hex``)."""
    return func.lower(func.hex(column))


class Money(TypeDecorator[Decimal]):
    """Yuan with two decimals, stored as whole fen (cents) in an integer."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return int((Decimal(value) * 100).to_integral_value())

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))
