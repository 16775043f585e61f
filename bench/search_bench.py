"""Search benchmark: PeopleService.search and EmployerService.search_postings at scale.

    .venv/bin/python bench/search_bench.py [--people 100000] [--db bench/out/search-100k.db]

Builds (or reuses, when it holds the right counts) a desk database with that
many job seekers plus 1,000 employers and 2,000 postings made by
``fill_demo``, then times about 300 queries drawn from the data the way a
clerk types them: pinyin initials, full pinyin prefixes, name prefixes, full
names, ID numbers (whole or last 6), phones (whole or last 4), and the empty
query (default list). Prints median / p95 / max per category and overall, the
ratio of the overall median to the 20 ms target, and the query plan of one
query per category. Exits with status 1 if any plan reads the person table
with a full table scan: search must go through indexes.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select

from lingong_desk.db.engine import open_database
from lingong_desk.db.models import Employer, JobPosting, Person
from lingong_desk.db.search import person_keys
from lingong_desk.domain.occupations import Catalogue
from lingong_desk.resources import OCCUPATIONS_FILE, resource
from lingong_desk.services.context import ServiceContext, start_device
from lingong_desk.services.demo import SURNAMES, ensure_demo_market, fill_demo
from lingong_desk.services.employers import EmployerService
from lingong_desk.services.people import PeopleService

ROOT = Path(__file__).resolve().parent.parent
EMPLOYERS, POSTINGS = 1000, 2000
TARGET_MS = 20.0
PER_CATEGORY, PER_POSTING_CATEGORY, EMPTY_RUNS = 32, 12, 4
EXTRA, EXTRA_SURNAMES = "* ", 4  # extra categories stay out of the overall figures
TABLE_SCAN = re.compile(r"^SCAN person(?: AS \w+)?$")  # "SCAN person USING INDEX ..." is not


@dataclass
class Category:
    label: str
    run: Callable[[str], list[Any]]
    queries: list[str]
    times_ms: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


def open_desk(path: Path) -> ServiceContext:
    catalogue = Catalogue.from_csv(resource(*OCCUPATIONS_FILE).read_text("utf-8"))
    ctx = ServiceContext(open_database(path), catalogue)
    start_device(ctx)
    return ctx


def counts(ctx: ServiceContext) -> tuple[int, int, int]:
    with ctx.reading() as s:
        return tuple(  # type: ignore[return-value]
            int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Person, Employer, JobPosting)
        )


def build_or_reuse(path: Path, people: int) -> ServiceContext:
    wanted = (people, EMPLOYERS, POSTINGS)
    if path.exists():
        ctx = open_desk(path)
        found = counts(ctx)
        if found == wanted:
            note = path.with_suffix(".build.txt")
            built = note.read_text().strip() if note.exists() else "unknown"
            print(f"reusing {path} ({found[0]:,} people); it took {built} s to build")
            return ctx
        print(f"{path} holds {found}, not {wanted}: rebuilding")
        ctx.db.close()
        for extra in ("", "-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
    ctx = open_desk(path)
    ensure_demo_market(ctx)
    print(f"building {people:,} people, {EMPLOYERS:,} employers, {POSTINGS:,} postings ...")
    sys.stdout.flush()
    start = time.perf_counter()
    made = fill_demo(ctx, people=people, employers=EMPLOYERS, postings=POSTINGS, seed=7)
    took = time.perf_counter() - start
    path.with_suffix(".build.txt").write_text(f"{took:.1f}\n")
    print(
        f"BUILD {took:.1f} s: {made.people:,} people, {made.occupations:,} wanted job types, "
        f"{made.employers:,} employers, {made.postings:,} postings "
        f"({made.people / took:,.0f} people/s); file {path.stat().st_size / 2**20:.0f} MiB"
    )
    return ctx


def person_queries(ctx: ServiceContext, rng: random.Random) -> dict[str, list[str]]:
    with ctx.reading() as s:
        rows = list(
            s.execute(
                select(
                    Person.name,
                    Person.search_pinyin,
                    Person.search_initials,
                    Person.id_number,
                    Person.phone,
                ).order_by(Person.id_number)
            )
        )
    picked = rng.sample(rows, PER_CATEGORY)
    compound = {s for s in SURNAMES.items if len(s) > 1}
    common = Counter(r.name[0] for r in rows).most_common(EXTRA_SURNAMES)

    def name_prefix(name: str) -> str:
        surname = name[:2] if name[:2] in compound else name[:1]
        return name[: len(surname) + 1]

    def again() -> list[Any]:
        return rng.sample(rows, PER_CATEGORY)

    return {
        "pinyin initials": [r.search_initials for r in picked],
        "full pinyin prefix": [r.search_pinyin[: rng.randint(4, 7)] for r in again()],
        "name prefix": [name_prefix(r.name) for r in again()],
        "full name": [r.name for r in again()],
        "full ID number": [r.id_number for r in again()],
        "ID last 6": [r.id_number[-6:] for r in again()],
        "full phone": [r.phone for r in again()],
        "phone last 4": [r.phone[-4:] for r in again()],
        "empty (default list)": [""] * EMPTY_RUNS,
        # not in the overall figures: what a search-as-you-type box sends first
        EXTRA + "surname only": [c for c, _n in common] + [person_keys(c)[0] for c, _n in common],
    }


def posting_queries(ctx: ServiceContext, rng: random.Random) -> dict[str, list[str]]:
    with ctx.reading() as s:
        rows = list(
            s.execute(
                select(JobPosting.title, JobPosting.search_initials, Employer.name)
                .join(Employer, Employer.id == JobPosting.employer_id)
                .order_by(JobPosting.title, Employer.name)
            )
        )
    n = PER_POSTING_CATEGORY

    def word(name: str) -> str:  # what a clerk remembers of a name: 左云县鑫源饭店 -> 鑫源
        for place in ("左云县", "大同市", "山西"):
            if name.startswith(place):
                return name[len(place) : len(place) + 2]
        return name[:2]

    return {
        "postings: title initials": [r.search_initials for r in rng.sample(rows, n)],
        "postings: title prefix": [r.title.removeprefix("急招")[:2] for r in rng.sample(rows, n)],
        "postings: employer word": [word(r.name) for r in rng.sample(rows, n)],
        "postings: empty": [""] * EMPTY_RUNS,
    }


def summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def explain(ctx: ServiceContext, category: Category) -> list[str]:
    """Run the category's first query, capture its SQL, and return the plan lines."""
    captured: list[tuple[str, Any]] = []

    def grab(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, params))

    engine = ctx.db.engine
    event.listen(engine, "before_cursor_execute", grab)
    try:
        category.run(category.queries[0])
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    lines: list[str] = []
    with engine.connect() as conn:
        for statement, params in captured:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            depth: dict[int, int] = {0: 0}
            for node, parent, _unused, detail in plan:
                depth[node] = depth.get(parent, 0) + 1
                lines.append("  " * depth[node] + detail)
            lines.append("")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=1, help="which queries to draw")
    args = parser.parse_args()
    label = f"{args.people // 1000}k" if args.people % 1000 == 0 else str(args.people)
    path = args.db or ROOT / "bench" / "out" / f"search-{label}.db"
    ctx = build_or_reuse(path.resolve(), args.people)
    try:
        return measure(ctx, random.Random(args.seed))
    finally:
        ctx.db.close()


