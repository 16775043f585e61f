"""Workbooks (XLSX, openpyxl) for the bureau, which lives in spreadsheets.

The report's workbook: a sheet of indicators (column A the stable key, B the
label, C this period, D the previous period, E the same period a year before,
F the definition), then one sheet per breakdown and one of the 12-month
trend. Lists (job seekers, referrals, ...) are one sheet each. Numbers are
numbers, rates are formatted as percentages, dates as dates, columns are
sized to their contents and the header row stays in view.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.printing.report_data import ReportData, TableData

Tr = Callable[[str, str], str]
C = "stats_report"
Cell = str | int | float | dt.date | dt.datetime | None

INDICATORS = QT_TRANSLATE_NOOP("stats_report", "Indicators")
KEY = QT_TRANSLATE_NOOP("stats_report", "Key")
INDICATOR = QT_TRANSLATE_NOOP("stats_report", "Indicator")
THIS = QT_TRANSLATE_NOOP("stats_report", "This period")
PREVIOUS = QT_TRANSLATE_NOOP("stats_report", "Previous period")
YEAR = QT_TRANSLATE_NOOP("stats_report", "A year before")
DEFINITION = QT_TRANSLATE_NOOP("stats_report", "Definition")
TOTAL = QT_TRANSLATE_NOOP("stats_report", "Total")
TREND = QT_TRANSLATE_NOOP("stats_report", "Trend")
MONTH = QT_TRANSLATE_NOOP("stats_report", "Month")

PERCENT = "0.0%"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
HEADER_FILL = PatternFill("solid", fgColor="DFE8F1")
BOLD = Font(bold=True)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    text = f"{value:.1%}" if isinstance(value, float) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet_name(title: str, taken: set[str]) -> str:
    name = _BAD_SHEET_CHARS.sub("_", title)[:31] or "Sheet"
    base, n = name, 2
    while name in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _finish(ws: Worksheet, widths: dict[int, int], max_width: int = 60) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max_width, max(8, width + 2))
    ws.freeze_panes = "A2"


def write_rows(
    ws: Worksheet,
    headings: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    formats: dict[int, str] | None = None,
    max_width: int = 60,
) -> None:
    """Header row (bold, shaded, frozen), then the rows; ``formats`` by 0-based column."""
    formats = formats or {}
    ws.append(list(headings))
    widths = {i + 1: _width(h) for i, h in enumerate(headings)}
    for cell in ws[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for values in rows:
        ws.append(list(values))
        r = ws.max_row
        for i, value in enumerate(values):
            cell = ws.cell(row=r, column=i + 1)
            if i in formats and value is not None:
                cell.number_format = formats[i]
            elif isinstance(value, dt.datetime):
                cell.number_format = DATETIME
            elif isinstance(value, dt.date):
                cell.number_format = DATE
            widths[i + 1] = max(widths.get(i + 1, 0), _width(value))
    _finish(ws, widths, max_width)


def _number(value: float | None, rate: bool) -> int | float | None:
    if value is None:
        return None
    return float(value) if rate else round(value)


def _table_sheet(ws: Worksheet, data: TableData, tr: Tr) -> None:
    rows: list[list[Cell]] = [[row.label, *(round(v) for v in row.values)] for row in data.rows]
    rows.append([tr(C, TOTAL), *(round(v) for v in data.total)])
    write_rows(ws, data.headings, rows)
    for cell in ws[ws.max_row]:
        cell.font = BOLD


def _save(wb: Workbook, when: dt.datetime, title: str, author: str) -> bytes:
    naive = when.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    wb.properties.creator = author or "LingGong Desk"
    wb.properties.lastModifiedBy = author or "LingGong Desk"
    wb.properties.title = title
    wb.properties.created = naive
    wb.properties.modified = naive
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def report_workbook(report: ReportData, tr: Tr) -> bytes:
    wb = Workbook()
    taken: set[str] = set()
    ws = wb.active
    assert ws is not None
    ws.title = _sheet_name(tr(C, INDICATORS), taken)
    rows: list[list[Cell]] = []
    formats: dict[int, str] = {}
    for f in report.figures:
        rows.append(
            [
                f.key,
                f.label,
                _number(f.value, f.is_rate),
                _number(f.previous, f.is_rate),
                _number(f.year_before, f.is_rate),
                f.definition,
            ]
        )
    headings = [tr(C, h) for h in (KEY, INDICATOR, THIS, PREVIOUS, YEAR, DEFINITION)]
    write_rows(ws, headings, rows, formats, max_width=90)
    for r, f in enumerate(report.figures, start=2):
        if f.is_rate:
            for col in (3, 4, 5):
                ws.cell(row=r, column=col).number_format = PERCENT
    for data in report.tables:
        _table_sheet(wb.create_sheet(_sheet_name(data.title, taken)), data, tr)
    trend = wb.create_sheet(_sheet_name(tr(C, TREND), taken))
    months: list[list[Cell]] = [
        [month, *(round(s.values[i]) for s in report.trend)]
        for i, month in enumerate(report.trend_months)
    ]
    write_rows(trend, [tr(C, MONTH), *(s.label for s in report.trend)], months)
    title = f"{report.market_name} {report.period_label}"
    return _save(wb, report.prepared_at, title, report.prepared_by)


def list_workbook(
    title: str,
    headings: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    when: dt.datetime,
    author: str,
) -> bytes:
    """One list (job seekers, referrals, ...) as a sheet named ``title``."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _sheet_name(title, set())
    write_rows(ws, headings, rows)
    return _save(wb, when, title, author)
