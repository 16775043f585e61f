"""indexes for statistics

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 12:00:00.000000

Also notes, on a file that already holds job seekers, from when registrations
are recorded as "person.register" events: statistics count the people
registered before by their row (``db/stats.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SETTING = "stats.registrations_recorded_from"


def upgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_action_market_at', ['action', 'market_code', 'at', 'entity_id', 'created_by', 'deleted_at'], unique=False)
        batch_op.create_index('ix_audit_event_entity_action', ['entity_id', 'action'], unique=False)
    with op.batch_alter_table('referral_event', schema=None) as batch_op:
        batch_op.create_index('ix_referral_event_to_status_at', ['to_status', 'at', 'referral_id', 'market_code', 'created_by', 'deleted_at'], unique=False)
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index('ix_referral_market_issued', ['market_code', 'issued_at'], unique=False)
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.create_index('ix_consultation_market_at', ['market_code', 'at'], unique=False)
    with op.batch_alter_table('guidance_session', schema=None) as batch_op:
        batch_op.create_index('ix_guidance_session_market_at', ['market_code', 'at'], unique=False)
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_deleted_at', ['deleted_at'], unique=False)
    with op.batch_alter_table('person_occupation', schema=None) as batch_op:
        batch_op.create_index('ix_person_occupation_first', ['person_id', 'rank', 'deleted_at', 'occupation_code'], unique=False)
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT 1 FROM person LIMIT 1")).first() is not None:
        now = dt.datetime.now(dt.UTC).isoformat()
        conn.execute(
            sa.text("INSERT OR REPLACE INTO app_setting (key, value) VALUES (:k, :v)"),
            {"k": SETTING, "v": now},
        )


def downgrade() -> None:
    op.get_bind().execute(sa.text("DELETE FROM app_setting WHERE key = :k"), {"k": SETTING})
    with op.batch_alter_table('person_occupation', schema=None) as batch_op:
        batch_op.drop_index('ix_person_occupation_first')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_deleted_at')
    with op.batch_alter_table('guidance_session', schema=None) as batch_op:
        batch_op.drop_index('ix_guidance_session_market_at')
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_index('ix_consultation_market_at')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index('ix_referral_market_issued')
    with op.batch_alter_table('referral_event', schema=None) as batch_op:
        batch_op.drop_index('ix_referral_event_to_status_at')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_entity_action')
        batch_op.drop_index('ix_audit_event_action_market_at')
