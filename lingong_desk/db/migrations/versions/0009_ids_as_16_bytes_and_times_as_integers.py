"""A compact file: ids as 16 bytes, times as integer microseconds

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 19:30:00

At 100,000 job seekers the file after compaction was 231 MB, nearly all of
it live rows and their indexes, and most of those were ids written as 32
hex digits and times written as 26 characters of text. Every ``CHAR(32)``
column (a UUID, ``db/types.CompactUuid``) now holds the UUID's 16 bytes and
every ``DATETIME`` column (``db/types.UTCDateTime``) whole microseconds since
1970 UTC. The declared types stay: SQLite keeps a blob in a text column and
an integer in a ``DATETIME`` column as given, so the schema is unchanged and
only the values are rewritten, table by table, in this one transaction
(foreign keys are checked at its end, when parents and children agree
again). The backup made before every migration holds the file as it was.

Three indexes go: ``market_code`` of person, wanted job type and audit event
(nearly every row of a desk is its own market's; the statistics read the
market from ``ix_audit_event_action_market_at``). So does the unique
(person, job type) constraint of the wanted job types: their key is made
from those two (UUIDv5), so the primary key already holds them once.
``ix_person_deleted_at`` (the statistics' few deleted people) becomes
partial: holding every live row's NULL, it drew SQLite to it for a search's
``deleted_at IS NULL``, a walk of the whole register instead of the range of
the name typed (about 100 ms instead of a few at 100,000 people).

The rows shrink in place; the next compaction rewrites the file once
(``compaction.since_rewrite`` is raised) so that the space comes back.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EPOCH = dt.datetime(1970, 1, 1)
MICROSECOND = dt.timedelta(microseconds=1)
REWRITE_SETTING = "compaction.since_rewrite"
REWRITE_DUE = 20_000  # services/backups.REWRITE_AFTER when this was written
UNIQUE = "uq_person_occupation_person_id_occupation_code"
DROPPED = (
    ("person", "ix_person_market_code"),
    ("person_occupation", "ix_person_occupation_market_code"),
    ("audit_event", "ix_audit_event_market_code"),
)


def _id_to_bytes(value: Any) -> Any:
    return uuid.UUID(hex=value).bytes if isinstance(value, str) else value


def _id_to_text(value: Any) -> Any:
    return uuid.UUID(bytes=value).hex if isinstance(value, bytes) else value


def _time_to_micros(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return (dt.datetime.fromisoformat(value).replace(tzinfo=None) - EPOCH) // MICROSECOND


def _time_to_text(value: Any) -> Any:
    if not isinstance(value, int):
        return value
    return (EPOCH + dt.timedelta(microseconds=value)).strftime("%Y-%m-%d %H:%M:%S.%f")


def _columns(conn: sa.Connection) -> dict[str, tuple[list[str], list[str]]]:
    """{table: (id columns, time columns)} by declared type."""
    out = {}
    tables = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
    ).scalars()
    for table in list(tables):
        info = conn.exec_driver_sql(f'PRAGMA table_info("{table}")').all()
        ids = [str(c[1]) for c in info if str(c[2]).upper() == "CHAR(32)"]
        times = [str(c[1]) for c in info if str(c[2]).upper() == "DATETIME"]
        if ids or times:
            out[table] = (ids, times)
    return out


def _rewrite(to_id: str, to_time: str, id_kind: str, time_kind: str) -> int:
    """Rewrites every id and time value not yet in the wanted form; the rows changed."""
    conn = op.get_bind()
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.create_function("lingong_id", 1, _id_to_bytes if to_id == "blob" else _id_to_text)
    raw.create_function(
        "lingong_time", 1, _time_to_micros if to_time == "integer" else _time_to_text
    )
    # the driver opens its transaction only at the first write and the pragma
    # ends with a transaction: open it now so that the pragma holds to its end
    if not raw.in_transaction:
        conn.exec_driver_sql("BEGIN")
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    changed = 0
    for table, (ids, times) in _columns(conn).items():
        sets = [f'"{c}" = lingong_id("{c}")' for c in ids]
        sets += [f'"{c}" = lingong_time("{c}")' for c in times]
        stale = [f"typeof(\"{c}\") = '{id_kind}'" for c in ids]
        stale += [f"typeof(\"{c}\") = '{time_kind}'" for c in times]
        result = conn.exec_driver_sql(
            f'UPDATE "{table}" SET {", ".join(sets)} WHERE {" OR ".join(stale)}'
        )
        changed += max(result.rowcount, 0)
    return changed


def _has_unique(conn: sa.Connection, table: str) -> bool:
    """Whether ``table`` has a unique constraint (an index SQLite made for it)."""
    return any(row[3] == "u" for row in conn.exec_driver_sql(f'PRAGMA index_list("{table}")'))


def upgrade() -> None:
    changed = _rewrite("blob", "integer", "text", "text")
    for _table, index in DROPPED:
        op.execute(f"DROP INDEX IF EXISTS {index}")
    op.execute("DROP INDEX IF EXISTS ix_person_deleted_at")
    op.execute("CREATE INDEX ix_person_deleted_at ON person (deleted_at) WHERE deleted_at IS NOT NULL")
    if _has_unique(op.get_bind(), "person_occupation"):
        with op.batch_alter_table("person_occupation") as batch_op:
            batch_op.drop_constraint(UNIQUE, type_="unique")
    if changed:
        conn = op.get_bind()
        now = conn.exec_driver_sql(
            "SELECT value FROM app_setting WHERE key = ?", (REWRITE_SETTING,)
        ).scalar()
        due = max(int(now or 0), REWRITE_DUE)
        conn.exec_driver_sql(
            "INSERT OR REPLACE INTO app_setting (key, value) VALUES (?, ?)",
            (REWRITE_SETTING, str(due)),
        )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_person_deleted_at")
    op.execute("CREATE INDEX ix_person_deleted_at ON person (deleted_at)")
    with op.batch_alter_table("person_occupation") as batch_op:
        batch_op.create_unique_constraint(UNIQUE, ["person_id", "occupation_code"])
    for table, index in DROPPED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_index(index, ["market_code"], unique=False)
    _rewrite("text", "text", "blob", "integer")
