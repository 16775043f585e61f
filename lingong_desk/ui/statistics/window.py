"""The statistics view of the market manager (System → Statistics and reports, F8).

Pick a period (a day, week, month, quarter, year or any range) and, for a
supervisor, the whole market or one clerk's work; see every indicator with the
previous period and the same period a year before, the funnel, the 12-month
trend, the top job types and each breakdown. Clicking a figure or a cell opens
the records it counts. The monthly report goes to the print preview (PDF) or
to a workbook (XLSX); any period's list exports to XLSX.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.services import changes
from lingong_desk.services.statistics import (
    INDICATOR_KEYS,
    Drill,
    Period,
    PeriodKind,
    ReportData,
    Scope,
    period_label,
)
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.screen import resize_to_fit
from lingong_desk.ui.statistics.lists import DrillDialog, ExportListDialog
from lingong_desk.ui.statistics.parts import BreakdownModel, ChartView, FigureTile
from lingong_desk.ui.widgets.status import Banner

log = logging.getLogger(__name__)
WATCHED = (
    changes.PEOPLE | changes.EMPLOYERS | changes.POSTINGS | changes.REFERRALS
    | changes.CUSTODY | changes.GUIDANCE | changes.CONSULTATIONS
)  # fmt: skip
TILE_WIDTH = 235


class StatisticsWindow(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("statistics_window")
        self.desk = desk
        self.stats = desk.services.statistics
        self.report: ReportData | None = None
        self.scopes: list[Scope] = []
        self.generation = 0
        today = desk.services.ctx.today()
        self.period = Period.month(today.year, today.month)
        self.setWindowTitle(self.tr("Statistics — {market}").format(market=desk.market.name))

        self.kind = QComboBox()
        self.kind.setObjectName("period_kind")
        for kind, label in (
            (PeriodKind.DAY, self.tr("Day")),
            (PeriodKind.WEEK, self.tr("Week")),
            (PeriodKind.MONTH, self.tr("Month")),
            (PeriodKind.QUARTER, self.tr("Quarter")),
            (PeriodKind.YEAR, self.tr("Year")),
            (PeriodKind.RANGE, self.tr("Range of days")),
        ):
            self.kind.addItem(label, kind.value)
        self.kind.setCurrentIndex(2)
        self.back = QPushButton("◀")
        self.back.setToolTip(self.tr("Previous period (Alt+Left)"))
        self.forward = QPushButton("▶")
        self.forward.setToolTip(self.tr("Next period (Alt+Right)"))
        for button in (self.back, self.forward):
            button.setFixedWidth(34)
        self.label = QLabel()
        self.label.setObjectName("period_label")
        self.label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.hide()
        self.current = QPushButton(self.tr("Current"))
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        # the scopes (whole market, each clerk) arrive after the window is shown
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pdf_button = QPushButton(self.tr("Report (PDF)… Ctrl+P"))
        self.xlsx_button = QPushButton(self.tr("Workbook (XLSX)…"))
        self.list_button = QPushButton(self.tr("Export a list…"))
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(False)
        self.banner = Banner()

        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.back)
        top.addWidget(self.label)
        top.addWidget(self.first)
        top.addWidget(self.last)
        top.addWidget(self.forward)
        top.addWidget(self.current)
        top.addStretch(1)
        top.addWidget(self.scope)
        buttons = QHBoxLayout()
        self.compared = QLabel()
        self.compared.setObjectName("compared")
        self.compared.setStyleSheet("color: #5b6570;")
        # a long scope or range wraps to a second line rather than pushing the
        # buttons beside it off a small screen
        self.compared.setWordWrap(True)
        buttons.addWidget(self.compared, 1)
        for button in (self.pdf_button, self.xlsx_button, self.list_button):
            buttons.addWidget(button)

        self.tiles = {key: FigureTile(key) for key in INDICATOR_KEYS}
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(6)
        self.columns = 0
        self.charts = {name: ChartView(name) for name in ("funnel", "trend", "top_jobs")}
        chart_row = QHBoxLayout()
        chart_row.addWidget(self.charts["funnel"], 2)
        chart_row.addWidget(self.charts["trend"], 3)
        self.breakdowns = QTabWidget()
        self.breakdowns.setObjectName("breakdowns")
        self.tables: dict[str, tuple[QTableView, BreakdownModel]] = {}

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addLayout(self.tile_grid)
        inner.addSpacing(6)
        inner.addLayout(chart_row)
        top_jobs = QHBoxLayout()
        self.charts["top_jobs"].setMaximumWidth(760)
        top_jobs.addWidget(self.charts["top_jobs"], 1)
        top_jobs.addStretch(0)
        inner.addLayout(top_jobs)
        inner.addWidget(self.breakdowns)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(self.scroller, 1)

        self.refresh_timer = QTimer(self)  # changes elsewhere: refresh once, shortly after
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(1500)
        self.refresh_timer.timeout.connect(self.refresh)
        for tile in self.tiles.values():
            tile.clicked.connect(self.open_figure)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.back.clicked.connect(lambda: self.move_period(-1))
        self.forward.clicked.connect(lambda: self.move_period(1))
        self.current.clicked.connect(self.to_current)
        self.first.dateChanged.connect(self._range_changed)
        self.last.dateChanged.connect(self._range_changed)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.pdf_button.clicked.connect(self.preview_report)
        self.xlsx_button.clicked.connect(self.choose_workbook)
        self.list_button.clicked.connect(self.export_list)
        for keys, slot in (
            ("Alt+Left", lambda: self.move_period(-1)),
            ("Alt+Right", lambda: self.move_period(1)),
            ("Ctrl+P", self.preview_report),
            ("F5", self.refresh),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        desk.bus.changed.connect(self._changed)
        resize_to_fit(self, 1280, 740)
        self._lay_tiles()
        self._show_period()
        desk.worker.submit(lambda: self.stats.scopes(QCoreApplication.translate), self._show_scopes)

    # ---- the period --------------------------------------------------------------
    def set_period(self, period: Period) -> None:
        self.period = period
        self._show_period()
        self.refresh()

    def move_period(self, steps: int) -> None:
        self.set_period(self.period.shifted(steps))

    def to_current(self) -> None:
        self.set_period(Period.containing(self.period.kind, self.desk.services.ctx.today()))

    def _kind_changed(self, _index: int) -> None:
        kind = PeriodKind(self.kind.currentData())
        if kind is PeriodKind.RANGE:
            self.set_period(Period.range(self.period.first, self.period.last))
        else:  # the new kind's period around where the old one ended, today at the latest
            anchor = min(self.period.last, self.desk.services.ctx.today())
            self.set_period(Period.containing(kind, anchor))

    def _range_changed(self) -> None:
        if self.period.kind is not PeriodKind.RANGE:
            return
        first, last = self.first.date().toPython(), self.last.date().toPython()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)
        if last < first:
            self.banner.error(self.tr("The last day is before the first."))
            return
        if (first, last) != (self.period.first, self.period.last):
            self.set_period(Period.range(first, last))

    def _show_period(self) -> None:
        ranged = self.period.kind is PeriodKind.RANGE
        self.label.setVisible(not ranged)
        self.first.setVisible(ranged)
        self.last.setVisible(ranged)
        for edit, day in ((self.first, self.period.first), (self.last, self.period.last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.label.setText(period_label(self.period, QCoreApplication.translate))
        index = self.kind.findData(self.period.kind.value)
        if index != self.kind.currentIndex():
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(index)
            self.kind.blockSignals(False)

    def _show_scopes(self, scopes: list[Scope]) -> None:
        self.scopes = scopes
        self.scope.blockSignals(True)
        self.scope.clear()
        for scope in scopes:
            self.scope.addItem(scope.name)
        self.scope.blockSignals(False)
        self.scope.setEnabled(len(scopes) > 1)
        self.refresh()

    def clerk_id(self) -> uuid.UUID | None:
        index = self.scope.currentIndex()
        return self.scopes[index].clerk_id if 0 <= index < len(self.scopes) else None

    # ---- computing and showing ------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_timer.stop()
        if not self.scopes:
            return  # the scopes arrive first, then the figures
        self.generation += 1
        generation, period, clerk = self.generation, self.period, self.clerk_id()
        stats, tr = self.stats, QCoreApplication.translate

        def compute() -> tuple[ReportData, dict[str, bytes]]:
            report = stats.report(period, tr, clerk)
            return report, stats.chart_pdfs(report, tr)

        def done(result: tuple[ReportData, dict[str, bytes]]) -> None:
            if generation == self.generation:
                self.show_report(*result)

        self.desk.worker.submit(compute, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        log.error("statistics failed", exc_info=exc)
        self.banner.error(self.tr("The figures could not be computed: {error}").format(error=exc))

    def _changed(self, tables: frozenset[str]) -> None:
        if tables & WATCHED and self.isVisible():
            self.refresh_timer.start()

    def show_report(self, report: ReportData, charts: dict[str, bytes]) -> None:
        self.report = report
        self.banner.clear()
        self.compared.setText(
            self.tr("{scope} · compared with {previous} and {year}").format(
                scope=report.scope, previous=report.previous_label, year=report.year_before_label
            )
        )
        for line in report.figures:
            self.tiles[line.key].show_line(line)
        for name, pdf in charts.items():
            self.charts[name].show_pdf(pdf)
        total = self.tr("Total")
        for data in report.tables:
            if data.key not in self.tables:
                self._add_table(data.key, data.title)
            view, model = self.tables[data.key]
            model.set_table(data, total)
            view.resizeColumnsToContents()
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(True)

    def _add_table(self, key: str, title: str) -> None:
        view = QTableView()
        view.setObjectName(f"breakdown_{key}")
        model = BreakdownModel(view)
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.setMinimumHeight(260)
        view.clicked.connect(lambda index, key=key: self.open_cell(key, index))
        view.activated.connect(lambda index, key=key: self.open_cell(key, index))
        self.tables[key] = (view, model)
        self.breakdowns.addTab(view, title)

    def _lay_tiles(self) -> None:
        columns = max(3, min(6, (self.scroller.viewport().width() - 20) // TILE_WIDTH))
        if columns == self.columns:
            return
        self.columns = columns
        for i, tile in enumerate(self.tiles.values()):
            self.tile_grid.addWidget(tile, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_tiles()

    # ---- the records behind a figure --------------------------------------------------
    def open_figure(self, key: str) -> None:
        if self.report is None:
            return
        label = self.report.figure(key).label
        self._drill(f"{label} · {self.report.period_label}", key)

    def open_cell(self, table: str, index: QModelIndex) -> None:
        _view, model = self.tables[table]
        cell = model.cell(index.row(), index.column())
        if cell is None or self.report is None:
            return
        value, key = cell
        row = model.data_.rows[index.row()] if model.data_ else None
        label = self.report.figure(key).label
        title = f"{label} · {row.label if row else value} · {self.report.period_label}"
        self._drill(title, key, table, value)

    def _drill(self, title: str, key: str, dimension: str | None = None, value: str = "") -> None:
        period, clerk, stats = self.period, self.clerk_id(), self.stats

        def show(drill: Drill) -> None:
            dialog = DrillDialog(self.desk, title, drill, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.drill_dialog = dialog
            dialog.open()

        self.desk.worker.submit(
            lambda: stats.rows_behind(period, key, clerk, dimension, value), show, self._failed
        )

    # ---- reports and exports ------------------------------------------------------------
    def file_stem(self) -> str:
        return f"{self.desk.market.code}-{self.period.key.replace('..', '_')}"

    def preview_report(self) -> None:
        report, stats, tr = self.report, self.stats, QCoreApplication.translate
        if report is None:
            return
        from lingong_desk.ui.print_preview import open_preview

        self.preview = open_preview(
            self,
            self.desk.worker,
            lambda _layout: stats.render_report(report, tr),
            stats.record_print,
            [("a4", self.tr("A4 portrait"))],
            self.file_stem(),
            f"{report.market_name} · {report.period_label}",
        )

    def choose_workbook(self) -> None:
        if self.report is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the workbook"), f"{self.file_stem()}.xlsx", "Excel (*.xlsx)"
        )
        if name:
            self.save_workbook_to(Path(name))

    def save_workbook_to(self, path: Path) -> None:
        report, stats, tr = self.report, self.stats, QCoreApplication.translate
        assert report is not None
        self.desk.worker.submit(
            lambda: stats.save_workbook(report, tr, path),
            lambda saved: self.banner.success(self.tr("Saved {path}.").format(path=str(saved))),
            self._failed,
        )

    def export_list(self) -> ExportListDialog:
        dialog = ExportListDialog(
            self.desk, self.period, self.clerk_id(), self.label.text() or self.period.key, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog = dialog
        dialog.open()
        return dialog
