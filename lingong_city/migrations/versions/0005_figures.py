"""the statistics' facts and day sums (figure_fact, figure_day), filled from the records;
the assessment's entered values (assessment_entry)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10 09:00:00

``figure_fact`` holds every countable fact a synced record gives (derived by
``lingong_city.figures.facts``), ``figure_day`` the flow indicators and the
seekers' changes per market and day. Both are filled here from the records
the city already holds (``figures.store.rebuild``), and ingest keeps them
current from then on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "figure_fact",
        sa.Column("source_entity", sa.String(32), nullable=False),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("stream", sa.String(16), nullable=False),
        sa.Column("market_code", sa.String(16), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("row_id", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("clerk", sa.String(32), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("posting_id", sa.Uuid(), nullable=True),
        sa.Column("referral_id", sa.Uuid(), nullable=True),
        sa.Column("sex", sa.String(8), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("township", sa.String(64), nullable=False),
        sa.Column("occupation", sa.String(32), nullable=False),
        sa.Column("work_form", sa.String(32), nullable=False),
        sa.Column("hardship", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("source_entity", "source_id", "stream", name="pk_figure_fact"),
    )
    op.create_index("ix_figure_fact_market", "figure_fact", ["market_code", "stream", "live", "at"])
    op.create_index("ix_figure_fact_person_id", "figure_fact", ["person_id"])
    op.create_index("ix_figure_fact_posting_id", "figure_fact", ["posting_id"])
    op.create_index("ix_figure_fact_referral_id", "figure_fact", ["referral_id"])
    op.create_table(
        "figure_day",
        sa.Column("market_code", sa.String(16), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("market_code", "key", "day", name="pk_figure_day"),
    )
    op.create_table(
        "assessment_entry",
        sa.Column(
            "market_code",
            sa.String(16),
            sa.ForeignKey("market.code", name="fk_assessment_entry_market_code_market"),
            nullable=False,
        ),
        sa.Column("period_key", sa.String(24), nullable=False),
        sa.Column("indicator", sa.String(40), nullable=False),
        sa.Column("standard", sa.String(16), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.String(500), nullable=False),
        sa.Column("evidence_name", sa.String(200), nullable=False),
        sa.Column("evidence_file", sa.LargeBinary(), nullable=True),
        sa.Column("entered_by", sa.String(100), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint(
            "market_code", "period_key", "indicator", name="pk_assessment_entry"
        ),
    )
    from lingong_city.figures.store import rebuild

    session = Session(bind=op.get_bind())
    rebuild(session)
    session.flush()


def downgrade() -> None:
    op.drop_table("assessment_entry")
    op.drop_table("figure_day")
    op.drop_index("ix_figure_fact_referral_id", "figure_fact")
    op.drop_index("ix_figure_fact_posting_id", "figure_fact")
    op.drop_index("ix_figure_fact_person_id", "figure_fact")
    op.drop_index("ix_figure_fact_market", "figure_fact")
    op.drop_table("figure_fact")
