"""The records of one push: loaded once, read and written by the rules of ``rules``.

``ingest`` drives a batch entry by entry; ``rules`` decides what each entry may
change and writes through the batch. Imports go one way: ingest -> rules -> batch.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from lingong_city.db import one_of
from lingong_city.fanout import Fanout, chunks
from lingong_city.models import Device, Record, table_of
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


_RECORD_COLUMNS = tuple(c.key for c in table_of(Record).columns)


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
        # records this batch created: kept out of the session and written by
        # ``write_new`` in one plain insert (the unit of work was a sixth of ingest)
        self.new: dict[tuple[str, uuid.UUID], Record] = {}
        # their natural keys (entity, market, key) -> row ids, for the rules' check
        # that a referral or file number is used once (the database has not got them)
        self.new_keys: dict[tuple[str, str, str], set[uuid.UUID]] = {}

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
        natural = key[:64] if isinstance(key, str) else None
        if (rec.entity, rec.row_id) in self.new and natural != rec.natural_key:
            self._index_new_key(rec, rec.natural_key, remove=True)
            self._index_new_key(rec, natural)
        rec.natural_key = natural
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
        self.records[(entity, rec.row_id)] = rec
        self.new[(entity, rec.row_id)] = rec
        self._index_new_key(rec, rec.natural_key)
        if entity == "person_occupation" and rec.person_id is not None:
            self.fanout.add_occupation(rec.person_id, rec.row_id)
        return rec

    def _index_new_key(self, rec: Record, natural: str | None, remove: bool = False) -> None:
        if natural is None:
            return
        ids = self.new_keys.setdefault((rec.entity, rec.market_code, natural), set())
        if remove:
            ids.discard(rec.row_id)
        else:
            ids.add(rec.row_id)

    def new_with_key(self, entity: str, market: str, natural: str) -> set[uuid.UUID]:
        """Records created in this batch with this natural key (not in the database yet)."""
        return self.new_keys.get((entity, market, natural), set())

    def write_new(self) -> None:
        """Insert the records this batch created, with their final values, in one
        plain statement per thousand; last thing before the feed is written (nothing
        changes them after). They stay out of the session: a later query reads them
        from the database."""
        rows = [{c: getattr(rec, c) for c in _RECORD_COLUMNS} for rec in self.new.values()]
        self.new.clear()
        self.new_keys.clear()
        for part in chunks(rows, 1000):
            self.session.execute(insert(table_of(Record)), part)
