"""Markets working at random through a bad network end with one truth.

Three markets (one of them with two desks) register shared people, edit them,
publish postings, refer across markets and record hires, and sync at random
moments through a network that loses requests and answers, cuts answers and
delivers copies late. Edits race sync rounds (made between a round's push
and its pull), a desk dies after sending a batch whose answer it never saw,
and the city restarts. The operations are drawn from a seeded generator, so
a failure is reproduced by its seed. At the end, with the network healed:
nothing lost, nothing doubled, every desk holds the city's rows, and every
posting's filled count equals its hires, at the city and on every desk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import select

from lingong_city import devices
from lingong_city.models import Received, Record
from lingong_desk.db.models import JobPosting, OutboxEntry, Person, Referral, SyncRejection
from lingong_desk.domain.enums import PostingStatus, ReferralStatus
from lingong_desk.domain.registration import EmployerDraft, PostingDraft
from lingong_desk.services.referrals import ReferralRefused
from lingong_desk.services.registry import Services
from lingong_desk.sync.client import SyncClient
from lingong_desk.sync.protocol import PullResponse
from tests import factories
from tests.support.netsim import FaultyProxy, Schedule
from tests.test_sync_convergence import (  # noqa: F401  (city_url is a fixture)
    MARKETS,
    City,
    city_url,
    comparable,
    desk_rows,
    sync_until_quiet,
)
from tests.test_sync_support import open_desk, person_draft

FAULTS = {"drop_request": 0.06, "drop_answer": 0.06, "cut_answer": 0.06, "duplicate": 0.05,
          "late_duplicate": 0.05}  # fmt: skip
# ID numbers (first 17 digits) that any market may register: shared people
POOL = [f"1402261980030{i + 1:01d}1{i:02d}" for i in range(9)] + ["14022619850402234"]
NAMES = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十", "郑一", "冯二"]
CREDIT = ["91110000600037341L", "91140200MA0A1493N1", "91140221MA0UW08859"]
STEPS = 90


class RacingClient(SyncClient):
    """A real client that runs a pending edit between the pushes and the first pull."""

    racing: ClassVar[dict[str, Callable[[], None]]] = {}

    def __init__(self, url: str, credential: str, desk: str) -> None:
        super().__init__(url, credential)
        self.desk = desk

    def pull(
        self,
        after: int,
        limit: int,
        epoch: int = 0,
        on_next: Callable[[int], None] | None = None,
    ) -> PullResponse:
        edit = RacingClient.racing.pop(self.desk, None)
        if edit is not None:
            edit()
        return super().pull(after, limit, epoch, on_next)


class World:
    def __init__(self, seed: int, city: City, proxy: FaultyProxy, folder: Path) -> None:
        self.rng = random.Random(seed)
        self.city = city
        self.proxy = proxy
        self.folder = folder
        self.desks: dict[str, Services] = {}
        self.market_of: dict[str, str] = {}
        for name, market in (("ZY", "ZY"), ("ZY2", "ZY"), ("DT", "DT"), ("YG", "YG")):
            self.desks[name] = self.open(name, market, first=True)
            self.market_of[name] = market
            self.enrol(name)

    def open(self, name: str, market: str, first: bool = False) -> Services:
        path = self.folder / name / "desk.sqlite3"
        if first:
            return open_desk(path, clerk=f"{name}经办", market=MARKETS[market])
        return factories.reopen(path, clerk=f"{name}经办")

    def enrol(self, name: str) -> None:
        s = self.desks[name]
        with self.city.db.writing() as session:
            code = devices.new_enrollment_code(
                session, self.market_of[name], dt.datetime.now(dt.UTC)
            )
        s.sync.enroll(self.city.url, str(code), name)
        assert s.sync.set_server_url(self.proxy.url)
        s.sync.client_factory = lambda url, cred, name=name: RacingClient(url, cred, name)

    # ---- what clerks do --------------------------------------------------------
    def register(self, s: Services) -> None:
        i = self.rng.randrange(len(POOL))
        phone = f"139{self.rng.randrange(10**8):08d}"
        s.people.save(person_draft(POOL[i], NAMES[i], phone=phone))

    def edit(self, s: Services) -> None:
        with s.ctx.reading() as session:
            numbers = list(session.scalars(select(Person.id_number).order_by(Person.id_number)))
        if numbers:
            number = self.rng.choice(numbers)
            i = [p for p in POOL if number.startswith(p)]
            name = NAMES[POOL.index(i[0])] if i else "张三"
            phone = f"138{self.rng.randrange(10**8):08d}"
            s.people.save(person_draft(number[:17], name, phone=phone))

    def publish(self, s: Services, name: str) -> None:
        market = self.market_of[name]
        employer = s.employers.save(EmployerDraft(
            kind="company", name=f"{MARKETS[market].name[:3]}鑫源物业{self.rng.randrange(100)}有限公司",
            credit_code=CREDIT[list(MARKETS).index(market)], contact_name="李经理",
            contact_phone="13900001111"))  # fmt: skip
        s.employers.publish(PostingDraft(
            employer_id=str(employer.id), title="保洁员", occupation_code="4-09-08-01",
            headcount=self.rng.randint(1, 3), pay_min=Decimal(120), pay_max=Decimal(160),
            pay_unit="day", work_form="day", work_address="城区"))  # fmt: skip

    def refer(self, s: Services) -> None:
        with s.ctx.reading() as session:
            people = list(session.scalars(select(Person.id).order_by(Person.id)))
            postings = list(
                session.scalars(
                    select(JobPosting.id)
                    .where(JobPosting.status == PostingStatus.OPEN)
                    .order_by(JobPosting.id)
                )
            )
        if people and postings:
            # already referred there, or the posting is full: the clerk moves on
            with contextlib.suppress(ReferralRefused):
                s.referrals.issue(self.rng.choice(people), self.rng.choice(postings))

    def outcome(self, s: Services) -> None:
        with s.ctx.reading() as session:
            mine = list(
                session.scalars(
                    select(Referral.id)
                    .where(
                        Referral.market_code == s.ctx.market_code,
                        Referral.status.in_([ReferralStatus.ISSUED, ReferralStatus.INTENTION]),
                    )
                    .order_by(Referral.id)
                )
            )
        if mine:
            target = self.rng.choice(
                [
                    ReferralStatus.HIRED,
                    ReferralStatus.HIRED,
                    ReferralStatus.INTENTION,
                    ReferralStatus.NOT_HIRED,
                ]
            )
            referral = self.rng.choice(mine)
            reason = "工资不合适" if target == ReferralStatus.NOT_HIRED else ""
            with contextlib.suppress(ReferralRefused, ValueError):
                s.referrals.record(referral, target, reason)

    def step(self) -> None:
        name = self.rng.choice(list(self.desks))
        s = self.desks[name]
        roll = self.rng.random()
        if roll < 0.15:
            self.register(s)
        elif roll < 0.23:
            self.edit(s)
        elif roll < 0.30:
            self.publish(s, name)
        elif roll < 0.50:
            self.refer(s)
        elif roll < 0.65:
            self.outcome(s)
        elif roll < 0.72:  # an edit races this desk's sync round
            RacingClient.racing[name] = lambda s=s: self.edit(s)
            s.sync.sync_once()
        elif roll < 0.75:  # the desk dies after sending a batch, before the answer
            self.proxy.schedule.rates = {"drop_answer": 1.0}
            s.sync.sync_once()
            self.proxy.schedule.rates = dict(FAULTS)
            s.close()
            self.desks[name] = self.open(name, self.market_of[name])
            self.desks[name].sync.client_factory = lambda url, cred, name=name: RacingClient(
                url, cred, name
            )
        elif roll < 0.77:  # the city restarts
            self.city.stop()
            s.sync.sync_once()  # meets a dead city
            self.city.start()
        else:
            s.sync.sync_once()


@pytest.mark.parametrize("seed", [2, 11, 23])
def test_random_work_through_a_bad_network_converges(
    seed: int,
    city_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    city = City(city_url).start()
    with city.db.writing() as s:
        for m in MARKETS.values():
            devices.add_market(s, m.code, m.name, dt.datetime.now(dt.UTC), m.region_code, m.phone)
    proxy = FaultyProxy(city.port, Schedule(seed=seed, rates=dict(FAULTS))).start()
    world = World(seed, city, proxy, tmp_path)
    try:
        for _ in range(STEPS):
            world.step()
        proxy.schedule.rates = {}
        RacingClient.racing.clear()
        sync_until_quiet(world.desks)
        check(world)
    finally:
        proxy.stop()
        for s in world.desks.values():
            s.close()
        city.stop()


def check(world: World) -> None:
    with world.city.db.reading() as session:
        records = {(r.entity, str(r.row_id)): r for r in session.scalars(select(Record))}
        received = list(session.scalars(select(Received)))
    # nothing lost, nothing refused without reason
    for name, s in world.desks.items():
        with s.ctx.reading() as session:
            written = {(e.entity, str(e.row_id)) for e in session.scalars(select(OutboxEntry))}
            refused = [(r.entity, r.reason) for r in session.scalars(select(SyncRejection))]
        # the one refusal that is right: two desks of a market closed the same referral
        # offline in two ways; the later step is refused and that desk takes the city's
        assert all(
            entity == "referral" and reason.startswith("illegal referral status change")
            for entity, reason in refused
        ), (name, refused)
        assert s.sync.pending_changes() == 0, name
        missing = {k for k in written if k[0] != "clerk"} - set(records)
        assert not missing, (name, missing)
    # nothing doubled: one person per ID number, one answer per (device, epoch, seq)
    numbers = [r.data["id_number"] for (e, _), r in records.items() if e == "person"]
    assert len(numbers) == len(set(numbers))
    assert len({(r.device_id, r.epoch, r.seq) for r in received}) == len(received)
    # every desk holds the city's rows
    for name, s in world.desks.items():
        for key, row in desk_rows(s).items():
            assert key in records, (name, key)
            assert comparable(records[key].data) == comparable(row), (name, key)
    # every posting's filled count is its hires, at the city and on every desk
    hires: Counter[str] = Counter(
        str(r.data["posting_id"])
        for (e, _), r in records.items()
        if e == "referral" and r.data["status"] == ReferralStatus.HIRED
    )
    postings = {k[1]: r for k, r in records.items() if k[0] == "job_posting"}
    for pid, rec in postings.items():
        assert rec.data["headcount_filled"] == hires[pid], pid
        if hires[pid] >= rec.data["headcount"]:
            assert rec.data["status"] != PostingStatus.OPEN, pid
    for name, s in world.desks.items():
        with s.ctx.reading() as session:
            for posting in session.scalars(select(JobPosting)):
                assert posting.headcount_filled == hires[str(posting.id)], (name, posting.id)
    assert sum(hires.values()) > 0  # the run really hired people
