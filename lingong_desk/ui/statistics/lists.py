"""The records behind a figure (a dialog with their list), and exporting a
period's list to XLSX (masked; in full only by a supervisor, with a reason)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.services.record_lists import LISTS, ExportRefused, ListRow, display
from lingong_desk.services.statistics import Drill, Period
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.screen import resize_to_fit
from lingong_desk.ui.widgets.form import FieldGrid
from lingong_desk.ui.widgets.status import Banner
from lingong_desk.ui.widgets.table_model import Column, LazyRowModel

log = logging.getLogger(__name__)
STATS = "stats"  # the catalogue context of texts made by the statistics services


def _column(title: str, index: int) -> Column:
    def value(row: ListRow) -> str:
        return display(row.cells[index])

    return Column(title, value)


class DrillDialog(QDialog):
    """The records a figure counts, with the usual masking."""

    def __init__(self, desk: Desk, title: str, drill: Drill, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drill_dialog")
        self.desk = desk
        self.drill = drill
        lists = desk.services.lists
        tr = QCoreApplication.translate
        self.setWindowTitle(title)
        self.heading = QLabel(
            self.tr("{title}: {n} record(s)").format(title=title, n=len(drill.ids))
        )
        self.heading.setObjectName("drill_heading")
        self.heading.setStyleSheet("font-weight: bold;")
        columns = [_column(t, i) for i, t in enumerate(lists.headings(drill.entity, tr))]
        self.model = LazyRowModel(
            columns, lambda ids: lists.rows(drill.entity, ids, tr), desk.worker, self
        )
        self.table = QTableView()
        self.table.setObjectName("drill_rows")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        close = QPushButton(self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        resize_to_fit(self, 900, 520)
        self.model.reset_ids(drill.ids, [])
        self.model.fetchMore()

    def shown_rows(self) -> list[ListRow]:
        return list(self.model.rows)


class ExportListDialog(QDialog):
    """Which list of the period, masked or (a supervisor, giving the reason) in full."""

    def __init__(
        self,
        desk: Desk,
        period: Period,
        clerk_id: uuid.UUID | None,
        period_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_list_dialog")
        self.desk = desk
        self.period = period
        self.clerk_id = clerk_id
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Export a list to XLSX"))
        tr = QCoreApplication.translate
        self.banner = Banner()
        self.banner.info(
            self.tr(
                "Records of {period}. ID numbers and phones are masked; a full export is "
                "recorded with its reason."
            ).format(period=period_label)
        )
        g = self.grid = FieldGrid(1)
        self.which = g.add("which", self.tr("List"), QComboBox())
        for entity, (title, _key) in LISTS.items():
            self.which.addItem(tr(STATS, title), entity)
        self.unmasked = g.add(
            "unmasked",
            self.tr("Full ID numbers and phones"),
            QCheckBox(self.tr("supervisors only")),
        )
        self.reason = g.add("reason", self.tr("Reason for the full export"), QLineEdit())
        supervisor = desk.services.statistics.sees_everything
        self.unmasked.setEnabled(supervisor)
        self.reason.setEnabled(False)
        self.unmasked.toggled.connect(self.reason.setEnabled)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.choose_file)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(g)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def entity(self) -> str:
        return str(self.which.currentData())

    def choose_file(self) -> None:
        if not self._check():
            return
        stem = f"{self.which.currentText()}-{self.period.key.replace('..', '_')}"
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export a list to XLSX"), f"{stem}.xlsx", "Excel (*.xlsx)"
        )
        if name:
            self.export_to(Path(name))

    def _check(self) -> bool:
        self.grid.clear_errors()
        if self.unmasked.isChecked() and not self.reason.text().strip():
            self.grid.set_error(
                "reason", self.tr("Give the reason for exporting full ID numbers and phones.")
            )
            self.reason.setFocus()
            return False
        return True

    def export_to(self, path: Path, done: Callable[[int], None] | None = None) -> None:
        if not self._check():
            return
        lists, tr = self.desk.services.lists, QCoreApplication.translate
        entity, unmasked, reason = self.entity(), self.unmasked.isChecked(), self.reason.text()
        period, clerk = self.period, self.clerk_id
        self.export_button.setEnabled(False)

        def finished(count: int) -> None:
            self.export_button.setEnabled(True)
            self.written = path
            self.banner.success(
                self.tr("{n} row(s) written to {path}.").format(n=count, path=str(path))
            )
            if done is not None:
                done(count)

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            if isinstance(exc, ExportRefused):
                self.grid.set_error("reason", tr(STATS, exc.message))
                return
            log.error("exporting a list failed", exc_info=exc)
            self.banner.error(self.tr("Not exported: {error}").format(error=exc))

        self.desk.worker.submit(
            lambda: lists.export(entity, period, path, tr, clerk, unmasked, reason),
            finished,
            failed,
        )

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
