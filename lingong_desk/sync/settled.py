"""Conflict items the city settled: the desk's "needs attention" items about them go.

Every pull answer lists the items of this market the city settled lately
(``protocol.SETTLED``). Each is taken once: a note with source ``city`` and the
item's id in ``seq`` records it (dismissed at once when nothing is left to do).
The open rejections and notes about that row are dismissed; when the city found
the ID number of this desk's registration wrong, a note asks the clerk to
correct it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from lingong_desk.db.models import SyncConflictNote, SyncRejection
from lingong_desk.sync.protocol import SETTLED_WRONG_ID
from lingong_desk.sync.rows import models

SOURCE = "city"
WRONG_ID_NOTE = (
    "the city found the ID number of this registration wrong: check the person's ID card "
    "and correct the registration"
)


def _item(raw: Any) -> tuple[int, str, uuid.UUID, str, bool] | None:
    if not isinstance(raw, dict):
        return None
    item_id, entity, row_id = raw.get("id"), raw.get("entity"), raw.get("row_id")
    if not isinstance(item_id, int) or isinstance(item_id, bool) or not isinstance(entity, str):
        return None
    try:
        key = uuid.UUID(str(row_id))
    except ValueError:
        return None
    resolution = raw.get("resolution")
    return item_id, entity[:32], key, str(resolution), raw.get("yours") is True


def _dismiss_dependents(session: Session, person: uuid.UUID, now: dt.datetime) -> None:
    """Rows about the person (wanted job types...) the city refused because the person
    was not registered here: that was the settled item, their items go with it (the
    city's rows of a shared key arrive by pull once the market is linked)."""
    tables = models()
    for rejection in session.scalars(
        select(SyncRejection).where(SyncRejection.dismissed_at.is_(None))
    ):
        model = tables.get(rejection.entity)
        if model is None or not hasattr(model, "person_id"):
            continue
        row = session.get(model, rejection.row_id)
        if row is not None and getattr(row, "person_id", None) == person:
            rejection.dismissed_at = now


def apply_settled(session: Session, settled: Any, now: dt.datetime) -> int:
    """Take the settled items not taken before; returns how many were new."""
    if not isinstance(settled, list):
        return 0
    items = [i for i in (_item(raw) for raw in settled) if i is not None]
    if not items:
        return 0
    taken = set(
        session.scalars(
            select(SyncConflictNote.seq).where(
                SyncConflictNote.source == SOURCE,
                SyncConflictNote.seq.in_([i[0] for i in items]),
            )
        )
    )
    new = 0
    for item_id, entity, row_id, resolution, yours in items:
        if item_id in taken:
            continue
        taken.add(item_id)
        new += 1
        for model in (SyncConflictNote, SyncRejection):
            session.execute(
                update(model)
                .where(
                    model.entity == entity,
                    model.row_id == row_id,
                    model.dismissed_at.is_(None),
                )
                .values(dismissed_at=now)
            )
        if entity == "person":
            _dismiss_dependents(session, row_id, now)
        to_do = resolution == SETTLED_WRONG_ID and yours
        session.add(
            SyncConflictNote(
                source=SOURCE,
                seq=item_id,
                entity=entity,
                row_id=row_id,
                detail=WRONG_ID_NOTE if to_do else "settled by the city",
                noted_at=now,
                dismissed_at=None if to_do else now,
            )
        )
        session.flush()
    return new
