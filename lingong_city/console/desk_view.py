"""What the desks pages show of each desk: when it was last seen, what it reported,
what needs attention there (no personal data)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lingong_city.models import Conflict, Device, Market

STALE_AFTER = dt.timedelta(days=3)  # a desk not seen this long stands out


@dataclass(frozen=True)
class DeskRow:
    device: Device
    market_name: str
    stale: bool  # not seen for STALE_AFTER
    open_conflicts: int  # conflict items from this desk's changes, not settled

    @property
    def attention(self) -> bool:
        """Does something need attention there: items the desk reported, or conflict
        items from its changes waiting at the city?"""
        return bool(self.device.attention_count) or self.open_conflicts > 0


def desk_rows(session: Session, now: dt.datetime, market_code: str | None = None) -> list[DeskRow]:
    query = select(Device).order_by(Device.market_code, Device.revoked, Device.desk_number)
    if market_code is not None:
        query = query.where(Device.market_code == market_code)
    found = list(session.scalars(query))
    names = dict(session.execute(select(Market.code, Market.name)).all())
    conflicts: dict[uuid.UUID, int] = dict(
        session.execute(
            select(Conflict.device_id, func.count())
            .where(Conflict.resolved_at.is_(None))
            .group_by(Conflict.device_id)
        ).all()
    )
    return [
        DeskRow(
            d,
            names.get(d.market_code, d.market_code),
            not d.revoked and (d.last_seen_at is None or now - d.last_seen_at > STALE_AFTER),
            conflicts.get(d.id, 0),
        )
        for d in found
    ]
