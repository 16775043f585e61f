"""Plain DB-API connections to a desk file, for the work SQLAlchemy does not do
(backups, checks, restores)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import filelock


def connect(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    """A connection to the database file ``path`` (created when missing)."""
    if key is not None:
        raise NotImplementedError("encrypted files are not supported yet")
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


class DeskInUse(RuntimeError):
    """Another LingGong Desk program has this data folder open."""


def lock_desk(folder: Path) -> filelock.BaseFileLock:
    """Hold the data folder for this program (released by ``release()`` or at exit).

    A restore replaces the file, so it must be the only program on it; two
    windows on one file would also take turns badly. Raises ``DeskInUse``."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(folder / "desk.lock", timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise DeskInUse(f"LingGong Desk is already running on {folder}") from None
    return lock


INCREMENTAL = 2  # PRAGMA auto_vacuum


def file_size(path: Path) -> int:
    """The database's bytes on disk, its write-ahead log included."""
    wal = Path(f"{path}-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def reclaim_space(path: Path, key: bytes | None = None) -> bool:
    """Give the pages freed inside the file back to the disk; False when another
    connection was busy (it is tried again next time).

    A file made before incremental vacuum was switched on is rewritten once
    (``VACUUM``); after that each call hands back only the free pages."""
    with closing(connect(path, key)) as conn:
        try:
            if conn.execute("PRAGMA auto_vacuum").fetchone()[0] != INCREMENTAL:
                conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
                conn.execute("VACUUM")
            else:
                conn.execute("PRAGMA incremental_vacuum")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.OperationalError:  # locked by a writer
            return False
    return not busy
