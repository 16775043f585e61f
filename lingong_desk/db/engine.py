"""Opening the desk's SQLite file: pragmas, schema version, migrations."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from lingong_desk.db import capture

MIGRATIONS = Path(__file__).with_name("migrations")


class NewerDatabaseError(RuntimeError):
    """The file was written by a newer LingGong Desk than this one."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"The data file {path} was written by a newer version of LingGong Desk "
            f"(schema {revision}). Install the newer version; this file was not changed."
        )
        self.path = path
        self.revision = revision


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
        self.engine.dispose()


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(path: Path, engine: Engine) -> Path | None:
    """Bring the file to the current schema; returns the backup made, if any."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    if current is not None:
        known = {rev.revision for rev in script.walk_revisions()}
        if current not in known:
            raise NewerDatabaseError(path, current)
    backup = None
    if current is not None and path.exists():
        backup = path.with_name(f"{path.stem}.before-{head}{path.suffix}")
        engine.dispose()
        with sqlite3.connect(path) as src, sqlite3.connect(backup) as dst:
            src.backup(dst)
    command.upgrade(alembic_config(engine), "head")
    return backup


def open_database(path: Path) -> Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    migrate(path, engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    capture.install(sessions)
    return Database(path, engine, sessions)
