#!/usr/bin/env python3
"""What encryption costs: search and matching at 100,000 people, SQLCipher beside plain.

    .venv/bin/python bench/encryption_bench.py [--db bench/out/search-100k.db] [--rounds 2]

Makes (once) an encrypted copy of the database of ``search_bench.py``
(``bench/out/search-100k-encrypted.db``, key in ``bench/out/bench-desk.key``)
and runs the same work on both files, plain then encrypted, ``--rounds``
times (the machine is shared: alternating shows the noise): the ~300
searches of ``search_bench.py`` and the 2 x 100 matchings of
``matching_bench.py`` (the same queries, same seeds). Prints each run's
overall median / p95, and the ratio encrypted / plain of the medians.
Start-up is measured by ``startup_bench.py`` (the program encrypts the
copied file on its first, uncounted, start).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import random
import re
import statistics
import sys
from pathlib import Path

import matching_bench
import search_bench

from lingong_desk.db.engine import open_database
from lingong_desk.db.files import encrypt_copy
from lingong_desk.db.keystore import DeskKey, FileKeyStore, load_or_create
from lingong_desk.services.context import ServiceContext, start_device
from lingong_desk.services.registry import load_catalogue, open_services

ROOT = Path(__file__).resolve().parent.parent
OVERALL = re.compile(r"OVERALL n=\d+ median ([\d.]+) ms\s+p95 ([\d.]+) ms")


def search(path: Path, key: DeskKey | None) -> tuple[float, float]:
    ctx = ServiceContext(open_database(path, key), load_catalogue())
    start_device(ctx)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            search_bench.measure(ctx, random.Random(1))
    finally:
        ctx.db.close()
    found = OVERALL.search(out.getvalue())
    assert found is not None, out.getvalue()[-500:]
    return float(found.group(1)), float(found.group(2))


def matching(path: Path, key: DeskKey | None) -> tuple[float, float]:
    matching_bench.open_services = functools.partial(open_services, key=key)  # type: ignore[attr-defined]
    with contextlib.redirect_stdout(io.StringIO()):
        timings = matching_bench.measure(path, 100, 1)
    walls = [t for timing in timings for t in timing.wall_ms]
    walls.sort()
    return statistics.median(walls), walls[round(0.95 * (len(walls) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "search-100k.db")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    plain: Path = args.db
    if not plain.exists():
        print(f"{plain} is missing: build it with bench/search_bench.py first")
        return 2
    key, _new = load_or_create(FileKeyStore(plain.parent / "bench-desk.key"))
    encrypted = plain.with_name(plain.stem + "-encrypted.db")
    if not encrypted.exists():
        open_database(plain).close()  # checkpointed: the file alone holds everything
        encrypt_copy(plain, encrypted, key.key)
    print(
        f"plain {plain.stat().st_size / 2**20:.0f} MiB, encrypted "
        f"{encrypted.stat().st_size / 2**20:.0f} MiB (SQLCipher 4, raw 256-bit key)"
    )
    results: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for n in range(args.rounds):
        for label, path, k in (("plain", plain, None), ("encrypted", encrypted, key)):
            for work, fn in (("search", search), ("matching", matching)):
                median, p95 = fn(path, k)
                results.setdefault((work, label), []).append((median, p95))
                print(
                    f"round {n + 1} {work:8} {label:9} median {median:6.2f} ms  p95 {p95:6.2f} ms"
                )
                sys.stdout.flush()
    for work in ("search", "matching"):
        p = statistics.median(m for m, _ in results[(work, "plain")])
        e = statistics.median(m for m, _ in results[(work, "encrypted")])
        print(f"RATIO {work}: encrypted / plain median = {e:.2f} / {p:.2f} ms = {e / p:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
