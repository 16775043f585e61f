"""The city server's own tables (typed SQLAlchemy 2 models).

The city does not copy the desk's tables: every synced row is one ``Record``
(entity, id) holding the desk's row as JSON, with a hybrid-logical-clock stamp
per field so that rows written by several desks merge field by field.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSONB on PostgreSQL, JSON (text) on SQLite.
Json = JSON().with_variant(JSONB(), "postgresql")
# BIGINT identity on PostgreSQL; INTEGER PRIMARY KEY (the rowid) on SQLite.
Cursor = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stored as naive UTC, always returned timezone-aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """A model's table, for plain (Core) bulk inserts that skip the ORM's bookkeeping."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Market(Base):
    """A county market of the city (reference data sent to every desk)."""

    __tablename__ = "market"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    region_code: Mapped[str] = mapped_column(String(6), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Device(Base):
    """An enrolled desk. Only the SHA-256 of its credential is kept."""

    __tablename__ = "device"
    __table_args__ = (Index("ix_device_market_code", "market_code"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    market_code: Mapped[str] = mapped_column(ForeignKey("market.code"))
    name: Mapped[str] = mapped_column(String(100), default="")
    desk_number: Mapped[int]
    credential_hash: Mapped[str] = mapped_column(String(64), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))  # Ed25519 raw key, base64
    enrolled_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str] = mapped_column(String(200), default="")
    # what the desk said about itself with its last sync (None: it never said)
    program_version: Mapped[str | None] = mapped_column(String(40))
    pending_count: Mapped[int | None] = mapped_column(Integer)  # changes waiting to be sent
    attention_count: Mapped[int | None] = mapped_column(Integer)  # items needing attention
    reported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # bundles on a USB stick: where the last pull bundle ended, and the push
    # results not yet carried back to the desk
    bundle_cursor: Mapped[int] = mapped_column(Cursor, default=0)
    pending_results: Mapped[list[dict[str, Any]]] = mapped_column(Json, default=list)


class EnrollmentCode(Base):
    """A one-time code a desk trades for its credential (only its SHA-256 is kept)."""

    __tablename__ = "enrollment_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    market_code: Mapped[str] = mapped_column(ForeignKey("market.code"))
    desk_number: Mapped[int | None]
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # the code's first group, in clear: a wrong rest of a known code counts against
    # it, and the code is locked after ``devices.MAX_CODE_FAILURES`` (None: older codes)
    selector: Mapped[str | None] = mapped_column(String(8), index=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Record(Base):
    """The city's copy of one synced row, with a stamp per field."""

    __tablename__ = "record"
    __table_args__ = (
        Index("ix_record_person_id", "person_id"),
        Index("ix_record_public", "public", "entity"),
        Index("ix_record_natural_key", "entity", "market_code", "natural_key"),
    )

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    # the owning market (for shared rows: the market that registered it first)
    market_code: Mapped[str] = mapped_column(String(16))
    # the person this row is about (occupations, referrals, files, guidance...)
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # an open posting (and its employer) goes to every market; stays so after
    # it closes, so that every desk also learns that it closed
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    # a number people read, unique within the market (referral number, file number)
    natural_key: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(Json)
    field_stamps: Mapped[dict[str, str]] = mapped_column(Json)
    hlc: Mapped[str] = mapped_column(String(64))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Received(Base):
    """Every entry received, by (device, epoch, seq), with a digest of its body: the
    same entry again gets the same answer; the same number with another body is
    refused (``protocol.SEQ_REUSED``)."""

    __tablename__ = "received"

    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"), primary_key=True)
    epoch: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    digest: Mapped[str] = mapped_column(String(64), default="")  # SHA-256 hex; "" before 0002
    entity: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text, default="")
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Conflict(Base):
    """An identity field two markets disagree on, for a supervisor to settle."""

    __tablename__ = "conflict"
    __table_args__ = (
        Index("ix_conflict_open", "resolved_at", "created_at"),
        Index("ix_conflict_row", "entity", "row_id"),
    )

    id: Mapped[int] = mapped_column(Cursor, Identity(), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    field: Mapped[str] = mapped_column(String(64))
    city_value: Mapped[Any] = mapped_column(Json)
    incoming_value: Mapped[Any] = mapped_column(Json)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"))
    market_code: Mapped[str] = mapped_column(String(16))
    hlc: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # how it was settled: "value" (``resolved_value`` is right) or "wrong_id" (the
    # registering market must correct the ID number); by which staff member
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolved_value: Mapped[Any] = mapped_column(Json, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(50))


class PersonLink(Base):
    """A market that registered a person: it receives the person's changes and may
    refer to the person in its own rows. Which desk and clerk made the link, and
    when, answer "who has seen this person's data" (PIPL)."""

    __tablename__ = "person_link"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    market_code: Mapped[str] = mapped_column(ForeignKey("market.code"), primary_key=True)
    linked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # None for links made before revision 0003 (or by an administrator)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    clerk_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class PostingHire(Base):
    """A person hired on a posting: counted once however many referrals say so; the
    market whose referral it was tells the owner who filled its posting."""

    __tablename__ = "posting_hire"

    posting_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    market_code: Mapped[str] = mapped_column(String(16))
    hired_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class RecordLink(Base):
    """Another market's posting or employer a market refers people to."""

    __tablename__ = "record_link"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    market_code: Mapped[str] = mapped_column(ForeignKey("market.code"), primary_key=True)
    linked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Feed(Base):
    """The per-market change log that pulls are served from.

    A market's rows are appended under its feed lock (see ``db``), so its cursors
    commit in cursor order and its highest committed cursor is its pull horizon.
    """

    __tablename__ = "feed"
    __table_args__ = (
        Index("ix_feed_market_code_cursor", "market_code", "cursor"),
        {"sqlite_autoincrement": True},
    )

    cursor: Mapped[int] = mapped_column(Cursor, Identity(), primary_key=True)
    market_code: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    # "<device>:<epoch>" when the row is the echo of that device's own change, taken
    # as it was: not sent back to it. None: everyone of the market gets it.
    origin: Mapped[str | None] = mapped_column(String(64), default=None)


class CityKey(Base):
    """The city's Ed25519 signing key for pull bundles (unless kept in a file), encrypted."""

    __tablename__ = "city_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # PKCS#8 PEM, encrypted with the passphrase of keys.ENV_PASSPHRASE (never plain)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class FigureFact(Base):
    """One countable fact of a market's statistics, derived from a synced record by
    ``figures.facts`` (the rules of the desk's ``db/stats.py``) and kept current by
    ingest. A fact that does not count now (its person or referral deleted, a slip
    voided as a mistake, a parent not here yet) stays with ``live`` false, so that
    a change of that parent finds it again."""

    __tablename__ = "figure_fact"
    __table_args__ = (
        Index("ix_figure_fact_market", "market_code", "stream", "live", "at"),
        Index("ix_figure_fact_person_id", "person_id"),
        Index("ix_figure_fact_posting_id", "posting_id"),
        Index("ix_figure_fact_referral_id", "referral_id"),
    )

    # the record the fact comes from, and which stream it counts in
    source_entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    source_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    stream: Mapped[str] = mapped_column(String(16), primary_key=True)
    market_code: Mapped[str] = mapped_column(String(16))
    live: Mapped[bool] = mapped_column(Boolean)
    row_id: Mapped[str] = mapped_column(String(32))  # the record counted, 32 hex digits
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    day: Mapped[dt.date] = mapped_column(Date)  # the market day (China time) of ``at``
    clerk: Mapped[str | None] = mapped_column(String(32))
    amount: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="")  # a status change's status
    # the records the fact depends on (a change of them derives it again)
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    posting_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    referral_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # what it is about (``domain.activity.Subject``)
    sex: Mapped[str] = mapped_column(String(8), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(32), default="")
    township: Mapped[str] = mapped_column(String(64), default="")
    occupation: Mapped[str] = mapped_column(String(32), default="")
    work_form: Mapped[str] = mapped_column(String(32), default="")
    hardship: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(32), default="")


