"""Console fixtures: the real city app under uvicorn on PostgreSQL, a clock the test
moves, staff accounts with a cheap hasher."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from lingong_city.app import create_app
from lingong_city.console.accounts import ConsoleSettings
from lingong_city.db import Database, open_database
from tests.city.conftest import LiveServer, _empty_pg
from tests.city.console.support import FAST_HASHER, Clock
from tests.city.helpers import HY, ZY, add_markets


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime.now(dt.UTC).replace(microsecond=0))


@pytest.fixture
def pg_city(pg_database: str) -> Iterator[Database]:
    """The city on PostgreSQL (emptied), with the markets ZY and HY."""
    _empty_pg(pg_database)
    db = open_database(pg_database)
    add_markets(db, ZY, HY)
    yield db
    db.close()


@pytest.fixture
def server(pg_city: Database, clock: Clock) -> Iterator[LiveServer]:
    """The city app (API and console) served by uvicorn on a free port."""
    app = create_app(pg_city.url, clock=clock, console=ConsoleSettings(hasher=FAST_HASHER))
    with LiveServer(app) as live:
        yield live
