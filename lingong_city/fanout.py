"""Who sees a change: appending to the per-market feeds, and linking markets to rows.

- OWNED rows go to their owner market.
- A person and their wanted job types go to every market linked to the person
  (``person_link``): a market that registered the person (least access: no
  other row links a market to a person). A market newly linked to a person
  gets the person's current rows in its feed at once.
- An open posting goes to every market together with its employer; both stay
  city-wide (``Record.public``) so that every desk also learns when it closes.
- A market that refers someone to another market's posting is linked to that
  posting and its employer (``record_link``).

Within one transaction each (market, row) is appended once, parents before the
rows that refer to them, so a desk applying a page in cursor order can keep
its foreign keys. The rows are written last, by ``flush``, under the feed
locks of their markets (``db.lock_feeds``): see ``db`` for why that keeps
every market's cursors committing in order while other markets write.

Echoes: while a push entry is applied (``begin_entry``/``end_entry``), the
feed rows of that entry's own row carry its origin ("<device>:<epoch>") when
the city took the change exactly as sent, and the pull leaves them out for
that device (other desks of the market still get them). Any other row the
entry touched (a posting's count, a person linked anew), and the entry's own
row when the city holds something else, go to everyone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session

from lingong_city.db import lock_feeds, one_of
from lingong_city.models import Feed, Market, PersonLink, Record, RecordLink, table_of

CHUNK = 400
T = TypeVar("T")


def chunks(items: list[T], size: int = CHUNK) -> Iterable[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Fanout:
    """Feed rows and links made by one write transaction."""

    def __init__(self, session: Session, now: dt.datetime) -> None:
        self.session = session
        self.now = now
        self._markets: list[str] | None = None
        self._pending: dict[tuple[str, str, uuid.UUID], str | None] = {}  # -> origin
        self._entry: tuple[str, uuid.UUID] | None = None  # the row of the entry being applied
        self._origin: str | None = None
        self._touched: list[tuple[str, str, uuid.UUID]] = []
        self._person_links: dict[uuid.UUID, set[str]] = {}
        self._record_links: dict[tuple[str, uuid.UUID], set[str]] = {}
        self._occupations: dict[uuid.UUID, set[uuid.UUID]] = {}  # a person's wanted job types
        # rows that go to every market: the markets are read again under the lock
        self._everyone: dict[tuple[str, uuid.UUID], None] = {}
        # links made in this transaction, written in bulk by ``flush`` (the cache above
        # answers every question about them until then)
        self._new_person_links: list[dict[str, Any]] = []
        self._new_record_links: list[dict[str, Any]] = []

    # ---- reading links ----------------------------------------------------
    def markets(self) -> list[str]:
        if self._markets is None:
            self._markets = list(self.session.scalars(select(Market.code).order_by(Market.code)))
        return self._markets

    def preload(self, person_ids: set[uuid.UUID], records: set[tuple[str, uuid.UUID]]) -> None:
        """Read the links of many rows at once (a batch's worth)."""
        wanted = [p for p in person_ids if p not in self._person_links]
        for p in wanted:
            self._person_links[p] = set()
            self._occupations[p] = set()
        for part in chunks(wanted):
            rows = self.session.execute(
                select(PersonLink.person_id, PersonLink.market_code).where(
                    one_of(self.session, PersonLink.person_id, part)
                )
            )
            for pid, market in rows:
                self._person_links[pid].add(market)
            # by person only, the kind sorted out here: with the kind in the query the
            # planner also walks every wanted job type of the city (ix_record_natural_key)
            children = self.session.execute(
                select(Record.person_id, Record.entity, Record.row_id).where(
                    one_of(self.session, Record.person_id, part)
                )
            )
            for person, entity, row_id in children:
                if entity == "person_occupation":
                    assert person is not None
                    self._occupations[person].add(row_id)
        keys = [k for k in records if k not in self._record_links]
        for k in keys:
            self._record_links[k] = set()
        for pairs in chunks(keys):
            links = self.session.execute(
                select(RecordLink.entity, RecordLink.row_id, RecordLink.market_code).where(
                    tuple_(RecordLink.entity, RecordLink.row_id).in_(pairs)
                )
            )
            for entity, rid, market in links:
                self._record_links[(entity, rid)].add(market)

    def person_markets(self, person_id: uuid.UUID) -> set[str]:
        self.preload({person_id}, set())
        return self._person_links[person_id]

    def add_occupation(self, person_id: uuid.UUID, row_id: uuid.UUID) -> None:
        """A wanted job type made in this transaction (so links need not query it)."""
        self.preload({person_id}, set())
        self._occupations[person_id].add(row_id)

    def record_markets(self, entity: str, row_id: uuid.UUID) -> set[str]:
        self.preload(set(), {(entity, row_id)})
        return self._record_links[(entity, row_id)]

    # ---- appending ----------------------------------------------------------
    def begin_entry(self, entity: str, row_id: uuid.UUID, origin: str) -> None:
        """A push entry about (entity, row id) is being applied on behalf of ``origin``."""
        self._entry, self._origin, self._touched = (entity, row_id), origin, []

    def end_entry(self, echo: bool) -> None:
        """The entry is done; ``echo``: the city holds its row exactly as the device sent it."""
        if not echo:
            for key in self._touched:
                self._pending[key] = None
        self._entry, self._origin, self._touched = None, None, []

    def add(self, market: str, entity: str, row_id: uuid.UUID) -> None:
        key = (market, entity, row_id)
        origin = self._origin if self._entry == (entity, row_id) else None
        if key in self._pending:
            if self._pending[key] != origin:
                self._pending[key] = None  # two origins in one transaction: everyone gets it
        else:
            self._pending[key] = origin
        if origin is not None:
            self._touched.append(key)

    def may_see(self, rec: Record, market: str) -> bool:
        """Is ``rec`` in ``market``'s feeds at all (its owner, linked, or city-wide)?"""
        if rec.entity == "clerk":
            return rec.market_code == market
        if rec.entity == "person":
            return market in self.person_markets(rec.row_id)
        if rec.entity == "person_occupation":
            return rec.person_id is not None and market in self.person_markets(rec.person_id)
        if rec.public or rec.market_code == market:
            return True
        if rec.entity in ("job_posting", "employer"):
            return market in self.record_markets(rec.entity, rec.row_id)
        return False

    def record_changed(self, rec: Record) -> None:
        """Append a changed record to the feed of every market that should see it."""
        if rec.entity == "clerk":
            return  # clerk accounts stay on the desk that made them; the city keeps the names
        if rec.entity == "person":
            markets = set(self.person_markets(rec.row_id))
        elif rec.entity == "person_occupation":
            assert rec.person_id is not None
            markets = set(self.person_markets(rec.person_id))
        elif rec.public:
            markets = set(self.markets())
            self._everyone[(rec.entity, rec.row_id)] = None
        else:
            markets = {rec.market_code}
            if rec.entity in ("job_posting", "employer"):
                markets |= self.record_markets(rec.entity, rec.row_id)
        for market in sorted(markets):
            self.add(market, rec.entity, rec.row_id)

    def link_person(
        self,
        person_id: uuid.UUID,
        market: str,
        device_id: uuid.UUID | None = None,
        clerk_id: uuid.UUID | None = None,
    ) -> None:
        """Link a market to a person (it registered them; which desk and clerk is
        recorded); a new link brings the person's current rows."""
        linked = self.person_markets(person_id)
        if market in linked:
            return
        linked.add(market)
        self._new_person_links.append(
            {
                "person_id": person_id,
                "market_code": market,
                "linked_at": self.now,
                "device_id": device_id,
                "clerk_id": clerk_id,
            }
        )
        self.add(market, "person", person_id)
        for occupation in sorted(self._occupations[person_id]):
            self.add(market, "person_occupation", occupation)

    def link_record(self, entity: str, row_id: uuid.UUID, market: str) -> None:
        """Link a market to another market's posting or employer (brings it at once)."""
        linked = self.record_markets(entity, row_id)
        if market in linked:
            return
        linked.add(market)
        self._new_record_links.append(
            {"entity": entity, "row_id": row_id, "market_code": market, "linked_at": self.now}
        )
        self.add(market, entity, row_id)

    def make_public(self, employer: Record, posting: Record) -> None:
        """An open posting and its employer go to every market from now on."""
        for rec in (employer, posting):
            if rec.public:
                continue
            rec.public = True
            self._everyone[(rec.entity, rec.row_id)] = None
            for market in self.markets():
                self.add(market, rec.entity, rec.row_id)

    def seed_market(self, market: str) -> int:
        """A new market's feed starts with the city-wide rows (employers first)."""
        rows = self.session.execute(
            select(Record.entity, Record.row_id)
            .where(Record.public.is_(True))
            .order_by(Record.entity != "employer", Record.updated_at, Record.row_id)
        )
        count = 0
        for entity, row_id in rows:
            self.add(market, entity, row_id)
            count += 1
        return count

    def flush(self) -> int:
        """Write the feed rows (cursors in the order the rows were appended), last
        thing before the commit, under the feed locks of their markets."""
        self.session.flush()  # every other write first: the feed locks are taken last
        # the links as plain inserts: one statement for many rows, no unit of work
        for table, links in (
            (table_of(PersonLink), self._new_person_links),
            (table_of(RecordLink), self._new_record_links),
        ):
            for part in chunks(links, 1000):
                self.session.execute(insert(table), part)
            links.clear()
        if not self._pending:
            return 0
        if self._everyone:
            lock_feeds(self.session, (), everyone=True)
            # a market added since the list was read gets the city-wide rows too
            self._markets = None
            for market in self.markets():
                for entity, row_id in self._everyone:
                    self._pending.setdefault((market, entity, row_id), None)
        lock_feeds(self.session, {m for m, _e, _r in self._pending})
        rows = [
            {"market_code": m, "entity": e, "row_id": r, "origin": origin}
            for (m, e, r), origin in self._pending.items()
        ]
        self._pending.clear()
        for part in chunks(rows, 1000):
            self.session.execute(insert(table_of(Feed)), part)
        return len(rows)
