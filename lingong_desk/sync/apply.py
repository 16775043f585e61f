"""Storing the city's changes on the desk (a pull response or a pull bundle).

One call is one transaction: the rows and the new pull cursor commit together,
so an interruption costs at most one batch and never skips one. Rows are
written through the ORM with ``session.info["applying_remote"]`` set, which
tells change capture (db/capture.py) to leave them unstamped and out of the
outbox: they came from the city and must not go back to it.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Boolean, Column, Date, Integer, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lingong_desk.db.models import (
    Market,
    OutboxEntry,
    SyncConflictNote,
    SyncMixin,
    SyncParkedChange,
)
from lingong_desk.db.search import derived_columns
from lingong_desk.db.types import CompactUuid, Money, UTCDateTime
from lingong_desk.domain.hlc import ClockDriftError, HybridClock, Stamp
from lingong_desk.sync.protocol import (
    CITY_DERIVED,
    RECEIVER_DERIVED,
    SETTLED,
    Change,
    PullResponse,
)
from lingong_desk.sync.rows import Known, models, parents_present, table_rank
from lingong_desk.sync.settled import apply_settled
from lingong_desk.sync.state import store_cursor

__all__ = ["Applied", "Known", "apply_changes", "apply_pull", "models", "table_rank"]

log = logging.getLogger(__name__)


class BadValue(ValueError):
    """A value of a pulled row that does not fit its column (no data in the text)."""


def _convert(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    try:
        if isinstance(kind, Money):
            return Decimal(str(value))
        if isinstance(kind, UTCDateTime):
            stamp = dt.datetime.fromisoformat(str(value))
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=dt.UTC)
            return stamp.astimezone(dt.UTC)
        if isinstance(kind, CompactUuid):
            return uuid.UUID(str(value))
        if isinstance(kind, Date):
            return dt.date.fromisoformat(str(value))
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
    except (ValueError, TypeError, InvalidOperation):
        raise BadValue(f"{column.table.name}.{column.key}: not a valid {kind}") from None
    return value


def convert_row(model: type[SyncMixin], row: dict[str, Any]) -> dict[str, Any]:
    """JSON values back to Python values by the model's column types; columns
    this desk does not know are left out."""
    columns = model.__table__.columns  # type: ignore[attr-defined]
    return {key: _convert(columns[key], value) for key, value in row.items() if key in columns}


def _missing_placeholder(column: Column[Any]) -> Any:
    """A value for a required column the city never sends (a clerk's password
    hash stays on the desk that set it)."""
    if isinstance(column.type, Boolean):
        return False
    if isinstance(column.type, Integer):
        return 0
    if isinstance(column.type, String):
        return ""
    raise BadValue(f"{column.table.name}.{column.key}: missing")


@dataclass
class Applied:
    """What one apply did."""

    applied: int = 0  # rows inserted or updated
    kept_local: int = 0  # rows where unsent local fields were kept
    parked: int = 0  # waiting for a parent row
    failed: int = 0  # could not be stored (noted for a clerk)
    cursor: int = 0
    entities: set[str] = field(default_factory=set)


def _local_changes(session: Session, changes: Iterable[Change]) -> dict[tuple[str, str], set[str]]:
    """Fields of each row changed on this desk and not yet sent."""
    ids = {uuid.UUID(c.row_id) for c in changes}
    out: dict[tuple[str, str], set[str]] = {}
    if not ids:
        return out
    rows = session.execute(
        select(OutboxEntry.entity, OutboxEntry.row_id, OutboxEntry.changed).where(
            OutboxEntry.sent_at.is_(None), OutboxEntry.row_id.in_(ids)
        )
    )
    for entity, row_id, changed in rows:
        out.setdefault((entity, str(row_id)), set()).update(changed)
    return out


# the who-and-when of a change made here and not yet sent: kept with its fields (the
# row's origin, market and creation, are the city's like every other field)
PENDING_META = frozenset({"updated_at", "updated_by", "hlc"})


def _write(
    known: Known, model: type[SyncMixin], change: Change, local: set[str], now: dt.datetime
) -> bool | None:
    """Insert or update one row; None when its parent is missing (park it).
    Returns whether local unsent fields were kept."""
    values = convert_row(model, change.row)
    values["id"] = uuid.UUID(change.row_id)
    values.setdefault("hlc", change.hlc)  # a compact row leaves its stamp to the change
    columns = model.__table__.columns  # type: ignore[attr-defined]
    derive = RECEIVER_DERIVED.get(change.entity, frozenset())
    local_only = model.__sync_exclude__
    for column in columns:  # a pulled row leaves its empty fields out: they are null
        key = column.key
        if key not in values and column.nullable and key not in derive | local_only:
            values[key] = None
    if change.deleted and values.get("deleted_at") is None:
        values["deleted_at"] = values.get("updated_at") or now
    if not parents_present(known, model, values):
        return None
    obj = known.get(model, values["id"])
    if obj is None:
        values.update(derived_columns(change.entity, values))
        for column in columns:
            if column.key not in values and not column.nullable and column.default is None:
                values[column.key] = _missing_placeholder(column)
        new = model(**values)
        known.session.add(new)
        known.added(new)
        return False
    kept = False
    derived = CITY_DERIVED.get(change.entity, frozenset())  # the city's count always wins
    for key, value in values.items():
        if key in derived:
            setattr(obj, key, value)
            continue
        if key in local or (local and key in PENDING_META):
            # changed here and not yet sent: the desk's value goes to the city,
            # which merges it; the city's version of it comes back later
            kept = kept or (key in local and getattr(obj, key) != value)
            continue
        setattr(obj, key, value)
    if derive:
        view = {c.key: getattr(obj, c.key) for c in columns}
        for key, value in derived_columns(change.entity, view).items():
            setattr(obj, key, value)
    return kept


def _note(session: Session, change: Change, detail: str, now: dt.datetime) -> None:
    session.add(
        SyncConflictNote(
            source="pull",
            cursor=change.cursor,
            entity=change.entity,
            row_id=uuid.UUID(change.row_id),
            detail=detail,
            noted_at=now,
        )
    )


def observe(clock: HybridClock | None, stamp: str) -> None:
    """Let the device's clock move past a remote stamp; one too far in the
    future is not adopted (the change is stored all the same)."""
    if clock is None or not stamp:
        return
    try:
        clock.observe(Stamp.decode(stamp))
    except ClockDriftError:
        log.warning("a remote stamp is ahead of this desk's clock; not adopted")
    except ValueError:
        log.warning("a remote stamp could not be read")


def _with_parked(session: Session, changes: Iterable[Change]) -> list[Change]:
    """This batch plus the changes parked earlier; the newest change of a row wins."""
    newest: dict[tuple[str, str], Change] = {}
    parked = list(session.scalars(select(SyncParkedChange)))
    for p in parked:
        newest[(p.entity, str(p.row_id))] = Change(
            p.cursor, p.entity, str(p.row_id), p.hlc, dict(p.row), p.deleted
        )
        session.delete(p)
    for c in changes:
        key = (c.entity, c.row_id)
        if key not in newest or newest[key].cursor <= c.cursor:
            newest[key] = c
    rank = table_rank()
    return sorted(newest.values(), key=lambda c: (rank.get(c.entity, 0), c.cursor))


def apply_changes(
    session: Session,
    changes: Iterable[Change],
    clock: HybridClock | None = None,
    now: dt.datetime | None = None,
) -> Applied:
    """Store changes (the caller owns the transaction and its cursor).

    A page is written at once, with one query per table to learn which rows exist
    and one flush; only when the database refuses something is it written again
    change by change, each in its own savepoint, so the one bad row is noted and
    the others are stored.
    """
    now = now or dt.datetime.now(dt.UTC)
    session.info["applying_remote"] = True
    try:
        todo = _with_parked(session, changes)
        local = _local_changes(session, todo)
        for change in todo:
            observe(clock, change.hlc)
        try:
            with session.begin_nested():
                done = _write_all(Known(session, todo), todo, local, now, per_row=False)
                session.flush()
            return done
        except IntegrityError:
            log.info("a pulled page has a row the database refuses: written row by row")
        done = _write_all(Known(session), todo, local, now, per_row=True)
        session.flush()
        return done
    finally:
        session.info.pop("applying_remote", None)


def _write_all(
    known: Known,
    todo: list[Change],
    local: dict[tuple[str, str], set[str]],
    now: dt.datetime,
    per_row: bool,
) -> Applied:
    session = known.session
    done = Applied()
    for change in todo:
        model = models().get(change.entity)
        if model is None:
            log.warning("pulled a change of unknown entity %s; skipped", change.entity)
            continue
        mine = local.get((change.entity, change.row_id), set())
        try:
            if per_row:
                with session.begin_nested():
                    kept = _write(known, model, change, mine, now)
                    session.flush()
            else:
                kept = _write(known, model, change, mine, now)
        except BadValue as exc:
            _note(session, change, str(exc), now)
            done.failed += 1
            continue
        except IntegrityError as exc:  # only row by row: the page's flush raises above
            # the message names the constraint, never the values
            _note(session, change, str(exc.orig), now)
            done.failed += 1
            continue
        if kept is None:
            session.add(
                SyncParkedChange(
                    entity=change.entity,
                    row_id=uuid.UUID(change.row_id),
                    cursor=change.cursor,
                    hlc=change.hlc,
                    row=change.row,
                    deleted=change.deleted,
                    parked_at=now,
                )
            )
            done.parked += 1
            continue
        done.applied += 1
        done.kept_local += int(kept)
        done.entities.add(change.entity)
    return done


PULL_FIELDS = frozenset({"changes", "next", "more", "server_hlc"})
MARKET_FIELDS = ("name", "region_code", "phone", "address")


def with_extra(response: PullResponse, message: dict[str, Any]) -> PullResponse:
    """Keep what a pull answer carries besides the changes (``markets``...)."""
    return replace(response, extra={k: v for k, v in message.items() if k not in PULL_FIELDS})


def apply_markets(session: Session, markets: Any) -> int:
    """The city's list of markets (reference data: names for other markets' rows)."""
    if not isinstance(markets, list):
        return 0
    stored = 0
    for m in markets:
        if not isinstance(m, dict) or not isinstance(m.get("code"), str) or not m["code"]:
            continue
        values = {k: m[k].strip() for k in MARKET_FIELDS if isinstance(m.get(k), str)}
        row = session.get(Market, m["code"])
        if row is None:
            row = Market(code=m["code"], name=values.get("name") or m["code"])
            session.add(row)
        for key, value in values.items():
            if value or key != "name":
                setattr(row, key, value)
        stored += 1
    return stored


def apply_pull(
    session: Session,
    response: PullResponse,
    clock: HybridClock | None = None,
    now: dt.datetime | None = None,
) -> Applied:
    """A pull response's changes and the new cursor, in the caller's one transaction."""
    apply_markets(session, response.extra.get("markets"))
    done = apply_changes(session, response.changes, clock, now)
    apply_settled(session, response.extra.get(SETTLED), now or dt.datetime.now(dt.UTC))
    observe(clock, response.server_hlc)
    done.cursor = store_cursor(session, response.next)
    return done
