"""The faulty network used by the sync tests does what it says."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.support.netsim import FaultyProxy, Link, Pipe, Schedule, simulate


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


# ---- the shared bottleneck, checked in virtual time (no clock involved) ----------------
def test_one_transfer_takes_its_size_over_the_rate() -> None:
    pipe = Pipe(kbit_per_s=256)
    (end,) = simulate([pipe.transfer(0.0, 64_000)])
    assert end == pytest.approx(2.0)  # 512,000 bits at 256 kbit/s


def test_parallel_transfers_share_one_bucket() -> None:
    pipe = Pipe(kbit_per_s=256)
    ends = simulate([pipe.transfer(0.0, 64_000), pipe.transfer(0.0, 64_000)])
    # each gets half the line: both end at about twice the time of one alone
    assert ends[0] == pytest.approx(4.0, abs=0.05)
    assert ends[1] == pytest.approx(4.0, abs=0.05)
    assert pipe.busy == pytest.approx(4.0)


def test_a_late_small_transfer_is_not_stuck_behind_a_large_one() -> None:
    pipe = Pipe(kbit_per_s=256)
    large, small = simulate([pipe.transfer(0.0, 64_000), pipe.transfer(1.0, 2_920)])
    # two segments interleaved with the large transfer's: about 2 x 2 x 45.6 ms
    assert small == pytest.approx(1.0 + 4 * 1460 * 8 / 256_000, abs=0.05)
    assert large == pytest.approx(2.0 + 2_920 * 8 / 256_000)


def test_the_directions_are_separate_buckets() -> None:
    up, down = Pipe(kbit_per_s=256), Pipe(kbit_per_s=256)
    ends = simulate([up.transfer(0.0, 64_000), down.transfer(0.0, 64_000)])
    assert ends == [pytest.approx(2.0), pytest.approx(2.0)]


def test_stalls_cost_a_retransmission_timeout_and_are_seeded() -> None:
    def run(seed: int) -> tuple[float, int]:
        pipe = Pipe(kbit_per_s=256, loss=0.03, rto_ms=600, seed=seed)
        (end,) = simulate([pipe.transfer(0.0, 1460 * 1000)])
        return end, pipe.stalls

    end, stalls = run(5)
    assert run(5) == (end, stalls)  # the same seed, the same stalls
    assert 10 < stalls < 60  # about 3 % of 1000 segments
    sent = (1000 + stalls) * 1460 * 8 / 256_000  # a lost segment is sent again
    assert end == pytest.approx(sent + stalls * 0.6)


def test_a_kept_alive_connection_serves_several_requests(upstream: int) -> None:
    for keep_alive, connections in ((False, 3), (True, 1)):
        proxy = FaultyProxy(upstream, keep_alive=keep_alive).start()
        try:
            with httpx.Client(timeout=5) as client:
                for _ in range(3):
                    assert client.post(f"{proxy.url}/x", content=b"hi").content.endswith(b"hi")
            assert proxy.counts["connections"] == connections
            assert [e.new_connection for e in proxy.exchanges] == [
                True, not keep_alive, not keep_alive]  # fmt: skip
            assert proxy.bytes_down == sum(e.down for e in proxy.exchanges) > 3 * 4000
        finally:
            proxy.stop()
