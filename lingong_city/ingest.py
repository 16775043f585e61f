"""Applying a desk's push: one transaction, an answer per entry.

``apply_push`` must run inside ``Database.writing``: writers are serialized
(PostgreSQL: ``pg_advisory_xact_lock``; SQLite: its single writer, taken with
``BEGIN IMMEDIATE``), so the feed cursors a push draws commit before any later
writer draws its own. Cursors therefore become visible in cursor order, and
the pull horizon is simply the highest committed cursor.

Per entry, in order:
- an entry already received from this device (same seq) gets the answer it
  got the first time and changes nothing;
- OWNED rows: the payload's market must be the device's market, and a row the
  city holds must belong to it; a referral's status must move along the state
  machine of ``lingong_desk.domain.referral`` (a new referral is in its
  ``INITIAL_STATUS``, issued); a hire on another market's posting is counted
  here (``lingong_desk.domain.postings``);
  audit and referral events accept inserts only;
- SHARED rows (a person and the job types they want) merge field by field by
  HLC stamp; identity fields that disagree become conflict items;
- a stamp more than ``MAX_DRIFT_MS`` ahead of the server's clock counts as the
  server's own current stamp, so one desk with a wrong clock cannot win every
  merge from then on (the answer says so);
- tombstones are kept: a deleted row is a row with ``deleted_at``.

The rules live in ``rules``, the batch's records in ``batch``; imports go one
way: ingest -> rules -> batch.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import Counter
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from lingong_city.batch import Batch
from lingong_city.fanout import chunks
from lingong_city.merge import newest
from lingong_city.models import Device, Received
from lingong_city.rules import Refused, Rules
from lingong_city.schema import BatchRefused, check_batch, parse_stamp
from lingong_desk.domain.hlc import MAX_DRIFT_MS, Stamp
from lingong_desk.sync.protocol import SERVER_COLUMNS, Entry, PushRequest, PushResponse, Result

log = logging.getLogger(__name__)


def wall_ms(now: dt.datetime) -> int:
    return int(now.timestamp() * 1000)


def server_stamp(now: dt.datetime) -> str:
    return Stamp(wall_ms(now), 0, "city").encode()


def _drift_text(ms: int) -> str:
    minutes = round(ms / 60_000)
    if minutes < 120:
        return f"{minutes} minutes"
    if minutes < 48 * 60:
        return f"{round(minutes / 60)} hours"
    return f"{round(minutes / 1440)} days"


class _Push(Batch):
    """A batch being applied: the rules, and the newest stamp it has seen."""

    def __init__(self, session: Session, device: Device, now: dt.datetime) -> None:
        super().__init__(session, device, now)
        self.rules = Rules(self)
        self.top = server_stamp(now)
        self.clamped = 0  # stamps replaced by the server's in this batch

    def effective_stamp(self, entry: Entry) -> tuple[str, str]:
        """The entry's stamp, or the server's own when the desk's clock runs far ahead."""
        stamp = parse_stamp(entry.hlc)
        assert stamp is not None  # check_batch made sure
        ahead = stamp.wall_ms - wall_ms(self.now)
        if ahead > MAX_DRIFT_MS:
            note = (
                f"the desk's clock is {_drift_text(ahead)} ahead of the server; "
                "its stamp was counted as the server's current time"
            )
            # in the batch's order: a later entry still wins over an earlier one
            self.clamped += 1
            return Stamp(wall_ms(self.now), self.clamped, "city").encode(), note
        return entry.hlc, ""

    def apply(self, entry: Entry) -> Result:
        stamp, note = self.effective_stamp(entry)
        payload = {k: v for k, v in entry.payload.items() if k not in SERVER_COLUMNS}
        try:
            outcome = self.rules.apply(entry, payload, stamp)
        except Refused as refused:
            return Result(entry.seq, "rejected", refused.reason)
        self.top = newest(self.top, stamp)
        reasons = [r for r in (outcome.reason, note) if r]
        status = "merged" if outcome.kept or outcome.conflict else "applied"
        return Result(entry.seq, status, "; ".join(reasons), outcome.conflict)


def _received(session: Session, device: Device, seqs: list[int]) -> dict[int, Result]:
    """The answers already given to these seqs of the device."""
    if not seqs:
        return {}
    wanted = set(seqs)
    low, high = min(seqs), max(seqs)
    mine = Received.device_id == device.id
    if high - low < 4 * len(seqs):  # a desk's seqs run in order: read the index range
        queries = [select(Received).where(mine, Received.seq.between(low, high))]
    else:
        queries = [
            select(Received).where(mine, Received.seq.in_(part)) for part in chunks(sorted(wanted))
        ]
    found: dict[int, Result] = {}
    for query in queries:
        for row in session.scalars(query):
            if row.seq in wanted:
                found[row.seq] = Result(row.seq, row.status, row.reason, row.conflict)
    return found


def apply_push(
    session: Session, device: Device, request: PushRequest, now: dt.datetime
) -> PushResponse:
    """Apply a push in the caller's write transaction; ``BatchRefused`` refuses it whole.

    Call inside ``Database.writing`` (see the module docstring): the serialized
    writers are what make the pull horizon the highest committed cursor.
    """
    check_batch(request)
    if request.device_id != str(device.id):
        raise BatchRefused(403, "device_id does not match the credential")
    if device.revoked:
        raise BatchRefused(401, "this device has been revoked")
    earlier = _received(session, device, [e.seq for e in request.entries])
    batch = _Push(session, device, now)
    batch.preload(tuple(e for e in request.entries if e.seq not in earlier))
    results = []
    received: list[dict[str, Any]] = []
    for entry in request.entries:
        if entry.seq in earlier:
            results.append(earlier[entry.seq])
            continue
        result = batch.apply(entry)
        received.append(
            {
                "device_id": device.id,
                "seq": entry.seq,
                "entity": entry.entity,
                "row_id": uuid.UUID(entry.row_id),
                "status": result.status,
                "reason": result.reason,
                "conflict": result.conflict,
                "received_at": now,
            }
        )
        results.append(result)
    for rows in chunks(received, 1000):
        session.execute(insert(Received), rows)
    batch.rules.publish_open_postings()
    appended = batch.fanout.flush()
    device.last_seen_at = now
    session.flush()
    counts = Counter(r.status for r in results)
    log.info(
        "push from device %s (market %s): %d entries, %d applied, %d merged, %d rejected, "
        "%d repeated, %d feed rows",
        device.id,
        device.market_code,
        len(results),
        counts["applied"],
        counts["merged"],
        counts["rejected"],
        len(earlier),
        appended,
    )
    return PushResponse(tuple(results), batch.top)
