"""System → Audit trail (supervisors): who did what when, filtered, exported to XLSX."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.calendar import time_text
from lingong_desk.services.audit import (
    ACTION_LABELS,
    COLUMNS,
    GROUPS,
    AuditFilter,
    AuditRow,
    detail_text,
)
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import error_text
from lingong_desk.ui.screen import resize_to_fit
from lingong_desk.ui.widgets.status import Banner


def tr_audit(text: str) -> str:
    return QCoreApplication.translate("audit", text)


def tr_enums(text: str) -> str:
    return QCoreApplication.translate("enums", text)


def action_text(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return tr_audit(label) if label else action


class AuditDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service = desk.services.audit
        self.rows: list[AuditRow] = []
        self.setWindowTitle(self.tr("Audit trail"))
        today = desk.services.ctx.today()
        self.first_day = QDateEdit(QDate(today.year, today.month, 1))
        self.last_day = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.clerk = QComboBox()
        self.clerk.setObjectName("audit_clerk")
        self.clerk.addItem(self.tr("All clerks"), None)
        self.group = QComboBox()
        self.group.setObjectName("audit_group")
        for key, label, _patterns in GROUPS:
            self.group.addItem(tr_audit(label), key)
        self.text = QLineEdit()
        self.text.setObjectName("audit_text")
        self.text.setPlaceholderText(self.tr("A name, number or word"))
        self.text.setClearButtonEnabled(True)
        show = QPushButton(self.tr("Show"))
        show.setObjectName("audit_show")
        show.setDefault(True)
        show.clicked.connect(self.reload)
        self.text.returnPressed.connect(self.reload)
        filters = QGridLayout()
        filters.addWidget(QLabel(self.tr("From")), 0, 0)
        filters.addWidget(self.first_day, 0, 1)
        filters.addWidget(QLabel(self.tr("to")), 0, 2)
        filters.addWidget(self.last_day, 0, 3)
        filters.addWidget(QLabel(self.tr("Clerk")), 0, 4)
        filters.addWidget(self.clerk, 0, 5)
        filters.addWidget(QLabel(self.tr("Actions")), 1, 0)
        filters.addWidget(self.group, 1, 1, 1, 3)
        filters.addWidget(self.text, 1, 4, 1, 2)
        filters.addWidget(show, 1, 6)
        filters.setColumnStretch(5, 1)
        self.banner = Banner()
        self.count = QLabel()
        self.count.setObjectName("audit_count")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("audit_table")
        self.table.setHorizontalHeaderLabels([tr_audit(c) for c in COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.export_button = QPushButton(self.tr("Export to XLSX…"))
        self.export_button.setObjectName("audit_export")
        self.export_button.clicked.connect(self.choose_export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 960, 600)
        desk.worker.submit(self.service.clerks, self._show_clerks, self._failed)
        self.reload()

    def _show_clerks(self, clerks: list[tuple[object, str]]) -> None:
        for clerk_id, name in clerks:
            self.clerk.addItem(name, clerk_id)

    def current_filter(self) -> AuditFilter:
        def day(edit: QDateEdit) -> dt.date:
            d = edit.date()
            return dt.date(d.year(), d.month(), d.day())

        first, last = day(self.first_day), day(self.last_day)
        return AuditFilter(
            first_day=min(first, last),
            last_day=max(first, last),
            clerk_id=self.clerk.currentData(),
            group=str(self.group.currentData() or ""),
            text=self.text.text(),
        )

    def reload(self) -> None:
        f = self.current_filter()
        self.banner.clear()
        self.desk.worker.submit(lambda: self.service.events(f), self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.banner.error(error_text(exc))

    def _show(self, rows: list[AuditRow]) -> None:
        self.rows = rows
        self.count.setText(self.tr("%n action(s)", "", len(rows)))
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [
                time_text(r.at, seconds=True),
                r.clerk,
                action_text(r.action),
                r.record,
                detail_text(r.details, tr_audit, tr_enums),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if col >= 3 else "")
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.export_button.setEnabled(bool(rows))

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit trail"), "audit.xlsx", self.tr("Excel (*.xlsx)")
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        f = self.current_filter()

        def exported(n: int) -> None:
            self.reload()
            self.banner.success(
                self.tr("%n action(s) exported to {file}", "", n).format(file=path.name)
            )

        self.desk.worker.submit(
            lambda: self.service.export_xlsx(f, path, tr_audit, tr_enums),
            exported,
            self._failed,
        )