class FigureDay(Base):
    """A market's flow indicators per market day (a sum over the live facts of
    ``FigureFact``), and the day's change in the job seekers seeking work; the
    overview and the trend add these up instead of counting facts."""

    __tablename__ = "figure_day"

    market_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class StaffUser(Base):
    """A member of the city bureau's staff who signs in to the console."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # admin / analyst / viewer
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class StaffSession(Base):
    """A signed-in console session: the cookie holds the token, the table its SHA-256."""

    __tablename__ = "staff_session"
    __table_args__ = (Index("ix_staff_session_user_id", "user_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    address: Mapped[str] = mapped_column(String(64), default="")


class SignInFailure(Base):
    """A failed console sign-in: counted per account and per address for the lockout."""

    __tablename__ = "sign_in_failure"
    __table_args__ = (
        Index("ix_sign_in_failure_name_at", "name", "at"),
        Index("ix_sign_in_failure_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(Cursor, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class StaffAudit(Base):
    """Who did what in the console, when, and from which address."""

    __tablename__ = "staff_audit"
    __table_args__ = (
        Index("ix_staff_audit_at", "at"),
        Index("ix_staff_audit_user_name_at", "user_name", "at"),
        Index("ix_staff_audit_action_at", "action", "at"),
    )

    id: Mapped[int] = mapped_column(Cursor, Identity(), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(Integer)  # None: nobody signed in yet
    user_name: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    address: Mapped[str] = mapped_column(String(64), default="")


class PersonLookup(Base):
    """A staff member of the city who looked a person up in the console, with the reason
    they gave: part of the answer to "who has seen this person's data" (PIPL)."""

    __tablename__ = "person_lookup"
    __table_args__ = (Index("ix_person_lookup_person_id", "person_id"),)

    id: Mapped[int] = mapped_column(Cursor, Identity(), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    user_name: Mapped[str] = mapped_column(String(50))
    reason: Mapped[str] = mapped_column(String(500))
    address: Mapped[str] = mapped_column(String(64), default="")


class AssessmentEntry(Base):
    """A value an assessor entered for a market's assessment indicator in a period,
    with a note and evidence (a link or reference, and optionally a file)."""

    __tablename__ = "assessment_entry"

    market_code: Mapped[str] = mapped_column(ForeignKey("market.code"), primary_key=True)
    period_key: Mapped[str] = mapped_column(String(24), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(40), primary_key=True)
    standard: Mapped[str] = mapped_column(String(16))  # the standard's version
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(String(500), default="")  # a link or reference
    evidence_name: Mapped[str] = mapped_column(String(200), default="")
    evidence_file: Mapped[bytes | None] = mapped_column(LargeBinary)
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
