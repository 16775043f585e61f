"""Data safety in the main window: the lock page and idle lock, switching clerk,
the end-of-day backup while the program stays open, the menu items for
backups and the audit trail, and what a clerk's role shows."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QStackedWidget, QWidget

from lingong_desk.services.accounts import ClerkInfo
from lingong_desk.ui.audit_dialog import AuditDialog
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.lock import IdleWatcher, LockPage
from lingong_desk.ui.safety_dialog import RestoreRequest, SafetyDialog

# how often an open program checks whether a day of use still lacks its backup
DAY_CHECK_MS = 10 * 60_000


class SafetyControls(QObject):
    def __init__(self, window: QMainWindow, desk: Desk, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.desk = desk
        self.accounts = desk.services.accounts
        self.pending_restore: RestoreRequest | None = None  # the run loop restores it
        self.locked = False
        self._hidden: list[QWidget] = []
        self._disabled: list[QAction] = []
        self._focus: QWidget | None = None  # where the clerk was typing
        tabs = window.takeCentralWidget()
        assert tabs is not None
        self.lock_page = LockPage(self.accounts, desk.worker, desk.market.name)
        self.lock_page.setObjectName("lock_page")
        self.lock_page.unlocked.connect(self.unlock)
        self.stack = QStackedWidget()
        self.stack.addWidget(tabs)
        self.stack.addWidget(self.lock_page)
        window.setCentralWidget(self.stack)
        self.tabs = tabs

        self.lock_action = menu.addAction(self.tr("Lock / switch clerk"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.backups_action = menu.addAction(self.tr("Backups and security…"))
        self.backups_action.triggered.connect(self.open_backups)
        self.audit_action = menu.addAction(self.tr("Audit trail…"))
        self.audit_action.triggered.connect(self.open_audit)
        self.supervisor_actions: list[QAction] = [self.audit_action]

        self.idle = IdleWatcher(10, self)
        self.idle.idle.connect(self.lock)
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(DAY_CHECK_MS)
        self.day_timer.timeout.connect(self.check_day)

    def start(self) -> None:
        self.desk.worker.submit(self.accounts.idle_lock_minutes, self._start_idle)
        self.day_timer.start()
        self.check_day()
        self.apply_role()

    def _start_idle(self, minutes: int) -> None:
        self.idle.set_minutes(minutes)
        self.idle.start()

    def stop(self) -> None:
        self.idle.stop()
        self.day_timer.stop()

    # ---- roles -----------------------------------------------------------------------
    def apply_role(self) -> None:
        """Show a supervisor's menu items to supervisors only (the services refuse
        the rest anyway)."""
        supervisor = self.desk.services.ctx.is_supervisor
        for action in self.supervisor_actions:
            action.setVisible(supervisor)

    # ---- the end of a day ------------------------------------------------------------
    def check_day(self) -> None:
        """A program left open overnight backs the past day up the next morning."""
        backups = self.desk.services.backups

        def due_then_backup() -> object:
            return backups.end_of_day() if backups.note_use() else None

        self.desk.worker.submit(due_then_backup)

    # ---- lock and unlock -------------------------------------------------------------
    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self._focus = QApplication.focusWidget()
        self.idle.timer.stop()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        public = {"job_board"}  # the hall screen shows no personal data: it stays
        for widget in app.topLevelWidgets():
            if widget is self.window or not widget.isVisible() or widget.objectName() in public:
                continue
            widget.hide()
            self._hidden.append(widget)
        self._disabled = [
            a for a in [*self.window.actions(), *self._menu_actions()] if a.isEnabled()
        ]
        for action in self._disabled:
            action.setEnabled(False)
        self.stack.setCurrentWidget(self.lock_page)
        self.lock_page.prepare(self.desk.services.ctx.clerk_name)
        self.desk.worker.submit(self.accounts.lock)

    def _menu_actions(self) -> list[QAction]:
        found: list[QAction] = []
        for top in self.window.menuBar().actions():
            menu = top.menu()
            found.append(top)
            if isinstance(menu, QMenu):
                found.extend(menu.actions())
        return found

    def unlock(self, clerk: ClerkInfo) -> None:
        self.locked = False
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.stack.setCurrentWidget(self.tabs)
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.apply_role()
        self.desk.bus.clerk_changed.emit(clerk)
        self.idle.start()
        focus, self._focus = self._focus, None
        if focus is not None:
            with contextlib.suppress(RuntimeError):  # the widget is gone
                focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- dialogs ---------------------------------------------------------------------
    def open_backups(self) -> SafetyDialog:
        dialog = SafetyDialog(self.desk, self.window)
        dialog.setObjectName("safety_dialog")
        dialog.restore_requested.connect(self.request_restore)
        dialog.settings_saved.connect(self.idle.set_minutes)
        dialog.open()
        return dialog

    def open_audit(self) -> AuditDialog:
        dialog = AuditDialog(self.desk, self.window)
        dialog.setObjectName("audit_dialog")
        dialog.open()
        return dialog

    def request_restore(self, request: RestoreRequest) -> None:
        """Close the window; the program's run loop restores the backup and opens
        the restored file."""
        self.pending_restore = request
        self.window.close()
