"""The guidance window's lists: follow-ups waiting, and a person's history."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from lingong_desk.domain.calendar import time_text
from lingong_desk.domain.enums import GuidanceKind
from lingong_desk.services.guidance import WINDOWS, GuidanceRow, HistoryItem
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import tr_enum, tr_message
from lingong_desk.ui.widgets.list_panel import ResultTable
from lingong_desk.ui.widgets.table_model import Column, LazyRowModel


def _no_fetch(_ids: Sequence[uuid.UUID]) -> list[Any]:
    return []  # these lists arrive whole


def _table(name: str, model: LazyRowModel, widths: list[int]) -> ResultTable:
    table = ResultTable()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(ResultTable.SelectionBehavior.SelectRows)
    table.setSelectionMode(ResultTable.SelectionMode.SingleSelection)
    table.setEditTriggers(ResultTable.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    for i, width in enumerate(widths):
        table.setColumnWidth(i, width)
    return table


def _due(row: GuidanceRow) -> str:
    if row.overdue:
        return QCoreApplication.translate("GuidanceLists", "{n} day(s) overdue").format(
            n=-row.days_left
        )
    if row.due_today:
        return QCoreApplication.translate("GuidanceLists", "Today")
    return QCoreApplication.translate("GuidanceLists", "in {n} day(s)").format(n=row.days_left)


def follow_up_table(desk: Desk, parent: QWidget) -> tuple[ResultTable, LazyRowModel]:
    columns = [
        Column(
            QCoreApplication.translate("GuidanceLists", "Follow up on"),
            lambda r: r.follow_up_on.isoformat() if r.follow_up_on else "",
        ),
        Column(QCoreApplication.translate("GuidanceLists", "Due"), _due),
        Column(QCoreApplication.translate("GuidanceLists", "Person"), lambda r: r.person_name),
        Column(QCoreApplication.translate("GuidanceLists", "Phone"), lambda r: r.phone_masked),
        Column(
            QCoreApplication.translate("GuidanceLists", "Kind"),
            lambda r: tr_enum(r.kind, GuidanceKind),
        ),
        Column(
            QCoreApplication.translate("GuidanceLists", "Recommended"), lambda r: r.recommendation
        ),
    ]
    model = LazyRowModel(columns, desk.services.guidance.follow_up_rows, desk.worker, parent)
    return _table("follow_ups", model, [90, 90, 70, 100, 110, 120]), model


def history_table(
    desk: Desk, parent: QWidget, what: Callable[[HistoryItem], str] | None = None
) -> tuple[ResultTable, LazyRowModel]:
    columns = [
        Column(
            QCoreApplication.translate("GuidanceLists", "When"),
            lambda i: time_text(i.at),
        ),
        Column(
            QCoreApplication.translate("GuidanceLists", "Window"),
            lambda i: QCoreApplication.translate("history", WINDOWS[i.window]),
        ),
        Column(QCoreApplication.translate("GuidanceLists", "What"), what or history_text),
        Column(QCoreApplication.translate("GuidanceLists", "Detail"), lambda i: i.detail),
    ]
    model = LazyRowModel(columns, _no_fetch, desk.worker, parent)
    return _table("history", model, [112, 72, 150, 200]), model


def history_text(item: HistoryItem) -> str:
    return tr_message("history", item.what, dict(item.params))
