"""PouchDB 9's replicator, emulated, for the baseline of ``sync_bench.py``.

The desk of the baseline is a PouchDB app: its job seekers are documents in a
local PouchDB (``LocalDb``: no network), and "sync" is ``PouchDB.sync(local,
remote)``: a push replication and a pull replication running at the same
time, each as ``pouchdb-replication/src/replicate.js`` does it:

- generate the replication id (``GET /`` on the server for its uuid), set up
  the remote once (``GET /lingong/``), read the checkpoint (``GET
  _local/<id>`` on the target, then on the source);
- read the source's ``_changes`` in pages of ``batch_size`` (100),
  ``style=all_docs&seq_interval=100``; the next page is fetched while earlier
  batches are processed, up to ``batches_limit`` (10) batches ahead;
- per batch, one at a time: ``_revs_diff`` on the target; the missing
  documents from the source (first-generation ones with ``_all_docs``
  ``keys``/``include_docs``, the others with ``_bulk_get?revs=true&latest=true``,
  so they carry ``_revisions``); ``_bulk_docs`` with ``new_edits: false`` on
  the target; then the checkpoint, on the target and then on the source,
  each a ``GET`` and a ``PUT`` of ``_local/<id>`` (PouchDB's checkpointer
  reads the document before it writes it);
- when a page comes back empty the replication is complete (a one-shot
  replication, not ``live``).

Requests to the remote go through one HTTP/1.1 client with keep-alive, at
most 6 connections (a browser's limit per host; Node's agent has none, but
this replicator never has more than 3 requests in flight), one request in
flight per connection, with the headers Node's ``fetch`` sends and HTTP
Basic authentication. Local work costs no time on the link.
"""

from __future__ import annotations

import hashlib
import json
import queue
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from bench.couch_server import DB, Store, dumps, seq_number

HEADERS = {
    "Accept": "application/json",
    "Content-Type": "application/json",
    "Authorization": "Basic ZGVzay16eS0xOmE4ZjNjOWQyZTdiMTQ2NTA=",  # a desk's user and key
    "Accept-Language": "*",
    "Sec-Fetch-Mode": "cors",
    "User-Agent": "node",
    "Accept-Encoding": "gzip, deflate",
    "Connection": "keep-alive",
}
BATCH_SIZE = 100
BATCHES_LIMIT = 10
CHECKPOINT_HISTORY = 5


class Database(Protocol):
    def id(self) -> str: ...
    def changes(self, since: Any, limit: int) -> tuple[list[dict[str, Any]], Any]: ...
    def revs_diff(self, wanted: dict[str, list[str]]) -> dict[str, Any]: ...
    def all_docs(self, keys: list[str]) -> list[dict[str, Any]]: ...
    def bulk_get(self, wanted: list[dict[str, str]]) -> list[dict[str, Any]]: ...
    def bulk_docs(self, docs: list[dict[str, Any]]) -> None: ...
    def get_local(self, key: str) -> dict[str, Any] | None: ...
    def put_local(self, doc: dict[str, Any]) -> None: ...


