"""Job matching benchmark: top-20 ranking both ways at 100,000 job seekers.

    .venv/bin/python bench/matching_bench.py [--db bench/out/search-100k.db] [--count 100]
        [--seed 1] [--no-index-trial]

Reuses the database of ``search_bench.py`` (100,000 job seekers, 2,000
postings, made by ``fill_demo``; build it with that script first). Picks
``--count`` open postings and ``--count`` job seekers and times, end to end,
what the referral window does for each: the candidate query
(``db.matching.seeker_candidates`` / ``posting_candidates``) and the scoring
(``rank_seekers`` / ``rank_postings``, top 20). Prints median / p95 / max in ms,
the ratio of the median to the 50 ms target, how many candidates were scored
and the query plan of the largest job-seeker bucket.

Then, unless ``--no-index-trial``, it copies the database to
``bench/out/matching-trial.db``, drops the index the job-seeker query is
written for (``INDEX_NAME``, added by migration 0002), runs the same work
there, checks that both runs ranked the same
people and postings, and deletes the copy. The database given by ``--db`` is
only read.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, or_, select

from lingong_desk.db.matching import posting_candidates, seeker_candidates
from lingong_desk.db.models import JobPosting, Person, PersonOccupation
from lingong_desk.domain.matching import Match, rank_postings, rank_seekers
from lingong_desk.services.registry import Services, open_services

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0
LIMIT = 20
WARM_UP = 3
INDEX_NAME = "ix_person_status_last_active"


@dataclass
class Timing:
    label: str
    wall_ms: list[float] = field(default_factory=list)
    query_ms: list[float] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)
    results: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)

    def line(self) -> str:
        w = sorted(self.wall_ms)
        p95 = w[min(len(w) - 1, round(0.95 * (len(w) - 1)))]
        median = statistics.median(w)
        return (
            f"{self.label:24} n={len(w):3}  median {median:6.1f}  p95 {p95:6.1f}  "
            f"max {w[-1]:6.1f} ms  (query {statistics.median(self.query_ms):5.1f}, "
            f"scoring {statistics.median(self.wall_ms) - statistics.median(self.query_ms):4.1f})  "
            f"RATIO {median / TARGET_MS:4.2f}  candidates {statistics.mean(self.candidates):5.0f} "
            f"avg / {max(self.candidates)} max"
        )


def pick(services: Services, count: int, seed: int) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    today = services.ctx.today()
    with services.ctx.reading() as s:
        postings = list(
            s.scalars(
                select(JobPosting.id)
                .where(
                    JobPosting.status == "open",
                    JobPosting.deleted_at.is_(None),
                    JobPosting.headcount_filled < JobPosting.headcount,
                    or_(JobPosting.end_date.is_(None), JobPosting.end_date >= today),
                )
                .order_by(JobPosting.id)
            )
        )
        seekers = list(
            s.scalars(
                select(Person.id)
                .where(Person.status == "seeking", Person.deleted_at.is_(None))
                .order_by(Person.id)
            )
        )
    rng = random.Random(seed)
    return rng.sample(postings, count), rng.sample(seekers, count)


def run(
    services: Services,
    label: str,
    ids: list[uuid.UUID],
    candidates: Callable[..., tuple[Any, list[Any]]],
    rank: Callable[..., list[Match]],
) -> Timing:
    ctx, today = services.ctx, services.ctx.today()
    timing = Timing(label)
    for i, key in enumerate(ids[:WARM_UP] + ids):
        start = time.perf_counter()
        with ctx.reading() as s:
            subject, found = candidates(s, key, today)
        queried = time.perf_counter()
        ranked = rank(subject, found, today, LIMIT)
        done = time.perf_counter()
        if i < WARM_UP:
            continue
        timing.wall_ms.append((done - start) * 1000)
        timing.query_ms.append((queried - start) * 1000)
        timing.candidates.append(len(found))
        timing.results[key] = [m.id for m in ranked]
    return timing


def biggest_bucket_plan(services: Services, posting_ids: list[uuid.UUID]) -> list[str]:
    """The plan of the exact-job-type bucket of the posting whose type is most wanted."""
    with services.ctx.reading() as s:
        counts = select(PersonOccupation.occupation_code, func.count()).group_by(
            PersonOccupation.occupation_code
        )
        wanted: dict[str, int] = {code: n for code, n in s.execute(counts)}
        rows = s.execute(
            select(JobPosting.id, JobPosting.occupation_code).where(JobPosting.id.in_(posting_ids))
        ).all()
    commonest = max(rows, key=lambda r: (wanted.get(r.occupation_code, 0), r.id))
    plan: list[str] = []

    def explain(conn: Any, cursor: Any, statement: str, params: Any, *_a: Any) -> None:
        if "ORDER BY person.last_active_at DESC" in statement and not plan:
            rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, params)
            plan.extend(f"  {row[3]}" for row in rows)

    engine = services.ctx.db.engine
    event.listen(engine, "before_cursor_execute", explain)
    try:
        with services.ctx.reading() as s:
            seeker_candidates(s, commonest.id, services.ctx.today())
    finally:
        event.remove(engine, "before_cursor_execute", explain)
    return [f"plan of the exact bucket for {commonest.occupation_code}:", *plan]


def measure(path: Path, count: int, seed: int) -> tuple[Timing, Timing]:
    services = open_services(path)
    try:
        postings, seekers = pick(services, count, seed)
        for_posting = run(
            services, "seekers for a posting", postings, seeker_candidates, rank_seekers
        )
        for_seeker = run(
            services, "postings for a seeker", seekers, posting_candidates, rank_postings
        )
        for timing in (for_posting, for_seeker):
            print(timing.line())
        print("\n".join(biggest_bucket_plan(services, postings)))
        return for_posting, for_seeker
    finally:
        services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "search-100k.db")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-index-trial", action="store_true")
    args = parser.parse_args()
    if not args.db.exists():
        print(f"{args.db} is missing: build it with bench/search_bench.py first")
        return 2
    print(f"database {args.db}; {args.count} postings and {args.count} job seekers, top {LIMIT}")
    print(f"\nWITH the schema's index {INDEX_NAME} (migration 0002):")
    current = measure(args.db, args.count, args.seed)
    if args.no_index_trial:
        return 0
    trial = ROOT / "bench" / "out" / "matching-trial.db"
    print(f"\nWITHOUT it, on a copy ({trial.name}) where it is dropped:")
    with sqlite3.connect(args.db) as src, sqlite3.connect(trial) as dst:
        src.backup(dst)
        dst.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")
    try:
        without = measure(trial, args.count, args.seed)
    finally:
        for extra in ("", "-wal", "-shm"):
            Path(f"{trial}{extra}").unlink(missing_ok=True)
    same = all(c.results == w.results for c, w in zip(current, without, strict=True))
    print(f"\nsame top {LIMIT} with and without the index: {'yes' if same else 'NO'}")
    for c, w in zip(current, without, strict=True):
        gain = statistics.median(w.wall_ms) / statistics.median(c.wall_ms)
        print(f"GAIN {c.label}: median {gain:.1f}x faster with the index")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
