"""Opening the city database (PostgreSQL or SQLite), migrations, write serialization.

Every transaction that appends to the feed runs inside ``Database.writing``,
which serializes the writers: on PostgreSQL with a transaction-scoped advisory
lock taken first thing, on SQLite by ``BEGIN IMMEDIATE`` (SQLite's single
writer). A writer therefore draws its feed cursors and commits before the next
writer draws any, so cursors become visible in cursor order and a pull may read
up to the highest committed cursor without ever skipping a row that commits
later.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration; a test checks it against Alembic's head. Lets a start
# on an up-to-date database skip importing Alembic.
SCHEMA_HEAD = "0003"
# pg_advisory_xact_lock key of the single writer ("LGCW" in ASCII)
WRITER_LOCK = 0x4C474357
MIGRATION_LOCK = WRITER_LOCK + 1


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
        """One serialized write transaction: commits on success, rolls back on error."""
        with self.sessions() as session, session.begin():
            session.connection(execution_options={"lingong_writer": True})
            if self.dialect == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK})
            yield session

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
