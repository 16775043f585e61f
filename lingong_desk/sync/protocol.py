"""The sync wire protocol, shared by the desk and the city server (version 3).

Everything on the wire is JSON, zstd-compressed in transit (``Content-Encoding:
zstd``; gzip for bundles and for desks of protocol 2, which the city still
serves). Protocol 3 also leaves off what the receiver knows: a new row's market
code when it is the sending (or pulling) desk's own market, and the key of a row
whose own fields make it (``derived_row_id``: a person's from the ID number, a
wanted job type's from the person and the occupation). Identifiers are UUID strings, times ISO 8601 in UTC, money decimal
strings, hybrid-logical-clock stamps the sortable text of ``domain.hlc``.

Enrolment (once per desk)::

    POST /v1/enroll  {"code", "device_name", "public_key"}
      -> {"device_id", "credential", "market": {...}, "desk_number",
          "city_public_key"}

Every request names the protocol it speaks in the ``X-LingGong-Protocol``
header; a server that does not speak it answers 426 with a reason that asks
for a newer program, before it reads anything else.

Push (the desk's outbox, in batches of at most ``MAX_BATCH_BYTES``)::

    POST /v1/push    Authorization: Bearer <credential>
      {"protocol": 3, "device_id", "epoch", "entries": [Entry, ...]}
      -> {"results": [Result, ...], "server_hlc"}

  Idempotent on (device, epoch, seq): a repeated entry with the same body
  gets the result it got the first time; the same number with another body
  (a desk restored from a backup numbers its changes again) is rejected with
  ``code: "seq_reused"``, and the desk starts a new ``epoch`` and sends it
  again. The server applies a batch in one transaction and answers per
  entry: ``applied`` (the desk's values are the city's now), ``merged``
  (fields merged with newer ones already there), or ``rejected`` with a
  reason; a malformed batch is refused whole with a 4xx and changes nothing.
  Whenever the answer is not ``applied``, the city's current row (if the
  market may see it) is in the market's feed again, so the desk ends with
  the city's value.

Pull (the city's change log, after a cursor)::

    GET /v1/pull?after=<cursor>&limit=<n>&epoch=<e>
      Authorization: Bearer <credential>
      -> {"changes": [Change, ...], "next": <cursor>, "more": bool,
          "server_hlc"}

  Cursors only ever grow and are exposed only up to the committed horizon.
  A device is never sent back a change it made itself in its current epoch
  when the city took it as it was (its echo); ``next`` still moves past them.

Counts derived from other rows (``CITY_DERIVED``: a posting's filled places,
the hired referrals of the posting wherever they were made) are the city's:
a desk shows its own count at once, never sends it, and always takes the
city's value from a pull.

Bundles carry the same push request or pull response on a USB stick, signed
with Ed25519 (the desk's key for push bundles, the city's for pull bundles).
"""

from __future__ import annotations

import base64
import gzip
import json
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from lingong_desk.domain.ids import person_id, person_occupation_id

PROTOCOL_VERSION = 3
# what the city understands: a desk of the version before still syncs (gzip, whole
# rows) while a market waits for its update
SPOKEN_BY_CITY = frozenset({2, 3})
PROTOCOL_HEADER = "X-LingGong-Protocol"
# a pull answer says in its headers where the next page starts (and whether there is
# one), so a desk can ask for it before this page's body has arrived
NEXT_HEADER = "X-LingGong-Next"
MORE_HEADER = "X-LingGong-More"
# what a desk says about itself with every push and pull (optional; a city shows it on
# its desks page): its program version, changes waiting to be sent, items needing
# attention (rejected changes and notes not yet dismissed)
VERSION_HEADER = "X-LingGong-Version"
PENDING_HEADER = "X-LingGong-Pending"
ATTENTION_HEADER = "X-LingGong-Attention"
# a pull answer's list of conflict items the city settled for the desk's market
# ({id, entity, row_id, field, resolution, yours}); resolutions are below
SETTLED = "settled"
SETTLED_VALUE = "value"  # the right value was chosen: the city's row is now right
SETTLED_WRONG_ID = "wrong_id"  # the registering market must correct the ID number
GZIP_LEVEL = 9  # bundles, and answers to a desk that does not take zstd
# Protocol 3 bodies are zstd (``Content-Encoding: zstd``): about 40 % fewer bytes than
# gzip-9 on the project's rows. A desk packs its pushes hard (its CPU idles while the
# line carries them); the city answers pulls at a level that keeps its CPU for many desks.
ZSTD_PUSH_LEVEL = 19
ZSTD_PULL_LEVEL = 12
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
GZIP_MAGIC = b"\x1f\x8b"
MAX_BATCH_BYTES = 192 * 1024  # compressed (MAX_ENTRIES usually ends a batch first)
MAX_ENTRIES = 2000
MAX_BODY_BYTES = 2 * 1024 * 1024  # uncompressed request body the server accepts
MAX_EPOCH = 2**53  # a desk's epoch is a wall-clock millisecond count (JSON-safe integer)

