"""The records of one push: loaded once, read and written by the rules of ``rules``.

``ingest`` drives a batch entry by entry; ``rules`` decides what each entry may
change and writes through the batch. Imports go one way: ingest -> rules -> batch.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_city.db import one_of
from lingong_city.fanout import Fanout, chunks
from lingong_city.models import Device, Record
from lingong_city.schema import NATURAL_KEYS, parse_time
from lingong_desk.sync.protocol import Entry

# payload fields that point at another record, and that record's entity
REFERENCES = {
    "person_id": "person",
    "posting_id": "job_posting",
    "employer_id": "employer",
    "referral_id": "referral",
    "custody_id": "file_custody",
}


def _references(row: dict[str, Any]) -> set[tuple[str, uuid.UUID]]:
    out = set()
    for name, entity in REFERENCES.items():
        value = row.get(name)
        if isinstance(value, str):
            try:
                out.add((entity, uuid.UUID(value)))
            except ValueError:
                continue
    return out


class Batch:
    """The records one push reads and writes, cached by (entity, row id)."""

    def __init__(self, session: Session, device: Device, now: dt.datetime) -> None:
        self.session = session
        self.device = device
        self.now = now
        self.fanout = Fanout(session, now)
        self.records: dict[tuple[str, uuid.UUID], Record | None] = {}
        self.postings: list[Record] = []  # postings written: open ones go city-wide
        self.touched: set[tuple[str, uuid.UUID]] = set()  # records written (for the figures)

    # ---- loading ---------------------------------------------------------
    def preload(self, entries: tuple[Entry, ...]) -> None:
        """Read (and lock, ``FOR UPDATE``) every record the batch names, and the rows
        those records refer to, in one fixed order: concurrent pushes that touch the
        same rows wait for each other here instead of losing an update."""
        keys: set[tuple[str, uuid.UUID]] = set()
        for e in entries:
            keys.add((e.entity, uuid.UUID(e.row_id)))
            keys |= _references(e.payload)
        self._load(keys)
        # an update names only its changed fields: its row's parents come from the row
        parents: set[tuple[str, uuid.UUID]] = set()
        for rec in list(self.records.values()):
            if rec is not None:
                parents |= _references(rec.data)
        self._load(parents)
        people = {k[1] for k in keys | parents if k[0] == "person"}
        people |= {r.person_id for r in self.records.values() if r and r.person_id}
        links = {k for k in keys | parents if k[0] in ("job_posting", "employer")}
        self.fanout.preload(people, links)

    def _load(self, keys: set[tuple[str, uuid.UUID]]) -> None:
        wanted = sorted(k for k in keys if k not in self.records)
        by_entity: dict[str, list[uuid.UUID]] = {}
        for entity, row_id in wanted:
            self.records[(entity, row_id)] = None
            by_entity.setdefault(entity, []).append(row_id)
        # locked in one order, (entity, row id), whatever the batch's order
        for entity, ids in sorted(by_entity.items()):
            for part in chunks(ids):
                found = self.session.scalars(
                    select(Record)
                    .where(Record.entity == entity, one_of(self.session, Record.row_id, part))
                    .order_by(Record.row_id)
                    .with_for_update()
                )
                for rec in found:
                    self.records[(rec.entity, rec.row_id)] = rec

    def record(self, entity: str, row_id: uuid.UUID | str | None) -> Record | None:
        if row_id is None:
            return None
        key = (entity, row_id if isinstance(row_id, uuid.UUID) else uuid.UUID(row_id))
        if key not in self.records:
            self.records[key] = self.session.get(Record, key, with_for_update=True)
        return self.records[key]

    def store(self, rec: Record, data: dict[str, Any], stamps: dict[str, str]) -> None:
        """Write a record's merged data and stamps (new dicts: JSON is not mutated)."""
        rec.data = data
        rec.field_stamps = stamps
        self.touched.add((rec.entity, rec.row_id))
        rec.hlc = str(data["hlc"])
        deleted = data.get("deleted_at")
        rec.deleted_at = parse_time(deleted) if isinstance(deleted, str) else None
        key = data.get(NATURAL_KEYS.get(rec.entity, ""))
        rec.natural_key = key[:64] if isinstance(key, str) else None
        rec.updated_at = self.now

    def create(
        self, entity: str, row_id: str, market: str, data: dict[str, Any], stamps: dict[str, str]
    ) -> Record:
        person = data.get("person_id") if entity != "person" else row_id
        rec = Record(
            entity=entity,
            row_id=uuid.UUID(row_id),
            market_code=market,
            person_id=uuid.UUID(person) if isinstance(person, str) else None,
            public=False,
        )
        self.store(rec, data, stamps)
        self.session.add(rec)
        self.records[(entity, rec.row_id)] = rec
        if entity == "person_occupation" and rec.person_id is not None:
            self.fanout.add_occupation(rec.person_id, rec.row_id)
        return rec
