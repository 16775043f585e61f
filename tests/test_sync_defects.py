"""Four ways sync once failed to converge, each made to happen on purpose.

Every interleaving here is controlled (which desk syncs when, what happens
between a push and its pull, which connection breaks), so each test fails
for its defect every time, on SQLite and on PostgreSQL:

1. two markets hire on one posting before either syncs: no hire is lost;
2. an edit racing a sync round against another market's newer edit: the
   desk ends with the city's value instead of keeping its own forever;
3. a desk restored from a backup numbers its changes again: the city tells
   a repeat from a reuse, and the desk sends its new changes under a new
   epoch, losing nothing;
4. the server closed an idle keep-alive connection: the request goes again
   at once instead of failing the round.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from sqlalchemy import func, select

from lingong_city import devices
from lingong_city.models import Record
from lingong_desk.db.models import Person
from lingong_desk.domain.enums import PostingStatus, ReferralStatus
from lingong_desk.domain.hlc import HybridClock, Stamp
from lingong_desk.services.registry import Services
from lingong_desk.sync.client import SyncClient
from lingong_desk.sync.errors import SyncError
from lingong_desk.sync.outbox import make_batch, next_batch
from lingong_desk.sync.protocol import Entry, PullResponse
from tests.factories import resident_id
from tests.test_sync_convergence import (  # noqa: F401  (city_url is a fixture)
    MARKETS,
    City,
    city_url,
    desk,
    open_desk_again,
    publish,
    sync_until_quiet,
)
from tests.test_sync_support import person_draft


@pytest.fixture
def city(city_url: str) -> Iterator[City]:  # noqa: F811
    c = City(city_url).start()
    with c.db.writing() as s:
        for m in MARKETS.values():
            devices.add_market(s, m.code, m.name, dt.datetime.now(dt.UTC), m.region_code, m.phone)
    yield c
    c.stop()


@pytest.fixture
def pair(city: City, tmp_path: Path) -> Iterator[tuple[Services, Services]]:
    """A desk of 左云 (ZY) and one of 阳高 (YG), both enrolled."""
    zy, yg = desk(tmp_path, "ZY"), desk(tmp_path, "YG")
    enrol(city, zy, "ZY")
    enrol(city, yg, "YG")
    yield zy, yg
    zy.close()
    yg.close()


def enrol(city: City, s: Services, market: str, name: str = "") -> None:
    with city.db.writing() as session:
        code = devices.new_enrollment_code(session, market, dt.datetime.now(dt.UTC))
    s.sync.enroll(city.url, str(code), name or f"{market}-1")


def city_row(city: City, entity: str, row_id: Any) -> dict[str, Any]:
    with city.db.reading() as s:
        rec = s.get(Record, (entity, uuid.UUID(str(row_id))))
        assert rec is not None
        return dict(rec.data)


def found(s: Services, number: str) -> Any:
    """The person with this ID number (or its first 17 digits) on the desk."""
    detail = s.people.find_by_id_number(resident_id(number) if len(number) == 17 else number)
    assert detail is not None
    return detail


def posting_on(s: Services, posting_id: Any) -> tuple[int, str]:
    detail = s.employers.posting_detail(posting_id)
    assert detail is not None
    return detail.filled, detail.status


# ---- 1. hires on one posting from two markets --------------------------------------
def test_two_markets_hiring_on_one_posting_lose_no_hire(
    city: City, pair: tuple[Services, Services]
) -> None:
    zy, yg = pair
    posting = publish(zy, "左云县鑫源物业管理有限公司", "91110000600037341L", "小区保洁员")
    # headcount 3: the two hires below leave one place
    sync_until_quiet({"ZY": zy, "YG": yg})  # YG now sees the open posting
    a = zy.people.save(person_draft("14022619800301123", "张三")).detail
    b = yg.people.save(person_draft("14022119850402234", "李四")).detail
    # both hire before either syncs
    for s, person in ((zy, a), (yg, b)):
        referral = s.referrals.issue(person.id, posting.id)
        s.referrals.record(referral.id, ReferralStatus.HIRED)
    assert posting_on(zy, posting.id)[0] == 1  # ZY counts its own hire at once
    sync_until_quiet({"ZY": zy, "YG": yg})
    assert city_row(city, "job_posting", posting.id)["headcount_filled"] == 2
    assert posting_on(zy, posting.id) == (2, PostingStatus.OPEN)
    assert posting_on(yg, posting.id) == (2, PostingStatus.OPEN)
    # a third hire from YG fills it: the posting closes at the city and on both desks
    c = yg.people.save(person_draft("14022119900503345", "王五")).detail
    referral = yg.referrals.issue(c.id, posting.id)
    yg.referrals.record(referral.id, ReferralStatus.HIRED)
    sync_until_quiet({"ZY": zy, "YG": yg})
    assert city_row(city, "job_posting", posting.id)["status"] == PostingStatus.FILLED
    assert posting_on(zy, posting.id) == (3, PostingStatus.FILLED)
    assert posting_on(yg, posting.id) == (3, PostingStatus.FILLED)


def test_an_over_full_posting_shows_every_hire(city: City, pair: tuple[Services, Services]) -> None:
    """Offline, two markets fill the last place twice: the count says 4 of 3."""
    zy, yg = pair
    posting = publish(zy, "左云县鑫源物业管理有限公司", "91110000600037341L", "小区保洁员")
    sync_until_quiet({"ZY": zy, "YG": yg})
    people = [
        (zy, "14022619800301123", "张三"),
        (zy, "14022619850402234", "李四"),
        (zy, "14022619900503345", "王五"),
        (yg, "14022119750604456", "赵六"),
    ]
    for s, number, name in people:
        person = s.people.save(person_draft(number, name)).detail
        referral = s.referrals.issue(person.id, posting.id)
        s.referrals.record(referral.id, ReferralStatus.HIRED)
    sync_until_quiet({"ZY": zy, "YG": yg})
    assert city_row(city, "job_posting", posting.id)["headcount_filled"] == 4
    assert posting_on(zy, posting.id) == (4, PostingStatus.FILLED)
    assert posting_on(yg, posting.id) == (4, PostingStatus.FILLED)


# ---- 2. an edit racing a sync round --------------------------------------------------
class BetweenPushAndPull(SyncClient):
    """A real client that runs ``gap`` once, after the pushes and before the first pull."""

    gap: Callable[[], None] | None = None

    def pull(
        self,
        after: int,
        limit: int,
        epoch: int = 0,
        on_next: Callable[[int], None] | None = None,
    ) -> PullResponse:
        gap, BetweenPushAndPull.gap = BetweenPushAndPull.gap, None
        if gap is not None:
            gap()
        return super().pull(after, limit, epoch, on_next)


def test_an_edit_racing_a_sync_ends_with_the_citys_value(
    city: City, pair: tuple[Services, Services]
) -> None:
    zy, yg = pair
    number = "14022619800301123"
    zy.people.save(person_draft(number, "张三", phone="13800000001"))
    yg.people.save(person_draft(number, "张三", phone="13800000001"))
    sync_until_quiet({"ZY": zy, "YG": yg})
    # ZY's clerk edits first, YG a second later: YG's is the newer edit
    base = int(dt.datetime.now(dt.UTC).timestamp() * 1000)
    zy.ctx.clock = HybridClock(zy.ctx.device_id, lambda: base, zy.ctx.clock.last)
    yg.ctx.clock = HybridClock(yg.ctx.device_id, lambda: base + 1000, yg.ctx.clock.last)

    def meanwhile() -> None:
        zy.people.save(person_draft(number, "张三", phone="13800000002"))
        yg.people.save(person_draft(number, "张三", phone="13800000003"))
        assert yg.sync.sync_once().ok

    BetweenPushAndPull.gap = meanwhile
    zy.sync.client_factory = lambda url, cred: BetweenPushAndPull(url, cred)
    assert zy.sync.sync_once().ok  # pushes nothing, then pulls while ZY has an unsent edit
    assert zy.sync.sync_once().ok  # pushes the older edit: merged, the city keeps YG's
    assert zy.sync.pending_changes() == 0
    assert found(zy, number).draft.phone == "13800000003"
    assert city_row(city, "person", found(zy, number).id)["phone"] == ("13800000003")
    assert zy.sync.status().attention == 0


# ---- 3. a desk restored from a backup ----------------------------------------------
def test_a_restored_desk_loses_nothing_when_it_numbers_again(city: City, tmp_path: Path) -> None:
    zy = desk(tmp_path, "ZY")
    enrol(city, zy, "ZY")
    path = zy.ctx.db.path
    assert zy.sync.sync_once().ok
    zy.close()
    backup = tmp_path / "backup.sqlite3"
    shutil.copyfile(path, backup)  # closed: the WAL is checkpointed into the file
    zy = open_desk_again(tmp_path, "ZY")
    try:
        lost = zy.people.save(person_draft("14022619800301123", "张三")).detail
        assert zy.sync.sync_once().ok  # the city has 张三 under seqs 1, 2, ...
    finally:
        zy.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(backup, path)  # the disk died; IT restores last night's file
    zy = open_desk_again(tmp_path, "ZY")
    try:
        new = zy.people.save(person_draft("14022619850402234", "李四")).detail  # same seqs
        report = zy.sync.sync_once()
        assert report.ok and report.rejected == 0
        assert zy.sync.pending_changes() == 0 and zy.sync.status().attention == 0
        assert city_row(city, "person", new.id)["name"] == "李四"  # not dropped
        assert city_row(city, "person", lost.id)["name"] == "张三"
        # and the desk gets back what it lost with the disk
        assert found(zy, lost.draft.id_number).draft.name == "张三"
        assert zy.sync.state().epoch > 0
    finally:
        zy.close()


def test_the_city_answers_a_repeat_as_before_and_refuses_a_reuse(
    city: City, tmp_path: Path
) -> None:
    zy = desk(tmp_path, "ZY")
    try:
        enrol(city, zy, "ZY")
        zy.people.save(person_draft("14022619800301123", "张三"))
        state = zy.sync.state()
        with zy.sync.sessions.reader() as s:
            batch = next_batch(s, state.device_id)
        assert batch is not None
        with SyncClient(city.url, state.credential) as client:
            first = client.push(batch)
            assert {r.status for r in first.results} == {"applied"}
            assert client.push(batch).results == first.results  # same body: same answer
            entry = next(e for e in batch.request.entries if e.entity == "person")
            then = Stamp.decode(entry.hlc)
            later = Stamp(then.wall_ms + 1, 0, then.node).encode()
            other = Entry(
                entry.seq, entry.entity, entry.row_id, "update", later, ("phone",),
                {**entry.payload, "phone": "13900000000", "hlc": later},
            )  # fmt: skip
            answer = client.push(make_batch(state.device_id, [other]))
            assert answer.results[0].status == "rejected"
            assert answer.results[0].code == "seq_reused"
            assert city_row(city, "person", entry.row_id)["phone"] != "13900000000"
            # under a new epoch the same number is new
            fresh = client.push(make_batch(state.device_id, [other], epoch=1))
            assert fresh.results[0].status == "applied"
            assert city_row(city, "person", entry.row_id)["phone"] == "13900000000"
    finally:
        zy.close()


# ---- 4. a keep-alive connection the server closed ------------------------------------
class ClosedOnce(httpx.BaseTransport):
    """The first request meets a connection the server closed; then all is well."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.calls = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        if self.calls == 1:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_a_closed_keep_alive_connection_costs_no_round(city: City, tmp_path: Path) -> None:
    zy = desk(tmp_path, "ZY")
    try:
        enrol(city, zy, "ZY")
        zy.people.save(person_draft("14022619800301123", "张三"))
        transports: list[ClosedOnce] = []

        def factory(url: str, credential: str) -> SyncClient:
            transports.append(ClosedOnce(httpx.HTTPTransport()))
            return SyncClient(url, credential, transport=transports[-1])

        zy.sync.client_factory = factory
        report = zy.sync.sync_once()
        assert report.ok and report.applied > 0 and zy.sync.pending_changes() == 0
        assert transports[0].calls >= 3  # the broken one, its retry, then the pull

        # a request that is not idempotent (enrolment uses up a code) is not sent twice
        with (
            SyncClient(city.url, transport=ClosedOnce(httpx.HTTPTransport())) as client,
            pytest.raises(SyncError) as refused,
        ):
            client.enroll("AAAAA-BBBBB-CCCCC", "desk", "x" * 44)
        assert refused.value.kind == "offline"
    finally:
        zy.close()


