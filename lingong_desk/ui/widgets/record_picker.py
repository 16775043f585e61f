"""Choose a record by typing: names, pinyin initials, numbers; results from the worker."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QWidget

from lingong_desk.ui.worker import DbWorker

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SearchFn = Callable[[str], list[tuple[uuid.UUID, str]]]


class RecordPicker(QWidget):
    """``search(text)`` runs on the worker and returns (id, label) pairs, best first."""

    changed = Signal()
    submit_empty = Signal()  # Enter with nothing to pick: the form may save
    text_entered = Signal(str)  # Enter on text that matched nothing

    def __init__(self, worker: DbWorker, search: SearchFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.search = search
        self._id: uuid.UUID | None = None
        self._label = ""
        self._generation = 0
        self._pick_when_found = False
        self.line = QLineEdit(self)
        self.model = QStandardItemModel(self)
        completer = QCompleter(self.model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.line.setCompleter(completer)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self._search)
        self.line.textEdited.connect(lambda _t: self.timer.start())
        self.line.returnPressed.connect(self._enter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)

    def record_id(self) -> uuid.UUID | None:
        return self._id if self._id and self.line.text() == self._label else None

    def set_record(self, record_id: uuid.UUID | None, label: str) -> None:
        self._id = record_id
        self._label = label
        self.line.setText(label)
        self.changed.emit()

    def _search(self) -> None:
        self.timer.stop()
        self._generation += 1
        generation = self._generation
        text = self.line.text()
        search = self.search

        def done(found: list[tuple[uuid.UUID, str]]) -> None:
            if generation != self._generation:
                return
            self.model.clear()
            for record_id, label in found:
                item = QStandardItem(label)
                item.setData(str(record_id), ID_ROLE)
                self.model.appendRow(item)
            if self._pick_when_found:
                self._pick_when_found = False
                if found:
                    self.set_record(*found[0])
                else:
                    self.text_entered.emit(text)
            elif found and self.line.hasFocus():
                self.line.completer().complete()

        self.worker.submit(lambda: search(text), done)

    def _activated(self, index: QModelIndex) -> None:
        self.set_record(uuid.UUID(str(index.data(ID_ROLE))), str(index.data()))

    def _enter(self) -> None:
        """Enter picks the best match (searching first if a search is pending)."""
        if self.record_id() is not None or not self.line.text().strip():
            self.submit_empty.emit()
            return
        self._pick_when_found = True
        self._search()

    def setStyleSheet(self, style: str) -> None:
        self.line.setStyleSheet(style)
