"""The city's figures are the desks' own: three markets sync 14 months of demo
activity to a live city on PostgreSQL, and every indicator of every market for
several periods equals the desk's, by both ways the city counts them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lingong_city.app import create_app
from lingong_city.db import Database, open_database
from lingong_city.figures import reading
from lingong_city.figures.store import rebuild
from lingong_city.models import FigureDay, FigureFact
from lingong_desk.domain import indicators as ind
from lingong_desk.domain.periods import Period, parse_period
from tests.city.conftest import LiveServer, _empty_pg
from tests.city.figures_support import MARKETS, demo_desk, desk_values, enrol_and_sync
from tests.city.helpers import add_markets
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
