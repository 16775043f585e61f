"""Settling conflict items: identity fields two markets disagree on.

A conflict item (``Conflict``) says that a market's desk sent a person's name,
ID number, birth date or sex that differs from the city's. A city
administrator settles it in the console in one of two ways:

- ``value``: one of the two values is right. The city's row takes it (stamped
  now, so it wins over older stamps), the market that sent the other value is
  linked to the person (its registration was of this person) and every linked
  market receives the row by its next pull.
- ``wrong_id``: the registration carried a wrong ID number; the registering
  market must correct it at its desk. Nothing changes at the city.

Either way every pull of that market's desks lists the settled item
(``protocol.SETTLED``) for ``SETTLED_DAYS``; a desk dismisses its "needs
attention" items about that row, and the desk that sent the change is told
when the ID number is to be corrected.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_city.fanout import Fanout
from lingong_city.ingest import server_stamp
from lingong_city.models import Conflict, Device, PersonLink, Record
from lingong_desk.sync.protocol import SETTLED_VALUE, SETTLED_WRONG_ID

SETTLED_DAYS = 90  # how long desks are told of a settled item (by every pull)
RESOLUTIONS = (SETTLED_VALUE, SETTLED_WRONG_ID)


class CannotSettle(ValueError):
    """The item cannot be settled this way (the reason is shown)."""


def open_items(session: Session, limit: int = 500) -> list[Conflict]:
    return list(
        session.scalars(
            select(Conflict)
            .where(Conflict.resolved_at.is_(None))
            .order_by(Conflict.created_at, Conflict.id)
            .limit(limit)
        )
    )


def settle(
    session: Session,
    conflict_id: int,
    resolution: str,
    choice: str,
    user_name: str,
    now: dt.datetime,
) -> Conflict:
    """Settle one item (inside ``Database.writing``). ``choice``: "city" or
    "incoming" (which value is right) for ``value``; ignored for ``wrong_id``."""
    item = session.get(Conflict, conflict_id, with_for_update=True)
    if item is None:
        raise CannotSettle("There is no such conflict item.")
    if item.resolved_at is not None:
        raise CannotSettle("This conflict item was settled already.")
    if resolution not in RESOLUTIONS:
        raise CannotSettle("Choose the right value, or mark the ID number as wrong.")
    if resolution == SETTLED_VALUE:
        if choice not in ("city", "incoming"):
            raise CannotSettle("Choose which of the two values is right.")
        value = item.city_value if choice == "city" else item.incoming_value
        _take_value(session, item, value, now)
        item.resolved_value = value
    item.resolution = resolution
    item.resolved_at = now
    item.resolved_by = user_name[:50]
    return item


def _take_value(session: Session, item: Conflict, value: Any, now: dt.datetime) -> None:
    rec = session.get(Record, (item.entity, item.row_id), with_for_update=True)
    if rec is None:
        raise CannotSettle("The record of this conflict item is not at the city.")
    fanout = Fanout(session, now)
    if rec.data.get(item.field) != value:
        stamp = server_stamp(now)
        newest = max(rec.hlc, stamp)  # stamps compare as text (zero-padded wall time)
        rec.data = {**rec.data, item.field: value, "hlc": newest}
        rec.field_stamps = {**rec.field_stamps, item.field: stamp}
        rec.hlc = newest
        rec.updated_at = now
        fanout.record_changed(rec)
    if item.entity == "person" and session.get(PersonLink, (rec.row_id, item.market_code)) is None:
        # the market registered this very person: it is linked, and gets the row
        fanout.link_person(rec.row_id, item.market_code, item.device_id)
    # the sender's desks get the city's row again, whichever value was chosen
    if item.entity == "person":
        fanout.add(item.market_code, rec.entity, rec.row_id)
    fanout.flush()


def settled_for(session: Session, device: Device, now: dt.datetime) -> list[dict[str, Any]]:
    """The items of the device's market settled in the last ``SETTLED_DAYS`` (no
    personal data: which row and field, and how)."""
    since = now - dt.timedelta(days=SETTLED_DAYS)
    rows = session.scalars(
        select(Conflict)
        .where(
            Conflict.market_code == device.market_code,
            Conflict.resolved_at.is_not(None),
            Conflict.resolved_at > since,
        )
        .order_by(Conflict.id)
        .limit(1000)
    )
    return [
        {
            "id": c.id,
            "entity": c.entity,
            "row_id": str(c.row_id),
            "field": c.field,
            "resolution": c.resolution,
            "yours": c.device_id == device.id,
        }
        for c in rows
    ]
