"""A compact file: confirmed outbox entries shrink, numbers stay, space comes back."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, update

from lingong_desk import admin
from lingong_desk.db.models import AuditEvent, OutboxEntry
from lingong_desk.settings import Settings
from tests import factories
from tests.factories import Services
from tests.test_sync_support import register, running_city


def confirm_all(services: Services, at: dt.datetime) -> None:
    """As if the city had confirmed every entry at ``at``."""
    with services.ctx.session() as s:
        s.execute(update(OutboxEntry).values(sent_at=at))


def outbox(services: Services) -> list[OutboxEntry]:
    with services.ctx.reading() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def auto_vacuum(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA auto_vacuum").fetchone()[0])


def test_confirmed_entries_leave_and_numbers_are_never_given_again(services: Services) -> None:
    for i in range(30):
        factories.person(services, f"14022619800301{i:02d}1", factories.numbered_name("张", i))
    now = services.ctx.now()
    confirm_all(services, now - dt.timedelta(days=8))
    factories.person(services, "14022619850402234", "李四")  # not yet sent
    before = outbox(services)
    confirmed = [e.seq for e in before if e.sent_at is not None]
    done = services.backups.compact()
    after = outbox(services)
    assert done.entries == len(confirmed) > 60
    # what waits for the city stays, whole
    assert [e.seq for e in after] == [e.seq for e in before if e.sent_at is None]
    assert after and all(e.payload for e in after)
    assert done.size_after < done.size_before and done.reclaimed
    with sqlite3.connect(services.ctx.db.path) as conn:  # every freed page went back
        assert conn.execute("PRAGMA freelist_count").fetchone() == (0,)
    # the audit trail of record stays whole
    with services.ctx.reading() as s:
        registered = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "person.register")
        ).all()
    assert len(registered) == 31
    factories.person(services, "14022619900503345", "王五")
    assert outbox(services)[-1].seq > before[-1].seq
    assert services.backups.compact().entries == 0  # nothing left to do


def test_the_newest_entry_stays_so_numbers_only_grow(tmp_path: Path) -> None:
    services = factories.desk(tmp_path)
    path = services.ctx.db.path
    try:
        for i in range(5):
            factories.person(services, f"14022619800301{i:02d}1", f"张{'一二三四五'[i]}")
        confirm_all(services, services.ctx.now() - dt.timedelta(days=30))
        newest = outbox(services)[-1].seq
        assert services.backups.compact().entries > 0
        assert [e.seq for e in outbox(services)] == [newest]  # everything else went
    finally:
        services.close()
    reopened = factories.reopen(path)
    try:
        factories.person(reopened, "14022619850402234", "李四")
        assert min(e.seq for e in outbox(reopened) if e.sent_at is None) == newest + 1
    finally:
        reopened.close()


def test_recently_confirmed_entries_keep_their_body(services: Services) -> None:
    factories.person(services)
    confirm_all(services, services.ctx.now() - dt.timedelta(days=1))
    assert services.backups.compact().entries == 0
    assert all(e.payload for e in outbox(services))


def test_a_new_file_gives_space_back_and_an_old_one_is_rewritten_once(tmp_path: Path) -> None:
    s = factories.desk(tmp_path / "new")
    try:
        assert auto_vacuum(s.ctx.db.path) == 2  # incremental from the start
    finally:
        s.close()
    old = tmp_path / "old" / "desk.sqlite3"
    old.parent.mkdir()
    with sqlite3.connect(old) as conn:  # a file made by the earlier version
        conn.execute("PRAGMA auto_vacuum=NONE")
        conn.execute("CREATE TABLE early (a)")
    s = factories.desk(old.parent, file=old.name)
    try:
        assert auto_vacuum(old) == 0
        s.backups.compact()
        assert auto_vacuum(old) == 2
        assert s.people.search("") is not None
    finally:
        s.close()


def test_a_compacted_desk_syncs_on_and_its_restore_stays_correct(tmp_path: Path) -> None:
    with running_city(tmp_path) as city:
        zy = factories.desk(tmp_path / "zy")
        path = zy.ctx.db.path
        try:
            zy.sync.enroll(city.url, city.code("ZY"), "ZY-1")
            zhang = register(zy, "14022619800301123", "张三")
            assert zy.sync.sync_once().ok
            assert zy.backups.compact(keep=dt.timedelta(0)).entries > 0
            made = zy.backups.backup_now().made[0]
            li = register(zy, "14022619850402234", "李四")
            assert zy.sync.sync_once().ok and zy.sync.pending_changes() == 0
        finally:
            zy.close()
        from lingong_desk.services.backups import restore_file

        restore_file(path, made.path, dt.datetime.now(dt.UTC))
        zy = factories.reopen(path)
        try:
            wang = register(zy, "14022619900503345", "王五")
            report = zy.sync.sync_once()
            assert report.ok and report.rejected == 0 and zy.sync.pending_changes() == 0
            for pid in (zhang, li, wang):
                assert zy.people.detail(pid) is not None
        finally:
            zy.close()


def test_the_command_line_compacts(tmp_path: Path) -> None:
    s = factories.desk(tmp_path)
    factories.person(s)
    confirm_all(s, s.ctx.now() - dt.timedelta(days=30))
    s.close()
    out = io.StringIO()
    assert admin.main(["compact"], out, Settings(data_dir=str(tmp_path)), lambda _f: None) == 0
    assert out.getvalue().startswith("compacted ")


def test_enough_compacted_entries_rewrite_the_file_encrypted_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lingong_desk.db.keystore import DeskKey
    from lingong_desk.services import backups
    from lingong_desk.services.registry import open_services

    monkeypatch.setattr(backups, "REWRITE_AFTER", 100)
    s = open_services(tmp_path / "desk.sqlite3", hasher=factories.FAST_HASHER, key=DeskKey.new())
    try:
        factories.open_market(s)
        for i in range(80):
            factories.person(
                s,
                f"14022619800301{i:02d}1",
                factories.numbered_name("张", i),
                skills="会做饭、带孩子" * 20,
            )
        confirm_all(s, s.ctx.now() - dt.timedelta(days=30))
        done = s.backups.compact()
        assert done.entries >= 100 and done.reclaimed
        assert done.size_after < done.size_before / 3  # the half-empty pages packed
        with s.ctx.reading() as session:
            assert backups.SINCE_REWRITE.read(session) == 0
    finally:
        s.close()
