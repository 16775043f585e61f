"""Sync on a USB stick: signed bundle files (protocol.bundle_envelope).

A push bundle carries the desk's pending outbox entries, each file one push
batch, signed with the desk's Ed25519 key. Exporting changes nothing: the
entries stay pending, and their results arrive with the next online push
(pushes are idempotent, so the city answers what it answered the bundle).

A pull bundle carries the city's changes for this desk, signed with the
city's key; importing it checks that signature against the key stored at
enrolment and then applies it exactly like a pull. It also carries the push
results of the entries the city took from this desk's push bundles, which
are recorded like an online push's.

The signature covers the body bytes (the gzip-encoded message) as they are in
the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from sqlalchemy.orm import Session

from lingong_desk.domain.hlc import HybridClock
from lingong_desk.sync.apply import Applied, apply_pull, with_extra
from lingong_desk.sync.errors import SyncError
from lingong_desk.sync.outbox import Batch, Recorded, batches, record_results
from lingong_desk.sync.protocol import (
    MAX_BATCH_BYTES,
    ProtocolError,
    PullResponse,
    PushRequest,
    Result,
    bundle_envelope,
    decode,
    encode,
    open_envelope,
    parse_pull_response,
    parse_push,
    parse_push_response,
)
from lingong_desk.sync.state import get, load_public_key, read_state

SUFFIX = ".lgbundle"


def sign(kind: str, device_id: str, body: bytes, key: Ed25519PrivateKey) -> bytes:
    return bundle_envelope(kind, device_id, body, key.sign(body))


def _verified(data: bytes, kind: str, key: Ed25519PublicKey) -> tuple[str, bytes]:
    try:
        found, device_id, body, signature = open_envelope(data)
    except ProtocolError as exc:
        raise SyncError("bundle", str(exc)) from None
    if found != kind:
        raise SyncError("bundle", f"this is a {found} bundle, not a {kind} bundle")
    try:
        key.verify(signature, body)
    except InvalidSignature:
        raise SyncError(
            "signature",
            "the bundle's signature does not match: the file was changed after it "
            "was signed, or it was not made by the expected party; nothing was imported",
        ) from None
    return device_id, body


# ---- push bundles (desk -> city) -------------------------------------------------
def push_bundle_name(device_id: str, batch: Batch) -> str:
    return f"lingong-push-{device_id[:8]}-{batch.first_seq:09d}-{batch.last_seq:09d}{SUFFIX}"


def push_bundles(
    session: Session,
    key: Ed25519PrivateKey,
    device_id: str,
    max_bytes: int = MAX_BATCH_BYTES,
    epoch: int = 0,
) -> Iterator[tuple[str, bytes]]:
    """(file name, file bytes) of every pending batch; nothing is marked sent."""
    for batch in batches(session, device_id, max_bytes=max_bytes, epoch=epoch):
        yield push_bundle_name(device_id, batch), sign("push", device_id, batch.body, key)


def read_push_bundle(data: bytes, key: Ed25519PublicKey) -> PushRequest:
    """What the city does with a push bundle (and what the tests check)."""
    device_id, body = _verified(data, "push", key)
    try:
        request = parse_push(decode(body))
    except ProtocolError as exc:
        raise SyncError("bundle", str(exc)) from None
    if request.device_id != device_id:
        raise SyncError("bundle", "the bundle's device differs from its envelope")
    return request


def write_files(folder: Path, files: Iterator[tuple[str, bytes]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files:
        path = folder / name
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        written.append(path)
    return written


# ---- pull bundles (city -> desk) ---------------------------------------------------
def pull_bundle(
    response: PullResponse, device_id: str, key: Ed25519PrivateKey, after: int | None = None
) -> bytes:
    """A signed pull bundle (the city's side; the tests make them with a test key)."""
    message = response.to_json()
    if after is not None:
        message["after"] = after
    return sign("pull", device_id, encode(message), key)


@dataclass(frozen=True)
class Imported:
    applied: Applied
    changes: int
    recorded: Recorded = field(default_factory=Recorded)


def import_pull_bundle(
    session: Session, data: bytes, clock: HybridClock | None = None, now: dt.datetime | None = None
) -> Imported:
    """Check the city's signature and this desk's identity, then apply the
    changes and the cursor in the caller's one transaction."""
    state = read_state(session)
    if not state.enrolled or not state.city_public_key:
        raise SyncError("not_enrolled", "enrol this desk before importing a city bundle")
    device_id, body = _verified(data, "pull", load_public_key(state.city_public_key))
    if device_id != state.device_id:
        raise SyncError("bundle", "this bundle was made for another desk")
    try:
        message = decode(body)
        response = with_extra(parse_pull_response(message), message)
    except ProtocolError as exc:
        raise SyncError("bundle", str(exc)) from None
    if message.get("device_id", device_id) != device_id:
        raise SyncError("bundle", "the bundle's body is for another desk than its envelope")
    market = get(session, "market_code")
    if market is not None and message.get("market_code", market) != market:
        raise SyncError("bundle", "this bundle was made for another market")
    after = message.get("after")
    if isinstance(after, int) and after > state.cursor:
        raise SyncError(
            "bundle",
            "this bundle starts after changes this desk has not received yet; "
            "ask the city for a newer bundle",
        )
    recorded = record_results(session, _results(message.get("results")), None, now)
    return Imported(apply_pull(session, response, clock, now), len(response.changes), recorded)


def _results(raw: Any) -> list[Result]:
    """Push results of entries the city took from this desk's push bundles."""
    if raw is None:
        return []
    try:
        return list(parse_push_response({"results": raw}).results)
    except ProtocolError as exc:
        raise SyncError("bundle", f"the bundle's push results cannot be read: {exc}") from None
