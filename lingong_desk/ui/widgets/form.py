"""Form building blocks: a field grid with an error message beside each field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from lingong_desk.domain.enums import Labelled
from lingong_desk.domain.registration import FieldError
from lingong_desk.ui.i18n import tr_enum, tr_error

W = TypeVar("W", bound=QWidget)

ERROR_STYLE = "color: #b00020;"
INVALID_STYLE = "border: 1px solid #b00020; border-radius: 2px;"


class ErrorLine(QLabel):
    """The line under a field that tells what is wrong with it.

    Its line is reserved even while it is empty, and it stays one line high (a
    message longer than the field ends in "…" and is whole in the tooltip), so
    an error that appears never pushes the fields below it down, where the
    clerk was about to click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)
        self.setFixedHeight(QFontMetrics(font).lineSpacing())
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self.text()), self.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QColor("#b00020"))
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
        )


def error_label(name: str) -> ErrorLine:
    label = ErrorLine()
    label.setObjectName(name)
    return label


class FieldGrid(QWidget):
    """Caption, editor and error text per field, in ``columns`` column pairs."""

    def __init__(self, columns: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        self.columns = columns
        for c in range(columns):
            self.grid.setColumnStretch(c * 2 + 1, 1)
        self._row = 0
        self._col = 0
        self.editors: dict[str, QWidget] = {}
        self.captions: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, key: str, caption: str, editor: W, span: int = 1) -> W:
        if self._col + span > self.columns:
            self.new_row()
        label = QLabel(caption)
        label.setBuddy(editor)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        error = error_label(f"error_{key}")
        col = self._col * 2
        self.grid.addWidget(label, self._row, col)
        self.grid.addWidget(editor, self._row, col + 1, 1, span * 2 - 1)
        self.grid.addWidget(error, self._row + 1, col + 1, 1, span * 2 - 1)
        editor.setObjectName(key)
        self.editors[key] = editor
        self.captions[key] = label
        self.errors[key] = error
        self._col += span
        if self._col >= self.columns:
            self.new_row()
        return editor

    def add_widget(self, widget: QWidget, span: int | None = None) -> None:
        if self._col:
            self.new_row()
        self.grid.addWidget(widget, self._row, 0, 1, (span or self.columns) * 2)
        self._row += 2

    def new_row(self) -> None:
        if self._col:
            self._row += 2
            self._col = 0

    def show_errors(self, problems: dict[str, FieldError]) -> QWidget | None:
        """Show each problem beside its field; returns the first field in error."""
        self.clear_errors()
        first: QWidget | None = None
        for key, editor in self.editors.items():
            if key in problems:
                self.set_error(key, tr_error(problems[key]))
                first = first or editor
        return first

    def set_error(self, key: str, text: str) -> None:
        label = self.errors[key]
        label.setText(text)
        self.editors[key].setStyleSheet(INVALID_STYLE if text else "")

    def clear_errors(self) -> None:
        for key in self.errors:
            self.set_error(key, "")

    def error_text(self, key: str) -> str:
        return self.errors[key].text()


def enum_combo(enum: type[Labelled], empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for member in enum:
        combo.addItem(tr_enum(member), member.value)
    return combo


def combo_value(combo: QComboBox) -> str | None:
    value = combo.currentData()
    return None if value is None else str(value)


def set_combo_value(combo: QComboBox, value: str | None) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class ParseError(ValueError):
    pass


def parse_decimal(edit: QLineEdit) -> Decimal | None:
    text = edit.text().strip().replace("，", ",").replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ParseError(edit.objectName()) from None
    if not value.is_finite():
        raise ParseError(edit.objectName())
    return value


def parse_int(edit: QLineEdit) -> int | None:
    text = edit.text().strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ParseError(edit.objectName()) from None


def parse_date(edit: QLineEdit) -> dt.date | None:
    text = edit.text().strip().replace("/", "-").replace(".", "-")
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    if len(text) == 8 and text.isdigit():
        try:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            pass
    raise ParseError(edit.objectName())


def decimal_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
