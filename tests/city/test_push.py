"""Push: a desk's real outbox applied, idempotent, with the referral state machine."""

from __future__ import annotations

import copy
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from lingong_city.db import Database
from lingong_city.models import Feed, Received, Record
from lingong_desk.db.models import Person
from lingong_desk.domain.enums import ReferralStatus as S
from tests.city.helpers import (
    ZY,
    by_status,
    employer_and_posting,
    enroll,
    open_desk,
    outbox,
    push,
    push_outbox,
    register,
    table_counts,
)


def record(db: Database, entity: str, row_id: uuid.UUID | str) -> Record | None:
    with db.reading() as s:
        return s.get(Record, (entity, uuid.UUID(str(row_id))))


def feed_rows(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Feed)) or 0)


def test_a_desks_outbox_is_applied(client: httpx.Client, city: Database, tmp_path: Path) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    person = register(desk, "14022619800301123", "张三")
    employer, posting = employer_and_posting(
        desk, "左云县鑫源物业管理有限公司", "91110000600037341L"
    )
    device = enroll(client, city, "ZY", desk)
    entries = outbox(desk)
    results = push_outbox(client, device)
    assert [r["seq"] for r in results] == [e["seq"] for e in entries]
    assert {r["status"] for r in results} == {"applied"}, results
    stored = record(city, "person", person)
    assert stored is not None and stored.market_code == "ZY"
    assert stored.data["name"] == "张三" and stored.data["id_number"].startswith("140226")
    assert stored.person_id == person
    assert set(stored.field_stamps) >= {"name", "phone", "id_number"}
    for entity, rid in (("employer", employer), ("job_posting", posting)):
        rec = record(city, entity, rid)
        assert rec is not None and rec.market_code == "ZY"
    posting_rec = record(city, "job_posting", posting)
    assert posting_rec is not None and posting_rec.public  # open: city-wide
    with city.reading() as s:
        clerk = s.scalars(select(Record).where(Record.entity == "clerk")).one()
        assert "password_hash" not in clerk.data
        assert s.scalar(select(func.count()).select_from(Received)) == len(entries)


