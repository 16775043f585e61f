"""Parts of the statistics view: a figure tile, a chart, a breakdown table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QBuffer,
    QByteArray,
    QIODevice,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from lingong_desk.services.statistics import FigureLine, TableData, change, format_value

Index = QModelIndex | QPersistentModelIndex


class FigureTile(QFrame):
    """One indicator: its label, its value and how it compares; click (or Enter) for
    the records it counts; the definition is the tooltip."""

    clicked = Signal(str)  # the indicator's key

    STYLE = (
        "FigureTile { background: #ffffff; border: 1px solid #c9d3dd; border-radius: 4px; }"
        "FigureTile:hover, FigureTile:focus { border: 1px solid #2e86c1; background: #f2f8fc; }"
    )

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"figure_{key}")
        self.setStyleSheet(self.STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("color: #44505c; border: none; background: transparent;")
        self.value = QLabel("…")
        self.value.setObjectName("value")
        self.value.setStyleSheet(
            "font-size: 20px; font-weight: bold; color: #1f4e79; border: none; background: transparent;"
        )
        self.compare = QLabel()
        self.compare.setWordWrap(True)
        self.compare.setStyleSheet(
            "color: #5b6570; font-size: 11px; border: none; background: transparent;"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 5, 8, 5)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.compare)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_line(self, line: FigureLine) -> None:
        self.title.setText(line.label)
        self.setToolTip(line.definition)
        self.value.setText(format_value(line.value, line.is_rate))
        points = self.tr("pt")
        self.compare.setText(
            self.tr("Before: {previous} ({change})  ·  A year ago: {year} ({year_change})").format(
                previous=format_value(line.previous, line.is_rate),
                change=change(line.value, line.previous, line.is_rate, points),
                year=format_value(line.year_before, line.is_rate),
                year_change=change(line.value, line.year_before, line.is_rate, points),
            )
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.key)
            return
        super().keyPressEvent(event)


class ChartView(QWidget):
    """A chart drawn by ReportLab (``printing/charts.py``), shown from the same
    drawing's one-page PDF, scaled to the width it is given."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{name}")
        self.document = QPdfDocument(self)
        self.buffer: QBuffer | None = None
        self.page = QSize(480, 170)
        self.image = QImage()
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumWidth(240)

    def show_pdf(self, pdf: bytes) -> None:
        old = self.buffer
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)
        if old is not None:
            old.deleteLater()
        size = self.document.pagePointSize(0)
        self.page = QSize(max(1, round(size.width())), max(1, round(size.height())))
        self.image = QImage()
        self.updateGeometry()
        self.update()

    @property
    def loaded(self) -> bool:
        return self.document.pageCount() > 0

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * self.page.height() / self.page.width())

    def sizeHint(self) -> QSize:
        return QSize(self.page.width(), self.page.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.image = QImage()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.loaded or self.width() <= 0:
            return
        scale = min(self.width() / self.page.width(), self.height() / self.page.height())
        target = QSize(round(self.page.width() * scale), round(self.page.height() * scale))
        ratio = self.devicePixelRatioF()
        wanted = QSize(round(target.width() * ratio), round(target.height() * ratio))
        if self.image.size() != wanted:
            self.image = self.document.render(0, wanted)
            self.image.setDevicePixelRatio(ratio)
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.drawImage(0, 0, self.image)
        painter.end()


class BreakdownModel(QAbstractTableModel):
    """One breakdown table: a row per value of the dimension, a column per indicator,
    and the total as the last row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_: TableData | None = None
        self.total_label = ""

    def set_table(self, data: TableData, total_label: str) -> None:
        self.beginResetModel()
        self.data_ = data
        self.total_label = total_label
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.data_ is None:
            return 0
        return len(self.data_.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.data_ is None else len(self.data_.headings)

    def is_total(self, row: int) -> bool:
        return self.data_ is not None and row == len(self.data_.rows)

    def cell(self, row: int, column: int) -> tuple[str, str] | None:
        """(row key, indicator key) of a value cell; None for labels and totals."""
        if self.data_ is None or column == 0 or self.is_total(row):
            return None
        return self.data_.rows[row].key, self.data_.columns[column - 1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.data_ is None:
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if self.is_total(row):
                return (
                    self.total_label if col == 0 else format_value(self.data_.total[col - 1], False)
                )
            line = self.data_.rows[row]
            return line.label if col == 0 else format_value(line.values[col - 1], False)
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.is_total(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.data_ is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.data_.headings[section]
        return None
