#!/usr/bin/env python3
"""Many desks at once: entries per second with 50 desks of 10 markets pushing together.

    .venv/bin/python bench/city_load_bench.py [--desks 50] [--markets 10] [--workers 2]
        [--batches 4] [--entries 1000] [--shared 0.05]

The real server (``lingong-city serve --workers N``, separate processes) on a
fresh PostgreSQL database at 127.0.0.1:5432 (created and dropped by the run).
Ten markets, five desks each, enrolled with one-time codes. Every desk pushes
``--batches`` batches of ``--entries`` entries, all at once: job-seeker
registrations (a person and the job type they want), made from a row a real
desk wrote, with valid ID numbers; a share ``--shared`` of each desk's people
are also registered by a desk of the next market (the person is linked to two
markets, and its feed rows go to both). The bodies are built and compressed
before the clock starts, so the client costs little CPU; the desks push on
their own threads. One reader per market pulls its market's feed all along (a round every
``--pull-every`` seconds, each round until the feed ends).

Printed: entries, seconds, entries per second (the figure), the median and
worst push time, and the checks: every entry answered once (applied or
merged), every row at the city once, and every market's reader (which pulled
while the pushes ran, following ``next``) saw every row of its feed.
Load goes to 127.0.0.1 only; the run is bounded by its batch count and a
ten-minute limit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psycopg  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from psycopg import sql  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from stdnum.cn import ric  # noqa: E402

from lingong_city import devices  # noqa: E402
from lingong_city.db import open_database  # noqa: E402
from lingong_city.models import Feed, Received, Record  # noqa: E402
from lingong_desk.domain.hlc import Stamp  # noqa: E402
from lingong_desk.domain.ids import person_id, person_occupation_id  # noqa: E402
from lingong_desk.sync.outbox import make_batch  # noqa: E402
from lingong_desk.sync.protocol import (  # noqa: E402
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    Entry,
    derived_row_id,
)

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
SPEAKS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
LIMIT_S = 600
NAMES = "张王李赵刘陈杨黄周吴"


def market_codes(n: int) -> list[str]:
    return [f"M{chr(65 + i)}" for i in range(n)]


def id_number(desk: int, n: int) -> str:
    """A valid resident ID number (GB 11643), unique for (desk, n)."""
    serial = desk * 100_000 + n  # up to 99 desks, 100,000 people each
    day = dt.date(1960, 1, 1) + dt.timedelta(days=serial // 1000)
    first17 = f"140226{day:%Y%m%d}{serial % 1000:03d}"
    return first17 + ric.calc_check_digit(first17 + "0")  # it reads the first 17


def person_row(number: str, market: str, clerk: str, at: str) -> dict[str, Any]:
    born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return {
        "market_code": market, "created_at": at, "updated_at": at, "created_by": clerk,
        "updated_by": clerk, "deleted_at": None, "id_number": number,
        "name": NAMES[int(number[-2]) % 10] + "三", "sex": "M" if int(number[16]) % 2 else "F",
        "birth_date": born.isoformat(), "native_region_code": "140226",
        "native_place": "山西省大同市左云县", "phone": "138" + number[-8:], "address": "云兴镇",
        "district_code": "140226", "hukou_type": None, "hukou_address": "", "education": None,
        "category": None, "hardships": [], "work_form": "day", "pay_min": "150.00",
        "pay_max": "200.00", "pay_unit": "day", "available_from": None, "availability_note": "",
        "skills": "保洁", "certificates": "", "status": "seeking", "note": "",
        "registered_at": at, "last_active_at": at,
    }  # fmt: skip


def desk_batches(
    desk: int, market: str, device: str, node: str, shared_from: int | None, args: Any
) -> list[bytes]:
    """The bodies this desk pushes, as a desk's outbox makes them (protocol 3: zstd,
    without the keys and market code the city knows): registrations, two entries a
    person."""
    clerk = str(uuid.uuid4())
    at = dt.datetime.now(dt.UTC).isoformat()
    wall = int(time.time() * 1000) - 3_600_000
    per_batch = args.entries // 2
    bodies = []
    seq = 0
    for b in range(args.batches):
        entries = []
        for k in range(per_batch):
            n = b * per_batch + k
            owner, m = desk, n
            if shared_from is not None and n % max(1, round(1 / args.shared)) == 0:
                owner, m = shared_from, n + 1  # a person the next market's desk registers too
            number = id_number(owner, m)
            pid = person_id(number)
            for entity, row_id, payload in (
                ("person", pid, person_row(number, market, clerk, at)),
                (
                    "person_occupation",
                    person_occupation_id(pid, "4-09-08-01"),
                    {
                        "market_code": market,
                        "created_at": at,
                        "updated_at": at,
                        "created_by": clerk,
                        "updated_by": clerk,
                        "deleted_at": None,
                        "person_id": str(pid),
                        "occupation_code": "4-09-08-01",
                        "rank": 1,
                    },
                ),
            ):
                seq += 1
                stamp = Stamp(wall + seq, 0, node).encode()
                changed = tuple(payload)
                entries.append(Entry(seq, entity, str(row_id), "insert", stamp, changed, payload))
        bodies.append(make_batch(device, entries, epoch=1, home=market).body)
    return bodies


def _ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def _children(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
                )
            except (OSError, IndexError, ValueError):
                continue
    tree, todo = [root], [root]
    while todo:
        pid = todo.pop()
        kids = [p for p, parent in parents.items() if parent == pid]
        tree += kids
        todo += kids
    return tree


def cpu_seconds(server: int, database: str) -> tuple[float, float]:
    """CPU used so far by the server's processes and by the database's backends."""
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        backends = [
            int(r[0])
            for r in admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", (database,)
            )
        ]
    tick = os.sysconf("SC_CLK_TCK")
    return (
        sum(_ticks(p) for p in _children(server)) / tick,
        sum(_ticks(p) for p in backends) / tick,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--desks", type=int, default=50)
    parser.add_argument("--markets", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--shared", type=float, default=0.05)
    parser.add_argument(
        "--pull-every", type=float, default=5.0, help="seconds between a reader's pull rounds"
    )
    args = parser.parse_args()
    name = f"lingong_load_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = PG_URL.format(name=name)
    server = None
    try:
        db = open_database(url)
        markets = market_codes(args.markets)
        now = dt.datetime.now(dt.UTC)
        desks: list[dict[str, Any]] = []
        with tempfile.TemporaryDirectory() as tmp:
            key_file = Path(tmp) / "city-key.pem"
            with db.writing() as s:
                for m in markets:
                    devices.add_market(s, m, f"{m}零工市场", now)
            for d in range(args.desks):
                market = markets[d % args.markets]
                with db.writing() as s:
                    code = devices.new_enrollment_code(s, market, now)
                    key = (
                        Ed25519PrivateKey.generate()
                        .public_key()
                        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
                    )
                    import base64

                    enrolled = devices.enroll(
                        s, code, f"desk {d}", base64.b64encode(key).decode(), now,
                        key_file=key_file,
                    )  # fmt: skip
                desks.append({"n": d, "market": market, "id": str(enrolled.device_id),
                              "credential": enrolled.credential})  # fmt: skip
            # desk d of market i also registers some people of desk d+1 (next market)
            for d, desk in enumerate(desks):
                shared = (d + 1) % args.desks if args.shared > 0 else None
                desk["bodies"] = desk_batches(d, desk["market"], desk["id"], f"d{d:03d}",
                                              shared, args)  # fmt: skip
            readers = {m: next(x for x in desks if x["market"] == m) for m in markets}
            total = sum(
                len(b) for d in desks for b in d["bodies"]
            )  # compressed bytes, for the record
            port = free_port()
            env = dict(os.environ, LINGONG_CITY_KEY_FILE=str(key_file))
            log_path = ROOT / "bench" / "out" / "city-load-server.log"
            log_path.parent.mkdir(parents=True, exist_ok=True)
            server_log = log_path.open("wb")
            server = subprocess.Popen(
                [sys.executable, "-m", "lingong_city", "serve", "--database", url,
                 "--port", str(port), "--workers", str(args.workers), "--log-level", "warning"],
                cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start")
                time.sleep(0.2)
            push_times: list[float] = []
            answers: dict[str, list[dict[str, Any]]] = {}
            errors: list[str] = []
            seen: dict[str, set[tuple[str, str]]] = {m: set() for m in markets}
            done = threading.Event()

            def push_desk(desk: dict[str, Any]) -> None:
                headers = {**SPEAKS, "Authorization": f"Bearer {desk['credential']}",
                           "Content-Encoding": "zstd", "Content-Type": "application/json"}  # fmt: skip
                with httpx.Client(base_url=base, timeout=300) as c:
                    for body in desk["bodies"]:
                        t = time.perf_counter()
                        r = c.post("/v1/push", content=body, headers=headers)
                        push_times.append(time.perf_counter() - t)
                        if r.status_code != 200:
                            errors.append(f"{r.status_code} {r.text[:200]}")
                            return
                        answers.setdefault(desk["id"], []).extend(r.json()["results"])
                        if os.environ.get("BENCH_DEBUG"):
                            print([x for x in r.json()["results"] if x["status"] == "rejected"][:2])

            def read_market(market: str) -> None:
                reader = readers[market]
                headers = {**SPEAKS, "Authorization": f"Bearer {reader['credential']}"}
                cursor = 0
                with httpx.Client(base_url=base, timeout=300) as c:
                    while True:
                        finished = done.is_set()
                        r = c.get("/v1/pull", params={"after": cursor, "limit": 5000,
                                                      "epoch": 0}, headers=headers)  # fmt: skip
                        if r.status_code != 200:
                            errors.append(f"pull {r.status_code}")
                            return
                        page = r.json()
                        seen[market].update(
                            (x["entity"], x.get("row_id") or derived_row_id(x["entity"], x["row"]))
                            for x in page["changes"]
                        )
                        cursor = page["next"]
                        if finished and not page["more"]:
                            return
                        if not page["more"]:
                            done.wait(args.pull_every)

            pushers = [threading.Thread(target=push_desk, args=(d,)) for d in desks]
            pullers = [threading.Thread(target=read_market, args=(m,)) for m in markets]
            for t in pullers:
                t.start()
            cpu_before = cpu_seconds(server.pid, name)
            start = time.perf_counter()
            for t in pushers:
                t.start()
            for t in pushers:
                t.join(LIMIT_S)
            elapsed = time.perf_counter() - start
            cpu_after = cpu_seconds(server.pid, name)
            cpu_server = cpu_after[0] - cpu_before[0]
            cpu_db = cpu_after[1] - cpu_before[1]
            cpu = cpu_server + cpu_db
            done.set()
            for t in pullers:
                t.join(LIMIT_S)
        entries = sum(len(a) for a in answers.values())
        statuses: dict[str, int] = {}
        for a in answers.values():
            for r in a:
                statuses[r["status"]] = statuses.get(r["status"], 0) + 1
        with db.reading() as s:
            received = int(s.scalar(select(func.count()).select_from(Received)) or 0)
            records = int(s.scalar(select(func.count()).select_from(Record)) or 0)
            feeds = {
                m: {
                    (e, str(r))
                    for e, r in s.execute(
                        select(Feed.entity, Feed.row_id).where(Feed.market_code == m)
                    )
                }
                for m in markets
            }
        expected_rows = len({(b, k) for d in range(args.desks) for b, k in _people(d, args)}) * 2
        missed = {m: len(feeds[m] - seen[m]) for m in markets}
        sent = args.desks * args.batches * (args.entries // 2) * 2
        print(f"desks {args.desks} of {args.markets} markets, server workers {args.workers}")
        print(f"entries pushed: {sent} in {args.desks * args.batches} batches "
              f"({total / sent:.0f} bytes/entry zstd)")  # fmt: skip
        print(f"time: {elapsed:.1f} s")
        print(f"RATE: {entries / elapsed:,.0f} entries/s (goal 2,000)")
        cores = os.cpu_count() or 1
        print(
            f"CPU of the server and its database backends: {cpu:.1f} s "
            f"({1000 * cpu / max(entries, 1):.2f} ms an entry; the machine's {cores} cores "
            f"were {100 * cpu / (cores * elapsed):.0f} % ours, the rest other work); "
            f"CAPACITY if they were all ours: {entries / max(cpu, 1e-9) * cores:,.0f} entries/s; "
            f"server processes {1000 * cpu_server / max(entries, 1):.2f} ms an entry, "
            f"database {1000 * cpu_db / max(entries, 1):.2f} ms"
        )
        if push_times:
            print(f"push time per batch: median {statistics.median(push_times):.2f} s, "
                  f"max {max(push_times):.2f} s")  # fmt: skip
        print(f"answers: {entries} ({statuses}); received at the city: {received}")
        print(f"rows at the city: {records} (expected people and wishes "
              f"{expected_rows})")  # fmt: skip
        print(f"rows a market's reader missed: {sum(missed.values())} {missed}")
        ok = (
            not errors
            and entries == sent == received
            and set(statuses) <= {"applied", "merged"}
            and records == expected_rows
            and not any(missed.values())
        )
        if errors:
            print("ERRORS:", errors[:5])
        print("CHECKS:", "ok" if ok else "FAILED")
        db.close()
        return 0 if ok else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(60)
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _people(desk: int, args: Any) -> list[tuple[int, int]]:
    """(owner desk, n) of the people a desk registers (for the expected row count)."""
    per_batch = args.entries // 2
    shared = (desk + 1) % args.desks if args.shared > 0 else None
    out = []
    for n in range(args.batches * per_batch):
        owner, m = desk, n
        if shared is not None and n % max(1, round(1 / args.shared)) == 0:
            owner, m = shared, n + 1
        out.append((owner, m))
    return out


if __name__ == "__main__":
    sys.exit(main())
