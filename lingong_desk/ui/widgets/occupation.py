"""Job-type pickers over the occupation catalogue (name, keyword or pinyin)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
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
KEYS_ROLE = Qt.ItemDataRole.UserRole + 2


def occupation_label(catalogue: Catalogue, code: str) -> str:
    occ = catalogue.get(code)
    return f"{occ.name}（{occ.code}）" if occ else code


class _CatalogueFilter(QSortFilterProxyModel):
    """Matches what the clerk types against names, keywords, pinyin and initials."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.matches: set[str] = {o.code for o in catalogue}

    def set_text(self, text: str) -> None:
        self.matches = {o.code for o in self.catalogue.find(text)}
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        return str(index.data(CODE_ROLE)) in self.matches


class OccupationLine(QLineEdit):
    """Type 家政 / jz / jiazheng / 4-10 and pick from the list; emits the code."""

    picked = Signal(str)
    submit_empty = Signal()  # Enter on an empty line: the form may save

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        source = QStandardItemModel(self)
        for occ in catalogue:
            item = QStandardItem(occupation_label(catalogue, occ.code))
            item.setData(occ.code, CODE_ROLE)
            source.appendRow(item)
        self.proxy = _CatalogueFilter(catalogue)
        self.proxy.setSourceModel(source)
        completer = QCompleter(self.proxy, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.setCompleter(completer)
        self.textEdited.connect(self._filter)
        self.returnPressed.connect(self._pick_first)

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        completer = self.completer()
        if text.strip() and self.proxy.rowCount():
            completer.complete()
        elif (popup := completer.popup()) is not None:
            popup.hide()

    def _activated(self, index: QModelIndex) -> None:
        code = str(index.data(CODE_ROLE))
        self._emit(code)

    def _pick_first(self) -> None:
        if not self.text().strip():
            self.submit_empty.emit()
        elif self.proxy.rowCount():
            self._emit(str(self.proxy.index(0, 0).data(CODE_ROLE)))

    def _emit(self, code: str) -> None:
        self.picked.emit(code)


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
