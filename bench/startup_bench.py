#!/usr/bin/env python3
"""Time from start to a usable main window, and peak memory, on a large database.

    .venv/bin/python bench/startup_bench.py [--db bench/out/search-100k.db] [--runs 5]

Copies the database made by ``search_bench.py`` (100,000 job seekers) into a
fresh demo data folder and starts the real program (``python -m lingong_desk
--demo --quit-after-start``) offscreen, ``--runs`` times. "Usable" is the moment
the program prints that its main window is shown and the first page of every
registration list has arrived from the database worker, timed from the launch
of the process: it includes Python start-up, imports, opening and checking
the database, signing in (argon2id) and building the window. Targets: under
2 s, under 300 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "bench" / "out" / "search-100k.db"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--source-only",
        action="store_true",
        help="start from source without cached bytecode (PYTHONDONTWRITEBYTECODE=1); by "
        "default the package is compiled first, as the installed bundle ships bytecode",
    )
    args = parser.parse_args()
    source = Path(args.db)
    if not source.exists():
        print(f"no database at {source}: run bench/search_bench.py first", file=sys.stderr)
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if args.source_only:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:  # as installed: PyInstaller's bundle holds every module as bytecode
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(ROOT / "lingong_desk")],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    usable: list[float] = []
    inside: list[float] = []
    wall: list[float] = []
    memory: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        folder.mkdir()
        shutil.copy(source, folder / "desk.sqlite3")
        for run in range(args.runs + 1):  # the first run warms the OS file cache
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "lingong_desk",
                    "--demo",
                    "--data-dir",
                    tmp,
                    "--quit-after-start",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            assert proc.stdout is not None
            seen_usable = None
            lines = []
            for line in proc.stdout:  # the moment the program says it is usable
                lines.append(line)
                if line.startswith("usable after") and seen_usable is None:
                    seen_usable = time.perf_counter() - t0
            err = proc.stderr.read() if proc.stderr else ""
            code = proc.wait(timeout=120)
            elapsed = time.perf_counter() - t0
            text = "".join(lines)
            m = re.search(r"peak memory (\d+) MB", text)
            if code != 0 or seen_usable is None or not m:
                print(f"exit code {code}", text, err, file=sys.stderr)
                return 1
            if run == 0:
                continue
            usable.append(seen_usable)
            inside.append(float(re.search(r"usable after ([\d.]+) s", text).group(1)))  # type: ignore[union-attr]
            wall.append(elapsed)
            memory.append(int(m.group(1)))
    people = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("
            "'select count(*) from person').fetchone()[0])",
            str(source),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"database: {source} ({people} job seekers)")
    print(
        "started " + ("from source, no bytecode" if args.source_only else "from compiled bytecode")
    )
    print(
        f"launch to usable main window: median {statistics.median(usable):.2f} s, "
        f"max {max(usable):.2f} s over {len(usable)} runs "
        f"(target 2 s, ratio {statistics.median(usable) / 2:.2f})"
    )
    print(
        f"  of which after imports (database, sign-in, window, first lists): median "
        f"{statistics.median(inside):.2f} s"
    )
    print(f"  launch to process exit: median {statistics.median(wall):.2f} s")
    print(f"peak memory: max {max(memory)} MB (target 300 MB, ratio {max(memory) / 300:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