# ---- pages asked for ahead --------------------------------------------------------
class Recorded(SyncClient):
    """A real client that notes when each page was asked for and when it was read."""

    log: ClassVar[list[tuple[str, int]]] = []

    def pull(
        self,
        after: int,
        limit: int,
        epoch: int = 0,
        on_next: Callable[[int], None] | None = None,
    ) -> PullResponse:
        Recorded.log.append(("ask", after))
        page = super().pull(after, limit, epoch, on_next)
        Recorded.log.append(("read", after))
        return page


def test_many_small_pages_arrive_whole_and_in_order(
    city: City, pair: tuple[Services, Services]
) -> None:
    zy, _yg = pair
    numbers = [f"140226198003{m:02d}1{i:02d}" for m in range(1, 4) for i in range(5)]
    for i, number in enumerate(numbers):
        zy.people.save(person_draft(number, "张三" if i % 2 else "李四"))
    assert zy.sync.sync_once().ok
    second = desk(zy.ctx.db.path.parent.parent / "second", "ZY")
    try:
        enrol(city, second, "ZY", "ZY-2")
        second.sync.pull_limit = 4  # many pages
        second.sync.client_factory = lambda url, cred: Recorded(url, cred)
        Recorded.log.clear()
        report = second.sync.sync_once()
        assert report.ok and second.sync.pending_changes() == 0
        with second.ctx.reading() as s:
            assert s.scalar(select(func.count()).select_from(Person)) == len(numbers)
        asks = [after for kind, after in Recorded.log if kind == "ask"]
        assert len(asks) > 5 and asks == sorted(asks)  # every page, in cursor order
        # the next page was asked for before the page before it had been read
        first_read = Recorded.log.index(("read", asks[0]))
        assert Recorded.log.index(("ask", asks[1])) < first_read
    finally:
        second.close()
