"""Which synced tables there are, in which order, and which of their rows exist.

``models`` and ``table_rank`` describe the synced tables; ``Known`` answers "is
this row (or its parent) here?" for a page of pulled changes with one query per
table instead of one per change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_desk.db.models import Base, SyncMixin
from lingong_desk.sync.protocol import Change


@cache
def models() -> dict[str, type[SyncMixin]]:
    """Entity name (the table) -> model class, for every synced table."""
    out: dict[str, type[SyncMixin]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, SyncMixin):
            out[cls.__tablename__] = cls  # type: ignore[attr-defined]
    return out


@cache
def table_rank() -> dict[str, int]:
    """Parents before children (foreign keys), from the metadata's own sort."""
    return {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}


class Known:
    """The rows a page of changes touches and the rows they point at, read in one
    query per table and kept current while the page is written: no query (and no
    autoflush) per change. ``None`` stands for "ask the session" (the slow path)."""

    def __init__(self, session: Session, changes: Iterable[Change] | None = None) -> None:
        self.session = session
        self.rows: dict[tuple[str, uuid.UUID], SyncMixin | None] | None = None
        if changes is None:
            return
        wanted: dict[str, set[uuid.UUID]] = {}
        for c in changes:
            wanted.setdefault(c.entity, set()).add(uuid.UUID(c.row_id))
            model = models().get(c.entity)
            for column, parent in _parent_columns(model) if model is not None else ():
                value = c.row.get(column)
                if isinstance(value, str):
                    try:
                        wanted.setdefault(parent, set()).add(uuid.UUID(value))
                    except ValueError:
                        continue  # a bad value: its change is noted when written
        rows: dict[tuple[str, uuid.UUID], SyncMixin | None] = {}
        for entity, ids in wanted.items():
            model = models().get(entity)
            if model is None:
                continue
            ordered = sorted(ids)
            for start in range(0, len(ordered), 500):
                part = ordered[start : start + 500]
                for k in part:
                    rows[(entity, k)] = None
                found = session.scalars(select(model).where(model.id.in_(part)))
                for obj in found:
                    rows[(entity, obj.id)] = obj
        self.rows = rows

    def get(self, model: type[SyncMixin], row_id: uuid.UUID) -> SyncMixin | None:
        entity = model.__tablename__  # type: ignore[attr-defined]
        if self.rows is not None and (entity, row_id) in self.rows:
            return self.rows[(entity, row_id)]
        return self.session.get(model, row_id)

    def added(self, obj: SyncMixin) -> None:
        if self.rows is not None:
            self.rows[(type(obj).__tablename__, obj.id)] = obj  # type: ignore[attr-defined]


def _parent_columns(model: type[SyncMixin]) -> list[tuple[str, str]]:
    """(column, parent entity) of each foreign key to another synced table."""
    out = []
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        for fk in column.foreign_keys:
            if fk.column.table.name in models():
                out.append((column.key, fk.column.table.name))
    return out


def parents_present(known: Known, model: type[SyncMixin], values: dict[str, Any]) -> bool:
    for column, parent in _parent_columns(model):
        value = values.get(column)
        if value is not None and known.get(models()[parent], value) is None:
            return False
    return True
