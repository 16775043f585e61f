"""The HTTP client's failures: a silent server, no server, an answer that is no."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from lingong_desk.services.registry import Services
from lingong_desk.sync.client import SyncClient
from lingong_desk.sync.errors import SyncError
from lingong_desk.sync.protocol import PushRequest, encode
from tests.test_sync_support import fake_enrolment, fill

QUICK = httpx.Timeout(connect=1.0, read=0.5, write=1.0, pool=1.0)


@pytest.fixture
def silent() -> Iterator[str]:
    """A server that takes the connection and the request, then never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(5)
    for conn in held:
        conn.close()
    listener.close()


class Answer(BaseHTTPRequestHandler):
    """Answers every request with the status in its path (``/500/v1/push``),
    and remembers the headers it was sent."""

    seen: list[dict[str, str]] = []  # noqa: RUF012

    def do_POST(self) -> None:
        self.seen.append(dict(self.headers))
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status = int(self.path.split("/")[1])
        body = encode({"detail": f"refused with {status}"})
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # a pull: an empty page up to cursor 5
        body = encode({"changes": [], "next": 5, "more": False, "server_hlc": ""})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def answering() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(5)


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


EMPTY = PushRequest("0190f5a0-0000-7000-8000-000000000001", ())


def test_a_silent_server_is_a_timeout(silent: str) -> None:
    with SyncClient(silent, "secret", timeout=QUICK) as client, pytest.raises(SyncError) as err:
        client.pull(0, 10)
    assert err.value.kind == "timeout" and err.value.link_down
    assert "secret" not in str(err.value)


def test_no_server_is_offline() -> None:
    with SyncClient(closed_port(), timeout=QUICK) as client:
        with pytest.raises(SyncError) as err:
            client.push(EMPTY)
        assert err.value.kind == "offline"
        assert not client.probe()


@pytest.mark.parametrize(
    ("status", "kind"),
    [(401, "auth"), (403, "auth"), (422, "refused"), (404, "http"), (503, "server")],
)
def test_an_answer_that_is_no_is_an_error_with_the_servers_words(
    answering: str, status: int, kind: str
) -> None:
    with SyncClient(f"{answering}/{status}", "secret") as client, pytest.raises(SyncError) as err:
        client.push(EMPTY)
    assert (err.value.kind, err.value.status) == (kind, status)
    assert err.value.detail == f"refused with {status}"
    sent = Answer.seen[-1]
    assert sent["Authorization"] == "Bearer secret"
    assert sent["Content-Encoding"] == "gzip" and sent["Content-Type"] == "application/json"


def test_after_a_timeout_nothing_is_confirmed(services: Services, silent: str) -> None:
    fill(services)
    fake_enrolment(services.sync, url=silent)
    services.sync.client_factory = lambda url, cred: SyncClient(url, cred, timeout=QUICK)
    before = services.sync.status()
    report = services.sync.sync_once()
    assert report.error is not None and report.error.kind == "timeout"
    assert report.pushed == 0
    after = services.sync.status()
    assert after.pending == before.pending > 0 and after.last_sync_at is None


def test_a_desk_not_enrolled_does_not_sync(services: Services) -> None:
    fill(services)
    report = services.sync.sync_once()
    assert report.error is not None and report.error.kind == "not_enrolled"
    assert not services.sync.status().enrolled


def test_a_city_that_refuses_every_batch_rejects_nothing_and_still_pulls(
    services: Services, answering: str
) -> None:
    fill(services)
    fake_enrolment(services.sync, url=f"{answering}/422")
    pending = services.sync.status().pending
    report = services.sync.sync_once()
    assert report.error is not None and report.error.kind == "refused"
    assert "refused with 422" in str(report.error)
    status = services.sync.status()
    assert status.pending == pending and status.rejected == 0  # nothing given up
    assert services.sync.state().cursor == 5 and status.last_sync_at is None
