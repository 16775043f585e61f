"""Reading the outbox out in push batches and recording the city's answers."""

from __future__ import annotations

import datetime as dt
import random
import string

import pytest
from sqlalchemy import select

from lingong_desk.db.models import OutboxEntry, SyncConflictNote, SyncRejection
from lingong_desk.services.registry import Services
from lingong_desk.sync.outbox import (
    batches,
    next_batch,
    pack,
    record_results,
    to_entry,
)
from lingong_desk.sync.protocol import Result, decode, parse_push
from tests.factories import numbered_name
from tests.test_sync_support import fill, outbox, register

DEVICE = "0190f5a0-0000-7000-8000-000000000001"
NOW = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)


def noisy(n: int, seed: int) -> str:
    """Text that compresses badly, so that a few entries fill a batch."""
    rnd = random.Random(seed)
    return "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(n))


@pytest.fixture
def many(services: Services) -> Services:
    for i in range(40):
        register(
            services,
            f"1402261980{i // 28 + 1:02d}{i % 28 + 1:02d}123",
            numbered_name("张", i),
            note=noisy(900, i),
        )
    return services


def test_batches_respect_the_byte_limit_and_keep_the_order(many: Services) -> None:
    with many.ctx.reading() as s:
        cut = list(batches(s, DEVICE, max_bytes=4096))
    expected = [e.seq for e in outbox(many, unsent_only=True)]
    assert len(cut) > 3
    assert all(len(b.body) <= 4096 for b in cut)
    assert [seq for b in cut for seq in b.seqs] == expected
    for b in cut:  # each body is exactly the request it stands for
        parsed = parse_push(decode(b.body))
        assert parsed.device_id == DEVICE
        assert [e.seq for e in parsed.entries] == list(b.seqs)
    # a batch is not cut much below the limit: the estimate is close
    assert sum(len(b.body) for b in cut[:-1]) / (len(cut) - 1) > 4096 * 0.6


def test_batches_respect_the_entry_limit(many: Services) -> None:
    with many.ctx.reading() as s:
        cut = list(batches(s, DEVICE, max_entries=7))
    assert {len(b) for b in cut[:-1]} == {7}
    assert [seq for b in cut for seq in b.seqs] == [e.seq for e in outbox(many, True)]


def test_an_entry_too_large_alone_travels_alone(services: Services) -> None:
    register(services, "14022619800301123", "张三", note=noisy(6000, 1))
    entries = [to_entry(e) for e in outbox(services, True)]
    big = next(e for e in entries if e.entity == "person")
    cut = list(pack(DEVICE, entries, max_bytes=2048))
    alone = [b for b in cut if big.seq in b.seqs]
    assert len(alone) == 1 and len(alone[0]) == 1 and len(alone[0].body) > 2048
    assert [seq for b in cut for seq in b.seqs] == [e.seq for e in entries]


def test_next_batch_starts_after_a_seq_and_skips_sent_entries(services: Services) -> None:
    fill(services)
    seqs = [e.seq for e in outbox(services, True)]
    with services.ctx.reading() as s:
        assert next_batch(s, DEVICE, after_seq=seqs[-1]) is None
        later = next_batch(s, DEVICE, after_seq=seqs[2])
    assert later is not None and later.first_seq == seqs[3]
    with services.sync.sessions.writer() as s, s.begin():
        record_results(s, [Result(seqs[0], "applied"), Result(seqs[1], "merged")], now=NOW)
    with services.ctx.reading() as s:
        first = next_batch(s, DEVICE)
    assert first is not None and first.first_seq == seqs[2]


def rows(services: Services) -> dict[int, OutboxEntry]:
    return {e.seq: e for e in outbox(services)}


def test_results_mark_sent_and_a_rejection_goes_to_attention(services: Services) -> None:
    fill(services)
    seqs = [e.seq for e in outbox(services, True)]
    a, b, c, d = seqs[:4]
    results = [
        Result(a, "applied"),
        Result(b, "merged", "kept the newer phone", conflict=True),
        Result(c, "rejected", "posting belongs to market DT"),
    ]
    with services.sync.sessions.writer() as s, s.begin():
        rec = record_results(s, results, asked={a, b, c, d}, now=NOW)
    assert (rec.applied, rec.merged, rec.rejected, rec.ignored) == (1, 1, 1, 0)
    after = rows(services)
    assert after[a].sent_at == NOW and after[b].sent_at == NOW
    assert after[c].sent_at == NOW  # rejected: done, so it never blocks the queue
    assert after[d].sent_at is None  # no result: goes again next time
    with services.ctx.reading() as s:
        rejection = s.scalars(select(SyncRejection)).one()
        note = s.scalars(select(SyncConflictNote)).one()
        first = next_batch(s, DEVICE)
    assert (rejection.seq, rejection.entity, rejection.reason) == (
        c,
        after[c].entity,
        "posting belongs to market DT",
    )
    assert rejection.row_id == after[c].row_id and rejection.dismissed_at is None
    assert (note.source, note.seq, note.detail) == ("push", b, "kept the newer phone")
    assert first is not None and first.first_seq == d


def test_unasked_repeated_and_already_recorded_results_are_ignored(services: Services) -> None:
    fill(services)
    seqs = [e.seq for e in outbox(services, True)]
    a, b, c = seqs[:3]
    with services.sync.sessions.writer() as s, s.begin():
        rec = record_results(
            s,
            [
                Result(a, "applied"),
                Result(a, "rejected", "second answer for the same entry"),
                Result(c, "rejected", "not asked"),
                Result(999_999, "applied"),
            ],
            asked={a, b, 999_999},
            now=NOW,
        )
    assert (rec.applied, rec.rejected, rec.ignored) == (1, 0, 3)
    after = rows(services)
    assert after[a].sent_at == NOW and after[b].sent_at is None and after[c].sent_at is None
    later = NOW + dt.timedelta(hours=1)
    with services.sync.sessions.writer() as s, s.begin():
        again = record_results(s, [Result(a, "rejected", "late")], asked={a}, now=later)
    assert again.ignored == 1 and rows(services)[a].sent_at == NOW
    with services.ctx.reading() as s:
        assert s.scalars(select(SyncRejection)).all() == []


def test_recording_is_one_transaction(services: Services) -> None:
    fill(services)
    a, b = [e.seq for e in outbox(services, True)][:2]
    with pytest.raises(RuntimeError), services.sync.sessions.writer() as s, s.begin():
        record_results(s, [Result(a, "applied"), Result(b, "rejected", "no")], now=NOW)
        s.flush()
        raise RuntimeError("the link dropped before the commit")
    after = rows(services)
    assert after[a].sent_at is None and after[b].sent_at is None
    with services.ctx.reading() as s:
        assert s.scalars(select(SyncRejection)).all() == []
