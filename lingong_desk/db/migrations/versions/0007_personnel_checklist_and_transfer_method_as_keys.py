"""personnel files: checklist items and transfer methods stored as keys

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 12:00:00

Desks before this revision stored a file's contents (``file_custody.checklist``)
and a transfer's method (``file_movement.method``) as Chinese words, so an
English screen showed them in Chinese. They are keys now (``resume``,
``confidential`` …), shown in the clerk's language. This converts the rows of
this desk in place. It writes no outbox entries: the city may keep a word for
a while (and older desks may still send words); every desk from this revision
reads a word as its key (``domain/custody.checklist_key``/``method_key``), so a
word and its key mean the same and sync needs no round of its own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# frozen here: a migration does not follow later changes of the domain module
CHECKLIST = {
    "履历表": "resume",
    "学历证明": "education",
    "劳动合同": "contract",
    "社保缴费记录": "social_insurance",
    "职称证书": "title",
    "奖惩材料": "rewards",
    "其他": "other",
}
METHODS = {"邮寄": "post", "自取": "collected", "机要": "confidential"}


def _convert(checklist: dict[str, str], methods: dict[str, str]) -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, checklist FROM file_custody")).all()
    for row_id, raw in rows:
        items = json.loads(raw) if isinstance(raw, str) else (raw or [])
        converted = [checklist.get(item, item) for item in items]
        if converted != items:
            conn.execute(
                sa.text("UPDATE file_custody SET checklist = :c WHERE id = :id"),
                {"c": json.dumps(converted, ensure_ascii=False), "id": row_id},
            )
    for old, new in methods.items():
        conn.execute(
            sa.text("UPDATE file_movement SET method = :new WHERE method = :old"),
            {"new": new, "old": old},
        )


def upgrade() -> None:
    _convert(CHECKLIST, METHODS)


def downgrade() -> None:
    _convert({v: k for k, v in CHECKLIST.items()}, {v: k for k, v in METHODS.items()})
