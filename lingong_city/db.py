"""Opening the city database (PostgreSQL or SQLite), migrations, writers and feed locks.

Writers of different markets run at the same time on PostgreSQL: a push locks
the records it reads and writes (``SELECT ... FOR UPDATE``, see ``batch``), and
only at its very end, just before it commits, appends to the per-market feeds
(``fanout.Fanout.flush``). For that it takes a transaction-scoped advisory lock
per market whose feed it appends to, in one fixed order (``lock_feeds``), and
draws the feed cursors under them. Two writers of one market's feed therefore
draw their cursors one after the other and the first commits before the second
draws any: within a market, cursors become visible in cursor order, and a pull
may read up to the market's highest committed cursor without ever skipping a
row that commits later. Writers that touch disjoint markets never wait for
each other. Rows that go to every market (open postings) take the market list
lock shared, which ``add_market`` takes exclusively, so a new market gets
every city-wide row exactly once.

A writer that meets another one the database cannot order (a deadlock, two
inserts of one new row) is rolled back whole and run again (``write_retrying``).

SQLite has a single writer: ``BEGIN IMMEDIATE`` takes it up front, so writers
are serialized there and the advisory locks are not needed.
"""

from __future__ import annotations

import logging
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    any_,
    bindparam,
    create_engine,
    event,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.orm import QueryableAttribute, Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
T = TypeVar("T")
MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration; a test checks it against Alembic's head. Lets a start
# on an up-to-date database skip importing Alembic.
SCHEMA_HEAD = "0005"
# pg_advisory_xact_lock class of the feed locks ("LGCW" in ASCII): (class, market)
WRITER_LOCK = 0x4C474357
MIGRATION_LOCK = WRITER_LOCK + 1
MARKET_LIST = 0  # the lock of the list of markets (no market code maps to 0)
RETRIES = 8  # a writer rolled back by a deadlock or a concurrent insert runs again
# deadlock, serialization failure, unique violation (two writers made one new row)
TRANSIENT = frozenset({"40P01", "40001", "23505"})


def one_of(session: Session, column: QueryableAttribute[Any], values: Iterable[Any]) -> Any:
    """``column IN (values)``; on PostgreSQL ``column = ANY(:array)``: one parameter,
    so the statement's text is the same for any number of values (the driver does
    not parse a thousand placeholders, and the server can keep its plan)."""
    if session.get_bind().dialect.name == "postgresql":
        array = bindparam(None, list(values), type_=postgresql.ARRAY(column.type))
        return column == any_(array)
    return column.in_(list(values))


def market_key(code: str) -> int:
    """A market code (2-6 capital letters) as a positive 32-bit lock key."""
    if code.isascii() and code.isalpha() and code.isupper() and len(code) <= 6:
        key = 0
        for ch in code:
            key = key * 27 + (ord(ch) - 64)
        return key
    return (zlib.crc32(code.encode("utf-8")) & 0x3FFFFFFF) + 27**6


def lock_feeds(session: Session, markets: Iterable[str], everyone: bool = False) -> None:
    """Take the feed locks of ``markets`` (and the market list, shared, when the rows
    go to every market) in the one fixed order, until the transaction ends."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: the single writer holds everything already
    if everyone:
        session.execute(
            text("SELECT pg_advisory_xact_lock_shared(:c, :k)"),
            {"c": WRITER_LOCK, "k": MARKET_LIST},
        )
    for key in sorted({market_key(m) for m in markets}):
        session.execute(text("SELECT pg_advisory_xact_lock(:c, :k)"), {"c": WRITER_LOCK, "k": key})


def lock_market_list(session: Session) -> None:
    """Exclusively: no city-wide row is being appended while the market list changes."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:c, :k)"), {"c": WRITER_LOCK, "k": MARKET_LIST}
        )


def transient(exc: BaseException) -> bool:
    """Did the database roll this writer back only because of another writer?"""
    if not isinstance(exc, DBAPIError):
        return False
    return getattr(exc.orig, "sqlstate", None) in TRANSIENT


class NewerDatabaseError(RuntimeError):
    """The database was migrated by a newer LingGong City than this one."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"The city database has schema {revision}, which this version of LingGong City "
            "does not know. Install the newer version; the database was not changed."
        )
        self.revision = revision


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given without a driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("postgresql", "sqlite"):
        raise ValueError(f"unsupported database {parsed.drivername!r}: use PostgreSQL or SQLite")
    return parsed.render_as_string(hide_password=False)


def _sqlite_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # let SQLAlchemy's "begin" event emit BEGIN itself (see _sqlite_begin)
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("lingong_writer", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError):  # a new, empty database
            return None
        return None if value is None else str(value)


def migrate(engine: Engine) -> None:
    """Bring the database to the current schema (refuses one from a newer version)."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    if current is not None:
        known = {
            rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()
        }
        if current not in known:
            raise NewerDatabaseError(current)
    if engine.dialect.name == "postgresql":
        # two servers starting at once: one migrates, the other waits
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
            conn.commit()
            try:
                cfg = alembic_config(engine)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                conn.commit()
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                conn.commit()
        return
    command.upgrade(alembic_config(engine), "head")


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on error. Feed
        appends inside it take their markets' locks (``lock_feeds``)."""
        with self.sessions() as session, session.begin():
            session.connection(execution_options={"lingong_writer": True})
            yield session

    def write_retrying(self, work: Callable[[Session], T]) -> T:
        """``work`` in a write transaction, run again (from scratch) when another
        writer made the database roll it back."""
        for attempt in range(RETRIES):
            try:
                with self.writing() as session:
                    return work(session)
            except DBAPIError as exc:
                if not transient(exc) or attempt == RETRIES - 1:
                    raise
                log.info("a writer met another one (%s); running it again", exc.orig)
        raise AssertionError("unreachable")  # pragma: no cover

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session: nothing is committed."""
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str, migrate_schema: bool = True) -> Database:
    engine = make_engine(url)
    try:
        if migrate_schema:
            migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(normalise_url(url), engine, sessionmaker(engine, expire_on_commit=False))
