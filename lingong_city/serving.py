"""Running the server: worker processes, TLS, and connections that never finish a request.

``lingong-city serve`` hands uvicorn the app factory ``from_environment`` (the
database and key file travel to the worker processes in the environment), its
own certificate and key when given (TLS without a proxy), and ``GuardedH11``:
uvicorn's HTTP/1.1 protocol with a deadline for the request head. uvicorn
times out only idle keep-alive connections, and any byte received resets
that, so a client sending half a header and then a byte now and then kept a
connection (and its memory) forever; here a connection whose request head is
not complete ``HEADER_TIMEOUT`` seconds after it opened (or after its last
answer) is closed.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import h11
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from lingong_city.keys import fingerprint

__all__ = ["GuardedH11", "fingerprint", "from_environment"]

ENV_DATABASE = "LINGONG_CITY_DATABASE"
ENV_KEY_FILE = "LINGONG_CITY_KEY_FILE"
ENV_HEADER_TIMEOUT = "LINGONG_CITY_HEADER_TIMEOUT"
ENV_CERT_FILE = "LINGONG_CITY_CERT_FILE"  # the TLS certificate: its fingerprint is printed
HEADER_TIMEOUT = 10.0  # seconds from connection (or last answer) to a complete request head


class GuardedH11(H11Protocol):
    """uvicorn's h11 protocol, closing connections that do not send a whole request head
    in time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = float(os.environ.get(ENV_HEADER_TIMEOUT) or HEADER_TIMEOUT)
        self._head_timer: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_late)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_late(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()  # the request head never came whole

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()  # a whole request head arrived

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request's head has the same deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def from_environment() -> FastAPI:
    """The app of one worker process (uvicorn's factory): configured by environment."""
    from lingong_city.app import create_app

    url = os.environ[ENV_DATABASE]
    key_file = os.environ.get(ENV_KEY_FILE)
    certfile = os.environ.get(ENV_CERT_FILE)
    return create_app(
        url,
        key_file=Path(key_file) if key_file else None,
        certfile=Path(certfile) if certfile else None,
    )
