"""Start the desk program: Qt application, font, language, database, window."""

from __future__ import annotations

import argparse
import logging
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from lingong_desk.services.registry import NewerDatabaseError, Services
from lingong_desk.settings import Settings, setup_logging
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.dialogs import SetupDialog, SignInDialog
from lingong_desk.ui.fonts import install_font
from lingong_desk.ui.i18n import install_language
from lingong_desk.ui.main_window import MainWindow
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
    """Run the program on the services ``open_services`` builds (the composition root's)."""
    started = time.perf_counter()
    setup_logging(settings.data_path)
    sys.excepthook = _excepthook
    app = make_app(settings.language)
    try:
        services = open_services(settings.database_file)
    except NewerDatabaseError as exc:
        QMessageBox.critical(None, app.translate("Launch", "LingGong Desk"), str(exc))
        return 2
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
                    return 1
            market = services.accounts.market()
            assert market is not None
            sign_in = SignInDialog(services.accounts, market.name)
            if sign_in.exec() != SignInDialog.DialogCode.Accepted or sign_in.clerk is None:
                return 1
            clerk_name = sign_in.clerk.name
        window = build_window(services, clerk_name, settings)
        window.show()
        window.start()
        if args.quit_after_start:

            def report() -> None:
                window.desk.worker.wait()
                app.processEvents()
                print(f"usable after {time.perf_counter() - started:.3f} s", flush=True)
                print(f"peak memory {peak_memory_mb():.0f} MB", flush=True)
                window.close()

            QTimer.singleShot(0, report)
        return app.exec()
    finally:
        services.close()
