"""Models, migration, change capture (outbox) and the schema version."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from lingong_desk.db.capture import HardDeleteError
from lingong_desk.db.engine import SCHEMA_HEAD, NewerDatabaseError, head_revision, open_database
from lingong_desk.db.models import AuditEvent, Base, Clerk, OutboxEntry, Person, SyncMixin
from lingong_desk.domain.ids import person_id
from lingong_desk.domain.registration import DraftRejected, PersonDraft
from lingong_desk.services.registry import Services
from tests import factories


def draft(**kw: object) -> PersonDraft:
    return factories.person_draft(**kw)


def outbox(services: Services) -> list[OutboxEntry]:
    with services.ctx.reading() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def test_migration_builds_exactly_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    tables = set(inspect(db.engine).get_table_names())
    for name in (
        "person",
        "employer",
        "job_posting",
        "referral",
        "file_custody",
        "file_movement",
        "guidance_session",
        "consultation",
        "knowledge_article",
        "clerk",
        "audit_event",
        "outbox",
    ):
        assert name in tables
    db.close()


def test_the_schema_head_constant_is_alembics_head() -> None:
    assert head_revision() == SCHEMA_HEAD


def test_every_synced_table_has_the_sync_columns() -> None:
    synced = [m.class_ for m in Base.registry.mappers if issubclass(m.class_, SyncMixin)]
    assert len(synced) >= 12
    for cls in synced:
        cols = set(cls.__table__.columns.keys())  # type: ignore[attr-defined]
        assert {
            "id",
            "market_code",
            "created_at",
            "updated_at",
            "created_by",
            "hlc",
            "deleted_at",
        } <= cols, cls


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before


def test_an_older_file_is_copied_then_migrated(tmp_path: Path) -> None:
    from alembic import command

    from lingong_desk.db.engine import alembic_config, make_engine

    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO app_setting (key, value) VALUES ('device_id', 'abc')"))
    engine.dispose()
    db = open_database(path)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        indexes = {r[1] for r in conn.execute(text("PRAGMA index_list(person)"))}
        assert "ix_person_status_last_active" in indexes
        assert conn.execute(text("SELECT value FROM app_setting")).scalar() == "abc"
    db.close()
    (backup,) = (tmp_path / "backups").glob(f"desk-*-pre-{SCHEMA_HEAD}.sqlite3")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT value FROM app_setting").fetchone() == ("abc",)


def test_reopening_keeps_the_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    open_database(path).close()
    db = open_database(path)
    with db.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == head_revision()
        )
    db.close()
    assert not (tmp_path / "backups").exists()  # nothing migrated, no copy made


def test_registering_writes_the_row_and_its_outbox_entries_together(services: Services) -> None:
    before = len(outbox(services))
    saved = services.people.save(draft())
    entries = outbox(services)[before:]
    kinds = {(e.entity, e.op) for e in entries}
    assert ("person", "insert") in kinds
    assert ("person_occupation", "insert") in kinds
    # the registration is audited, and the event travels: the statistics count it
    # (domain/audit.py), at the desk and at the city alike
    assert ("audit_event", "insert") in kinds
    with services.ctx.reading() as s:
        audited = s.scalars(select(AuditEvent).where(AuditEvent.entity_id == saved.detail.id))
        assert [a.action for a in audited] == ["person.register"]
    person_entry = next(e for e in entries if e.entity == "person")
    assert (
        person_entry.row_id
        == saved.detail.id
        == person_id(factories.resident_id("14022619800301123"))
    )
    assert person_entry.payload["name"] == "张三"
    assert person_entry.payload["market_code"] == "ZY"
    assert person_entry.payload["created_by"] == str(services.ctx.clerk_id)
    stamps = [e.hlc for e in entries]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_an_update_records_only_the_changed_fields(services: Services) -> None:
    services.people.save(draft())
    before = len(outbox(services))
    services.people.save(draft(phone="13912345678"))
    update = next(e for e in outbox(services)[before:] if e.entity == "person")
    assert update.op == "update"
    assert set(update.changed) == {"phone", "phone_rev", "last_active_at"}


def test_rejected_input_stores_nothing(services: Services) -> None:
    before = len(outbox(services))
    with pytest.raises(DraftRejected):
        services.people.save(draft(phone="1381234567"))
    assert len(outbox(services)) == before
    assert services.people.count() == 0


def test_a_failed_transaction_leaves_no_outbox_entry(services: Services) -> None:
    before = len(outbox(services))
    with pytest.raises(RuntimeError), services.ctx.session() as s:
        s.add(Clerk(name="李四", password_hash="x", role="clerk", active=True))
        s.flush()
        raise RuntimeError("power cut")
    assert len(outbox(services)) == before


def test_synced_rows_are_never_hard_deleted(services: Services) -> None:
    saved = services.people.save(draft())
    with pytest.raises(HardDeleteError), services.ctx.session() as s:
        s.delete(s.get(Person, saved.detail.id))
    with services.ctx.reading() as s:
        assert s.get(Person, saved.detail.id) is not None


def test_password_hashes_never_enter_the_outbox(services: Services) -> None:
    clerk_entries = [e for e in outbox(services) if e.entity == "clerk"]
    assert clerk_entries
    assert all("password_hash" not in e.payload for e in clerk_entries)
    with services.ctx.reading() as s:
        stored = s.scalar(select(Clerk.password_hash))
    assert stored is not None and stored.startswith("$argon2")


def test_pending_count_is_the_unsent_outbox(services: Services) -> None:
    with services.ctx.reading() as s:
        total = s.scalar(select(func.count()).select_from(OutboxEntry))
    assert services.sync.pending_changes() == total
    with services.ctx.session() as s:
        first = s.scalar(select(OutboxEntry).order_by(OutboxEntry.seq).limit(1))
        assert first is not None
        first.sent_at = services.ctx.now()
    assert services.sync.pending_changes() == total - 1


def test_oldest_pending_is_the_first_unsent_entry(services: Services) -> None:
    """The status bar's "waiting since": the first entry not yet sent, whatever
    was sent before it."""
    with services.ctx.session() as s:
        entries = list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
        assert len(entries) >= 3
        entries[0].sent_at = services.ctx.now()
        entries[1].sent_at = services.ctx.now()
        waiting_since = entries[2].created_at
    assert services.sync.status().oldest_pending_at == waiting_since
    with services.ctx.session() as s:
        for entry in s.scalars(select(OutboxEntry)):
            entry.sent_at = services.ctx.now()
    assert services.sync.status().oldest_pending_at is None


def test_same_id_number_gives_the_same_key_everywhere() -> None:
    a = person_id("14022619800301123x")
    assert a == person_id("14022619800301123X ")
    assert a.version == 5
    assert isinstance(a, uuid.UUID)


def _all_rows(services: Services) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read through the models' types."""
    with services.ctx.reading() as s:
        return {
            t.name: sorted((tuple(r) for r in s.execute(select(t))), key=repr)
            for t in Base.metadata.sorted_tables
        }


