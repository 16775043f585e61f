"""outbox: index only the unsent changes

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-30 12:00:00

The index on ``outbox.sent_at`` held every change the city ever confirmed
(10 MB at 100,000 people) to answer one question: which changes wait? A
partial index of the unsent changes, in seq order, answers it and stays as
small as the queue.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_sent_at")
        batch_op.create_index(
            "ix_outbox_unsent", ["seq"], unique=False, sqlite_where=sa.text("sent_at IS NULL")
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_unsent", sqlite_where=sa.text("sent_at IS NULL"))
        batch_op.create_index("ix_outbox_sent_at", ["sent_at"], unique=False)
