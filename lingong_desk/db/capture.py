"""Change capture: stamp every synced row and record it in the outbox.

Runs in ``before_flush``, so the outbox rows join the very flush (and the very
transaction) that writes the change. Hard deletes of synced rows are refused:
a service sets ``deleted_at`` instead.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from lingong_desk.db import changes
from lingong_desk.db.models import AuditEvent, OutboxEntry, SyncMixin
from lingong_desk.db.types import Money
from lingong_desk.domain.audit import goes_to_city
from lingong_desk.domain.hlc import HybridClock
from lingong_desk.domain.ids import new_id

SYNC_COLUMNS = frozenset(
    {"market_code", "created_at", "updated_at", "created_by", "updated_by", "hlc"}
)


class HardDeleteError(RuntimeError):
    pass


class MissingWriterError(RuntimeError):
    pass


@dataclass
class Writer:
    """Who writes: the market, the signed-in clerk, the device's clock."""

    market_code: str
    clerk_id: uuid.UUID | None
    clock: HybridClock
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)


def jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def _wire_value(attr: Any, value: Any) -> Any:
    """A column value as it travels: money always with its two decimals, so the
    row written now and the row read back later say the same ("160.00")."""
    if value is not None and isinstance(attr.columns[0].type, Money):
        return f"{decimal.Decimal(value).quantize(decimal.Decimal('0.01'))}"
    return jsonable(value)


def row_payload(obj: SyncMixin) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    exclude = type(obj).__sync_exclude__
    return {
        attr.key: _wire_value(attr, getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in exclude
    }


def _changed_fields(obj: SyncMixin) -> list[str]:
    state = inspect(obj)
    changed = []
    for attr in state.mapper.column_attrs:
        if attr.key in SYNC_COLUMNS:
            continue
        if state.attrs[attr.key].history.has_changes():
            changed.append(attr.key)
    return changed


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    pending = [o for o in session.new if isinstance(o, SyncMixin)]
    local = [o for o in pending if _stays_local(o)]
    dirty = [
        o
        for o in session.dirty
        if isinstance(o, SyncMixin) and session.is_modified(o, include_collections=False)
    ]
    for obj in session.deleted:
        if isinstance(obj, SyncMixin):
            raise HardDeleteError(
                f"{type(obj).__name__} rows are never deleted; set deleted_at instead"
            )
    if not pending and not dirty:
        return
    if session.info.get("applying_remote"):
        # sync/apply.py stores the city's rows as they are: no stamps, no outbox
        return
    writer = session.info.get("writer")
    if not isinstance(writer, Writer):
        raise MissingWriterError("a session writing synced rows needs session.info['writer']")
    now = writer.now()
    for obj in pending:
        stamp = writer.clock.now().encode()
        _stamp_new(obj, writer, stamp, now)
        if obj in local:  # stamped like every row, but kept on this desk
            continue
        payload = row_payload(obj)
        changed = [k for k in payload if k not in SYNC_COLUMNS and k != "id"]
        session.add(_entry(obj, "insert", stamp, changed, now, payload))
    for obj in dirty:
        changed = _changed_fields(obj)
        if not changed:
            continue
        stamp = writer.clock.now().encode()
        obj.updated_at = now
        obj.updated_by = writer.clerk_id
        obj.hlc = stamp
        op = "delete" if "deleted_at" in changed and obj.deleted_at is not None else "update"
        session.add(_entry(obj, op, stamp, changed, now, row_payload(obj)))


def _stays_local(obj: SyncMixin) -> bool:
    """An audit event the city does not need (``domain/audit.py``): no outbox entry."""
    return isinstance(obj, AuditEvent) and not goes_to_city(obj.action)


def _stamp_new(obj: SyncMixin, writer: Writer, stamp: str, now: dt.datetime) -> None:
    if getattr(obj, "id", None) is None:  # typed as set, but None until given one
        obj.id = new_id()
    if getattr(obj, "market_code", None) is None:
        obj.market_code = writer.market_code
    obj.created_at = now
    obj.updated_at = now
    obj.created_by = writer.clerk_id
    obj.updated_by = writer.clerk_id
    obj.hlc = stamp


def _entry(
    obj: SyncMixin,
    op: str,
    stamp: str,
    changed: list[str],
    now: dt.datetime,
    payload: dict[str, Any],
) -> OutboxEntry:
    return OutboxEntry(
        entity=type(obj).__tablename__,  # type: ignore[attr-defined]
        row_id=obj.id,
        op=op,
        hlc=stamp,
        changed=changed,
        payload=payload,
        created_at=now,
    )


def install(session_class: type[Session] | Any) -> None:
    event.listen(session_class, "before_flush", _before_flush)
    changes.install(session_class)
