"""Storing the city's changes: types, foreign keys, one transaction, local edits kept."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from lingong_desk.db.models import (
    Clerk,
    JobPosting,
    Person,
    PersonOccupation,
    Referral,
    SyncConflictNote,
    SyncParkedChange,
)
from lingong_desk.domain.hlc import MAX_DRIFT_MS, HybridClock, Stamp
from lingong_desk.services.registry import Services
from lingong_desk.sync import state
from lingong_desk.sync.apply import apply_pull, models
from lingong_desk.sync.outbox import record_results
from lingong_desk.sync.protocol import Change, PullResponse, Result
from tests.test_sync_support import changes_of, fill, open_desk, outbox, person_draft

NOW = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Services]:
    """Another desk of the same market, whose changes reach this one."""
    s = open_desk(tmp_path / "source" / "desk.sqlite3", clerk="李娜")
    yield s
    s.close()


def pull(services: Services, changes: list[Change], more: bool = False) -> None:
    nxt = max((c.cursor for c in changes), default=0)
    response = PullResponse(tuple(changes), nxt, more, "")
    with services.sync.sessions.writer() as s, s.begin():
        apply_pull(s, response, services.ctx.clock, NOW)


def cursor(services: Services) -> int:
    return services.sync.state().cursor


def test_rows_arrive_with_their_types_and_no_outbox_entries(
    services: Services, source: Services
) -> None:
    ids = fill(source)
    before = len(outbox(services))
    changes = changes_of(source, start=11)
    pull(services, changes)
    assert len(outbox(services)) == before  # nothing goes back to the city
    assert cursor(services) == 10 + len(changes)
    with services.ctx.reading() as s:
        p = s.get(Person, ids["张三"])
        assert p is not None and p.name == "张三" and p.market_code == "ZY"
        assert p.pay_min == Decimal("150.50") and isinstance(p.birth_date, dt.date)
        assert p.registered_at.tzinfo == dt.UTC and isinstance(p.id, uuid.UUID)
        assert [o.occupation_code for o in p.occupations] == ["4-09-08-01"]
        posting = s.get(JobPosting, ids["posting"])
        assert posting is not None and posting.pay_min == Decimal("120.00")
        referral = s.get(Referral, ids["referral"])
        assert referral is not None and referral.person_id == ids["张三"]
        assert isinstance(referral.valid_until, dt.date)
        theirs = s.scalar(select(Clerk).where(Clerk.name == "李娜"))
        assert theirs is not None and theirs.password_hash == ""  # never sent: cannot sign in
    # the local search finds the pulled people
    assert services.people.search("zs")


def test_children_before_parents_in_a_page_are_stored_all_the_same(
    services: Services, source: Services
) -> None:
    fill(source)
    changes = changes_of(source)
    pull(services, list(reversed(changes)))
    with services.ctx.reading() as s:
        assert len(s.scalars(select(Referral)).all()) == 1
        assert s.scalars(select(SyncParkedChange)).all() == []


def test_a_child_whose_parent_comes_in_a_later_page_waits_for_it(
    services: Services, source: Services
) -> None:
    ids = fill(source)
    changes = changes_of(source)
    referral = [c for c in changes if c.entity in ("referral", "referral_event")]
    rest = [c for c in changes if c.entity not in ("referral", "referral_event")]
    posting = next(c for c in rest if c.entity == "job_posting")
    first = [c for c in referral + rest if c is not posting]
    pull(services, first, more=True)
    with services.ctx.reading() as s:
        assert s.get(Referral, ids["referral"]) is None
        assert len(s.scalars(select(SyncParkedChange)).all()) == 2  # referral and its event
    later = Change(
        max(c.cursor for c in changes) + 1, posting.entity, posting.row_id, posting.hlc, posting.row
    )
    pull(services, [later])
    with services.ctx.reading() as s:
        assert s.get(Referral, ids["referral"]) is not None
        assert s.scalars(select(SyncParkedChange)).all() == []


class FailingClock(HybridClock):
    """A clock that fails on the n-th stamp it sees: an error in the middle."""

    def __init__(self, fail_at: int) -> None:
        super().__init__("test", lambda: 0)
        self.seen = 0
        self.fail_at = fail_at

    def observe(self, remote: Stamp) -> Stamp:
        self.seen += 1
        if self.seen == self.fail_at:
            raise RuntimeError("power cut")
        return remote


def test_an_error_in_the_middle_leaves_neither_rows_nor_cursor(
    services: Services, source: Services
) -> None:
    fill(source)
    changes = changes_of(source, start=1)
    with pytest.raises(RuntimeError), services.sync.sessions.writer() as s, s.begin():
        apply_pull(s, PullResponse(tuple(changes), 99, False, ""), FailingClock(len(changes) - 1))
    assert cursor(services) == 0
    with services.ctx.reading() as s:
        assert s.scalars(select(Referral)).all() == []
        assert s.scalars(select(Person)).all() == []
    pull(services, changes)  # the same page again, now whole
    with services.ctx.reading() as s:
        assert len(s.scalars(select(Person)).all()) == 3


def test_unsent_local_fields_are_kept_and_the_others_taken(
    services: Services, source: Services
) -> None:
    ids = fill(source)
    pull(services, changes_of(source))
    # a clerk here changes the phone (not yet sent)
    services.people.save(person_draft("14022619800301123", "张三", phone="13911112222"))
    # meanwhile the other desk changed the phone and the address of the same person
    source.people.save(
        person_draft("14022619800301123", "张三", phone="13700000000", address="云兴镇")
    )
    person_changes = [c for c in changes_of(source, start=100) if c.row_id == str(ids["张三"])]
    pull(services, person_changes)
    with services.ctx.reading() as s:
        p = s.get(Person, ids["张三"])
        assert p is not None
        assert p.phone == "13911112222"  # the desk's unsent value stays
        assert p.address == "云兴镇"  # a field not changed here is taken
    # once the local change is confirmed, the city's version wins again
    with services.sync.sessions.writer() as s, s.begin():
        record_results(s, [Result(e.seq, "applied") for e in outbox(services, True)], now=NOW)
    pull(services, [Change(200, c.entity, c.row_id, c.hlc, c.row) for c in person_changes])
    with services.ctx.reading() as s:
        p = s.get(Person, ids["张三"])
        assert p is not None and p.phone == "13700000000"


def test_a_tombstone_marks_the_row_deleted(services: Services, source: Services) -> None:
    ids = fill(source)
    pull(services, changes_of(source))
    occupation = next(c for c in changes_of(source) if c.entity == "person_occupation")
    row = dict(occupation.row)
    row.pop("deleted_at")
    pull(services, [Change(500, "person_occupation", occupation.row_id, occupation.hlc, row, True)])
    with services.ctx.reading() as s:
        o = s.get(PersonOccupation, uuid.UUID(occupation.row_id))
        assert o is not None and o.deleted_at is not None
        assert s.get(Person, ids["张三"]) is not None


def test_the_clock_moves_past_remote_stamps_but_not_into_the_future(
    services: Services, source: Services
) -> None:
    fill(source)
    changes = changes_of(source)
    wall = int(dt.datetime.now(dt.UTC).timestamp() * 1000)
    ahead = Stamp(wall + 60_000, 7, "other").encode()
    far = Stamp(wall + MAX_DRIFT_MS + 3_600_000, 0, "liar").encode()
    first = Change(1, changes[0].entity, changes[0].row_id, ahead, changes[0].row)
    second = Change(2, changes[1].entity, changes[1].row_id, far, changes[1].row)
    pull(services, [first, second])
    last = services.ctx.clock.last
    assert last >= Stamp.decode(ahead) and last.wall_ms < Stamp.decode(far).wall_ms
    assert cursor(services) == 2  # both stored all the same
    with services.ctx.reading() as s:
        stored = s.get(models()[changes[1].entity], uuid.UUID(changes[1].row_id))
        assert stored is not None and stored.hlc == changes[1].row["hlc"]


def test_a_change_that_cannot_be_stored_is_noted_and_the_rest_goes_on(
    services: Services, source: Services
) -> None:
    fill(source)
    changes = changes_of(source)
    clerk = next(c for c in changes if c.entity == "clerk")
    twin = dict(clerk.row, id=str(uuid.uuid4()), name="王芳")  # the name of this desk's clerk
    broken = dict(changes[0].row, updated_at="yesterday")
    pull(
        services,
        [*changes[1:], Change(90, "clerk", twin["id"], clerk.hlc, twin),
         Change(91, changes[0].entity, changes[0].row_id, clerk.hlc, broken)],
    )  # fmt: skip
    with services.ctx.reading() as s:
        notes = s.scalars(select(SyncConflictNote).order_by(SyncConflictNote.cursor)).all()
        assert [(n.source, n.cursor) for n in notes] == [("pull", 90), ("pull", 91)]
        assert "clerk.name" in notes[0].detail and "王芳" not in notes[0].detail
        assert "updated_at" in notes[1].detail and "yesterday" not in notes[1].detail
        assert s.get(Referral, uuid.UUID(next(c.row_id for c in changes if c.entity == "referral")))
    assert cursor(services) == 91
    assert services.sync.status().notes == 2


def test_the_cursor_never_goes_back(services: Services, source: Services) -> None:
    fill(source)
    pull(services, changes_of(source, start=50))
    high = cursor(services)
    with services.sync.sessions.writer() as s, s.begin():
        apply_pull(s, PullResponse((), 3, False, ""))
        assert state.read_state(s).cursor == high
