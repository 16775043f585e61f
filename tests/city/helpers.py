"""Desks made with the desk's own code, and a small client of the city's API."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, text

from lingong_city import devices
from lingong_city.db import Database
from lingong_desk.db.models import Consultation, OutboxEntry
from lingong_desk.services.accounts import MarketInfo
from lingong_desk.sync.apply import apply_changes
from lingong_desk.sync.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    encode,
    parse_pull_response,
)
from tests import factories
from tests.factories import Services

ZY, HY = factories.ZY, factories.HY

# what every desk of this version says in each request
SPEAKS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


def add_markets(db: Database, *markets: MarketInfo) -> None:
    now = dt.datetime.now(dt.UTC)
    with db.writing() as s:
        for m in markets:
            devices.add_market(s, m.code, m.name, now, m.region_code, m.phone, m.address)


def enrollment_code(
    db: Database,
    market: str,
    desk_number: int | None = None,
    made: dt.datetime | None = None,
    hours: float = 72,
) -> str:
    with db.writing() as s:
        return devices.new_enrollment_code(
            s, market, made or dt.datetime.now(dt.UTC), desk_number, dt.timedelta(hours=hours)
        )


def public_key_text(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


@dataclass
class Device:
    """An enrolled desk as the city knows it: id, credential, signing key."""

    id: str
    credential: str
    key: Ed25519PrivateKey
    market: str
    desk_number: int
    city_public_key: str
    services: Services | None = None
    pushed_seq: int = 0
    cursor: int = 0
    answers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credential}"}


def enroll(
    client: httpx.Client, db: Database, market: str, services: Services | None = None
) -> Device:
    key = Ed25519PrivateKey.generate()
    code = enrollment_code(db, market)
    r = client.post(
        "/v1/enroll",
        json={"code": code, "device_name": f"{market} desk", "public_key": public_key_text(key)},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    return Device(
        body["device_id"],
        body["credential"],
        key,
        body["market"]["code"],
        body["desk_number"],
        body["city_public_key"],
        services,
    )


# ---- desks -------------------------------------------------------------------
OPEN_DESKS: list[Services] = []  # closed after each test (conftest)


def open_desk(folder: Path, market: MarketInfo) -> Services:
    """A desk of ``market`` with a signed-in supervisor, closed when the test ends."""
    s = factories.blank_desk(folder / "desk.sqlite3")
    OPEN_DESKS.append(s)
    factories.open_market(s, market)
    return s


def register(services: Services, prefix17: str, name: str, **kw: Any) -> uuid.UUID:
    return factories.person(services, prefix17, name, **kw).id


def employer_and_posting(
    services: Services, name: str, credit_code: str
) -> tuple[uuid.UUID, uuid.UUID]:
    employer = factories.employer(services, name=name, credit_code=credit_code)
    return employer.id, factories.posting(services, employer.id).id


def consult(services: Services, person: uuid.UUID | None, question: str) -> uuid.UUID:
    with services.ctx.session() as s:
        row = Consultation(
            at=services.ctx.now(),
            channel="walk_in",
            topic="policy",
            question=question,
            answer="",
            resolved=True,
            person_id=person,
            caller_name="",
            caller_phone="",
        )
        s.add(row)
        s.flush()
        return row.id


def outbox(services: Services, after: int = 0) -> list[dict[str, Any]]:
    """The desk's outbox entries after ``after``, as push entries."""
    with services.ctx.reading() as s:
        rows = s.scalars(
            select(OutboxEntry).where(OutboxEntry.seq > after).order_by(OutboxEntry.seq)
        )
        return [
            {
                "seq": e.seq,
                "entity": e.entity,
                "row_id": str(e.row_id),
                "op": e.op,
                "hlc": e.hlc,
                "changed": list(e.changed),
                "payload": e.payload,
            }
            for e in rows
        ]


def desk_apply(services: Services, changes: list[dict[str, Any]]) -> None:
    """Store pulled rows in a desk the way a desk's pull does (``sync.apply``), then
    check the foreign keys of the whole file."""
    parsed = parse_pull_response({"changes": changes, "next": 0}).changes
    with services.sync.sessions.writer() as s, s.begin():
        done = apply_changes(s, parsed)
    assert done.failed == 0 and done.parked == 0, done
    with services.ctx.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []


# ---- the city's API -------------------------------------------------------------
def push_body(
    device_id: str, entries: list[dict[str, Any]], protocol: int = PROTOCOL_VERSION
) -> bytes:
    return encode({"protocol": protocol, "device_id": device_id, "entries": entries})


def push(client: httpx.Client, device: Device, entries: list[dict[str, Any]]) -> httpx.Response:
    return client.post(
        "/v1/push",
        content=push_body(device.id, entries),
        headers={**device.auth, "Content-Encoding": "gzip", "Content-Type": "application/json"},
    )


def push_outbox(client: httpx.Client, device: Device) -> list[dict[str, Any]]:
    """Push what the device's desk has not pushed yet; the results by seq."""
    assert device.services is not None
    entries = outbox(device.services, device.pushed_seq)
    r = push(client, device, entries)
    assert r.status_code == 200, r.text
    if entries:
        device.pushed_seq = entries[-1]["seq"]
    results: list[dict[str, Any]] = r.json()["results"]
    return results


# Pulling in another epoch than the one the helpers push in (0): the device's own
# changes come back too, as they would to a desk restored in a new epoch. Pass
# ``epoch=0`` to see what the desk itself gets (never its own changes' echoes).
ANOTHER_EPOCH = 1


def full_pull(body: dict[str, Any], market: str) -> dict[str, Any]:
    """A pull answer as the desk of ``market`` reads it: protocol 3 leaves off a row's
    own market and a key its fields make, and the desk's reading puts them back."""
    full = parse_pull_response(body, market)
    return dict(body, changes=[c.to_json() for c in full.changes])


def pull_all(
    client: httpx.Client, device: Device, limit: int = 500, epoch: int = ANOTHER_EPOCH
) -> list[dict[str, Any]]:
    """Every change after the device's cursor (following ``more``); moves the cursor."""
    changes: list[dict[str, Any]] = []
    while True:
        params = {"after": device.cursor, "limit": limit, "epoch": epoch}
        r = client.get("/v1/pull", params=params, headers=device.auth)
        assert r.status_code == 200, r.text
        body = full_pull(r.json(), device.market)
        changes += body["changes"]
        device.cursor = body["next"]
        if not body["more"]:
            return changes


def by_status(results: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        out.setdefault(r["status"], []).append(r)
    return out


def table_counts(db: Database) -> dict[str, int]:
    from lingong_city.models import Base as CityBase

    with db.reading() as s:
        return {
            t.name: int(s.scalar(text(f"SELECT count(*) FROM {t.name}")) or 0)
            for t in CityBase.metadata.sorted_tables
        }
