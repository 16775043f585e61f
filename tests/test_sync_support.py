"""Helpers of the sync tests (no tests here): desks with data, enrolment state."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from lingong_desk.db.models import OutboxEntry
from lingong_desk.domain.registration import PersonDraft
from lingong_desk.services.accounts import MarketInfo
from lingong_desk.sync import state
from lingong_desk.sync.engine import SyncEngine
from lingong_desk.sync.protocol import Change
from tests import factories
from tests.factories import ZY, Services

PEOPLE = (
    ("14022619800301123", "张三"),
    ("14022619850402234", "李四"),
    ("14022619900503345", "王五"),
)


def open_desk(path: Path, clerk: str = "王芳", market: MarketInfo = ZY) -> Services:
    return factories.desk(path.parent, market, clerk, file=path.name)


def person_draft(prefix17: str, name: str, **kw: object) -> PersonDraft:
    """A job seeker whose wished-for pay has cents (they must survive the round trip)."""
    return factories.person_draft(prefix17, name, **{"pay_min": Decimal("150.50"), **kw})


def register(services: Services, prefix17: str, name: str, **kw: object) -> uuid.UUID:
    return services.people.save(person_draft(prefix17, name, **kw)).detail.id


def fill(services: Services) -> dict[str, uuid.UUID]:
    """Three people, an employer, a posting and a referral (with its event)."""
    ids = {name: register(services, prefix, name) for prefix, name in PEOPLE}
    employer = factories.employer(services)
    posting = factories.posting(services, employer.id)
    referral = factories.referral(services, ids["张三"], posting.id)
    return {**ids, "employer": employer.id, "posting": posting.id, "referral": referral.id}


def outbox(services: Services, unsent_only: bool = False) -> list[OutboxEntry]:
    with services.ctx.reading() as s:
        stmt = select(OutboxEntry).order_by(OutboxEntry.seq)
        if unsent_only:
            stmt = stmt.where(OutboxEntry.sent_at.is_(None))
        return list(s.scalars(stmt))


def changes_of(services: Services, start: int = 1) -> list[Change]:
    """A desk's outbox as the city would hand it on: one change per row (its
    latest state), in the order the rows were last written."""
    latest: dict[tuple[str, str], OutboxEntry] = {}
    for e in outbox(services):
        latest.pop((e.entity, str(e.row_id)), None)
        latest[(e.entity, str(e.row_id))] = e
    return [
        Change(
            cursor=start + i,
            entity=e.entity,
            row_id=str(e.row_id),
            hlc=e.hlc,
            row=dict(e.payload),
            deleted=e.op == "delete",
        )
        for i, e in enumerate(latest.values())
    ]


def fake_enrolment(
    engine: SyncEngine,
    url: str = "http://127.0.0.1:9",
    city_key: Ed25519PrivateKey | None = None,
) -> str:
    """Sync state as enrolment leaves it, without a city (for offline tests)."""
    device_id = str(uuid.uuid4())
    with engine.sessions.writer() as s, s.begin():
        key = state.private_key(s, create=True)
        assert key is not None
        state.put(s, state.SERVER_URL, url)
        state.put(s, state.DEVICE_ID, device_id)
        state.put(s, state.CREDENTIAL, "test-credential")
        if city_key is not None:
            state.put(s, state.CITY_PUBLIC_KEY, state.public_key_text(city_key))
    return device_id


# ---- the real city server, in-process ------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class City:
    url: str
    db: Any  # lingong_city.db.Database
    port: int

    def code(self, market: str = "ZY") -> str:
        from lingong_city import devices

        with self.db.writing() as s:
            return str(devices.new_enrollment_code(s, market, dt.datetime.now(dt.UTC)))


@contextmanager
def running_city(folder: Path) -> Iterator[City]:
    """lingong_city's app on a temporary SQLite database, served by uvicorn on
    127.0.0.1 in a background thread, with the markets ZY and DT."""
    import uvicorn

    from lingong_city import devices
    from lingong_city.app import create_app

    app = create_app(f"sqlite:///{folder / 'city.sqlite3'}")
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="none")
    )
    thread = threading.Thread(target=server.run, name="city", daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # a busy machine may be slow to start it
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the city server did not start"
        time.sleep(0.02)
    db = app.state.db
    now = dt.datetime.now(dt.UTC)
    with db.writing() as s:
        devices.add_market(s, "ZY", "左云县零工市场", now, "140226", "0352-3022110")
        devices.add_market(s, "DT", "大同市平城区零工市场", now, "140213")
    try:
        yield City(f"http://127.0.0.1:{port}", db, port)
    finally:
        server.should_exit = True
        thread.join(120)


def synced_rows(services: Services) -> dict[tuple[str, str], dict[str, Any]]:
    """Every row of a desk that the city holds too, as the city holds it: clerk
    accounts and the audit events the city does not need stay out, and so do the
    search keys every receiver derives (``protocol.RECEIVER_DERIVED``)."""
    from lingong_desk.db.capture import row_payload
    from lingong_desk.db.models import AuditEvent
    from lingong_desk.domain.audit import goes_to_city
    from lingong_desk.sync.apply import models
    from lingong_desk.sync.protocol import RECEIVER_DERIVED

    out: dict[tuple[str, str], dict[str, Any]] = {}
    with services.ctx.reading() as session:
        for entity, model in models().items():
            if entity == "clerk":
                continue
            skip = RECEIVER_DERIVED.get(entity, frozenset())
            for row in session.scalars(select(model)):
                if isinstance(row, AuditEvent) and not goes_to_city(row.action):
                    continue
                payload = row_payload(row)
                out[(entity, str(row.id))] = {k: v for k, v in payload.items() if k not in skip}
    return out
