"""A misbehaving network between a desk and the city server, on localhost.

``FaultyProxy`` forwards HTTP/1.1 requests to an upstream server and, by a
seeded schedule, loses requests, loses answers after the server acted, cuts
answers half-way, delivers requests twice, or delivers a copy again later
(after newer requests: a reordered duplicate; ``late_delay`` None holds those
copies until ``release_late``). By default it answers with
``Connection: close`` (one request per connection); ``keep_alive=True`` lets
a client reuse its connections, one request at a time on each, as HTTP/1.1
without pipelining does. Used by the sync tests and ``bench/sync_bench.py``;
all traffic stays on 127.0.0.1.

It can also shape the link (``Link``) as a county office's line to the city:

- **One shared bottleneck.** One queue per direction (``Pipe``) for every
  connection through the proxy: segments of 1460 bytes leave one after the
  other at the link's rate, and a transfer takes the next free slot for each
  of its segments only when the previous one has left, so transfers in
  parallel interleave segment by segment and share the rate (two at once
  each take twice as long) instead of each getting the whole line.
- **Latency.** Half the round trip each way: a transfer's last byte arrives
  one-way latency after it left the bottleneck.
- **Connection set-up.** A new TCP connection waits one round trip (SYN,
  SYN-ACK) before its first byte; a kept-alive connection does not.
- **Stalls.** Each segment is lost with probability ``loss``; the connection
  then waits a retransmission timeout (``rto_ms``) and sends the segment
  again, taking a slot of the link again. Other connections use the link
  meanwhile. The draws come from a generator seeded by the schedule's seed.
- **Not modelled.** TCP slow start (a county line's bandwidth-delay product,
  256 kbit/s x 300 ms = 9.6 kB, is below the initial window of 10
  segments), TCP/IP header bytes and the handshake's own bytes. The byte
  counters are HTTP bytes, head and body, as the client sent them and as it
  received them.

The schedule a transfer follows is plain arithmetic (``Pipe``, ``Transfer``,
``simulate``), so tests check it in virtual time; the proxy sleeps along it.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

FAULTS = ("drop_request", "drop_answer", "cut_answer", "duplicate", "late_duplicate")
SEGMENT = 1460
BODYLESS = (b"204", b"304")


@dataclass
class Link:
    """Shape of the simulated link (``kbit_per_s`` None: unlimited)."""

    kbit_per_s: float | None = None
    rtt_ms: float = 0.0
    loss: float = 0.0  # probability that a segment is lost once (a stall)
    rto_ms: float = 1000.0  # retransmission timeout a lost segment costs
    connect_rtt: bool = True  # a new connection waits a round trip before its first byte

    @property
    def one_way(self) -> float:
        return self.rtt_ms / 2000


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


class Pipe:
    """One direction of the bottleneck, shared by every connection."""

    def __init__(
        self,
        kbit_per_s: float | None,
        loss: float = 0.0,
        rto_ms: float = 1000.0,
        seed: int = 1,
    ) -> None:
        self.bytes_per_s = None if not kbit_per_s else kbit_per_s * 1000 / 8
        self.loss = loss
        self.rto = rto_ms / 1000
        self.rng = random.Random(seed)
        self.free_at = float("-inf")  # when the segments already queued have left
        self.busy = 0.0  # seconds the link spent sending (retransmissions included)
        self.stalls = 0

    def slot(self, ready: float, size: int) -> float:
        """Queue one segment ready at ``ready``: when it has left the link."""
        seconds = size / self.bytes_per_s if self.bytes_per_s else 0.0
        end = max(ready, self.free_at) + seconds
        self.free_at = end
        self.busy += seconds
        return end

    def lost(self) -> bool:
        return bool(self.loss) and self.rng.random() < self.loss

    def transfer(self, ready: float, size: int) -> Transfer:
        return Transfer(self, ready, size)


class Transfer:
    """One transfer's schedule: iterating yields the times to wait until, one
    step at a time (first ``ready``, then each segment's departure, and a
    retransmission timeout after a lost one). A segment takes its slot only
    when the step before it is over, which is what lets transfers in
    parallel interleave. ``finish`` is the last departure."""

    def __init__(self, pipe: Pipe, ready: float, size: int) -> None:
        self.pipe = pipe
        self.ready = ready
        self.size = size
        self.stalls = 0
        self.finish = ready

    def __iter__(self) -> Iterator[float]:
        t = self.ready
        yield t
        left = self.size
        while left > 0:
            n = min(SEGMENT, left)
            left -= n
            t = self.pipe.slot(t, n)
            yield t
            if self.pipe.lost():
                self.stalls += 1
                self.pipe.stalls += 1
                t += self.pipe.rto  # the sender waits for its retransmission timer
                yield t
                t = self.pipe.slot(t, n)
                yield t
        self.finish = t


def simulate(transfers: Sequence[Iterable[float]]) -> list[float]:
    """Run transfers against each other in virtual time, stepping whichever
    is due first, as the proxy's event loop does: when each one ends."""
    steps = [iter(t) for t in transfers]
    due: list[tuple[float, int]] = []
    finish = [0.0] * len(steps)
    for i, it in enumerate(steps):
        due.append((next(it), i))
    while due:
        due.sort()
        t, i = due.pop(0)
        finish[i] = t
        step = next(steps[i], None)
        if step is not None:
            due.append((step, i))
    return finish


