"""One personnel file: its facts, its history, and lending, return and transfer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.calendar import time_text
from lingong_desk.domain.custody import DEFAULT_LOAN_DAYS, TRANSFER_METHODS, CustodyRefused
from lingong_desk.domain.enums import (
    CustodyStatus,
    FileContent,
    FileMovementKind,
    TransferMethod,
)
from lingong_desk.services.personnel import FileDetail, PersonnelService
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import tr_enum
from lingong_desk.ui.widgets.form import error_label


def refusal_text(exc: BaseException) -> str:
    if isinstance(exc, CustodyRefused):
        return QCoreApplication.translate("custody", exc.message).format(**exc.params)
    return str(exc)


class FilePanel(QWidget):
    print_label = Signal()
    print_certificate = Signal()

    def __init__(
        self, desk: Desk, service: PersonnelService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service = service
        self.detail: FileDetail | None = None
        self.heading = QLabel(self.tr("Scan a file label or choose a file."))
        self.heading.setObjectName("file_heading")
        self.heading.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("What"),
                self.tr("Who / where"),
                self.tr("Due"),
                self.tr("Clerk"),
            ]
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # lending and return
        self.borrower = QLineEdit()
        self.borrower.setObjectName("lend_to")
        self.borrower.setPlaceholderText(self.tr("To whom"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        first_due = desk.services.ctx.today() + dt.timedelta(days=DEFAULT_LOAN_DAYS)
        self.due.setDate(QDate(first_due.year, first_due.month, first_due.day))
        self.lend_button = QPushButton(self.tr("Lend"))
        self.lend_button.setObjectName("lend_button")
        self.return_button = QPushButton(self.tr("Return"))
        self.return_button.setObjectName("return_button")
        self.lend_error = self._error_label("lend_error")
        lend_box = QGroupBox(self.tr("Lend and return"))
        lend = QGridLayout(lend_box)
        lend.addWidget(QLabel(self.tr("Lend to")), 0, 0)
        lend.addWidget(self.borrower, 0, 1)
        lend.addWidget(QLabel(self.tr("Due")), 0, 2)
        lend.addWidget(self.due, 0, 3)
        lend.addWidget(self.lend_button, 0, 4)
        lend.addWidget(self.return_button, 0, 5)
        lend.addWidget(self.lend_error, 1, 0, 1, 6)
        # transfer out
        self.receiver = QLineEdit()
        self.receiver.setObjectName("transfer_to")
        self.receiver.setPlaceholderText(self.tr("Receiving archive or employer"))
        self.method = QComboBox()
        self.method.setObjectName("transfer_method")
        for method in TRANSFER_METHODS:
            self.method.addItem(tr_enum(method, TransferMethod), method)
        self.tracking = QLineEdit()
        self.tracking.setObjectName("transfer_tracking")
        self.tracking.setPlaceholderText(self.tr("Tracking number"))
        self.transfer_button = QPushButton(self.tr("Transfer out"))
        self.transfer_button.setObjectName("transfer_button")
        self.transfer_error = self._error_label("transfer_error")
        transfer_box = QGroupBox(self.tr("Transfer out (ends custody)"))
        transfer = QGridLayout(transfer_box)
        transfer.addWidget(QLabel(self.tr("To")), 0, 0)
        transfer.addWidget(self.receiver, 0, 1)
        transfer.addWidget(self.method, 0, 2)
        transfer.addWidget(self.tracking, 0, 3)
        transfer.addWidget(self.transfer_button, 0, 4)
        transfer.addWidget(self.transfer_error, 1, 0, 1, 5)
        self.label_button = QPushButton(self.tr("Print label…"))
        self.label_button.setObjectName("label_button")
        self.certificate_button = QPushButton(self.tr("Custody certificate…"))
        self.certificate_button.setObjectName("certificate_button")
        prints = QHBoxLayout()
        prints.addWidget(self.label_button)
        prints.addWidget(self.certificate_button)
        prints.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addLayout(prints)
        layout.addWidget(self.history, 1)
        layout.addWidget(lend_box)
        layout.addWidget(transfer_box)
        self.lend_button.clicked.connect(self.lend)
        self.return_button.clicked.connect(self.return_file)
        self.transfer_button.clicked.connect(self.transfer)
        self.label_button.clicked.connect(self.print_label)
        self.certificate_button.clicked.connect(self.print_certificate)
        self.show_file(None)

    @staticmethod
    def _error_label(name: str) -> QLabel:
        return error_label(name)

    def show_file(self, detail: FileDetail | None) -> None:
        self.detail = detail
        self.lend_error.clear()
        self.transfer_error.clear()
        enabled = detail is not None
        for w in (
            self.lend_button,
            self.return_button,
            self.transfer_button,
            self.label_button,
            self.certificate_button,
        ):
            w.setEnabled(enabled)
        self.history.setRowCount(0)
        if detail is None:
            self.heading.setText(self.tr("Scan a file label or choose a file."))
            self.facts.clear()
            return
        status = tr_enum(detail.status, CustodyStatus)
        self.heading.setText(f"{detail.file_number}  {detail.person_name}  [{status}]")
        self.facts.setText(
            self.tr(
                "ID {id} · shelf {shelf} · received {date} from {source}\nContents: {items}"
            ).format(
                id=detail.person_id_masked,
                shelf=detail.shelf_location or "-",
                date=detail.received_on.isoformat(),
                source=detail.received_from or "-",
                items=QLocale().createSeparatedList(
                    [tr_enum(item, FileContent) for item in detail.checklist]
                ),
            )
        )
        self.certificate_button.setEnabled(detail.status != CustodyStatus.TRANSFERRED)
        for m in detail.movements:
            row = self.history.rowCount()
            self.history.insertRow(row)
            who = m.counterparty
            if m.method:
                method = tr_enum(m.method, TransferMethod)
                who = f"{who} ({method} {m.tracking_number})".strip()
            cells = [
                time_text(m.at),
                tr_enum(m.kind, FileMovementKind),
                who,
                m.due_date.isoformat() if m.due_date else "",
                m.clerk_name,
            ]
            for col, text in enumerate(cells):
                self.history.setItem(row, col, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()
        today = self.desk.services.ctx.today() + dt.timedelta(days=DEFAULT_LOAN_DAYS)
        self.due.setDate(QDate(today.year, today.month, today.day))

    def _run(self, fn: Callable[[], FileDetail], error: QLabel) -> None:
        error.clear()

        def failed(exc: BaseException) -> None:
            error.setText(refusal_text(exc))

        self.desk.worker.submit(fn, self.show_file, failed)

    def lend(self) -> None:
        if self.detail is None:
            return
        cid, who = self.detail.id, self.borrower.text()
        q = self.due.date()
        due = dt.date(q.year(), q.month(), q.day())
        service = self.service
        self._run(lambda: service.lend(cid, who, due), self.lend_error)

    def return_file(self) -> None:
        if self.detail is None:
            return
        cid, service = self.detail.id, self.service
        self._run(lambda: service.return_file(cid), self.lend_error)

    def transfer(self) -> None:
        if self.detail is None:
            return
        cid, service = self.detail.id, self.service
        args = (self.receiver.text(), str(self.method.currentData()), self.tracking.text())
        self._run(lambda: service.transfer_out(cid, *args), self.transfer_error)

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape:
            self.show_file(None)
            return
        super().keyPressEvent(event)
