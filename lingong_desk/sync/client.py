"""The desk's HTTP client of the city server (endpoints: see protocol.py).

Every failure is a ``SyncError``: a timeout, a cut connection, an answer
that is not 2xx or cannot be read. Nothing is ever reported as done after a
timeout; the caller tries again later (a push is idempotent on device and
seq). A connection the server closed while it sat idle in the pool fails the
next request on it at once: an idempotent request (push, pull) is then sent
once more, at once, on a fresh connection. The credential travels in the
``Authorization`` header only and is never part of a message or a log line.
Every request names the protocol it speaks; a city that speaks another one
answers 426, reported as ``outdated`` (the program must be updated).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import httpx

from lingong_desk import __version__
from lingong_desk.sync.apply import with_extra
from lingong_desk.sync.errors import SyncError
from lingong_desk.sync.outbox import Batch, make_batch
from lingong_desk.sync.protocol import (
    ATTENTION_HEADER,
    GZIP_MAGIC,
    MORE_HEADER,
    NEXT_HEADER,
    PENDING_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    VERSION_HEADER,
    ZSTD_MAGIC,
    ProtocolError,
    PullResponse,
    PushRequest,
    PushResponse,
    decode,
    encode,
    parse_pull_response,
    parse_push_response,
)

# httpx logs every request at INFO: a line each two minutes would push the
# errors out of the rotating log file
logging.getLogger("httpx").setLevel(logging.WARNING)
log = logging.getLogger(__name__)

TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)


def _compressed(body: bytes) -> bool:
    """httpx undoes a labelled Content-Encoding; a body still compressed is told by
    its first bytes."""
    return body[:2] == GZIP_MAGIC or body[:4] == ZSTD_MAGIC


# a batch the city refuses whole for what it holds (protocol.py: 400/413/422)
REFUSED = frozenset({400, 413, 422})
# a reused keep-alive connection that the server had closed: the request never
# reached it, or its answer never came; safe to send again when idempotent
STALE_CONNECTION = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    credential: str = field(repr=False)
    market: dict[str, Any]
    desk_number: int | None
    city_public_key: str


def parse_enrollment(message: dict[str, Any]) -> Enrollment:
    device_id = message.get("device_id")
    credential = message.get("credential")
    market = message.get("market")
    desk_number = message.get("desk_number")
    city_key = message.get("city_public_key")
    if not isinstance(device_id, str) or not device_id:
        raise ProtocolError("device_id is missing")
    if not isinstance(credential, str) or not credential:
        raise ProtocolError("credential is missing")
    if not isinstance(market, dict) or not isinstance(market.get("code"), str):
        raise ProtocolError("market.code is missing")
    if desk_number is not None and (
        not isinstance(desk_number, int) or isinstance(desk_number, bool)
    ):
        raise ProtocolError("desk_number must be an integer")
    if not isinstance(city_key, str):
        raise ProtocolError("city_public_key is missing")
    try:
        if len(base64.b64decode(city_key, validate=True)) != 32:
            raise ProtocolError("city_public_key is not an Ed25519 key")
    except binascii.Error:
        raise ProtocolError("city_public_key is not base64") from None
    return Enrollment(device_id, credential, dict(market), desk_number, city_key)


class PinnedContext(ssl.SSLContext):
    """TLS that trusts exactly one certificate: the city's, whose SHA-256 the desk
    pinned at enrolment (a self-signed certificate of the bureau is then safe).
    The check runs right after the handshake, before a byte of the request (and
    so the credential) is sent."""

    pin: bytes = b""

    def wrap_socket(self, sock: socket.socket, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        tls = super().wrap_socket(sock, *args, **kwargs)
        der = tls.getpeercert(binary_form=True)
        if der is None or not hmac.compare_digest(hashlib.sha256(der).digest(), self.pin):
            tls.close()
            raise ssl.SSLCertVerificationError(CERTIFICATE_MISMATCH)
        return tls


CERTIFICATE_MISMATCH = "the city server's certificate is not the one pinned at enrolment"


def pinned_context(fingerprint: str) -> PinnedContext:
    """A client context for a certificate pinned by its fingerprint (64 hex digits)."""
    context = PinnedContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = False  # the pin names the server, not a CA
    context.verify_mode = ssl.CERT_NONE
    context.pin = bytes.fromhex(fingerprint)
    return context


def _certificate_problem(exc: BaseException) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return True
        cause = cause.__cause__ or cause.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc) or CERTIFICATE_MISMATCH in str(exc)


def _detail(response: httpx.Response) -> str:
    """The server's own words on a refusal (FastAPI: {"detail": ...})."""
    try:
        body = response.content
        value = decode(body, compressed=_compressed(body))
        detail = value.get("detail", value)
    except (ProtocolError, httpx.HTTPError):
        detail = (
            response.text if response.headers.get("content-type", "").startswith("text/") else ""
        )
    text = detail if isinstance(detail, str) else str(detail)
    return text[:300]


