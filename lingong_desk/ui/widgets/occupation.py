"""Job-type pickers over the occupation catalogue (name, keyword or pinyin)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.occupations import Catalogue

CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def occupation_label(catalogue: Catalogue, code: str) -> str:
    occ = catalogue.get(code)
    return f"{occ.name}（{occ.code}）" if occ else code


class OccupationLine(QLineEdit):
    """Type 家政 / jz / jiazheng / 4-10 and pick from the list; emits the code."""

    picked = Signal(str)
    submit_empty = Signal()  # Enter on an empty line: the form may save

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.model = QStandardItemModel(self)
        completer = QCompleter(self.model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.setCompleter(completer)
        self.textEdited.connect(self._filter)
        self.returnPressed.connect(self._pick_first)

    def _filter(self, text: str) -> None:
        self.model.clear()
        for occ in self.catalogue.find(text) if text.strip() else []:
            item = QStandardItem(occupation_label(self.catalogue, occ.code))
            item.setData(occ.code, CODE_ROLE)
            self.model.appendRow(item)
        completer = self.completer()
        if self.model.rowCount():
            completer.complete()
        elif (popup := completer.popup()) is not None:
            popup.hide()

    def _activated(self, index: QModelIndex) -> None:
        self.picked.emit(str(index.data(CODE_ROLE)))

    def _pick_first(self) -> None:
        if not self.text().strip():
            self.submit_empty.emit()
            return
        matches = self.catalogue.find(self.text())
        if matches:
            self.picked.emit(matches[0].code)


class OccupationPicker(QWidget):
    """One job type (postings)."""

    changed = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self._code = ""
        self.line = OccupationLine(catalogue, self)
        self.line.picked.connect(self.set_code)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)

    def code(self) -> str:
        label = occupation_label(self.catalogue, self._code) if self._code else ""
        return self._code if self.line.text() == label else ""

    def set_code(self, code: str) -> None:
        self._code = code
        self.line.setText(occupation_label(self.catalogue, code) if code else "")
        self.changed.emit()

    def setStyleSheet(self, style: str) -> None:
        self.line.setStyleSheet(style)


class _CodeList(QListWidget):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentItem():
            self.takeItem(self.currentRow())
            return
        super().keyPressEvent(event)


class OccupationListPicker(QWidget):
    """Up to ``limit`` wanted job types (job seekers); Delete removes one."""

    def __init__(self, catalogue: Catalogue, limit: int = 5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.limit = limit
        self.line = OccupationLine(catalogue, self)
        self.line.setPlaceholderText(self.tr("Type a job type, e.g. 家政 or jz, then Enter"))
        self.line.picked.connect(self.add_code)
        self.list = _CodeList(self)
        self.list.setMaximumHeight(64)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.list)
        self.setFocusProxy(self.line)

    def codes(self) -> list[str]:
        return [str(self.list.item(i).data(CODE_ROLE)) for i in range(self.list.count())]

    def add_code(self, code: str) -> None:
        if code in self.codes() or len(self.codes()) >= self.limit:
            self.line.clear()
            return
        item = QListWidgetItem(occupation_label(self.catalogue, code))
        item.setData(CODE_ROLE, code)
        self.list.addItem(item)
        self.line.clear()

    def set_codes(self, codes: list[str]) -> None:
        self.list.clear()
        for code in codes:
            self.add_code(code)

    def setStyleSheet(self, style: str) -> None:
        self.line.setStyleSheet(style)
