"""Settings of this desk, and the clerk accounts of the market."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.calendar import time_text
from lingong_desk.domain.enums import ClerkRole
from lingong_desk.domain.registration import DraftRejected
from lingong_desk.domain.server_address import is_server_address
from lingong_desk.services.accounts import AccountService
from lingong_desk.settings import Settings, save_settings
from lingong_desk.ui.i18n import error_text, tr_enum, tr_error
from lingong_desk.ui.widgets.form import FieldGrid, combo_value, enum_combo, set_combo_value
from lingong_desk.ui.widgets.status import Banner


class SettingsDialog(QDialog):
    """Language, city server address, data folder (the settings file); this desk's
    number and the validity of referral slips (the database)."""

    def __init__(
        self,
        settings: Settings,
        path: Path | None,
        parent: QWidget | None = None,
        desk_options: tuple[int, int] = (1, 12),
        save_desk_options: Callable[[int, int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.path = path
        self.save_desk_options = save_desk_options
        self.setWindowTitle(self.tr("Settings"))
        self.banner = Banner()
        g = self.grid = FieldGrid(1)
        self.language = g.add("language", self.tr("Language"), QComboBox())
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        set_combo_value(self.language, settings.language)
        self.server_url = g.add("server_url", self.tr("City server address"), QLineEdit())
        self.server_url.setPlaceholderText("https://lingong.example.gov.cn")
        self.server_url.setText(settings.server_url)
        folder = QWidget()
        row = QHBoxLayout(folder)
        row.setContentsMargins(0, 0, 0, 0)
        self.data_dir = QLineEdit(str(settings.data_path))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.data_dir, 1)
        row.addWidget(browse)
        g.add("data_dir", self.tr("Data folder"), folder)
        self.desk_number = g.add("desk_number", self.tr("Number of this desk (1-9)"), QSpinBox())
        self.desk_number.setRange(1, 9)
        self.desk_number.setValue(desk_options[0])
        self.desk_number.setToolTip(
            self.tr(
                "Each desk of the market needs its own number: it keeps referral numbers apart."
            )
        )
        self.validity = g.add("validity", self.tr("Referral slips valid for (days)"), QSpinBox())
        self.validity.setRange(1, 90)
        self.validity.setValue(desk_options[1])
        note = QLabel(self.tr("Language and data folder take effect at the next start."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(g)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Data folder"), self.data_dir.text()
        )
        if chosen:
            self.data_dir.setText(chosen)

    def submit(self) -> None:
        self.grid.clear_errors()
        url = self.server_url.text().strip()
        if url and not is_server_address(url):
            self.grid.set_error(
                "server_url", self.tr("Enter an address such as https://lingong.example.gov.cn")
            )
            self.server_url.setFocus()
            return
        folder = self.data_dir.text().strip()
        if not folder:
            self.grid.set_error("data_dir", self.tr("Choose a data folder."))
            return
        self.settings.language = combo_value(self.language) or "zh_CN"
        self.settings.server_url = url
        self.settings.data_dir = folder
        try:
            save_settings(self.settings, self.path)
            if self.save_desk_options is not None:
                self.save_desk_options(self.desk_number.value(), self.validity.value())
        except OSError as exc:
            self.banner.error(self.tr("The settings could not be saved: {error}").format(error=exc))
            return
        self.accept()


class ClerksDialog(QDialog):
    """The market's clerk accounts; a supervisor adds new ones."""

    def __init__(
        self, accounts: AccountService, is_supervisor: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.setWindowTitle(self.tr("Clerks"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Last sign-in")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.banner = Banner()
        g = self.grid = FieldGrid(1)
        self.name = g.add("clerk_name", self.tr("New clerk's name"), QLineEdit())
        self.role = g.add("role", self.tr("Role"), enum_combo(ClerkRole))
        self.password = g.add("password", self.tr("Password"), QLineEdit())
        self.repeat = g.add("repeat", self.tr("Password again"), QLineEdit())
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.deactivate_button = QPushButton(self.tr("Deactivate the chosen clerk"))
        self.deactivate_button.setObjectName("deactivate_clerk")
        self.deactivate_button.setToolTip(
            self.tr("A clerk who has left (a temporary clerk's last day) can no longer sign in.")
        )
        self.deactivate_button.clicked.connect(self.deactivate)
        self.add_button = QPushButton(self.tr("Add clerk"))
        self.add_button.clicked.connect(self.add)
        self.add_button.setDefault(True)  # Enter in the form adds the clerk, once
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.deactivate_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.banner)
        layout.addWidget(g)
        layout.addWidget(self.add_button)
        layout.addWidget(close)
        self.deactivate_button.setVisible(is_supervisor)
        if not is_supervisor:
            g.setEnabled(False)
            self.add_button.setEnabled(False)
            self.banner.info(self.tr("Only a supervisor can add clerks."))
        self.setMinimumWidth(480)
        self.reload()

    def reload(self) -> None:
        clerks = self.accounts.clerks()
        self.table.setRowCount(len(clerks))
        for row, clerk in enumerate(clerks):
            last = time_text(clerk.last_login)
            for col, text in enumerate([clerk.name, tr_enum(clerk.role, ClerkRole), last]):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, clerk.id)
                self.table.setItem(row, col, item)

    def deactivate(self) -> None:
        items = self.table.selectedItems()
        if not items:
            self.banner.error(self.tr("Choose a clerk in the list first."))
            return
        clerk_id, name = items[0].data(Qt.ItemDataRole.UserRole), self.table.item(items[0].row(), 0)
        try:
            self.accounts.deactivate(clerk_id)
        except (DraftRejected, PermissionError) as exc:
            message = (
                tr_error(next(iter(exc.problems.values())))
                if isinstance(exc, DraftRejected)
                else error_text(exc)
            )
            self.banner.error(message)
            return
        self.banner.success(
            self.tr("{name} can no longer sign in.").format(name=name.text() if name else "")
        )
        self.reload()

    def add(self) -> None:
        try:
            info = self.accounts.add_clerk(
                self.name.text(),
                self.password.text(),
                self.repeat.text(),
                combo_value(self.role) or "clerk",
            )
        except DraftRejected as exc:
            self.grid.show_errors(exc.problems)
            self.banner.error(self.tr("Not added: please correct the fields marked in red."))
            return
        self.grid.clear_errors()
        for edit in (self.name, self.password, self.repeat):
            edit.clear()
        self.banner.success(self.tr("{name} can now sign in.").format(name=info.name))
        self.reload()
