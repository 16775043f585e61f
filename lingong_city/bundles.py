"""Sync by USB stick: a desk's signed push bundle in, a signed pull bundle out.

File format: ``lingong_desk.sync.protocol.bundle_envelope`` — a JSON envelope
``{format, version, kind, device_id, body, signature}`` where ``body`` is the
gzip-compressed JSON message (``protocol.encode``) and ``signature`` the
Ed25519 signature of exactly those body bytes:

- push bundle (``kind="push"``): body = a push request of the desk (any number
  of entries; applied in slices of ``MAX_ENTRIES``, each slice one transaction,
  idempotent on (device, seq) like an online push), signed with the key the
  desk registered at enrollment. The body's ``device_id`` must be the
  envelope's.
- pull bundle (``kind="pull"``): body = a pull response for one device, signed
  with the city key (its public half was given at enrollment). Besides
  ``changes``/``next``/``more``/``markets`` it carries ``device_id`` and
  ``market_code`` (the desk checks they are its own), ``after`` (the cursor the
  changes start from: a desk whose own cursor is lower must not apply it) and
  ``results``: the push results of entries imported from that desk's bundles
  since its last pull bundle, so the desk can clear its outbox.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from lingong_city import keys
from lingong_city.db import Database
from lingong_city.ingest import apply_push, server_stamp
from lingong_city.models import Device
from lingong_city.pull import MAX_LIMIT, NO_EPOCH, changes_for, market_list
from lingong_city.schema import BatchRefused, check_batch
from lingong_city.wire import gunzip, json_object, push_request
from lingong_desk.sync.protocol import (
    MAX_BODY_BYTES,
    MAX_ENTRIES,
    Change,
    ProtocolError,
    PullResponse,
    PushRequest,
    PushResponse,
    Result,
    bundle_envelope,
    encode,
    open_envelope,
)

# A desk writes one push batch per file (at most MAX_BATCH_BYTES compressed, its
# body at most MAX_BODY_BYTES uncompressed); room for eight such batches in one.
MAX_BUNDLE_BYTES = 8 * MAX_BODY_BYTES  # uncompressed body of one bundle file
MAX_BUNDLE_FILE_BYTES = 4 * 1024 * 1024  # the file itself (base64 body in JSON)


def read_bundle_file(path: Path) -> bytes:
    """A bundle file's bytes, refused unread when it is larger than any desk writes."""
    size = path.stat().st_size
    if size > MAX_BUNDLE_FILE_BYTES:
        raise BatchRefused(
            413, f"the bundle file has {size} bytes; a bundle has at most {MAX_BUNDLE_FILE_BYTES}"
        )
    with path.open("rb") as f:
        data = f.read(MAX_BUNDLE_FILE_BYTES + 1)
    if len(data) > MAX_BUNDLE_FILE_BYTES:  # it grew while being read
        raise BatchRefused(413, f"a bundle file has at most {MAX_BUNDLE_FILE_BYTES} bytes")
    return data


def _open(data: bytes, kind: str) -> tuple[uuid.UUID, bytes, bytes]:
    try:
        found, device_id, body, signature = open_envelope(data)
    except ProtocolError as exc:
        raise BatchRefused(400, str(exc)) from None
    except RecursionError:
        raise BatchRefused(400, "the bundle file is damaged") from None
    if found != kind:
        raise BatchRefused(422, f"this is a {found} bundle, not a {kind} bundle")
    return uuid.UUID(device_id), body, signature


def _slices(message: dict[str, Any]) -> list[PushRequest]:
    entries = message.get("entries")
    if not isinstance(entries, list):
        raise BatchRefused(422, "entries must be a list")
    requests = []
    for start in range(0, max(len(entries), 1), MAX_ENTRIES):
        part = dict(message, entries=entries[start : start + MAX_ENTRIES])
        request = push_request(part)
        check_batch(request)
        requests.append(request)
    return requests


