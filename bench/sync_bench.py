#!/usr/bin/env python3
"""Sync over a slow, lossy link: bytes per record and time, against a naive baseline.

    .venv/bin/python bench/sync_bench.py [--people 4000] [--baseline 100]

A desk with demo data (``fill_demo``: people with their wanted job types, so
about 2.5 outbox entries a person) enrols with the real city server
(lingong_city on a temporary SQLite file, uvicorn on 127.0.0.1) and pushes
its whole outbox through ``tests/support/netsim.FaultyProxy`` shaped like a
county link: 256 kbit/s, 300 ms round trip, 3 % segment loss (a lost segment
costs a 1 s retransmission timeout). Printed: entries, bytes on the wire per
entry (both directions), the time, and the same for a naive client that
POSTs each record as plain JSON in its own request (measured on
``--baseline`` records and scaled to the same count, since the whole run
would take about an hour).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
# the city server of the run keeps its signing key encrypted with a passphrase
os.environ.setdefault("LINGONG_CITY_KEY_PASSPHRASE", "bench city passphrase")
sys.path.insert(0, str(ROOT))

from lingong_city import devices  # noqa: E402
from lingong_desk.db.models import OutboxEntry  # noqa: E402
from lingong_desk.services.demo import fill_demo  # noqa: E402
from tests.support.netsim import FaultyProxy, Link  # noqa: E402
from tests.test_sync_convergence import MARKETS, City, desk  # noqa: E402

LINK = Link(kbit_per_s=256, rtt_ms=300, loss=0.03, rto_ms=1000)


class Sink(BaseHTTPRequestHandler):
    """The naive server: takes one JSON record per POST, answers a small JSON."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        json.loads(body)
        answer = b'{"status":"applied"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=4000)
    parser.add_argument("--baseline", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        city = City(f"sqlite:///{folder / 'city.sqlite3'}").start()
        m = MARKETS["ZY"]
        with city.db.writing() as s:
            devices.add_market(s, m.code, m.name, dt.datetime.now(dt.UTC), m.region_code, m.phone)
            code = devices.new_enrollment_code(s, "ZY", dt.datetime.now(dt.UTC))
        services = desk(folder, "ZY")
        fill_demo(services.ctx, people=args.people, employers=0, postings=0)
        services.sync.enroll(city.url, str(code), "bench")
        with services.ctx.reading() as s:
            entries = int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)
            sample = [e.payload for e in s.scalars(
                select(OutboxEntry).order_by(OutboxEntry.seq).limit(args.baseline))]  # fmt: skip
        proxy = FaultyProxy(city.port, link=LINK).start()
        services.sync.set_server_url(proxy.url)
        start = time.perf_counter()
        rounds = 0
        while services.sync.pending_changes() and rounds < 50:
            rounds += 1
            services.sync.sync_once()
        batched_s = time.perf_counter() - start
        assert services.sync.pending_changes() == 0, "not everything was sent"
        batched_bytes = proxy.bytes_up + proxy.bytes_down
        proxy.stop()
        services.close()
        city.stop()

        sink = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
        threading.Thread(target=sink.serve_forever, daemon=True).start()
        naive = FaultyProxy(sink.server_address[1], link=LINK).start()
        start = time.perf_counter()
        with httpx.Client(timeout=30) as client:
            for record in sample:
                client.post(f"{naive.url}/record", json=record).raise_for_status()
        naive_s = (time.perf_counter() - start) / len(sample) * entries
        naive_bytes = (naive.bytes_up + naive.bytes_down) / len(sample) * entries
        naive.stop()
        sink.shutdown()
        sink.server_close()

    print(
        f"link: {LINK.kbit_per_s:g} kbit/s, {LINK.rtt_ms:g} ms round trip, "
        f"{LINK.loss:.0%} segment loss"
    )
    print(f"entries: {entries} (from {args.people} people)")
    print(
        f"batched gzip push: {batched_s:7.1f} s, {batched_bytes / entries:7.1f} bytes/entry "
        f"on the wire, {rounds} round(s)"
    )
    print(
        f"naive JSON, one request per record: {naive_s:7.1f} s (scaled from {len(sample)}), "
        f"{naive_bytes / entries:7.1f} bytes/entry"
    )
    print(
        f"RATIO time naive/batched: {naive_s / batched_s:.1f}x; "
        f"bytes naive/batched: {naive_bytes / batched_bytes:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
