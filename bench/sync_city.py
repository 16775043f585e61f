"""The city server and the desks of ``sync_bench.py``.

The city is the real server (``lingong_city.app.create_app``) served by
uvicorn on 127.0.0.1, on a temporary SQLite file or on a new PostgreSQL
database made on the server of a given URL (dropped afterwards, as the city
tests do). A desk is a real desk file opened through the service registry,
set up for the market, signed in and enrolled with a one-time code.
"""

from __future__ import annotations

import datetime as dt
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy.engine import make_url

from lingong_city import devices
from lingong_city.app import create_app
from lingong_desk.services.accounts import MarketInfo
from lingong_desk.services.registry import Services, open_services

ZY = MarketInfo("ZY", "左云县零工市场", "140226", "0352-3022110", "左云县云兴镇新建路")
HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # sign-in is not measured


@contextmanager
def fresh_database(url: str | None, folder: Path) -> Iterator[str]:
    """A temporary SQLite file, or a new PostgreSQL database on ``url``'s server."""
    if url is None:
        yield f"sqlite:///{folder / 'city.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    base = make_url(url)
    admin = (f"host={base.host or '127.0.0.1'} port={base.port or 5432} "
             f"user={base.username or 'postgres'} dbname={base.database or 'postgres'}")  # fmt: skip
    if base.password:
        admin += f" password={base.password}"
    name = f"lingong_bench_{secrets.token_hex(5)}"
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)))  # fmt: skip


@contextmanager
def running_city(database_url: str) -> Iterator[tuple[Any, int]]:
    """The city's app served by uvicorn on 127.0.0.1; yields its database and port."""
    import uvicorn

    app = create_app(database_url)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", ws="none"))  # fmt: skip
    thread = threading.Thread(target=server.run, name="city", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the city server did not start")
        time.sleep(0.02)
    db = app.state.db
    with db.writing() as s:
        devices.add_market(s, ZY.code, ZY.name, dt.datetime.now(dt.UTC), ZY.region_code, ZY.phone)
    try:
        yield db, port
    finally:
        server.should_exit = True
        thread.join(30)


def new_desk(path: Path, clerk: str, city_db: Any, city_url: str, name: str) -> Services:
    """A desk of market ZY, set up, signed in and enrolled (enrolment not timed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    services = open_services(path, hasher=HASHER)
    services.accounts.set_up(ZY, clerk, "secret1", "secret1")
    services.accounts.sign_in(clerk, "secret1")
    with city_db.writing() as s:
        code = devices.new_enrollment_code(s, ZY.code, dt.datetime.now(dt.UTC))
    services.sync.enroll(city_url, str(code), name)
    return services
