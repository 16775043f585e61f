"""Job seekers (求职人员) and the job types they want."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lingong_desk.db.models.base import Base, SyncMixin
from lingong_desk.db.types import CompactUuid, Money, UTCDateTime


class Person(SyncMixin, Base):
    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_search_initials", "search_initials"),
        Index("ix_person_search_pinyin", "search_pinyin"),
        Index("ix_person_name", "name"),
        Index("ix_person_phone", "phone"),
        Index("ix_person_phone_rev", "phone_rev"),
        Index("ix_person_id_number_rev", "id_number_rev"),
        Index("ix_person_updated_at", "updated_at"),
        # statistics: the few deleted (0004). Partial (0009): holding every live row's
        # NULL, it drew SQLite to it for searches' "deleted_at IS NULL", a walk of
        # the whole register instead of the name's range
        Index("ix_person_deleted_at", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL")),
        # matching walks seekers by recent activity and checks sex and age from
        # the index alone (bench/matching_bench.py: 107 -> 34 ms median at 100k)
        Index(
            "ix_person_status_last_active", "status", "last_active_at", "id", "sex", "birth_date"
        ),
    )

    # no index of its own: nearly every row of a desk is its own market's, so
    # the index served no query and took room (a compact file, migration 0009)
    market_code: Mapped[str] = mapped_column(String(16))
    # identity (never merged silently)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    native_region_code: Mapped[str] = mapped_column(String(6))
    native_place: Mapped[str] = mapped_column(String(64))
    # contact and household registration
    phone: Mapped[str] = mapped_column(String(11))
    address: Mapped[str] = mapped_column(String(200), default="")
    district_code: Mapped[str] = mapped_column(String(12), default="")
    hukou_type: Mapped[str | None] = mapped_column(String(16))
    hukou_address: Mapped[str] = mapped_column(String(200), default="")
    education: Mapped[str | None] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(24))
    hardships: Mapped[list[str]] = mapped_column(JSON, default=list)
    # what work is wanted
    work_form: Mapped[str | None] = mapped_column(String(8))
    pay_min: Mapped[Decimal | None] = mapped_column(Money)
    pay_max: Mapped[Decimal | None] = mapped_column(Money)
    pay_unit: Mapped[str] = mapped_column(String(8), default="day")
    available_from: Mapped[dt.date | None] = mapped_column(Date)
    availability_note: Mapped[str] = mapped_column(String(200), default="")
    skills: Mapped[str] = mapped_column(Text, default="")
    certificates: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="seeking")
    note: Mapped[str] = mapped_column(Text, default="")
    registered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_active_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # derived search keys (see domain/search_keys.py)
    search_pinyin: Mapped[str] = mapped_column(String(160))
    search_initials: Mapped[str] = mapped_column(String(40))
    phone_rev: Mapped[str] = mapped_column(String(11))
    id_number_rev: Mapped[str] = mapped_column(String(18))

    occupations: Mapped[list[PersonOccupation]] = relationship(
        back_populates="person",
        order_by="PersonOccupation.rank",
        lazy="selectin",
    )


class PersonOccupation(SyncMixin, Base):
    """One wanted job type; key = UUIDv5(person, code) so offline adds converge."""

    __tablename__ = "person_occupation"
    __table_args__ = (
        # no unique (person, code): the key is UUIDv5(person, code) (migration 0009)
        Index("ix_person_occupation_code_person", "occupation_code", "person_id"),
        # a seeker's first wish, from the index alone (statistics, migration 0004)
        Index("ix_person_occupation_first", "person_id", "rank", "deleted_at", "occupation_code"),
    )

    # no index of its own: nearly every row of a desk is its own market's, so
    # the index served no query and took room (a compact file, migration 0009)
    market_code: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[uuid.UUID] = mapped_column(CompactUuid, ForeignKey("person.id"))
    occupation_code: Mapped[str] = mapped_column(String(16))
    rank: Mapped[int] = mapped_column(default=0)

    person: Mapped[Person] = relationship(back_populates="occupations")
