"""``lingong-desk --self-check``: prove an installed program works, without a window.

Runs the real chain a clerk relies on in a throw-away data folder: the Alembic
migrations (loaded by path), the bundled font and occupation catalogue,
python-stdnum's region table, pypinyin, argon2, ReportLab and python-barcode.
It sets up a market and clerk, registers a job seeker, an employer and a
posting, issues a referral and renders its slip. No Qt is imported, so it runs
on a machine without a display; it is what the installer's smoke test and
``tests/test_bundle.py`` run against the frozen program.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from lingong_desk.services.registry import Services

MIN_SLIP_BYTES = 10_000


class CheckFailed(RuntimeError):
    pass


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise CheckFailed(reason)


def same(_context: str, text: str) -> str:
    """The catalogue's English text (the self-check loads no translator)."""
    return text


def _steps(folder: Path, say: Callable[[str], None]) -> None:
    from lingong_desk.db.engine import SCHEMA_HEAD, current_revision
    from lingong_desk.domain.identifiers import region_name
    from lingong_desk.domain.periods import Period
    from lingong_desk.resources import (
        FONT_FILE,
        OCCUPATIONS_FILE,
        qt_translation,
        resource,
        resource_root,
    )
    from lingong_desk.services import samples
    from lingong_desk.services.registry import open_services

    say(f"resources: {resource_root()}")
    font = resource(*FONT_FILE)
    _check(font.is_file(), f"bundled font missing: {font}")
    say(f"font: {font.name} ({font.stat().st_size // 1024} kB)")
    occupations = resource(*OCCUPATIONS_FILE)
    _check(occupations.is_file(), f"occupation catalogue missing: {occupations}")
    translations = sorted(resource("translations").glob("*.qm"))
    _check(bool(translations), "no compiled translation (.qm) in resources/translations")
    say(f"translations: {', '.join(p.name for p in translations)}")
    qt_base = qt_translation()
    _check(qt_base is not None, "Qt's qtbase_zh_CN.qm (standard dialogs in Chinese) not found")
    say(f"qt translations: {qt_base}")
    region = region_name("140226")
    _check(bool(region), "python-stdnum's region table (cn/loc.dat) not found")
    say(f"id numbers: 140226 is {region}")

    from lingong_desk.db import backup
    from lingong_desk.db.files import is_plain
    from lingong_desk.db.keystore import DeskKey, FileKeyStore, load_or_create

    store = FileKeyStore(folder / "keys" / "desk.key")
    key, _new = load_or_create(store)
    _check(store.load() == key, "the key file does not give the key back")
    services = open_services(folder / "desk.sqlite3", key=key)
    try:
        _check(not is_plain(folder / "desk.sqlite3"), "the database file is not encrypted")
        say(f"encryption: {_cipher_version(services)} opens the file with its key")
        revision = current_revision(services.ctx.db.engine)
        _check(revision == SCHEMA_HEAD, f"migrations left schema {revision}, not {SCHEMA_HEAD}")
        say(f"database: migrated to schema {revision}")
        catalogue = services.ctx.catalogue
        _check(
            catalogue.get("4-09-08-01") is not None, "occupation 4-09-08-01 not in the catalogue"
        )
        say(f"occupations: {len(catalogue)} in the catalogue")

        samples.open_market(services, "自检", "selfcheck1")
        say("accounts: market set up, clerk signed in (argon2id)")

        person = samples.register_person(
            services, samples.with_check_digit("14022619730815202"), "张桂兰", phone="13835201234"
        )
        _check(services.people.search("zgl") != [], "pinyin search did not find 张桂兰 by zgl")
        posting = samples.publish_posting(services)
        referral = samples.issue_referral(services, person.id, posting.id)
        say(f"referral: {referral.number} issued to {referral.person_name}")

        job = services.slips.render_slip(referral.id, "a4", same)
        _check(job.pdf.startswith(b"%PDF"), "the referral slip is not a PDF")
        _check(
            len(job.pdf) > MIN_SLIP_BYTES,
            f"the referral slip is only {len(job.pdf)} bytes (font or barcode missing?)",
        )
        say(f"slip: A4 PDF of {len(job.pdf) // 1024} kB rendered")
        made = services.backups.backup_now().made[0]
        _check(b"\xe5\xbc\xa0\xe6\xa1\x82" not in made.path.read_bytes(), "a name is readable")
        recovered = DeskKey.from_recovery_code(key.recovery_code)
        _check(backup.check(made.path, recovered.key).market_code == "ZY", "backup unreadable")
        say(f"backup: encrypted, checked, opened with the recovery code ({made.size // 1024} kB)")

        from lingong_desk.sync.outbox import batches
        from lingong_desk.sync.protocol import ZSTD_MAGIC, decode, parse_push

        with services.ctx.session() as s:
            batch = next(batches(s, "0" * 8 + "-0000-7000-8000-" + "0" * 12, home="ZY"))
        _check(batch.body.startswith(ZSTD_MAGIC), "the sync batch is not zstd-compressed")
        again = parse_push(decode(batch.body), "ZY")
        whole = parse_push(batch.request.to_json())  # as protocol 2 said it
        _check(again.entries == whole.entries, "the sync batch does not read back")
        say(f"sync: {len(again.entries)} changes, {len(batch.body)} bytes in zstd")

        today = services.ctx.today()
        month = Period.month(today.year, today.month)
        report = services.statistics.report(month, same)
        _check(report.figure("referrals_issued").value == 1, "the statistics miss the referral")
        pdf = services.statistics.render_report(report, same).pdf
        _check(pdf.startswith(b"%PDF"), "the monthly report is not a PDF")
        book = services.statistics.workbook(report, same)
        _check(book.startswith(b"PK"), "the monthly report's workbook is not an XLSX file")
        say(f"statistics: monthly report as PDF ({len(pdf) // 1024} kB) and XLSX")
    finally:
        services.close()


def _cipher_version(services: Services) -> str:
    from sqlalchemy import text

    with services.ctx.db.engine.connect() as conn:
        return f"SQLCipher {conn.execute(text('PRAGMA cipher_version')).scalar()}"


def run(out: TextIO | None = None) -> int:
    """Run every check; print a short report; 0 when all passed, 1 otherwise."""
    stream = out or sys.stdout

    def say(line: str) -> None:
        print(f"  {line}", file=stream, flush=True)

    started = time.perf_counter()
    frozen = " (frozen bundle)" if getattr(sys, "frozen", False) else ""
    print(f"LingGong Desk self-check{frozen}", file=stream, flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="lingong-selfcheck-") as folder:
            _steps(Path(folder), say)
    except CheckFailed as err:
        print(f"self-check FAILED: {err}", file=stream, flush=True)
        return 1
    except Exception as err:  # any breakage of the installed program is a failed check
        traceback.print_exc(file=stream)
        print(f"self-check FAILED: {type(err).__name__}: {err}", file=stream, flush=True)
        return 1
    print(f"self-check passed in {time.perf_counter() - started:.2f} s", file=stream, flush=True)
    return 0
