"""Keeping ``figure_fact`` and ``figure_day`` equal to the records, in the push's
own transaction (``refresh``), and building them again from scratch (``rebuild``,
``lingong-city rebuild-figures``).

A push names the records it wrote (``Batch.touched``). Their facts, and the facts
of every record that depends on them (a person's registrations and referrals,
a posting's referrals, a referral's outcomes, a referral voided as a mistake),
are derived again; what changed is taken off and added to ``figure_day`` (per
market and day, and the seekers' changes of every person whose status facts
moved). Nothing is computed twice and nothing drifts: the tables change in the
transaction that changes the records, or not at all.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from lingong_city.figures.days import DayKey, flow_counts, seeking_changes
from lingong_city.figures.facts import (
    SEEKER_STREAMS,
    SOURCES,
    FactRow,
    Lookup,
    Parent,
    derive,
    uuid_of,
)
from lingong_city.models import FigureDay, FigureFact, Record
from lingong_desk.domain.enums import ReferralStatus as S

MISTAKE = "mistake"  # a referral voided straight from issued (not a flow)
Source = tuple[str, uuid.UUID]
CHUNK = 500


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def is_mistake(data: dict[str, Any]) -> bool:
    return data.get("to_status") == S.VOID.value and data.get("from_status") == S.ISSUED.value


def _as_row(f: FigureFact) -> FactRow:
    return FactRow(**{name: getattr(f, name) for name in FactRow.__dataclass_fields__})


class _Records:
    """Records by key, read once (the push's own are in the session already)."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self.cache: dict[Source, Parent | None] = {}
        self.wishes: dict[uuid.UUID, str | None] = {}

    def get(self, entity: str, row_id: uuid.UUID) -> Parent | None:
        key = (entity, row_id)
        if key not in self.cache:
            rec = self.s.get(Record, key)
            self.cache[key] = None if rec is None else Parent(rec.data, rec.deleted_at is not None)
        return self.cache[key]

    def prefetch(self, people: set[uuid.UUID]) -> None:
        """The people's records and first wishes, a few queries for all of them
        (instead of two queries a person)."""
        wanted = sorted(p for p in people if p not in self.wishes)
        for part in _chunks(wanted):
            found = self.s.scalars(
                select(Record).where(Record.entity == "person", Record.row_id.in_(part))
            )
            for rec in found:
                self.cache[("person", rec.row_id)] = Parent(rec.data, rec.deleted_at is not None)
            wishes: dict[uuid.UUID, list[tuple[int, str]]] = defaultdict(list)
            rows = self.s.execute(
                select(Record.person_id, Record.data).where(
                    Record.person_id.in_(part),
                    Record.entity == "person_occupation",
                    Record.deleted_at.is_(None),
                )
            )
            for person, data in rows:
                wishes[person].append(
                    (int(data.get("rank") or 0), str(data.get("occupation_code")))
                )
            for person in part:
                self.cache.setdefault(("person", person), None)
                found_wishes = sorted(wishes.get(person, []))
                self.wishes[person] = found_wishes[0][1] if found_wishes else None

    def first_wish(self, person: uuid.UUID) -> str | None:
        if person not in self.wishes:
            rows = self.s.scalars(
                select(Record).where(
                    Record.person_id == person,
                    Record.entity == "person_occupation",
                    Record.deleted_at.is_(None),
                )
            )
            wishes = sorted(
                (int(r.data.get("rank") or 0), str(r.data.get("occupation_code"))) for r in rows
            )
            self.wishes[person] = wishes[0][1] if wishes else None
        return self.wishes[person]


def _mistake_row(rec_id: uuid.UUID, data: dict[str, Any], deleted: bool) -> FactRow | None:
    referral = uuid_of(data.get("referral_id"))
    at = data.get("at")
    if not is_mistake(data) or referral is None or not isinstance(at, str):
        return None
    moment = dt.datetime.fromisoformat(at).astimezone(dt.UTC)
    return FactRow(
        "referral_event", rec_id, MISTAKE, str(data.get("market_code") or ""), not deleted,
        referral.hex, moment, moment.date(), referral_id=referral,
    )  # fmt: skip


def _expand(session: Session, touched: Iterable[Source]) -> set[Source]:
    """The records whose facts may change when ``touched`` changed."""
    sources: set[Source] = set()
    people, postings, referrals = set(), set(), set()
    for entity, row_id in touched:
        if entity in SOURCES:
            sources.add((entity, row_id))
        if entity == "person":
            people.add(row_id)
        elif entity == "person_occupation":
            rec = session.get(Record, (entity, row_id))
            if rec is not None and rec.person_id is not None:
                people.add(rec.person_id)
        elif entity == "job_posting":
            postings.add(row_id)
        elif entity == "referral":
            referrals.add(row_id)
        elif entity == "referral_event":
            rec = session.get(Record, (entity, row_id))
            referral = uuid_of(rec.data.get("referral_id")) if rec is not None else None
            if rec is not None and referral is not None and is_mistake(rec.data):
                sources.add(("referral", referral))
    f = FigureFact
    for column, ids in (
        (f.person_id, people),
        (f.posting_id, postings),
        (f.referral_id, referrals),
    ):
        for part in _chunks(sorted(ids)):
            q = select(f.source_entity, f.source_id).where(column.in_(part)).distinct()
            sources.update((e, i) for e, i in session.execute(q))
    return sources


def _stored(session: Session, sources: Sequence[Source]) -> list[FactRow]:
    out: list[FactRow] = []
    for part in _chunks(sorted(sources)):
        q = select(FigureFact).where(
            tuple_(FigureFact.source_entity, FigureFact.source_id).in_(part)
        )
        out.extend(_as_row(f) for f in session.scalars(q))
    return out


def _derive(session: Session, sources: Sequence[Source]) -> list[FactRow]:
    records = _Records(session)
    new: list[FactRow] = []
    mistakes: set[uuid.UUID] = set()
    loaded = []
    for part in _chunks(sorted(sources)):  # into the session at once, not one by one
        session.scalars(select(Record).where(tuple_(Record.entity, Record.row_id).in_(part))).all()
    people: set[uuid.UUID] = set()
    for entity, row_id in sorted(sources):
        rec = session.get(Record, (entity, row_id))
        if rec is None:
            continue
        loaded.append(rec)
        if entity == "person":
            people.add(row_id)
        for name in ("entity_id", "person_id"):
            person = uuid_of(rec.data.get(name))
            if person is not None:
                people.add(person)
        if entity == "referral_event":
            row = _mistake_row(rec.row_id, rec.data, rec.deleted_at is not None)
            if row is not None:
                new.append(row)
                if row.live:
                    mistakes.add(row.referral_id)  # type: ignore[arg-type]
    records.prefetch(people)
    renewed = set(sources)

    def mistake(referral: uuid.UUID) -> bool:
        if referral in mistakes:
            return True
        q = select(FigureFact.source_entity, FigureFact.source_id).where(
            FigureFact.referral_id == referral, FigureFact.stream == MISTAKE, FigureFact.live
        )
        return any(s not in renewed for s in session.execute(q))

    look = Lookup(records.get, records.first_wish, mistake)
    for rec in loaded:
        new.extend(derive(rec.entity, rec.row_id, rec.data, rec.deleted_at is not None, look))
    return new


def _seeker_rows(session: Session, pairs: set[tuple[str, uuid.UUID]]) -> list[FactRow]:
    by_market: dict[str, list[uuid.UUID]] = defaultdict(list)
    for market, person in pairs:
        by_market[market].append(person)
    out: list[FactRow] = []
    f = FigureFact
    for market, people in sorted(by_market.items()):
        for part in _chunks(sorted(people)):
            q = select(f).where(
                f.market_code == market, f.stream.in_(SEEKER_STREAMS), f.person_id.in_(part)
            )
            out.extend(_as_row(x) for x in session.scalars(q))
    return out


def _seeking(rows: list[FactRow], pairs: set[tuple[str, uuid.UUID]]) -> Counter[DayKey]:
    out: Counter[DayKey] = Counter()
    markets = {m for m, _ in pairs}
    for market in sorted(markets):
        mine = [r for r in rows if r.market_code == market and (market, r.person_id) in pairs]
        out.update(seeking_changes(market, mine))
    return out


def _add_days(session: Session, changes: dict[DayKey, int]) -> None:
    rows = [
        {"market_code": m, "key": k, "day": d, "value": v}
        for (m, k, d), v in sorted(changes.items())
        if v
    ]
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    maker: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for part in _chunks(rows, 1000):
        stmt = maker(FigureDay).values(list(part))
        stmt = stmt.on_conflict_do_update(
            index_elements=["market_code", "key", "day"],
            set_={"value": FigureDay.value + stmt.excluded.value},
        )
        session.execute(stmt)


def _diff(before: Counter[DayKey], after: Counter[DayKey]) -> dict[DayKey, int]:
    out: dict[DayKey, int] = {}
    for key in set(before) | set(after):
        change = after.get(key, 0) - before.get(key, 0)
        if change:
            out[key] = change
    return out


def refresh(session: Session, touched: Iterable[Source]) -> int:
    """Derive again the facts of ``touched`` records and of those that depend on them,
    and move ``figure_day`` by the difference. Returns how many facts changed."""
    sources = _expand(session, touched)
    if not sources:
        return 0
    ordered = sorted(sources)
    old = _stored(session, ordered)
    new = _derive(session, ordered)
    if sorted(old, key=_order) == sorted(new, key=_order):
        return 0
    pairs = {
        (r.market_code, r.person_id)
        for r in old + new
        if r.stream in SEEKER_STREAMS and r.person_id is not None
    }
    seekers_before = _seeker_rows(session, pairs)
    seekers_after = [r for r in seekers_before if r.source not in sources] + [
        r for r in new if r.stream in SEEKER_STREAMS
    ]
    changes = _diff(flow_counts(old), flow_counts(new))
    for key, value in _diff(
        _seeking(seekers_before, pairs), _seeking(seekers_after, pairs)
    ).items():
        changes[key] = changes.get(key, 0) + value
    f = FigureFact
    for part in _chunks(ordered):
        session.execute(delete(f).where(tuple_(f.source_entity, f.source_id).in_(part)))
    for rows in _chunks([r.as_dict() for r in new], 1000):
        session.execute(insert(FigureFact), list(rows))
    _add_days(session, changes)
    return len(set(old) ^ set(new))


def _order(row: FactRow) -> tuple[str, uuid.UUID, str]:
    return (row.source_entity, row.source_id, row.stream)


def rebuild(session: Session, batch: int = 5000) -> int:
    """Empty both tables and derive every record's facts again (in the caller's
    transaction). Returns the number of facts."""
    session.execute(delete(FigureFact))
    session.execute(delete(FigureDay))
    total = 0
    ids: list[Source] = [
        (e, i)
        for e, i in session.execute(
            select(Record.entity, Record.row_id)
            .where(Record.entity.in_(sorted(SOURCES)))
            .order_by(Record.entity, Record.row_id)
        )
    ]
    # referral events first: a referral voided as a mistake must be known as such
    ids.sort(key=lambda k: (k[0] != "referral_event", k))
    for part in _chunks(ids, batch):
        total += refresh(session, part)
        session.expunge_all()
    return total
