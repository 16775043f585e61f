"""Malformed or hostile pushes are refused whole with a 4xx and change nothing."""

from __future__ import annotations

import copy
import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from lingong_city.db import Database
from lingong_city.models import Record
from lingong_desk.sync.protocol import MAX_ENTRIES, PROTOCOL_VERSION, encode
from tests.city.helpers import (
    ZY,
    Device,
    enroll,
    open_desk,
    outbox,
    push,
    push_body,
    register,
    table_counts,
)

Entries = list[dict[str, Any]]


@pytest.fixture(scope="module")
def desk_entries(tmp_path_factory: pytest.TempPathFactory) -> Entries:
    desk = open_desk(tmp_path_factory.mktemp("zy"), ZY)
    register(desk, "14022619800301123", "张三", occupation_codes=["4-09-08-01", "4-10-01-06"])
    entries = outbox(desk)
    desk.close()
    return entries


def post(client: httpx.Client, device: Device, body: bytes, **headers: str) -> httpx.Response:
    return client.post("/v1/push", content=body, headers={**device.auth, **headers})


def change(entries: Entries, index: int, edit: Callable[[dict[str, Any]], None]) -> Entries:
    out = copy.deepcopy(entries)
    edit(out[index])
    return out


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(entry: dict[str, Any]) -> None:
        target = entry
        *parents, last = path.split(".")
        for p in parents:
            target = target[p]
        target[last] = value

    return edit


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def edit(entry: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = entry
        for p in parents:
            target = target[p]
        del target[last]

    return edit


# (what, how to change a wanted job type's entry in a good batch, expected status, words in the reason)
BAD_ENTRIES = [
    ("unknown entity", _set("entity", "salary"), 422, "unknown entity"),
    (
        "payload.id mismatch",
        _set("payload.id", "01a1f6c4-0000-7000-8000-000000000000"),
        422,
        "differs from row_id",
    ),
    ("row_id not a UUID", _set("row_id", "1 OR 1=1"), 422, "not a UUID"),
    ("unknown op", _set("op", "drop"), 422, "unknown op"),
    ("seq a string", _set("seq", "7"), 422, "seq"),
    ("seq huge", _set("seq", 10**30), 422, "out of range"),
    ("seq zero", _set("seq", 0), 422, "seq"),
    ("hlc not a stamp", _set("hlc", "'; DROP TABLE record; --"), 422, "hlc"),
    ("changed unknown", _set("changed", ["password_hash2"]), 422, "unknown fields"),
    ("payload not an object", _set("payload", ["x"]), 422, "payload"),
    ("unknown payload field", _set("payload.salary", 1), 422, "unknown fields"),
    ("missing field", _drop("payload.person_id"), 422, "lacks fields"),
    ("int field a string", _set("payload.rank", "1"), 422, "payload.rank must be an integer"),
    ("bool as int", _set("payload.rank", True), 422, "payload.rank"),
    ("null in a required field", _set("payload.occupation_code", None), 422, "must not be null"),
    ("NUL character", _set("payload.occupation_code", "4-09\x00"), 422, "NUL"),
    ("string far too long", _set("payload.occupation_code", "x" * 5000), 422, "at most"),
    ("date not a date", _set("payload.created_at", "yesterday"), 422, "created_at"),
    ("time without offset", _set("payload.created_at", "2026-01-01T10:00:00"), 422, "UTC offset"),
    (
        "time past year 9999",
        _set("payload.created_at", "9999-12-31T23:00:00-05:00"),
        422,
        "created_at",
    ),
]


def test_a_good_batch_goes_through(
    client: httpx.Client, city: Database, desk_entries: Entries
) -> None:
    device = enroll(client, city, "ZY")
    r = push(client, device, desk_entries)
    assert r.status_code == 200 and {x["status"] for x in r.json()["results"]} == {"applied"}


@pytest.mark.parametrize(
    ("what", "edit", "status", "words"), BAD_ENTRIES, ids=[b[0] for b in BAD_ENTRIES]
)
def test_a_bad_entry_refuses_the_whole_batch(
    client: httpx.Client,
    city: Database,
    desk_entries: Entries,
    what: str,
    edit: Callable[[dict[str, Any]], None],
    status: int,
    words: str,
) -> None:
    device = enroll(client, city, "ZY")
    before = table_counts(city)
    last = max(i for i, e in enumerate(desk_entries) if e["entity"] == "person_occupation")
    r = push(client, device, change(desk_entries, last, edit))
    assert r.status_code == status, (what, r.text)
    assert words in r.json()["detail"], r.json()
    assert table_counts(city) == before


def test_malformed_bodies_are_refused(
    client: httpx.Client, city: Database, desk_entries: Entries
) -> None:
    device = enroll(client, city, "ZY")
    before = table_counts(city)
    good = push_body(device.id, desk_entries)
    raw = json.dumps(
        {"protocol": PROTOCOL_VERSION, "device_id": device.id, "entries": desk_entries}
    ).encode()
    half = copy.deepcopy(desk_entries)
    person = next(e for e in half if e["entity"] == "person")
    person["payload"]["name"] = "张\ud800"  # JSON may say this; UTF-8 cannot store it
    surrogate = gzip.compress(
        json.dumps({"protocol": PROTOCOL_VERSION, "device_id": device.id, "entries": half}).encode()
    )
    cases: list[tuple[bytes, int, str]] = [
        (raw, 400, "not gzip"),  # plain JSON
        (b"\x1f\x8b\x08\x00garbage", 400, "not valid gzip"),
        (good[:-9], 400, "ends early"),
        (good + b"trailing", 400, "after its gzip"),
        (gzip.compress(b"{not json"), 400, "not JSON"),
        (gzip.compress(b"\xff\xfe"), 400, "not JSON"),
        (gzip.compress(b"[1, 2]"), 400, "not a JSON object"),
        (gzip.compress(b"[" * 100_000), 400, "not JSON"),
        (
            encode({"protocol": 99, "device_id": device.id, "entries": desk_entries}),
            422,
            "protocol version 99",
        ),
        (
            encode({"protocol": PROTOCOL_VERSION, "device_id": device.id, "entries": "all"}),
            422,
            "entries must be a list",
        ),
        (
            encode({"protocol": PROTOCOL_VERSION, "device_id": "ZY", "entries": []}),
            422,
            "device_id",
        ),
        (
            encode(
                {
                    "protocol": PROTOCOL_VERSION,
                    "device_id": device.id,
                    "entries": [desk_entries[0]] * 2,
                }
            ),
            422,
            "twice",
        ),
        (
            encode(
                {
                    "protocol": PROTOCOL_VERSION,
                    "device_id": device.id,
                    "entries": [{}] * (MAX_ENTRIES + 1),
                }
            ),
            413,
            "at most",
        ),
        (gzip.compress(b" " * (3 * 1024 * 1024) + b"{}"), 413, "larger than"),  # a gzip bomb
        (b"x" * (3 * 1024 * 1024), 413, "larger than"),
        (b"", 400, "not gzip"),
        (surrogate, 422, "unpaired surrogate"),
    ]
    for body, status, words in cases:
        r = post(client, device, body, **{"Content-Encoding": "gzip"})
        assert r.status_code == status, (words, r.status_code, r.text)
        assert words in r.json()["detail"], (words, r.json())
    assert table_counts(city) == before


def test_a_push_for_another_device_is_forbidden(
    client: httpx.Client, city: Database, desk_entries: Entries
) -> None:
    mine = enroll(client, city, "ZY")
    other = enroll(client, city, "HY")
    before = table_counts(city)
    r = post(client, mine, push_body(other.id, desk_entries), **{"Content-Encoding": "gzip"})
    assert r.status_code == 403 and "device_id" in r.json()["detail"]
    assert table_counts(city) == before


def test_sql_looking_text_is_just_text(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    nasty = "Robert'); DROP TABLE record;--"
    pid = register(desk, "14022619800301123", "张三", note=nasty, address="' OR '1'='1")
    device = enroll(client, city, "ZY", desk)
    entries = outbox(desk)
    r = push(client, device, entries)
    assert {x["status"] for x in r.json()["results"]} == {"applied"}
    with city.reading() as s:
        person = s.get(Record, ("person", pid))
        assert person is not None
        assert person.data["note"] == nasty and person.data["address"] == "' OR '1'='1"
        assert len(s.scalars(select(Record)).all()) > 1