def measure(ctx: ServiceContext, rng: random.Random) -> int:
    people, employers = PeopleService(ctx), EmployerService(ctx)
    categories = [Category(k, people.search, v) for k, v in person_queries(ctx, rng).items()]
    categories += [
        Category(k, employers.search_postings, v) for k, v in posting_queries(ctx, rng).items()
    ]
    for c in categories:  # warm the page cache and SQLAlchemy's statement cache
        c.run(c.queries[0])
    for c in categories:
        for q in c.queries:
            start = time.perf_counter()
            found = c.run(q)
            c.times_ms.append((time.perf_counter() - start) * 1000)
            c.rows.append(len(found))
    main_set = [c for c in categories if not c.label.startswith(EXTRA)]
    total = sum(len(c.queries) for c in main_set)
    print(f"\n{total} queries (+ extras marked *, not in OVERALL); times in ms of the whole")
    print("service call including its session; rows returned (searches stop at 500)")
    print(f"{'category':28} {'n':>3} {'median':>7} {'p95':>7} {'max':>7}  rows median/max")
    for c in categories:
        med, p95, top = summary(c.times_ms)
        rows = f"{statistics.median(c.rows):.0f}/{max(c.rows)}"
        print(f"{c.label:28} {len(c.queries):3} {med:7.2f} {p95:7.2f} {top:7.2f}  {rows}")
    everything = [t for c in main_set for t in c.times_ms]
    med, p95, top = summary(everything)
    print(f"\nOVERALL n={total} median {med:.2f} ms  p95 {p95:.2f} ms  max {top:.2f} ms")
    print(f"RATIO overall median / {TARGET_MS:.0f} ms target = {med / TARGET_MS:.2f}", end="")
    print("  (within target)" if med <= TARGET_MS else "  (OVER TARGET)")
    slow = [c.label for c in main_set if summary(c.times_ms)[0] > TARGET_MS]
    if slow:
        print("categories over target (median): " + ", ".join(slow))

    print("\nEXPLAIN QUERY PLAN, one query per category")
    scans: list[str] = []
    for c in categories:
        print(f"--- {c.label}: {c.queries[0]!r}")
        for line in explain(ctx, c):
            print(line)
            if TABLE_SCAN.match(line.strip()):
                scans.append(c.label)
    if scans:
        print("FAIL: full table scan of person in: " + ", ".join(dict.fromkeys(scans)))
        return 1
    print("OK: no full table scan of person")
    return 0


if __name__ == "__main__":
    sys.exit(main())
