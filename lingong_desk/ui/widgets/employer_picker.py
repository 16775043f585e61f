"""Choose an employer by typing its name, pinyin initials or credit code."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QWidget

from lingong_desk.services.employers import EmployerRow, EmployerService
from lingong_desk.ui.worker import DbWorker

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def employer_label(name: str, code: str) -> str:
    return f"{name}（{code}）" if code else name


class EmployerPicker(QWidget):
    changed = Signal()
    submit_empty = Signal()

    def __init__(
        self, worker: DbWorker, service: EmployerService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.service = service
        self._id: uuid.UUID | None = None
        self._label = ""
        self.line = QLineEdit(self)
        self.model = QStandardItemModel(self)
        completer = QCompleter(self.model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
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
        self._generation = 0

    def employer_id(self) -> uuid.UUID | None:
        return self._id if self._id and self.line.text() == self._label else None

    def set_employer(self, employer_id: uuid.UUID | None, label: str) -> None:
        self._id = employer_id
        self._label = label
        self.line.setText(label)
        self.changed.emit()

    def _search(self) -> None:
        self._generation += 1
        generation = self._generation
        text = self.line.text()
        service = self.service

        def run() -> list[EmployerRow]:
            return service.rows(service.search(text, limit=20))

        def done(rows: list[EmployerRow]) -> None:
            if generation != self._generation:
                return
            self.model.clear()
            for row in rows:
                item = QStandardItem(employer_label(row.name, row.code_masked))
                item.setData(str(row.id), ID_ROLE)
                self.model.appendRow(item)
            if rows and self.line.hasFocus():
                self.line.completer().complete()

        self.worker.submit(run, done)

    def _activated(self, index: QModelIndex) -> None:
        self.set_employer(uuid.UUID(str(index.data(ID_ROLE))), str(index.data()))

    def _enter(self) -> None:
        if self.employer_id() is not None or not self.line.text().strip():
            self.submit_empty.emit()
        elif self.model.rowCount():
            self._activated(self.model.index(0, 0))

    def setStyleSheet(self, style: str) -> None:
        self.line.setStyleSheet(style)
