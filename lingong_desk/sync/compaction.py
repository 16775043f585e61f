"""Compacting the outbox: confirmed changes leave once they are a week old.

A change stays whole in the outbox until the city confirms it (``sent_at``)
and for ``KEEP_FULL`` after that (to look into a sync question). Then it
goes: the city holds the row, a restored desk starts a new epoch and sends
only what was unconfirmed in its backup, and the audit trail of record is
``audit_event``, which is kept whole. Numbers are never handed out again:
the newest entry always stays (SQLite gives the next row the highest rowid
plus one), so the sequence only grows. Unsent entries are never touched.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from lingong_desk.db.models import OutboxEntry

# how long a confirmed entry keeps its whole body (to look into a sync question)
KEEP_FULL = dt.timedelta(days=7)
BATCH = 20_000  # entries per transaction: the sync thread never waits long


def compactable(session: Session, now: dt.datetime, keep: dt.timedelta = KEEP_FULL) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(OutboxEntry).where(*_old_and_whole(now - keep))
        )
        or 0
    )


def _old_and_whole(cutoff: dt.datetime) -> tuple[ColumnElement[bool], ...]:
    """Confirmed before ``cutoff``, and not the newest entry (it keeps the numbering)."""
    newest = select(func.max(OutboxEntry.seq)).scalar_subquery()
    return (
        OutboxEntry.sent_at.is_not(None),
        OutboxEntry.sent_at < cutoff,
        OutboxEntry.seq < newest,
    )


def next_batch(
    session: Session, now: dt.datetime, keep: dt.timedelta = KEEP_FULL, limit: int = BATCH
) -> int:
    """Remove up to ``limit`` confirmed entries older than ``keep``, in the caller's
    transaction; returns how many (0: nothing left)."""
    seqs = list(
        session.scalars(
            select(OutboxEntry.seq)
            .where(*_old_and_whole(now - keep))
            .order_by(OutboxEntry.seq)
            .limit(limit)
        )
    )
    if not seqs:
        return 0
    session.execute(
        delete(OutboxEntry)
        .where(OutboxEntry.seq.in_(seqs))
        .execution_options(synchronize_session=False)
    )
    return len(seqs)