def import_push_bundle(db: Database, data: bytes, now: dt.datetime) -> PushResponse:
    """Verify a desk's push bundle and apply it; ``BatchRefused`` if it is not acceptable.

    Nothing is applied unless the signature matches the device's registered
    key and every slice of the bundle is a valid push. The size is checked before
    the envelope is read, the signature before the body is inflated, and the
    body is inflated only up to ``MAX_BUNDLE_BYTES``.
    """
    if len(data) > MAX_BUNDLE_FILE_BYTES:
        raise BatchRefused(413, f"a bundle file has at most {MAX_BUNDLE_FILE_BYTES} bytes")
    device_id, body, signature = _open(data, "push")
    with db.reading() as s:
        device = s.get(Device, device_id)
    if device is None or device.revoked:
        raise BatchRefused(403, f"device {device_id} is not enrolled (or was revoked)")
    if not keys.verify(device.public_key, signature, body):
        raise BatchRefused(
            403,
            "the bundle's signature does not match the desk's registered key: "
            "the file was changed, or it is not from this desk",
        )
    requests = _slices(json_object(gunzip(body, MAX_BUNDLE_BYTES), MAX_BUNDLE_BYTES))
    if any(r.device_id != str(device_id) for r in requests):
        raise BatchRefused(422, "the bundle's body is for another device than its envelope")
    results: list[Result] = []
    stamp = server_stamp(now)
    for request in requests:

        def work(s: Session, request: PushRequest = request) -> PushResponse:
            current = s.get(Device, device_id)
            assert current is not None
            answer = apply_push(s, current, request, now)
            pending = {int(r["seq"]): r for r in current.pending_results}
            pending.update({r.seq: r.to_json() for r in answer.results})
            current.pending_results = [pending[k] for k in sorted(pending)]
            return answer

        answer = db.write_retrying(work)
        results.extend(answer.results)
        stamp = answer.server_hlc
    return PushResponse(tuple(results), stamp)


@dataclass(frozen=True)
class Exported:
    device_id: uuid.UUID
    changes: int
    results: int
    next: int
    size: int


def export_pull_bundle(
    db: Database,
    device_id: uuid.UUID,
    out: Path,
    now: dt.datetime,
    after: int | None = None,
    key_file: Path | None = None,
) -> Exported:
    """Write a signed pull bundle for a device to ``out``.

    It holds the device's market's changes after ``after`` (default: where the
    last bundle for this device ended) and the pending push results. The
    device's bundle position advances only once the file is written.
    """
    with db.writing() as s:
        device = s.get(Device, device_id)
        if device is None or device.revoked:
            raise BatchRefused(403, f"device {device_id} is not enrolled (or was revoked)")
        start = cursor = device.bundle_cursor if after is None else after
        changes: list[Change] = []
        seen: set[tuple[str, str]] = set()
        while True:
            # no epoch: a bundle carries the desk's own changes back too (harmless to
            # apply again; the city cannot know which epoch a desk on a stick is in)
            page = changes_for(s, device, cursor, MAX_LIMIT, now, epoch=NO_EPOCH)
            for change in page.changes:
                if (change.entity, change.row_id) not in seen:
                    seen.add((change.entity, change.row_id))
                    changes.append(change)
            cursor = page.next
            if not page.more:
                break
        results = list(device.pending_results)
        response = PullResponse(
            changes=tuple(changes),
            next=cursor,
            more=False,
            server_hlc=server_stamp(now),
            extra={
                "markets": market_list(s),
                "device_id": str(device.id),
                "market_code": device.market_code,
                "after": start,
                "results": results,
            },
        )
        body = encode(response.to_json())
        signature = keys.city_key(s, key_file, now).sign(body)
        data = bundle_envelope("pull", str(device.id), body, signature)
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, out)
        device.bundle_cursor = cursor
        device.pending_results = []
    return Exported(device_id, len(changes), len(results), cursor, len(data))
