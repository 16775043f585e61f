"""epochs and digests of received entries, echo origins in the feed, derived filled counts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 11:20:00

- ``received`` is keyed by (device, epoch, seq) and keeps a digest of each
  entry's body, so the same number with another body is recognised.
- ``feed.origin`` marks a row that echoes a device's own change.
- A posting's ``headcount_filled`` becomes the number of its hired referrals,
  counted from the referral records (it was merged last-writer-wins before).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _data(value: object) -> dict[str, object]:
    if isinstance(value, str):
        loaded = json.loads(value)
        return loaded if isinstance(loaded, dict) else {}
    return dict(value) if isinstance(value, dict) else {}


def upgrade() -> None:
    with op.batch_alter_table("received", recreate="always") as batch:
        batch.add_column(sa.Column("epoch", sa.BigInteger(), nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("digest", sa.String(length=64), nullable=False, server_default="")
        )
        batch.drop_constraint("pk_received", type_="primary")
        batch.create_primary_key("pk_received", ["device_id", "epoch", "seq"])
    op.add_column("feed", sa.Column("origin", sa.String(length=64), nullable=True))

    conn = op.get_bind()
    record = sa.table(
        "record",
        sa.column("entity", sa.String),
        sa.column("row_id", sa.Uuid),
        sa.column("data", JSON),
    )
    hired: Counter[str] = Counter()
    for (data,) in conn.execute(sa.select(record.c.data).where(record.c.entity == "referral")):
        row = _data(data)
        if row.get("status") == "hired" and not row.get("deleted_at"):
            hired[str(row.get("posting_id"))] += 1
    postings = conn.execute(
        sa.select(record.c.row_id, record.c.data).where(record.c.entity == "job_posting")
    ).all()
    for row_id, data in postings:
        row = _data(data)
        count = hired.get(str(row_id), 0)
        if row.get("headcount_filled") != count:
            row["headcount_filled"] = count
            conn.execute(
                record.update()
                .where(record.c.entity == "job_posting", record.c.row_id == row_id)
                .values(data=row)
            )


def downgrade() -> None:
    op.drop_column("feed", "origin")
    with op.batch_alter_table("received", recreate="always") as batch:
        batch.drop_constraint("pk_received", type_="primary")
        batch.create_primary_key("pk_received", ["device_id", "seq"])
        batch.drop_column("digest")
        batch.drop_column("epoch")
