"""Backups of the desk: at the end of each day of use, on demand, and a restore
that keeps sync correct.

The file work (online backup API, checks, rotation, the staged swap) is in
``db/backup.py``; this module decides when, where and who, records it in
the audit trail, and makes a restored file safe for sync:

- the restored file starts a new device epoch at once, before anything else
  is written to it, so the city never sees one of its change numbers again
  with another body; its unsent changes go again under the new epoch;
- its pull cursor stays as it was in the backup, so the city sends again
  everything the desk lacks (echoes are left out only for the epoch that
  made them);
- its number counters (referral and file numbers) never fall below those of
  the file it replaces, and numbers are also derived from the rows, so the
  referrals the city sends back are never numbered twice.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lingong_desk.db import backup, capture
from lingong_desk.db.backup import BackupError, BackupFile, Checked, Progress
from lingong_desk.db.capture import Writer
from lingong_desk.db.engine import (
    SECOND_BACKUP_KEY,
    known_revisions,
    make_engine,
    migrate,
)
from lingong_desk.db.files import DatabaseErrors, connect, file_size, is_plain, reclaim_space
from lingong_desk.db.keystore import BadRecoveryCode, DeskKey
from lingong_desk.db.local_state import DEVICE_ID, MARKET_CODE, Setting, get_setting, put_setting
from lingong_desk.db.models import AuditEvent, NumberSequence, OutboxEntry
from lingong_desk.domain.calendar import market_zone
from lingong_desk.domain.hlc import HybridClock, Stamp
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.services.context import ServiceContext
from lingong_desk.sync import compaction
from lingong_desk.sync import state as sync_state

__all__ = [
    "BackupError",
    "BackupFile",
    "BackupRun",
    "BackupService",
    "Compacted",
    "RestoreResult",
    "restore_file",
]

log = logging.getLogger(__name__)

LAST_DAILY = Setting[str | None]("backup.last_daily", str, None)  # market date, ISO
LAST_USED = Setting[str | None]("backup.last_used", str, None)  # market date, ISO
# confirmed entries compacted since the file was last rewritten (VACUUM): shrunk
# rows leave half-empty pages, which a rewrite packs once enough have piled up
SINCE_REWRITE = Setting("compaction.since_rewrite", int, 0)
REWRITE_AFTER = 20_000
LAST_RESTORE = "restore.last"  # JSON: when, from which file, the new epoch
RECOVERY_SHOWN = Setting("keys.recovery_shown", lambda v: v == "True", False)


@dataclass(frozen=True)
class BackupRun:
    """The backups one run made, and the folders it could not write (with why)."""

    made: tuple[BackupFile, ...] = ()
    failed: tuple[tuple[Path, str], ...] = ()

    @property
    def ok(self) -> bool:
        return bool(self.made) and not self.failed


@dataclass(frozen=True)
class Compacted:
    entries: int  # outbox entries shrunk to their compact form
    size_before: int  # bytes of the file (and its log)
    size_after: int
    reclaimed: bool  # False: another connection was busy; the space comes back next time


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    replaced_copy: Path | None  # the file the restore replaced, kept as a backup
    epoch: int
    checked: Checked
    removed: list[Path] = field(default_factory=list)


def _wall_ms() -> int:
    return int(dt.datetime.now(dt.UTC).timestamp() * 1000)


class BackupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ---- where ---------------------------------------------------------------
    @property
    def live(self) -> Path:
        return self.ctx.db.path

    def main_folder(self) -> Path:
        return self.live.parent / backup.BACKUP_FOLDER

    def second_folder_setting(self) -> str:
        with self.ctx.reading() as s:
            return get_setting(s, SECOND_BACKUP_KEY) or ""

    def second_folder(self) -> Path | None:
        """This desk's folder inside the second backup folder (a USB stick or a share
        may hold several desks' backups)."""
        chosen = self.second_folder_setting()
        if not chosen:
            return None
        with self.ctx.reading() as s:
            return backup.desk_folder(Path(chosen), MARKET_CODE.read(s), DEVICE_ID.read(s))

    def set_second_folder(self, folder: str) -> None:
        """A supervisor sets (or, with "", clears) the second backup folder."""
        self.ctx.require_supervisor()
        with self.ctx.session() as s:
            put_setting(s, SECOND_BACKUP_KEY, folder.strip())
            self.ctx.audit(s, "settings.backup_folder", folder=folder.strip())

    def folders(self) -> list[Path]:
        second = self.second_folder()
        return [self.main_folder(), *([second] if second is not None else [])]

    def backups(self) -> list[BackupFile]:
        """Every backup in the data folder and the second folder, newest first."""
        return backup.list_backups(self.folders())

    # ---- making them ---------------------------------------------------------
    def backup_now(
        self, kind: str = backup.MANUAL, pages: int = -1, progress: Progress | None = None
    ) -> BackupRun:
        """Back the file up into every backup folder; audited."""
        now = self.ctx.now()
        known = known_revisions()
        made, failed = [], []
        for folder in self.folders():
            try:
                made.append(
                    backup.take_backup(
                        self.live, folder, kind, now, self.ctx.db.key, known, pages, progress
                    )
                )
                backup.rotate(folder, market_zone())
            except (BackupError, OSError) as exc:
                log.error("backup into %s failed: %s", folder, exc)
                failed.append((folder, str(exc)))
        with self.ctx.session() as s:
            if kind == backup.DAILY and made:
                LAST_DAILY.write(s, self.ctx.today().isoformat())
            self.ctx.audit(
                s,
                f"backup.{'daily' if kind == backup.DAILY else 'create'}",
                files=[str(b.path) for b in made],
                failed=[str(f) for f, _why in failed],
                size=max((b.size for b in made), default=0),
            )
        return BackupRun(tuple(made), tuple(failed))

    def end_of_day(self) -> BackupRun:
        """The daily backup (closing the program, or a day left without one)."""
        return self.backup_now(backup.DAILY)

    def note_use(self) -> bool:
        """Record that the desk is used today; True when an earlier day of use has
        no backup from its end yet (the program was left open overnight, or the
        power went): then the caller makes the daily backup now."""
        today = self.ctx.today().isoformat()
        with self.ctx.session() as s:
            used, daily = LAST_USED.read(s), LAST_DAILY.read(s)
            if used != today:
                LAST_USED.write(s, today)
        return used is not None and used < today and (daily is None or daily < used)

    # ---- a compact file ----------------------------------------------------------
    def compact(self, keep: dt.timedelta = compaction.KEEP_FULL) -> Compacted:
        """Shrink the outbox entries the city confirmed more than ``keep`` ago, then
        give the freed space back to the disk (best with nothing else open: as
        the program closes, or from the command line)."""
        before = file_size(self.live)
        now = self.ctx.now()
        total = 0
        while True:
            with self.ctx.session() as s:
                done = compaction.next_batch(s, now, keep)
                if done:
                    SINCE_REWRITE.write(s, SINCE_REWRITE.read(s) + done)
            total += done
            if not done:
                break
        with self.ctx.reading() as s:
            rewrite = SINCE_REWRITE.read(s) >= REWRITE_AFTER
        self.ctx.db.engine.dispose()  # no connection of ours in the way of a rewrite
        reclaimed = reclaim_space(self.live, self.ctx.db.key, rewrite)
        if reclaimed and rewrite:
            with self.ctx.session() as s:
                SINCE_REWRITE.write(s, 0)
        after = file_size(self.live)
        if total:
            log.info("compacted %d outbox entries: %d -> %d bytes", total, before, after)
        return Compacted(total, before, after, reclaimed)

    # ---- the recovery code --------------------------------------------------------
    def recovery_code_to_show(self) -> str | None:
        """The code that opens this desk's files on another PC, while no
        supervisor has seen it yet (it is shown once, to be kept on paper)."""
        desk_key = self.ctx.db.desk_key
        if desk_key is None or not self.ctx.is_supervisor:
            return None
        with self.ctx.reading() as s:
            if RECOVERY_SHOWN.read(s):
                return None
        return desk_key.recovery_code

    def recovery_code_shown(self) -> None:
        with self.ctx.session() as s:
            RECOVERY_SHOWN.write(s, True)
            self.ctx.audit(s, "keys.recovery_shown")

    # ---- restoring -------------------------------------------------------------
    def check_backup(self, path: Path, recovery_code: str = "") -> Checked:
        """Is ``path`` a whole desk file of this market that this version can open
        (with the recovery code of the PC that made it, when given)? Supervisors
        only (it is the first step of a restore)."""
        self.ctx.require_supervisor(
            QT_TRANSLATE_NOOP("validation", "Only a supervisor can restore a backup.")
        )
        checked = backup.check(path, self.source_key(recovery_code), known_revisions())
        _same_market(checked, self.ctx.market_code or None)
        return checked

    def source_key(self, recovery_code: str = "") -> bytes | None:
        """The key that opens a backup: this desk's, or the recovery code's."""
        if not recovery_code.strip():
            return self.ctx.db.key
        try:
            return DeskKey.from_recovery_code(recovery_code).key
        except BadRecoveryCode as exc:
            raise BackupError(str(exc)) from None

    def needs_recovery_code(self, path: Path) -> bool:
        """Is ``path`` encrypted with another key than this desk's (a backup of
        another PC, or of this one before its system was reinstalled)?"""
        key = self.ctx.db.key
        if key is None or is_plain(path):
            return False
        try:
            with closing(connect(path, key)) as conn:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseErrors:
            return True
        return False


