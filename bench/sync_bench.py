#!/usr/bin/env python3
"""What a county clerk waits for when the desk syncs over a county line.

    .venv/bin/python bench/sync_bench.py [--people 10000] [--edits 500] [--seed 1]
        [--only {round,edits,new-desk}] [--skip-baseline] [--baseline-people N]
        [--database postgresql+psycopg://postgres@127.0.0.1/test]

The city server is the real one (``lingong_city.app.create_app``, uvicorn on
127.0.0.1) on a temporary SQLite file, or on a fresh PostgreSQL database made
on the server of ``--database`` and dropped afterwards. The desks are real
desk files driven through the service registry. Desk A registers
``--people`` job seekers one by one through ``PeopleService.save`` (see
``sync_people.py``; the time is printed, not counted). Every measured
request then goes through ``tests/support/netsim.FaultyProxy`` shaped as the
county line: 256 kbit/s each way shared by all connections, 150 ms each way,
a new connection costs a round trip, 3 % of segments stall for a 600 ms
retransmission timeout; keep-alive allowed. Rows:

- ``round``: desk A's sync round after the registrations: ``sync_once()``
  until nothing is pending, push and the pull that follows it;
- ``edits``: ``--edits`` people get a new phone number through the
  registration form, then the same;
- ``new-desk``: a second desk of the same market enrols with an empty file
  and syncs until caught up (it pulls everything).

The baseline (``couch_server.py``, ``couch_replicate.py``) is CouchDB
replication as PouchDB 9 does it, with the same job seekers as documents,
over the same kind of link, for the same three rows.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
# the city server of the run keeps its signing key encrypted with a passphrase
os.environ.setdefault("LINGONG_CITY_KEY_PASSPHRASE", "bench city passphrase")
sys.path.insert(0, str(ROOT))

from bench.couch_replicate import (  # noqa: E402
    LocalDb,
    RemoteDb,
    person_doc,
    remote_client,
    sync,
)
from bench.couch_server import CouchServer  # noqa: E402
from bench.sync_city import fresh_database, new_desk, running_city  # noqa: E402
from bench.sync_people import Clerk  # noqa: E402
from lingong_desk.db.capture import row_payload  # noqa: E402
from lingong_desk.db.models import Person, PersonOccupation  # noqa: E402
from lingong_desk.domain.ids import person_id  # noqa: E402
from lingong_desk.services.registry import Services  # noqa: E402
from tests.support.netsim import FaultyProxy, Link, Schedule  # noqa: E402

LINK = Link(kbit_per_s=256, rtt_ms=300, loss=0.03, rto_ms=600)
ROWS = ("round", "edits", "new-desk")
GOAL_S = {"round": 90.0, "edits": 8.0, "new-desk": 90.0}
GOAL_BYTES = 200  # per job seeker, both directions, first row
POUCHDB_TABLE = {"round": 370.0, "edits": 19.9, "new-desk": 344.0}  # the figures
MAX_ROUNDS = 10


def say(text: str) -> None:
    print(text, flush=True)


# ---- measuring -----------------------------------------------------------------------------
@dataclass
class Row:
    name: str
    system: str
    seconds: float = 0.0
    up: int = 0
    down: int = 0
    rounds: list[str] = field(default_factory=list)
    detail: list[str] = field(default_factory=list)
    scale: float = 1.0  # measured on fewer people and scaled (baseline only)

    def utilisation(self, sent: int) -> float:
        assert LINK.kbit_per_s
        return sent * 8 / (self.seconds * LINK.kbit_per_s * 1000) if self.seconds else 0.0


@contextmanager
def shaped(measured: bool, upstream: int, seed: int) -> Iterator[FaultyProxy | None]:
    """The county line to ``upstream`` when the row is measured, else nothing."""
    if not measured:
        yield None
        return
    proxy = FaultyProxy(upstream, Schedule(seed=seed), link=LINK, keep_alive=True).start()
    try:
        yield proxy
    finally:
        proxy.stop()


def account(row: Row, proxy: FaultyProxy) -> None:
    """Bytes, and where the time went, from the proxy's log of exchanges."""
    row.up, row.down = proxy.bytes_up, proxy.bytes_down
    kinds: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0.0, 0.0])
    spans = []
    for e in proxy.exchanges:
        name = re.sub(r"_local/.*", "_local/<replication id>", e.request)
        k = kinds[name]
        k[0] += 1
        k[1] += e.up
        k[2] += e.down
        k[3] += (e.at_server - e.arrived) + (e.delivered - e.answered)
        k[4] += e.answered - e.at_server
        k[5] += e.stalls
        spans.append((e.arrived, e.delivered, name))
    busy, end = 0.0, float("-inf")
    after: dict[str, float] = defaultdict(float)  # idle line after an answer of each kind
    last = ""
    for start, stop, name in sorted(spans):  # time with at least one request under way
        busy += max(0.0, stop - max(start, end))
        if last and start > end:
            after[last] += start - end
        if stop > end:
            end, last = stop, name
    for name, (n, up, down, link, server, stalls) in sorted(kinds.items()):
        row.detail.append(
            f"{name:<36} {int(n):>5} req  up {int(up):>10,} B  down {int(down):>10,} B  "
            f"line {link:7.1f} s  server {server:6.1f} s  stalls {int(stalls)}"
        )
    row.detail.append(
        f"{'no request under way':<36} {row.seconds - busy:7.1f} s of {row.seconds:.1f} s  "
        f"({proxy.counts['connections']} connection(s), {proxy.counts['stalls']} stalls)"
    )
    for name, idle in sorted(after.items()):
        if idle >= 0.05:
            row.detail.append(
                f"  of which between an answer to {name:<19} and the next {idle:6.1f} s"
            )
    edges = row.seconds - busy - sum(after.values())
    if after and edges >= 0.05:
        row.detail.append(
            f"  of which before the first request or after the last answer {edges:6.1f} s"
        )


