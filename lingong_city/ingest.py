"""Applying a desk's push: one transaction, an answer per entry.

``apply_push`` must run inside ``Database.writing`` (best through
``write_retrying``): pushes of different markets run at the same time; the
records a push touches are locked as it reads them, and its feed rows are
appended last under the feed locks of their markets (see ``db``), so each
market's cursors become visible in cursor order and its pull horizon is its
highest committed cursor.

Per entry, in order:
- an entry already received from this device (same epoch and seq) with the
  same body (SHA-256 digest) gets the answer it got the first time and
  changes nothing; the same number with another body is rejected with code
  ``seq_reused`` and changes nothing (the desk starts a new epoch);
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
- tombstones are kept: a deleted row is a row with ``deleted_at``;
- counts derived from other rows (``protocol.CITY_DERIVED``) are never taken
  from a payload: the city counts them;
- the statistics (``figures.store``): the facts of the records written, and of
  the records that depend on them, are derived again and ``figure_day`` moves
  by the difference, in the same transaction;
- the feed: a change the city took exactly as sent is marked as that
  device's echo (not sent back to it); whenever the answer is not
  ``applied`` as sent, the city's current row goes to the device's market
  again, so the desk ends with the city's value.

The rules live in ``rules`` (their answers in ``outcomes``), the batch's records
in ``batch``; imports go one way: ingest -> rules -> batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import uuid
from collections import Counter
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from lingong_city.batch import Batch
from lingong_city.fanout import chunks
from lingong_city.figures.store import refresh as refresh_figures
from lingong_city.merge import newest
from lingong_city.models import Device, Received, table_of
from lingong_city.outcomes import Refused
from lingong_city.rules import Rules
from lingong_city.schema import BatchRefused, check_batch, complete_row, parse_stamp
from lingong_desk.domain.hlc import MAX_DRIFT_MS, Stamp
from lingong_desk.sync.protocol import (
    MISSING_PARENT,
    SEQ_REUSED,
    SERVER_COLUMNS,
    Entry,
    PushRequest,
    PushResponse,
    Result,
    not_sent,
)

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


def digest(entry: Entry) -> str:
    """SHA-256 of the entry's body (canonical JSON), to tell a repeat from a reuse."""
    raw = json.dumps(entry.to_json(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


REUSED = (
    "this change number was already used by this desk for another change (was the desk "
    "restored from a backup?): not applied; the desk sends it again under a new epoch"
)
# fields a desk's row and the city's may differ in without the desk missing anything
# (the stamp is compared: a clamped stamp must reach the desk too)
_NOT_COMPARED = SERVER_COLUMNS


class _Push(Batch):
    """A batch being applied: the rules, and the newest stamp it has seen."""

    def __init__(self, session: Session, device: Device, now: dt.datetime, epoch: int) -> None:
        super().__init__(session, device, now)
        self.rules = Rules(self)
        self.top = server_stamp(now)
        self.clamped = 0  # stamps replaced by the server's in this batch
        self.origin = f"{device.id}:{epoch}"

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
        derived = not_sent(entry.entity)
        skip = SERVER_COLUMNS | derived
        payload = {k: v for k, v in entry.payload.items() if k not in skip}
        if entry.op == "insert":
            payload = complete_row(entry.entity, payload)  # its empty fields are null
        if derived & (set(entry.changed) | set(entry.payload)):
            entry = Entry(
                entry.seq,
                entry.entity,
                entry.row_id,
                entry.op,
                entry.hlc,
                tuple(c for c in entry.changed if c not in derived),
                {k: v for k, v in entry.payload.items() if k not in derived},
            )
        self.fanout.begin_entry(entry.entity, uuid.UUID(entry.row_id), self.origin)
        try:
            outcome = self.rules.apply(entry, payload, stamp)
        except Refused as refused:
            self.fanout.end_entry(echo=False)
            self.rules.resend(entry.entity, entry.row_id)
            return Result(
                entry.seq, "rejected", refused.reason, refused.conflict, code=refused.code
            )
        self.top = newest(self.top, stamp)
        reasons = [r for r in (outcome.reason, note) if r]
        status = "merged" if outcome.kept or outcome.conflict else "applied"
        echo = status == "applied" and self.as_sent(entry)
        self.fanout.end_entry(echo)
        if not echo:
            # the desk holds something else than the city now: it gets the city's row
            self.rules.resend(entry.entity, entry.row_id)
        return Result(entry.seq, status, "; ".join(reasons), outcome.conflict)

    def as_sent(self, entry: Entry) -> bool:
        """Does the city's row now hold exactly what the desk sent?"""
        rec = self.record(entry.entity, entry.row_id)
        if rec is None:
            return False
        held, skip = rec.data, _NOT_COMPARED | not_sent(entry.entity)
        return all(held.get(k) == v for k, v in entry.payload.items() if k not in skip)


def _received(
    session: Session, device: Device, epoch: int, seqs: list[int]
) -> dict[int, tuple[Result, str]]:
    """The answers already given to these seqs of the device's epoch, with the digests."""
    if not seqs:
        return {}
    wanted = set(seqs)
    low, high = min(seqs), max(seqs)
    mine = (Received.device_id == device.id) & (Received.epoch == epoch)
    if high - low < 4 * len(seqs):  # a desk's seqs run in order: read the index range
        queries = [select(Received).where(mine, Received.seq.between(low, high))]
    else:
        queries = [
            select(Received).where(mine, Received.seq.in_(part)) for part in chunks(sorted(wanted))
        ]
    found: dict[int, tuple[Result, str]] = {}
    for query in queries:
        for row in session.scalars(query):
            if row.seq in wanted:
                found[row.seq] = (Result(row.seq, row.status, row.reason, row.conflict), row.digest)
    return found


def apply_push(
    session: Session, device: Device, request: PushRequest, now: dt.datetime
) -> PushResponse:
    """Apply a push in the caller's write transaction; ``BatchRefused`` refuses it whole.

    Call inside ``Database.writing`` (see the module docstring): the feed locks
    taken at the end are what make the pull horizon the highest committed cursor.
    """
    check_batch(request)
    if request.device_id != str(device.id):
        raise BatchRefused(403, "device_id does not match the credential")
    if device.revoked:
        raise BatchRefused(401, "this device has been revoked")
    batch = _Push(session, device, now, request.epoch)
    # rows first (locked): a copy of this very batch running at the same time has
    # committed its answers by the time they are read
    batch.preload(request.entries)
    earlier = _received(session, device, request.epoch, [e.seq for e in request.entries])
    results = []
    received: list[dict[str, Any]] = []
    reused = 0
    last: dict[tuple[str, str], Entry] = {}  # rows whose last entry here is a repeat
    for entry in request.entries:
        body = digest(entry)
        if entry.seq in earlier:
            answer, held = earlier[entry.seq]
            if held and held != body:
                reused += 1
                answer = Result(entry.seq, "rejected", REUSED, code=SEQ_REUSED)
            else:
                last[(entry.entity, entry.row_id)] = entry
            results.append(answer)
            continue
        last.pop((entry.entity, entry.row_id), None)
        result = batch.apply(entry)
        results.append(result)
        if result.code == MISSING_PARENT:
            continue  # not remembered: the same entry may come again after its parent
        received.append(
            {
                "device_id": device.id,
                "epoch": request.epoch,
                "seq": entry.seq,
                "digest": body,
                "entity": entry.entity,
                "row_id": uuid.UUID(entry.row_id),
                "status": result.status,
                "reason": result.reason,
                "conflict": result.conflict,
                "received_at": now,
            }
        )
    for entry in last.values():
        if not batch.as_sent(entry):
            # sent again (the desk never heard the answer, and may have pulled in
            # between): the city's row goes to the desk's market again, too
            batch.rules.resend(entry.entity, entry.row_id)
    for rows in chunks(received, 1000):
        session.execute(insert(table_of(Received)), rows)  # Core: no ORM bulk step
    batch.rules.publish_open_postings()
    device.last_seen_at = now
    appended = batch.fanout.flush()  # it takes the feed locks (see db)
    # the statistics' facts and day sums change with the records, in this transaction
    # (after the feed lock: pushes of one market wait there, not on figure_day's rows)
    session.flush()
    refresh_figures(session, batch.touched)
    counts = Counter(r.status for r in results)
    log.info(
        "push from device %s (market %s): %d entries, %d applied, %d merged, %d rejected, "
        "%d repeated (%d numbers reused with another body), %d feed rows",
        device.id,
        device.market_code,
        len(results),
        counts["applied"],
        counts["merged"],
        counts["rejected"],
        len(earlier),
        reused,
        appended,
    )
    return PushResponse(tuple(results), batch.top)