OPS = frozenset({"insert", "update", "delete"})
STATUSES = frozenset({"applied", "merged", "rejected"})

# Rows of these tables are shared city-wide: any market may write them.
SHARED = frozenset({"person", "person_occupation"})
# Rows of these tables belong to the market in their market_code.
OWNED = frozenset({
    "employer", "job_posting", "referral", "referral_event", "file_custody",
    "file_movement", "guidance_session", "consultation", "knowledge_article",
    "audit_event", "clerk",
})  # fmt: skip
ENTITIES = SHARED | OWNED
# A person's identity: never merged silently; a disagreement is a conflict item.
IDENTITY_FIELDS = frozenset({"id_number", "name", "birth_date", "sex"})
# Columns the server keeps for itself and never takes from a desk's payload.
SERVER_COLUMNS = frozenset({"password_hash"})
# Counts the city derives from the rows they count; never merged from a desk.
CITY_DERIVED: dict[str, frozenset[str]] = {"job_posting": frozenset({"headcount_filled"})}
# Columns every receiver computes from the row's own fields (search keys):
# never on the wire, never stored at the city.
RECEIVER_DERIVED: dict[str, frozenset[str]] = {
    "person": frozenset({"search_pinyin", "search_initials", "phone_rev", "id_number_rev"}),
    "employer": frozenset({"search_pinyin", "search_initials"}),
    "job_posting": frozenset({"search_pinyin", "search_initials"}),
    "knowledge_article": frozenset({"search_pinyin", "search_initials"}),
}
# Who changed a row and when: an update or delete carries these with its fields.
META_FIELDS = ("updated_at", "updated_by")
# Result codes a desk acts on (besides the status).
SEQ_REUSED = "seq_reused"
# a row the entry needs has not reached the city yet (not remembered: send it again
# once the batches before it are in; still missing then, it is a real rejection)
MISSING_PARENT = "missing_parent"


def derived_row_id(entity: str, row: dict[str, Any]) -> str | None:
    """The key a row's own fields make (``domain.ids``), if its table has such keys:
    a person's is made from the ID number, a wanted job type's from the person and
    the occupation. Protocol 3 leaves such a key off a new row; the receiver makes it."""
    try:
        if entity == "person":
            number = row.get("id_number")
            return str(person_id(number)) if isinstance(number, str) and number else None
        if entity == "person_occupation":
            person, code = row.get("person_id"), row.get("occupation_code")
            if isinstance(person, str) and isinstance(code, str) and code:
                return str(person_occupation_id(uuid.UUID(person), code))
    except ValueError:
        return None
    return None


def not_sent(entity: str) -> frozenset[str]:
    """Columns of ``entity`` that never travel: derived by the city or by the receiver."""
    return CITY_DERIVED.get(entity, frozenset()) | RECEIVER_DERIVED.get(entity, frozenset())


def outgoing_payload(
    entity: str, op: str, changed: tuple[str, ...], row: dict[str, Any]
) -> dict[str, Any]:
    """What of a row an entry carries: all of a new row, the changed fields (with who
    and when) of an update or delete; never what the other side derives."""
    skip = not_sent(entity)
    if op == "insert":
        return {k: v for k, v in row.items() if k not in skip}
    names = set(changed) | set(META_FIELDS)
    return {k: row[k] for k in row if k in names and k not in skip}


class ProtocolError(ValueError):
    """A malformed message: the whole request is refused (HTTP 400/413/422)."""


class BodyTooLarge(ProtocolError):
    """A body that inflates past ``MAX_BODY_BYTES`` (HTTP 413)."""