def desk_sync(name: str, services: Services, proxy: FaultyProxy | None, direct: str) -> Row:
    """``sync_once()`` until nothing is pending; the total is what the clerk waits."""
    row = Row(name, "LingGong")
    services.sync.set_server_url(proxy.url if proxy else direct)
    for n in range(1, MAX_ROUNDS + 1):
        start = time.perf_counter()
        report = services.sync.sync_once()
        took = time.perf_counter() - start
        row.seconds += took
        if not report.ok:
            raise RuntimeError(f"sync failed: {report.error}")
        row.rounds.append(f"round {n}: {took:.1f} s, pushed {report.pushed}, "
                          f"pulled {report.pulled} (stored {report.stored})")  # fmt: skip
        if services.sync.pending_changes() == 0:
            break
    if proxy is not None:
        account(row, proxy)
    return row


def couch_sync(name: str, local: LocalDb, proxy: FaultyProxy | None, couch: CouchServer) -> Row:
    """One-shot ``PouchDB.sync`` until a call pushes nothing (the pull that ran
    beside the push may have finished before the push wrote anything)."""
    row = Row(name, "PouchDB")
    url = proxy.url if proxy else f"http://127.0.0.1:{couch.port}"
    with remote_client(url) as client:
        remote = RemoteDb(client)
        for n in range(1, MAX_ROUNDS + 1):
            start = time.perf_counter()
            done = sync(local, remote)
            took = time.perf_counter() - start
            row.seconds += took
            row.rounds.append(
                f"sync {n}: {took:.1f} s, pushed {done.pushed.docs_written} docs in "
                f"{done.pushed.batches} batches, pulled {done.pulled.docs_written} docs in "
                f"{done.pulled.batches} batches"
            )
            if done.pushed.docs_written == 0:
                break
    if proxy is not None:
        account(row, proxy)
    return row


def keep(
    out: list[Row], row: Row, rows: set[str], args: argparse.Namespace, scale: float = 1.0
) -> None:
    """A measured row is printed at once and kept for the summary."""
    if row.name in rows:
        row.scale = scale
        report([row], args)
        out.append(row)


