"""City server fixtures: every test runs on PostgreSQL and on SQLite.

PostgreSQL: a fresh database per test module on the server at 127.0.0.1:5432
(user postgres), emptied before each test and dropped afterwards. If the
server cannot be reached the PostgreSQL variants fail; they are never skipped.
"""

from __future__ import annotations

import secrets
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
import uvicorn
from fastapi import FastAPI
from psycopg import sql

from lingong_city.app import create_app
from lingong_city.db import Database, open_database
from lingong_city.models import Base
from tests.city.helpers import HY, OPEN_DESKS, SPEAKS, ZY, add_markets


@pytest.fixture(autouse=True)
def _close_desks() -> Iterator[None]:
    yield
    while OPEN_DESKS:
        OPEN_DESKS.pop().close()


PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=10"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


@pytest.fixture(scope="module")
def pg_database() -> Iterator[str]:
    name = f"lingong_city_{secrets.token_hex(6)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        open_database(PG_URL.format(name=name)).close()  # migrate once per module
        yield PG_URL.format(name=name)
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _empty_pg(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    tables = [t.name for t in Base.metadata.sorted_tables]
    statement = sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
        sql.SQL(", ").join(sql.Identifier(t) for t in tables)
    )
    with psycopg.connect(PG_ADMIN.replace("dbname=test", f"dbname={name}"), autocommit=True) as c:
        c.execute(statement)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'city.sqlite3'}"
    url: str = request.getfixturevalue("pg_database")
    _empty_pg(url)
    return url


@pytest.fixture
def city(database_url: str) -> Iterator[Database]:
    """The city database (migrated), with the markets ZY and HY."""
    db = open_database(database_url)
    add_markets(db, ZY, HY)
    yield db
    db.close()


class LiveServer:
    """The real app under uvicorn on a free local port, in a thread."""

    def __init__(self, app: FastAPI) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(app, log_config=None, lifespan="on", timeout_graceful_shutdown=5)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})

    def __enter__(self) -> LiveServer:
        self.thread.start()
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            self.thread.join(0.01)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@pytest.fixture
def client(city: Database) -> Iterator[httpx.Client]:
    """An HTTP client of the real app, served by uvicorn, on the test's database."""
    with (
        LiveServer(create_app(city.url)) as server,
        httpx.Client(base_url=server.url, headers=SPEAKS) as c,
    ):
        yield c
