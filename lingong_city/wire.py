"""Reading request bodies safely: bounded gunzip or unzstd, JSON, the push request.

Each failure is a ``BatchRefused`` carrying its HTTP status: 400 for a body
that is not gzip or not a JSON object, 413 for one too large (compressed,
uncompressed, or with too many entries), 422 for a well-formed message that is
not a valid push (wrong protocol version, unknown entity, payload.id differing
from row_id, wrong types).
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from lingong_city.schema import BatchRefused
from lingong_desk.sync.protocol import (
    MAX_BODY_BYTES,
    MAX_ENTRIES,
    ZSTD_MAGIC,
    BodyTooLarge,
    ProtocolError,
    PushRequest,
    parse_push,
    unzstd,
)

# what a request may carry on the wire (a batch is about 64 KiB compressed)
MAX_REQUEST_BYTES = MAX_BODY_BYTES
GZIP_MAGIC = b"\x1f\x8b"


def gunzip(body: bytes, limit: int = MAX_BODY_BYTES) -> bytes:
    """Decompress one gzip member, refusing to produce more than ``limit`` bytes."""
    if not body.startswith(GZIP_MAGIC):
        raise BatchRefused(400, "the body is not gzip-compressed")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        raw = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise BatchRefused(400, f"the body is not valid gzip: {exc}") from None
    if len(raw) > limit:
        raise BatchRefused(413, f"the body is larger than {limit} bytes uncompressed")
    if not inflater.eof:
        raise BatchRefused(400, "the body is not valid gzip: it ends early")
    if inflater.unused_data:
        raise BatchRefused(400, "the body has data after its gzip stream")
    return raw


def json_object(raw: bytes, limit: int = MAX_BODY_BYTES) -> dict[str, Any]:
    """The JSON object in ``raw`` (uncompressed), as ``protocol.decode`` reads it."""
    if len(raw) > limit:
        raise BatchRefused(413, f"the body is larger than {limit} bytes uncompressed")
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BatchRefused(400, f"the body is not JSON: {exc}") from None
    except RecursionError:
        raise BatchRefused(400, "the body is not JSON: nested too deeply") from None
    if not isinstance(value, dict):
        raise BatchRefused(400, "the body is not a JSON object")
    return value


def read_zstd(body: bytes, limit: int = MAX_BODY_BYTES) -> bytes:
    """Decompress one zstd frame, refusing to produce more than ``limit`` bytes."""
    if not body.startswith(ZSTD_MAGIC):
        raise BatchRefused(400, "the body is not zstd-compressed")
    try:
        return unzstd(body, limit)
    except BodyTooLarge:
        raise BatchRefused(413, f"the body is larger than {limit} bytes uncompressed") from None
    except ProtocolError as exc:
        raise BatchRefused(400, str(exc)) from None


def read_message(body: bytes, compressed: bool | str | None = None) -> dict[str, Any]:
    """A JSON object from a request body. ``compressed``: ``"gzip"`` (or True),
    ``"zstd"``, False for plain JSON, None to tell by the bytes."""
    if compressed is None:
        compressed = "zstd" if body.startswith(ZSTD_MAGIC) else body.startswith(GZIP_MAGIC)
    if compressed == "zstd":
        return json_object(read_zstd(body))
    if compressed:
        return json_object(gunzip(body))
    if len(body) > MAX_BODY_BYTES:
        raise BatchRefused(413, "the body is too large")
    return json_object(body)


def push_request(message: dict[str, Any], home: str | None = None) -> PushRequest:
    """The push in ``message``; ``home``: the sending desk's market."""
    entries = message.get("entries")
    if isinstance(entries, list) and len(entries) > MAX_ENTRIES:
        raise BatchRefused(413, f"at most {MAX_ENTRIES} entries in one batch")
    try:
        return parse_push(message, home)
    except (ValueError, TypeError, KeyError) as exc:  # ProtocolError is a ValueError
        raise BatchRefused(422, str(exc)) from None
