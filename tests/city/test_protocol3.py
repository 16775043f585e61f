"""Sync protocol 3: zstd bodies, and what the receiver knows stays off the wire.

A desk leaves off a new row's market code when it is its own market, and the key of
a row whose fields make it (a person from the ID number, a wanted job type from the
person and the occupation); the city puts both back before anything else looks at
the entry, and leaves the same off what it sends a protocol 3 desk. A desk of
protocol 2 keeps working: gzip and whole rows.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import httpx
import zstandard
from sqlalchemy import select

from lingong_city.db import Database
from lingong_city.models import Record
from lingong_desk.sync.protocol import (
    PROTOCOL_HEADER,
    ZSTD_MAGIC,
    Entry,
    encode,
    parse_entry,
    parse_push,
)
from tests.city.helpers import (
    ANOTHER_EPOCH,
    HY,
    ZY,
    enroll,
    open_desk,
    outbox,
    push_body,
    register,
)
from tests.city.test_hostile import post, table_counts


def _compact(entries: list[dict], market: str) -> list[dict]:
    """The entries as a protocol 3 desk of ``market`` sends them."""
    return [parse_entry(e).to_json(market) for e in entries]


def test_a_new_row_leaves_off_its_own_market_and_a_key_its_fields_make(
    tmp_path: Path,
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    register(desk, "14022619800301123", "张三")
    full = [parse_entry(e) for e in outbox(desk)]
    person = next(e for e in full if e.entity == "person")
    wish = next(e for e in full if e.entity == "person_occupation")
    for entry in (person, wish):
        wire = entry.to_json("ZY")
        assert "row_id" not in wire and "market_code" not in wire["payload"]
        # the city of the same market reads exactly what a protocol 2 desk would say
        assert parse_entry(json.loads(json.dumps(wire)), "ZY") == parse_entry(entry.to_json())
        # another market's desk would have to say its market: it is not assumed
        assert (
            parse_entry(wire, "HY").payload["market_code"] == "HY" != entry.payload["market_code"]
        )
    others = [e for e in full if e.entity not in ("person", "person_occupation")]
    assert others and all("row_id" in e.to_json("ZY") for e in others)
    # an update keeps its key and names its market only when it changes it
    update = Entry(9, "person", person.row_id, "update", person.hlc, ("phone",), {"phone": "1"})
    assert update.to_json("ZY")["row_id"] == person.row_id


def test_the_city_takes_a_compact_zstd_push_and_answers_in_zstd(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    pid = register(desk, "14022619800301123", "张三")
    device = enroll(client, city, "ZY", desk)
    entries = outbox(desk)
    message = {"protocol": 3, "device_id": device.id, "entries": _compact(entries, "ZY")}
    body = zstandard.ZstdCompressor(level=19).compress(json.dumps(message).encode())
    r = post(client, device, body, **{"Content-Encoding": "zstd", "Accept-Encoding": "zstd"})
    assert r.status_code == 200, r.text
    assert r.headers["content-encoding"] == "zstd"
    assert {x["status"] for x in r.json()["results"]} == {"applied"}
    with city.reading() as s:
        person = s.get(Record, ("person", pid))
        assert person is not None and person.market_code == "ZY"
        assert person.data["market_code"] == "ZY"
        wishes = s.scalars(select(Record).where(Record.entity == "person_occupation")).all()
        assert [w.data["market_code"] for w in wishes] == ["ZY"]
    # the same entries in full (a protocol 2 desk) are the same entries: answered as before
    again = post(client, device, push_body(device.id, entries), **{"Content-Encoding": "gzip"})
    assert again.status_code == 200 and {x["status"] for x in again.json()["results"]} == {
        "applied"
    }


def test_a_pull_leaves_off_what_the_desk_makes_and_a_protocol_2_desk_gets_whole_rows(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    pid = register(zy, "14022619800301123", "张三")
    device = enroll(client, city, "ZY", zy)
    r = post(client, device, push_body(device.id, outbox(zy)), **{"Content-Encoding": "gzip"})
    assert r.status_code == 200
    params = {"after": 0, "limit": 100, "epoch": ANOTHER_EPOCH}
    with httpx.Client(base_url=str(client.base_url)) as raw:
        three = raw.get(
            "/v1/pull",
            params=params,
            headers={**device.auth, PROTOCOL_HEADER: "3", "Accept-Encoding": "zstd"},
        )
        two = raw.get(
            "/v1/pull",
            params=params,
            headers={**device.auth, PROTOCOL_HEADER: "2", "Accept-Encoding": "gzip"},
        )
    assert three.status_code == two.status_code == 200
    assert three.headers["content-encoding"] == "zstd" and two.headers["content-encoding"] == "gzip"
    compact = {c["entity"]: c for c in three.json()["changes"]}
    whole = {c["entity"]: c for c in two.json()["changes"]}
    assert "row_id" not in compact["person"] and "market_code" not in compact["person"]["row"]
    assert "row_id" not in compact["person_occupation"]
    assert whole["person"]["row_id"] == str(pid) and whole["person"]["row"]["market_code"] == "ZY"
    assert "row_id" in compact["audit_event"]  # a key made by the clock travels
    assert len(three.content) < len(two.content)
    # another market's desk linked to the person would get the market code: not its own
    assert HY.code != "ZY"


def test_a_zstd_bomb_and_a_mislabelled_body_are_refused_and_change_nothing(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    register(desk, "14022619800301123", "张三")
    device = enroll(client, city, "ZY", desk)
    before = table_counts(city)
    bomb = zstandard.ZstdCompressor(level=3).compress(b" " * (64 * 1024 * 1024) + b"{}")
    lying = zstandard.ZstdCompressor(level=3, write_content_size=False).compress(
        b" " * (3 * 1024 * 1024) + b"{}"
    )
    cases = [
        (bomb, "zstd", 413, "larger than"),
        (lying, "zstd", 413, "larger than"),
        (encode({"protocol": 3}), "zstd", 400, "not zstd"),  # gzip labelled zstd
        (bomb, "gzip", 400, "not gzip"),  # zstd labelled gzip
        (ZSTD_MAGIC + b"garbage", "zstd", 400, "not valid zstd"),
        (gzip.compress(b"{}"), "br", 415, "zstd, gzip or none"),
    ]
    for body, label, status, words in cases:
        r = post(client, device, body, **{"Content-Encoding": label})
        assert r.status_code == status, (words, r.status_code, r.text)
        assert words in r.json()["detail"], (words, r.json())
    assert table_counts(city) == before


def test_an_entry_without_a_key_its_fields_cannot_make_is_refused() -> None:
    person = {
        "seq": 1,
        "entity": "audit_event",
        "op": "insert",
        "hlc": "1796044962089-0000-01a22c9f391b",
        "payload": {"action": "x"},
    }
    message = {"protocol": 3, "device_id": "01a22c9f-3929-7142-b898-e035751558cf"}
    try:
        parse_push({**message, "entries": [person]}, "ZY")
    except ValueError as exc:
        assert "row_id" in str(exc)
    else:  # pragma: no cover - the assertion below explains
        raise AssertionError("an audit event without its key was accepted")
