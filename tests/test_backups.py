"""Backups and restores: checked, rotated, interrupted safely, and correct for sync."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import uuid
from collections import Counter
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import select

from lingong_city.models import Record
from lingong_desk import admin
from lingong_desk.db import backup
from lingong_desk.db.backup import BackupError, BackupFile
from lingong_desk.db.engine import SCHEMA_HEAD, alembic_config
from lingong_desk.db.models import AuditEvent
from lingong_desk.domain.calendar import CHINA
from lingong_desk.domain.enums import ReferralStatus
from lingong_desk.services.backups import restore_file
from lingong_desk.services.context import NotAllowed
from lingong_desk.settings import Settings
from tests import factories
from tests.factories import HY, Services
from tests.test_sync_support import City, register, running_city

NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)


def PLAIN(_folder: Path) -> None:
    """The key of a test desk's folder: none, its files are plain."""
    return None


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return list(conn.execute(sql))


# ---- taking, checking, listing ---------------------------------------------------
def test_a_backup_is_taken_online_checked_and_listed(services: Services) -> None:
    factories.person(services)
    run = services.backups.backup_now()
    assert run.ok and len(run.made) == 1
    made = run.made[0]
    assert made.path.parent == services.ctx.db.path.parent / "backups"
    assert made.kind == "manual" and made.size == made.path.stat().st_size > 0
    # one self-contained file (no WAL beside it), whole, of this schema, with the person
    assert not Path(f"{made.path}-wal").exists()
    assert backup.check(made.path, None).revision == SCHEMA_HEAD
    assert rows(made.path, "SELECT name FROM person") == [("张三",)]
    assert services.backups.backups() == [made]
    with services.ctx.reading() as s:
        actions = list(s.scalars(select(AuditEvent.action)))
    assert "backup.create" in actions


