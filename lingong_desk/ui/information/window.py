"""Window 5, information (信息咨询): enquiries, the knowledge base, the public job board."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.enums import PayUnit
from lingong_desk.services.changes import CONSULTATIONS, EMPLOYERS, KNOWLEDGE, POSTINGS
from lingong_desk.services.information import BoardPosting, InformationService
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.information.board import JobBoard
from lingong_desk.ui.information.knowledge_page import KnowledgePage
from lingong_desk.ui.information.log_page import LogPage

if TYPE_CHECKING:  # QtPdf loads with the first preview
    from lingong_desk.ui.print_preview import PrintPreview


class BoardPage(QWidget):
    """The open postings as the public sees them; wall sheets and the hall screen."""

    def __init__(
        self, desk: Desk, service: InformationService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service = service
        self.board: JobBoard | None = None
        self.board_interval_ms = 12_000
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("board_postings")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Job"),
                self.tr("Pay"),
                self.tr("Place"),
                self.tr("Wanted"),
                self.tr("Employer"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.count_label = QLabel()
        self.print_button = QPushButton(self.tr("Print wall sheets… (Ctrl+P)"))
        self.print_button.setObjectName("print_board")
        self.screen_button = QPushButton(self.tr("Open job board screen (F11)"))
        self.screen_button.setObjectName("open_board")
        self.print_button.clicked.connect(self.preview)
        self.screen_button.clicked.connect(self.open_board)
        shortcut = QShortcut(QKeySequence("Ctrl+P"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.preview)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.screen_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        self.desk.worker.submit(self.service.board_postings, self.show_rows)

    def show_rows(self, rows: list[BoardPosting]) -> None:
        self.count_label.setText(
            self.tr("{n} open postings, {places} places").format(
                n=len(rows), places=sum(r.open_places for r in rows)
            )
        )
        self.table.setRowCount(len(rows))
        for r, p in enumerate(rows):
            unit = QCoreApplication.translate("enums", PayUnit(p.pay_unit).label)
            pay = f"{p.pay} {unit}" if p.pay else ""
            for c, text in enumerate((p.title, pay, p.place, str(p.open_places), p.employer)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def preview(self) -> PrintPreview:
        service = self.service
        tr = QCoreApplication.translate
        from lingong_desk.ui.print_preview import open_preview

        return open_preview(
            self,
            self.desk.worker,
            lambda layout: service.render_board(layout, tr),
            service.record_print,
            [
                ("a4", self.tr("A4, four postings a sheet")),
                ("a3", self.tr("A3, six postings a sheet")),
            ],
            "job-board",
            self.tr("Job board wall sheets"),
        )

    def open_board(self) -> JobBoard:
        if self.board is None:
            self.board = JobBoard(self.desk, self.service, self.board_interval_ms)
            self.board.destroyed.connect(self._board_closed)
        self.board.open_full_screen()
        return self.board

    def _board_closed(self) -> None:
        self.board = None

    def close_board(self) -> None:
        if self.board is not None:
            self.board.close()


class InformationWindow(QWidget):
    """Mount as ``InformationWindow(desk)``; it loads its data on its own."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service = desk.services.information
        self.tabs = QTabWidget()
        self.log_page = LogPage(desk, self.service)
        self.knowledge = KnowledgePage(desk, self.service)
        self.board_page = BoardPage(desk, self.service)
        self.tabs.addTab(self.log_page, self.tr("Enquiries (Ctrl+1)"))
        self.tabs.addTab(self.knowledge, self.tr("Knowledge base (Ctrl+2)"))
        self.tabs.addTab(self.board_page, self.tr("Job board (Ctrl+3)"))
        # Ctrl+1…3 (the pages) and F11 (the hall screen) are the main window's keys
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        desk.bus.changed.connect(self._changed)
        self.start()

    def start(self) -> None:
        """Read today's log, the open postings, and the knowledge base (seeded when empty)."""
        self.log_page.reload()
        self.board_page.reload()
        self.knowledge.run_search()
        self.desk.worker.submit(self.service.seed_articles)

    def focus_entry(self) -> None:
        self.show_tab(self.tabs.currentIndex())

    def show_page(self, index: int) -> None:
        self.show_tab(index)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        first = (self.log_page.topic, self.knowledge.search, self.board_page.table)[index]
        first.setFocus()

    def _changed(self, tables: frozenset[str]) -> None:
        if tables & CONSULTATIONS:
            self.log_page.reload()
        if tables & KNOWLEDGE:
            self.knowledge.run_search()
        if tables & (POSTINGS | EMPLOYERS):
            self.board_page.reload()

    def closeEvent(self, event):  # type: ignore[no-untyped-def]
        self.board_page.close_board()
        super().closeEvent(event)
