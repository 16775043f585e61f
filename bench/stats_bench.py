"""Statistics benchmark: a month's and a year's figures at 100,000 job seekers.

    .venv/bin/python bench/stats_bench.py [--db bench/out/stats-100k.db] [--people 100000]
                                          [--pace 10] [--runs 5] [--no-index-trial]

Builds (or reuses) a desk database with ``fill_demo`` (100,000 job seekers
registered over five years, 1,000 employers, 2,000 postings) and
``fill_history`` (14 months of referrals, outcomes, files, guidance sessions
and enquiries at ``--pace`` times the demo market's: 10, about 800 referrals
a month, several times a busy county market's), then times what
the market manager waits for: ``StatisticsService.report`` for the last full
month and for the current year, cold (the first call after opening the file
in this process) and warm (median of ``--runs``); the statistics window
opening (offscreen); and writing the month's PDF and XLSX. Prints the
targets' ratios and the query plans of the statistics' reads. Unless
``--no-index-trial``, copies the database, drops the indexes of migration
0004 on the copy and times the warm month and year again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, func, select, text  # noqa: E402

from lingong_desk.db.models import AuditEvent, Person, Referral  # noqa: E402
from lingong_desk.db.stats import load_activity, monthly_counts  # noqa: E402
from lingong_desk.domain.indicators import report_windows  # noqa: E402
from lingong_desk.domain.periods import Period  # noqa: E402
from lingong_desk.services.demo import ensure_demo_market, fill_demo  # noqa: E402
from lingong_desk.services.demo_history import fill_history  # noqa: E402
from lingong_desk.services.registry import Services, open_services  # noqa: E402

EMPLOYERS, POSTINGS = 1000, 2000
YEARS = 5  # the register: job seekers registered over five years
PACE = 10.0  # 14 months of work at ten times the demo market's pace
TARGETS = {"month": 1.0, "year": 3.0, "view": 0.5, "files": 2.0}  # seconds
INDEXES = (  # those of migration 0004
    "ix_audit_event_action_market_at",
    "ix_audit_event_entity_action",
    "ix_referral_event_to_status_at",
    "ix_referral_market_issued",
    "ix_consultation_market_at",
    "ix_guidance_session_market_at",
    "ix_person_deleted_at",
    "ix_person_occupation_first",
)


def english(_context: str, text_: str) -> str:
    return text_


def open_desk(path: Path) -> Services:
    services = open_services(path)
    ensure_demo_market(services.ctx)
    return services


def build_or_reuse(path: Path, people: int, pace: float) -> Services:
    note = path.with_suffix(".build.txt")
    if path.exists() and note.exists() and note.read_text().startswith(f"{people} @{pace:g} "):
        print(f"REUSE {path} ({note.read_text().strip()})")
        return open_desk(path)
    for stale in (
        path,
        note,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
    ):
        stale.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    services = open_desk(path)
    days = YEARS * 365
    fill_demo(services.ctx, people, EMPLOYERS, POSTINGS, seed=7, history_days=days)
    made = time.perf_counter()
    history = fill_history(services.ctx, scale=pace)
    done = time.perf_counter()
    summary = (
        f"{people} @{pace:g} pace; fill_demo {made - started:.0f} s, "
        f"fill_history {done - made:.0f} s; {history}"
    )
    note.write_text(summary + "\n")
    print(f"BUILD {summary}")
    return services


def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn`` (SQLite runs in this process, so the CPU time
    is what an idle PC would wait; on a shared, loaded machine the wall time is more)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


Times = tuple[tuple[float, float], list[tuple[float, float]]]


def report_times(services: Services, period: Period, runs: int) -> Times:
    """The cold (first) run and the warm runs of a report."""
    cold = timed(lambda: services.statistics.report(period, english))
    warm = [timed(lambda: services.statistics.report(period, english)) for _ in range(runs)]
    return cold, warm


def line(name: str, times: Times | list[tuple[float, float]], target: float) -> None:
    cold, warm = times if isinstance(times, tuple) else (None, times)
    wall = statistics.median(w for w, _c in warm)
    cpu = statistics.median(c for _w, c in warm)
    cold_text = f"cold {cold[0]:6.3f} s wall {cold[1]:6.3f} s CPU   " if cold else " " * 34
    print(
        f"{name:<22} {cold_text}warm median {wall:6.3f} s wall {cpu:6.3f} s CPU"
        f"   target {target:.1f} s   RATIO {cpu / target:.2f} (CPU)"
    )


def view_time(services: Services) -> tuple[float, float]:
    """Seconds until the statistics window is built and shown, and until its figures are in."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from lingong_desk.ui.launch import build_window, make_app

    make_app("zh_CN")
    window = build_window(services, services.ctx.clerk_name)
    started = time.perf_counter()
    stats = window.open_statistics()
    QApplication.processEvents()
    shown = time.perf_counter() - started  # the window, before its figures arrive
    while stats.report is None:
        window.desk.worker.wait(100)
        QApplication.processEvents()
    filled = time.perf_counter() - started
    window.close()
    return shown, filled


