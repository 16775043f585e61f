"""Sync in the main window: menu items, the status bar part, the background syncer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from lingong_desk.services.changes import SYNC_STATE
from lingong_desk.sync.bundles import Imported
from lingong_desk.sync.engine import SyncEngine, SyncReport, SyncStatus
from lingong_desk.sync.errors import SyncError
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.sync_dialogs import AttentionDialog, EnrollDialog
from lingong_desk.ui.sync_status import SyncStatusWidget, SyncTexts
from lingong_desk.ui.sync_worker import BackgroundSyncer


class SyncControls(QObject):
    def __init__(self, window: QMainWindow, desk: Desk, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.desk = desk
        self.engine: SyncEngine = desk.services.sync
        self.syncer = BackgroundSyncer(self.engine, self)
        self.texts = SyncTexts(self)
        self.widget = SyncStatusWidget()
        self.widget.attention_clicked.connect(self.open_attention)
        self.status: SyncStatus | None = None
        self.message = ""  # the last thing said to the clerk (tests read it)
        self.sync_action = menu.addAction(self.tr("Sync now"))
        self.sync_action.setShortcut(QKeySequence("F9"))
        self.sync_action.triggered.connect(self.sync_now)
        self.attention_action = menu.addAction(self.tr("Needs attention…"))
        self.attention_action.triggered.connect(self.open_attention)
        self.enroll_action = menu.addAction(self.tr("Enroll this desk…"))
        self.enroll_action.triggered.connect(self.open_enroll)
        menu.addSeparator()
        self.export_action = menu.addAction(self.tr("Export changes to a bundle file…"))
        self.export_action.triggered.connect(self.choose_export_folder)
        self.import_action = menu.addAction(self.tr("Import a bundle file from the city…"))
        self.import_action.triggered.connect(self.choose_import_file)
        self.syncer.running_changed.connect(self.widget.set_running)
        self.syncer.online_changed.connect(self.widget.set_online)
        self.syncer.report_ready.connect(self._reported)
        # what sync wrote (rows from the city, its own state) reaches every view
        self.syncer.changed.connect(desk.bus.changed.emit)
        desk.bus.changed.connect(
            lambda tables: self.refresh_status() if tables & SYNC_STATE else None
        )
        self.clock = QTimer(self)  # ages in the status bar move on by themselves
        self.clock.setInterval(60_000)
        self.clock.timeout.connect(lambda: self.widget.update_text())

    def start(self) -> None:
        self.clock.start()

        def first(status: SyncStatus) -> None:
            self._show_status(status)
            self.syncer.start(status.enrolled)

        self.desk.worker.submit(self.engine.status, first)

    def stop(self) -> None:
        self.clock.stop()
        self.syncer.stop()

    # ---- status --------------------------------------------------------------------
    def refresh_status(self) -> None:
        self.desk.worker.submit(self.engine.status, self._show_status)

    def _show_status(self, status: SyncStatus) -> None:
        self.status = status
        self.widget.show_status(status)

    def _reported(self, report: SyncReport) -> None:
        self.widget.set_error("" if report.ok else self.texts.error(report.error or Exception()))
        self.refresh_status()

    def say(self, text: str) -> None:
        self.message = text
        self.window.statusBar().showMessage(text, 15_000)

    def warn(self, exc: BaseException) -> None:
        self.message = self.texts.error(exc)
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Sync"), self.message, parent=self.window
        )
        box.setObjectName("sync_warning")
        box.open()

    # ---- actions -------------------------------------------------------------------
    def sync_now(self) -> None:
        if self.syncer.sync_now():
            self.say(self.tr("Syncing with the city server…"))
        else:
            self.say(self.texts.error(SyncError("not_enrolled", "not enrolled")))

    def open_attention(self) -> AttentionDialog:
        dialog = AttentionDialog(
            self.desk, self.engine.attention_items, self.engine.dismiss, self.window
        )
        dialog.setObjectName("attention_dialog")
        dialog.open()
        return dialog

    def open_enroll(self) -> EnrollDialog:
        dialog = EnrollDialog(self.desk, self.syncer, self.window)
        dialog.setObjectName("enroll_dialog")
        dialog.enrolled.connect(lambda _e: self._enrolled())
        dialog.open()
        return dialog

    def _enrolled(self) -> None:
        self.refresh_status()
        self.syncer.start(True)

    def settings_saved(self) -> None:
        """The city server's address changed in Settings: sync goes there from now on."""
        url = self.desk.settings.server_url
        engine = self.engine
        if url and self.status is not None and self.status.enrolled:
            self.syncer.submit(lambda: engine.set_server_url(url))

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Folder for the bundle files (e.g. a USB stick)")
        )
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        engine = self.engine

        def done(files: list[Path]) -> None:
            if files:
                self.say(
                    self.tr("Wrote %n bundle file(s) to {folder}", "", len(files)).format(
                        folder=folder
                    )
                )
            else:
                self.say(self.tr("No changes are waiting to be sent."))

        self.syncer.submit(lambda: engine.export_push_bundles(folder), done, self.warn)

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Bundle file from the city"),
            "",
            self.tr("LingGong bundles (*.lgbundle);;All files (*)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        engine = self.engine

        def done(imported: Imported) -> None:
            self.say(self.tr("Imported %n change(s) from the city.", "", imported.changes))

        self.syncer.submit(lambda: engine.import_pull_bundle(path), done, self.warn)
