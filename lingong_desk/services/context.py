"""What every service needs: the database, who is writing, today's date."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_desk.db.capture import Writer
from lingong_desk.db.engine import Database
from lingong_desk.db.local_state import DEVICE_ID
from lingong_desk.db.models import AuditEvent, OutboxEntry
from lingong_desk.domain.calendar import market_day
from lingong_desk.domain.enums import ClerkRole
from lingong_desk.domain.hlc import HybridClock, Stamp
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.ids import new_id
from lingong_desk.domain.occupations import Catalogue


class NotAllowed(PermissionError):
    """The signed-in clerk's role may not do this; the message (a catalogue text of
    context ``validation``) says who may."""


SUPERVISOR_ONLY = QT_TRANSLATE_NOOP("validation", "Only a supervisor can do this.")


def _wall_ms() -> int:
    return int(dt.datetime.now(dt.UTC).timestamp() * 1000)


@dataclass
class ServiceContext:
    db: Database
    catalogue: Catalogue
    market_code: str = ""
    clerk_id: uuid.UUID | None = None
    clerk_name: str = ""
    clerk_role: str = ""
    device_id: str = ""
    clock: HybridClock = field(default_factory=lambda: HybridClock("boot", _wall_ms))
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)

    @property
    def is_supervisor(self) -> bool:
        return self.clerk_role == ClerkRole.SUPERVISOR

    def require_supervisor(self, message: str = SUPERVISOR_ONLY) -> None:
        """Refuse (``NotAllowed``) unless a supervisor is signed in."""
        if not self.is_supervisor:
            raise NotAllowed(message)

    def today(self) -> dt.date:
        """The market's calendar day (China Standard Time)."""
        return market_day(self.now())

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One session per user action; commits on success, rolls back on error."""
        with self.db.sessions() as session, session.begin():
            session.info["writer"] = Writer(self.market_code, self.clerk_id, self.clock, self.now)
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session: queries never commit."""
        with self.db.sessions() as session:
            yield session  # closing releases the transaction without a commit

    def audit(
        self,
        session: Session,
        action: str,
        entity: str = "",
        entity_id: uuid.UUID | None = None,
        **detail: Any,
    ) -> None:
        session.add(
            AuditEvent(
                at=self.now(), action=action, entity=entity, entity_id=entity_id, detail=detail
            )
        )


def fixed_clock(moment: dt.datetime) -> Callable[[], dt.datetime]:
    """A clock that always says ``moment`` (a context writing what happened then)."""
    return lambda: moment


def start_device(ctx: ServiceContext) -> None:
    """Give this installation a device id and restart its clock after the last stamp."""
    with ctx.db.sessions() as session, session.begin():
        device = DEVICE_ID.read(session)
        if device is None:
            device = new_id().hex[:12]
            DEVICE_ID.write(session, device)
        # this device's stamps only grow, so the newest entry holds the highest
        last = session.scalar(select(OutboxEntry.hlc).order_by(OutboxEntry.seq.desc()).limit(1))
    ctx.device_id = device
    ctx.clock = HybridClock(device, _wall_ms, Stamp.decode(last) if last else None)
