"""Serving a desk's pull: its market's feed after a cursor, with current rows.

A market's feed rows are appended under its feed lock (``db.lock_feeds``), so
every cursor of the market a reader can see was committed after all smaller
ones of that market: the horizon is simply the market's highest committed
cursor, and reading ``cursor > after`` never skips a row that commits later.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from lingong_city.conflicts import settled_for
from lingong_city.db import one_of
from lingong_city.fanout import chunks
from lingong_city.ingest import server_stamp
from lingong_city.models import Device, Feed, Market, PostingHire, Record
from lingong_desk.sync.protocol import (
    MAX_BODY_BYTES,
    RECEIVER_DERIVED,
    SETTLED,
    Change,
    PullResponse,
    elide_meta,
    json_bytes,
)

DEFAULT_LIMIT = 500
NO_EPOCH = -1  # no device speaks it: nothing is left out as an echo
MAX_LIMIT = 5000
# A page also ends before its rows pass PAGE_BYTES of JSON: a desk refuses a body
# that inflates past MAX_BODY_BYTES, and a market of long postings would otherwise
# send the same too-large page for ever. CHANGE_BYTES bounds a change's own keys
# (cursor, entity, row id, stamp); the rest of the body (markets, settlements) fits
# in the quarter left.
PAGE_BYTES = MAX_BODY_BYTES * 3 // 4
CHANGE_BYTES = 256
# in the owner market's copy of a posting: hired people by the market that referred
# them ({"ZY": 1, "HY": 2}); a desk that does not know the column leaves it out
FILLED_BY = "filled_by"


def market_list(session: Session) -> list[dict[str, Any]]:
    """Reference data every desk keeps: the city's markets."""
    return [
        {
            "code": m.code,
            "name": m.name,
            "region_code": m.region_code,
            "phone": m.phone,
            "address": m.address,
        }
        for m in session.scalars(select(Market).order_by(Market.code))
    ]


class Held(NamedTuple):
    """The columns of a record a pull sends (read as plain rows: no ORM objects)."""

    entity: str
    row_id: uuid.UUID
    market_code: str
    data: dict[str, Any]
    hlc: str
    deleted_at: dt.datetime | None


HELD = (
    Record.entity,
    Record.row_id,
    Record.market_code,
    Record.data,
    Record.hlc,
    Record.deleted_at,
)


def visible_data(rec: Held, market: str) -> dict[str, Any]:
    """A record as a market may see it: another market's household employer (the
    employer of a city-wide posting) comes without the owner's ID number."""
    if rec.entity == "employer" and rec.market_code != market and rec.data.get("owner_id_number"):
        return {**rec.data, "owner_id_number": None}
    return rec.data


def filled_by(session: Session, owned: list[Held]) -> dict[uuid.UUID, dict[str, int]]:
    """For the owner's postings: how many hired people each market's referrals gave."""
    postings = [r.row_id for r in owned if r.entity == "job_posting"]
    out: dict[uuid.UUID, dict[str, int]] = {}
    for part in chunks(postings):
        rows = session.execute(
            select(PostingHire.posting_id, PostingHire.market_code, func.count())
            .where(PostingHire.posting_id.in_(part))
            .group_by(PostingHire.posting_id, PostingHire.market_code)
        )
        for posting, market, count in rows:
            out.setdefault(posting, {})[market] = int(count)
    return out


def wire_row(entity: str, data: dict[str, Any]) -> dict[str, Any]:
    """A row as a pull carries it: without its id and stamp (the change says them),
    its empty fields (absent means null), what the receiver derives, and a
    who-and-when that repeats its creation (``protocol.elide_meta``)."""
    skip = RECEIVER_DERIVED.get(entity, frozenset()) | {"id", "hlc"}
    return elide_meta({k: v for k, v in data.items() if v is not None and k not in skip})


def changes_for(
    session: Session,
    device: Device,
    after: int,
    limit: int = DEFAULT_LIMIT,
    now: dt.datetime | None = None,
    epoch: int = 0,
) -> PullResponse:
    """The device's market's changes with a cursor above ``after``, oldest first.

    At most ``limit`` feed rows are read; a record appearing several times in
    them is sent once, at its first cursor and with its current data (so a
    row still comes after the rows it refers to). The echoes of the device's
    own changes in ``epoch`` are left out. ``next`` is the last feed cursor
    read, or (when the page ends the feed) the market's horizon, so a feed
    ending in echoes is passed in one step; ``more`` whether it goes on.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    market = device.market_code
    # read the horizon first: a row committed after it waits for the next pull
    horizon = session.scalar(select(func.max(Feed.cursor)).where(Feed.market_code == market))
    if horizon is None or horizon <= after:
        return _answer(session, device, [], after, False, now)
    echo = f"{device.id}:{epoch}"
    rows = session.execute(
        select(Feed.cursor, Feed.entity, Feed.row_id)
        .where(
            Feed.market_code == market,
            Feed.cursor > after,
            Feed.cursor <= horizon,
            or_(Feed.origin.is_(None), Feed.origin != echo),
        )
        .order_by(Feed.cursor)
        .limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1][0] if more else horizon
    first: dict[tuple[str, uuid.UUID], int] = {}
    for cursor, entity, row_id in rows:
        first.setdefault((entity, row_id), cursor)
    records: dict[tuple[str, uuid.UUID], Held] = {}
    by_entity: dict[str, list[uuid.UUID]] = {}
    for entity, row_id in first:
        by_entity.setdefault(entity, []).append(row_id)
    for entity, ids in by_entity.items():
        for part in chunks(ids):
            for columns in session.execute(
                select(*HELD).where(Record.entity == entity, one_of(session, Record.row_id, part))
            ):
                found = Held(*columns)
                records[(found.entity, found.row_id)] = found
    filled = filled_by(session, [r for r in records.values() if r.market_code == market])
    changes: list[Change] = []
    size = 0
    for key, cursor in first.items():
        rec = records.get(key)
        if rec is None:  # pragma: no cover - feed rows always name a stored record
            continue
        row = wire_row(rec.entity, visible_data(rec, device.market_code))
        if rec.row_id in filled:
            row[FILLED_BY] = filled[rec.row_id]
        size += len(json_bytes(row)) + CHANGE_BYTES
        if changes and size > PAGE_BYTES:
            # the rest waits for the next page: it starts at this feed row
            last, more = cursor - 1, True
            break
        changes.append(
            Change(
                cursor=cursor,
                entity=rec.entity,
                row_id=str(rec.row_id),
                hlc=rec.hlc,
                row=row,
                deleted=rec.deleted_at is not None,
            )
        )
    return _answer(session, device, changes, last, more, now)


def _answer(
    session: Session,
    device: Device,
    changes: list[Change],
    last: int,
    more: bool,
    now: dt.datetime | None,
) -> PullResponse:
    moment = now or dt.datetime.now(dt.UTC)
    return PullResponse(
        changes=tuple(changes),
        next=last,
        more=more,
        server_hlc=server_stamp(moment),
        extra={"markets": market_list(session), SETTLED: settled_for(session, device, moment)},
    )
