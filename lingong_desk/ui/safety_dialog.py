"""System → Backups and security: the backups with their time and size, a backup
now, a restore (supervisors), the second backup folder and the idle lock time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.calendar import time_text
from lingong_desk.domain.registration import DraftRejected
from lingong_desk.services.accounts import IDLE_LOCK_RANGE
from lingong_desk.services.backups import BackupFile, BackupRun
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import error_text, tr_error
from lingong_desk.ui.screen import resize_to_fit
from lingong_desk.ui.widgets.form import FieldGrid
from lingong_desk.ui.widgets.status import Banner


@dataclass(frozen=True)
class RestoreRequest:
    path: Path
    recovery_code: str = ""  # for a backup encrypted on another PC


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


class SafetyDialog(QDialog):
    restore_requested = Signal(object)  # RestoreRequest of a checked backup, confirmed

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.backups = desk.services.backups
        self.supervisor = desk.services.ctx.is_supervisor
        self.setWindowTitle(self.tr("Backups and security"))
        self.banner = Banner()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Taken"), self.tr("Kind"), self.tr("Size"), self.tr("Folder")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.setObjectName("backup_now")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Restore the chosen backup…"))
        self.restore_button.setObjectName("restore_chosen")
        self.restore_button.clicked.connect(self.restore_chosen)
        self.restore_file_button = QPushButton(self.tr("Restore from a file…"))
        self.restore_file_button.setObjectName("restore_file")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addStretch(1)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.restore_file_button)

        self.settings_box = QGroupBox(self.tr("Settings (supervisor)"))
        g = self.grid = FieldGrid(1)
        folder = QWidget()
        row = QHBoxLayout(folder)
        row.setContentsMargins(0, 0, 0, 0)
        self.second_folder = QLineEdit()
        self.second_folder.setPlaceholderText(self.tr("e.g. a USB stick or a network share"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.second_folder, 1)
        row.addWidget(browse)
        g.add("second_folder", self.tr("Second backup folder"), folder)
        self.idle_minutes = g.add("idle_minutes", self.tr("Lock after idle (minutes)"), QSpinBox())
        self.idle_minutes.setRange(*IDLE_LOCK_RANGE)
        save = QPushButton(self.tr("Save settings"))
        save.setObjectName("save_safety")
        save.clicked.connect(self.save_settings)
        box_layout = QVBoxLayout(self.settings_box)
        box_layout.addWidget(g)
        box_layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.settings_box)
        layout.addWidget(close)
        for widget in (self.restore_button, self.restore_file_button, self.settings_box):
            widget.setVisible(self.supervisor)
        resize_to_fit(self, 760, 520)
        self.reload()
        if self.supervisor:
            accounts = desk.services.accounts
            desk.worker.submit(
                lambda: (self.backups.second_folder_setting(), accounts.idle_lock_minutes()),
                self._show_settings,
            )

    # ---- the list ------------------------------------------------------------
    def reload(self) -> None:
        self.desk.worker.submit(self.backups.backups, self._show)

    def kind_text(self, kind: str) -> str:
        if kind.startswith("pre-"):
            return self.tr("Before an update (schema {rev})").format(rev=kind[4:])
        return {
            "daily": self.tr("End of day"),
            "manual": self.tr("Made by hand"),
            "replaced": self.tr("File replaced by a restore"),
            "replaced-raw": self.tr("File replaced by a restore (damaged)"),
        }.get(kind, kind)

    def _show(self, backups: list[BackupFile]) -> None:
        self.table.setRowCount(len(backups))
        for row, b in enumerate(backups):
            cells = [
                time_text(b.taken_at),
                self.kind_text(b.kind),
                size_text(b.size),
                str(b.folder),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(b.path))
                if col == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        if backups:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(backups))

    # ---- backing up ------------------------------------------------------------
    def backup_now(self) -> None:
        self.backup_button.setEnabled(False)
        self.banner.info(self.tr("Backing up…"))
        self.desk.worker.submit(self.backups.backup_now, self._backed_up, self._failed)

    def _backed_up(self, run: BackupRun) -> None:
        self.backup_button.setEnabled(True)
        if run.ok:
            size = size_text(run.made[0].size)
            self.banner.success(
                self.tr("Backup made and checked ({size}, {count} folder(s)).").format(
                    size=size, count=len(run.made)
                )
            )
        else:
            failed = "; ".join(f"{folder}: {why}" for folder, why in run.failed)
            self.banner.error(self.tr("Backup not made everywhere: {why}").format(why=failed))
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.banner.error(error_text(exc))

    # ---- restoring ----------------------------------------------------------------
    def chosen(self) -> Path | None:
        items = self.table.selectedItems()
        return Path(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def restore_chosen(self) -> None:
        path = self.chosen()
        if path is not None:
            self.check_then_confirm(path)

    def restore_from_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore from a file"), "", self.tr("Desk backups (*.sqlite3)")
        )
        if chosen:
            self.check_then_confirm(Path(chosen))

    def check_then_confirm(self, path: Path, code: str = "") -> None:
        self.banner.info(self.tr("Checking the backup…"))

        def failed(exc: BaseException) -> None:
            self.banner.error(
                self.tr("This backup cannot be restored: {why}").format(why=error_text(exc))
            )

        def checked(needs_code: bool) -> None:
            if needs_code and not code:
                self.ask_recovery_code(path)
                return
            self.desk.worker.submit(
                lambda: self.backups.check_backup(path, code),
                lambda _checked: self.confirm(path, code),
                failed,
            )

        self.desk.worker.submit(lambda: self.backups.needs_recovery_code(path), checked, failed)

    def ask_recovery_code(self, path: Path) -> None:
        """A backup of another PC (or of this one before a reinstall) opens with
        the recovery code kept on paper."""
        code, ok = QInputDialog.getText(
            self,
            self.tr("Recovery code"),
            self.tr(
                "This backup was encrypted on another PC, or before this one was set up "
                "again. Type the recovery code kept on paper (eight groups of four):"
            ),
        )
        if ok and code.strip():
            self.check_then_confirm(path, code.strip())
        else:
            self.banner.error(self.tr("Not restored: the backup needs its recovery code."))

    def confirm(self, path: Path, code: str = "") -> None:
        self.banner.info(self.tr("The backup is whole."))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Restore a backup"),
            self.tr(
                "Restore {file}?\n\nThe program closes the data file (a copy of it is kept "
                "among the backups), puts the backup in its place and asks you to sign in "
                "again. Work done after the backup comes back from the city at the next "
                "sync, if this desk syncs."
            ).format(file=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirm_restore")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self._confirmed(RestoreRequest(path, code)))
        box.open()

    def _confirmed(self, request: RestoreRequest) -> None:
        self.restore_requested.emit(request)
        self.accept()

    # ---- settings -------------------------------------------------------------------
    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Second backup folder"), self.second_folder.text()
        )
        if chosen:
            self.second_folder.setText(chosen)

    def _show_settings(self, values: tuple[str, int]) -> None:
        self.second_folder.setText(values[0])
        self.idle_minutes.setValue(values[1])

    def save_settings(self) -> None:
        folder, minutes = self.second_folder.text().strip(), self.idle_minutes.value()
        accounts = self.desk.services.accounts
        self.grid.clear_errors()

        def save() -> None:
            self.backups.set_second_folder(folder)
            accounts.set_idle_lock_minutes(minutes)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DraftRejected):
                for key, problem in exc.problems.items():
                    if key in self.grid.editors:
                        self.grid.set_error(key, tr_error(problem))
            self.banner.error(self.tr("Not saved: {why}").format(why=error_text(exc)))

        def saved(_result: object) -> None:
            self.banner.success(self.tr("Settings saved."))
            self.settings_saved.emit(minutes)
            self.reload()

        self.desk.worker.submit(save, saved, failed)

    settings_saved = Signal(int)  # the idle lock time, in minutes


class RecoveryCodeDialog(QDialog):
    """The recovery code of the encrypted data file, shown once to a supervisor."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recovery code of this desk's data"))
        intro = QLabel(
            self.tr(
                "The data on this PC and its backups are encrypted. The key is kept by "
                "this PC, so nobody types a password for it. If the PC breaks or is "
                "replaced, this code opens the backups on another PC.\n\n"
                "Write it down on paper now and keep it locked away, apart from the PC "
                "and the backup stick. It is shown only this once."
            )
        )
        intro.setWordWrap(True)
        self.code = QLabel(code)
        self.code.setObjectName("recovery_code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setStyleSheet(
            "font-family: monospace; font-size: 16pt; font-weight: bold; padding: 12px;"
            "border: 1px solid #888; background: #fff;"
        )
        self.written = QCheckBox(self.tr("I have written the code down"))
        self.written.setObjectName("code_written")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.written.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code)
        layout.addWidget(self.written)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        resize_to_fit(self, 620, 360)

    def reject(self) -> None:  # Esc does not skip it: the code is shown only once
        if self.written.isChecked():
            super().reject()
