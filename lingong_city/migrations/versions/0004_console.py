"""the city console: staff accounts, sessions, sign-in failures, audit, look-ups;
what desks report; how conflicts were settled

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10 09:00:00

- ``staff_user``, ``staff_session``, ``sign_in_failure``, ``staff_audit``: the
  bureau's console accounts, their sessions, the lockout count and the audit.
- ``person_lookup``: a staff member who looked a person up, with the reason.
- ``device`` gets what a desk reports with each sync (program version, changes
  waiting to be sent, items needing attention, when) and when and why it was
  revoked.
- ``conflict`` gets how it was settled and by whom.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
UTC = sa.DateTime()
CURSOR = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("password_changed_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_user")),
        sa.UniqueConstraint("name", name=op.f("uq_staff_user_name")),
    )
    op.create_table(
        "staff_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("last_seen_at", UTC, nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["staff_user.id"],
            name=op.f("fk_staff_session_user_id_staff_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_staff_session")),
    )
    op.create_index("ix_staff_session_user_id", "staff_session", ["user_id"])
    op.create_table(
        "sign_in_failure",
        sa.Column("id", CURSOR, sa.Identity(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failure")),
    )
    op.create_index("ix_sign_in_failure_name_at", "sign_in_failure", ["name", "at"])
    op.create_index("ix_sign_in_failure_address_at", "sign_in_failure", ["address", "at"])
    op.create_table(
        "staff_audit",
        sa.Column("id", CURSOR, sa.Identity(), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("detail", JSON, nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_audit")),
    )
    op.create_index("ix_staff_audit_at", "staff_audit", ["at"])
    op.create_index("ix_staff_audit_user_name_at", "staff_audit", ["user_name", "at"])
    op.create_index("ix_staff_audit_action_at", "staff_audit", ["action", "at"])
    op.create_table(
        "person_lookup",
        sa.Column("id", CURSOR, sa.Identity(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("user_name", sa.String(length=50), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_lookup")),
    )
    op.create_index("ix_person_lookup_person_id", "person_lookup", ["person_id"])
    with op.batch_alter_table("device") as batch:
        batch.add_column(sa.Column("revoked_at", UTC, nullable=True))
        batch.add_column(
            sa.Column("revoked_reason", sa.String(length=200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("program_version", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("pending_count", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("attention_count", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("reported_at", UTC, nullable=True))
    with op.batch_alter_table("device") as batch:
        batch.alter_column("revoked_reason", server_default=None)
    with op.batch_alter_table("conflict") as batch:
        batch.add_column(sa.Column("resolution", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("resolved_value", JSON, nullable=True))
        batch.add_column(sa.Column("resolved_by", sa.String(length=50), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("conflict") as batch:
        batch.drop_column("resolved_by")
        batch.drop_column("resolved_value")
        batch.drop_column("resolution")
    with op.batch_alter_table("device") as batch:
        for column in (
            "reported_at",
            "attention_count",
            "pending_count",
            "program_version",
            "revoked_reason",
            "revoked_at",
        ):
            batch.drop_column(column)
    op.drop_table("person_lookup")
    op.drop_table("staff_audit")
    op.drop_table("sign_in_failure")
    op.drop_table("staff_session")
    op.drop_table("staff_user")
