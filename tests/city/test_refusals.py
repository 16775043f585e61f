"""Input the city refuses: foreign digits, impossible ID numbers and dates, mislabelled
bodies, oddly written credentials, oversized bundle files; and enrolment guessing."""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import threading
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from lingong_city import bundles, devices, keys
from lingong_city.app import create_app
from lingong_city.db import Database
from lingong_city.models import EnrollmentCode, Record
from lingong_city.schema import BatchRefused
from lingong_desk.domain.ids import person_id
from lingong_desk.sync.protocol import bundle_envelope
from tests import factories
from tests.city.conftest import LiveServer
from tests.city.helpers import (
    SPEAKS,
    ZY,
    enroll,
    enrollment_code,
    open_desk,
    outbox,
    public_key_text,
    push,
    push_body,
    register,
    table_counts,
)

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture
def entries(tmp_path: Path) -> list[dict[str, Any]]:
    desk = open_desk(tmp_path / "zy", ZY)
    register(desk, "14022619800301123", "张三")
    return outbox(desk)


def _one(entries: list[dict[str, Any]], entity: str) -> dict[str, Any]:
    return copy.deepcopy(next(e for e in entries if e["entity"] == entity))


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("hlc", "foreign digits", "hlc is not a clock stamp"),
        ("payload.created_at", "9999-12-31T00:00:00+00:00", "created_at"),
        ("payload.created_at", "1850-01-01T00:00:00+00:00", "created_at"),
        ("payload.birth_date", "9999-01-01", "birth_date"),
        ("payload.birth_date", "١٩٨٠-٠٣-٠١", "birth_date"),
        ("payload.registered_at", "٢٠٢٦-٠١-٠١T10:00:00+00:00", "registered_at"),
    ],
)
def test_foreign_digits_and_impossible_dates_refuse_the_batch(
    client: httpx.Client,
    city: Database,
    entries: list[dict[str, Any]],
    field: str,
    value: str,
    words: str,
) -> None:
    device = enroll(client, city, "ZY")
    person = _one(entries, "person")
    if field == "hlc":
        # the wall-clock digits only: "\d" took them, and int() reads them
        person["hlc"] = person["hlc"][:13].translate(ARABIC_INDIC) + person["hlc"][13:]
    else:
        person["payload"][field.split(".")[1]] = value
    before = table_counts(city)
    r = push(client, device, [person])
    assert r.status_code == 422, r.text
    assert words in r.json()["detail"]
    assert table_counts(city) == before


def test_an_id_number_failing_gb_11643_is_rejected(
    client: httpx.Client, city: Database, entries: list[dict[str, Any]]
) -> None:
    device = enroll(client, city, "ZY")
    person = _one(entries, "person")
    bad = factories.bad_check_digit(person["payload"]["id_number"])
    person["payload"]["id_number"] = bad
    person["row_id"] = person["payload"]["id"] = str(person_id(bad))
    got = push(client, device, [person]).json()["results"][0]
    assert got["status"] == "rejected" and "GB 11643" in got["reason"]
    with city.reading() as s:
        assert s.scalars(select(Record)).all() == []


def test_a_body_must_be_what_its_label_says(
    client: httpx.Client, city: Database, entries: list[dict[str, Any]]
) -> None:
    device = enroll(client, city, "ZY")
    before = table_counts(city)
    body = push_body(device.id, entries)
    for label in ("br", "deflate", "gzip, br", "x-gzip"):
        r = client.post(
            "/v1/push", content=body, headers={**device.auth, "Content-Encoding": label}
        )
        assert r.status_code == 415, (label, r.text)
        assert "Content-Encoding" in r.json()["detail"]
    # said to be plain, it is read as plain: gzip bytes are no JSON
    r = client.post(
        "/v1/push", content=body, headers={**device.auth, "Content-Encoding": "identity"}
    )
    assert r.status_code == 400 and "not JSON" in r.json()["detail"]
    assert table_counts(city) == before
    code = enrollment_code(city, "ZY")
    key = public_key_text(Ed25519PrivateKey.generate())
    r = client.post(
        "/v1/enroll",
        content=gzip.compress(f'{{"code":"{code}","public_key":"{key}"}}'.encode()),
        headers={"Content-Encoding": "br", "Content-Type": "application/json"},
    )
    assert r.status_code == 415


