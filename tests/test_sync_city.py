"""The desk against the real city server (lingong_city), run in-process by uvicorn.

Nothing here is mocked: the city has its own temporary SQLite database, codes
are made by its own functions, and the desks talk HTTP to it on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from lingong_city import devices
from lingong_city.bundles import export_pull_bundle, import_push_bundle
from lingong_city.models import Record
from lingong_desk.db.models import Market, SyncRejection
from lingong_desk.services.registry import Services
from lingong_desk.sync import state
from lingong_desk.sync.errors import SyncError
from tests.support.netsim import FaultyProxy, Schedule
from tests.test_sync_support import (
    City,
    fill,
    free_port,
    open_desk,
    outbox,
    person_draft,
    register,
    running_city,
    synced_rows,
)


@pytest.fixture
def city(tmp_path: Path) -> Iterator[City]:
    with running_city(tmp_path) as c:
        yield c


@pytest.fixture
def second(tmp_path: Path) -> Iterator[Services]:
    s = open_desk(tmp_path / "second" / "desk.sqlite3", clerk="李娜")
    yield s
    s.close()


def snapshot(services: Services) -> dict[str, dict[str, dict[str, Any]]]:
    """Every synced row of a desk as the city would see it (``synced_rows``)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for (entity, row_id), row in synced_rows(services).items():
        out.setdefault(entity, {})[row_id] = row
    return out


def test_enrolment_stores_the_credential_market_desk_number_and_city_key(
    services: Services, city: City
) -> None:
    code = city.code()
    assert not services.sync.probe()  # no server known yet
    enrolled = services.sync.enroll(city.url, code.lower(), "窗口3电脑")
    assert services.sync.probe()
    st = services.sync.state()
    assert st.enrolled and st.device_id == enrolled.device_id and st.server_url == city.url
    assert len(state.load_public_key(st.city_public_key).public_bytes_raw()) == 32
    assert "credential" not in repr(st) and enrolled.credential not in repr(enrolled)
    assert services.referrals.desk_number() == enrolled.desk_number == 1
    with services.ctx.reading() as s:
        market = s.get(Market, "ZY")
        assert market is not None and market.phone == "0352-3022110"
    with pytest.raises(SyncError) as err:  # a code works once
        services.sync.enroll(city.url, code, "窗口3电脑")
    assert err.value.kind == "code" and "used" in err.value.detail
    assert services.sync.state() == st


def test_a_code_of_another_market_changes_nothing(services: Services, city: City) -> None:
    with pytest.raises(SyncError) as err:
        services.sync.enroll(city.url, city.code("DT"), "窗口3电脑")
    assert err.value.kind == "market" and "DT" in str(err.value)
    assert not services.sync.state().enrolled


def test_two_desks_of_a_market_converge(services: Services, second: Services, city: City) -> None:
    services.sync.enroll(city.url, city.code(), "desk one")
    second.sync.enroll(city.url, city.code(), "desk two")
    assert second.referrals.desk_number() == 2
    fill(services)
    # the second desk registers one of the same people offline, and another one
    register(second, "14022619800301123", "张三", phone="13911112222", address="云兴镇")
    register(second, "14022619750606456", "赵六")
    for desk in (services, second, services):
        report = desk.sync.sync_once()
        assert report.ok, report.error
    first_rows, second_rows = snapshot(services), snapshot(second)
    assert first_rows == second_rows
    assert len(first_rows["person"]) == 4 and len(first_rows["referral"]) == 1
    for desk in (services, second):
        status = desk.sync.status()
        assert status.pending == 0 and status.attention == 0 and status.parked == 0
        assert status.last_sync_at is not None
    # nothing pulled was written back to the outbox: a second round moves nothing
    report = services.sync.sync_once()
    assert report.ok and report.pushed == 0 and report.stored == 0


def test_an_entry_the_city_refuses_never_blocks_the_others(services: Services, city: City) -> None:
    services.sync.enroll(city.url, city.code(), "desk one")
    register(services, "14022619800301123", "张三")
    register(services, "14022619850402234", "李四", note="很长的备注" * 20_001)  # > 100,000
    register(services, "14022619900503345", "王五")
    report = services.sync.sync_once()
    assert report.ok, report.error
    # the person is refused whole (too long a note), then its wanted job type,
    # whose person the city does not have; everything else went through
    assert report.rejected == 2 and report.applied > 0
    reasons = {r.entity: r.reason for r in rejections(services)}
    assert set(reasons) == {"person", "person_occupation"}
    assert "100000" in reasons["person"] and "the city server answered" not in reasons["person"]
    status = services.sync.status()
    assert status.pending == 0 and status.rejected == 2
    assert len(snapshot(services)["person"]) == 3  # the desk keeps its own record


def test_without_a_link_nothing_is_confirmed(services: Services, city: City) -> None:
    services.sync.enroll(city.url, city.code(), "desk one")
    fill(services)
    pending = services.sync.status().pending
    with services.sync.sessions.writer() as s, s.begin():
        state.put(s, state.SERVER_URL, f"http://127.0.0.1:{free_port()}")  # nobody listens
    report = services.sync.sync_once()
    assert report.error is not None and report.error.kind == "offline"
    assert services.sync.status().pending == pending
    assert services.sync.status().last_sync_at is None
    assert not services.sync.probe()


