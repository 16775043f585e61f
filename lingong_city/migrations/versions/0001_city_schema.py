"""city schema: markets, devices, enrollment codes, records, feed, links, conflicts

Revision ID: 0001
Revises:
Create Date: 2026-11-28 11:38:39.573758
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# frozen copies of the column types of lingong_city.models at this revision
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
CURSOR = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = sa.DateTime()


def upgrade() -> None:
    op.create_table(
        "market",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("region_code", sa.String(length=6), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_market")),
    )
    op.create_table(
        "device",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("market_code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=False),
        sa.Column("credential_hash", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", UTC, nullable=False),
        sa.Column("last_seen_at", UTC, nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("bundle_cursor", CURSOR, nullable=False),
        sa.Column("pending_results", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["market_code"], ["market.code"], name=op.f("fk_device_market_code_market")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
        sa.UniqueConstraint("credential_hash", name=op.f("uq_device_credential_hash")),
    )
    op.create_index("ix_device_market_code", "device", ["market_code"])
    op.create_table(
        "enrollment_code",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("market_code", sa.String(length=16), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("used_at", UTC, nullable=True),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["market_code"], ["market.code"], name=op.f("fk_enrollment_code_market_code_market")
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrollment_code")),
    )
    op.create_table(
        "record",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("market_code", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("natural_key", sa.String(length=64), nullable=True),
        sa.Column("data", JSON, nullable=False),
        sa.Column("field_stamps", JSON, nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", UTC, nullable=True),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("entity", "row_id", name=op.f("pk_record")),
    )
    op.create_index("ix_record_person_id", "record", ["person_id"])
    op.create_index("ix_record_public", "record", ["public", "entity"])
    op.create_index("ix_record_natural_key", "record", ["entity", "market_code", "natural_key"])
    op.create_table(
        "received",
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("conflict", sa.Boolean(), nullable=False),
        sa.Column("received_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_received_device_id_device")
        ),
        sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_received")),
    )
    op.create_table(
        "conflict",
        sa.Column("id", CURSOR, sa.Identity(always=False), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("city_value", JSON, nullable=False),
        sa.Column("incoming_value", JSON, nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("market_code", sa.String(length=16), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("resolved_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_conflict_device_id_device")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    op.create_index("ix_conflict_open", "conflict", ["resolved_at", "created_at"])
    op.create_index("ix_conflict_row", "conflict", ["entity", "row_id"])
    op.create_table(
        "person_link",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("market_code", sa.String(length=16), nullable=False),
        sa.Column("linked_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["market_code"], ["market.code"], name=op.f("fk_person_link_market_code_market")
        ),
        sa.PrimaryKeyConstraint("person_id", "market_code", name=op.f("pk_person_link")),
    )
    op.create_table(
        "record_link",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("market_code", sa.String(length=16), nullable=False),
        sa.Column("linked_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["market_code"], ["market.code"], name=op.f("fk_record_link_market_code_market")
        ),
        sa.PrimaryKeyConstraint("entity", "row_id", "market_code", name=op.f("pk_record_link")),
    )
    op.create_table(
        "feed",
        sa.Column("cursor", CURSOR, sa.Identity(always=False), nullable=False),
        sa.Column("market_code", sa.String(length=16), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("cursor", name=op.f("pk_feed")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_feed_market_code_cursor", "feed", ["market_code", "cursor"])
    op.create_table(
        "city_key",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_key")),
    )


def downgrade() -> None:
    for table in (
        "city_key",
        "feed",
        "record_link",
        "person_link",
        "conflict",
        "received",
        "record",
        "enrollment_code",
        "device",
        "market",
    ):
        op.drop_table(table)
