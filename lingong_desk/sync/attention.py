"""The "needs attention" list: changes the city refused, and sync notes."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from lingong_desk.db.models import SyncConflictNote, SyncParkedChange, SyncRejection
from lingong_desk.sync.apply import models

REJECTED = "rejected"  # a pushed change the city refused (SyncRejection)
NOTE = "note"  # a conflict item at the city, or a pulled change not stored (SyncConflictNote)


@dataclass(frozen=True)
class AttentionItem:
    kind: str  # REJECTED or NOTE
    id: int
    at: dt.datetime
    source: str  # push / pull
    entity: str
    row_id: uuid.UUID
    reason: str
    label: str = ""  # what the record is, for people: a name, a number, a title


# the column that names a record of each table, for the list
LABELS = {
    "person": "name",
    "employer": "name",
    "job_posting": "title",
    "referral": "number",
    "file_custody": "file_number",
    "knowledge_article": "title",
    "clerk": "name",
    "consultation": "topic",
    "audit_event": "action",
}


def describe(session: Session, entity: str, row_id: uuid.UUID) -> str:
    model = models().get(entity)
    column = LABELS.get(entity)
    if model is None or column is None:
        return ""
    row = session.get(model, row_id)
    return str(getattr(row, column, "") or "") if row is not None else ""


def items(session: Session, limit: int = 500) -> list[AttentionItem]:
    """What is not dismissed yet, newest first."""
    out = [
        AttentionItem(REJECTED, r.id, r.rejected_at, "push", r.entity, r.row_id, r.reason)
        for r in session.scalars(
            select(SyncRejection)
            .where(SyncRejection.dismissed_at.is_(None))
            .order_by(SyncRejection.id.desc())
            .limit(limit)
        )
    ]
    out += [
        AttentionItem(NOTE, n.id, n.noted_at, n.source, n.entity, n.row_id, n.detail)
        for n in session.scalars(
            select(SyncConflictNote)
            .where(SyncConflictNote.dismissed_at.is_(None))
            .order_by(SyncConflictNote.id.desc())
            .limit(limit)
        )
    ]
    out.sort(key=lambda i: i.at, reverse=True)
    return [replace(i, label=describe(session, i.entity, i.row_id)) for i in out[:limit]]


def dismiss(session: Session, chosen: Iterable[tuple[str, int]], now: dt.datetime) -> int:
    """Dismiss items by (kind, id); returns how many were still open."""
    by_kind: dict[str, list[int]] = {REJECTED: [], NOTE: []}
    for kind, item_id in chosen:
        by_kind[kind].append(item_id)
    done = 0
    for model, ids in ((SyncRejection, by_kind[REJECTED]), (SyncConflictNote, by_kind[NOTE])):
        if ids:
            result = session.execute(
                update(model)
                .where(model.id.in_(ids), model.dismissed_at.is_(None))
                .values(dismissed_at=now)
            )
            done += int(result.rowcount)  # type: ignore[attr-defined]
    return done


def counts(session: Session) -> tuple[int, int, int]:
    """(rejected, notes, parked) not dismissed."""
    rejected = session.scalar(
        select(func.count()).select_from(SyncRejection).where(SyncRejection.dismissed_at.is_(None))
    )
    notes = session.scalar(
        select(func.count())
        .select_from(SyncConflictNote)
        .where(SyncConflictNote.dismissed_at.is_(None))
    )
    parked = session.scalar(select(func.count()).select_from(SyncParkedChange))
    return int(rejected or 0), int(notes or 0), int(parked or 0)
