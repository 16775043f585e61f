#!/usr/bin/env python3
"""File size, compaction, backup and restore of a 100,000-person desk file.

    .venv/bin/python bench/safety_bench.py [--db bench/out/search-100k.db] [--encrypted]

Copies the database made by ``search_bench.py`` (100,000 job seekers made
through the services, each with its outbox entries) into a temporary folder
with SQLite's backup API, marks every outbox entry confirmed by the city a
month ago (the file as it is after sync), and prints:

- the file size and the largest tables and indexes (``dbstat``);
- a backup of the uncompacted file (time, size, the check included);
- compaction: the time to shrink the confirmed entries, the time to give the
  space back (the first time the file is rewritten once), the size after,
  and the ratio to the 150 MB goal;
- a backup of the compacted file, and a restore of it (time).

``--encrypted`` does the same with the encrypted copy that
``encryption_bench.py`` makes (``search-100k-encrypted.db``, its key in
``bench-desk.key``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from sqlalchemy import update

from lingong_desk.db import backup
from lingong_desk.db.engine import known_revisions, open_database
from lingong_desk.db.files import connect, file_size
from lingong_desk.db.keystore import FileKeyStore
from lingong_desk.db.models import OutboxEntry
from lingong_desk.services.backups import restore_file
from lingong_desk.services.registry import build_services

ROOT = Path(__file__).resolve().parent.parent
GOAL_MB = 150


def mb(n: int) -> str:
    return f"{n / 1e6:7.1f} MB ({n / 2**20:6.1f} MiB)"


def largest(path: Path, count: int = 8) -> list[tuple[str, int]]:
    with closing(sqlite3.connect(path)) as conn:
        try:
            rows = conn.execute(
                "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT ?",
                (count,),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
    return [(str(name), int(size)) for name, size in rows]


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    took = time.perf_counter() - start
    print(f"{label:<44} {took:7.2f} s")
    return result, took


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "bench" / "out" / "search-100k.db"))
    parser.add_argument("--encrypted", action="store_true")
    args = parser.parse_args()
    source = Path(args.db)
    desk_key = None
    if args.encrypted:
        desk_key = FileKeyStore(source.parent / "bench-desk.key").load()
        source = source.with_name(source.stem + "-encrypted.db")
        if desk_key is None:
            print("no bench key: run bench/encryption_bench.py first", file=sys.stderr)
            return 2
    key = None if desk_key is None else desk_key.key
    if not source.exists():
        print(f"no database at {source}: run bench/search_bench.py first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        live = folder / "desk.sqlite3"
        with closing(connect(source, key)) as src, closing(connect(live, key)) as dst:
            src.backup(dst)
        services = build_services(open_database(live, desk_key))
        services.ctx.clerk_role = "supervisor"
        month_ago = services.ctx.now() - dt.timedelta(days=30)
        with services.ctx.session() as s:
            s.execute(update(OutboxEntry).values(sent_at=month_ago))
        services.close()
        print(f"file after sync (all changes confirmed)   {mb(file_size(live))}")
        for name, size in largest(live) if key is None else []:
            print(f"  {name:<40} {mb(size)}")
        known = known_revisions()
        now = dt.datetime.now(dt.UTC)
        first, took_first = timed(
            "backup, uncompacted (online API + check)",
            lambda: backup.take_backup(live, folder / "b1", "manual", now, key, known),
        )
        print(f"  backup size                              {mb(first.size)}")
        services = build_services(open_database(live, desk_key))
        done, took = timed("compaction and space given back", services.backups.compact)
        services.close()
        print(f"  entries compacted                        {done.entries:,}")
        print(f"  size before                              {mb(done.size_before)}")
        print(f"  size after                               {mb(done.size_after)}")
        print(
            f"  RATIO to the {GOAL_MB} MB goal                 {done.size_after / 1e6 / GOAL_MB:.2f}"
        )
        for name, size in largest(live) if key is None else []:
            print(f"  {name:<40} {mb(size)}")
        second, took_second = timed(
            "backup, compacted (online API + check)",
            lambda: backup.take_backup(live, folder / "b2", "manual", now, key, known),
        )
        print(f"  backup size                              {mb(second.size)}")
        _restored, took_restore = timed(
            "restore of the compacted backup",
            lambda: restore_file(live, second.path, dt.datetime.now(dt.UTC), key),
        )
        print(
            f"SUMMARY size {done.size_before / 1e6:.0f} -> {done.size_after / 1e6:.0f} MB; "
            f"backup {took_first:.1f} s -> {took_second:.1f} s; compaction {took:.1f} s; "
            f"restore {took_restore:.1f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