@dataclass
class Exchange:
    """One request through the proxy (times: the proxy's event-loop clock)."""

    request: str  # method and path
    up: int  # bytes from the client, head and body
    down: int  # bytes delivered to the client
    new_connection: bool
    arrived: float  # read from the client
    at_server: float  # handed to the upstream server
    answered: float  # the server's answer was read
    delivered: float  # its last byte reached the client
    stalls: int


@dataclass
class _Request:
    raw: int  # bytes as the client sent them
    forward: bytes  # what goes upstream (Connection: close)
    line: str
    close: bool  # the client asked to close after this one


class FaultyProxy:
    def __init__(
        self,
        upstream_port: int,
        schedule: Schedule | None = None,
        link: Link | None = None,
        keep_alive: bool = False,
    ) -> None:
        self.upstream_port = upstream_port
        self.schedule = schedule or Schedule()
        self.link = link or Link()
        self.keep_alive = keep_alive
        self.port = 0
        self.counts: Counter[str] = Counter()
        self.bytes_up = 0
        self.bytes_down = 0
        self.shaped_s = 0.0  # delay the shaping added, in seconds
        self.late_delay: float | None = 0.3  # seconds; None: held for release_late()
        self._held: list[bytes] = []
        self.exchanges: list[Exchange] = []
        seed = self.schedule.seed
        lk = self.link
        self.up = Pipe(lk.kbit_per_s, lk.loss, lk.rto_ms, seed * 2 + 1)
        self.down = Pipe(lk.kbit_per_s, lk.loss, lk.rto_ms, seed * 2 + 2)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
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
            current = asyncio.current_task()
            pending = [t for t in asyncio.all_tasks() if t is not current]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            await self._server.wait_closed()

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
    async def _carry(self, pipe: Pipe, ready: float, size: int) -> int:
        """Sleep along one transfer's schedule, then its one-way latency;
        returns the stalls it met."""
        loop = asyncio.get_running_loop()
        transfer = pipe.transfer(ready, size)
        for t in transfer:
            delay = t - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
        delay = transfer.finish + self.link.one_way - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        self.shaped_s += max(0.0, transfer.finish + self.link.one_way - ready)
        self.counts["stalls"] += transfer.stalls
        return transfer.stalls

    # ---- one request ----------------------------------------------------------
    async def _read_request(self, reader: asyncio.StreamReader) -> _Request | None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            close = False
            lines = head.split(b"\r\n")
            for line in lines:
                low = line.lower()
                if low.startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1].strip())
                elif low.startswith(b"connection:") and b"close" in low:
                    close = True
            body = await reader.readexactly(length) if length else b""
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            return None
        kept = [ln for ln in lines if not ln.lower().startswith(b"connection:")]
        forward = b"\r\n".join([*kept[:-2], b"Connection: close", b"", b""]) + body
        words = lines[0].decode("latin-1").split(" ")
        request_line = " ".join(words[:2]).split("?", 1)[0]
        return _Request(len(head) + len(body), forward, request_line, close)

    async def _forward(self, request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            writer.write(request)
            await writer.drain()
            return await reader.read()  # the server closes: Connection: close
        finally:
            writer.close()

    @staticmethod
    def _kept_alive(answer: bytes) -> bytes | None:
        """The upstream answer without its ``Connection: close``, or None when
        its length is only known by the close (then it cannot stay open)."""
        head, sep, body = answer.partition(b"\r\n\r\n")
        if not sep:
            return None
        lines = head.split(b"\r\n")
        kept = [ln for ln in lines if not ln.lower().startswith(b"connection:")]
        framed = any(
            ln.lower().startswith(b"content-length:")
            or (ln.lower().startswith(b"transfer-encoding:") and b"chunked" in ln.lower())
            for ln in kept[1:]
        )
        status = lines[0].split(b" ")[1] if b" " in lines[0] else b""
        if not framed and status not in BODYLESS:
            return None
        if kept[0].startswith(b"HTTP/1.0 "):  # this hop speaks HTTP/1.1 whatever the server does
            kept[0] = b"HTTP/1.1 " + kept[0][9:]
        return b"\r\n".join(kept) + b"\r\n\r\n" + body

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.offline:
            self.counts["offline"] += 1
            writer.close()
            return
        self.counts["connections"] += 1
        new = True
        try:
            if self.offline:
                self.counts["offline"] += 1
                return
            while await self._exchange(reader, writer, new):
                new = False
        except (ConnectionError, asyncio.IncompleteReadError):
            self.counts["client_gone"] += 1
        except asyncio.CancelledError:
            pass  # the proxy stops with a kept-alive connection open: end quietly
        finally:
            writer.close()

    async def _exchange(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, new: bool
    ) -> bool:
        """One request and its answer; whether the connection stays open."""
        loop = asyncio.get_running_loop()
        request = await self._read_request(reader)
        if request is None:
            return False
        arrived = loop.time()
        self.bytes_up += request.raw
        ready = arrived + (self.link.rtt_ms / 1000 if new and self.link.connect_rtt else 0.0)
        stalls = await self._carry(self.up, ready, request.raw)
        at_server = loop.time()
        fault = self.schedule.pick()
        self.counts[fault or "ok"] += 1
        if fault == "drop_request":
            return False
        try:
            answer = await self._forward(request.forward)
        except OSError:
            self.counts["upstream_down"] += 1
            return False
        if fault == "duplicate":
            answer = await self._forward(request.forward)
        elif fault == "late_duplicate" and self.late_delay is None:
            self._held.append(request.forward)
        elif fault == "late_duplicate":
            loop.call_later(
                self.late_delay, lambda: asyncio.ensure_future(self._late(request.forward))
            )
        keep = self.keep_alive and not request.close
        if keep:
            reframed = self._kept_alive(answer)
            keep = reframed is not None
            answer = reframed if reframed is not None else answer
        answered = loop.time()
        stalls += await self._carry(self.down, answered, len(answer))
        if fault == "drop_answer":
            return False
        if fault == "cut_answer":
            writer.write(answer[: max(1, len(answer) // 2)])
            await writer.drain()
            return False
        # counted before the answer leaves: a client that has it sees the count
        self.bytes_down += len(answer)
        self.exchanges.append(Exchange(
            request.line, request.raw, len(answer), new, arrived, at_server, answered,
            loop.time(), stalls))  # fmt: skip
        writer.write(answer)
        await writer.drain()
        return keep

    async def _late(self, request: bytes) -> None:
        try:
            await self._forward(request)
            self.counts["late_delivered"] += 1
        except OSError:
            self.counts["late_lost"] += 1
