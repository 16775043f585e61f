"""Console benchmark: the overview and the city's monthly report at 10 markets with
100,000 job seekers each, on PostgreSQL.

    .venv/bin/python bench/console_bench.py [--markets 10] [--people 100000] [--runs 5]
        [--admin "host=127.0.0.1 user=postgres dbname=test"] [--keep] [--database NAME]

Makes a database, migrates it, and writes with COPY what ingest would have left
in it for each market: its postings and files as records (what the report's
stocks read), and the facts of five years of activity (100,000 registrations,
status changes, about 40,000 referrals with their outcomes, postings, files,
guidance, enquiries) in ``figure_fact``, with ``figure_day`` worked out from
those facts by the same functions ingest uses (``figures.days``). Then times,
cold (first) and warm (median of ``--runs``): GET /console/overview for the
last full month, signed in (the page with its queries, template and charts'
data), and the city's monthly report (``city_report.gather`` + XLSX + PDF).
Targets: overview < 1 s, report < 5 s. ``--database NAME`` fills a database of
that name and keeps it, or, when it exists already, times on its data without
filling (to compare two versions of the code on the same rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import secrets
import statistics
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lingong_city.figures.days import flow_counts, seeking_changes  # noqa: E402
from lingong_city.figures.facts import COLUMNS, FactRow  # noqa: E402
from lingong_desk.domain.calendar import CHINA, market_day  # noqa: E402

TODAY = dt.date(2026, 11, 20)
YEARS = 5
JOBS = ["4-09-08-01", "4-10-01-01", "4-02-01-01", "6-29-02-02", "3-01-01-01", "4-03-02-01",
        "4-10-04-01", "6-22-01-00", "4-12-01-01", "5-01-01-01"]  # fmt: skip
FORMS = ["day", "short", "long", "part"]


def moment(rng: random.Random, days_back: int) -> dt.datetime:
    day = TODAY - dt.timedelta(days=days_back)
    at = dt.datetime.combine(day, dt.time(8, 30), CHINA) + dt.timedelta(minutes=rng.randrange(540))
    return at.astimezone(dt.UTC)


def fact(entity: str, stream: str, market: str, row: str, at: dt.datetime, **kw: object) -> FactRow:
    return FactRow(entity, uuid.uuid4(), stream, market, True, row, at, market_day(at), **kw)  # type: ignore[arg-type]


def market_data(code: str, people: int, rng: random.Random) -> tuple[list[FactRow], list[tuple]]:
    facts: list[FactRow] = []
    records: list[tuple] = []
    span = YEARS * 365
    clerk = uuid.uuid4().hex
    persons = []
    for _ in range(people):
        pid = uuid.uuid4()
        at = moment(rng, rng.randrange(span))
        sex = rng.choice("MF")
        birth = dt.date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
        subject = {"sex": sex, "birth_date": birth, "occupation": rng.choice(JOBS),
                   "work_form": rng.choice(FORMS), "hardship": rng.random() < 0.1}  # fmt: skip
        persons.append((pid, at, subject))
        facts.append(fact("audit_event", "registration", code, pid.hex, at, clerk=clerk,
                          status="seeking", person_id=pid, **subject))  # fmt: skip
        if rng.random() < 0.15:
            later = min(at + dt.timedelta(days=rng.randint(1, 400)), moment(rng, 0))
            facts.append(fact("audit_event", "status", code, pid.hex, later,
                              status=rng.choice(["not_seeking", "employed"]), person_id=pid))  # fmt: skip
    postings = []
    for _ in range(people // 30):
        rid = uuid.uuid4()
        at = moment(rng, rng.randrange(span))
        job, form, heads = rng.choice(JOBS), rng.choice(FORMS), rng.randint(1, 8)
        end = (at + dt.timedelta(days=rng.randint(10, 90))).date()
        status = "open" if end >= TODAY and rng.random() < 0.6 else "closed"
        data = {"published_at": at.isoformat(), "end_date": end.isoformat(), "status": status,
                "updated_at": (at + dt.timedelta(days=3)).isoformat(), "headcount": heads,
                "occupation_code": job, "work_form": form, "market_code": code,
                "created_by": str(uuid.UUID(clerk))}  # fmt: skip
        records.append(("job_posting", rid, code, data))
        postings.append((rid, job, form))
        facts.append(fact("job_posting", "posting", code, rid.hex, at, clerk=clerk, amount=heads,
                          occupation=job, work_form=form))  # fmt: skip
    for _ in range(int(people * 0.4)):
        pid, registered, subject = rng.choice(persons)
        rid, job, form = rng.choice(postings)
        back = rng.randrange(min(span, (TODAY - registered.astimezone(CHINA).date()).days + 1))
        at = moment(rng, back)
        ref = uuid.uuid4()
        common = {**subject, "occupation": job, "work_form": form, "person_id": pid,
                  "posting_id": rid, "referral_id": ref, "clerk": clerk}  # fmt: skip
        facts.append(fact("referral", "referral", code, ref.hex, at, **common))
        roll = rng.random()
        then = at + dt.timedelta(days=rng.randint(0, 5))
        if roll < 0.6:
            facts.append(fact("referral_event", "intention", code, ref.hex, then, **common))
            if roll < 0.45:
                facts.append(fact("referral_event", "hire", code, ref.hex, then, **common))
                facts.append(fact("referral_event", "employed", code, pid.hex, then,
                                  status="employed", person_id=pid, referral_id=ref))  # fmt: skip
            else:
                facts.append(fact("referral_event", "not_hired", code, ref.hex, then, **common))
        elif roll < 0.7:
            facts.append(fact("referral_event", "no_show", code, ref.hex, then, **common))
    for stream, entity, n in (("employer", "employer", people // 100),
                              ("guidance", "guidance_session", people // 20),
                              ("consultation", "consultation", people // 5)):  # fmt: skip
        for _ in range(n):
            at = moment(rng, rng.randrange(span))
            facts.append(fact(entity, stream, code, uuid.uuid4().hex, at, clerk=clerk))
    for _ in range(people // 50):
        cid = uuid.uuid4()
        at = moment(rng, rng.randrange(span))
        records.append(("file_custody", cid, code, {"received_at": at.isoformat(),
                        "market_code": code, "created_by": str(uuid.UUID(clerk))}))  # fmt: skip
        facts.append(fact("file_custody", "file_received", code, cid.hex, at, clerk=clerk))
    return facts, records


def copy_rows(conn: psycopg.Connection, table: str, columns: list[str], rows: list[tuple]) -> None:
    with (
        conn.cursor() as cur,
        cur.copy(
            sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
            )
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)


def fill(url_admin: str, name: str, markets: int, people: int) -> str:
    from lingong_city import devices
    from lingong_city.db import open_database

    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    db = open_database(url)
    now = dt.datetime.now(dt.UTC)
    codes = [f"M{chr(65 + i)}" for i in range(markets)]
    with db.writing() as s:
        for i, code in enumerate(codes):
            devices.add_market(s, code, f"第{i + 1}县零工市场", now, f"1402{i:02d}")
    db.close()
    conn = psycopg.connect(url_admin.replace("dbname=test", f"dbname={name}"))
    t0 = time.perf_counter()
    for i, code in enumerate(codes):
        facts, records = market_data(code, people, random.Random(i))
        days = flow_counts(facts)
        days.update(seeking_changes(code, facts))
        copy_rows(conn, "figure_fact", list(COLUMNS), [tuple(f.as_dict().values()) for f in facts])
        copy_rows(conn, "figure_day", ["market_code", "key", "day", "value"],
                  [(m, k, d, v) for (m, k, d), v in days.items() if v])  # fmt: skip
        stamp = now.replace(tzinfo=None)
        copy_rows(conn, "record",
                  ["entity", "row_id", "market_code", "public", "data", "field_stamps", "hlc", "updated_at"],
                  [(e, r, c, False, json.dumps(d), "{}", "0", stamp) for e, r, c, d in records])  # fmt: skip
        conn.commit()
        print(f"  {code}: {len(facts):,} facts, {len(records):,} records "
              f"({time.perf_counter() - t0:.0f} s)", flush=True)  # fmt: skip
    with conn.cursor() as cur:
        cur.execute("ANALYZE")
    conn.commit()
    conn.close()
    return url


def timed(work, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    first = time.perf_counter()
    work()
    cold = time.perf_counter() - first
    warm = []
    for _ in range(runs):
        t = time.perf_counter()
        work()
        warm.append(time.perf_counter() - t)
    return cold, statistics.median(warm)


def main() -> int:
    import os

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--markets", type=int, default=10)
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--admin", default="host=127.0.0.1 port=5432 user=postgres dbname=test")
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument("--database", help="fill and keep this database, or reuse it if it exists")
    args = ap.parse_args()
    name = args.database or f"lingong_bench_{secrets.token_hex(4)}"
    # a bench key; a kept database's opens again with its name
    os.environ.setdefault("LINGONG_CITY_KEY_PASSPHRASE", f"bench {name} key")
    with psycopg.connect(args.admin, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    keep = args.keep or args.database is not None
    try:
        if exists:
            print(f"reusing database {name}")
            url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        else:
            print(f"filling {args.markets} markets x {args.people:,} job seekers into {name} ...")
            url = fill(args.admin, name, args.markets, args.people)
        from argon2 import PasswordHasher
        from fastapi.testclient import TestClient

        from lingong_city.app import create_app
        from lingong_city.console import accounts
        from lingong_city.console.accounts import ConsoleSettings
        from lingong_city.db import open_database
        from lingong_city.figures import city_report

        fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        clock = lambda: dt.datetime.combine(TODAY, dt.time(4), dt.UTC)  # noqa: E731
        db = open_database(url)
        with db.writing() as s:
            if all(u.name != "bench" for u in accounts.users(s)):
                accounts.add_user(s, "bench", "analyst", "correct horse battery", clock(), fast)
        app = create_app(url, clock=clock, console=ConsoleSettings(hasher=fast))
        month = "2026-10"
        with TestClient(app) as client:
            page = client.get("/console/signin")
            token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
            r = client.post("/console/signin", data={"name": "bench",
                            "password": "correct horse battery", "csrf_token": token})  # fmt: skip
            assert r.status_code in (200, 303), r.status_code

            def overview() -> None:
                r = client.get(f"/console/overview?period={month}")
                assert r.status_code == 200 and "第1县零工市场" in r.text

            cold, warm = timed(overview, args.runs)
            print(f"overview {month}: cold {cold:.3f} s, warm {warm:.3f} s "
                  f"(target < 1 s: {warm:.2f}x)")  # fmt: skip
        from lingong_desk.domain.periods import Period

        period = Period.month(2026, 10)
        sizes: Counter[str] = Counter()

        def report() -> None:
            with db.reading() as s:
                data = city_report.gather(s, period, clock(), "bench")
            sizes["xlsx"] = len(city_report.workbook(data))
            sizes["pdf"] = len(city_report.pdf(data))

        cold, warm = timed(report, max(1, args.runs // 2))
        print(f"monthly report {month} (gather + XLSX + PDF): cold {cold:.3f} s, warm {warm:.3f} s "
              f"(target < 5 s: {warm / 5:.2f}x); xlsx {sizes['xlsx']:,} B, pdf {sizes['pdf']:,} B")  # fmt: skip
        buf = io.StringIO()
        with db.reading() as s:
            from sqlalchemy import func, select

            from lingong_city.models import FigureDay, FigureFact

            facts = s.scalar(select(func.count()).select_from(FigureFact))
            days = s.scalar(select(func.count()).select_from(FigureDay))
        print(f"rows: figure_fact {facts:,}, figure_day {days:,}", file=buf)
        print(buf.getvalue(), end="")
        db.close()
    finally:
        if not keep:
            with psycopg.connect(args.admin, autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
