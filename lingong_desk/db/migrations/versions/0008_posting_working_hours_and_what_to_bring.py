"""job_posting: working hours and what to bring

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 14:00:00

The referral slip tells a day worker when the work starts, for how long and at
what hours, whether meals and lodging come with it, and what to bring. The
posting held the dates and the meals and lodging, not the hours nor what to
bring. Both are nullable so that rows pulled from desks that do not know them
yet (and the city's older rows) need no value.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("job_posting", sa.Column("work_hours", sa.String(length=100), nullable=True))
    op.add_column("job_posting", sa.Column("bring", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job_posting", schema=None) as batch_op:
        batch_op.drop_column("bring")
        batch_op.drop_column("work_hours")
