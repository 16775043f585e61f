"""Referrals (职业介绍): a worker sent to a posting with a printed slip."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lingong_desk.db.models.base import Base, SyncMixin
from lingong_desk.db.types import CompactUuid, UTCDateTime
from lingong_desk.domain.referral import INITIAL_STATUS


class Referral(SyncMixin, Base):
    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_person", "person_id"),
        Index("ix_referral_posting", "posting_id"),
        Index("ix_referral_status_valid", "status", "valid_until"),
        Index("ix_referral_issued_at", "issued_at"),
        Index("ix_referral_market_issued", "market_code", "issued_at"),  # statistics (0004)
    )

    number: Mapped[str] = mapped_column(String(24), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, ForeignKey("person.id"))
    posting_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, ForeignKey("job_posting.id"))
    employer_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, ForeignKey("employer.id"))
    status: Mapped[str] = mapped_column(String(12), default=INITIAL_STATUS.value)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    valid_until: Mapped[dt.date] = mapped_column(Date)
    intention_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    outcome_reason: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    print_count: Mapped[int] = mapped_column(default=0)
    last_printed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ReferralEvent(SyncMixin, Base):
    """Every state change of a referral, kept as history."""

    __tablename__ = "referral_event"
    __table_args__ = (
        Index("ix_referral_event_referral", "referral_id"),
        # statistics count outcomes by the day they happened, from this index (0004)
        Index(
            "ix_referral_event_to_status_at",
            "to_status",
            "at",
            "referral_id",
            "market_code",
            "created_by",
            "deleted_at",
        ),
    )

    referral_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, ForeignKey("referral.id"))
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(200), default="")
