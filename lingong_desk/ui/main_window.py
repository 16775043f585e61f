"""The main window: the five service windows as tabs, and a status bar."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from lingong_desk import __version__
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.lazy_tab import LazyTab
from lingong_desk.ui.referral import ReferralWindow
from lingong_desk.ui.registration import RegistrationWindow
from lingong_desk.ui.safety_controls import SafetyControls
from lingong_desk.ui.screen import resize_to_fit
from lingong_desk.ui.settings_dialog import ClerksDialog, SettingsDialog
from lingong_desk.ui.sync_controls import SyncControls

if TYPE_CHECKING:  # built when first opened
    from lingong_desk.ui.information.board import JobBoard
    from lingong_desk.ui.information.window import InformationWindow
    from lingong_desk.ui.statistics.window import StatisticsWindow


class MainWindow(QMainWindow):
    ready = Signal()  # the window is shown and every list has its first page

    def __init__(self, desk: Desk, clerk_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("LingGong Desk — {market}").format(market=desk.market.name))
        resize_to_fit(self, 1360, 760)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("windows")
        self.tabs.setDocumentMode(True)
        self.registration = RegistrationWindow(desk)
        self.tabs.addTab(self.registration, self.tr("1 Employment registration"))
        # windows 2, 4 and 5 are built when first opened, so the program starts sooner
        self.personnel = LazyTab(lambda: _personnel(desk))
        self.tabs.addTab(self.personnel, self.tr("2 Personnel agency"))
        self.referral = ReferralWindow(desk)
        self.tabs.addTab(self.referral, self.tr("3 Job referral"))
        self.guidance = LazyTab(lambda: _guidance(desk))
        self.tabs.addTab(self.guidance, self.tr("4 Employment guidance"))
        self.information = LazyTab(lambda: _information(desk))
        self.tabs.addTab(self.information, self.tr("5 Information"))
        self.tabs.currentChanged.connect(self._window_changed)
        self.setCentralWidget(self.tabs)
        system = self.menuBar().addMenu(self.tr("&System"))
        stats_action = system.addAction(self.tr("Statistics and reports…"))
        stats_action.setShortcut(QKeySequence("F8"))
        stats_action.triggered.connect(self.open_statistics)
        system.addSeparator()
        self.statistics: StatisticsWindow | None = None
        settings_action = system.addAction(self.tr("Settings…"))
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        clerks_action = system.addAction(self.tr("Clerks…"))
        clerks_action.triggered.connect(self.open_clerks)
        system.addSeparator()
        self.safety = SafetyControls(self, desk, system)
        system.addSeparator()
        self.sync = SyncControls(self, desk, system)
        # what a clerk's role does not allow stays out of sight (the services refuse it)
        self.safety.supervisor_actions += [settings_action, self.sync.enroll_action]
        system.addSeparator()
        quit_action = system.addAction(self.tr("Quit"))
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        # The keys that move between windows and pages belong to the main window,
        # not to a page: they work wherever the focus is, even on the tab bar
        # or a page that was just built (Ctrl+3 right after Alt+5).
        for i in range(5):
            self._window_action(f"Alt+{i + 1}", partial(self.show_window, i))
            self._window_action(f"Ctrl+{i + 1}", partial(self.show_page, i))
        board_action = self._window_action("F11", self.open_board)
        board_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

        bar = self.statusBar()
        # the last word keeps clear of the screen's edge on a maximized window
        bar.setContentsMargins(0, 0, 6, 0)
        self.market_label = QLabel(self.tr("Market: {name}").format(name=desk.market.name))
        self.clerk_label = QLabel(self.tr("Clerk: {name}").format(name=clerk_name))
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pending")
        self.busy_label = QLabel()
        for widget in (self.market_label, self.clerk_label, self.pending_label):
            bar.addPermanentWidget(widget)
        bar.addPermanentWidget(self.sync.widget)
        bar.addWidget(self.busy_label)
        bar.addWidget(QLabel(f"v{__version__}"))
        desk.bus.changed.connect(
            lambda tables: self.refresh_pending() if "outbox" in tables else None
        )
        desk.bus.clerk_changed.connect(
            lambda clerk: self.clerk_label.setText(self.tr("Clerk: {name}").format(name=clerk.name))
        )
        desk.worker.busy_changed.connect(
            lambda busy: self.busy_label.setText(self.tr("Working…") if busy else "")
        )
        self.pending_timer = QTimer(self)
        self.pending_timer.setInterval(30_000)
        self.pending_timer.timeout.connect(self.refresh_pending)
        self.pending_timer.start()

    def _window_action(self, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def current_window(self) -> QWidget:
        widget = self.tabs.currentWidget()
        return widget.materialize() if isinstance(widget, LazyTab) else widget

    def show_window(self, index: int) -> None:
        """Alt+1…5: a service window, with the focus in it (also when it is already shown)."""
        self.tabs.setCurrentIndex(index)
        self._focus_window()

    def show_page(self, index: int) -> None:
        """Ctrl+1…5: a page of the window shown (registration, personnel, referral,
        information have pages; a window with fewer pages ignores the key)."""
        window = self.current_window()
        show = getattr(window, "show_page", None)
        tabs = getattr(window, "tabs", None)
        if callable(show) and isinstance(tabs, QTabWidget) and index < tabs.count():
            show(index)

    def open_board(self) -> JobBoard:
        """F11 from anywhere in the program: the hall screen of the job board."""
        window = cast("InformationWindow", self.information.materialize())
        return window.board_page.open_board()

    def start(self) -> None:
        """Fill the lists and the status bar (in the background)."""
        panels = [p.panel for p in self.registration.pages()]
        waiting = set(range(len(panels)))

        def first_load(index: int) -> None:
            if index in waiting:
                waiting.discard(index)
                if not waiting:
                    self.ready.emit()

        for index, panel in enumerate(panels):
            panel.loaded.connect(lambda _n, i=index: first_load(i))
        self.ready.connect(self._warm_up)
        self.registration.load_lists()
        self.referral.start()
        self.refresh_pending()
        # the first sync round waits until the window is usable: it would compete
        # with the first lists for the database and for Python's interpreter lock
        self.ready.connect(self.sync.start)
        self.registration.people.form.focus_first()
        self.safety.start()

    def _window_changed(self, _index: int) -> None:
        self._focus_window()

    def _focus_window(self) -> None:
        """The focus into the window shown: its keys (F2, Ctrl+S …) work at once."""
        window = self.current_window()
        focus = getattr(window, "focus_entry", None)
        if callable(focus):
            focus()

    def _warm_up(self) -> None:
        """Load the pinyin dictionary and the region table on the worker, once the
        window is usable, so the first job-type search and ID number are quick."""
        services, region = self.desk.services, self.desk.market.region_code
        self.desk.worker.submit(lambda: services.warm_up(region))

    def refresh_pending(self) -> None:
        self.desk.worker.submit(self.desk.services.sync.pending_changes, self._show_pending)

    def _show_pending(self, count: int) -> None:
        self.pending_label.setText(self.tr("To sync: %n change(s)", "", count))

    def open_settings(self) -> None:
        referrals = self.desk.services.referrals
        self.desk.worker.submit(
            lambda: (referrals.desk_number(), referrals.validity_days()), self._show_settings
        )

    def _show_settings(self, options: tuple[int, int]) -> None:
        referrals = self.desk.services.referrals

        def save(desk_number: int, validity: int) -> None:
            self.desk.worker.submit(lambda: referrals.set_desk_options(desk_number, validity))

        dialog = SettingsDialog(self.desk.settings, self.desk.settings_path, self, options, save)
        dialog.setObjectName("settings_dialog")
        dialog.accepted.connect(self.sync.settings_saved)
        dialog.open()

    def open_statistics(self) -> StatisticsWindow:
        """The statistics view (one window, built when first opened: it loads QtPdf)."""
        if self.statistics is None:
            from lingong_desk.ui.statistics.window import StatisticsWindow

            self.statistics = StatisticsWindow(self.desk, self)
        self.statistics.show()
        self.statistics.raise_()
        self.statistics.activateWindow()
        return self.statistics

    def open_clerks(self) -> ClerksDialog:
        accounts = self.desk.services.accounts
        dialog = ClerksDialog(accounts, accounts.ctx.is_supervisor, self)
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pending_timer.stop()
        self.safety.stop()
        self.sync.stop()
        self.desk.worker.wait(10_000)
        super().closeEvent(event)


# windows 2, 4 and 5: their modules too load when first opened (a quicker start)
def _personnel(desk: Desk) -> QWidget:
    from lingong_desk.ui.personnel.window import PersonnelWindow

    return PersonnelWindow(desk)


def _guidance(desk: Desk) -> QWidget:
    from lingong_desk.ui.guidance.window import GuidanceWindow

    return GuidanceWindow(desk)


def _information(desk: Desk) -> QWidget:
    from lingong_desk.ui.information.window import InformationWindow

    return InformationWindow(desk)