def test_a_second_folder_gets_every_backup_too(services: Services, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    services.backups.set_second_folder(str(usb))
    run = services.backups.end_of_day()
    assert run.ok and {b.kind for b in run.made} == {"daily"}
    second = services.backups.second_folder()
    assert (
        second is not None and second.parent == usb and second.name.startswith("LingGongDesk-ZY-")
    )
    assert {b.folder for b in services.backups.backups()} == {
        services.backups.main_folder(),
        second,
    }


def test_a_missing_second_folder_is_reported_and_the_first_backup_kept(
    services: Services, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the USB stick was")
    services.backups.set_second_folder(str(blocker))
    run = services.backups.backup_now()
    assert len(run.made) == 1 and not run.ok
    assert run.failed[0][0].parent == blocker


def test_only_a_supervisor_sets_the_second_folder(services: Services) -> None:
    factories.clerk(services, "李娜")
    services.accounts.sign_in("李娜", factories.PASSWORD)
    with pytest.raises(NotAllowed):
        services.backups.set_second_folder("/media/usb")


def test_a_day_of_use_without_its_backup_is_noticed(services: Services) -> None:
    services.ctx.now = lambda: NOW
    assert services.backups.note_use() is False  # first day: nothing before it
    assert services.backups.note_use() is False  # the same day
    services.ctx.now = lambda: NOW + dt.timedelta(days=1)
    assert services.backups.note_use() is True  # the next morning: yesterday has none
    services.backups.end_of_day()
    services.ctx.now = lambda: NOW + dt.timedelta(days=2)
    assert services.backups.note_use() is False  # yesterday's backup was made


def test_rotation_keeps_seven_days_four_weeks_twelve_months() -> None:
    start = dt.datetime(2025, 1, 1, 0, tzinfo=dt.UTC)  # 08:00 and 16:00 in China
    daily = [
        BackupFile(Path(f"d{i}-{h}"), start + dt.timedelta(days=i, hours=h), "daily", 1)
        for i in range(400)
        for h in (0, 8)  # two a day: only the newest of a day counts
    ]
    others = [
        BackupFile(Path(f"m{i}"), start + dt.timedelta(days=i), "manual", 1) for i in range(30)
    ] + [
        BackupFile(Path(f"p{i}"), start + dt.timedelta(days=i), f"pre-000{i}", 1) for i in range(5)
    ]
    keep = backup.to_keep(daily + others, CHINA)
    kept_daily = sorted((b for b in daily if b.path in keep), key=lambda b: b.taken_at)
    days = {b.taken_at.astimezone(CHINA).date() for b in kept_daily}
    newest = max(b.taken_at for b in daily).astimezone(CHINA).date()
    assert {newest - dt.timedelta(days=i) for i in range(7)} <= days
    assert len(kept_daily) <= 7 + 4 + 12 and len(kept_daily) >= 12
    assert len({(d.year, d.month) for d in days}) == 12
    assert all(b.taken_at.hour == 8 for b in kept_daily)  # the later one of its day
    assert sum(1 for b in others if b.path in keep) == 20 + 3


def test_rotation_deletes_only_what_it_does_not_keep(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for i in range(10):
        (folder / backup.backup_name(NOW - dt.timedelta(days=i), "daily")).write_bytes(b"x")
    (folder / "notes.txt").write_text("kept: not a backup")
    removed = backup.rotate(folder, CHINA)
    assert len(removed) == 2 and len(backup.list_backups([folder])) == 8  # 7 days + week
    assert (folder / "notes.txt").exists()


def test_a_damaged_file_fails_its_check(tmp_path: Path, services: Services) -> None:
    made = services.backups.backup_now().made[0]
    data = bytearray(made.path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\xff" * 200
    made.path.write_bytes(bytes(data))
    with pytest.raises(BackupError):
        backup.check(made.path, None)
    with pytest.raises(BackupError, match=r"not a readable desk file|damaged"):
        (tmp_path / "junk.sqlite3").write_bytes(b"not a database" * 500)
        backup.check(tmp_path / "junk.sqlite3", None)


def test_a_migration_makes_a_checked_backup_first(tmp_path: Path) -> None:
    from alembic import command

    from lingong_desk.db.engine import alembic_config, make_engine, open_database

    path = tmp_path / "desk.sqlite3"
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    open_database(path).close()
    (made,) = backup.list_backups([tmp_path / "backups"])
    assert made.kind == f"pre-{SCHEMA_HEAD}"
    assert backup.check(made.path, None).revision == "0001"


# ---- restoring ---------------------------------------------------------------------
def test_a_restore_keeps_the_replaced_file_and_audits(tmp_path: Path) -> None:
    s = factories.desk(tmp_path)
    path = s.ctx.db.path
    factories.person(s)
    made = s.backups.backup_now().made[0]
    later = factories.person(s, "14022619850402234", "李四")
    assert s.backups.check_backup(made.path).market_code == "ZY"
    s.close()
    result = restore_file(path, made.path, NOW, clerk_name="王芳")
    assert result.replaced_copy is not None and result.replaced_copy.exists()
    assert rows(result.replaced_copy, "SELECT name FROM person ORDER BY name") == [
        ("张三",),
        ("李四",),
    ]
    s = factories.reopen(path)
    try:
        assert s.people.find_by_id_number(later.draft.id_number) is None
        assert s.sync.state().epoch == int(NOW.timestamp() * 1000)
        with s.ctx.reading() as session:
            restore = session.scalar(
                select(AuditEvent).where(AuditEvent.action == "system.restore")
            )
        assert restore is not None and restore.detail["by"] == "王芳"
        assert restore.detail["from"] == made.path.name
        kinds = {b.kind for b in s.backups.backups()}
        assert kinds == {"manual", "replaced"}
    finally:
        s.close()


def test_a_clerk_cannot_restore(services: Services) -> None:
    made = services.backups.backup_now().made[0]
    factories.clerk(services, "李娜")
    services.accounts.sign_in("李娜", factories.PASSWORD)
    with pytest.raises(NotAllowed):
        services.backups.check_backup(made.path)


def test_another_markets_backup_is_refused(tmp_path: Path) -> None:
    other = factories.desk(tmp_path / "hy", market=HY)
    made = other.backups.backup_now().made[0]
    other.close()
    s = factories.desk(tmp_path / "zy")
    try:
        with pytest.raises(BackupError, match="market HY"):
            s.backups.check_backup(made.path)
        path = s.ctx.db.path
    finally:
        s.close()
    before = path.read_bytes()
    with pytest.raises(BackupError, match="market HY"):
        restore_file(path, made.path, NOW)
    assert path.read_bytes() == before


def test_a_backup_of_a_newer_version_is_refused(tmp_path: Path) -> None:
    s = factories.desk(tmp_path)
    made = s.backups.backup_now().made[0]
    path = s.ctx.db.path
    s.close()
    with sqlite3.connect(made.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(BackupError, match="newer version"):
        restore_file(path, made.path, NOW)


def test_the_command_line_backs_up_lists_and_restores(tmp_path: Path) -> None:
    data = tmp_path / "data"
    s = factories.desk(data)
    factories.person(s)
    s.close()
    out = io.StringIO()
    settings = Settings(data_dir=str(data))
    assert admin.main(["backup", "--to", str(tmp_path / "usb")], out, settings, PLAIN) == 0
    (made,) = backup.list_backups([tmp_path / "usb"])
    assert "checked" in out.getvalue()
    assert admin.main(["restore", str(made.path)], out, settings, PLAIN) == 0
    assert "new sync epoch" in out.getvalue()
    assert admin.main(["backups"], out, settings, PLAIN) == 0
    assert "replaced" in out.getvalue()
    out = io.StringIO()
    assert admin.main(["restore", str(tmp_path / "nothing.sqlite3")], out, settings, PLAIN) == 1
    assert out.getvalue().startswith("error:")


# ---- a restore and sync ---------------------------------------------------------------
def city_records(city: City, entity: str) -> list[Record]:
    with city.db.reading() as s:
        return list(s.scalars(select(Record).where(Record.entity == entity)))


def test_a_restored_desk_loses_nothing_and_doubles_nothing_at_the_city(tmp_path: Path) -> None:
    """Work, sync, back up, work and sync more, restore the backup, work, sync."""
    with running_city(tmp_path) as city:
        zy = factories.desk(tmp_path / "zy")
        path = zy.ctx.db.path
        zy.sync.enroll(city.url, city.code("ZY"), "ZY-1")
        zhang = register(zy, "14022619800301123", "张三")
        posting = factories.posting(zy)
        first = factories.referral(zy, zhang, posting.id)
        assert zy.sync.sync_once().ok
        unsent_in_backup = register(zy, "14022619900503345", "王五")  # not yet sent
        made = zy.backups.end_of_day().made[0]
        # the day after the backup: more work, synced; then the disk dies
        li = register(zy, "14022619850402234", "李四")
        lost = factories.referral(zy, li, posting.id)
        zy.referrals.record(first.id, ReferralStatus.HIRED)
        assert zy.sync.sync_once().ok
        assert zy.sync.pending_changes() == 0
        zy.close()
        restore_file(path, made.path, dt.datetime.now(dt.UTC), how="test")
        zy = factories.reopen(path)
        try:
            # the restored desk works again before it syncs ...
            zhao = register(zy, "14022619750604456", "赵六")
            report = zy.sync.sync_once()
            assert report.ok and report.rejected == 0, report
            assert zy.sync.pending_changes() == 0 and zy.sync.status().attention == 0
            # ... then it holds what it lost with the disk, as the city has it
            assert (
                zy.people.find_by_id_number(factories.resident_id("14022619850402234")) is not None
            )
            back = zy.referrals.find_by_number(lost.number)
            assert back is not None and back.id == lost.id
            hired = zy.referrals.find_by_number(first.number)
            assert hired is not None and hired.status == ReferralStatus.HIRED
            # a referral issued now takes the number after the one it had lost
            wang = zy.referrals.issue(unsent_in_backup, posting.id)
            assert wang.number > lost.number
            assert zy.sync.sync_once().ok and zy.sync.status().attention == 0
        finally:
            zy.close()
        people = {r.row_id for r in city_records(city, "person")}
        assert people == {zhang, unsent_in_backup, li, zhao}
        referrals = city_records(city, "referral")
        numbers = Counter(str(r.data["number"]) for r in referrals)
        assert len(referrals) == 3 and max(numbers.values()) == 1
        assert {r.data["status"] for r in referrals if r.row_id == first.id} == {"hired"}
        assert all(isinstance(r.row_id, uuid.UUID) for r in referrals)


# ---- kill -9 in the middle ------------------------------------------------------------
CHILD = """
import datetime as dt, sys, threading
from pathlib import Path
from lingong_desk.db import backup
from lingong_desk.services.backups import restore_file

def stop_here(*_args):
    print("ready", flush=True)  # the parent kills this process now
    threading.Event().wait()

what, live, other = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
now = dt.datetime.now(dt.UTC)
if what == "backup":
    backup.take_backup(live, other, "manual", now, pages=1, progress=stop_here)
elif what == "encrypt":  # stop once the encrypted copy is made, before it is swapped in
    from lingong_desk.db.keystore import DeskKey
    backup.check = stop_here
    backup.encrypt_in_place(live, DeskKey(b"0" * 16).key)
elif what == "restore-copying":
    restore_file(live, other, now, pages=1, progress=stop_here)
else:
    restore_file(live, other, now, before_swap=stop_here)
print("finished", flush=True)
"""


def kill_at_ready(*args: str) -> None:
    """Run CHILD with ``args``; SIGKILL it once it says it is at the chosen point."""
    import os
    import signal
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, *args], cwd=root, stdout=subprocess.PIPE, text=True
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(120)
    assert child.returncode == -signal.SIGKILL


def sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def closed_desk_with_backup(tmp_path: Path) -> tuple[Path, BackupFile]:
    s = factories.desk(tmp_path)
    for i in range(40):
        factories.person(s, f"14022619800301{i:02d}1", factories.numbered_name("张", i))
    made = s.backups.backup_now().made[0]
    factories.person(s, "14022619850402234", "李四")  # after the backup
    path = s.ctx.db.path
    s.close()
    return path, made


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="POSIX kill")
def test_a_backup_killed_midway_leaves_the_earlier_backups_valid(tmp_path: Path) -> None:
    path, earlier = closed_desk_with_backup(tmp_path)
    kill_at_ready("backup", str(path), str(earlier.folder))
    assert list(earlier.folder.glob("*.partial"))  # it was killed while copying
    assert backup.list_backups([earlier.folder]) == [earlier]
    assert backup.check(earlier.path, None).market_code == "ZY"
    s = factories.reopen(path)
    try:
        again = s.backups.backup_now()
        assert again.ok and not list(earlier.folder.glob("*.partial"))
    finally:
        s.close()


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="POSIX kill")
@pytest.mark.parametrize("point", ["restore-copying", "restore-before-swap"])
def test_a_restore_killed_midway_leaves_the_desk_file_intact(tmp_path: Path, point: str) -> None:
    path, made = closed_desk_with_backup(tmp_path)
    before = sha(path)
    kill_at_ready(point, str(path), str(made.path))
    assert backup.staging_path(path).exists()  # killed with the restored file half made
    assert sha(path) == before
    s = factories.reopen(path)  # opens the original, and clears what the restore left
    try:
        assert s.people.find_by_id_number(factories.resident_id("14022619850402234"))
        assert s.sync.state().epoch == 0
        assert not backup.staging_path(path).exists()
    finally:
        s.close()


def test_a_migration_backs_up_into_the_second_folder_too(tmp_path: Path) -> None:
    s = factories.desk(tmp_path / "data")
    usb = tmp_path / "usb"
    s.backups.set_second_folder(str(usb))
    second = s.backups.second_folder()
    path = s.ctx.db.path
    s.close()
    before_0006 = ScriptDirectory.from_config(alembic_config()).get_revision("0006")
    assert before_0006 is not None
    with sqlite3.connect(path) as conn:  # as if written by the version before 0006
        conn.execute(
            "UPDATE alembic_version SET version_num = ?", (str(before_0006.down_revision),)
        )
        conn.execute("DROP INDEX ix_outbox_unsent")
        conn.execute("CREATE INDEX ix_outbox_sent_at ON outbox (sent_at)")
        for column in ("work_hours", "bring"):  # added by 0008
            conn.execute(f"ALTER TABLE job_posting DROP COLUMN {column}")
    s = factories.reopen(path)
    try:
        kinds = {(b.folder, b.kind) for b in s.backups.backups()}
        assert (second, f"pre-{SCHEMA_HEAD}") in kinds
        assert (s.backups.main_folder(), f"pre-{SCHEMA_HEAD}") in kinds
    finally:
        s.close()


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="POSIX kill")
def test_encrypting_an_earlier_file_killed_midway_leaves_it_whole(tmp_path: Path) -> None:
    from lingong_desk.db.files import is_plain
    from lingong_desk.db.keystore import DeskKey
    from lingong_desk.services.registry import open_services

    path, _made = closed_desk_with_backup(tmp_path)
    before = sha(path)
    kill_at_ready("encrypt", str(path), "")
    assert path.with_name(path.name + ".encrypting").exists()
    assert is_plain(path) and sha(path) == before  # the plain file is whole
    s = open_services(path, factories.FAST_HASHER, DeskKey(b"0" * 16))  # the next start
    try:
        s.accounts.sign_in(factories.CLERK, factories.PASSWORD)
        assert s.people.find_by_id_number(factories.resident_id("14022619850402234"))
        assert not is_plain(path)
    finally:
        s.close()
