"""Personnel agency, guidance and information windows."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lingong_desk.db.models.base import Base, SyncMixin
from lingong_desk.db.types import CompactUuid, UTCDateTime


class FileCustody(SyncMixin, Base):
    """A personnel file (档案) held by the market for a flexible worker."""

    __tablename__ = "file_custody"
    __table_args__ = (Index("ix_file_custody_person", "person_id"),)

    person_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, ForeignKey("person.id"))
    file_number: Mapped[str] = mapped_column(String(24), unique=True)
    shelf_location: Mapped[str] = mapped_column(String(40), default="")
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    received_from: Mapped[str] = mapped_column(String(200), default="")
    checklist: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="in_custody")
    note: Mapped[str] = mapped_column(Text, default="")


class FileMovement(SyncMixin, Base):
    """Receipt, lending, return or transfer of a file; the file's history."""

    __tablename__ = "file_movement"
    __table_args__ = (Index("ix_file_movement_custody", "custody_id"),)

    custody_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, ForeignKey("file_custody.id"))
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    counterparty: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(40), default="")
    tracking_number: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class GuidanceSession(SyncMixin, Base):
    __tablename__ = "guidance_session"
    __table_args__ = (
        Index("ix_guidance_session_person", "person_id"),
        Index("ix_guidance_session_follow_up_on", "follow_up_on"),
        Index("ix_guidance_session_market_at", "market_code", "at"),  # statistics (0004)
    )

    person_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, ForeignKey("person.id"))
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date)
    followed_up_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    follow_up_note: Mapped[str] = mapped_column(Text, default="")


class Consultation(SyncMixin, Base):
    __tablename__ = "consultation"
    __table_args__ = (
        Index("ix_consultation_at", "at"),
        Index("ix_consultation_market_at", "market_code", "at"),  # statistics (0004)
    )

    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(12))
    topic: Mapped[str] = mapped_column(String(60))
    question: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    resolved: Mapped[bool] = mapped_column(default=True)
    passed_to_window: Mapped[str | None] = mapped_column(String(16))
    person_id: Mapped[uuid.UUID | None] = mapped_column(CompactUuid, ForeignKey("person.id"))
    caller_name: Mapped[str] = mapped_column(String(40), default="")
    caller_phone: Mapped[str] = mapped_column(String(11), default="")


class KnowledgeArticle(SyncMixin, Base):
    """An answer clerks give again and again: policy, procedure, what to bring."""

    __tablename__ = "knowledge_article"

    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(String(200), default="")
    search_pinyin: Mapped[str] = mapped_column(String(500), default="")
    search_initials: Mapped[str] = mapped_column(String(200), default="")