# ---- the runs ------------------------------------------------------------------------------
def docs_of(services: Services, ids: list[uuid.UUID] | None = None) -> dict[str, dict[str, Any]]:
    """The desk's job seekers as CouchDB documents (for the baseline)."""
    with services.ctx.reading() as s:
        stmt = select(Person)
        if ids is not None:
            stmt = stmt.where(Person.id.in_(ids))
        people = {str(p.id): row_payload(p) for p in s.scalars(stmt)}
        wanted: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for o in s.scalars(select(PersonOccupation).where(PersonOccupation.deleted_at.is_(None))):
            wanted[str(o.person_id)].append((o.rank, o.occupation_code))
    return {pid: person_doc(row, [c for _, c in sorted(wanted[pid])])
            for pid, row in people.items()}  # fmt: skip


@dataclass
class Desks:
    """What the baseline needs from the project's run: the same people."""

    before: dict[str, dict[str, Any]]
    edited: dict[str, dict[str, Any]]


def run_project(args: argparse.Namespace, folder: Path, rows: set[str]) -> tuple[list[Row], Desks]:
    out: list[Row] = []
    with fresh_database(args.database, folder) as url, running_city(url) as (db, port):
        direct = f"http://127.0.0.1:{port}"
        desk_a = new_desk(folder / "a" / "desk.sqlite3", "王芳", db, direct, "ZY-1")
        clerk = Clerk(desk_a, args.seed)
        done = clerk.register(args.people, lambda n: print(f"  registered {n}", file=sys.stderr))
        say(f"registration: {args.people} job seekers through PeopleService.save in "
            f"{done.seconds:.1f} s ({done.seconds / args.people * 1000:.1f} ms each; not "
            f"part of any sync figure)")  # fmt: skip
        docs = docs_of(desk_a)
        before = {pid: docs[pid] for pid in (str(person_id(d.id_number)) for d in done.drafts)}
        with shaped("round" in rows, port, args.seed) as proxy:
            keep(out, desk_sync("round", desk_a, proxy, direct), rows, args)
        edits = clerk.new_phones(done.drafts[: args.edits])
        say(f"edits: {len(edits.drafts)} new phone numbers through PeopleService.save in "
            f"{edits.seconds:.1f} s (not part of any sync figure)")  # fmt: skip
        edited_ids = [person_id(d.id_number) for d in edits.drafts]
        edited = docs_of(desk_a, edited_ids)
        with shaped("edits" in rows, port, args.seed + 1) as proxy:
            keep(out, desk_sync("edits", desk_a, proxy, direct), rows, args)
        desk_a.close()
        if "new-desk" in rows:
            desk_b = new_desk(folder / "b" / "desk.sqlite3", "李娜", db, direct, "ZY-2")
            with shaped(True, port, args.seed + 2) as proxy:
                keep(out, desk_sync("new-desk", desk_b, proxy, direct), rows, args)
            desk_b.close()
    return out, Desks(before, edited)


def run_baseline(args: argparse.Namespace, desks: Desks, rows: set[str]) -> list[Row]:
    people = min(args.baseline_people or args.people, len(desks.before))
    scale = len(desks.before) / people
    chosen = list(desks.before)[:people]  # in the order they were registered
    edited = [i for i in desks.edited if i in set(chosen)]
    couch = CouchServer().start()
    out: list[Row] = []
    try:
        desk_a = LocalDb("desk-a")
        for pid in chosen:
            desk_a.store.save(pid, desks.before[pid])
        with shaped("round" in rows, couch.port, args.seed) as proxy:
            keep(out, couch_sync("round", desk_a, proxy, couch), rows, args, scale)
        for pid in edited:
            desk_a.store.save(pid, desks.edited[pid])
        with shaped("edits" in rows, couch.port, args.seed + 1) as proxy:
            keep(out, couch_sync("edits", desk_a, proxy, couch), rows, args)
        if "new-desk" in rows:
            with shaped(True, couch.port, args.seed + 2) as proxy:
                row = couch_sync("new-desk", LocalDb("desk-b"), proxy, couch)
                keep(out, row, rows, args, scale)
    finally:
        couch.stop()
    return out


