"""Commands for IT staff, without a window: ``lingong-desk backup | restore | backups``.

    lingong-desk backup --to E:\\desk-backups     a checked backup into a folder
    lingong-desk backups                         the backups of this desk, newest first
    lingong-desk restore FILE                    put a backup in place of the desk file

``backup`` works while the program runs (SQLite's online backup API);
``restore`` needs the program closed, keeps a copy of the file it replaces and
starts a new sync epoch (see ``services/backups.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lingong_desk.domain.calendar import time_text
from lingong_desk.settings import Settings, load_settings

if TYPE_CHECKING:
    from lingong_desk.services.registry import DeskKey as DeskKey

COMMANDS = ("backup", "backups", "restore", "compact")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="lingong-desk", description="LingGong Desk: IT commands")
    parser.add_argument("--data-dir", help="folder of the data file (default: user data folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("backup", help="make a checked backup of the desk file")
    b.add_argument("--to", help="folder for the backup (default: the data folder's backups)")
    sub.add_parser("backups", help="list the backups of this desk, newest first")
    r = sub.add_parser("restore", help="put a backup in place of the desk file")
    r.add_argument("file", help="the backup file")
    r.add_argument(
        "--recovery-code",
        help="the code kept on paper, for a backup from another PC or a reinstalled one",
    )
    sub.add_parser("compact", help="shrink the changes the city confirmed and give the space back")
    return parser.parse_args(argv)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def main(
    argv: list[str],
    out: TextIO = sys.stdout,
    settings: Settings | None = None,
    key_for: Callable[[Path], DeskKey | None] | None = None,
) -> int:
    """Run an IT command; ``key_for`` gives the key of a data folder (default: the
    one the operating system keeps for it; tests pass their own)."""
    from lingong_desk.db import backup
    from lingong_desk.db.engine import known_revisions
    from lingong_desk.db.files import DeskInUse, lock_desk
    from lingong_desk.services.backups import restore_file
    from lingong_desk.services.registry import DeskKey

    args = parse(argv)
    settings = settings or load_settings()
    if args.data_dir:
        settings.data_dir = args.data_dir
    live = settings.database_file
    desk = (key_for or _stored_key)(live.parent)
    key = None if desk is None else desk.key
    now = dt.datetime.now(dt.UTC)
    try:
        if args.command == "backup":
            if not live.exists():
                print(f"no desk file at {live}", file=out)
                return 2
            folder = Path(args.to) if args.to else live.parent / backup.BACKUP_FOLDER
            made = backup.take_backup(live, folder, backup.MANUAL, now, key, known_revisions())
            print(f"backup {made.path} ({_size(made.size)}), checked", file=out)
            return 0
        if args.command == "backups":
            for b in backup.list_backups([live.parent / backup.BACKUP_FOLDER]):
                taken = time_text(b.taken_at)
                print(f"{taken}  {b.kind:<10} {_size(b.size):>10}  {b.path}", file=out)
            return 0
        lock = lock_desk(live.parent)
        if args.command == "compact":
            try:
                return _compact(live, desk, out)
            finally:
                lock.release()
        try:
            source_key = (
                DeskKey.from_recovery_code(args.recovery_code).key if args.recovery_code else None
            )
            result = restore_file(
                live, Path(args.file), now, key, how="command line", source_key=source_key
            )
        finally:
            lock.release()
        print(f"restored {live} from {result.restored_from}", file=out)
        if result.replaced_copy is not None:
            print(f"the replaced file is kept as {result.replaced_copy}", file=out)
        print(f"new sync epoch {result.epoch}: the next sync sends and fetches again", file=out)
        return 0
    except (backup.BackupError, DeskInUse, OSError, ValueError) as exc:
        print(f"error: {exc}", file=out)
        return 1


def _stored_key(folder: Path) -> DeskKey | None:
    from lingong_desk.services.registry import desk_key
    from lingong_desk.settings import config_file

    return desk_key(folder, config_file().parent)


def _compact(live: Path, desk: DeskKey | None, out: TextIO) -> int:
    from lingong_desk.services.registry import open_services

    services = open_services(live, key=desk)
    try:
        done = services.backups.compact()
    finally:
        services.close()
    print(
        f"compacted {done.entries} confirmed changes: "
        f"{_size(done.size_before)} -> {_size(done.size_after)}",
        file=out,
    )
    return 0
