"""A misbehaving network between a desk and the city server, on localhost.

``FaultyProxy`` forwards HTTP/1.1 requests (one per connection; it answers with
``Connection: close``) to an upstream server and, by a seeded schedule, loses
requests, loses answers after the server acted, cuts answers half-way,
delivers requests twice, or delivers a copy again later (after newer
requests: a reordered duplicate; ``late_delay`` None holds those copies until
``release_late``). It can also shape the link: bandwidth,
round-trip time and packet loss (a lost segment costs a retransmission
timeout, as TCP would). Used by the sync tests and ``bench/sync_bench.py``;
all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter
from dataclasses import dataclass, field

FAULTS = ("drop_request", "drop_answer", "cut_answer", "duplicate", "late_duplicate")
SEGMENT = 1460


@dataclass
class Link:
    """Shape of the simulated link (None: unlimited)."""

    kbit_per_s: float | None = None
    rtt_ms: float = 0.0
    loss: float = 0.0  # probability that a segment is lost once
    rto_ms: float = 1000.0  # retransmission timeout for a lost segment


@dataclass
class Schedule:
    """How often each fault happens (probabilities per request), seeded."""

    seed: int = 1
    rates: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def pick(self) -> str | None:
        roll = self.rng.random()
        acc = 0.0
        for name in FAULTS:
            acc += self.rates.get(name, 0.0)
            if roll < acc:
                return name
        return None


class FaultyProxy:
    def __init__(
        self, upstream_port: int, schedule: Schedule | None = None, link: Link | None = None
    ) -> None:
        self.upstream_port = upstream_port
        self.schedule = schedule or Schedule()
        self.link = link or Link()
        self.port = 0
        self.counts: Counter[str] = Counter()
        self.bytes_up = 0
        self.bytes_down = 0
        self.shaped_s = 0.0  # delay the shaping added, in seconds
        self.late_delay: float | None = 0.3  # seconds; None: held for release_late()
        self._held: list[bytes] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._rng = random.Random(self.schedule.seed + 1)
        self.offline = False  # refuse every connection: the link is down

    # ---- lifecycle ----------------------------------------------------------
    def start(self) -> FaultyProxy:
        self._thread = threading.Thread(target=self._run, name="faulty-proxy", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        return self

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._loop.run_until_complete(self._serve())
        self._loop.run_forever()

    async def _serve(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()

    def stop(self) -> None:
        if self._loop is None:
            return

        async def close() -> None:
            assert self._server is not None
            self._server.close()
            await self._server.wait_closed()
            current = asyncio.current_task()
            pending = [t for t in asyncio.all_tasks() if t is not current]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)
        self._loop.close()

    def release_late(self) -> None:
        """Deliver the late copies held so far; return once the server has them."""
        assert self._loop is not None

        async def deliver() -> None:
            held, self._held = self._held, []
            for request in held:
                await self._late(request)

        asyncio.run_coroutine_threadsafe(deliver(), self._loop).result(60)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ---- shaping ------------------------------------------------------------
    async def _transfer_delay(self, size: int) -> None:
        link = self.link
        delay = 0.0
        if link.kbit_per_s:
            delay += size * 8 / (link.kbit_per_s * 1000)
        if link.loss:
            segments = max(1, -(-size // SEGMENT))
            lost = sum(1 for _ in range(segments) if self._rng.random() < link.loss)
            delay += lost * link.rto_ms / 1000
        if delay:
            self.shaped_s += delay
            await asyncio.sleep(delay)

    async def _half_rtt(self) -> None:
        if self.link.rtt_ms:
            self.shaped_s += self.link.rtt_ms / 2000
            await asyncio.sleep(self.link.rtt_ms / 2000)

    # ---- one request ----------------------------------------------------------
    async def _read_request(self, reader: asyncio.StreamReader) -> bytes | None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            return None
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1].strip())
        body = await reader.readexactly(length) if length else b""
        lines = head.split(b"\r\n")
        kept = [ln for ln in lines if not ln.lower().startswith(b"connection:")]
        head = b"\r\n".join([*kept[:-2], b"Connection: close", b"", b""])
        return head + body

    async def _forward(self, request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            writer.write(request)
            await writer.drain()
            return await reader.read()  # the server closes: Connection: close
        finally:
            writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            if self.offline:
                self.counts["offline"] += 1
                return
            request = await self._read_request(reader)
            if request is None:
                return
            self.bytes_up += len(request)
            await self._half_rtt()
            await self._transfer_delay(len(request))
            fault = self.schedule.pick()
            self.counts[fault or "ok"] += 1
            if fault == "drop_request":
                return
            try:
                answer = await self._forward(request)
            except OSError:
                self.counts["upstream_down"] += 1
                return
            if fault == "duplicate":
                answer = await self._forward(request)
            elif fault == "late_duplicate" and self.late_delay is None:
                self._held.append(request)
            elif fault == "late_duplicate":
                asyncio.get_running_loop().call_later(
                    self.late_delay, lambda: asyncio.ensure_future(self._late(request))
                )
            await self._half_rtt()
            await self._transfer_delay(len(answer))
            if fault == "drop_answer":
                return
            if fault == "cut_answer":
                writer.write(answer[: max(1, len(answer) // 2)])
                await writer.drain()
                return
            writer.write(answer)
            self.bytes_down += len(answer)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            self.counts["client_gone"] += 1
        finally:
            writer.close()

    async def _late(self, request: bytes) -> None:
        try:
            await self._forward(request)
            self.counts["late_delivered"] += 1
        except OSError:
            self.counts["late_lost"] += 1
