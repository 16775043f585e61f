"""Local book-keeping of sync: what the city refused, what needs a look, and
pulled changes waiting for the row they refer to."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lingong_desk.db.models.base import LocalBase
from lingong_desk.db.types import CompactUuid, UTCDateTime


class SyncRejection(LocalBase):
    """An outbox entry the city refused: the "needs attention" list.

    The entry itself is marked sent so it never blocks the queue; this row
    keeps the reason until a clerk dismisses it.
    """

    __tablename__ = "sync_rejection"
    __table_args__ = (Index("ix_sync_rejection_dismissed_at", "dismissed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)  # outbox.seq
    entity: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[uuid.UUID] = mapped_column(CompactUuid)
    reason: Mapped[str] = mapped_column(Text, default="")
    rejected_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    dismissed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class SyncConflictNote(LocalBase):
    """Something sync did that a clerk should know of without it being an error:
    the city holds a conflict item for a pushed change (identity fields differ),
    or a pulled change could not be stored on this desk."""

    __tablename__ = "sync_conflict_note"
    __table_args__ = (Index("ix_sync_conflict_note_dismissed_at", "dismissed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(8))  # push / pull
    seq: Mapped[int | None] = mapped_column(Integer)  # outbox.seq (push)
    cursor: Mapped[int | None] = mapped_column(Integer)  # city change cursor (pull)
    entity: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[uuid.UUID] = mapped_column(CompactUuid)
    detail: Mapped[str] = mapped_column(Text, default="")
    noted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    dismissed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class SyncParkedChange(LocalBase):
    """A pulled change whose parent row (a foreign key) is not on this desk yet.

    It is retried with every later pull, in the same transaction, and a newer
    change of the same row replaces it.
    """

    __tablename__ = "sync_parked_change"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, primary_key=True)
    cursor: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(64))
    row: Mapped[dict[str, Any]] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(default=False)
    parked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