@dataclass(frozen=True)
class Entry:
    seq: int
    entity: str
    row_id: str
    op: str
    hlc: str
    changed: tuple[str, ...]
    payload: dict[str, Any]

    def to_json(self, home: str | None = None) -> dict[str, Any]:
        """The entry on the wire, compact: the payload without what the entry already
        says (its id and stamp); a new row without its empty fields, its changed list
        (every field) and its who-and-when when they repeat the creation's.

        With ``home`` (the pushing desk's market, protocol 3) a new row also leaves
        out a key its fields make (``derived_row_id``) and a market code that is the
        desk's own: the city knows both."""
        payload = {k: v for k, v in self.payload.items() if k not in ("id", "hlc")}
        d: dict[str, Any] = {"seq": self.seq, "entity": self.entity}
        if not (
            home and self.op == "insert" and self.row_id == derived_row_id(self.entity, payload)
        ):
            d["row_id"] = self.row_id
        d["op"] = self.op
        d["hlc"] = self.hlc
        if self.op == "insert":
            payload = elide_meta({k: v for k, v in payload.items() if v is not None})
            if home and payload.get("market_code") == home:
                del payload["market_code"]
        else:
            d["changed"] = list(self.changed)
        d["payload"] = payload
        return d


_META_ORIGINS = (("updated_at", "created_at"), ("updated_by", "created_by"))


def elide_meta(row: dict[str, Any]) -> dict[str, Any]:
    """A whole row without the who-and-when of its last change when that repeats its
    creation (a row never changed since); ``restore_meta`` puts it back."""
    out = dict(row)
    for meta, origin in _META_ORIGINS:
        if meta in out and origin in out and out[meta] == out[origin]:
            del out[meta]
    return out


