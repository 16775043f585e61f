"""Enrollment: a one-time code buys a device id and a credential; credentials guard sync."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import uuid

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select, text

from lingong_city import devices, keys
from lingong_city.db import Database
from lingong_city.models import Base, Device, EnrollmentCode
from tests.city.helpers import enroll, enrollment_code, public_key_text, push


def body(code: str, key: Ed25519PrivateKey | None = None) -> dict[str, str]:
    key = key or Ed25519PrivateKey.generate()
    return {"code": code, "device_name": "窗口1", "public_key": public_key_text(key)}


def test_a_code_enrolls_one_desk_once(client: httpx.Client, city: Database) -> None:
    key = Ed25519PrivateKey.generate()
    code = enrollment_code(city, "ZY", desk_number=3)
    first = client.post("/v1/enroll", json=body(code, key))
    assert first.status_code == 200, first.text
    got = first.json()
    assert set(got) == {"device_id", "credential", "market", "desk_number", "city_public_key"}
    assert got["market"] == {
        "code": "ZY",
        "name": "左云县零工市场",
        "region_code": "140226",
        "phone": "0352-3022110",
        "address": "左云县云兴镇新建路",
    }
    assert got["desk_number"] == 3
    assert len(base64.b64decode(got["city_public_key"])) == 32
    again = client.post("/v1/enroll", json=body(code))
    assert again.status_code == 403
    assert "used already" in again.json()["detail"]
    with city.reading() as s:
        device = s.scalars(select(Device)).one()
        assert str(device.id) == got["device_id"]
        assert device.public_key == public_key_text(key)
        assert device.credential_hash == keys.sha256_hex(got["credential"])
        row = s.scalars(select(EnrollmentCode)).one()
        assert row.used_at is not None and row.device_id == device.id
        assert row.code_hash == keys.code_hash(code)


def test_the_code_is_typed_loosely(client: httpx.Client, city: Database) -> None:
    code = enrollment_code(city, "HY")
    typed = code.lower().replace("-", " ")
    r = client.post("/v1/enroll", json=body(typed))
    assert r.status_code == 200, r.text
    assert r.json()["market"]["code"] == "HY"


def test_expired_and_unknown_codes_are_refused(client: httpx.Client, city: Database) -> None:
    old = enrollment_code(city, "ZY", made=dt.datetime.now(dt.UTC) - dt.timedelta(hours=73))
    r = client.post("/v1/enroll", json=body(old))
    assert r.status_code == 403 and "expired" in r.json()["detail"]
    r = client.post("/v1/enroll", json=body("AAAAA-BBBBB-CCCCC"))
    assert r.status_code == 403 and "not known" in r.json()["detail"]
    with city.reading() as s:
        assert s.scalars(select(Device)).all() == []


def test_a_bad_public_key_or_body_is_refused(client: httpx.Client, city: Database) -> None:
    code = enrollment_code(city, "ZY")
    r = client.post("/v1/enroll", json={"code": code, "public_key": "not base64!"})
    assert r.status_code == 422
    r = client.post(
        "/v1/enroll", json={"code": code, "public_key": base64.b64encode(b"x" * 31).decode()}
    )
    assert r.status_code == 422 and "32-byte" in r.json()["detail"]
    r = client.post(
        "/v1/enroll", json={"public_key": public_key_text(Ed25519PrivateKey.generate())}
    )
    assert r.status_code == 422 and "code" in r.json()["detail"]
    r = client.post(
        "/v1/enroll", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400
    half = json.dumps(dict(body(code), device_name="窗口\ud800")).encode()
    r = client.post("/v1/enroll", content=half, headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and "device_name" in r.json()["detail"]
    # the code survived the failed attempts; a NUL in the PC's name is dropped
    named = json.dumps(dict(body(code), device_name="窗口\u0000一")).encode()
    r = client.post("/v1/enroll", content=named, headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    with city.reading() as s:
        assert s.scalars(select(Device.name)).one() == "窗口一"


def test_desk_numbers_are_given_in_turn_and_never_twice(
    client: httpx.Client, city: Database
) -> None:
    numbers = [enroll(client, city, "ZY").desk_number for _ in range(3)]
    assert numbers == [1, 2, 3]
    with city.writing() as s, pytest.raises(ValueError, match="held by device"):
        devices.new_enrollment_code(s, "ZY", dt.datetime.now(dt.UTC), desk_number=2)
    first = enroll(client, city, "HY")
    assert first.desk_number == 1
    with city.writing() as s:
        devices.revoke(s, uuid.UUID(first.id))
    assert enroll(client, city, "HY").desk_number == 1


def test_credentials_are_needed_and_revocation_ends_them(
    client: httpx.Client, city: Database
) -> None:
    device = enroll(client, city, "ZY")
    assert client.get("/v1/pull").status_code == 401
    r = client.get("/v1/pull", headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.get("/v1/pull", headers={"Authorization": "Basic abc"}).status_code == 401
    assert client.get("/v1/pull", headers=device.auth).status_code == 200
    assert push(client, device, []).status_code == 200
    with city.writing() as s:
        devices.revoke(s, uuid.UUID(device.id), reason="the PC was stolen")
    refused = client.get("/v1/pull", headers=device.auth)
    assert refused.status_code == 403
    assert "revoked by the city" in refused.json()["detail"]
    assert "the PC was stolen" in refused.json()["detail"]
    pushed = push(client, device, [])
    assert pushed.status_code == 403 and "revoked" in pushed.json()["detail"]


def test_the_credential_is_never_stored_nor_logged(
    client: httpx.Client, city: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    code = enrollment_code(city, "ZY")
    r = client.post("/v1/enroll", json=body(code))
    credential = r.json()["credential"]
    assert len(base64.urlsafe_b64decode(credential + "==")) == 32
    device_id = r.json()["device_id"]
    auth = {"Authorization": f"Bearer {credential}"}
    assert client.get("/v1/pull", headers=auth).status_code == 200
    assert client.post("/v1/push", content=b"junk", headers=auth).status_code == 400
    assert any(device_id in rec.getMessage() for rec in caplog.records)  # logging works
    for rec in caplog.records:
        assert credential not in rec.getMessage()
        assert code not in rec.getMessage()
    with city.reading() as s:
        for table in Base.metadata.sorted_tables:
            for row in s.execute(text(f"SELECT * FROM {table.name}")):
                assert credential not in str(row) and code not in str(row)


def test_the_city_key_verifies_what_it_signs(client: httpx.Client, city: Database) -> None:
    a = enroll(client, city, "ZY")
    b = enroll(client, city, "HY")
    assert a.city_public_key == b.city_public_key
    raw = base64.b64decode(a.city_public_key)
    Ed25519PublicKey.from_public_bytes(raw)  # a valid key
