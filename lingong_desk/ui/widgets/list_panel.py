"""Search box, filters and a lazily filled table: the left half of a window page."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.ui.widgets.flow import FlowLayout
from lingong_desk.ui.widgets.table_model import Column, LazyRowModel
from lingong_desk.ui.worker import ChangeBus, DbWorker

SearchFn = Callable[[str, dict[str, str | None]], list[uuid.UUID]]
RowsFn = Callable[[Sequence[uuid.UUID]], list[Any]]


FIT_ROWS = 40  # rows a column's width is measured on


class SearchLine(QLineEdit):
    """Down arrow moves from the search box into the results."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class ResultTable(QTableView):
    """Enter on a row opens it."""

    open_current = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current.emit()
            return
        super().keyPressEvent(event)


class ListPanel(QWidget):
    """Runs ``search(query, filters)`` on the worker as the clerk types (debounced)."""

    cap = 500  # searches return at most this many ids
    MAX_COLUMN = 240  # a column of long texts (wanted jobs, addresses) elides beyond this

    opened = Signal(object)  # the row id the clerk opened
    loaded = Signal(int)  # total number of matches

    def __init__(
        self,
        worker: DbWorker,
        bus: ChangeBus,
        tables: frozenset[str],
        columns: Sequence[Column],
        search: SearchFn,
        rows: RowsFn,
        placeholder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.tables = tables  # refresh when the bus reports one of these
        self.search_fn = search
        self.rows_fn = rows
        self.filters: dict[str, QComboBox] = {}
        self._generation = 0
        self._open_single = False
        self._fitted = False

        self.search_box = SearchLine()
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText(placeholder)
        self.search_box.setClearButtonEnabled(True)
        self.filter_row = FlowLayout()  # wraps on a narrow screen: no filter is clipped
        self.model = LazyRowModel(columns, rows, worker, self)
        self.table = ResultTable()
        self.table.setObjectName("results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.count_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(180)
        self.timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self.timer.start())
        self.search_box.returnPressed.connect(self._enter_in_search)
        self.search_box.down.connect(self._into_table)
        self.table.clicked.connect(self._open_index)
        self.table.open_current.connect(lambda: self._open_index(self.table.currentIndex()))
        bus.changed.connect(self._on_changed)

    def add_filter(self, key: str, combo: QComboBox) -> None:
        combo.setObjectName(f"filter_{key}")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filters[key] = combo
        self.filter_row.addWidget(combo)
        combo.currentIndexChanged.connect(lambda _i: self.refresh())

    def finish_filters(self) -> None:
        """The filters are all added (the flow layout needs no closing stretch)."""

    def set_column_widths(self, widths: Sequence[int]) -> None:
        """Widths until the first rows arrive; then each column fits its contents."""
        for i, width in enumerate(widths):
            self.table.setColumnWidth(i, width)

    def fit_columns(self) -> None:
        """Every column but the last as wide as its header and the loaded rows need
        (in either language: "Female" is not "Fe…"), a long text column at most
        ``MAX_COLUMN`` wide; the clerk's own widths are kept after the first fit."""
        header = self.table.horizontalHeader()
        # the rows shown first are enough to size by (Qt's default reads up to 1,000
        # rows a column: a sixth of a second of start-up on a full register)
        header.setResizeContentsPrecision(FIT_ROWS)
        for i in range(self.model.columnCount() - 1):
            wanted = max(self.table.sizeHintForColumn(i), header.sectionSizeHint(i))
            self.table.setColumnWidth(i, min(wanted, self.MAX_COLUMN))
        self._fitted = True

    def filter_values(self) -> dict[str, str | None]:
        return {
            key: (None if combo.currentData() is None else str(combo.currentData()))
            for key, combo in self.filters.items()
        }

    def refresh(self) -> None:
        self.timer.stop()
        self._generation += 1
        generation = self._generation
        query = self.search_box.text()
        filters = self.filter_values()
        search, rows, page = self.search_fn, self.rows_fn, LazyRowModel.PAGE

        def run() -> tuple[list[uuid.UUID], list[Any]]:
            ids = search(query, filters)
            return ids, rows(ids[:page])

        def done(result: tuple[list[uuid.UUID], list[Any]]) -> None:
            if generation != self._generation:
                return  # a newer search is on its way
            ids, first = result
            self.model.reset_ids(ids, first)
            if first and not self._fitted:
                self.fit_columns()
            if self._open_single and len(ids) == 1:
                self._open_index(self.model.index(0, 0))
            self._open_single = False
            if len(ids) >= self.cap:
                self.count_label.setText(
                    self.tr("More than %n found: type more to narrow the search", "", self.cap)
                )
            else:
                self.count_label.setText(self.tr("%n found", "", len(ids)))
            self.loaded.emit(len(ids))

        self.worker.submit(run, done)

    def _on_changed(self, tables: frozenset[str]) -> None:
        if tables & self.tables:
            self.refresh()

    def _enter_in_search(self) -> None:
        """Enter searches now; a single match opens at once (a scanned ID, say)."""
        self._open_single = True
        self.refresh()

    def _into_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.opened.emit(self.model.row_at(index.row()).id)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()
