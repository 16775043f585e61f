"""One person however many markets register them: merge by HLC, conflicts for identity."""

from __future__ import annotations

import copy
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import select

from lingong_city.db import Database
from lingong_city.models import Conflict, PersonLink, Record
from lingong_desk.domain.hlc import Stamp
from lingong_desk.domain.ids import person_id
from tests import factories
from tests.city.helpers import (
    HY,
    ZY,
    enroll,
    open_desk,
    outbox,
    push,
    push_outbox,
    register,
)

ID17 = "14022619800301123"


def records(db: Database, entity: str) -> list[Record]:
    with db.reading() as s:
        return list(
            s.scalars(select(Record).where(Record.entity == entity).order_by(Record.row_id))
        )


def test_two_markets_registering_one_person_offline_make_one_person(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    hy = open_desk(tmp_path / "hy", HY)
    zy = open_desk(tmp_path / "zy", ZY)
    # 浑源 registers first (older stamps) but pushes last
    register(
        hy,
        ID17,
        "张三",
        phone="13700000001",
        address="浑源县永安镇",
        occupation_codes=["4-09-08-01", "4-10-01-06"],
    )
    factories.wait_past(hy)  # 左云's registration is the newer one
    pid = register(zy, ID17, "张三", phone="13812345678", occupation_codes=["4-09-08-01"])
    assert pid == person_id(factories.resident_id(ID17))
    zy_device = enroll(client, city, "ZY", zy)
    hy_device = enroll(client, city, "HY", hy)
    assert {r["status"] for r in push_outbox(client, zy_device)} == {"applied"}
    results = push_outbox(client, hy_device)
    person_result = next(
        r for r, e in zip(results, outbox(hy), strict=True) if e["entity"] == "person"
    )
    assert person_result["status"] == "merged"
    assert "kept the city's newer value of" in person_result["reason"]
    assert "phone" in person_result["reason"] and not person_result.get("conflict", False)
    (person,) = records(city, "person")
    assert person.row_id == pid and person.market_code == "ZY"  # the first to reach the city
    assert person.data["phone"] == "13812345678"  # 左云's is newer
    assert person.data["address"] == ""  # 左云 wrote it too, later
    occupations = records(city, "person_occupation")
    assert sorted(o.data["occupation_code"] for o in occupations) == ["4-09-08-01", "4-10-01-06"]
    assert {o.row_id for o in occupations} == {
        uuid.uuid5(pid, "4-09-08-01"),
        uuid.uuid5(pid, "4-10-01-06"),
    }
    with city.reading() as s:
        linked = set(s.scalars(select(PersonLink.market_code).where(PersonLink.person_id == pid)))
    assert linked == {"ZY", "HY"}
    # a later change from 浑源 wins over the older values
    factories.wait_past(zy, hy)
    register(
        hy,
        ID17,
        "张三",
        phone="13700000002",
        address="浑源县永安镇",
        occupation_codes=["4-10-01-06"],
    )
    results = push_outbox(client, hy_device)
    assert {r["status"] for r in results} == {"applied"}, results
    (person,) = records(city, "person")
    assert person.data["phone"] == "13700000002"
    # 浑源 did not change the address this time: 左云's newer value stays
    assert person.data["address"] == ""
    assert person.field_stamps["phone"] > person.field_stamps["name"]


def test_an_identity_disagreement_becomes_a_conflict_item(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    hy = open_desk(tmp_path / "hy", HY)
    pid = register(zy, ID17, "张三")
    factories.wait_past(zy)  # 浑源's registration is the newer one
    register(hy, ID17, "张叁", phone="13700000001")  # a typo at the other window
    zy_device = enroll(client, city, "ZY", zy)
    hy_device = enroll(client, city, "HY", hy)
    push_outbox(client, zy_device)
    results = push_outbox(client, hy_device)
    entries = outbox(hy)
    got = next(r for r, e in zip(results, entries, strict=True) if e["entity"] == "person")
    # another name for the ID number does not register the person at 浑源
    assert got["status"] == "rejected" and got["conflict"] is True
    assert "name differs" in got["reason"] and "conflict item" in got["reason"]
    (person,) = records(city, "person")
    assert person.data["name"] == "张三"  # not merged silently
    assert "search_pinyin" not in person.data  # every desk derives its own search keys
    assert person.data["phone"] == "13812345678"  # 浑源 changed nothing
    with city.reading() as s:
        (item,) = s.scalars(select(Conflict)).all()
        linked = set(s.scalars(select(PersonLink.market_code).where(PersonLink.person_id == pid)))
    assert linked == {"ZY"}
    assert (item.entity, item.row_id, item.field) == ("person", pid, "name")
    assert (item.city_value, item.incoming_value) == ("张三", "张叁")
    assert str(item.device_id) == hy_device.id and item.market_code == "HY"
    assert item.resolved_at is None
    # the same disagreement pushed again (a new seq) is not a second item
    again = copy.deepcopy(next(e for e in entries if e["entity"] == "person"))
    again["seq"] = entries[-1]["seq"] + 1
    assert push(client, hy_device, [again]).json()["results"][0]["conflict"] is True
    with city.reading() as s:
        assert len(s.scalars(select(Conflict)).all()) == 1
    # once registered under the name on the card, a name change is a conflict item too
    factories.wait_past(hy)
    register(hy, ID17, "张三", phone="13700000002")
    fixed = outbox(hy, hy_device.pushed_seq)
    person_entry = next(e for e in fixed if e["entity"] == "person")
    person_entry["op"], person_entry["changed"] = "insert", []
    person_entry["seq"] = again["seq"] + 10
    person_entry["payload"] = {**again["payload"], **person_entry["payload"], "name": "张三"}
    got = push(client, hy_device, [person_entry]).json()["results"][0]
    assert got["status"] == "applied", got
    assert records(city, "person")[0].data["phone"] == "13700000002"
    rename = copy.deepcopy(person_entry)
    rename.update(seq=person_entry["seq"] + 1, op="update", changed=["name"])
    rename["payload"] = {"name": "张叁", "updated_at": person_entry["payload"]["updated_at"]}
    got = push(client, hy_device, [rename]).json()["results"][0]
    assert got["status"] == "merged" and got["conflict"] is True
    assert "identity differs" in got["reason"]
    assert records(city, "person")[0].data["name"] == "张三"


def test_a_stamp_from_a_clock_far_ahead_counts_as_the_servers_time(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    hy = open_desk(tmp_path / "hy", HY)
    pid = register(zy, ID17, "张三")
    device = enroll(client, city, "ZY", zy)
    push_outbox(client, device)
    register(zy, ID17, "张三", phone="13900000009")
    update = next(e for e in outbox(zy, device.pushed_seq) if e["entity"] == "person")
    stamp = Stamp.decode(update["hlc"])
    ahead = Stamp(stamp.wall_ms + 3 * 86_400_000, 0, stamp.node).encode()  # 3 days
    update["hlc"] = ahead
    before = time.time()
    got = push(client, device, [update]).json()["results"][0]
    assert got["status"] == "applied"
    assert "3 days ahead of the server" in got["reason"]
    (person,) = records(city, "person")
    assert person.data["phone"] == "13900000009"
    held = Stamp.decode(person.field_stamps["phone"])
    assert held.node == "city" and held.wall_ms <= (time.time() + 1) * 1000
    assert held.wall_ms >= before * 1000 - 1000
    # so an honest later change from another market still wins
    factories.wait_past(stamp_ms=held.wall_ms)
    register(hy, ID17, "张三", phone="13700000003")
    hy_device = enroll(client, city, "HY", hy)
    push_outbox(client, hy_device)
    (person,) = records(city, "person")
    assert person.data["phone"] == "13700000003"
    assert person.row_id == pid


def test_a_person_key_must_come_from_the_id_number(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    register(zy, ID17, "张三")
    device = enroll(client, city, "ZY", zy)
    entries = outbox(zy)
    forged = copy.deepcopy(next(e for e in entries if e["entity"] == "person"))
    forged["row_id"] = forged["payload"]["id"] = str(uuid.uuid4())
    forged["seq"] = entries[-1]["seq"] + 1
    got = push(client, device, [forged]).json()["results"][0]
    assert got["status"] == "rejected" and "UUIDv5" in got["reason"]
    assert records(city, "person") == []


def test_far_future_stamps_in_one_batch_keep_their_order(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    register(zy, ID17, "张三")
    device = enroll(client, city, "ZY", zy)
    push_outbox(client, device)
    updates = []
    for phone in ("13900000001", "13900000002"):
        register(zy, ID17, "张三", phone=phone)
        entry = next(e for e in outbox(zy, device.pushed_seq) if e["entity"] == "person")
        device.pushed_seq = outbox(zy)[-1]["seq"]
        stamp = Stamp.decode(entry["hlc"])
        entry["hlc"] = Stamp(stamp.wall_ms + 86_400_000, stamp.counter, stamp.node).encode()
        updates.append(entry)
    results = push(client, device, updates).json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]
    (person,) = records(city, "person")
    assert person.data["phone"] == "13900000002"
