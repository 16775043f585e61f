"""Sync by USB stick: signed push bundles in, signed pull bundles out."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from pathlib import Path

import httpx
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select

from lingong_city import bundles
from lingong_city.bundles import export_pull_bundle, import_push_bundle
from lingong_city.db import Database
from lingong_city.models import Record
from lingong_city.schema import BatchRefused
from lingong_desk.sync.protocol import bundle_envelope, decode, open_envelope, parse_pull_response
from tests.city.helpers import (
    HY,
    ZY,
    Device,
    employer_and_posting,
    enroll,
    open_desk,
    outbox,
    push_body,
    register,
    table_counts,
)


def now() -> dt.datetime:
    """The city's time of an import or export: read when it happens, not at import."""
    return dt.datetime.now(dt.UTC)


def push_bundle(
    device: Device, entries: list[dict[str, object]], key: Ed25519PrivateKey | None = None
) -> bytes:
    body = push_body(device.id, entries)
    return bundle_envelope("push", device.id, body, (key or device.key).sign(body))


def test_a_signed_push_bundle_is_applied_once(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    pid = register(desk, "14022619800301123", "张三")
    device = enroll(client, city, "ZY", desk)
    entries = outbox(desk)
    data = push_bundle(device, entries)
    answer = import_push_bundle(city, data, now())
    assert [r.seq for r in answer.results] == [e["seq"] for e in entries]
    assert {r.status for r in answer.results} == {"applied"}
    with city.reading() as s:
        assert s.get(Record, ("person", pid)) is not None
    before = table_counts(city)
    again = import_push_bundle(city, data, now())  # the same stick, read twice
    assert again.results == answer.results
    assert table_counts(city) == before


def test_a_big_bundle_is_applied_in_slices(
    client: httpx.Client, city: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    for i in range(8):
        register(desk, f"14022619800301{i}1{i}", f"李{'一二三四五六七八'[i]}")
    device = enroll(client, city, "ZY", desk)
    entries = outbox(desk)
    monkeypatch.setattr(bundles, "MAX_ENTRIES", 5)  # slices of 5 entries
    answer = import_push_bundle(city, push_bundle(device, entries), now())
    assert len(answer.results) == len(entries) > 5
    assert {r.status for r in answer.results} == {"applied"}


def test_a_tampered_or_foreign_bundle_is_refused(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    register(desk, "14022619800301123", "张三")
    device = enroll(client, city, "ZY", desk)
    other = enroll(client, city, "HY")
    entries = outbox(desk)
    good = push_bundle(device, entries)
    before = table_counts(city)
    env = json.loads(good)
    body = bytearray(base64.b64decode(env["body"]))
    body[len(body) // 2] ^= 0x01
    tampered = bundle_envelope("push", device.id, bytes(body), base64.b64decode(env["signature"]))
    stolen_key = push_bundle(device, entries, Ed25519PrivateKey.generate())
    as_other = bundle_envelope(
        "push",
        other.id,
        base64.b64decode(env["body"]),
        other.key.sign(base64.b64decode(env["body"])),
    )
    cases = [
        (tampered, 403, "signature"),
        (stolen_key, 403, "signature"),
        (as_other, 422, "another device"),
        (b"not a bundle", 400, "damaged"),
        (bundle_envelope("pull", device.id, b"x", b"y"), 422, "not a push bundle"),
        (bundle_envelope("push", str(uuid.uuid4()), b"x", b"y"), 403, "not enrolled"),
    ]
    for data, status, words in cases:
        with pytest.raises(BatchRefused) as err:
            import_push_bundle(city, data, now())
        assert err.value.status == status and words in err.value.reason, err.value.reason
    assert table_counts(city) == before


def test_a_pull_bundle_is_signed_by_the_city(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    employer, posting = employer_and_posting(zy, "左云县鑫源物业管理有限公司", "91110000600037341L")
    zy_device = enroll(client, city, "ZY", zy)
    import_push_bundle(city, push_bundle(zy_device, outbox(zy)), now())
    hy = open_desk(tmp_path / "hy", HY)
    worker = register(hy, "14022519900503345", "王五")
    hy_device = enroll(client, city, "HY", hy)
    hy_entries = outbox(hy)
    import_push_bundle(city, push_bundle(hy_device, hy_entries), now())

    out = tmp_path / "hy-pull.lgb"
    done = export_pull_bundle(city, uuid.UUID(hy_device.id), out, now())
    kind, device_id, body, signature = open_envelope(out.read_bytes())
    assert (kind, device_id) == ("pull", hy_device.id)
    city_key = Ed25519PublicKey.from_public_bytes(base64.b64decode(hy_device.city_public_key))
    city_key.verify(signature, body)
    message = decode(body)
    response = parse_pull_response(message)
    rows = {(c.entity, c.row_id) for c in response.changes}
    assert {
        ("employer", str(employer)),
        ("job_posting", str(posting)),
        ("person", str(worker)),
    } <= rows
    assert all(
        c.row["market_code"] != "ZY" or c.entity in ("employer", "job_posting")
        for c in response.changes
    )
    assert message["device_id"] == hy_device.id and message["market_code"] == "HY"
    assert message["after"] == 0
    assert [r["seq"] for r in message["results"]] == [e["seq"] for e in hy_entries]
    assert {m["code"] for m in message["markets"]} == {"ZY", "HY"}
    assert done.changes == len(response.changes) and done.next == response.next
    with pytest.raises(InvalidSignature):
        city_key.verify(signature, body[:-1] + bytes([body[-1] ^ 1]))
    # the next bundle carries only what is new, and the results were handed over
    again = tmp_path / "hy-pull-2.lgb"
    export_pull_bundle(city, uuid.UUID(hy_device.id), again, now())
    second = decode(open_envelope(again.read_bytes())[2])
    assert second["changes"] == [] and second["results"] == []
    assert second["next"] == response.next == second["after"]
    with city.reading() as s:
        assert len(s.scalars(select(Record)).all()) > 0
