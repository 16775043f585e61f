"""Start the desk program: Qt application, font, language, database, window."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from lingong_desk.services.backups import BackupError, restore_file
from lingong_desk.services.registry import DeskInUse, NewerDatabaseError, Services, lock_desk
from lingong_desk.settings import Settings, setup_logging
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.dialogs import SetupDialog, SignInDialog
from lingong_desk.ui.fonts import install_font
from lingong_desk.ui.i18n import install_language
from lingong_desk.ui.main_window import MainWindow
from lingong_desk.ui.safety_dialog import RecoveryCodeDialog
from lingong_desk.ui.screen import show_main_window
from lingong_desk.ui.worker import ChangeBus, DbWorker

log = logging.getLogger(__name__)


def make_app(language: str) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("LingGong Desk")
    app.setOrganizationName("LingGong")
    install_font(app)
    install_language(app, language)
    return app


def peak_memory_mb() -> float:
    """Peak resident memory of this process (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    log.critical("unhandled error", exc_info=(kind, exc, tb))
    traceback.print_exception(kind, exc, tb)


def build_window(
    services: Services,
    clerk_name: str,
    settings: Settings | None = None,
    settings_path: Path | None = None,
) -> MainWindow:
    market = services.accounts.market()
    assert market is not None
    bus = ChangeBus()
    worker = DbWorker(bus)
    desk = Desk(
        services,
        worker,
        bus,
        market,
        services.accounts.districts(),
        settings or Settings(),
        settings_path,
    )
    window = MainWindow(desk, clerk_name)
    bus.setParent(window)
    worker.setParent(window)
    return window


def run(
    settings: Settings, args: argparse.Namespace, open_services: Callable[[Path], Services]
) -> int:
    """Run the program on the services ``open_services`` builds (the composition root's).

    One program per data folder. A supervisor's restore closes the window; the
    backup is put in place and the program opens the restored file and asks
    for a sign-in again, without being started anew."""
    started = time.perf_counter()
    setup_logging(settings.data_path)
    sys.excepthook = _excepthook
    app = make_app(settings.language)
    try:
        lock = lock_desk(settings.data_path)
    except DeskInUse:
        QMessageBox.critical(
            None,
            app.translate("Launch", "LingGong Desk"),
            app.translate("Launch", "LingGong Desk is already running on this data folder."),
        )
        return 3
    try:
        while True:
            code, restore = _run_once(app, settings, args, open_services, started)
            if restore is None:
                return code
            _restore(app, settings.database_file, restore)
    finally:
        lock.release()


@dataclass(frozen=True)
class _Restore:
    path: Path
    key: bytes | None
    clerk_id: uuid.UUID | None
    clerk_name: str
    source_key: bytes | None = None  # a backup of another PC: its recovery code's key


def _run_once(
    app: QApplication,
    settings: Settings,
    args: argparse.Namespace,
    open_services: Callable[[Path], Services],
    started: float,
) -> tuple[int, _Restore | None]:
    try:
        services = _open(app, settings.database_file, open_services)
    except NewerDatabaseError as exc:
        QMessageBox.critical(None, app.translate("Launch", "LingGong Desk"), str(exc))
        return 2, None
    try:
        if args.demo:
            from lingong_desk.services.demo import ensure_demo_market, fill_demo
            from lingong_desk.services.demo_history import fill_history

            ensure_demo_market(services.ctx)
            if not services.people.any_registered():
                fill_demo(services.ctx)
                fill_history(services.ctx)  # 14 months of work: the statistics have a shape
            clerk_name = services.ctx.clerk_name
        else:
            if services.accounts.needs_setup():
                setup = SetupDialog(services.accounts)
                if setup.exec() != SetupDialog.DialogCode.Accepted:
                    return 1, None
            market = services.accounts.market()
            assert market is not None
            sign_in = SignInDialog(services.accounts, market.name)
            if sign_in.exec() != SignInDialog.DialogCode.Accepted or sign_in.clerk is None:
                return 1, None
            clerk_name = sign_in.clerk.name
            show_recovery_code(services)
        window = build_window(services, clerk_name, settings)
        show_main_window(window)
        window.start()
        if args.quit_after_start:

            def report() -> None:
                window.desk.worker.wait()
                app.processEvents()
                print(f"usable after {time.perf_counter() - started:.3f} s", flush=True)
                print(f"peak memory {peak_memory_mb():.0f} MB", flush=True)
                window.close()

            QTimer.singleShot(0, report)
        code = app.exec()
        request = window.safety.pending_restore
        window.deleteLater()
        if request is not None:
            ctx = services.ctx
            source_key = services.backups.source_key(request.recovery_code)
            return code, _Restore(
                request.path, ctx.db.key, ctx.clerk_id, ctx.clerk_name, source_key
            )
        if not args.quit_after_start:
            _end_of_day(app, services)
        return code, None
    finally:
        services.close()


def show_recovery_code(services: Services) -> None:
    """Once, to the first supervisor who signs in to an encrypted desk (at set-up,
    or after the first start that encrypted an earlier version's file)."""
    code = services.backups.recovery_code_to_show()
    if code is None:
        return
    RecoveryCodeDialog(code).exec()
    services.backups.recovery_code_shown()


def _busy(app: QApplication, text: str) -> QProgressDialog:
    dialog = QProgressDialog(text, "", 0, 0)
    dialog.setWindowTitle(app.translate("Launch", "LingGong Desk"))
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.show()
    app.processEvents()
    return dialog


OPEN_QUIETLY = 0.5  # seconds: an ordinary open shows nothing


def _open(app: QApplication, path: Path, open_services: Callable[[Path], Services]) -> Services:
    """Open the data file in a thread. When that takes a while (the first start of a
    new version migrates the file, a plain file is encrypted once: a minute or
    more at 100,000 job seekers) the clerk sees why instead of nothing at all,
    and the program keeps answering the system."""
    outcome: list[Services | BaseException] = []

    def work() -> None:
        try:
            outcome.append(open_services(path))
        except BaseException as exc:  # handed to the caller below
            outcome.append(exc)

    thread = threading.Thread(target=work, name="open-data-file", daemon=True)
    thread.start()
    thread.join(OPEN_QUIETLY)
    if thread.is_alive():
        busy = _busy(
            app,
            app.translate(
                "Launch",
                "Preparing the data file for this version of the program… "
                "This is done once and can take a few minutes. Please do not switch off the PC.",
            ),
        )
        try:
            while thread.is_alive():
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                thread.join(0.05)
        finally:
            busy.close()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _end_of_day(app: QApplication, services: Services) -> None:
    """The daily backup as the program closes (the end of a day of use)."""
    busy = _busy(app, app.translate("Launch", "Backing up today's work…"))
    try:
        services.backups.compact()  # a smaller file backs up faster
        run = services.backups.end_of_day()
    except Exception:
        log.exception("the end-of-day backup failed")
        return
    finally:
        busy.close()
    for folder, why in run.failed:
        log.error("no end-of-day backup in %s: %s", folder, why)


def _restore(app: QApplication, live: Path, restore: _Restore) -> None:
    title = app.translate("Launch", "LingGong Desk")
    busy = _busy(app, app.translate("Launch", "Restoring the backup…"))
    try:
        result = restore_file(
            live,
            restore.path,
            dt.datetime.now(dt.UTC),
            restore.key,
            restore.clerk_id,
            restore.clerk_name,
            source_key=restore.source_key,
        )
    except (BackupError, OSError) as exc:
        busy.close()
        log.error("restore from %s failed: %s", restore.path, exc)
        QMessageBox.critical(
            None,
            title,
            app.translate("Launch", "The backup was not restored; the data file is as it was.")
            + f"\n\n{exc}",
        )
        return
    busy.close()
    kept = str(result.replaced_copy or "")
    QMessageBox.information(
        None,
        title,
        app.translate(
            "Launch",
            "The backup {file} is restored. The file it replaced is kept as {kept}. "
            "The next sync sends and fetches what the city and this desk lack. "
            "Please sign in again.",
        ).format(file=restore.path.name, kept=kept),
    )
