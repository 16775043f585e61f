"""The personnel agency window: receive, find (scan), lend, return, transfer, print."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
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
from lingong_desk.ui.widgets.list_panel import ResultTable
from lingong_desk.ui.widgets.status import Banner
from lingong_desk.ui.widgets.table_model import Column, LazyRowModel

if TYPE_CHECKING:
    from lingong_desk.ui.print_preview import PrintPreview

log = logging.getLogger(__name__)


def _where(r: FileRow) -> str:
    return r.borrower if r.status == CustodyStatus.LENT else r.shelf_location


class FileTable(ResultTable):
    """Files as rows, fetched page by page as the clerk scrolls (``LazyRowModel``)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        columns = [
            Column(self.tr("File no."), lambda r: r.file_number),
            Column(self.tr("Name"), lambda r: r.person_name),
            Column(self.tr("Status"), lambda r: tr_enum(r.status, CustodyStatus)),
            Column(self.tr("Shelf / lent to"), _where),
            Column(self.tr("Due"), lambda r: r.due_date.isoformat() if r.due_date else ""),
        ]
        self.rows = LazyRowModel(columns, desk.services.personnel.file_rows, desk.worker, self)
        self.setModel(self.rows)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._fitted = False

    def fill(self, result: tuple[list[uuid.UUID], list[FileRow]]) -> None:
        """All the ids and the first page of rows; the rest come with scrolling."""
        ids, first = result
        self.rows.reset_ids(ids, first)
        if first and not self._fitted:
            self.resizeColumnsToContents()
            self._fitted = True

    def rowCount(self) -> int:
        """The rows loaded so far."""
        return self.rows.rowCount()

    def total(self) -> int:
        return self.rows.total()

    def numbers(self) -> list[str]:
        return [row.file_number for row in self.rows.rows]


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
        self.all_files = FileTable(desk)
        self.all_files.setObjectName("all_files")
        self.overdue = FileTable(desk)
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
            table.doubleClicked.connect(lambda index, t=table: self._open_row(t, index.row()))
            table.open_current.connect(lambda t=table: self._open_row(t, t.currentIndex().row()))
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
        service, page = self.service, LazyRowModel.PAGE

        def first_page(overdue: bool) -> tuple[list[uuid.UUID], list[FileRow]]:
            ids = service.file_ids(overdue)
            return ids, service.file_rows(ids[:page])

        self.desk.worker.submit(lambda: first_page(False), self.all_files.fill)
        self.desk.worker.submit(lambda: first_page(True), self.overdue.fill)

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
        if 0 <= row < table.rowCount():
            self.open_file(table.rows.row_at(row).id)

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
