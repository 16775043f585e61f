"""Sync dialogs: enrolling this desk with the city, and the "needs attention" list."""

from __future__ import annotations

import logging
import platform
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.calendar import time_text
from lingong_desk.domain.server_address import (
    is_server_address,
    needs_permission,
    normalise_fingerprint,
)
from lingong_desk.settings import save_settings
from lingong_desk.sync.attention import NOTE, REJECTED, AttentionItem
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.screen import resize_to_fit
from lingong_desk.ui.sync_status import SyncTexts
from lingong_desk.ui.sync_worker import BackgroundSyncer
from lingong_desk.ui.widgets.form import FieldGrid
from lingong_desk.ui.widgets.status import Banner

if TYPE_CHECKING:
    from lingong_desk.sync.client import Enrollment

log = logging.getLogger(__name__)


class EnrollDialog(QDialog):
    """The city's address and a one-time code in, a device credential stored."""

    enrolled = Signal(object)  # Enrollment

    def __init__(self, desk: Desk, syncer: BackgroundSyncer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.syncer = syncer
        self.setWindowTitle(self.tr("Enroll this desk"))
        self.banner = Banner()
        self.banner.info(
            self.tr(
                "Ask the city bureau for a one-time code for this market's desk, "
                "then enter it with the city server's address."
            )
        )
        g = self.grid = FieldGrid(1)
        self.server_url = g.add("server_url", self.tr("City server address"), QLineEdit())
        self.server_url.setPlaceholderText("https://lingong.example.gov.cn")
        self.server_url.setText(desk.settings.server_url)
        self.code = g.add("code", self.tr("One-time code"), QLineEdit())
        self.code.setPlaceholderText("ABCDE-FGHJK-MNPQR")
        self.fingerprint = g.add(
            "fingerprint", self.tr("Certificate fingerprint (SHA-256)"), QLineEdit()
        )
        self.fingerprint.setPlaceholderText(self.tr("printed beside the code, e.g. 3A:7F:…"))
        self.fingerprint.setToolTip(
            self.tr(
                "The city's certificate is trusted only if it has this fingerprint. "
                "Leave it empty only for a certificate of a public authority."
            )
        )
        self.allow_http = QCheckBox(
            self.tr("Allow unencrypted http:// (only inside a trusted network)")
        )
        g.add_widget(self.allow_http)
        self.device_name = g.add("device_name", self.tr("Name of this computer"), QLineEdit())
        self.device_name.setText(platform.node()[:100])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.enroll_button = self.buttons.addButton(
            self.tr("Enroll"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.enroll_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(g)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        (self.code if self.server_url.text() else self.server_url).setFocus()

    def submit(self) -> None:
        self.grid.clear_errors()
        url = self.server_url.text().strip()
        code = self.code.text().strip()
        if not is_server_address(url):
            self.grid.set_error(
                "server_url", self.tr("Enter an address such as https://lingong.example.gov.cn")
            )
            self.server_url.setFocus()
            return
        if not code:
            self.grid.set_error("code", self.tr("Enter the one-time code from the city."))
            self.code.setFocus()
            return
        pin = normalise_fingerprint(self.fingerprint.text())
        if pin is None:
            self.grid.set_error(
                "fingerprint", self.tr("A fingerprint is 64 hexadecimal digits (0-9, A-F).")
            )
            self.fingerprint.setFocus()
            return
        allow_http = self.allow_http.isChecked()
        if needs_permission(url) and not allow_http:
            self.grid.set_error(
                "server_url",
                self.tr(
                    "This address is not encrypted. Use the https:// address, or allow "
                    "http below if this network is trusted."
                ),
            )
            self.server_url.setFocus()
            return
        name = self.device_name.text().strip()
        engine = self.syncer.engine
        self.enroll_button.setEnabled(False)
        self.banner.info(self.tr("Enrolling…"))
        self.syncer.submit(
            lambda: engine.enroll(url, code, name, pin, allow_http), self._done, self._failed
        )

    def _done(self, enrollment: Enrollment) -> None:
        settings = self.desk.settings
        url = self.server_url.text().strip()
        if settings.server_url != url:
            settings.server_url = url
            try:
                save_settings(settings, self.desk.settings_path)
            except OSError:  # enrolled all the same: the address is in the database too
                log.exception("the settings file could not be saved")
        market = str(enrollment.market.get("name") or enrollment.market.get("code"))
        self.banner.success(
            self.tr("This computer is now desk {number} of {market}. Sync starts now.").format(
                number=enrollment.desk_number or "?", market=market
            )
        )
        self.code.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.enrolled.emit(enrollment)

    def _failed(self, exc: BaseException) -> None:
        self.enroll_button.setEnabled(True)
        self.banner.error(SyncTexts(self).error(exc))


class AttentionDialog(QDialog):
    """Changes the city refused, and notes of sync; a clerk reads and dismisses them."""

    def __init__(
        self,
        desk: Desk,
        load: Callable[[], list[AttentionItem]],
        dismiss: Callable[[list[tuple[str, int]]], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.load = load
        self.dismiss_fn = dismiss
        self.items: list[AttentionItem] = []
        self.setWindowTitle(self.tr("Needs attention"))
        self.banner = Banner()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("attention_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("What"), self.tr("Record"), self.tr("Reason")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setObjectName("dismiss")
        self.dismiss_button.setToolTip(self.tr("Take the selected entries off this list"))
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.dismiss_button.setEnabled(False)
        self.table.itemSelectionChanged.connect(
            lambda: self.dismiss_button.setEnabled(bool(self.selected()))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.dismiss_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 860, 420)
        self.reload()

    def reload(self) -> None:
        self.desk.worker.submit(self.load, self._fill)

    def what(self, item: AttentionItem) -> str:
        names = {
            "person": self.tr("Job seeker"),
            "person_occupation": self.tr("Wanted job type"),
            "employer": self.tr("Employer"),
            "job_posting": self.tr("Job posting"),
            "referral": self.tr("Referral"),
            "referral_event": self.tr("Referral step"),
            "file_custody": self.tr("Personnel file"),
            "file_movement": self.tr("File movement"),
            "guidance_session": self.tr("Guidance session"),
            "consultation": self.tr("Consultation"),
            "knowledge_article": self.tr("Knowledge article"),
            "audit_event": self.tr("Audit record"),
            "clerk": self.tr("Clerk"),
        }
        if item.kind == REJECTED:
            how = self.tr("refused by the city")
        elif item.kind == NOTE and item.source == "push":
            how = self.tr("conflict kept at the city")
        else:
            how = self.tr("not stored on this desk")
        return f"{names.get(item.entity, item.entity)}: {how}"

    def _fill(self, items: list[AttentionItem]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = [
                time_text(item.at),
                self.what(item),
                item.label or str(item.row_id)[:8],
                item.reason,
            ]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                cell.setData(Qt.ItemDataRole.UserRole, (item.kind, item.id))
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()
        if items:
            self.banner.clear()
        else:
            self.banner.success(self.tr("Nothing needs attention."))
        self.dismiss_button.setEnabled(bool(self.selected()))

    def selected(self) -> list[tuple[str, int]]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [(self.items[r].kind, self.items[r].id) for r in rows if r < len(self.items)]

    def dismiss_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        dismiss = self.dismiss_fn
        self.desk.worker.submit(lambda: dismiss(chosen), lambda _n: self.reload())
