"""Three markets work offline, then sync through a bad network: one truth.

The city server is the real one (lingong_city, served by uvicorn on
127.0.0.1) on PostgreSQL and on SQLite; the desks are real desk files; the
network between them loses requests and answers, cuts answers half-way,
delivers requests twice and delivers copies again later. The city restarts
in the middle, one desk is killed and reopened after sending a batch whose
answer it never saw, and one desk's clock runs three days fast. At the end
every desk and the city hold the same data, nothing is lost, nothing is
counted twice.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import func, select

from lingong_city import devices
from lingong_city.app import create_app
from lingong_city.models import Conflict, Received, Record
from lingong_desk.db.models import OutboxEntry, Person, SyncRejection
from lingong_desk.domain.enums import ReferralStatus
from lingong_desk.domain.hlc import HybridClock
from lingong_desk.services.accounts import MarketInfo
from lingong_desk.services.registry import Services
from tests import factories
from tests.support.netsim import FaultyProxy, Schedule
from tests.test_sync_support import free_port, open_desk, person_draft, synced_rows

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
MARKETS = {
    "ZY": factories.ZY,
    "DT": MarketInfo("DT", "大同市平城区零工市场", "140213", "0352-2041234", "平城区"),
    "YG": MarketInfo("YG", "阳高县零工市场", "140221", "0352-6621234", "阳高县"),
}
SHARED_ID = "14022619800301123"  # registered offline by all three markets
FAULTS = {"drop_request": 0.08, "drop_answer": 0.08, "cut_answer": 0.08, "duplicate": 0.08,
          "late_duplicate": 0.08}  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def city_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'city.sqlite3'}"
        return
    name = f"lingong_conv_{secrets.token_hex(5)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield PG_URL.format(name=name)
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


class City:
    """The city server in this process, restartable on the same port and database."""

    def __init__(self, url: str) -> None:
        self.database_url = url
        self.port = free_port()
        self.server: Any = None
        self.thread: threading.Thread | None = None
        self.db: Any = None

    def start(self) -> City:
        import uvicorn

        app = create_app(self.database_url)
        self.db = app.state.db
        self.server = uvicorn.Server(uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", ws="none"))  # fmt: skip
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 120  # a busy machine may be slow to start it
        while not self.server.started:
            assert time.monotonic() < deadline, "the city server did not start"
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        assert self.thread is not None
        self.thread.join(120)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def desk(folder: Path, market: str) -> Services:
    return open_desk(
        folder / market / "desk.sqlite3", clerk=f"{market}经办", market=MARKETS[market]
    )


def publish(s: Services, name: str, credit: str, title: str) -> Any:
    employer = factories.employer(s, name=name, credit_code=credit)
    return factories.posting(
        s, employer.id, title=title, headcount=3, pay_max=Decimal(160), work_address="城区"
    )


def sync_until_quiet(desks: dict[str, Services], rounds: int = 40) -> int:
    """Sync every desk in turn until a whole pass is clean; returns the passes used."""
    for n in range(1, rounds + 1):
        quiet = True
        for s in desks.values():
            report = s.sync.sync_once()
            if not report.ok or report.pushed or report.stored or s.sync.pending_changes():
                quiet = False
        if quiet:
            return n
    raise AssertionError(f"no quiet pass in {rounds} passes")


def desk_rows(s: Services) -> dict[tuple[str, str], dict[str, Any]]:
    return synced_rows(s)


def comparable(row: dict[str, Any]) -> dict[str, Any]:
    """A row without what one side keeps and the other does not (the city never holds
    a password hash, nor the search keys a desk derives)."""
    skip = {"password_hash", "search_pinyin", "search_initials", "phone_rev", "id_number_rev"}
    return {k: v for k, v in row.items() if k not in skip}


def test_three_markets_converge_through_a_bad_network(city_url: str, tmp_path: Path) -> None:
    city = City(city_url).start()
    with city.db.writing() as s:
        for m in MARKETS.values():
            devices.add_market(s, m.code, m.name, dt.datetime.now(dt.UTC), m.region_code, m.phone)
    proxy = FaultyProxy(city.port, Schedule(seed=7, rates=FAULTS)).start()
    desks = {code: desk(tmp_path, code) for code in MARKETS}
    try:
        for code, s in desks.items():
            with city.db.writing() as session:
                enrol_code = devices.new_enrollment_code(session, code, dt.datetime.now(dt.UTC))
            s.sync.enroll(city.url, str(enrol_code), f"{code}-1")
            assert s.sync.set_server_url(proxy.url)  # from now on, the bad network

        # ---- offline: each market registers and publishes on its own -------------------
        real_ms = desks["YG"].ctx.clock._wall
        three_days = 3 * 24 * 3600 * 1000
        desks["YG"].ctx.clock = HybridClock(
            desks["YG"].ctx.device_id, lambda: real_ms() + three_days
        )
        shared = {
            "ZY": person_draft(SHARED_ID, "张三", phone="13800000001", skills="保洁"),
            "DT": person_draft(SHARED_ID, "张三", phone="13800000002", pay_min=Decimal(180)),
            "YG": person_draft(SHARED_ID, "张叁", phone="13800000003"),  # another name!
        }
        for code, s in desks.items():
            s.people.save(shared[code])
        lisi = desks["ZY"].people.save(person_draft("14022619850402234", "李四")).detail
        desks["DT"].people.save(person_draft("14021319900503345", "王五"))
        desks["YG"].people.save(person_draft("14022119750604456", "赵六"))
        posting_zy = publish(
            desks["ZY"], "左云县鑫源物业管理有限公司", "91110000600037341L", "小区保洁员"
        )
        publish(desks["DT"], "大同市平城区洁美家政有限公司", "91140200MA0A1493N1", "保洁工")
        publish(desks["YG"], "阳高县顺达物流有限公司", "91140221MA0UW08859", "装卸工")
        referral = desks["ZY"].referrals.issue(lisi.id, posting_zy.id)

        # ---- a desk sends a batch, then dies before it hears the answer ---------------
        proxy.schedule.rates = {"drop_answer": 1.0}
        assert not desks["DT"].sync.sync_once().ok
        desks["DT"].close()
        desks["DT"] = open_desk_again(tmp_path, "DT")
        proxy.schedule.rates = dict(FAULTS)

        # ---- sync through the bad network; the city restarts half-way -------------------
        for s in desks.values():
            s.sync.sync_once()
        city.stop()
        for s in desks.values():
            assert not s.sync.sync_once().ok  # the city is down: no success is reported
        city.start()
        sync_until_quiet(desks)

        # ---- 阳高 mistyped the name: not registered there (least access) until its
        # clerk corrects it from the card ------------------------------------------------
        with desks["YG"].ctx.reading() as session:
            refused = list(session.scalars(select(SyncRejection)))
        assert {r.entity for r in refused} == {"person", "person_occupation"}  # and the wish
        assert all("name differs" in r.reason for r in refused if r.entity == "person")
        desks["YG"].people.save(person_draft(SHARED_ID, "张三", phone="13800000003"))

        # ---- online edits, still through the bad network ------------------------------
        desks["DT"].people.save(person_draft(SHARED_ID, "张三", phone="13900000009"))
        desks["ZY"].referrals.record(referral.id, ReferralStatus.INTENTION)
        desks["ZY"].referrals.record(referral.id, ReferralStatus.HIRED)
        sync_until_quiet(desks)
    finally:
        proxy.stop()

    try:
        assert sum(proxy.counts[f] for f in FAULTS) > 10  # the network really misbehaved
        with city.db.reading() as session:
            records = {(r.entity, str(r.row_id)): r for r in session.scalars(select(Record))}
            received = list(session.scalars(select(Received)))
            conflicts = list(session.scalars(select(Conflict)))
        # nothing lost: every row every desk ever wrote is at the city
        for code, s in desks.items():
            with s.ctx.reading() as session:
                written = {(e.entity, str(e.row_id)) for e in session.scalars(select(OutboxEntry))}
                refused = session.scalar(select(func.count()).select_from(SyncRejection))
                assert refused == (2 if code == "YG" else 0)  # 阳高's mistyped name
                assert s.sync.pending_changes() == 0
            missing = {k for k in written if k[0] != "clerk"} - set(records)
            assert not missing, (code, missing)
        # nothing counted twice: one person per ID number, one result per (device, seq)
        people = [r for (entity, _), r in records.items() if entity == "person"]
        numbers = [r.data["id_number"] for r in people]
        assert len(numbers) == len(set(numbers)) == 4
        assert len({(r.device_id, r.seq) for r in received}) == len(received)
        # the same data everywhere: each desk's rows equal the city's
        for code, s in desks.items():
            for key, row in desk_rows(s).items():
                assert key in records, (code, key)
                assert comparable(records[key].data) == comparable(row), (code, key)
        # the shared person: one row on every desk, profile merged, identity kept
        zhang = {code: desk_rows(s)[("person", str(person_key()))] for code, s in desks.items()}
        assert zhang["ZY"] == zhang["DT"] == zhang["YG"]
        assert zhang["ZY"]["phone"] == "13900000009"  # the latest edit wins
        assert zhang["ZY"]["name"] == "张三"  # the identity was not overwritten silently
        assert any(c.field == "name" and c.incoming_value == "张叁" for c in conflicts)
        # the referral's steps arrived in order at the city
        assert records[("referral", str(referral.id))].data["status"] == ReferralStatus.HIRED
        # a market sees the people it dealt with, not every market's register
        with desks["ZY"].ctx.reading() as session:
            assert sorted(session.scalars(select(Person.name))) == ["张三", "李四"]
    finally:
        for s in desks.values():
            s.close()
        city.stop()


def person_key() -> Any:
    from lingong_desk.domain.ids import person_id

    return person_id(factories.resident_id(SHARED_ID))


def open_desk_again(folder: Path, market: str) -> Services:
    return factories.reopen(folder / market / "desk.sqlite3", clerk=f"{market}经办")