def test_only_a_plainly_written_bearer_credential_counts(
    client: httpx.Client, city: Database
) -> None:
    device = enroll(client, city, "ZY")
    token = device.credential
    assert client.get("/v1/pull", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    for written in (
        f"bearer {token}",
        f"BEARER {token}",
        f"Bearer  {token}",
        f"Bearer\t{token}",
        f"Bearer {token} x",
        f"Bearer:{token}",
        f"Bearer {token}\u00a0",
    ):
        r = client.get("/v1/pull", headers={"Authorization": written.encode("utf-8")})
        assert r.status_code == 401, written


def test_an_oversized_bundle_file_is_refused_unread(city: Database, tmp_path: Path) -> None:
    big = tmp_path / "big.lgbundle"
    with big.open("wb") as f:
        f.truncate(64 * 1024 * 1024)  # sparse: nothing is written, nothing must be read
    tracemalloc.start()
    try:
        with pytest.raises(BatchRefused, match="at most"):
            bundles.read_bundle_file(big)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_a_signed_bomb_is_not_inflated_past_the_limit(client: httpx.Client, city: Database) -> None:
    device = enroll(client, city, "ZY")
    raw = b'{"protocol":2,"entries":[],"pad":"' + b" " * (bundles.MAX_BUNDLE_BYTES + 10) + b'"}'
    body = gzip.compress(raw, compresslevel=9, mtime=0)
    assert len(body) < bundles.MAX_BUNDLE_FILE_BYTES // 2
    data = bundle_envelope("push", device.id, body, device.key.sign(body))
    forged = bundle_envelope("push", device.id, body, Ed25519PrivateKey.generate().sign(body))
    now = dt.datetime.now(dt.UTC)
    with pytest.raises(BatchRefused, match="signature"):
        bundles.import_push_bundle(city, forged, now)
    tracemalloc.start()
    try:
        with pytest.raises(BatchRefused, match="larger than"):
            bundles.import_push_bundle(city, data, now)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * bundles.MAX_BUNDLE_BYTES


# ---- enrolment guessing ------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clocked(city: Database) -> Iterator[tuple[httpx.Client, Clock]]:
    clock = Clock()
    with (
        LiveServer(create_app(city.url, clock=clock)) as server,
        httpx.Client(base_url=server.url, headers=SPEAKS) as c,
    ):
        yield c, clock


def _try(client: httpx.Client, code: str) -> httpx.Response:
    key = public_key_text(Ed25519PrivateKey.generate())
    return client.post("/v1/enroll", json={"code": code, "public_key": key})


def test_enrolment_guesses_are_rate_limited_per_address(
    city: Database, clocked: tuple[httpx.Client, Clock]
) -> None:
    client, clock = clocked
    answers = [_try(client, f"AAAA{i % 10}-BBBBB-CCCCC").status_code for i in range(12)]
    assert answers[:10] == [403] * 10 and answers[10:] == [429, 429]
    r = _try(client, "AAAAA-BBBBB-CCCCC")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    clock.now += dt.timedelta(seconds=6)  # one more try after the refill time
    assert _try(client, "AAAAA-BBBBB-CCCCC").status_code == 403
    assert _try(client, "AAAAA-BBBBB-CCCCC").status_code == 429
    clock.now += dt.timedelta(minutes=2)  # a real desk later is served
    assert _try(client, enrollment_code(city, "ZY", made=clock.now)).status_code == 200


def test_a_code_is_locked_after_repeated_wrong_tries(
    city: Database, clocked: tuple[httpx.Client, Clock]
) -> None:
    client, clock = clocked
    code = enrollment_code(city, "ZY", made=clock.now)
    first = code.split("-")[0]
    for n in range(devices.MAX_CODE_FAILURES):
        r = _try(client, f"{first}-ZZZZZ-ZZZZ{n}")
        assert r.status_code == 403 and "not known" in r.json()["detail"]
    r = _try(client, code)
    assert r.status_code == 403 and "locked" in r.json()["detail"]
    with city.reading() as s:
        row = s.get(EnrollmentCode, keys.code_hash(code))
        assert row is not None and row.locked_at is not None and row.used_at is None


def test_a_guess_is_answered_without_waiting_for_a_writer(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    answers: list[int] = []
    guess = threading.Thread(
        target=lambda: answers.append(_try(client, "AAAAA-BBBBB-CCCCC").status_code)
    )
    with city.writing() as s:  # a long push holds the write lock
        devices.add_market(s, "DT", "大同市平城区零工市场", dt.datetime.now(dt.UTC))
        guess.start()
        guess.join(60)
        answered = not guess.is_alive()
    guess.join(60)
    assert answered and answers == [403]
