"""Compacting the outbox: acknowledged changes shrink to a line of history.

Every change stays in the outbox for good: its ``seq`` is a rowid, and a
desk must never hand a number out twice. But once the city has confirmed an
entry (``sent_at`` is set) its body is no longer needed to sync: the city
holds the row, and a restored desk starts a new epoch and sends only what
was unconfirmed in its backup. So an entry confirmed more than ``KEEP_FULL``
ago keeps its number, table, row, operation, stamp and times (what changed
when: the audit trail of record, ``audit_event``, is kept whole), and drops
its payload and its list of changed fields. Unsent entries are never touched.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, func, select, update
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
    return (
        OutboxEntry.sent_at.is_not(None),
        OutboxEntry.sent_at < cutoff,
        func.length(OutboxEntry.payload) > 2,  # not yet "{}"
    )


def next_batch(
    session: Session, now: dt.datetime, keep: dt.timedelta = KEEP_FULL, limit: int = BATCH
) -> int:
    """Compact up to ``limit`` confirmed entries older than ``keep``, in the
    caller's transaction; returns how many (0: nothing left)."""
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
        update(OutboxEntry)
        .where(OutboxEntry.seq.in_(seqs))
        .values(payload={}, changed=[])
        .execution_options(synchronize_session=False)
    )
    return len(seqs)