# ---- printing --------------------------------------------------------------------------------
def per_unit(row: Row, args: argparse.Namespace) -> tuple[float, str]:
    """Bytes on the wire (both directions) per job seeker, or per edit."""
    total = (row.up + row.down) * row.scale
    if row.name == "edits":
        return total / args.edits, "B/edit"
    return total / args.people, "B/job seeker"


def report(rows: list[Row], args: argparse.Namespace) -> None:
    for row in rows:
        f = row.scale
        seconds, up, down = row.seconds * f, row.up * f, row.down * f
        scaled = f"  (measured on {args.people / f:.0f} people, scaled x{f:.2f})" if f != 1 else ""
        say(f"\n[{row.name}] {row.system}{scaled}")
        for line in row.rounds + row.detail:
            say(f"    {line}")
        per, unit = per_unit(row, args)
        goal = GOAL_S[row.name]
        say(
            f"  TIME {seconds:.1f} s   up {up:,.0f} B  down {down:,.0f} B  {per:,.0f} {unit}  "
            f"utilisation up {row.utilisation(row.up):.0%} down {row.utilisation(row.down):.0%}"
        )
        say(f"  RATIO {seconds / goal:.2f}x the goal of {goal:g} s"
            + (f"; bytes {per / GOAL_BYTES:.2f}x the goal of {GOAL_BYTES} B/job seeker"
               if row.name == "round" else ""))  # fmt: skip


def table(rows: list[Row], args: argparse.Namespace) -> None:
    say(
        f"\nSUMMARY: {args.people} job seekers, {args.edits} edits "
        f"(issue s: the issue's PouchDB figure at 10,000 people and 500 edits; there the "
        f"round moved 719 B/job seeker)"
    )
    say(f"{'row':<9} {'system':<9} {'time s':>8} {'goal s':>7} {'ratio':>7} {'issue s':>8} "
        f"{'up B':>11} {'down B':>11} {'bytes per':>18}")  # fmt: skip
    for row in sorted(rows, key=lambda r: ROWS.index(r.name)):
        f = row.scale
        goal = GOAL_S[row.name]
        per, unit = per_unit(row, args)
        say(f"{row.name:<9} {row.system:<9} {row.seconds * f:8.1f} {goal:7g} "
            f"{row.seconds * f / goal:6.2f}x {POUCHDB_TABLE[row.name]:8g} "
            f"{row.up * f:11,.0f} {row.down * f:11,.0f} "
            f"{per:>7,.0f} {unit:<12}" + ("  (scaled)" if f != 1 else ""))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=ROWS, action="append", help="measure this row only")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--baseline-people", type=int, default=None,
                        help="run the baseline on fewer people and scale rows round and "
                             "new-desk up (they grow linearly)")  # fmt: skip
    parser.add_argument("--database", default=None, help="a PostgreSQL URL; SQLite by default")
    args = parser.parse_args(argv)
    args.edits = min(args.edits, args.people)
    if args.baseline_people is not None and not args.edits <= args.baseline_people <= args.people:
        parser.error("--baseline-people must be between --edits and --people")
    rows = set(args.only or ROWS)
    say(f"link: {LINK.kbit_per_s:g} kbit/s each way shared by all connections, "
        f"{LINK.one_way * 1000:g} ms each way, {LINK.loss:.0%} segments stall "
        f"{LINK.rto_ms:g} ms, a new connection costs a round trip; keep-alive allowed")  # fmt: skip
    say(f"city: {'PostgreSQL' if args.database else 'SQLite'}; people: {args.people}, "
        f"edits: {args.edits}, seed {args.seed}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        measured, desks = run_project(args, Path(tmp), rows)
    baseline = []
    if not args.skip_baseline:
        say("\nbaseline: CouchDB replication as PouchDB 9 does it, same people, same link")
        baseline = run_baseline(args, desks, rows)
    table(measured + baseline, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
