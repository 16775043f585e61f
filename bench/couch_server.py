"""A minimal CouchDB 3 for the replication baseline of ``sync_bench.py``.

Only what PouchDB's replicator calls, over HTTP/1.1, for one database
(``/lingong/``), kept in memory: the server root, the database info,
``_changes`` (``style=all_docs``, ``seq_interval``, ``since``, ``limit``),
``_revs_diff``, ``_bulk_docs`` with ``new_edits: false``, ``_all_docs`` with
``keys`` and ``include_docs``, ``_bulk_get`` with ``revs`` and ``latest``, and
``_local`` checkpoint documents. Answers are shaped and sized as CouchDB 3.3
sends them: compact JSON in UTF-8, not compressed (CouchDB does not compress
API answers), its usual headers, opaque update sequences of a two-shard
database (``"<n>-g1AAAA..."``, about 130 characters; with ``seq_interval``
only the last row of a page carries one, as with PouchDB's default).

``Store`` is also the local database of the emulated PouchDB (integer
sequences there, and no HTTP).
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

DB = "lingong"
SERVER = "CouchDB/3.3.3 (Erlang OTP/24)"


def dumps(value: Any) -> bytes:
    """JSON as CouchDB (jiffy) and JavaScript's JSON.stringify write it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def rev_hash(body: dict[str, Any], parent: str = "") -> str:
    return hashlib.md5(parent.encode() + dumps(body)).hexdigest()


def seq_number(seq: Any) -> int:
    return int(str(seq).split("-", 1)[0] or 0)


@dataclass
class Doc:
    body: dict[str, Any]  # without the underscore fields
    gen: int  # the revision's generation
    revs: list[str]  # revision hashes, newest first (the known part of the path)
    seq: int

    @property
    def rev(self) -> str:
        return f"{self.gen}-{self.revs[0]}"

    def has(self, rev: str) -> bool:
        gen, _, digest = rev.partition("-")
        pos = self.gen - int(gen)
        return 0 <= pos < len(self.revs) and self.revs[pos] == digest