class SyncClient:
    def __init__(
        self,
        base_url: str,
        credential: str = "",
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = TIMEOUT,
        pin: str = "",
        market: str = "",
    ) -> None:
        """``market``: the desk's market, which protocol 3 leaves off what is its own."""
        self._credential = credential
        self.market = market
        verify: ssl.SSLContext | bool = pinned_context(pin) if pin else True
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            transport=transport,
            verify=verify,
            headers={
                "User-Agent": f"LingGongDesk/{__version__}",
                "Accept-Encoding": "zstd, gzip",
                PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            },
        )

    def __repr__(self) -> str:
        return f"SyncClient({str(self._http.base_url)!r})"

    def report(self, pending: int, attention: int) -> None:
        """Say with every following request what waits to be sent and what needs
        attention here (the city shows it on its desks page)."""
        self._http.headers[VERSION_HEADER] = __version__
        self._http.headers[PENDING_HEADER] = str(max(0, pending))
        self._http.headers[ATTENTION_HEADER] = str(max(0, attention))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _send(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        params: dict[str, int] | None = None,
        auth: bool = True,
        idempotent: bool = True,
        on_head: Callable[[httpx.Headers], None] | None = None,
    ) -> dict[str, Any]:
        headers = {}
        if auth:
            headers["Authorization"] = f"Bearer {self._credential}"
        if body is not None:
            headers["Content-Encoding"] = "zstd" if body.startswith(ZSTD_MAGIC) else "gzip"
            headers["Content-Type"] = "application/json"

        def send() -> httpx.Response:
            """The answer, read whole; ``on_head`` hears its headers before the body comes."""
            request = self._http.build_request(
                method, path, content=body, params=params, headers=headers
            )
            answer = self._http.send(request, stream=True)
            try:
                if on_head is not None and 200 <= answer.status_code < 300:
                    on_head(answer.headers)
                answer.read()
            finally:
                answer.close()
            return answer

        try:
            try:
                response = send()
                content = response.content
            except STALE_CONNECTION as exc:
                if not idempotent:
                    raise
                log.info("the connection broke (%s); sending again", type(exc).__name__)
                response = send()  # the broken connection left the pool: a fresh one
                content = response.content
        except httpx.TimeoutException:
            raise SyncError("timeout", "the city server did not answer in time") from None
        except httpx.TransportError as exc:
            if _certificate_problem(exc):
                raise SyncError(
                    "certificate",
                    "the city server's certificate is not the one this desk trusts "
                    f"({type(exc).__name__}); nothing was sent",
                ) from None
            raise SyncError(
                "offline", f"no connection to the city server ({type(exc).__name__})"
            ) from None
        except httpx.HTTPError as exc:  # an answer cut or garbled on the way
            raise SyncError(
                "offline", f"the connection to the city server broke ({type(exc).__name__})"
            ) from None
        status = response.status_code
        if not 200 <= status < 300:
            detail = _detail(response)
            if status in (401, 403):
                kind = "auth"
            elif status == 426:
                kind = "outdated"
            elif status >= 500:
                kind = "server"
            elif status in REFUSED:
                kind = "refused"
            else:
                kind = "http"
            raise SyncError(kind, f"the city server answered {status}: {detail}", status, detail)
        try:
            return decode(content, compressed=_compressed(content))
        except ProtocolError as exc:
            raise SyncError("protocol", f"the city server's answer cannot be read: {exc}") from None

    def enroll(
        self, code: str, device_name: str, public_key: str, market_code: str | None = None
    ) -> Enrollment:
        message: dict[str, str] = {
            "code": code,
            "device_name": device_name,
            "public_key": public_key,
        }
        if market_code:
            message["market_code"] = market_code  # a code of another market is refused unused
        try:
            answer = self._send("POST", "/v1/enroll", encode(message), auth=False, idempotent=False)
        except SyncError as exc:
            if exc.status == 403:  # unknown, used or expired code
                raise SyncError("code", str(exc), exc.status, exc.detail) from None
            if exc.status == 409 and "for market" in exc.detail:
                raise SyncError("market", str(exc), exc.status, exc.detail) from None
            raise
        try:
            return parse_enrollment(answer)
        except ProtocolError as exc:
            raise SyncError("protocol", f"the enrolment answer cannot be read: {exc}") from None

    def push(self, batch: Batch | PushRequest) -> PushResponse:
        """A batch's body as made; a bare request made into one (``outbox.make_batch``:
        protocol 3 when the client knows its market)."""
        if not isinstance(batch, Batch):
            batch = make_batch(batch.device_id, batch.entries, batch.epoch, self.market or None)
        body = batch.body
        answer = self._send("POST", "/v1/push", body)
        try:
            return parse_push_response(answer)
        except ProtocolError as exc:
            raise SyncError("protocol", f"the push answer cannot be read: {exc}") from None

    def pull(
        self,
        after: int,
        limit: int,
        epoch: int = 0,
        on_next: Callable[[int], None] | None = None,
    ) -> PullResponse:
        """One page of the market's changes. ``on_next(cursor)`` is told where the next
        page starts as soon as the answer's headers arrive, while its body is still on
        the way, so the next page can be asked for at once (the city prepares it
        while this one travels)."""
        params = {"after": after, "limit": limit, "epoch": epoch}

        def head(headers: httpx.Headers) -> None:
            more, following = headers.get(MORE_HEADER), headers.get(NEXT_HEADER, "")
            if on_next is not None and more == "1" and following.isdigit():
                on_next(int(following))

        answer = self._send("GET", "/v1/pull", params=params, on_head=head)
        try:
            return with_extra(parse_pull_response(answer, self.market or None), answer)
        except ProtocolError as exc:
            raise SyncError("protocol", f"the pull answer cannot be read: {exc}") from None

    def probe(self) -> bool:
        """Is the city server reachable? Any HTTP answer says yes (cheap: no
        credential, no body; the path need not even exist)."""
        try:
            self._http.get("/v1/health", timeout=httpx.Timeout(5.0))
        except httpx.HTTPError:
            return False
        return True


def enroll(
    url: str,
    code: str,
    device_name: str,
    public_key: str,
    transport: httpx.BaseTransport | None = None,
) -> Enrollment:
    """Enrol a desk with a one-time code from the city (see engine.enroll, which
    also makes the key and stores what comes back)."""
    with SyncClient(url, transport=transport) as client:
        return client.enroll(code, device_name, public_key)
