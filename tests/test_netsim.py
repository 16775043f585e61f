"""The faulty network used by the sync tests does what it says."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.support.netsim import FaultyProxy, Link, Schedule


class Counting(BaseHTTPRequestHandler):
    hits = 0
    lock = threading.Lock()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        with Counting.lock:
            Counting.hits += 1
        answer = b"x" * 4000 + body
        self.send_response(200)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Counting.hits = 0
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def post(proxy: FaultyProxy) -> httpx.Response:
    return httpx.post(f"{proxy.url}/x", content=b"hello", timeout=60)


@pytest.mark.parametrize(
    ("fault", "hits", "ok"),
    [
        ("drop_request", 0, False),
        ("drop_answer", 1, False),
        ("cut_answer", 1, False),
        ("duplicate", 2, True),
    ],
)
def test_each_fault(upstream: int, fault: str, hits: int, ok: bool) -> None:
    proxy = FaultyProxy(upstream, Schedule(rates={fault: 1.0})).start()
    try:
        if ok:
            assert post(proxy).content.endswith(b"hello")
        else:
            with pytest.raises(httpx.TransportError):
                post(proxy)
        assert Counting.hits == hits
        assert proxy.counts[fault] == 1
    finally:
        proxy.stop()


def test_late_duplicate_arrives_after_the_answer(upstream: int) -> None:
    proxy = FaultyProxy(upstream, Schedule(rates={"late_duplicate": 1.0})).start()
    proxy.late_delay = None  # the test says when "later" is
    try:
        assert post(proxy).status_code == 200
        assert Counting.hits == 1
        proxy.release_late()
        assert Counting.hits == 2
    finally:
        proxy.stop()


def test_a_shaped_link_is_slow(upstream: int) -> None:
    import time

    proxy = FaultyProxy(upstream, link=Link(kbit_per_s=256, rtt_ms=300)).start()
    try:
        start = time.perf_counter()
        post(proxy)
        elapsed = time.perf_counter() - start
        # 300 ms round trip + about 4 KB at 256 kbit/s (0.13 s), and the request waited it out
        assert 0.4 < proxy.shaped_s < 2.0
        assert elapsed >= proxy.shaped_s
    finally:
        proxy.stop()
