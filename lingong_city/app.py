"""The city server's HTTP API (FastAPI): enroll, push, pull, health.

Request bodies are read as raw bytes with a size limit and parsed by
``wire``; database work runs in the thread pool, each push in one write
transaction (pushes of different markets at once, see ``db``). Successful
push and pull answers are zstd-compressed JSON (``Content-Encoding: zstd``)
when the client accepts zstd (protocol 3 desks), else gzip when it accepts gzip.
Request bodies may be zstd, gzip or plain JSON, as their label says. Errors are JSON
``{"detail": reason}``. The bearer credential is never logged.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request, Response, Security
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBearer
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from lingong_city import __version__, devices, keys
from lingong_city import api_docs as docs
from lingong_city.console.accounts import ConsoleSettings
from lingong_city.console.app import create_console
from lingong_city.db import open_database
from lingong_city.ingest import apply_push, server_stamp
from lingong_city.limits import TokenBuckets
from lingong_city.models import Device
from lingong_city.pull import DEFAULT_LIMIT, MAX_LIMIT, changes_for
from lingong_city.schema import BatchRefused
from lingong_city.wire import MAX_REQUEST_BYTES, push_request, read_message
from lingong_desk.sync.protocol import (
    ATTENTION_HEADER,
    MAX_ENTRIES,
    MAX_EPOCH,
    MORE_HEADER,
    NEXT_HEADER,
    PENDING_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SPOKEN_BY_CITY,
    VERSION_HEADER,
    ZSTD_PULL_LEVEL,
    encode,
    encode_zstd,
)

log = logging.getLogger("lingong_city")
MAX_CURSOR = 2**63 - 1
# RFC 6750: "Bearer", one space, a b64token; nothing else is a credential
BEARER = re.compile(r"Bearer ([A-Za-z0-9\-._~+/]{1,200}=*)", re.ASCII)
WRITERS, READERS = 3, 6  # per worker process; the pool holds 5 (+10 overflow)
ENROLL_BURST, ENROLL_EVERY = 10, 6.0  # enrolment requests per client address: 10, then 1 per 6 s
SEEN_EVERY = dt.timedelta(minutes=5)  # how often a pull records that a desk was seen


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def check_protocol(request: Request) -> int:
    """The protocol the desk speaks; one the city does not speak is told to update,
    before anything is read."""
    spoken = request.headers.get(PROTOCOL_HEADER, "").strip()
    if not (spoken.isascii() and spoken.isdigit() and int(spoken) in SPOKEN_BY_CITY):
        said = f"sync protocol {spoken}" if spoken.isdigit() else "an older sync protocol"
        raise _refuse(
            426,
            f"this desk's program speaks {said}; the city server speaks sync protocol "
            f"{PROTOCOL_VERSION}: update LingGong Desk to the current version",
        )
    return int(spoken)


def _content_encoding(request: Request) -> str | bool:
    """What the body is: ``"zstd"``, gzip (True), or plain JSON (False) when the label
    says nothing (or ``identity``). Anything else is refused (415)."""
    label = request.headers.get("content-encoding", "").strip().lower()
    if label == "gzip":
        return True
    if label == "zstd":
        return "zstd"
    if label in ("", "identity"):
        return False
    wanted = "zstd, gzip or none"
    raise BatchRefused(
        415, f"unsupported Content-Encoding {label[:20]!r}: the body must be {wanted}"
    )


def _refuse(status: int, reason: str) -> HTTPException:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return HTTPException(status, reason, headers=headers)


async def _body(request: Request, limit: int = MAX_REQUEST_BYTES) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _refuse(413, f"the request body is larger than {limit} bytes")
    parts, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _refuse(413, f"the request body is larger than {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


def _accepts(request: Request, coding: str) -> bool:
    return any(
        part.split(";")[0].strip().lower() == coding
        for part in request.headers.get("accept-encoding", "").split(",")
    )


def _answer(request: Request, message: dict[str, Any]) -> Response:
    if _accepts(request, "zstd"):
        return Response(
            encode_zstd(message, ZSTD_PULL_LEVEL),
            media_type="application/json",
            headers={"Content-Encoding": "zstd"},
        )
    if _accepts(request, "gzip"):
        return Response(
            encode(message), media_type="application/json", headers={"Content-Encoding": "gzip"}
        )
    return JSONResponse(message)


def create_app(
    database_url: str,
    *,
    key_file: Path | None = None,
    clock: Callable[[], dt.datetime] = utcnow,
    enroll_limit: tuple[int, float] = (ENROLL_BURST, ENROLL_EVERY),
    console: ConsoleSettings | None = None,
    certfile: Path | None = None,
) -> FastAPI:
    """The API on ``database_url`` (migrated on creation; disposed at shutdown), with
    the bureau's console under ``/console``; ``certfile``: the TLS certificate the
    server is reached with (its fingerprint goes on the enrolment sheets)."""
    db = open_database(database_url)
    try:  # the signing key must be at hand (and safely kept) before anyone enrolls
        db.write_retrying(lambda s: keys.city_key(s, key_file, clock()))
    except BaseException:
        db.close()
        raise

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        title="LingGong City",
        version=__version__,
        summary="The city bureau's sync server for the desks of the county gig-work markets.",
        description=(
            "Desks enroll once with a one-time code, then push their outbox and pull their "
            f"market's changes (wire protocol version {PROTOCOL_VERSION}, see "
            "`lingong_desk/sync/protocol.py`). Push and pull need "
            "`Authorization: Bearer <credential>`."
        ),
        lifespan=lifespan,
    )
    app.state.db = db
    bearer = HTTPBearer(
        auto_error=False,
        scheme_name="credential",
        description="the device credential from /v1/enroll: `Authorization: Bearer <credential>`",
    )

    def device_for(authorization: str | None) -> Device:
        written = BEARER.fullmatch(authorization or "")
        if written is None:
            raise _refuse(
                401, "a bearer credential is required: Authorization: Bearer <credential>"
            )
        with db.reading() as s:
            device = devices.authenticate(s, written.group(1))
        if device is None:
            log.info("refused a request with an unknown credential")
            raise _refuse(401, "unknown or revoked credential")
        if device.revoked:
            log.info("refused a request of the revoked device %s", device.id)
            raise _refuse(403, devices.revoked_reason(device))
        return device

    def report_of(request: Request) -> devices.Report:
        h = request.headers
        return devices.Report.from_headers(
            h.get(VERSION_HEADER), h.get(PENDING_HEADER), h.get(ATTENTION_HEADER)
        )

    @app.get(
        "/v1/health",
        summary="Is the server up?",
        description="Answers 200 with the version and database kind when the database answers.",
        responses={200: {"model": docs.HealthAnswer}, **docs.errors(503)},
        operation_id="health",
        tags=["service"],
    )
    def health() -> dict[str, Any]:
        try:
            with db.reading() as s:
                s.execute(text("SELECT 1"))
        except Exception as exc:
            log.error("health check: the database does not answer: %s", type(exc).__name__)
            raise _refuse(503, "the database does not answer") from None
        return {
            "status": "ok",
            "version": __version__,
            "protocol": PROTOCOL_VERSION,
            "database": db.dialect,
            "server_hlc": server_stamp(clock()),
        }

    guesses = TokenBuckets(*enroll_limit, clock=clock)
    # database work at once in this process: more only makes each one slower (the GIL,
    # row locks) and could empty the connection pool
    writers, readers = threading.BoundedSemaphore(WRITERS), threading.BoundedSemaphore(READERS)

    def _enroll(req: docs.EnrollRequest) -> devices.Enrolled:
        now = clock()
        # the code is checked before any write lock: guesses never queue behind pushes
        refused: devices.EnrollRefused | None = None
        near = False
        with db.reading() as s:
            try:
                devices.check_code(s, req.code, now, req.market_code)
            except devices.EnrollRefused as exc:
                near = exc.unknown and bool(devices.near_misses(s, req.code, now))
                refused = exc
        if near:  # a wrong rest of a known code: counted against it, locked at last
            with db.writing() as s:
                if devices.count_failure(s, req.code, now):
                    log.warning("an enrollment code was locked after repeated wrong tries")
        if refused is not None:
            raise refused
        with db.writing() as s:
            return devices.enroll(
                s,
                req.code,
                req.device_name,
                req.public_key,
                clock(),
                key_file=key_file,
                market_code=req.market_code,
            )

    @app.post(
        "/v1/enroll",
        summary="Enroll a desk with a one-time code",
        description=(
            "Trades a one-time enrollment code (from `lingong-city enroll-code`) and the desk's "
            "Ed25519 public key for a device id, a bearer credential (shown only in this "
            "answer), the market, the desk number (1–9) and the city's public key. The body "
            "is JSON, optionally gzip-compressed. A code works once: unknown, used or "
            "expired codes get 403; a bad public key 422; no free desk number 409."
        ),
        responses={
            200: {"model": docs.EnrollResponse, **docs.ENROLL_LINKS},
            **docs.errors(400, 403, 409, 413, 415, 422, 426, 429),
        },
        openapi_extra=docs.body(docs.EnrollRequest),
        operation_id="enroll",
        tags=["desks"],
    )
    async def enroll(request: Request) -> dict[str, Any]:
        check_protocol(request)
        address = request.client.host if request.client else ""
        wait = guesses.take(address)
        if wait:
            log.warning("too many enrollment requests from %s", address)
            raise HTTPException(
                429,
                f"too many enrollment requests from this address; try again in {wait} s",
                headers={"Retry-After": str(wait)},
            )
        try:
            compressed = _content_encoding(request)
            message = read_message(await _body(request, 16 * 1024), compressed)
            req = docs.EnrollRequest.model_validate(message)
        except BatchRefused as exc:
            raise _refuse(exc.status, exc.reason) from None
        except ValidationError as exc:
            fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
            raise _refuse(422, f"invalid enrollment request: {fields}") from None
        try:
            enrolled = await run_in_threadpool(_enroll, req)
        except devices.EnrollRefused as exc:
            raise _refuse(exc.status, exc.reason) from None
        log.info(
            "enrolled device %s for market %s as desk %d",
            enrolled.device_id,
            enrolled.market["code"],
            enrolled.desk_number,
        )
        return enrolled.to_json()

    def _push(
        device: Device, body: bytes, compressed: str | bool, report: devices.Report
    ) -> dict[str, Any]:
        request = push_request(read_message(body, compressed), device.market_code)

        def work(s: Session) -> dict[str, Any]:
            current = s.get(Device, device.id)
            assert current is not None
            now = clock()
            answer = apply_push(s, current, request, now).to_json()
            report.store(current, now)
            return answer

        with writers:  # a few at a time: the rest wait here, not for a connection
            return db.write_retrying(work)

    @app.post(
        "/v1/push",
        summary="Push a batch of the desk's outbox",
        description=(
            "Body: JSON `{protocol, device_id, epoch, entries: [{seq, entity, row_id, "
            "op, hlc, changed, payload}]}`, zstd-compressed (`Content-Encoding: zstd`, as "
            "protocol 3 desks send it; a new row may leave out `row_id` when its fields make "
            "it and `market_code` when it is the desk's own), gzip (protocol 2) or plain, "
            f"at most {MAX_ENTRIES} entries and "
            f"{MAX_REQUEST_BYTES} bytes. Applied in one transaction; the answer has one result "
            "per entry (`applied`, `merged` or `rejected` with a reason, `conflict` when an "
            "identity field disagrees). Idempotent on (device, seq). A malformed batch is "
            "refused whole and changes nothing: 400 (not gzip / not JSON), 415 (another "
            "Content-Encoding), 413 (too large, "
            "too many entries), 422 (not a valid push). 401 without a valid credential; 403 "
            "when device_id is not the credential's device. Rows of other markets are "
            "rejected per entry, never with 403; a revoked desk gets 403 with the reason."
        ),
        responses={
            200: {"model": docs.PushAnswer},
            **docs.errors(400, 401, 403, 413, 415, 422, 426),
        },
        openapi_extra=docs.body(docs.PushBody),
        operation_id="push",
        dependencies=[Security(bearer)],
        tags=["sync"],
    )
    async def push(request: Request) -> Response:
        check_protocol(request)
        device = await run_in_threadpool(device_for, request.headers.get("authorization"))
        try:
            compressed = _content_encoding(request)
            body = await _body(request)
            answer = await run_in_threadpool(_push, device, body, compressed, report_of(request))
        except BatchRefused as exc:
            log.info("refused a push of device %s: %s", device.id, exc.reason)
            raise _refuse(exc.status, exc.reason) from None
        return _answer(request, answer)

    def _pull(
        device: Device, after: int, limit: int, epoch: int, report: devices.Report, spoken: int
    ) -> dict[str, Any]:
        now = clock()
        stale = device.last_seen_at is None or now - device.last_seen_at > SEEN_EVERY
        if stale or report.differs(device):
            with db.writing() as s:
                current = s.get(Device, device.id)
                if current is not None:
                    current.last_seen_at = now
                    report.store(current, now)
        with readers, db.reading() as s:
            answer = changes_for(s, device, after, limit, now, epoch)
            # protocol 3: a row's key and market code stay off when the desk makes them
            return answer.to_json(device.market_code if spoken >= 3 else None)

    @app.get(
        "/v1/pull",
        summary="Pull the market's changes after a cursor",
        description=(
            "The desk's market's changes with a cursor above `after`, oldest first: its own "
            "rows, the persons it has dealt with (and their wanted job types), open postings "
            "city-wide with their employers, and the markets list (`markets`). Each change "
            "carries the row's current data. Store `next` with the applied rows and ask "
            "again while `more` is true. Cursors only grow."
        ),
        responses={
            200: {"model": docs.PullAnswer, **docs.PULL_LINKS},
            **docs.errors(401, 403, 426),
        },
        openapi_extra={"parameters": [docs.PROTOCOL_PARAMETER]},
        operation_id="pull",
        dependencies=[Security(bearer)],
        tags=["sync"],
    )
    async def pull(
        request: Request,
        after: Annotated[int, Query(ge=0, le=MAX_CURSOR, description="last cursor applied")] = 0,
        limit: Annotated[
            int, Query(ge=1, le=MAX_LIMIT, description="most feed rows in this page")
        ] = DEFAULT_LIMIT,
        epoch: Annotated[
            int, Query(ge=0, le=MAX_EPOCH, description="the desk's epoch: its echoes stay out")
        ] = 0,
    ) -> Response:
        spoken = check_protocol(request)
        device = await run_in_threadpool(device_for, request.headers.get("authorization"))
        answer = await run_in_threadpool(
            _pull, device, after, limit, epoch, report_of(request), spoken
        )
        response = _answer(request, answer)
        response.headers[NEXT_HEADER] = str(answer["next"])
        response.headers[MORE_HEADER] = "1" if answer["more"] else "0"
        return response

    app.mount("/console", create_console(db, clock, console, key_file=key_file, certfile=certfile))
    return app