def test_migration_0009_stores_ids_and_times_densely_and_reads_the_same(
    tmp_path: Path,
) -> None:
    """A file as an older desk wrote it (ids as 32 hex digits, times as text) is
    rewritten in place: the same values read back, every key still joins, the
    three market indexes and the unique wanted job type pair are gone, and the
    next compaction rewrites the file."""
    import datetime as dt
    import re

    from alembic import command

    from lingong_desk.db.engine import alembic_config, make_engine

    s = factories.desk(tmp_path / "data")
    zhang = factories.person(s, "14022619800301123", "张三").id
    factories.referral(s, zhang)
    path = s.ctx.db.path
    before = _all_rows(s)
    s.close()
    engine = make_engine(path)
    command.downgrade(alembic_config(engine), "0008")
    engine.dispose()
    with sqlite3.connect(path) as conn:  # the values as SQLAlchemy's Uuid and DateTime wrote them
        pid, registered = conn.execute("SELECT id, registered_at FROM person").fetchone()
        assert pid == zhang.hex
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", registered)
        assert conn.execute("SELECT COUNT(*) FROM pragma_index_list('person')").fetchone()[0] > 0
    s = factories.blank_desk(path)  # opened, migrated, nobody signed in yet
    try:
        after = _all_rows(s)
        settings = after.pop("app_setting")
        assert after == {t: rows for t, rows in before.items() if t != "app_setting"}
        assert set(before["app_setting"]) - set(settings) <= {
            r for r in before["app_setting"] if r[0] == "compaction.since_rewrite"
        }
        with sqlite3.connect(path) as conn:
            pid, registered = conn.execute("SELECT id, registered_at FROM person").fetchone()
            assert pid == zhang.bytes
            detail = s.people.detail(zhang)
            assert detail is not None
            epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
            assert epoch + dt.timedelta(microseconds=registered) == detail.registered_at
            kinds = conn.execute(
                "SELECT DISTINCT typeof(person_id), typeof(issued_at) FROM referral"
            ).fetchall()
            assert kinds == [("blob", "integer")]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            indexes = {r[1] for r in conn.execute("PRAGMA index_list(person)")}
            indexes |= {r[1] for r in conn.execute("PRAGMA index_list(audit_event)")}
            kinds = {r[3] for r in conn.execute("PRAGMA index_list(person_occupation)")}
            rewrite = conn.execute(
                "SELECT value FROM app_setting WHERE key = 'compaction.since_rewrite'"
            ).fetchone()
        assert "ix_person_market_code" not in indexes
        assert "ix_audit_event_market_code" not in indexes
        assert "u" not in kinds
        assert int(rewrite[0]) >= 20_000
        assert list((tmp_path / "data" / "backups").glob("desk-*-pre-0009.sqlite3"))
        # the desk goes on working on the migrated file: a search finds by name
        assert s.people.search("张三") == [zhang]
    finally:
        s.close()