@dataclass
class Store:
    """Documents with their revision paths, a by-sequence log, local documents."""

    opaque_seqs: bool = False  # CouchDB's string sequences, or PouchDB's integers
    docs: dict[str, Doc] = field(default_factory=dict)
    log_seqs: list[int] = field(default_factory=list)
    log_ids: list[str] = field(default_factory=list)
    local: dict[str, dict[str, Any]] = field(default_factory=dict)
    update_seq: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def seq(self, n: int) -> Any:
        if not self.opaque_seqs:
            return n
        if n == 0:
            return "0"
        raw = hashlib.sha512(f"shard{n}".encode()).digest() + hashlib.sha256(b"%d" % n).digest()
        return f"{n}-g1AAAA" + base64.urlsafe_b64encode(raw).decode()[:122]

    def _log(self, doc_id: str) -> int:
        self.update_seq += 1
        self.log_seqs.append(self.update_seq)
        self.log_ids.append(doc_id)
        return self.update_seq

    # ---- writes -------------------------------------------------------------------
    def save(self, doc_id: str, body: dict[str, Any]) -> str:
        """A local edit (a new revision on top of the current one)."""
        with self.lock:
            doc = self.docs.get(doc_id)
            parent = doc.rev if doc else ""
            digest = rev_hash(body, parent)
            revs = [digest, *(doc.revs if doc else [])]
            gen = doc.gen + 1 if doc else 1
            self.docs[doc_id] = Doc(dict(body), gen, revs, self._log(doc_id))
            return self.docs[doc_id].rev

    def put_replicated(self, doc: dict[str, Any]) -> None:
        """``new_edits: false``: store the revision as it is, with its history."""
        body = {k: v for k, v in doc.items() if not k.startswith("_")}
        gen, _, digest = str(doc["_rev"]).partition("-")
        history = doc.get("_revisions", {}).get("ids") or [digest]
        with self.lock:
            current = self.docs.get(doc["_id"])
            if current is not None and current.gen >= int(gen):
                return  # already here (no conflicts arise in these runs)
            self.docs[doc["_id"]] = Doc(body, int(gen), list(history), self._log(doc["_id"]))

    # ---- reads ---------------------------------------------------------------------
    def changes(self, since: int, limit: int) -> tuple[list[tuple[int, str, str]], int]:
        """(seq, id, rev) of the documents changed after ``since``, oldest first."""
        with self.lock:
            out = []
            last = since
            for i in range(bisect_right(self.log_seqs, since), len(self.log_seqs)):
                seq, doc_id = self.log_seqs[i], self.log_ids[i]
                doc = self.docs[doc_id]
                if doc.seq != seq:
                    continue  # changed again later: listed there
                out.append((seq, doc_id, doc.rev))
                last = seq
                if len(out) >= limit:
                    break
            return out, last if out else max(since, self.update_seq)

    def revs_diff(self, wanted: dict[str, list[str]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        with self.lock:
            for doc_id, revs in wanted.items():
                doc = self.docs.get(doc_id)
                missing = [r for r in revs if doc is None or not doc.has(r)]
                if missing:
                    out[doc_id] = {"missing": missing}
                    if doc is not None:
                        out[doc_id]["possible_ancestors"] = [doc.rev]
        return out

    def document(self, doc_id: str, revisions: bool = False) -> dict[str, Any] | None:
        doc = self.docs.get(doc_id)
        if doc is None:
            return None
        out: dict[str, Any] = {"_id": doc_id, "_rev": doc.rev, **doc.body}
        if revisions:
            out["_revisions"] = {"start": doc.gen, "ids": list(doc.revs)}
        return out


class CouchHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    store: Store  # set on the subclass made by ``serve``
    server_uuid = uuid.UUID(int=7).hex

    def version_string(self) -> str:
        return SERVER

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self, status: int, value: Any) -> None:
        body = dumps(value) + b"\n"
        self.send_response(status)
        self.send_header("Cache-Control", "must-revalidate")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Couch-Request-ID", uuid.uuid4().hex[:10])
        self.send_header("X-CouchDB-Body-Time", "0")
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else None

    def _route(self) -> tuple[str, dict[str, str]]:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        return unquote(parts.path), query

    def do_GET(self) -> None:
        path, query = self._route()
        store = self.store
        if path == "/":
            self._answer(200, {
                "couchdb": "Welcome", "version": "3.3.3",
                "git_sha": "40afbcfc7", "uuid": self.server_uuid,
                "features": ["access-ready", "partitioned", "pluggable-storage-engines",
                             "reshard", "scheduler"],
                "vendor": {"name": "The Apache Software Foundation"}})  # fmt: skip
        elif path == f"/{DB}/":
            self._answer(200, {
                "instance_start_time": "0", "db_name": DB, "purge_seq": "0-g1AAAA",
                "update_seq": store.seq(store.update_seq),
                "sizes": {"file": 0, "external": 0, "active": 0}, "props": {},
                "doc_del_count": 0, "doc_count": len(store.docs), "disk_format_version": 8,
                "compact_running": False, "cluster": {"q": 2, "n": 1, "w": 1, "r": 1}})  # fmt: skip
        elif path == f"/{DB}/_changes":
            limit = int(query.get("limit", "100"))
            interval = int(query.get("seq_interval", "1"))
            rows, last = store.changes(seq_number(query.get("since", "0")), limit)
            results = [
                {"seq": store.seq(seq) if (i + 1) % interval == 0 or i == len(rows) - 1 else None,
                 "id": doc_id, "changes": [{"rev": rev}]}
                for i, (seq, doc_id, rev) in enumerate(rows)
            ]  # fmt: skip
            pending = max(0, len(store.log_seqs) - bisect_right(store.log_seqs, last))
            self._answer(200, {"results": results, "last_seq": store.seq(last), "pending": pending})
        elif path.startswith(f"/{DB}/_local/"):
            doc = store.local.get(path[len(f"/{DB}/") :])
            if doc is None:
                self._answer(404, {"error": "not_found", "reason": "missing"})
            else:
                self._answer(200, doc)
        else:
            self._answer(404, {"error": "not_found", "reason": "missing"})

    def do_PUT(self) -> None:
        path, _query = self._route()
        if not path.startswith(f"/{DB}/_local/"):
            self._answer(405, {"error": "method_not_allowed", "reason": "only _local here"})
            return
        doc = self._body()
        key = path[len(f"/{DB}/") :]
        with self.store.lock:
            old = self.store.local.get(key)
            n = int(str(old["_rev"]).split("-")[1]) + 1 if old else 1
            self.store.local[key] = {**doc, "_id": key, "_rev": f"0-{n}"}
        self._answer(201, {"ok": True, "id": key, "rev": f"0-{n}"})

    def do_POST(self) -> None:
        path, query = self._route()
        store = self.store
        body = self._body()
        if path == f"/{DB}/_revs_diff":
            self._answer(200, store.revs_diff(body))
        elif path == f"/{DB}/_bulk_docs":
            for doc in body["docs"]:
                store.put_replicated(doc)
            self._answer(201, [])  # new_edits=false: nothing to report on success
        elif path == f"/{DB}/_all_docs":
            rows = []
            for key in body["keys"]:
                doc = store.document(key)
                if doc is None:
                    rows.append({"key": key, "error": "not_found"})
                else:
                    value = {"rev": doc["_rev"]}
                    rows.append({"id": key, "key": key, "value": value, "doc": doc})
            self._answer(200, {"total_rows": len(store.docs), "offset": None, "rows": rows})
        elif path == f"/{DB}/_bulk_get":
            revs = query.get("revs") == "true"
            results = []
            for item in body["docs"]:
                doc = store.document(item["id"], revisions=revs)
                found = {"ok": doc} if doc else {"error": {"id": item["id"], "error": "not_found"}}
                results.append({"id": item["id"], "docs": [found]})
            self._answer(200, {"results": results})
        else:
            self._answer(404, {"error": "not_found", "reason": "missing"})


class CouchServer:
    """The emulated CouchDB on 127.0.0.1, in a background thread."""

    def __init__(self) -> None:
        self.store = Store(opaque_seqs=True)
        handler = type("Handler", (CouchHandler,), {"store": self.store})
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.http.server_address[1])

    def start(self) -> CouchServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()
