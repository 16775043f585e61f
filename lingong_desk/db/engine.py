"""Opening the desk's SQLite file: pragmas, schema version, migrations."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from lingong_desk.db import capture

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Checked against Alembic's own head by a test; lets a
# start on an up-to-date file skip importing Alembic (about 0.35 s).
SCHEMA_HEAD = "0004"


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
    # 32 MiB of page cache (default 2 MiB): matching and search at 100,000
    # people re-read the same index pages; a 4 GB PC can spare it
    cur.execute("PRAGMA cache_size=-32768")
    cur.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    return engine


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
        except OperationalError:  # a new, empty file
            return None
        return None if value is None else str(value)


def migrate(path: Path, engine: Engine) -> Path | None:
    """Bring the file to the current schema; returns the backup made, if any."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
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
