"""The city's schema: migrations, the entity field table, serialized writers."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import JSON, Boolean, Date, Integer, String, Text, Uuid, inspect, select, text

from lingong_city.db import (
    SCHEMA_HEAD,
    NewerDatabaseError,
    head_revision,
    normalise_url,
    open_database,
)
from lingong_city.models import Base, Feed
from lingong_city.schema import FIELDS
from lingong_desk.db import models as desk
from lingong_desk.db.types import CompactUuid, Money, UTCDateTime
from lingong_desk.sync.protocol import ENTITIES, SERVER_COLUMNS
from tests.city.helpers import SPEAKS, ZY, enroll, full_pull, open_desk, outbox, push, register


def test_the_migration_builds_exactly_the_models(database_url: str) -> None:
    db = open_database(database_url)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        assert head_revision() == SCHEMA_HEAD
        columns = {c["name"]: c for c in inspect(db.engine).get_columns("feed")}
        if db.dialect == "postgresql":
            assert str(columns["cursor"]["type"]) == "BIGINT"
            assert columns["cursor"].get("identity") is not None
        else:
            with db.engine.connect() as conn:
                assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
                assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.close()
    open_database(database_url).close()  # a second start finds it current


def test_a_database_from_a_newer_version_is_refused(database_url: str) -> None:
    open_database(database_url).close()
    db = open_database(database_url, migrate_schema=False)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    try:
        with pytest.raises(NewerDatabaseError, match="9999"):
            open_database(database_url)
    finally:  # the PostgreSQL database serves the module's other tests
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": SCHEMA_HEAD})
        db.close()


def test_urls() -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    with pytest.raises(ValueError, match="unsupported"):
        normalise_url("mysql://u@h/db")


def _kind(column: object) -> str:
    t = column.type  # type: ignore[attr-defined]
    for cls, kind in (
        (Money, "money"),
        (UTCDateTime, "dt"),
        (Date, "date"),
        (CompactUuid, "uuid"),
        (Uuid, "uuid"),
        (Boolean, "bool"),
        (Integer, "int"),
        (Text, "text"),
        (String, "str"),
    ):
        if isinstance(t, cls):
            return kind
    assert isinstance(t, JSON)
    return "json"


def test_the_field_table_matches_the_desks_models() -> None:
    for entity in ENTITIES:
        table = desk.Base.metadata.tables[entity]
        synced = {c.name: c for c in table.columns if c.name not in SERVER_COLUMNS}
        assert set(FIELDS[entity]) == set(synced), entity
        for name, column in synced.items():
            kind, nullable = FIELDS[entity][name]
            want = _kind(column)
            assert (kind if want != "json" else "json") == want or (
                want == "json" and kind in ("list", "dict")
            ), (entity, name)
            assert nullable == bool(column.nullable), (entity, name)


def test_concurrent_pushes_never_hide_a_row_from_a_pull(database_url: str, tmp_path: Path) -> None:
    """Writers are serialized, so a puller that follows `next` sees every feed row."""
    from lingong_city.app import create_app
    from tests.city.conftest import LiveServer
    from tests.city.helpers import add_markets

    db = open_database(database_url)
    add_markets(db, ZY)
    desks = [open_desk(tmp_path / f"d{i}", ZY) for i in range(2)]
    for i, d in enumerate(desks):
        for j in range(12):
            register(d, f"1402261980030{i + 1}{j % 10}{j // 10}{i}", "张三")
    with (
        LiveServer(create_app(db.url)) as server,
        httpx.Client(base_url=server.url, headers=SPEAKS) as client,
    ):
        devices = [enroll(client, db, "ZY", d) for d in desks]
        reader = enroll(client, db, "ZY")
        seen: set[tuple[str, str]] = set()
        done = threading.Event()

        def pusher(k: int) -> None:
            with httpx.Client(base_url=server.url, headers=SPEAKS) as c:
                for e in outbox(desks[k]):
                    assert push(c, devices[k], [e]).status_code == 200

        def puller() -> None:
            with httpx.Client(base_url=server.url, headers=SPEAKS) as c:
                while True:
                    finished = done.is_set()
                    r = c.get(
                        "/v1/pull", params={"after": reader.cursor, "limit": 7}, headers=reader.auth
                    ).json()
                    r = full_pull(r, reader.market)
                    seen.update((x["entity"], x["row_id"]) for x in r["changes"])
                    reader.cursor = r["next"]
                    if finished and not r["more"]:
                        return

        threads = [threading.Thread(target=pusher, args=(k,)) for k in range(2)]
        pull_thread = threading.Thread(target=puller)
        pull_thread.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        done.set()
        pull_thread.join(120)
    with db.reading() as s:
        everything = {
            (e, str(r))
            for e, r in s.execute(select(Feed.entity, Feed.row_id).where(Feed.market_code == "ZY"))
        }
        cursors = list(s.scalars(select(Feed.cursor).order_by(Feed.cursor)))
    assert len(everything) > 40
    assert seen == everything
    assert cursors == sorted(set(cursors))
    db.close()
    assert uuid.UUID(devices[0].id) != uuid.UUID(devices[1].id)


def _advisory_waiters(db_url: str) -> int:
    import psycopg

    name = db_url.rsplit("/", 1)[1]
    dsn = f"host=127.0.0.1 port=5432 user=postgres dbname={name}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()
    return int(row[0]) if row else 0


def test_writers_of_one_market_commit_in_cursor_order_and_other_markets_go_on(
    database_url: str, tmp_path: Path
) -> None:
    """Two writers of one market, interleaved by hand: the second waits for the first's
    feed lock, a pull in between shows neither, and afterwards their cursors follow
    each other with nothing skipped. A push of another market does not wait."""
    import datetime as dt

    from lingong_city.app import create_app
    from lingong_city.ingest import apply_push
    from lingong_city.models import Device
    from lingong_desk.sync.protocol import parse_push
    from tests.city.conftest import LiveServer
    from tests.city.helpers import HY, add_markets, pull_all

    db = open_database(database_url)
    add_markets(db, ZY, HY)
    first, second = open_desk(tmp_path / "zy1", ZY), open_desk(tmp_path / "zy2", ZY)
    other = open_desk(tmp_path / "hy", HY)
    register(first, "14022619800301123", "张三")
    register(second, "14022619850402234", "李四")
    register(other, "14022519900503345", "王五")
    with (
        LiveServer(create_app(db.url)) as server,
        httpx.Client(base_url=server.url, headers=SPEAKS) as client,
    ):
        one, two = enroll(client, db, "ZY", first), enroll(client, db, "ZY", second)
        hy, reader = enroll(client, db, "HY", other), enroll(client, db, "ZY")
        answers: dict[str, int] = {}

        def send(name: str, device: object, desk: object) -> threading.Thread:
            def run() -> None:
                with httpx.Client(base_url=server.url, headers=SPEAKS) as c:
                    answers[name] = push(c, device, outbox(desk)).status_code  # type: ignore[arg-type]

            thread = threading.Thread(target=run)
            thread.start()
            return thread

        request = parse_push({"protocol": 2, "device_id": one.id, "entries": outbox(first)})
        with db.writing() as s:  # the first writer, held open after its feed rows
            device = s.get(Device, uuid.UUID(one.id))
            assert device is not None
            apply_push(s, device, request, dt.datetime.now(dt.UTC))
            mine = list(s.scalars(select(Feed.cursor).where(Feed.market_code == "ZY")))
            assert mine  # drawn, not committed
            waiting = send("second", two, second)
            if db.dialect == "postgresql":
                deadline = 600
                while _advisory_waiters(db.url) == 0 and deadline:
                    waiting.join(0.1)
                    deadline -= 1
                assert waiting.is_alive() and _advisory_waiters(db.url) == 1
                # another market's push is neither blocked nor blocking
                other_market = send("other", hy, other)
                other_market.join(60)
                assert answers.get("other") == 200
                assert pull_all(client, hy, epoch=1)
            # nothing uncommitted shows, and the pull does not move past it
            assert pull_all(client, reader) == [] and reader.cursor == 0
        waiting.join(60)
        assert answers["second"] == 200
        pulled = pull_all(client, reader)
    rows = [(c["cursor"], c["row_id"]) for c in pulled]
    assert [c for c, _r in rows] == sorted(c for c, _r in rows)
    with db.reading() as s:
        feed = list(s.execute(select(Feed.cursor, Feed.row_id).where(Feed.market_code == "ZY")))
    assert {str(r) for _c, r in feed} == {r for _c, r in rows}
    assert max(mine) < min(c for c, _r in feed if c not in mine)  # the second came after
    db.close()
