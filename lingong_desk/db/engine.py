"""Opening the desk's SQLite file: pragmas, schema version, migrations."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from lingong_desk.db import capture
from lingong_desk.db.files import is_plain
from lingong_desk.db.keystore import DeskKey

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Checked against Alembic's own head by a test; lets a
# start on an up-to-date file skip importing Alembic (about 0.35 s).
SCHEMA_HEAD = "0009"
# app_setting key of the second backup folder (read before migrating)
SECOND_BACKUP_KEY = "backup.second_folder"

log = logging.getLogger(__name__)


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
    desk_key: DeskKey | None = field(default=None, repr=False)  # None: a plain file

    @property
    def key(self) -> bytes | None:
        """The SQLCipher key of the file (None: not encrypted)."""
        return None if self.desk_key is None else self.desk_key.key

    def close(self) -> None:
        self.engine.dispose()


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # before anything else: a new file hands freed pages back (compaction);
    # an existing file keeps its mode until reclaim_space rewrites it once
    cur.execute("PRAGMA auto_vacuum=INCREMENTAL")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=NORMAL")
    # 32 MiB of page cache (default 2 MiB): matching and search at 100,000
    # people re-read the same index pages; a 4 GB PC can spare it
    cur.execute("PRAGMA cache_size=-32768")
    cur.close()


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    """An engine on the desk file; with ``key``, an encrypted file through SQLCipher
    (SQLAlchemy's ``sqlite+pysqlcipher`` dialect on the ``sqlcipher3`` wheel),
    which sets the key before anything else on each new connection."""
    if key is None:
        engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    else:
        import sqlcipher3

        url = URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))
        engine = create_engine(
            url,
            module=sqlcipher3,
            poolclass=QueuePool,  # as for a plain file (the dialect would keep one per thread)
            connect_args={"check_same_thread": False},
        )
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


def migrate(
    path: Path, engine: Engine, backup_first: bool = True, key: bytes | None = None
) -> Path | None:
    """Bring the file to the current schema; returns the backup made, if any."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerDatabaseError(path, current)
    made = None
    if current is not None and path.exists() and backup_first:
        made = _backup_before_migration(path, engine, head, known, key)
    command.upgrade(alembic_config(engine), "head")
    return made


def _backup_before_migration(
    path: Path, engine: Engine, head: str, known: set[str], key: bytes | None
) -> Path:
    """A checked backup (``pre-<head>``) in the data folder's backups and, when one
    is set, the second backup folder; the migration waits for it."""
    from lingong_desk.db import backup

    engine.dispose()
    now = dt.datetime.now(dt.UTC)
    kind = f"{backup.PRE_MIGRATION}{head}"
    first = backup.take_backup(path, path.parent / backup.BACKUP_FOLDER, kind, now, key, known)
    second = second_backup_folder(engine)
    if second is not None:
        try:
            backup.take_backup(path, second, kind, now, key, known)
        except backup.BackupError:  # a missing USB stick must not stop the program
            log.warning("no backup before the migration in the second folder %s", second)
    return first.path


def second_backup_folder(engine: Engine) -> Path | None:
    """This desk's folder in the second backup folder (a USB stick or a network
    share), when one is set.

    Read with plain SQL: it is needed before the schema is brought up to date."""
    from lingong_desk.db.backup import desk_folder

    with engine.connect() as conn:
        try:
            found: dict[str, str] = {
                str(k): str(v)
                for k, v in conn.execute(
                    text("SELECT key, value FROM app_setting WHERE key IN (:a, :b, :c)"),
                    {"a": SECOND_BACKUP_KEY, "b": "market_code", "c": "device_id"},
                )
            }
        except OperationalError:
            return None
    root = found.get(SECOND_BACKUP_KEY)
    if not root:
        return None
    return desk_folder(Path(root), found.get("market_code"), found.get("device_id"))


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def open_database(path: Path, desk_key: DeskKey | None = None) -> Database:
    """Open (and if needed migrate) the desk file; with ``key`` it is encrypted,
    and a plain file from an earlier version is encrypted first (see
    ``db/backup.encrypt_in_place``)."""
    from lingong_desk.db.backup import clear_staging, encrypt_in_place

    path.parent.mkdir(parents=True, exist_ok=True)
    clear_staging(path)  # what an interrupted restore left: the live file is whole
    key = None if desk_key is None else desk_key.key
    if key is not None and is_plain(path):
        engine = make_engine(path)
        second = second_backup_folder(engine)
        engine.dispose()
        encrypt_in_place(path, key, second)
    engine = make_engine(path, key)
    migrate(path, engine, key=key)
    sessions = sessionmaker(engine, expire_on_commit=False)
    capture.install(sessions)
    return Database(path, engine, sessions, desk_key)
