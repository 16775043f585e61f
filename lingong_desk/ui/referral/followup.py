"""Slips waiting for an answer, and overdue slips."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lingong_desk.domain.enums import ReferralStatus
from lingong_desk.services.changes import REFERRALS
from lingong_desk.services.referral_views import ReferralRow
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import tr_enum
from lingong_desk.ui.widgets.list_panel import ResultTable
from lingong_desk.ui.widgets.table_model import Column, LazyRowModel


class FollowUpPage(QWidget):
    opened = Signal(object)  # referral id

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.which = QComboBox()
        self.which.setObjectName("follow_up_which")
        self.which.addItem(self.tr("Waiting for an answer"), False)
        self.which.addItem(self.tr("Overdue (past validity)"), True)
        columns = [
            Column(self.tr("Number"), lambda r: r.number),
            Column(self.tr("Job seeker"), lambda r: r.person_name),
            Column(self.tr("Employer"), lambda r: r.employer_name),
            Column(self.tr("Job"), lambda r: r.job_title),
            Column(self.tr("Status"), lambda r: tr_enum(r.status, ReferralStatus)),
            Column(self.tr("Issued"), lambda r: r.issued_on.isoformat()),
            Column(self.tr("Valid until"), lambda r: r.valid_until.isoformat()),
            Column(self.tr("Days left"), lambda r: str(r.days_left), align_right=True),
        ]
        self.model = LazyRowModel(columns, self._no_fetch, desk.worker, self)
        self.table = ResultTable()
        self.table.setObjectName("follow_up")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(ResultTable.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(ResultTable.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate([130, 70, 170, 100, 80, 90, 90, 60]):
            self.table.setColumnWidth(i, width)
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.which)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.which.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.clicked.connect(lambda index: self._open(index.row()))
        self.table.open_current.connect(lambda: self._open(self.table.currentIndex().row()))
        desk.bus.changed.connect(lambda tables: self.refresh() if tables & REFERRALS else None)

    @staticmethod
    def _no_fetch(_ids: Sequence[uuid.UUID]) -> list[Any]:
        return []  # the follow-up lists arrive whole

    def refresh(self) -> None:
        overdue = bool(self.which.currentData())
        referrals = self.desk.services.referrals
        self.desk.worker.submit(lambda: referrals.follow_up(overdue), self._show)

    def _show(self, rows: list[ReferralRow]) -> None:
        self.model.reset_ids([r.id for r in rows], rows)
        self.count.setText(self.tr("%n slip(s)", "", len(rows)))

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.opened.emit(self.model.row_at(row).id)
