"""What the desk remembers of sync, kept in ``app_setting`` rows.

The credential and the private key are secrets: they never appear in a
``repr`` (and so never in a log line), only in the database file.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session, sessionmaker

from lingong_desk.db import capture
from lingong_desk.db.engine import make_engine
from lingong_desk.db.local_state import get_setting, put_setting

SERVER_URL = "sync.server_url"
DEVICE_ID = "sync.device_id"
CREDENTIAL = "sync.credential"  # secret
PRIVATE_KEY = "sync.private_key"  # secret: the desk's Ed25519 key, base64 raw
CITY_PUBLIC_KEY = "sync.city_public_key"  # base64 raw Ed25519
EPOCH = "sync.epoch"  # the numbering epoch of this desk's changes (see protocol.py)
CURSOR = "sync.cursor"
LAST_SYNC_AT = "sync.last_sync_at"  # ISO 8601 UTC: the last sync that went all the way
PIN = "sync.certificate_pin"  # SHA-256 of the city's certificate, pinned at enrolment
ALLOW_HTTP = "sync.allow_http"  # "1": plain http:// to another computer is allowed

SECRETS = frozenset({CREDENTIAL, PRIVATE_KEY})


# the sync keys are plain settings of app_setting, read and written in one place
get = get_setting
put = put_setting


@dataclass(frozen=True)
class SyncState:
    server_url: str = ""
    device_id: str = ""
    credential: str = field(default="", repr=False)
    city_public_key: str = ""
    cursor: int = 0
    last_sync_at: dt.datetime | None = None
    epoch: int = 0
    pin: str = ""
    allow_http: bool = False

    @property
    def enrolled(self) -> bool:
        return bool(self.server_url and self.device_id and self.credential)


def read_state(session: Session) -> SyncState:
    last = get(session, LAST_SYNC_AT)
    return SyncState(
        server_url=get(session, SERVER_URL) or "",
        device_id=get(session, DEVICE_ID) or "",
        credential=get(session, CREDENTIAL) or "",
        city_public_key=get(session, CITY_PUBLIC_KEY) or "",
        cursor=int(get(session, CURSOR) or 0),
        last_sync_at=dt.datetime.fromisoformat(last) if last else None,
        epoch=int(get(session, EPOCH) or 0),
        pin=get(session, PIN) or "",
        allow_http=get(session, ALLOW_HTTP) == "1",
    )


def new_epoch(session: Session, now: dt.datetime) -> int:
    """Start a new numbering epoch: the city takes every seq afresh under it. A
    wall-clock millisecond count, so an epoch is never handed out twice, even by a
    desk restored from a backup that knew an older one."""
    epoch = max(int(get(session, EPOCH) or 0) + 1, int(now.timestamp() * 1000))
    put(session, EPOCH, str(epoch))
    return epoch


def store_cursor(session: Session, cursor: int) -> int:
    """Cursors only grow: an older response never moves the desk back."""
    current = int(get(session, CURSOR) or 0)
    if cursor > current:
        put(session, CURSOR, str(cursor))
        return cursor
    return current


# ---- the desk's signing key -----------------------------------------------
def private_key(session: Session, create: bool = False) -> Ed25519PrivateKey | None:
    stored = get(session, PRIVATE_KEY)
    if stored is not None:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
    if not create:
        return None
    key = Ed25519PrivateKey.generate()
    put(session, PRIVATE_KEY, base64.b64encode(key.private_bytes_raw()).decode("ascii"))
    return key


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """Base64 of the raw 32-byte public key, as the enroll request carries it."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def load_public_key(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))


# ---- sessions of the sync thread --------------------------------------------
@dataclass
class SyncSessions:
    """The sync thread's own engine on the desk's file.

    Transactions begin explicitly (pysqlite's own transaction handling breaks
    SAVEPOINT); writers take the write lock up front with ``BEGIN IMMEDIATE``,
    so under WAL they wait ``busy_timeout`` for the window's worker instead of
    failing on a stale snapshot. Statement parameters never enter error text:
    rows hold personal data.
    """

    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]

    def close(self) -> None:
        self.engine.dispose()


def _begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("sync_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _no_implicit_transactions(dbapi_conn: object, _record: object) -> None:
    dbapi_conn.isolation_level = None  # type: ignore[attr-defined]


def open_sessions(path: Path, key: bytes | None = None) -> SyncSessions:
    engine = make_engine(path, key)
    engine.hide_parameters = True
    event.listen(engine, "connect", _no_implicit_transactions)
    event.listen(engine, "begin", _begin)
    reader = sessionmaker(engine, expire_on_commit=False)
    writer = sessionmaker(engine, expire_on_commit=False, execution_options={"sync_write": True})
    capture.install(reader)
    capture.install(writer)
    return SyncSessions(engine, reader, writer)
