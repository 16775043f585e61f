"""least access: who linked a person, hires counted once per person, code lock-out

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:10:00

- ``person_link`` records the desk and clerk that made each link.
- ``posting_hire``: a person hired on a posting, counted once, with the market
  whose referral it was; a posting's ``headcount_filled`` becomes the number
  of its hired persons.
- ``enrollment_code`` gets its selector (the first group, in clear), a count of
  failed tries and the time it was locked.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
UTC = sa.DateTime()


def _data(value: object) -> dict[str, object]:
    if isinstance(value, str):
        loaded = json.loads(value)
        return loaded if isinstance(loaded, dict) else {}
    return dict(value) if isinstance(value, dict) else {}


def upgrade() -> None:
    with op.batch_alter_table("person_link") as batch:
        batch.add_column(sa.Column("device_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("clerk_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("enrollment_code") as batch:
        batch.add_column(sa.Column("selector", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("failures", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_at", UTC, nullable=True))
        batch.create_index("ix_enrollment_code_selector", ["selector"])
    with op.batch_alter_table("enrollment_code") as batch:
        batch.alter_column("failures", server_default=None)
    op.create_table(
        "posting_hire",
        sa.Column("posting_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("market_code", sa.String(length=16), nullable=False),
        sa.Column("hired_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("posting_id", "person_id", name=op.f("pk_posting_hire")),
    )

    conn = op.get_bind()
    record = sa.table(
        "record",
        sa.column("entity", sa.String),
        sa.column("row_id", sa.Uuid),
        sa.column("market_code", sa.String),
        sa.column("data", JSON),
        sa.column("updated_at", UTC),
    )
    hire = sa.table(
        "posting_hire",
        sa.column("posting_id", sa.Uuid),
        sa.column("person_id", sa.Uuid),
        sa.column("referral_id", sa.Uuid),
        sa.column("market_code", sa.String),
        sa.column("hired_at", UTC),
    )
    hired: dict[tuple[str, str], dict[str, object]] = {}
    rows = conn.execute(
        sa.select(record.c.row_id, record.c.market_code, record.c.data, record.c.updated_at)
        .where(record.c.entity == "referral")
        .order_by(record.c.updated_at, record.c.row_id)
    )
    for row_id, market, data, updated in rows:
        row = _data(data)
        if row.get("status") != "hired" or row.get("deleted_at"):
            continue
        key = (str(row.get("posting_id")), str(row.get("person_id")))
        hired.setdefault(
            key,
            {
                "posting_id": uuid.UUID(key[0]),
                "person_id": uuid.UUID(key[1]),
                "referral_id": row_id,
                "market_code": market,
                "hired_at": updated or dt.datetime(2000, 1, 1),
            },
        )
    if hired:
        conn.execute(hire.insert(), list(hired.values()))
    counts: dict[str, int] = {}
    for posting, _person in hired:
        counts[posting] = counts.get(posting, 0) + 1
    postings = conn.execute(
        sa.select(record.c.row_id, record.c.data).where(record.c.entity == "job_posting")
    ).all()
    for row_id, data in postings:
        row = _data(data)
        count = counts.get(str(row_id), 0)
        if row.get("headcount_filled") != count:
            row["headcount_filled"] = count
            conn.execute(
                record.update()
                .where(record.c.entity == "job_posting", record.c.row_id == row_id)
                .values(data=row)
            )


def downgrade() -> None:
    op.drop_table("posting_hire")
    with op.batch_alter_table("enrollment_code") as batch:
        batch.drop_index("ix_enrollment_code_selector")
        batch.drop_column("locked_at")
        batch.drop_column("failures")
        batch.drop_column("selector")
    with op.batch_alter_table("person_link") as batch:
        batch.drop_column("clerk_id")
        batch.drop_column("device_id")
