"""Plain DB-API connections to a desk file, for the work SQLAlchemy does not do
(backups, checks, restores)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import filelock
import sqlcipher3

# what a plain or an encrypted connection raises for a bad or unreadable file
DatabaseErrors: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher3.DatabaseError)
BusyErrors: tuple[type[Exception], ...] = (sqlite3.OperationalError, sqlcipher3.OperationalError)

PLAIN_HEADER = b"SQLite format 3\x00"


def key_pragma(key: bytes) -> str:
    """SQLCipher's raw-key form: the 256-bit key itself, no password stretching."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def is_plain(path: Path) -> bool:
    """Is ``path`` an unencrypted SQLite file (an empty or missing one is not)?"""
    try:
        with path.open("rb") as f:
            return f.read(16) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def connect(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    """A connection to the database file ``path`` (created when missing); with
    ``key``, through SQLCipher (the same DB-API, the same backup API)."""
    if key is None:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error to report
        conn.execute(key_pragma(key))
    conn.execute("PRAGMA busy_timeout=5000")
    # as the program's own connections: an integrity check of an encrypted file
    # re-reads (and decrypts) pages often; 32 MiB of cache makes it 19 s -> 5 s
    conn.execute("PRAGMA cache_size=-32768")
    return conn


def encrypt_copy(plain: Path, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the plain database ``plain`` to ``target``."""
    target.unlink(missing_ok=True)
    with closing(sqlcipher3.connect(str(plain), isolation_level=None)) as conn:
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        conn.execute("PRAGMA encrypted.auto_vacuum = INCREMENTAL")
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute("DETACH DATABASE encrypted")


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


def reclaim_space(path: Path, key: bytes | None = None, rewrite: bool = False) -> bool:
    """Give the space freed inside the file back to the disk; False when another
    connection was busy (it is tried again next time).

    Rows that shrank in place leave half-empty pages that only a rewrite
    (``VACUUM``) packs again: with ``rewrite``, and always for a file made
    before incremental vacuum was switched on. Otherwise only the free pages
    go back (``incremental_vacuum``), which is quick."""
    with closing(connect(path, key)) as conn:
        try:
            if rewrite or conn.execute("PRAGMA auto_vacuum").fetchone()[0] != INCREMENTAL:
                conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
                conn.execute("VACUUM")
            else:
                # one page a step, and a step yields a row of no columns, which
                # execute() takes for a statement without rows: it would free one
                # page only; executescript steps the statement to its end
                conn.executescript("PRAGMA incremental_vacuum;")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except BusyErrors:  # locked by a writer
            return False
    return not busy
