"""A market's statistics for one period, frozen: what the monthly report (PDF),
its workbook (XLSX) and the statistics view show.

``services/statistics.py`` builds it (labels already translated); the
renderers only lay it out, so the PDF, the workbook and the screen show the
same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class FigureLine:
    key: str  # the indicator's stable key
    label: str
    definition: str
    section: str
    is_rate: bool
    value: float | None  # None: a rate with nothing to divide by
    previous: float | None
    year_before: float | None


@dataclass(frozen=True)
class RowData:
    key: str  # the row's value of the dimension ("" = not stated)
    label: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class TableData:
    key: str  # the dimension (or "top_jobs")
    title: str
    columns: tuple[str, ...]  # indicator keys
    headings: tuple[str, ...]  # the dimension's heading, then one per column
    rows: tuple[RowData, ...]
    total: tuple[float, ...]


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class ReportData:
    market_code: str
    market_name: str
    period_key: str  # 2026-11, 2026-Q4, ...
    period_kind: str
    period_label: str  # 2026年11月
    previous_label: str
    year_before_label: str
    first_day: dt.date
    last_day: dt.date
    scope: str  # the whole market, or one clerk's work
    figures: tuple[FigureLine, ...]
    funnel: tuple[Series, ...]  # one value each: registered, referred, intention, hired
    trend_months: tuple[str, ...]
    trend: tuple[Series, ...]
    top_jobs: TableData
    tables: tuple[TableData, ...]
    prepared_by: str
    prepared_at: dt.datetime  # aware, shown in China time

    def figure(self, key: str) -> FigureLine:
        for line in self.figures:
            if line.key == key:
                return line
        raise KeyError(key)


def format_value(value: float | None, is_rate: bool) -> str:
    """12 345 as "12345", a rate as "41.7%", nothing to divide by as "—"."""
    if value is None:
        return "—"
    if is_rate:
        return f"{value * 100:.1f}%"
    return f"{round(value):d}"


def change(value: float | None, before: float | None, is_rate: bool, points: str = "pt") -> str:
    """+8.3% (counts), +2.1 pt (rates: percentage points, ``points`` translated);
    "—" when there is nothing to compare with."""
    if value is None or before is None:
        return "—"
    if is_rate:
        return f"{(value - before) * 100:+.1f} {points}"
    if before == 0:
        return "—"
    return f"{(value - before) / before * 100:+.1f}%"