def _same_market(checked: Checked, current: str | None) -> None:
    if checked.market_code and current and checked.market_code != current:
        raise BackupError(
            f"the backup belongs to market {checked.market_code}, this desk serves {current}"
        )


def _counters(path: Path, key: bytes | None) -> dict[str, int]:
    """The number counters of a desk file (empty when it cannot be read)."""
    try:
        with closing(connect(path, key)) as conn:
            return {
                str(name): int(value)
                for name, value in conn.execute("SELECT name, next_value FROM number_sequence")
            }
    except DatabaseErrors:
        return {}


def _market_of(path: Path, key: bytes | None) -> str | None:
    try:
        with closing(connect(path, key)) as conn:
            row = conn.execute("SELECT value FROM app_setting WHERE key = 'market_code'").fetchone()
    except DatabaseErrors:
        return None
    return None if row is None else str(row[0])


def _keep_replaced(live: Path, now: dt.datetime, key: bytes | None) -> Path | None:
    """A copy of the file a restore replaces, among the backups (kind ``replaced``).
    A file too damaged for the backup API is copied as it lies, with its log."""
    if not live.exists():
        return None
    folder = live.parent / backup.BACKUP_FOLDER
    try:
        return backup.take_backup(live, folder, backup.REPLACED, now, key).path
    except BackupError as exc:
        log.warning("the replaced file is damaged (%s); keeping it as it is", exc)
    raw = folder / backup.backup_name(now, "replaced-raw")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(live, raw)
    wal = Path(f"{live}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{raw}-wal"))
    return raw


