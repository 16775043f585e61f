"""City server ingest benchmark: pushed outbox entries applied per second.

    .venv/bin/python bench/ingest_bench.py [--people 5000] [--no-postgres] [--no-http]

Builds two desks with ``fill_demo`` (same seed, so the same job seekers):
左云县零工市场 (ZY) and 浑源县零工市场 (HY). Their outboxes (person +
person_occupation entries, plus a clerk and audit events) are cut into
batches the way the desk client sends them (at most ``MAX_BATCH_BYTES``
compressed and ``MAX_ENTRIES`` entries). Then, on a fresh city database of
each kind (PostgreSQL at 127.0.0.1:5432, a new database dropped afterwards;
SQLite in bench/out/), it times:

- ``new``: ZY's batches through ``apply_push``, one write transaction each
  (every person is new to the city);
- ``merge``: HY's batches (the same people registered again: field-by-field
  merge, links and feed rows for a second market);
- ``repeat``: ZY's batches again (every entry already received);
- ``http``: HY's batches pushed again as a third desk over HTTP (uvicorn in a
  thread, gzip bodies, httpx): the whole server path, all entries merging.

Prints entries per second, batches and the median ms per batch for each.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import gzip
import json
import os
import secrets
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# the city server of the run keeps its signing key encrypted with a passphrase
os.environ.setdefault("LINGONG_CITY_KEY_PASSPHRASE", "bench city passphrase")
sys.path.insert(0, str(ROOT))  # lingong_city from this checkout, installed or not

import httpx  # noqa: E402
import psycopg  # noqa: E402
import uvicorn  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from sqlalchemy import select  # noqa: E402

from lingong_city import devices  # noqa: E402
from lingong_city.app import create_app  # noqa: E402
from lingong_city.db import Database, open_database  # noqa: E402
from lingong_city.ingest import apply_push  # noqa: E402
from lingong_city.keys import sha256_hex  # noqa: E402
from lingong_city.models import Device  # noqa: E402
from lingong_desk.db.engine import open_database as open_desk_database  # noqa: E402
from lingong_desk.db.models import OutboxEntry  # noqa: E402
from lingong_desk.domain.occupations import Catalogue  # noqa: E402
from lingong_desk.resources import OCCUPATIONS_FILE, resource  # noqa: E402
from lingong_desk.services.accounts import AccountService, MarketInfo  # noqa: E402
from lingong_desk.services.context import ServiceContext, start_device  # noqa: E402
from lingong_desk.services.demo import fill_demo  # noqa: E402
from lingong_desk.services.samples import HUNYUAN, ZUOYUN  # noqa: E402
from lingong_desk.sync.protocol import (  # noqa: E402
    MAX_BATCH_BYTES,
    MAX_ENTRIES,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    PushRequest,
    encode,
    parse_push,
)

MARKETS = {"ZY": ZUOYUN, "HY": HUNYUAN}
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=10"
Entry = dict[str, Any]


def desk_outbox(folder: Path, market: MarketInfo, people: int) -> list[Entry]:
    catalogue = Catalogue.from_csv(resource(*OCCUPATIONS_FILE).read_text("utf-8"))
    ctx = ServiceContext(open_desk_database(folder / f"{market.code}.sqlite3"), catalogue)
    start_device(ctx)
    accounts = AccountService(ctx)
    accounts.set_up(market, "演示", "demo1234", "demo1234")
    accounts.sign_in("演示", "demo1234")
    fill_demo(ctx, people=people, employers=0, postings=0, seed=7)
    with ctx.reading() as s:
        rows = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))
        entries = [
            {
                "seq": e.seq,
                "entity": e.entity,
                "row_id": str(e.row_id),
                "op": e.op,
                "hlc": e.hlc,
                "changed": list(e.changed),
                "payload": e.payload,
            }
            for e in rows
        ]
    ctx.db.close()
    return entries


def batches(entries: list[Entry], device_id: str) -> list[bytes]:
    """Cut entries into gzip bodies of at most MAX_BATCH_BYTES, as the desk sends them."""
    out: list[bytes] = []
    start = 0
    while start < len(entries):
        size = min(MAX_ENTRIES, len(entries) - start)
        while True:
            body = encode(
                {
                    "protocol": PROTOCOL_VERSION,
                    "device_id": device_id,
                    "entries": entries[start : start + size],
                }
            )
            if len(body) <= MAX_BATCH_BYTES or size == 1:
                break
            size = max(1, size * MAX_BATCH_BYTES // len(body) * 9 // 10)
        out.append(body)
        start += size
    return out


def new_device(db: Database, market: str) -> Device:
    key = Ed25519PrivateKey.generate().public_key()
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    now = dt.datetime.now(dt.UTC)
    with db.writing() as s:
        code = devices.new_enrollment_code(s, market, now)
        enrolled = devices.enroll(s, code, "bench", base64.b64encode(raw).decode(), now)
    with db.reading() as s:
        device = s.get(Device, enrolled.device_id)
        assert device is not None
        return device


def requests_for(bodies: list[bytes]) -> list[PushRequest]:
    return [parse_push(json.loads(gzip.decompress(b))) for b in bodies]


def timed(label: str, count: int, run: Callable[[], list[float]]) -> dict[str, Any]:
    start = time.perf_counter()
    per_batch = run()
    seconds = time.perf_counter() - start
    figure = {
        "label": label,
        "entries": count,
        "batches": len(per_batch),
        "seconds": seconds,
        "rate": count / seconds,
        "median_ms": statistics.median(per_batch) * 1000,
    }
    print(
        f"  {label:<7} {count:>7} entries  {len(per_batch):>4} batches  {seconds:7.2f} s  "
        f"{figure['rate']:>8.0f} entries/s  {figure['median_ms']:7.1f} ms/batch (median)",
        flush=True,
    )
    return figure


def apply_all(db: Database, device: Device, requests: list[PushRequest]) -> list[float]:
    times = []
    for request in requests:
        t = time.perf_counter()
        with db.writing() as s:
            current = s.get(Device, device.id)
            assert current is not None
            answer = apply_push(s, current, request, dt.datetime.now(dt.UTC))
        times.append(time.perf_counter() - t)
        assert all(r.status != "rejected" for r in answer.results), answer.results[:3]
    return times


def over_http(db: Database, entries: list[Entry]) -> list[float]:
    device = new_device(db, "HY")
    app = create_app(db.url)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    credential = secrets.token_urlsafe(32)  # give the bench device a known credential
    with db.writing() as s:
        current = s.get(Device, device.id)
        assert current is not None
        current.credential_hash = sha256_hex(credential)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    while not server.started:
        time.sleep(0.01)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    headers = {
        "Authorization": f"Bearer {credential}",
        "Content-Encoding": "gzip",
        PROTOCOL_HEADER: str(PROTOCOL_VERSION),
    }
    times = []
    try:
        with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
            for body in batches(entries, str(device.id)):
                t = time.perf_counter()
                r = client.post("/v1/push", content=body)
                times.append(time.perf_counter() - t)
                assert r.status_code == 200, r.text
    finally:
        server.should_exit = True
        thread.join()
        sock.close()
    return times


def run_on(
    url: str, label: str, zy: list[Entry], hy: list[Entry], http: bool
) -> list[dict[str, Any]]:
    print(f"{label}:", flush=True)
    db = open_database(url)
    now = dt.datetime.now(dt.UTC)
    with db.writing() as s:
        for m in MARKETS.values():
            devices.add_market(s, m.code, m.name, now, m.region_code, m.phone, m.address)
    zy_device, hy_device = new_device(db, "ZY"), new_device(db, "HY")
    zy_requests = requests_for(batches(zy, str(zy_device.id)))
    hy_requests = requests_for(batches(hy, str(hy_device.id)))
    figures = [
        timed("new", len(zy), lambda: apply_all(db, zy_device, zy_requests)),
        timed("merge", len(hy), lambda: apply_all(db, hy_device, hy_requests)),
        timed("repeat", len(zy), lambda: apply_all(db, zy_device, zy_requests)),
    ]
    if http:
        figures.append(timed("http", len(hy), lambda: over_http(db, hy)))
    db.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        zy = desk_outbox(Path(tmp), MARKETS["ZY"], args.people)
        hy = desk_outbox(Path(tmp), MARKETS["HY"], args.people)
        print(f"BUILD two desks of {args.people} people: {time.perf_counter() - t:.1f} s")
    kinds = {e["entity"] for e in zy}
    print(
        f"entries per desk: {len(zy)} ({', '.join(sorted(kinds))}); "
        f"batches of at most {MAX_BATCH_BYTES} bytes compressed: {len(batches(zy, '0' * 36))}"
    )
    results = {}
    sqlite_path = out / "ingest-city.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
    results["sqlite"] = run_on(f"sqlite:///{sqlite_path}", "SQLite", zy, hy, not args.no_http)
    if not args.no_postgres:
        name = f"lingong_city_bench_{secrets.token_hex(4)}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
            results["postgresql"] = run_on(url, "PostgreSQL", zy, hy, not args.no_http)
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print("RATES (entries/s):")
    for db_kind, figures in results.items():
        print(f"  {db_kind:<11}" + "  ".join(f"{f['label']} {f['rate']:.0f}" for f in figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