def plans(services: Services, period: Period) -> None:
    """EXPLAIN QUERY PLAN of every statement the statistics' reads send."""
    engine = services.ctx.db.engine
    seen: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and len(seen) < 40:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", note)
    try:
        with services.ctx.reading() as s:
            load_activity(s, services.ctx.market_code, report_windows(period), period.end)
            start, end = period.trailing_months()[0].start, period.end
            monthly_counts(s, services.ctx.market_code, start, end)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    shown: set[str] = set()
    with engine.connect() as conn:
        for statement, parameters in seen:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            rows = raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
            plan = " | ".join(str(r[-1]) for r in rows)
            head = " ".join(statement.split())[:110]
            if plan in shown:
                continue
            shown.add(plan)
            print(f"  {head}…\n    {plan}")


def index_trial(path: Path, month: Period, year: Period, runs: int) -> None:
    copy = path.with_name("stats-trial.db")
    for stale in (copy, copy.with_name(copy.name + "-wal"), copy.with_name(copy.name + "-shm")):
        stale.unlink(missing_ok=True)  # a run cut short leaves them, and SQLite then fails
    with sqlite3.connect(path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with sqlite3.connect(copy) as conn:
        for name in INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
    services = open_desk(copy)  # the schema is already at head: no migration runs
    try:
        for name, period in (("month, no 0004 index", month), ("year, no 0004 index", year)):
            line(name, report_times(services, period, runs), TARGETS[name.split(",")[0]])
    finally:
        services.close()
        for stale in (copy, copy.with_name(copy.name + "-wal"), copy.with_name(copy.name + "-shm")):
            stale.unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=str(ROOT / "bench" / "out" / "stats-100k.db"))
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--pace", type=float, default=PACE, help="activity, times a 1,000-seeker market's"
    )
    parser.add_argument("--no-index-trial", action="store_true")
    args = parser.parse_args()
    path = Path(args.db)
    services = build_or_reuse(path, args.people, args.pace)
    services.close()

    services = open_desk(path)  # a fresh open: the first report reads from the file
    with services.ctx.reading() as s:
        counts = {
            "people": s.scalar(select(func.count()).select_from(Person)),
            "referrals": s.scalar(select(func.count()).select_from(Referral)),
            "audit events": s.scalar(select(func.count()).select_from(AuditEvent)),
        }
        size = s.execute(text("PRAGMA page_count")).scalar_one() * 4096 // 2**20
    print("DATA " + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + f"; file {size} MB")
    today = services.ctx.today()
    month = Period.month(today.year, today.month).previous()
    year = Period.year(today.year)
    try:
        line(f"month {month.key}", report_times(services, month, args.runs), TARGETS["month"])
        line(f"year {year.key}", report_times(services, year, args.runs), TARGETS["year"])
        report = services.statistics.report(month, english)
        out = ROOT / "bench" / "out"

        def files() -> None:
            job = services.statistics.render_report(report, english)
            (out / "stats-month.pdf").write_bytes(job.pdf)
            (out / "stats-month.xlsx").write_bytes(services.statistics.workbook(report, english))

        line("PDF + XLSX", [timed(files) for _ in range(args.runs)], TARGETS["files"])
        shown, filled = view_time(services)
        print(
            f"{'view':<22} shown {shown:7.3f} s   figures in {filled:7.3f} s"
            f"   target {TARGETS['view']:.1f} s   RATIO {shown / TARGETS['view']:.2f}"
        )
        print("PLANS (the statistics' reads for the month)")
        plans(services, month)
    finally:
        services.close()
    if not args.no_index_trial:
        index_trial(path, month, year, args.runs)
    print(f"at {dt.datetime.now():%Y-%m-%d %H:%M}, load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