def test_the_same_batch_twice_gets_the_same_answers_and_changes_nothing(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    register(desk, "14022619800301123", "张三")
    device = enroll(client, city, "ZY", desk)
    entries = outbox(desk)
    bad = copy.deepcopy(next(e for e in entries if e["entity"] == "audit_event"))
    bad["seq"] = entries[-1]["seq"] + 1
    bad["payload"]["market_code"] = "HY"  # rejected: remembered as rejected
    first = push(client, device, [*entries, bad])
    assert first.status_code == 200
    before = table_counts(city)

    feed = [before["feed"]]

    def unchanged() -> None:
        """Nothing applied again. Where the desk's last word on a row is not what the
        city holds (the refused entry, an old version), the city's row goes to the
        desk's market once more: the feed may grow by those rows, nothing else."""
        now = table_counts(city)
        assert {k: v for k, v in now.items() if k != "feed"} == {
            k: v for k, v in before.items() if k != "feed"
        }
        assert feed[-1] <= now["feed"] <= feed[-1] + 2
        feed.append(now["feed"])

    second = push(client, device, [*entries, bad])
    assert second.json()["results"] == first.json()["results"]
    unchanged()
    # a partial, reordered repeat of the same seqs
    third = push(client, device, [bad, entries[0]])
    assert third.json()["results"] == [first.json()["results"][-1], first.json()["results"][0]]
    unchanged()
    assert by_status(first.json()["results"])["rejected"][0]["seq"] == bad["seq"]


def test_a_later_change_updates_and_a_tombstone_is_kept(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    person = register(
        desk, "14022619800301123", "张三", occupation_codes=["4-09-08-01", "4-10-01-06"]
    )
    device = enroll(client, city, "ZY", desk)
    push_outbox(client, device)
    register(
        desk, "14022619800301123", "张三", phone="13912345678", occupation_codes=["4-09-08-01"]
    )
    results = push_outbox(client, device)
    assert {r["status"] for r in results} == {"applied"}, results
    stored = record(city, "person", person)
    assert stored is not None and stored.data["phone"] == "13912345678"
    dropped = record(city, "person_occupation", uuid.uuid5(person, "4-10-01-06"))
    assert dropped is not None and dropped.deleted_at is not None
    assert dropped.data["deleted_at"] is not None
    with desk.ctx.session() as s:
        row = s.get(Person, person)
        assert row is not None
        row.deleted_at = desk.ctx.now()
    results = push_outbox(client, device)
    assert results[0]["status"] == "applied"
    gone = record(city, "person", person)
    assert gone is not None and gone.deleted_at is not None  # kept, as a tombstone


def _referral_entries(desk: Any, client: httpx.Client, city: Database) -> tuple[Any, uuid.UUID]:
    person = register(desk, "14022619800301123", "张三")
    _employer, posting = employer_and_posting(
        desk, "左云县鑫源物业管理有限公司", "91110000600037341L"
    )
    device = enroll(client, city, "ZY", desk)
    referral = desk.referrals.issue(person, posting).id
    assert {r["status"] for r in push_outbox(client, device)} == {"applied"}
    return device, referral


def test_referral_outcomes_follow_the_state_machine(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    device, referral = _referral_entries(desk, client, city)
    desk.referrals.record(referral, S.HIRED)  # issued -> hired passes through intention
    results = push_outbox(client, device)
    assert {r["status"] for r in results} == {"applied"}, results
    stored = record(city, "referral", referral)
    assert stored is not None and stored.data["status"] == "hired"
    # a desk that missed the hire and records a no-show from its stale copy
    entries = outbox(desk)
    update = next(e for e in entries if e["entity"] == "referral" and e["op"] == "update")
    stale = copy.deepcopy(update)
    stale["seq"] = entries[-1]["seq"] + 1
    stale["hlc"] = stale["hlc"][:13] + "-ffff-" + stale["hlc"].split("-", 2)[2]
    stale["payload"]["status"] = "no_show"
    stale["changed"] = ["status"]
    got = push(client, device, [stale]).json()["results"][0]
    assert got["status"] == "rejected"
    assert "illegal referral status change hired -> no_show" in got["reason"]
    assert "closed" in got["reason"]
    stored = record(city, "referral", referral)
    assert stored is not None and stored.data["status"] == "hired"


def test_a_new_referral_must_be_issued_and_events_are_append_only(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    device, _referral = _referral_entries(desk, client, city)
    entries = outbox(desk)
    top = entries[-1]["seq"]
    fresh = copy.deepcopy(next(e for e in entries if e["entity"] == "referral"))
    fresh["row_id"] = fresh["payload"]["id"] = str(uuid.uuid4())
    fresh["payload"]["status"] = "hired"
    fresh["payload"]["number"] = "ZY-2026-199999"
    fresh["seq"] = top + 1
    event = copy.deepcopy(next(e for e in entries if e["entity"] == "referral_event"))
    event["op"], event["seq"] = "update", top + 2
    event["payload"]["to_status"] = "void"
    audit = copy.deepcopy(next(e for e in entries if e["entity"] == "audit_event"))
    audit["op"], audit["seq"] = "delete", top + 3
    results = push(client, device, [fresh, event, audit]).json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert "must be issued" in results[0]["reason"]
    assert "append-only" in results[1]["reason"] and "append-only" in results[2]["reason"]
    assert record(city, "referral", fresh["row_id"]) is None


def test_rows_must_arrive_after_what_they_refer_to(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    register(desk, "14022619800301123", "张三")
    device = enroll(client, city, "ZY", desk)
    entries = outbox(desk)
    occupations = [e for e in entries if e["entity"] == "person_occupation"]
    results = push(client, device, occupations).json()["results"]
    assert [r["status"] for r in results] == ["rejected"]
    assert "is not registered at this market" in results[0]["reason"]
    assert results[0]["code"] == "missing_parent"  # not remembered: may come again
    assert feed_rows(city) == 0


def test_a_referral_number_is_used_once_per_market(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    device, referral = _referral_entries(desk, client, city)
    entries = outbox(desk)
    twin = copy.deepcopy(next(e for e in entries if e["entity"] == "referral"))
    twin["row_id"] = twin["payload"]["id"] = str(uuid.uuid4())
    twin["seq"] = entries[-1]["seq"] + 1
    got = push(client, device, [twin]).json()["results"][0]
    assert got["status"] == "rejected"
    assert "is already used by another referral" in got["reason"]
    assert str(referral) in got["reason"]


def test_a_referral_number_is_used_once_within_one_push(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    """Two new referrals with one number in the same batch: the second is refused
    (the first is not in the database yet while the batch is applied)."""
    desk = open_desk(tmp_path / "zy", ZY)
    person = register(desk, "14022619800301123", "张三")
    _employer, posting = employer_and_posting(
        desk, "左云县鑫源物业管理有限公司", "91110000600037341L"
    )
    device = enroll(client, city, "ZY", desk)
    referral = desk.referrals.issue(person, posting).id
    entries = outbox(desk)
    twin = copy.deepcopy(next(e for e in entries if e["entity"] == "referral"))
    twin["row_id"] = twin["payload"]["id"] = str(uuid.uuid4())
    twin["seq"] = entries[-1]["seq"] + 1
    results = push(client, device, [*entries, twin]).json()["results"]
    assert {r["status"] for r in results[:-1]} == {"applied"}
    assert results[-1]["status"] == "rejected"
    assert "is already used by another referral" in results[-1]["reason"]
    assert str(referral) in results[-1]["reason"]
    assert record(city, "referral", referral) is not None
    assert record(city, "referral", twin["row_id"]) is None
