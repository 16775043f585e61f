"""A table model that holds row ids and fetches the rows lazily, page by page."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lingong_desk.ui.worker import DbWorker

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], str]
    align_right: bool = False


class LazyRowModel(QAbstractTableModel):
    """Rows are frozen dataclasses with an ``id``; ``fetch_rows(ids)`` runs on the worker."""

    PAGE = 100

    def __init__(
        self,
        columns: Sequence[Column],
        fetch_rows: Callable[[Sequence[uuid.UUID]], list[Any]],
        worker: DbWorker,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.fetch_rows = fetch_rows
        self.worker = worker
        self.ids: list[uuid.UUID] = []
        self.rows: list[Any] = []
        self._generation = 0
        self._fetching = False

    # ---- loading -------------------------------------------------------
    def reset_ids(self, ids: Sequence[uuid.UUID], first_rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._generation += 1
        self._fetching = False
        self.ids = list(ids)
        self.rows = list(first_rows)
        self.endResetModel()

    def total(self) -> int:
        return len(self.ids)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < len(self.ids)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetching or not self.canFetchMore():
            return
        self._fetching = True
        generation = self._generation
        wanted = self.ids[len(self.rows) : len(self.rows) + self.PAGE]

        def arrived(rows: list[Any]) -> None:
            if generation != self._generation:
                return
            if rows:
                start = len(self.rows)
                self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
                self.rows.extend(rows)
                self.endInsertRows()
            # only now: a view may ask for more while the rows go in
            self._fetching = False

        def failed(exc: BaseException) -> None:
            self._fetching = False
            log.error("fetching rows failed", exc_info=exc)

        self.worker.submit(lambda: self.fetch_rows(wanted), arrived, failed)

    def replace_row(self, row: Any) -> bool:
        for i, existing in enumerate(self.rows):
            if existing.id == row.id:
                self.rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.columns) - 1))
                return True
        return False

    def row_at(self, row: int) -> Any:
        return self.rows[row]

    def row_of(self, row_id: uuid.UUID) -> int:
        for i, existing in enumerate(self.rows):
            if existing.id == row_id:
                return i
        return -1

    # ---- Qt model ------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(row)
        if role == ROW_ID_ROLE:
            return str(row.id)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
