"""Signed bundle files: export changes nothing, a tampered file is refused."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from lingong_desk.db.models import Person, Referral
from lingong_desk.services.registry import Services
from lingong_desk.sync import state
from lingong_desk.sync.bundles import pull_bundle, read_push_bundle, sign
from lingong_desk.sync.errors import SyncError
from lingong_desk.sync.outbox import to_entry
from lingong_desk.sync.protocol import PullResponse, encode
from tests.test_sync_support import changes_of, fake_enrolment, fill, open_desk, outbox

CITY = Ed25519PrivateKey.generate()


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Services]:
    s = open_desk(tmp_path / "source" / "desk.sqlite3", clerk="李娜")
    yield s
    s.close()


def desk_key(services: Services) -> Ed25519PrivateKey:
    with services.sync.sessions.reader() as s:
        key = state.private_key(s)
    assert key is not None
    return key


def tamper(data: bytes) -> bytes:
    """Change one byte of the signed body, keeping the file well formed."""
    env = json.loads(data)
    body = bytearray(base64.b64decode(env["body"]))
    body[len(body) // 2] ^= 0x01
    env["body"] = base64.b64encode(bytes(body)).decode("ascii")
    return json.dumps(env).encode("utf-8")


def test_exporting_writes_signed_batches_and_changes_nothing(
    services: Services, tmp_path: Path
) -> None:
    fill(services)
    device = fake_enrolment(services.sync)
    services.sync.max_batch_bytes = 2048
    before = [(e.seq, e.sent_at) for e in outbox(services)]
    files = services.sync.export_push_bundles(tmp_path / "usb")
    assert len(files) > 1 and all(f.suffix == ".lgbundle" for f in files)
    assert [(e.seq, e.sent_at) for e in outbox(services)] == before  # still pending
    public = desk_key(services).public_key()
    requests = [read_push_bundle(f.read_bytes(), public) for f in sorted(files)]
    assert {r.device_id for r in requests} == {device}
    sent = [e for r in requests for e in r.entries]
    assert [e.to_json() for e in sent] == [
        to_entry(e).to_json() for e in outbox(services, unsent_only=True)
    ]
    assert services.sync.status().pending == len(before)


def test_a_tampered_or_foreign_push_bundle_is_refused(services: Services, tmp_path: Path) -> None:
    fill(services)
    fake_enrolment(services.sync)
    (first, *_) = services.sync.export_push_bundles(tmp_path / "usb")
    data = first.read_bytes()
    public = desk_key(services).public_key()
    with pytest.raises(SyncError) as err:
        read_push_bundle(tamper(data), public)
    assert err.value.kind == "signature"
    with pytest.raises(SyncError) as err:
        read_push_bundle(data, Ed25519PrivateKey.generate().public_key())
    assert err.value.kind == "signature"
    with pytest.raises(SyncError) as err:
        read_push_bundle(b"{not a bundle", public)
    assert err.value.kind == "bundle"


def test_a_pull_bundle_from_the_city_is_applied_like_a_pull(
    services: Services, source: Services, tmp_path: Path
) -> None:
    ids = fill(source)
    device = fake_enrolment(services.sync, city_key=CITY)
    changes = changes_of(source)
    path = tmp_path / "from-city.lgbundle"
    path.write_bytes(pull_bundle(PullResponse(tuple(changes), 42, False, ""), device, CITY, 0))
    imported = services.sync.import_pull_bundle(path)
    assert imported.changes == len(changes) and imported.applied.cursor == 42
    assert services.sync.state().cursor == 42
    with services.ctx.reading() as s:
        assert s.get(Referral, ids["referral"]) is not None


@pytest.mark.parametrize("problem", ["tampered", "other key", "other desk", "push kind", "gap"])
def test_a_bad_pull_bundle_is_refused_and_changes_nothing(
    services: Services, source: Services, tmp_path: Path, problem: str
) -> None:
    fill(source)
    device = fake_enrolment(services.sync, city_key=CITY)
    response = PullResponse(tuple(changes_of(source)), 42, False, "")
    data = {
        "tampered": lambda: tamper(pull_bundle(response, device, CITY)),
        "other key": lambda: pull_bundle(response, device, Ed25519PrivateKey.generate()),
        "other desk": lambda: pull_bundle(response, "0190f5a0-0000-7000-8000-0000000000ff", CITY),
        "push kind": lambda: sign("push", device, encode(response.to_json()), CITY),
        "gap": lambda: pull_bundle(response, device, CITY, after=7),
    }[problem]()
    path = tmp_path / "bad.lgbundle"
    path.write_bytes(data)
    with pytest.raises(SyncError) as err:
        services.sync.import_pull_bundle(path)
    assert err.value.kind == ("signature" if problem in ("tampered", "other key") else "bundle")
    assert str(err.value)
    assert services.sync.state().cursor == 0
    with services.ctx.reading() as s:
        assert s.scalars(select(Person)).all() == []


def test_bundles_need_an_enrolled_desk(services: Services, tmp_path: Path) -> None:
    fill(services)
    with pytest.raises(SyncError) as err:
        services.sync.export_push_bundles(tmp_path / "usb")
    assert err.value.kind == "not_enrolled"
    assert not (tmp_path / "usb").exists()
