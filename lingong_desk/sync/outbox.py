"""Reading the outbox out in push batches, and recording what the city answered."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lingong_desk.db.models import OutboxEntry, SyncConflictNote, SyncRejection
from lingong_desk.sync.protocol import (
    GZIP_LEVEL,
    MAX_BATCH_BYTES,
    MAX_ENTRIES,
    MAX_EPOCH,
    MISSING_PARENT,
    PROTOCOL_VERSION,
    SEQ_REUSED,
    Entry,
    PushRequest,
    Result,
    encode,
    encode_zstd,
    not_sent,
    outgoing_payload,
)

# what the estimate leaves for the end of the JSON and the gzip trailer
_TAIL = 64


@dataclass(frozen=True)
class Batch:
    """One push request and its exact gzip body (what goes on the wire)."""

    request: PushRequest
    body: bytes

    @property
    def seqs(self) -> tuple[int, ...]:
        return tuple(e.seq for e in self.request.entries)

    @property
    def first_seq(self) -> int:
        return self.request.entries[0].seq

    @property
    def last_seq(self) -> int:
        return self.request.entries[-1].seq

    def __len__(self) -> int:
        return len(self.request.entries)


def to_entry(row: OutboxEntry) -> Entry:
    """An outbox row as it travels: a new row whole, an update as its changed fields;
    what the city or the receiver derives stays home (``protocol.outgoing_payload``)."""
    skip = not_sent(row.entity)
    changed = tuple(c for c in row.changed if c not in skip)
    return Entry(
        seq=row.seq,
        entity=row.entity,
        row_id=str(row.row_id),
        op=row.op,
        hlc=row.hlc,
        changed=changed,
        payload=outgoing_payload(row.entity, row.op, changed, dict(row.payload)),
    )


def make_batch(
    device_id: str, entries: Iterable[Entry], epoch: int = 0, home: str | None = None
) -> Batch:
    """The request and its body: with ``home`` (the desk's market) as protocol 3 sends
    it (zstd, without what the city knows of the market); without, whole rows in gzip
    (bundles, and a client that does not know its market)."""
    request = PushRequest(device_id, tuple(entries), epoch=epoch)
    if home:
        return Batch(request, encode_zstd(request.to_json(home)))
    return Batch(request, encode(request.to_json()))


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _Estimate:
    """Compressed size of a growing request, measured by a streaming compressor
    flushed after every entry. Flushing costs a few bytes each time, so the
    estimate stays at or above what ``encode`` makes of the same entries."""

    def __init__(self, device_id: str) -> None:
        self._z = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # gzip framing, as encode
        head = _dumps({"protocol": PROTOCOL_VERSION, "device_id": device_id, "epoch": MAX_EPOCH})
        head = head[:-1] + b',"entries":['
        self.size = len(self._z.compress(head)) + len(self._z.flush(zlib.Z_SYNC_FLUSH))

    def add(self, entry: Entry, first: bool) -> int:
        raw = (b"" if first else b",") + _dumps(entry.to_json())
        self.size += len(self._z.compress(raw)) + len(self._z.flush(zlib.Z_SYNC_FLUSH))
        return self.size


def pack(
    device_id: str,
    entries: Iterable[Entry],
    max_bytes: int = MAX_BATCH_BYTES,
    max_entries: int = MAX_ENTRIES,
    epoch: int = 0,
    home: str | None = None,
) -> Iterator[Batch]:
    """Cut entries, in the order given, into batches of at most ``max_bytes``
    compressed and ``max_entries`` entries. An entry too large on its own
    travels alone (the city decides; the engine keeps it from blocking)."""
    current: list[Entry] = []
    estimate = _Estimate(device_id)
    for entry in entries:
        size = estimate.add(entry, first=not current)
        if current and (size + _TAIL > max_bytes or len(current) >= max_entries):
            yield from _fit(device_id, current, max_bytes, epoch, home)
            current = []
            estimate = _Estimate(device_id)
            estimate.add(entry, first=True)
        current.append(entry)
    if current:
        yield from _fit(device_id, current, max_bytes, epoch, home)


def _fit(
    device_id: str, entries: list[Entry], max_bytes: int, epoch: int, home: str | None
) -> Iterator[Batch]:
    """The exact encoding; in the rare case it is still too large, move entries
    from the end into a following batch."""
    rest: list[Entry] = []
    while entries:
        batch = make_batch(device_id, entries, epoch, home)
        if len(batch.body) <= max_bytes or len(entries) == 1:
            yield batch
            entries, rest = rest, []
            continue
        rest.insert(0, entries.pop())


def unsent(session: Session, after_seq: int = 0) -> Iterator[OutboxEntry]:
    stmt = (
        select(OutboxEntry)
        .where(OutboxEntry.sent_at.is_(None), OutboxEntry.seq > after_seq)
        .order_by(OutboxEntry.seq)
        .execution_options(yield_per=500)
    )
    yield from session.scalars(stmt)


def batches(
    session: Session,
    device_id: str,
    after_seq: int = 0,
    max_bytes: int = MAX_BATCH_BYTES,
    max_entries: int = MAX_ENTRIES,
    epoch: int = 0,
    home: str | None = None,
) -> Iterator[Batch]:
    """The unsent entries after ``after_seq``, in seq order, as push batches
    (read lazily: taking only the first batch reads little more than it)."""
    entries = (to_entry(row) for row in unsent(session, after_seq))
    yield from pack(device_id, entries, max_bytes, max_entries, epoch, home)


def next_batch(
    session: Session,
    device_id: str,
    after_seq: int = 0,
    max_bytes: int = MAX_BATCH_BYTES,
    max_entries: int = MAX_ENTRIES,
    epoch: int = 0,
    home: str | None = None,
) -> Batch | None:
    return next(batches(session, device_id, after_seq, max_bytes, max_entries, epoch, home), None)


def pending_count(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.sent_at.is_(None))
        )
        or 0
    )


def oldest_pending_at(session: Session) -> dt.datetime | None:
    # entries are numbered as they are written, so the oldest waiting one is the
    # lowest waiting seq: one step down the partial index, where min(created_at)
    # read every waiting row (a second on a desk with 100,000 unsent entries)
    return session.scalar(
        select(OutboxEntry.created_at)
        .where(OutboxEntry.sent_at.is_(None))
        .order_by(OutboxEntry.seq)
        .limit(1)
    )


@dataclass(frozen=True)
class Recorded:
    applied: int = 0
    merged: int = 0
    rejected: int = 0
    ignored: int = 0  # not asked, unknown, already recorded, or repeated in the answer
    reused: int = 0  # numbers the city knows with another body: sent again, new epoch
    waiting: int = 0  # their parent row had not reached the city yet: sent again

    def __add__(self, other: Recorded) -> Recorded:
        return Recorded(
            self.applied + other.applied,
            self.merged + other.merged,
            self.rejected + other.rejected,
            self.ignored + other.ignored,
            self.reused + other.reused,
            self.waiting + other.waiting,
        )


def record_results(
    session: Session,
    results: Iterable[Result],
    asked: Collection[int] | None = None,
    now: dt.datetime | None = None,
    final: bool = True,
) -> Recorded:
    """Mark answered entries sent, in the caller's one transaction.

    Applied and merged entries are done; a rejected one is done too and joins
    the "needs attention" list, so it never blocks the entries after it. A
    result for a seq that was not asked, is unknown or already sent is
    ignored; an entry without a result stays unsent and goes again next time,
    and so does one whose number the city knows with another body
    (``SEQ_REUSED``): the engine sends it again under a new epoch. An entry whose
    parent had not reached the city (``MISSING_PARENT``) stays unsent too, unless
    this is the ``final`` answer (every batch before it is in): then it is rejected.
    """
    now = now or dt.datetime.now(dt.UTC)
    wanted: dict[int, Result] = {}
    ignored = 0
    for result in results:
        if (asked is not None and result.seq not in asked) or result.seq in wanted:
            ignored += 1
        else:
            wanted[result.seq] = result
    rows = {
        row.seq: row
        for row in session.scalars(
            select(OutboxEntry).where(
                OutboxEntry.seq.in_(list(wanted)), OutboxEntry.sent_at.is_(None)
            )
        )
    } if wanted else {}  # fmt: skip
    counts = {"applied": 0, "merged": 0, "rejected": 0}
    reused = waiting = 0
    for seq, result in wanted.items():
        row = rows.get(seq)
        if row is None:
            ignored += 1
            continue
        if result.code == SEQ_REUSED:
            reused += 1
            continue
        if result.code == MISSING_PARENT and not final:
            waiting += 1
            continue
        row.sent_at = now
        counts[result.status] += 1
        if result.status == "rejected":
            session.add(
                SyncRejection(
                    seq=seq,
                    entity=row.entity,
                    row_id=row.row_id,
                    reason=result.reason,
                    rejected_at=now,
                )
            )
        elif result.conflict:
            session.add(
                SyncConflictNote(
                    source="push",
                    seq=seq,
                    entity=row.entity,
                    row_id=row.row_id,
                    detail=result.reason,
                    noted_at=now,
                )
            )
    return Recorded(
        counts["applied"], counts["merged"], counts["rejected"], ignored, reused, waiting
    )


def reject_locally(
    session: Session, entries: Iterable[Entry], reason: str, now: dt.datetime
) -> int:
    """Entries the city refuses whole, alone (malformed or too large), while it
    takes others: they join the "needs attention" list instead of blocking."""
    results = [Result(e.seq, "rejected", reason) for e in entries]
    return record_results(session, results, {r.seq for r in results}, now).rejected
