"""The personnel agency window: receive, find (scan), lend, return, transfer, print."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.enums import CustodyStatus
from lingong_desk.services.changes import CUSTODY, PEOPLE
from lingong_desk.services.outputs import PrintJob
from lingong_desk.services.personnel import FileDetail, FileRow
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import tr_enum
from lingong_desk.ui.personnel.panel import FilePanel, refusal_text
from lingong_desk.ui.personnel.receive import ReceivePage
from lingong_desk.ui.widgets.status import Banner

if TYPE_CHECKING:
    from lingong_desk.ui.print_preview import PrintPreview

log = logging.getLogger(__name__)


class FileTable(QTableWidget):
    """Files as rows; the row's file id is kept in the first cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("File no."),
                self.tr("Name"),
                self.tr("Status"),
                self.tr("Shelf / lent to"),
                self.tr("Due"),
            ]
        )
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)

    def fill(self, rows: list[FileRow]) -> None:
        self.setRowCount(0)
        for r in rows:
            i = self.rowCount()
            self.insertRow(i)
            where = r.borrower if r.status == CustodyStatus.LENT else r.shelf_location
            cells = [
                r.file_number,
                r.person_name,
                tr_enum(r.status, CustodyStatus),
                where,
                r.due_date.isoformat() if r.due_date else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, str(r.id))
                self.setItem(i, col, item)
        self.resizeColumnsToContents()

    def numbers(self) -> list[str]:
        items = (self.item(i, 0) for i in range(self.rowCount()))
        return [item.text() for item in items if item is not None]


class PersonnelWindow(QWidget):
    """Mount as ``PersonnelWindow(desk)`` and call ``start()`` once the clerk is signed in."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service = desk.services.personnel
        self.banner = Banner()
        self.scan = QLineEdit()
        self.scan.setObjectName("file_scan")
        self.scan.setPlaceholderText(
            self.tr("Scan a file label or type its number, then Enter (F2)")
        )
        self.receive = ReceivePage(desk, self.service)
        self.all_files = FileTable()
        self.all_files.setObjectName("all_files")
        self.overdue = FileTable()
        self.overdue.setObjectName("overdue_files")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.receive, self.tr("Receive a file"))
        self.tabs.addTab(self.all_files, self.tr("Files held"))
        self.tabs.addTab(self.overdue, self.tr("Overdue loans"))
        self.panel = FilePanel(desk, self.service)
        scan_row = QHBoxLayout()
        scan_row.addWidget(QLabel(self.tr("File")))
        scan_row.addWidget(self.scan, 1)
        splitter = QSplitter()
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(scan_row)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.scan.returnPressed.connect(self.open_scanned)
        QShortcut(QKeySequence("F2"), self, self.scan.setFocus)
        self.receive.received.connect(self.panel.show_file)
        for table in (self.all_files, self.overdue):
            table.cellDoubleClicked.connect(lambda row, _c, t=table: self._open_row(t, row))
            table.cellActivated.connect(lambda row, _c, t=table: self._open_row(t, row))
        self.panel.print_label.connect(self.preview_label)
        self.panel.print_certificate.connect(self.preview_certificate)
        desk.bus.changed.connect(self._changed)

    def start(self) -> None:
        self.refresh()

    def focus_entry(self) -> None:
        self.scan.setFocus()

    def show_page(self, index: int) -> None:
        """Ctrl+1 receive a file, Ctrl+2 files held, Ctrl+3 overdue loans."""
        self.tabs.setCurrentIndex(index)
        first = (self.receive.person.line, self.all_files, self.overdue)[index]
        first.setFocus()

    def _changed(self, tables: frozenset[str]) -> None:
        if tables & (CUSTODY | PEOPLE):
            self.refresh()

    def refresh(self) -> None:
        service = self.service
        self.desk.worker.submit(lambda: service.files(), self.all_files.fill)
        self.desk.worker.submit(lambda: service.files(overdue=True), self.overdue.fill)

    def open_scanned(self) -> None:
        text = self.scan.text()
        if not text.strip():
            return
        service = self.service

        def found(detail: FileDetail | None) -> None:
            self.scan.selectAll()
            if detail is None:
                self.banner.error(self.tr("No file numbered {number}.").format(number=text.strip()))
                return
            self.banner.clear()
            self.panel.show_file(detail)

        self.desk.worker.submit(lambda: service.find_by_number(text), found, self._failed)

    def open_file(self, custody_id: uuid.UUID) -> None:
        service = self.service
        self.desk.worker.submit(
            lambda: service.detail(custody_id), self.panel.show_file, self._failed
        )

    def _open_row(self, table: FileTable, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.open_file(uuid.UUID(str(item.data(Qt.ItemDataRole.UserRole))))

    def _failed(self, exc: BaseException) -> None:
        log.error("personnel operation failed", exc_info=exc)
        self.banner.error(refusal_text(exc))

    def preview_label(self) -> PrintPreview | None:
        detail = self.panel.detail
        if detail is None:
            return None
        cid, service, tr = detail.id, self.service, QCoreApplication.translate
        return self._preview(
            lambda layout: service.render_label(cid, layout, tr),
            [("label", self.tr("Label 60 × 40 mm")), ("sheet", self.tr("A4 sheet of labels"))],
            f"{detail.file_number}-label",
        )

    def preview_certificate(self) -> PrintPreview | None:
        detail = self.panel.detail
        if detail is None:
            return None
        cid, service, tr = detail.id, self.service, QCoreApplication.translate
        return self._preview(
            lambda _layout: service.render_certificate(cid, tr),
            [("a4", self.tr("A4"))],
            f"{detail.file_number}-certificate",
        )

    def _preview(
        self, render: Callable[[str], PrintJob], layouts: list[tuple[str, str]], stem: str
    ) -> PrintPreview:
        from lingong_desk.ui.print_preview import open_preview

        return open_preview(
            self, self.desk.worker, render, self.service.record_print, layouts, stem
        )
