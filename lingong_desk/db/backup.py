"""Backups of the desk's file: taken, checked, listed, rotated and put back.

A backup is made with SQLite's online backup API from a connection to the
live file (never a file copy of a live database): it is a consistent
snapshot even while the window or sync write. It is written to a
``.partial`` file beside its final name, checked there (``PRAGMA
integrity_check`` and a schema revision this program knows), flushed to
disk and only then renamed: a file with a backup's name is a checked
backup, and a backup interrupted at any point (a kill, a pulled USB stick)
leaves the earlier ones as they were.

Putting a backup back (``stage_restore`` then ``swap_in``) likewise builds
the restored file beside the live one and replaces the live file in one
rename, after its write-ahead log has been emptied into it: until that
rename the live file is untouched, after it the restored file is whole.

Names: ``desk-20261130T183000Z-daily.sqlite3`` (UTC time, then the kind:
``daily``, ``manual``, ``pre-0006`` before a migration, ``replaced`` for the
file a restore replaced).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from lingong_desk.db.files import BusyErrors, DatabaseErrors, connect, encrypt_copy, is_plain

BACKUP_FOLDER = "backups"
DAILY, MANUAL, REPLACED = "daily", "manual", "replaced"
PRE_MIGRATION = "pre-"
# rotation of the daily backups: the newest of each of the last 7 days, of the
# last 4 weeks and of the last 12 months
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 12
KEEP_PRE_MIGRATION = 3
KEEP_MANUAL = 20
KEEP_REPLACED = 5

_NAME = re.compile(r"^desk-(\d{8}T\d{6}Z)-([a-z0-9-]+)\.sqlite3$")
_STAMP = "%Y%m%dT%H%M%SZ"

Progress = Callable[[int, int, int], object]  # (status, remaining pages, total pages)


class BackupError(RuntimeError):
    """A backup could not be made or does not pass its check; the message says why."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime  # UTC
    kind: str
    size: int

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass(frozen=True)
class Checked:
    """What the check of a file found."""

    revision: str | None
    market_code: str | None
    device_id: str | None


def desk_folder(second: Path, market_code: str | None, device_id: str | None) -> Path:
    """This desk's folder inside a second backup folder (a USB stick or a share
    may hold several desks' backups)."""
    return second / f"LingGongDesk-{market_code or 'desk'}-{(device_id or '')[:8]}"


def backup_name(taken_at: dt.datetime, kind: str) -> str:
    if not re.fullmatch(r"[a-z0-9-]+", kind):
        raise ValueError(f"not a backup kind: {kind!r}")
    return f"desk-{taken_at.astimezone(dt.UTC).strftime(_STAMP)}-{kind}.sqlite3"


def parse_name(path: Path) -> tuple[dt.datetime, str] | None:
    found = _NAME.match(path.name)
    if found is None:
        return None
    taken = dt.datetime.strptime(found.group(1), _STAMP).replace(tzinfo=dt.UTC)
    return taken, found.group(2)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder; its rename is durable enough
        return
    _fsync(folder)


def _copy(
    source: Path,
    target: Path,
    key: bytes | None,
    pages: int = -1,
    progress: Progress | None = None,
) -> None:
    """Copy the database ``source`` into the new file ``target`` with the backup API.

    ``pages=-1`` copies everything in one step: one read transaction, so the
    copy is a snapshot even while others write (a step-wise copy restarts
    whenever another connection writes)."""
    with closing(connect(source, key)) as src, closing(connect(target, key)) as dst:
        src.backup(dst, pages=pages, progress=progress)
        # a backup is one self-contained file, not a database in WAL mode
        dst.execute("PRAGMA journal_mode=DELETE")


