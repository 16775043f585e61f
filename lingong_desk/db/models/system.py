"""Clerks, the market, audit trail, outbox and local settings."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import JSON, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from lingong_desk.db.models.base import Base, LocalBase, SyncMixin
from lingong_desk.db.types import CompactUuid, UTCDateTime


class Clerk(SyncMixin, Base):
    __tablename__ = "clerk"
    __sync_exclude__: ClassVar[frozenset[str]] = frozenset({"password_hash"})

    name: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="clerk")
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AuditEvent(SyncMixin, Base):
    """Who did what to protected data: printing, exporting, signing in (append-only)."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_at", "at"),
        # statistics read registrations and status changes from this index alone, and
        # ask "has this market an event for this person" (db/stats.py, migration 0004)
        Index(
            "ix_audit_event_action_market_at",
            "action",
            "market_code",
            "at",
            "entity_id",
            "created_by",
            "deleted_at",
        ),
        Index("ix_audit_event_entity_action", "entity_id", "action"),
    )

    # no index of its own: the statistics read the market from
    # ix_audit_event_action_market_at; the index only took room (migration 0009)
    market_code: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32), default="")
    entity_id: Mapped[uuid.UUID | None] = mapped_column(CompactUuid)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Market(LocalBase):
    """This desk's market (and, after sync, the city's other markets)."""

    __tablename__ = "market"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    region_code: Mapped[str] = mapped_column(String(6), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")


class OutboxEntry(LocalBase):
    """A change waiting to be sent to the city, written in the change's transaction."""

    __tablename__ = "outbox"
    # only the changes waiting for the city (migration 0006): confirmed ones are
    # most of the table and never looked up by their time of sending
    __table_args__ = (Index("ix_outbox_unsent", "seq", sqlite_where=text("sent_at IS NULL")),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[uuid.UUID] = mapped_column(CompactUuid)
    op: Mapped[str] = mapped_column(String(8))  # insert / update / delete
    hlc: Mapped[str] = mapped_column(String(48))
    changed: Mapped[list[str]] = mapped_column(JSON)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AppSetting(LocalBase):
    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class NumberSequence(LocalBase):
    """Per-market counters for human-readable numbers (referrals, files)."""

    __tablename__ = "number_sequence"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_value: Mapped[int] = mapped_column(default=1)