def restore_file(
    live: Path,
    source: Path,
    now: dt.datetime,
    key: bytes | None = None,
    clerk_id: uuid.UUID | None = None,
    clerk_name: str = "",
    how: str = "menu",
    pages: int = -1,
    progress: Progress | None = None,
    before_swap: Callable[[], object] | None = None,
    source_key: bytes | None = None,
) -> RestoreResult:
    """Put the backup ``source`` in place of the desk file ``live`` (which no
    program may have open: the caller closed it and holds the desk's lock).

    The live file is untouched until the final rename; it is kept among the
    backups as ``replaced``. The restored file is brought to this version's
    schema, starts a new sync epoch, keeps its pull cursor, keeps number
    counters no lower than the replaced file's, and records the restore in
    the audit trail. ``source_key`` opens a backup encrypted with another key
    (from the recovery code of another or a reinstalled PC); the restored file
    is then encrypted with this desk's ``key``."""
    known = known_revisions()
    checked = backup.check(source, source_key or key, known)
    _same_market(checked, _market_of(live, key) if live.exists() else None)
    counters = _counters(live, key) if live.exists() else {}
    replaced = _keep_replaced(live, now, key)
    staging = backup.stage_restore(source, live, source_key or key, pages, progress)
    try:
        if source_key is not None and source_key != key:
            backup.rekey(staging, source_key, key)
        epoch = _make_safe_for_sync(staging, key, now, counters, source, clerk_id, clerk_name, how)
        if before_swap is not None:
            before_swap()
        backup.swap_in(staging, live, key)
    except BaseException:
        backup.clear_staging(live)
        raise
    log.warning("restored %s from %s (new sync epoch %d)", live, source, epoch)
    return RestoreResult(source, replaced, epoch, checked)


def _make_safe_for_sync(
    staging: Path,
    key: bytes | None,
    now: dt.datetime,
    counters: dict[str, int],
    source: Path,
    clerk_id: uuid.UUID | None,
    clerk_name: str,
    how: str,
) -> int:
    engine = make_engine(staging, key)
    try:
        migrate(staging, engine, backup_first=False)  # the backup itself is the copy
        sessions = sessionmaker(engine, expire_on_commit=False)
        capture.install(sessions)
        with sessions() as s, s.begin():
            epoch = sync_state.new_epoch(s, now)
            _raise_counters(s, counters)
            put_setting(
                s,
                LAST_RESTORE,
                json.dumps({"at": now.isoformat(), "from": source.name, "epoch": epoch}),
            )
            s.info["writer"] = _writer(s, now, clerk_id)
            s.add(
                AuditEvent(
                    at=now,
                    action="system.restore",
                    entity="",
                    detail={"from": source.name, "by": clerk_name, "how": how, "epoch": epoch},
                )
            )
        return epoch
    finally:
        engine.dispose()


def _raise_counters(s: Session, counters: dict[str, int]) -> None:
    for name, value in counters.items():
        row = s.get(NumberSequence, name)
        if row is None:
            s.add(NumberSequence(name=name, next_value=value))
        elif row.next_value < value:
            row.next_value = value


def _writer(s: Session, now: dt.datetime, clerk_id: uuid.UUID | None) -> Writer:
    device = DEVICE_ID.read(s) or "restore"
    last = s.scalar(select(OutboxEntry.hlc).order_by(OutboxEntry.seq.desc()).limit(1))
    clock = HybridClock(device, _wall_ms, Stamp.decode(last) if last else None)
    return Writer(MARKET_CODE.read(s) or "", clerk_id, clock, lambda: now)
