"""Plain DB-API connections to a desk file, for the work SQLAlchemy does not do
(backups, checks, restores)."""

from __future__ import annotations

import sqlite3
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
