"""The desk file and its backups encrypted with SQLCipher, the key kept for the PC."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from lingong_desk.db import backup
from lingong_desk.db.files import is_plain
from lingong_desk.db.keystore import BadRecoveryCode, DeskKey, FileKeyStore, load_or_create
from lingong_desk.services.backups import restore_file
from lingong_desk.services.registry import open_services
from tests import factories
from tests.factories import FAST_HASHER, Services
from tests.test_sync_support import register, running_city

ID_NUMBER = factories.resident_id("14022619800301123")
SECRETS = (ID_NUMBER.encode(), "张三".encode(), b"13812345678", "左云县".encode())


def encrypted_desk(folder: Path, key: DeskKey) -> Services:
    s = open_services(folder / "desk.sqlite3", hasher=FAST_HASHER, key=key)
    factories.open_market(s)
    return s


def readable_secrets(folder: Path) -> list[str]:
    """Files under ``folder`` holding an ID number, name, phone or place in the clear."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {s!r}" for s in SECRETS if s in data]
    return found


def test_a_recovery_code_gives_the_same_key_and_catches_typing_mistakes() -> None:
    key = DeskKey.new()
    code = key.recovery_code
    assert len(code) == 39 and code.count("-") == 7
    assert DeskKey.from_recovery_code(code).key == key.key
    assert DeskKey.from_recovery_code(code.lower().replace("-", " ")).key == key.key
    wrong = code[:5] + ("A" if code[5] != "A" else "B") + code[6:]
    with pytest.raises(BadRecoveryCode):
        DeskKey.from_recovery_code(wrong)
    assert len(key.key) == 32 and "secret" not in repr(key).lower().replace("secret=", "")


def test_the_key_file_is_for_its_owner_only(tmp_path: Path) -> None:
    store = FileKeyStore(tmp_path / "config" / "keys" / "desk.key")
    key, new = load_or_create(store)
    again, new_again = load_or_create(store)
    assert new and not new_again and again.key == key.key
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_the_file_its_log_and_its_backups_hold_no_readable_personal_data(
    tmp_path: Path,
) -> None:
    key = DeskKey.new()
    s = encrypted_desk(tmp_path / "data", key)
    try:
        factories.person(s)
        usb = tmp_path / "usb"
        s.backups.set_second_folder(str(usb))
        assert s.backups.backup_now().ok and s.backups.end_of_day().ok
        assert not is_plain(s.ctx.db.path)
        assert readable_secrets(tmp_path) == []  # the open file, its WAL, both folders
        assert s.people.find_by_id_number(ID_NUMBER) is not None  # and it still works
    finally:
        s.close()
    assert readable_secrets(tmp_path) == []
    conn = sqlite3.connect(tmp_path / "data" / "desk.sqlite3")
    try:
        with pytest.raises(sqlite3.DatabaseError):  # no key, no data
            conn.execute("SELECT * FROM person").fetchall()
    finally:
        conn.close()


def test_a_plain_file_of_the_earlier_version_is_encrypted_with_its_copies(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    s = factories.desk(data)  # plain, as the version before
    zhang = factories.person(s)
    s.backups.backup_now()
    s.close()
    legacy = data / "desk.before-0002.sqlite3"  # what an earlier migration left
    legacy.write_bytes((data / "desk.sqlite3").read_bytes())
    assert readable_secrets(data)
    key = DeskKey.new()
    s = open_services(data / "desk.sqlite3", hasher=FAST_HASHER, key=key)
    try:
        s.accounts.sign_in(factories.CLERK, factories.PASSWORD)
        assert s.people.detail(zhang.id) is not None
        kinds = {b.kind for b in s.backups.backups()}
        assert {"manual", "pre-encryption"} <= kinds
        for b in s.backups.backups():
            assert backup.check(b.path, key.key).market_code == "ZY"
    finally:
        s.close()
    assert readable_secrets(tmp_path) == []
    assert not is_plain(legacy)


def test_an_encrypted_backup_is_restored_and_another_pcs_with_its_recovery_code(
    tmp_path: Path,
) -> None:
    old_pc = DeskKey.new()
    s = encrypted_desk(tmp_path / "old", old_pc)
    factories.person(s)
    made = s.backups.backup_now().made[0]
    s.close()
    new_pc = DeskKey.new()  # the disk died; a new PC made its own key
    s = encrypted_desk(tmp_path / "new", new_pc)
    live = s.ctx.db.path
    s.close()
    with pytest.raises(backup.BackupError):
        restore_file(live, made.path, dt.datetime.now(dt.UTC), new_pc.key)
    code = old_pc.recovery_code  # from the supervisor's paper
    restore_file(
        live,
        made.path,
        dt.datetime.now(dt.UTC),
        new_pc.key,
        source_key=DeskKey.from_recovery_code(code).key,
    )
    s = open_services(live, hasher=FAST_HASHER, key=new_pc)
    try:
        assert s.people.find_by_id_number(ID_NUMBER) is not None
    finally:
        s.close()


def test_an_encrypted_desk_syncs(tmp_path: Path) -> None:
    with running_city(tmp_path) as city:
        s = encrypted_desk(tmp_path / "zy", DeskKey.new())
        try:
            s.sync.enroll(city.url, city.code("ZY"), "ZY-1")
            register(s, "14022619800301123", "张三")
            report = s.sync.sync_once()
            assert report.ok and report.applied > 0 and s.sync.pending_changes() == 0
        finally:
            s.close()


def test_the_recovery_code_is_shown_once_to_a_supervisor(tmp_path: Path) -> None:
    key = DeskKey.new()
    s = encrypted_desk(tmp_path, key)
    try:
        assert s.backups.recovery_code_to_show() == key.recovery_code
        s.backups.recovery_code_shown()
        assert s.backups.recovery_code_to_show() is None
    finally:
        s.close()
    plain = factories.desk(tmp_path / "plain")
    try:
        assert plain.backups.recovery_code_to_show() is None  # nothing to recover
    finally:
        plain.close()


def test_an_encrypted_file_of_the_earlier_schema_is_made_compact(tmp_path: Path) -> None:
    """Migration 0009 runs on an encrypted file too (through SQLCipher's driver)."""
    from alembic import command
    from sqlalchemy import text

    from lingong_desk.db.engine import alembic_config, make_engine

    key = DeskKey.new()
    s = encrypted_desk(tmp_path / "data", key)
    zhang = factories.person(s).id
    path = s.ctx.db.path
    s.close()
    engine = make_engine(path, key.key)
    command.downgrade(alembic_config(engine), "0008")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT typeof(id) FROM person")).scalar() == "text"
    engine.dispose()
    s = open_services(path, hasher=FAST_HASHER, key=key)
    try:
        s.accounts.sign_in(factories.CLERK, factories.PASSWORD)
        detail = s.people.detail(zhang)
        assert detail is not None and detail.draft.name == "张三"
        with s.ctx.reading() as session:
            stored = session.execute(text("SELECT typeof(id), typeof(created_at) FROM person"))
            assert stored.one() == ("blob", "integer")
    finally:
        s.close()
    assert readable_secrets(tmp_path) == []
