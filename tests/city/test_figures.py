"""The city's figures are the desks' own: three markets sync 14 months of demo
activity to a live city on PostgreSQL, and every indicator of every market for
several periods equals the desk's, by both ways the city counts them."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from sqlalchemy import select

from lingong_city import cli
from lingong_city.app import create_app
from lingong_city.db import Database, open_database
from lingong_city.figures import city_report, reading
from lingong_city.figures.store import rebuild
from lingong_city.models import FigureDay, FigureFact, PersonLink, Record
from lingong_desk.domain import indicators as ind
from lingong_desk.domain.periods import Period, parse_period
from tests.city.conftest import LiveServer, _empty_pg
from tests.city.figures_support import MARKETS, demo_desk, desk_values, enrol_and_sync
from tests.city.helpers import SPEAKS, add_markets, enroll, outbox, push
from tests.factories import Services

PERIODS = ("2025-11", "2025-10", "2025-06", "2025-Q3", "2025-W40", "2025-10-03")


@pytest.fixture(scope="module")
def synced(
    pg_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, list[Services]]]:
    _empty_pg(pg_database)
    db = open_database(pg_database)
    add_markets(db, *MARKETS)
    folder = tmp_path_factory.mktemp("markets")
    desks = [demo_desk(folder / m.code, m, seed=7 + 10 * i) for i, m in enumerate(MARKETS)]
    with LiveServer(create_app(db.url)) as server:
        for desk in desks:
            enrol_and_sync(db, server.url, desk, f"{desk.ctx.market_code} 窗口1")
    yield db, desks
    for desk in desks:
        desk.close()
    db.close()


def test_every_indicator_of_every_market_equals_the_desks(
    synced: tuple[Database, list[Services]],
) -> None:
    db, desks = synced
    markets = [d.ctx.market_code for d in desks]
    checked = 0
    for key in PERIODS:
        period = parse_period(key)
        with db.reading() as s:
            days = reading.day_values(s, markets, [period])[period]
        for desk in desks:
            market = desk.ctx.market_code
            expected = desk_values(desk, period)
            with db.reading() as s:
                full = reading.market_values(s, market, period)[period]
            for i in ind.INDICATORS:
                assert full[i.key] == expected[i.key], (market, key, i.key)
                if i.key in reading.DAY_KEYS:
                    assert days[market][i.key] == expected[i.key], (market, key, i.key)
                checked += expected[i.key] not in (None, 0.0)
    assert checked > 150  # the demo is busy enough for the figures to mean something
    november = Period.month(2025, 11)
    with db.reading() as s:
        total = reading.city_total(reading.day_values(s, markets, [november])[november])
    counted = [desk_values(d, november) for d in desks]
    assert total["hires"] == sum(c["hires"] or 0 for c in counted) > 0
    assert total["hire_rate"] == pytest.approx(
        sum(c["hires"] or 0 for c in counted) / sum(c["referrals_issued"] or 0 for c in counted)
    )


def test_the_reports_figures_equal_the_full_count(
    synced: tuple[Database, list[Services]],
) -> None:
    """The monthly report counts from the day sums, the postings and the files
    (``report_values``); every figure of every market, for the period and both
    comparisons, and the city total equal ``figure()`` over the whole activity."""
    db, desks = synced
    markets = sorted(d.ctx.market_code for d in desks)
    now = dt.datetime(2025, 12, 1, tzinfo=dt.UTC)
    nonzero: Counter[str] = Counter()
    months = [f"2025-{m:02d}" for m in range(1, 12)]  # with their comparisons: 2024-2025
    for key in (*PERIODS, *months):
        period = parse_period(key)
        with db.reading() as s:
            report = city_report.gather(s, period, now, "测试")
            full = {m: reading.market_values(s, m, period) for m in markets}
        assert [code for code, _name in report.markets] == markets
        assert report.periods == (period, period.previous(), period.year_before())
        for m in markets:
            for p in report.periods:
                assert list(report.values[m][p]) == [i.key for i in ind.INDICATORS]
                for i in ind.INDICATORS:
                    assert report.values[m][p][i.key] == full[m][p][i.key], (m, p.key, i.key)
                    nonzero[i.key] += full[m][p][i.key] not in (None, 0.0)
        for p in report.periods:
            assert report.city[p] == reading.city_total({m: full[m][p] for m in markets})
    # the stocks the day sums do not keep are really exercised
    for k in reading.STOCK_KEYS:
        assert nonzero[k] > 0, k
    assert set(reading.STOCK_KEYS) == {
        "postings_open_end",
        "files_in_custody_end",
        "files_overdue_end",
    }


def test_the_kept_sums_equal_a_rebuild(synced: tuple[Database, list[Services]]) -> None:
    db, _desks = synced
    with db.reading() as s:
        kept = _tables(s)
    with db.writing() as s:
        rebuild(s)
        rebuilt = _tables(s)
        s.rollback()
    assert kept == rebuilt and len(kept[0]) > 1000


def _tables(s: object) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    from sqlalchemy import select

    facts = {tuple(r) for r in s.execute(select(*FigureFact.__table__.c))}  # type: ignore[attr-defined]
    days = {
        tuple(r)
        for r in s.execute(select(*FigureDay.__table__.c).where(FigureDay.value != 0))  # type: ignore[attr-defined]
    }
    return facts, days


def test_the_kept_sums_equal_a_rebuild_after_random_ingest(
    synced: tuple[Database, list[Services]], tmp_path: Path
) -> None:
    """The three desks' changes reach a fresh city in random batches, the desks
    interleaved at random; then random changes that other facts depend on (a
    referral deleted, a person's hardships, a posting's work form, a registration
    event's person deleted). After each round the kept tables equal a rebuild."""
    _db, desks = synced
    rng = random.Random(13)
    city = open_database(f"sqlite:///{tmp_path / 'city.sqlite3'}")
    add_markets(city, *MARKETS)
    with (
        LiveServer(create_app(city.url)) as server,
        httpx.Client(base_url=server.url, headers=SPEAKS) as client,
    ):
        queues = []
        for desk in desks:
            device = enroll(client, city, desk.ctx.market_code, desk)
            queues.append([device, outbox(desk)])
        while any(q[1] for q in queues):
            device, entries = rng.choice([q for q in queues if q[1]])
            size = rng.randint(1, 400)
            batch, rest = entries[:size], entries[size:]
            for q in queues:
                if q[0] is device:
                    q[1] = rest
            r = push(client, device, batch)
            assert r.status_code == 200, r.text
        _assert_kept_equals_rebuild(city)
        for _round in range(3):
            for device, _e in queues:
                entries = _random_changes(city, device.market, rng)
                assert entries
                r = push(client, device, entries)
                assert r.status_code == 200, r.text
                assert all(x["status"] != "rejected" for x in r.json()["results"]), r.text
            _assert_kept_equals_rebuild(city)
    city.close()


def _assert_kept_equals_rebuild(city: Database) -> None:
    with city.reading() as s:
        kept = _tables(s)
    with city.writing() as s:
        rebuild(s)
        rebuilt = _tables(s)
        s.rollback()
    assert kept[0] == rebuilt[0]
    assert kept[1] == rebuilt[1]


_SEQ = itertools.count(1_000_000)


def _random_changes(city: Database, market: str, rng: random.Random) -> list[dict[str, Any]]:
    """Updates of a market's own rows that the facts of other rows depend on."""
    stamp = f"{int(time.time() * 1000) + 1000:013d}-0000-figures"
    now = dt.datetime.now(dt.UTC).isoformat()
    with city.reading() as s:
        mine = list(s.scalars(select(Record).where(Record.market_code == market)))
        linked = set(
            s.scalars(select(PersonLink.person_id).where(PersonLink.market_code == market))
        )
        people = list(s.scalars(select(Record).where(Record.entity == "person")))
    out: list[dict[str, Any]] = []

    def update(rec: Record, **fields: Any) -> None:
        out.append({
            "seq": next(_SEQ), "entity": rec.entity, "row_id": str(rec.row_id), "op": "update",
            "hlc": stamp, "changed": list(fields), "payload": {**fields, "updated_at": now},
        })  # fmt: skip

    live = [r for r in mine if r.deleted_at is None]
    for rec in rng.sample([r for r in live if r.entity == "referral"], 2):
        update(rec, deleted_at=now)
    for rec in rng.sample([r for r in live if r.entity == "job_posting"], 2):
        update(rec, work_form=rng.choice(["day", "short", "long"]))
    ours = [p for p in people if p.row_id in linked and p.deleted_at is None]
    for rec in rng.sample(ours, 3):
        update(rec, hardships=rng.choice([[], ["disabled"], ["long_unemployed"]]))
    update(rng.choice(ours), deleted_at=now)
    return out


def test_the_monthly_report_from_the_command_line(
    synced: tuple[Database, list[Services]], tmp_path: Path
) -> None:
    """``lingong-city report --month``: sheet 指标 has the key in A, the label in B,
    a column per market and the city total, each equal to the desk's own figure;
    the PDF has every market side by side, then a section each."""
    db, desks = synced
    out = tmp_path / "out"
    assert cli.main(["report", "--database", db.url, "--month", "2025-10", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out / "city-2025-10.xlsx")
    sheet = book["指标"]
    header = [c.value for c in sheet[1]]
    names = [m.name for m in MARKETS]
    assert header == ["指标键", "指标", *sorted(names, key=lambda n: _code(n)), "全市合计"]
    october = parse_period("2025-10")
    counted = {d.ctx.market_code: desk_values(d, october) for d in desks}
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    assert list(rows) == [i.key for i in ind.INDICATORS]
    assert rows["hires"][1].value == "最终达成就业人次"
    order = sorted(counted)
    for key, row in rows.items():
        for i, code in enumerate(order):
            assert row[2 + i].value == counted[code][key], (code, key)
    total = sum(counted[c]["hires"] or 0 for c in order)
    assert rows["hires"][2 + len(order)].value == total > 0
    assert rows["hire_rate"][2].number_format == "0.0%"
    assert book.sheetnames[1:] == [
        f"{m.code} {m.name}" for m in sorted(MARKETS, key=lambda m: m.code)
    ]
    text = subprocess.run(
        ["pdftotext", "-layout", str(out / "city-2025-10.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "全市零工市场统计月报 · 2025-10" in text and "全市合计" in text
    pages = text.split("\f")
    assert all(name in pages[0] for name in names)
    for m in MARKETS:
        assert any(p.lstrip().startswith(f"{m.name}（{m.code}）") for p in pages[1:]), m.code
    assert cli.main(["report", "--database", db.url, "--month", "2025-13", "--out", str(out)]) == 2


def _code(name: str) -> str:
    return next(m.code for m in MARKETS if m.name == name)
