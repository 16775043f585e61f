"""Declarative base and the columns every synced row carries."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from lingong_desk.db.types import CompactUuid, UTCDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class LocalBase(Base):
    """Marker: tables that stay on this desk and are never synced."""

    __abstract__ = True


class SyncMixin:
    """UUIDv7 key, owner market, UTC stamps, clerk, HLC stamp and tombstone.

    ``before_flush`` (db/capture.py) fills the stamps and writes the outbox;
    services only set the business fields.
    """

    # Columns never sent to the city (secrets stay on the desk).
    __sync_exclude__: ClassVar[frozenset[str]] = frozenset()

    id: Mapped[uuid.UUID] = mapped_column(CompactUuid, primary_key=True)
    market_code: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[uuid.UUID | None] = mapped_column(CompactUuid)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(CompactUuid)
    hlc: Mapped[str] = mapped_column(String(48))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