class LocalDb:
    """The desk's own PouchDB (IndexedDB or LevelDB): no network."""

    def __init__(self, name: str) -> None:
        self.store = Store()
        self.name = name

    def id(self) -> str:
        return self.name

    def changes(self, since: Any, limit: int) -> tuple[list[dict[str, Any]], Any]:
        rows, last = self.store.changes(seq_number(since), limit)
        return [{"seq": s, "id": i, "changes": [{"rev": r}]} for s, i, r in rows], last

    def revs_diff(self, wanted: dict[str, list[str]]) -> dict[str, Any]:
        return self.store.revs_diff(wanted)

    def all_docs(self, keys: list[str]) -> list[dict[str, Any]]:
        docs = [self.store.document(k) for k in keys]
        return [
            {"id": d["_id"], "key": d["_id"], "value": {"rev": d["_rev"]}, "doc": d}
            for d in docs
            if d is not None
        ]

    def bulk_get(self, wanted: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [
            {"id": w["id"], "docs": [{"ok": self.store.document(w["id"], revisions=True)}]}
            for w in wanted
        ]

    def bulk_docs(self, docs: list[dict[str, Any]]) -> None:
        for doc in docs:
            self.store.put_replicated(doc)

    def get_local(self, key: str) -> dict[str, Any] | None:
        doc = self.store.local.get(key)
        return dict(doc) if doc else None

    def put_local(self, doc: dict[str, Any]) -> None:
        self.store.local[doc["_id"]] = dict(doc)


class RemoteDb:
    """The city's CouchDB over HTTP (PouchDB's http adapter)."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self._setup = threading.Lock()
        self._ready = False

    def _ensure(self) -> None:
        with self._setup:  # every call first makes sure the database exists, once
            if not self._ready:
                self.client.get(f"/{DB}/").raise_for_status()
                self._ready = True

    def _send(self, method: str, path: str, body: Any = None) -> httpx.Response:
        self._ensure()
        content = None if body is None else dumps(body)
        return self.client.request(method, f"/{DB}/{path}", content=content)

    def _json(self, method: str, path: str, body: Any = None) -> Any:
        response = self._send(method, path, body)
        response.raise_for_status()
        return response.json()

    def id(self) -> str:
        self._ensure()
        return str(self.client.get("/").json()["uuid"]) + DB

    def changes(self, since: Any, limit: int) -> tuple[list[dict[str, Any]], Any]:
        answer = self._json(
            "GET", f"_changes?style=all_docs&seq_interval={limit}&since={since}&limit={limit}"
        )
        return answer["results"], answer["last_seq"]

    def revs_diff(self, wanted: dict[str, list[str]]) -> dict[str, Any]:
        return dict(self._json("POST", "_revs_diff", wanted))

    def all_docs(self, keys: list[str]) -> list[dict[str, Any]]:
        return list(self._json("POST", "_all_docs?conflicts=true&include_docs=true",
                               {"keys": keys})["rows"])  # fmt: skip

    def bulk_get(self, wanted: list[dict[str, str]]) -> list[dict[str, Any]]:
        return list(
            self._json("POST", "_bulk_get?revs=true&latest=true", {"docs": wanted})["results"]
        )

    def bulk_docs(self, docs: list[dict[str, Any]]) -> None:
        self._json("POST", "_bulk_docs", {"docs": docs, "new_edits": False})

    def get_local(self, key: str) -> dict[str, Any] | None:
        response = self._send("GET", key)
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return dict(response.json())

    def put_local(self, doc: dict[str, Any]) -> None:
        self._json("PUT", doc["_id"], doc)


def remote_client(url: str) -> httpx.Client:
    limits = httpx.Limits(max_connections=6, max_keepalive_connections=6)
    return httpx.Client(base_url=url, headers=HEADERS, limits=limits, timeout=120)


@dataclass
class Replicated:
    docs_read: int = 0
    docs_written: int = 0
    batches: int = 0


@dataclass
class _Batch:
    changes: list[dict[str, Any]]
    seq: Any


@dataclass
class Replication:
    """One one-shot replication from ``src`` to ``target``."""

    src: Database
    target: Database
    result: Replicated = field(default_factory=Replicated)

    def run(self) -> Replicated:
        self.rep_id = (
            "_local/" + hashlib.md5((self.src.id() + self.target.id()).encode()).hexdigest()
        )
        self.session = uuid.uuid4().hex
        since = self._checkpoint()
        batches: queue.Queue[_Batch | None] = queue.Queue()
        room = threading.Semaphore(BATCHES_LIMIT)  # batches waiting, not counting the current
        self._busy = threading.Lock()
        failed: list[BaseException] = []
        reader = threading.Thread(
            target=self._read_changes, args=(since, batches, room, failed), daemon=True
        )
        reader.start()
        while (batch := batches.get()) is not None:
            room.release()
            with self._busy:
                self._process(batch)
        reader.join()
        if failed:
            raise failed[0]
        return self.result

    def _read_changes(
        self, since: Any, batches: queue.Queue[_Batch | None], room: threading.Semaphore,
        failed: list[BaseException],
    ) -> None:  # fmt: skip
        try:
            while True:
                room.acquire()
                results, last_seq = self.src.changes(since, BATCH_SIZE)
                if not results:
                    room.release()
                    # complete; the checkpoint moves to the end if no batch is at work
                    if batches.empty() and self._busy.acquire(blocking=False):
                        try:
                            self._write_checkpoint(last_seq)
                        finally:
                            self._busy.release()
                    return
                batches.put(_Batch(results, results[-1]["seq"] or last_seq))
                since = last_seq
        except BaseException as exc:
            failed.append(exc)
        finally:
            batches.put(None)

    def _process(self, batch: _Batch) -> None:
        wanted = {c["id"]: [r["rev"] for r in c["changes"]] for c in batch.changes}
        diffs = self.target.revs_diff(wanted)
        docs = self._get_docs(diffs)
        self.result.docs_read += len(docs)
        if docs:
            self.target.bulk_docs(docs)
            self.result.docs_written += len(docs)
        self._write_checkpoint(batch.seq)
        self.result.batches += 1

    def _get_docs(self, diffs: dict[str, Any]) -> list[dict[str, Any]]:
        """getDocs.js: first generations through _all_docs, the rest through _bulk_get."""
        docs = []
        first = [i for i, d in diffs.items() if len(d["missing"]) == 1
                 and d["missing"][0].startswith("1-")]  # fmt: skip
        taken = set()
        if first:
            for row in self.src.all_docs(first):
                doc = row.get("doc")
                if doc and row["value"]["rev"].startswith("1-"):
                    docs.append(doc)
                    taken.add(row["id"])
        rest = [{"id": i, "rev": r} for i, d in diffs.items() if i not in taken
                for r in d["missing"]]  # fmt: skip
        if rest:
            for result in self.src.bulk_get(rest):
                docs += [d["ok"] for d in result["docs"] if d.get("ok")]
        return docs

    # ---- checkpoints (pouchdb-checkpointer) -------------------------------------------
    def _checkpoint(self) -> Any:
        target_doc = self.target.get_local(self.rep_id)
        if target_doc is None:
            return 0
        source_doc = self.src.get_local(self.rep_id)
        if source_doc is None:
            if target_doc.get("last_seq"):
                self.src.put_local({"_id": self.rep_id, "last_seq": 0})
            return 0
        if target_doc.get("version") != source_doc.get("version"):
            return 0
        if source_doc.get("session_id") == target_doc.get("session_id"):
            return source_doc.get("last_seq", 0)
        target_sessions = [h["session_id"] for h in target_doc.get("history", [])]
        for entry in source_doc.get("history", []):
            if entry["session_id"] in target_sessions:
                return entry["last_seq"]
        return 0

    def _write_checkpoint(self, seq: Any) -> None:
        self._update(self.target, seq)
        self._update(self.src, seq)

    def _update(self, db: Database, seq: Any) -> None:
        doc = db.get_local(self.rep_id) or {
            "session_id": self.session, "_id": self.rep_id, "history": [],
            "replicator": "pouchdb", "version": 1,
        }  # fmt: skip
        if doc.get("last_seq") == seq:
            return
        history = [h for h in doc.get("history", []) if h["session_id"] != self.session]
        history.insert(0, {"last_seq": seq, "session_id": self.session})
        doc.update(history=history[:CHECKPOINT_HISTORY], version=1, replicator="pouchdb",
                   session_id=self.session, last_seq=seq)  # fmt: skip
        db.put_local(doc)


@dataclass
class Synced:
    pushed: Replicated
    pulled: Replicated


def sync(local: LocalDb, remote: RemoteDb) -> Synced:
    """``PouchDB.sync(local, remote)``, one shot: push and pull at the same time."""
    out: dict[str, Replicated] = {}
    errors: list[BaseException] = []

    def run(name: str, make: Callable[[], Replication]) -> None:
        try:
            out[name] = make().run()
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=("push", lambda: Replication(local, remote))),
        threading.Thread(target=run, args=("pull", lambda: Replication(remote, local))),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return Synced(out["push"], out["pull"])


KEPT = (
    "id_number", "name", "phone", "education", "hukou_type", "hukou_address", "address",
    "district_code", "category", "hardships", "work_form", "pay_min", "pay_max", "pay_unit",
    "available_from", "availability_note", "skills", "certificates", "status", "note",
    "market_code", "created_by", "created_at", "updated_at",
)  # fmt: skip


def person_doc(row: dict[str, Any], occupations: list[str]) -> dict[str, Any]:
    """A job seeker as a PouchDB app would keep it: what the clerk typed, the
    wanted job types inside, the market, who registered the person and when.
    What follows from other fields (sex, birth date and native place from the
    ID number, search keys) is left for the app to compute, as the desk's
    design asks of derived data; the desk's own sync bookkeeping (HLC stamp,
    tombstone, last writer) is CouchDB's revision tree here."""
    doc = {"type": "person", **{k: row[k] for k in KEPT if k in row}, "occupations": occupations}
    return dict(json.loads(dumps(doc)))