def restore_meta(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for meta, origin in _META_ORIGINS:
        if meta not in out and origin in out:
            out[meta] = out[origin]
    return out


def _expanded(op: str, row_id: str, hlc: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as the sender held it (``Entry.to_json`` left out what it repeats)."""
    full = dict(payload, id=row_id, hlc=hlc)
    return restore_meta(full) if op == "insert" else full


@dataclass(frozen=True)
class PushRequest:
    device_id: str
    entries: tuple[Entry, ...]
    protocol: int = PROTOCOL_VERSION
    epoch: int = 0  # a new one after the desk's numbering started again (a restore)

    def to_json(self, home: str | None = None) -> dict[str, Any]:
        return {
            "protocol": self.protocol,
            "device_id": self.device_id,
            "epoch": self.epoch,
            "entries": [e.to_json(home) for e in self.entries],
        }


@dataclass(frozen=True)
class Result:
    seq: int
    status: str
    reason: str = ""
    conflict: bool = False
    code: str = ""  # e.g. SEQ_REUSED: something the desk must act on

    def to_json(self) -> dict[str, Any]:
        """Without the defaults (no reason, no conflict, no code): most answers are a
        bare ``applied``."""
        d = asdict(self)
        for name, empty in (("reason", ""), ("conflict", False), ("code", "")):
            if d[name] == empty:
                del d[name]
        return d


@dataclass(frozen=True)
class PushResponse:
    results: tuple[Result, ...]
    server_hlc: str

    def to_json(self) -> dict[str, Any]:
        return {"results": [r.to_json() for r in self.results], "server_hlc": self.server_hlc}


@dataclass(frozen=True)
class Change:
    cursor: int
    entity: str
    row_id: str
    hlc: str
    row: dict[str, Any]
    deleted: bool = False

    def to_json(self, home: str | None = None) -> dict[str, Any]:
        """With ``home`` (the pulling desk's market, protocol 3): without a key the
        row's fields make and a market code that is the desk's own."""
        # by hand: asdict() deep-copies every row, half the time of a pull page
        d: dict[str, Any] = {
            "cursor": self.cursor,
            "entity": self.entity,
            "row_id": self.row_id,
            "hlc": self.hlc,
            "row": self.row,
        }
        if self.deleted:
            d["deleted"] = True
        if home:
            if self.row_id == derived_row_id(self.entity, self.row):
                del d["row_id"]
            if self.row.get("market_code") == home:
                d["row"] = {k: v for k, v in self.row.items() if k != "market_code"}
        return d


@dataclass(frozen=True)
class PullResponse:
    changes: tuple[Change, ...]
    next: int
    more: bool
    server_hlc: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self, home: str | None = None) -> dict[str, Any]:
        return {
            "changes": [c.to_json(home) for c in self.changes],
            "next": self.next,
            "more": self.more,
            "server_hlc": self.server_hlc,
            **self.extra,
        }


# ---- encoding -------------------------------------------------------------
def json_bytes(message: dict[str, Any]) -> bytes:
    """A message as it goes into a body (before compression): compact UTF-8 JSON."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def encode(message: dict[str, Any]) -> bytes:
    """JSON, compact, gzip-compressed (deterministic: no timestamp in the header)."""
    return gzip.compress(json_bytes(message), compresslevel=GZIP_LEVEL, mtime=0)


def encode_zstd(message: dict[str, Any], level: int = ZSTD_PUSH_LEVEL) -> bytes:
    """JSON, compact, one zstd frame that states its size."""
    import zstandard

    return zstandard.ZstdCompressor(level=level).compress(json_bytes(message))


def unzstd(body: bytes, limit: int = 0) -> bytes:
    """Decompress one zstd frame, never producing more than ``limit`` bytes (a frame
    may lie about its size, so the output is read as a stream and cut off)."""
    import zstandard

    limit = limit or MAX_BODY_BYTES
    try:
        with zstandard.ZstdDecompressor(max_window_size=1 << 23).stream_reader(
            body, read_across_frames=False
        ) as reader:
            raw = reader.read(limit + 1)
            if len(raw) > limit:
                raise BodyTooLarge("the body is too large")
            if reader.read(1):  # pragma: no cover - read() returns the whole frame
                raise BodyTooLarge("the body is too large")
    except zstandard.ZstdError as exc:
        raise ProtocolError(f"the body is not valid zstd: {exc}") from None
    return raw


def decode(body: bytes, compressed: bool = True) -> dict[str, Any]:
    """A message body: gzip or zstd (told by its first bytes), or plain JSON."""
    try:
        if compressed and body.startswith(ZSTD_MAGIC):
            raw = unzstd(body)
        else:
            raw = gzip.decompress(body) if compressed else body
    except (OSError, EOFError) as exc:
        raise ProtocolError(f"the body is not valid gzip: {exc}") from None
    if len(raw) > MAX_BODY_BYTES:
        raise ProtocolError("the body is too large")
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(f"the body is not JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ProtocolError("the body is not a JSON object")
    return value


# ---- validation -----------------------------------------------------------
def _uuid(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ProtocolError(f"{what} must be a UUID string")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ProtocolError(f"{what} is not a UUID") from None


def _int(value: Any, what: str, minimum: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ProtocolError(f"{what} must be an integer ≥ {minimum}")
    return value


def _str(value: Any, what: str, limit: int = 200) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ProtocolError(f"{what} must be a string of at most {limit} characters")
    return value


def parse_entry(raw: Any, home: str | None = None) -> Entry:
    """An entry as a desk sent it; ``home``: the sending desk's market (a new row
    without a market code is that market's, as protocol 3 leaves it out)."""
    if not isinstance(raw, dict):
        raise ProtocolError("an entry must be an object")
    entity = _str(raw.get("entity"), "entity", 40)
    if entity not in ENTITIES:
        raise ProtocolError(f"unknown entity {entity!r}")
    op = _str(raw.get("op"), "op", 10)
    if op not in OPS:
        raise ProtocolError(f"unknown op {op!r}")
    changed = raw.get("changed", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        raise ProtocolError("changed must be a list of field names")
    payload = raw.get("payload")
    if not isinstance(payload, dict):
        raise ProtocolError("payload must be an object")
    if "row_id" not in raw and op == "insert":
        derived = derived_row_id(entity, payload)
        if derived is None:
            raise ProtocolError(f"row_id is missing and a {entity} row does not make its key")
        row_id = derived
    else:
        row_id = _uuid(raw.get("row_id"), "row_id")
    if home and op == "insert" and "market_code" not in payload:
        payload = dict(payload, market_code=home)
    if "id" in payload and _uuid(payload.get("id"), "payload.id") != row_id:
        raise ProtocolError("payload.id differs from row_id")
    hlc = _str(raw.get("hlc"), "hlc", 64)
    return Entry(
        seq=_int(raw.get("seq"), "seq", 1),
        entity=entity,
        row_id=row_id,
        op=op,
        hlc=hlc,
        changed=tuple(changed),
        payload=_expanded(op, row_id, hlc, payload),
    )


def parse_push(message: dict[str, Any], home: str | None = None) -> PushRequest:
    """A push request; ``home``: the market of the desk that sent it."""
    protocol = message.get("protocol")
    if protocol not in SPOKEN_BY_CITY or isinstance(protocol, bool):
        raise ProtocolError(f"protocol version {protocol!r} is not supported")
    entries = message.get("entries")
    if not isinstance(entries, list):
        raise ProtocolError("entries must be a list")
    if len(entries) > MAX_ENTRIES:
        raise ProtocolError(f"at most {MAX_ENTRIES} entries in one batch")
    parsed = tuple(parse_entry(e, home) for e in entries)
    seqs = [e.seq for e in parsed]
    if len(set(seqs)) != len(seqs):
        raise ProtocolError("an entry's seq appears twice in one batch")
    epoch = _int(message.get("epoch", 0), "epoch")
    if epoch > MAX_EPOCH:
        raise ProtocolError(f"epoch must be at most {MAX_EPOCH}")
    device = _uuid(message.get("device_id"), "device_id")
    return PushRequest(device, parsed, protocol=int(protocol), epoch=epoch)


def parse_push_response(message: dict[str, Any]) -> PushResponse:
    results = message.get("results")
    if not isinstance(results, list):
        raise ProtocolError("results must be a list")
    out = []
    for r in results:
        if not isinstance(r, dict) or r.get("status") not in STATUSES:
            raise ProtocolError("a result needs a known status")
        out.append(
            Result(
                _int(r.get("seq"), "seq", 1),
                str(r["status"]),
                str(r.get("reason", "")),
                bool(r.get("conflict", False)),
                str(r.get("code", "")),
            )
        )
    return PushResponse(tuple(out), _str(message.get("server_hlc", ""), "server_hlc", 64))


def parse_pull_response(message: dict[str, Any], home: str | None = None) -> PullResponse:
    """A pull answer; ``home``: the pulling desk's market (protocol 3 leaves a row's
    market code out when it is the desk's own, and a key the row's fields make)."""
    changes = message.get("changes")
    if not isinstance(changes, list):
        raise ProtocolError("changes must be a list")
    out = []
    for c in changes:
        if not isinstance(c, dict) or not isinstance(c.get("row"), dict):
            raise ProtocolError("a change needs a row object")
        entity = _str(c.get("entity"), "entity", 40)
        if entity not in ENTITIES:
            raise ProtocolError(f"unknown entity {entity!r}")
        row = restore_meta(c["row"])
        if home and "market_code" not in row:
            row["market_code"] = home
        if "row_id" in c:
            row_id = _uuid(c.get("row_id"), "row_id")
        else:
            made = derived_row_id(entity, row)
            if made is None:
                raise ProtocolError(f"a {entity} change needs its row_id")
            row_id = made
        out.append(
            Change(
                _int(c.get("cursor"), "cursor", 1),
                entity,
                row_id,
                _str(c.get("hlc"), "hlc", 64),
                row,
                bool(c.get("deleted", False)),
            )
        )
    return PullResponse(
        tuple(out),
        _int(message.get("next"), "next"),
        bool(message.get("more", False)),
        _str(message.get("server_hlc", ""), "server_hlc", 64),
    )


# ---- bundles ---------------------------------------------------------------
BUNDLE_FORMAT = "lingong-bundle"


def bundle_envelope(kind: str, device_id: str, body: bytes, signature: bytes) -> bytes:
    """The bundle file: a small JSON envelope around the gzip body and its signature."""
    return json.dumps({
        "format": BUNDLE_FORMAT, "version": PROTOCOL_VERSION, "kind": kind,
        "device_id": device_id,
        "body": base64.b64encode(body).decode("ascii"),
        "signature": base64.b64encode(signature).decode("ascii"),
    }, separators=(",", ":")).encode("utf-8")  # fmt: skip


def open_envelope(data: bytes) -> tuple[str, str, bytes, bytes]:
    """(kind, device id, body, signature) of a bundle file; signature not yet checked."""
    try:
        env = json.loads(data.decode("utf-8"))
        if env.get("format") != BUNDLE_FORMAT or env.get("version") != PROTOCOL_VERSION:
            raise ProtocolError("this file is not a LingGong sync bundle of a known version")
        if env.get("kind") not in ("push", "pull"):
            raise ProtocolError("unknown bundle kind")
        return (str(env["kind"]), _uuid(env.get("device_id"), "device_id"),
                base64.b64decode(env["body"], validate=True),
                base64.b64decode(env["signature"], validate=True))  # fmt: skip
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, ProtocolError):
            raise
        raise ProtocolError(f"the bundle file is damaged: {exc}") from None
