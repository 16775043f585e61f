"""Statistics benchmark: a month's and a year's figures at 100,000 job seekers.

    .venv/bin/python bench/stats_bench.py [--db bench/out/stats-100k.db] [--people 100000]
                                          [--runs 5] [--no-index-trial]

Builds (or reuses) a desk database with ``fill_demo`` (100,000 job seekers,
1,000 employers, 2,000 postings) and ``fill_history`` (14 months of
referrals, outcomes, files, guidance sessions and enquiries), then times what
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
TARGETS = {"month": 1.0, "year": 3.0, "view": 0.5, "files": 2.0}  # seconds
INDEXES = {
    "ix_audit_event_action_at": "audit_event (action, at)",
    "ix_audit_event_entity_action": "audit_event (entity_id, action)",
    "ix_referral_event_to_status_at": "referral_event (to_status, at)",
}


def english(_context: str, text_: str) -> str:
    return text_


def open_desk(path: Path) -> Services:
    services = open_services(path)
    ensure_demo_market(services.ctx)
    return services


def build_or_reuse(path: Path, people: int) -> Services:
    note = path.with_suffix(".build.txt")
    if path.exists() and note.exists() and note.read_text().startswith(f"{people} "):
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
    fill_demo(services.ctx, people=people, employers=EMPLOYERS, postings=POSTINGS, seed=7)
    made = time.perf_counter()
    history = fill_history(services.ctx)
    done = time.perf_counter()
    summary = (
        f"{people} people; fill_demo {made - started:.0f} s, fill_history {done - made:.0f} s; "
        f"{history}"
    )
    note.write_text(summary + "\n")
    print(f"BUILD {summary}")
    return services


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def report_times(services: Services, period: Period, runs: int) -> tuple[float, float, float]:
    """Cold (first), warm median and warm max of a report, in seconds."""
    cold = timed(lambda: services.statistics.report(period, english))
    warm = [timed(lambda: services.statistics.report(period, english)) for _ in range(runs)]
    return cold, statistics.median(warm), max(warm)


def line(name: str, cold: float | None, median: float, worst: float, target: float) -> None:
    cold_text = f"{cold:7.3f}" if cold is not None else "      -"
    print(
        f"{name:<22} cold {cold_text} s   warm median {median:7.3f} s   max {worst:7.3f} s"
        f"   target {target:.1f} s   RATIO {median / target:.2f}"
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
    shown = time.perf_counter() - started
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
    with sqlite3.connect(path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with sqlite3.connect(copy) as conn:
        for name in INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
    services = open_desk(copy)  # the schema is already at head: no migration runs
    try:
        for name, period in (("month, no 0004 index", month), ("year, no 0004 index", year)):
            cold, median, worst = report_times(services, period, runs)
            line(name, cold, median, worst, TARGETS[name.split(",")[0]])
    finally:
        services.close()
        copy.unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=str(ROOT / "bench" / "out" / "stats-100k.db"))
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-index-trial", action="store_true")
    args = parser.parse_args()
    path = Path(args.db)
    services = build_or_reuse(path, args.people)
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
        cold, median, worst = report_times(services, month, args.runs)
        line(f"month {month.key}", cold, median, worst, TARGETS["month"])
        cold, median, worst = report_times(services, year, args.runs)
        line(f"year {year.key}", cold, median, worst, TARGETS["year"])
        report = services.statistics.report(month, english)
        out = ROOT / "bench" / "out"

        def files() -> None:
            job = services.statistics.render_report(report, english)
            (out / "stats-month.pdf").write_bytes(job.pdf)
            (out / "stats-month.xlsx").write_bytes(services.statistics.workbook(report, english))

        written = [timed(files) for _ in range(args.runs)]
        line("PDF + XLSX", None, statistics.median(written), max(written), TARGETS["files"])
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
    print(f"at {dt.datetime.now():%Y-%m-%d %H:%M}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