def check(path: Path, key: bytes | None, known: Iterable[str] | None = None) -> Checked:
    """``PRAGMA integrity_check`` and the schema revision; raises ``BackupError``."""
    try:
        with closing(connect(path, key)) as conn:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise BackupError(f"{path.name} is damaged: {'; '.join(result[:3])}")
            revision = _scalar(conn, "SELECT version_num FROM alembic_version")
            market = _scalar(conn, "SELECT value FROM app_setting WHERE key = 'market_code'")
            device = _scalar(conn, "SELECT value FROM app_setting WHERE key = 'device_id'")
    except DatabaseErrors as exc:
        raise BackupError(f"{path.name} is not a readable desk file: {exc}") from None
    if revision is None:
        raise BackupError(f"{path.name} is not a desk file (it has no schema version)")
    if known is not None and revision not in set(known):
        raise BackupError(
            f"{path.name} was written by a newer version of LingGong Desk (schema {revision})"
        )
    return Checked(revision, market, device)


def _scalar(conn: sqlite3.Connection, sql: str) -> str | None:
    try:
        row = conn.execute(sql).fetchone()
    except BusyErrors:  # no such table
        return None
    return None if row is None or row[0] is None else str(row[0])


def take_backup(
    source: Path,
    folder: Path,
    kind: str,
    now: dt.datetime,
    key: bytes | None = None,
    known: Iterable[str] | None = None,
    pages: int = -1,
    progress: Progress | None = None,
) -> BackupFile:
    """Back ``source`` up into ``folder``; returns the checked backup."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / backup_name(now, kind)
    partial = final.with_name(final.name + ".partial")
    for stale in folder.glob("desk-*.sqlite3.partial*"):  # an interrupted earlier one
        stale.unlink(missing_ok=True)
    try:
        _copy(source, partial, key, pages, progress)
        check(partial, key, known)
        _fsync(partial)
        os.replace(partial, final)
        _fsync_folder(folder)
    except DatabaseErrors as exc:
        raise BackupError(f"the backup into {folder} failed: {exc}") from None
    except OSError as exc:
        raise BackupError(f"the backup into {folder} failed: {exc.strerror or exc}") from None
    finally:
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
    taken = now.astimezone(dt.UTC).replace(microsecond=0)
    return BackupFile(final, taken, kind, final.stat().st_size)


def list_backups(folders: Iterable[Path]) -> list[BackupFile]:
    """Every backup in ``folders``, newest first (a folder that is not there has none)."""
    found = []
    for folder in folders:
        try:
            paths = list(folder.glob("desk-*.sqlite3"))
        except OSError:
            continue
        for path in paths:
            parsed = parse_name(path)
            if parsed is None:
                continue
            try:
                size = path.stat().st_size
            except OSError:
                continue
            found.append(BackupFile(path, parsed[0], parsed[1], size))
    return sorted(found, key=lambda b: (b.taken_at, str(b.path)), reverse=True)


def to_keep(backups: list[BackupFile], zone: dt.tzinfo) -> set[Path]:
    """Which backups of one folder rotation keeps (days, weeks and months in ``zone``)."""
    keep: set[Path] = set()
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    daily = [b for b in newest_first if b.kind == DAILY]
    buckets: tuple[tuple[Callable[[dt.date], object], int], ...] = (
        (lambda d: d, KEEP_DAYS),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKS),
        (lambda d: (d.year, d.month), KEEP_MONTHS),
    )
    for bucket_of, count in buckets:
        seen: set[object] = set()
        for b in daily:
            bucket = bucket_of(b.taken_at.astimezone(zone).date())
            if bucket in seen:
                continue
            if len(seen) == count:
                break
            seen.add(bucket)
            keep.add(b.path)
    limits: tuple[tuple[Callable[[str], bool], int], ...] = (
        (lambda k: k.startswith(PRE_MIGRATION), KEEP_PRE_MIGRATION),
        (lambda k: k == MANUAL, KEEP_MANUAL),
        (lambda k: k == REPLACED, KEEP_REPLACED),
    )
    for kinds, count in limits:
        keep.update(b.path for b in [b for b in newest_first if kinds(b.kind)][:count])
    keep.update(
        b.path
        for b in newest_first
        if b.kind not in (DAILY, MANUAL, REPLACED) and not b.kind.startswith(PRE_MIGRATION)
    )
    return keep


def rotate(folder: Path, zone: dt.tzinfo) -> list[Path]:
    """Delete the backups of ``folder`` that rotation no longer keeps; returns them."""
    backups = list_backups([folder])
    keep = to_keep(backups, zone)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


# ---- putting a backup back -------------------------------------------------------
def staging_path(live: Path) -> Path:
    return live.with_name(live.name + ".restoring")


def clear_staging(live: Path) -> None:
    """Remove what an interrupted restore left beside the live file."""
    staging = staging_path(live)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{staging}{suffix}").unlink(missing_ok=True)


def stage_restore(
    backup: Path,
    live: Path,
    key: bytes | None = None,
    pages: int = -1,
    progress: Progress | None = None,
) -> Path:
    """Copy ``backup`` into the staging file beside ``live``; the live file is untouched."""
    clear_staging(live)
    staging = staging_path(live)
    try:
        _copy(backup, staging, key, pages, progress)
    except DatabaseErrors as exc:
        clear_staging(live)
        raise BackupError(f"{backup.name} cannot be read: {exc}") from None
    return staging


def empty_wal(path: Path, key: bytes | None = None) -> None:
    """Move the write-ahead log of a closed database into its file, so that the
    file alone holds everything; refuses while another program has it open."""
    if not path.exists():
        return
    with closing(connect(path, key)) as conn:
        busy, _log, _moved = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise BackupError(f"{path.name} is in use by another program; close it first")
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise BackupError(f"{path.name} is in use by another program; close it first")
    wal.unlink(missing_ok=True)
    Path(f"{path}-shm").unlink(missing_ok=True)


def swap_in(staging: Path, live: Path, key: bytes | None = None) -> None:
    """Replace ``live`` by the finished ``staging`` file in one rename."""
    empty_wal(staging, key)
    empty_wal(live, key)  # a stale log must never be replayed onto the new file
    _fsync(staging)
    os.replace(staging, live)
    _fsync_folder(live.parent)


# ---- encrypting the files of an earlier version ---------------------------------------
ENCRYPTED_FIRST = "pre-encryption"


def encrypt_in_place(live: Path, key: bytes, second: Path | None = None) -> Path:
    """Encrypt the plain desk file ``live`` and every plain copy of it the program
    made (backups, migration copies); returns the encrypted backup made first.

    The encrypted file is built beside the plain one, checked, backed up (kind
    ``pre-encryption``, encrypted like every backup) and only then renamed over
    it: an interruption leaves the plain file whole, and the next start does
    it again. Plain copies are then replaced by encrypted ones one by one."""
    empty_wal(live)
    staging = live.with_name(live.name + ".encrypting")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{staging}{suffix}").unlink(missing_ok=True)
    encrypt_copy(live, staging, key)
    check(staging, key)
    now = dt.datetime.now(dt.UTC)
    made = take_backup(staging, live.parent / BACKUP_FOLDER, ENCRYPTED_FIRST, now, key)
    _fsync(staging)
    os.replace(staging, live)
    Path(f"{live}-shm").unlink(missing_ok=True)
    _fsync_folder(live.parent)
    folders = [live.parent, live.parent / BACKUP_FOLDER]
    if second is not None:
        folders.append(second)
    for folder in folders:
        for copy in sorted(_files(folder, "*.sqlite3")):
            if copy != live and is_plain(copy):
                _encrypt_copy_in_place(copy, key)
    return made.path


def _files(folder: Path, pattern: str) -> list[Path]:
    try:
        return list(folder.glob(pattern))
    except OSError:
        return []


_COPY_ERRORS: tuple[type[Exception], ...] = (*DatabaseErrors, BackupError, OSError)


def _encrypt_copy_in_place(path: Path, key: bytes) -> None:
    tmp = path.with_name(path.name + ".encrypting")
    try:
        empty_wal(path)
        encrypt_copy(path, tmp, key)
        check(tmp, key)
        os.replace(tmp, path)
    except _COPY_ERRORS as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"{path} could not be encrypted: {exc}") from None


def rekey(path: Path, old: bytes | None, new: bytes | None) -> None:
    """Encrypt the closed file ``path`` with the key ``new`` instead of ``old``."""
    if old == new:
        return
    if new is None or old is None:
        raise BackupError("a file is re-keyed from one key to another, not to or from none")
    with closing(connect(path, old)) as conn:
        conn.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
