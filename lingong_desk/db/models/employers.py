"""Employers (用工单位) and their labour-demand postings (用工信息)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lingong_desk.db.models.base import Base, SyncMixin
from lingong_desk.db.types import CompactUuid, Money, UTCDateTime


class Employer(SyncMixin, Base):
    __tablename__ = "employer"
    __table_args__ = (
        Index("ix_employer_credit_code", "credit_code"),
        Index("ix_employer_owner_id_number", "owner_id_number"),
        Index("ix_employer_search_initials", "search_initials"),
        Index("ix_employer_search_pinyin", "search_pinyin"),
        Index("ix_employer_name", "name"),
        Index("ix_employer_contact_phone", "contact_phone"),
        Index("ix_employer_updated_at", "updated_at"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    credit_code: Mapped[str | None] = mapped_column(String(18))
    owner_id_number: Mapped[str | None] = mapped_column(String(18))
    contact_name: Mapped[str] = mapped_column(String(40))
    contact_phone: Mapped[str] = mapped_column(String(11))
    address: Mapped[str] = mapped_column(String(200), default="")
    district_code: Mapped[str] = mapped_column(String(12), default="")
    industry: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(12), default="active")
    note: Mapped[str] = mapped_column(Text, default="")
    search_pinyin: Mapped[str] = mapped_column(String(300))
    search_initials: Mapped[str] = mapped_column(String(100))

    postings: Mapped[list[JobPosting]] = relationship(back_populates="employer")


class JobPosting(SyncMixin, Base):
    __tablename__ = "job_posting"
    __table_args__ = (
        Index("ix_job_posting_status_occupation", "status", "occupation_code"),
        Index("ix_job_posting_employer", "employer_id"),
        Index("ix_job_posting_search_initials", "search_initials"),
        Index("ix_job_posting_search_pinyin", "search_pinyin"),
        Index("ix_job_posting_title", "title"),
        Index("ix_job_posting_updated_at", "updated_at"),
    )

    employer_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, ForeignKey("employer.id"))
    title: Mapped[str] = mapped_column(String(100))
    occupation_code: Mapped[str] = mapped_column(String(16))
    headcount: Mapped[int]
    headcount_filled: Mapped[int] = mapped_column(default=0)
    pay_min: Mapped[Decimal | None] = mapped_column(Money)
    pay_max: Mapped[Decimal | None] = mapped_column(Money)
    pay_unit: Mapped[str] = mapped_column(String(8))
    work_form: Mapped[str] = mapped_column(String(8))
    work_address: Mapped[str] = mapped_column(String(200))
    district_code: Mapped[str] = mapped_column(String(12), default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    age_min: Mapped[int | None]
    age_max: Mapped[int | None]
    sex: Mapped[str] = mapped_column(String(3), default="any")
    skill_requirements: Mapped[str] = mapped_column(Text, default="")
    meals: Mapped[bool] = mapped_column(default=False)
    lodging: Mapped[bool] = mapped_column(default=False)
    # what the slip tells a day worker (migration 0007; None on rows from older desks)
    work_hours: Mapped[str | None] = mapped_column(String(100), default="")
    bring: Mapped[str | None] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    contact_phone: Mapped[str] = mapped_column(String(11), default="")
    status: Mapped[str] = mapped_column(String(12), default="open")
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    search_pinyin: Mapped[str] = mapped_column(String(300))
    search_initials: Mapped[str] = mapped_column(String(100))

    employer: Mapped[Employer] = relationship(back_populates="postings", lazy="joined")