def test_bundles_travel_through_the_city(
    services: Services, second: Services, city: City, tmp_path: Path
) -> None:
    enrolled = services.sync.enroll(city.url, city.code(), "desk one")
    second.sync.enroll(city.url, city.code(), "desk two")
    ids = fill(services)
    files = services.sync.export_push_bundles(tmp_path / "usb")
    now = dt.datetime.now(dt.UTC)
    for f in files:
        answer = import_push_bundle(city.db, f.read_bytes(), now)
        assert {r.status for r in answer.results} == {"applied"}
    with city.db.reading() as s:  # the city's device id is a UUID object
        device_id = next(d.id for d in devices.devices(s) if str(d.id) == enrolled.device_id)
    back = tmp_path / "usb" / "for-desk-one.lgbundle"
    export_pull_bundle(city.db, device_id, back, now)
    imported = services.sync.import_pull_bundle(back)
    assert imported.recorded.applied == len(outbox(services))  # the outbox is cleared
    assert services.sync.status().pending == 0
    # the second desk gets it all online
    assert second.sync.sync_once().ok
    assert str(ids["referral"]) in snapshot(second)["referral"]
    second_person = person_draft("14022619800301123", "张三", phone="13700000000")
    second.people.save(second_person)
    assert second.sync.sync_once().ok
    assert services.sync.sync_once().ok
    assert snapshot(services)["person"] == snapshot(second)["person"]


def rejections(services: Services) -> list[SyncRejection]:
    with services.ctx.reading() as s:
        return list(s.scalars(select(SyncRejection).order_by(SyncRejection.seq)))


def test_a_faulty_link_loses_nothing_and_counts_nothing_twice(
    services: Services, second: Services, city: City
) -> None:
    rates = {
        "drop_request": 0.12,
        "drop_answer": 0.12,
        "cut_answer": 0.1,
        "duplicate": 0.1,
        "late_duplicate": 0.1,
    }
    proxy = FaultyProxy(city.port, Schedule(seed=7, rates=rates)).start()
    try:
        desks = (services, second)
        for n, desk in enumerate(desks):
            desk.sync.enroll(city.url, city.code(), f"desk {n + 1}")
            assert desk.sync.set_server_url(proxy.url)
            desk.sync.max_batch_bytes = 1500  # many small requests: many faults
            desk.sync.pull_limit = 4
        ids = fill(services)
        register(second, "14022619800301123", "张三", phone="13911112222")
        register(second, "14022619750606456", "赵六")
        clean = 0
        for _ in range(80):
            reports = [d.sync.sync_once() for d in desks]
            calm = all(r.ok and r.pushed == 0 and r.stored == 0 for r in reports)
            clean = clean + 1 if calm else 0
            if clean == 2:
                break
        assert clean == 2, "the desks did not settle"
        assert sum(proxy.counts[f] for f in rates) > 10  # the link did misbehave
    finally:
        proxy.stop()
    assert snapshot(services) == snapshot(second)
    rows = snapshot(services)
    with city.db.reading() as s:
        at_city = {
            (r.entity, str(r.row_id)) for r in s.scalars(select(Record)) if r.entity != "clerk"
        }
    on_desk = {(entity, row_id) for entity, table in rows.items() for row_id in table}
    assert on_desk == at_city  # every row once, at the city and on both desks
    assert len(rows["referral_event"]) == 1 and str(ids["referral"]) in rows["referral"]
    for desk in desks:
        assert desk.sync.status().attention == 0


def test_a_code_of_another_market_is_refused_and_stays_usable(
    services: Services, city: City, tmp_path: Path
) -> None:
    from lingong_desk.services.accounts import MarketInfo

    code = city.code("DT")  # a code for 大同市平城区, typed at 左云's desk
    with pytest.raises(SyncError) as err:
        services.sync.enroll(city.url, code, "左云窗口1")
    assert err.value.kind == "market" and "DT" in err.value.detail
    assert not services.sync.state().enrolled
    dt_desk = open_desk(
        tmp_path / "dt" / "desk.sqlite3",
        clerk="张伟",
        market=MarketInfo("DT", "大同市平城区零工市场", "140213", "", ""),
    )
    try:
        assert dt_desk.sync.enroll(city.url, code, "平城窗口1").market["code"] == "DT"
    finally:
        dt_desk.close()


def test_working_hours_and_what_to_bring_travel_through_the_city(
    services: Services, second: Services, city: City
) -> None:
    from lingong_desk.db.models import JobPosting
    from tests import factories

    services.sync.enroll(city.url, city.code(), "desk one")
    second.sync.enroll(city.url, city.code(), "desk two")
    posting = factories.posting(services, work_hours="每天 8:00-17:00", bring="手套")
    for desk in (services, second):
        report = desk.sync.sync_once()
        assert report.ok, report.error
    with city.db.reading() as s:
        stored = s.scalars(select(Record).where(Record.entity == "job_posting")).one()
        assert stored.data["work_hours"] == "每天 8:00-17:00" and stored.data["bring"] == "手套"
    with second.ctx.reading() as s:
        pulled = s.get(JobPosting, posting.id)
        assert pulled is not None and (pulled.work_hours, pulled.bring) == (
            "每天 8:00-17:00",
            "手套",
        )
