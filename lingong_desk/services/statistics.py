"""The market's statistics: figures with their comparisons, funnel, trend,
breakdowns, the rows behind every figure, and the monthly report.

A supervisor sees the whole market or any clerk's work; a clerk sees their
own work (``scope``). Every figure is computed by ``domain/indicators.py``
from the activity ``db/stats.py`` reads, so the view, the PDF, the workbook
and the city count alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lingong_desk.db.models import Market
from lingong_desk.db.stats import clerk_names, load_activity, monthly_counts, seeking_ids
from lingong_desk.domain import indicators as ind
from lingong_desk.domain.activity import Activity
from lingong_desk.domain.breakdowns import DIMENSION, DIMENSIONS, Dimension
from lingong_desk.domain.enums import ClerkRole, Labelled, PersonCategory, Sex, WorkForm
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.periods import Period, PeriodKind
from lingong_desk.printing.job import PrintJob
from lingong_desk.printing.report_data import (
    FigureLine,
    ReportData,
    RowData,
    Series,
    TableData,
    change,
    format_value,
)
from lingong_desk.services.context import ServiceContext
from lingong_desk.services.outputs import Output, record_output

# what the UI uses of the frozen report (it does not import printing/ itself)
__all__ = [
    "INDICATOR_KEYS",
    "Drill",
    "FigureLine",
    "Period",
    "PeriodKind",
    "ReportData",
    "Scope",
    "StatisticsService",
    "TableData",
    "Translate",
    "change",
    "format_value",
    "period_label",
]

Translate = Callable[[str, str], str]
C = "stats"
ENUM_CONTEXT = "enums"
INDICATOR_KEYS = tuple(i.key for i in ind.INDICATORS)
TOP_JOBS = 10
TOP_JOB_COLUMNS = ("jobs_offered", "referrals_issued", "hires")
NOT_STATED = QT_TRANSLATE_NOOP("stats", "Not stated")
OTHER_DESK = QT_TRANSLATE_NOOP("stats", "Clerk of another desk")
WHOLE_MARKET = QT_TRANSLATE_NOOP("stats", "Whole market")
ONE_CLERK = QT_TRANSLATE_NOOP("stats", "Work of {name}")
AGE_BANDS = {
    "16-29": QT_TRANSLATE_NOOP("stats", "16 to 29"),
    "30-39": QT_TRANSLATE_NOOP("stats", "30 to 39"),
    "40-49": QT_TRANSLATE_NOOP("stats", "40 to 49"),
    "50-59": QT_TRANSLATE_NOOP("stats", "50 to 59"),
    "60+": QT_TRANSLATE_NOOP("stats", "60 and older"),
}
PERIOD_FORMS = {
    PeriodKind.DAY: QT_TRANSLATE_NOOP("stats", "{month}/{day}/{year}"),
    PeriodKind.WEEK: QT_TRANSLATE_NOOP("stats", "Week {week} of {year} ({first} to {last})"),
    PeriodKind.MONTH: QT_TRANSLATE_NOOP("stats", "{month}/{year}"),
    PeriodKind.QUARTER: QT_TRANSLATE_NOOP("stats", "Quarter {quarter} of {year}"),
    PeriodKind.YEAR: QT_TRANSLATE_NOOP("stats", "Year {year}"),
    PeriodKind.RANGE: QT_TRANSLATE_NOOP("stats", "{first} to {last}"),
}
ORDERED = {
    Dimension.SEX: [s.value for s in Sex],
    Dimension.AGE_BAND: list(AGE_BANDS),
    Dimension.CATEGORY: [c.value for c in PersonCategory],
    Dimension.WORK_FORM: [w.value for w in WorkForm],
}
ENUMS: dict[Dimension, type[Labelled]] = {
    Dimension.SEX: Sex,
    Dimension.CATEGORY: PersonCategory,
    Dimension.WORK_FORM: WorkForm,
}


def period_label(period: Period, tr: Translate) -> str:
    first, last = period.first, period.last
    quarter = (first.month - 1) // 3 + 1
    week = first.isocalendar()[1]
    return tr(C, PERIOD_FORMS[period.kind]).format(
        year=first.isocalendar()[0] if period.kind is PeriodKind.WEEK else first.year,
        month=first.month,
        day=first.day,
        quarter=quarter,
        week=week,
        first=first.isoformat(),
        last=last.isoformat(),
    )


@dataclass(frozen=True)
class Scope:
    clerk_id: uuid.UUID | None  # None: the whole market
    name: str


@dataclass(frozen=True)
class Drill:
    """The records behind a figure or a cell: which table, which rows."""

    entity: str
    ids: tuple[uuid.UUID, ...]


class StatisticsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ---- who sees what ----------------------------------------------------
    @property
    def sees_everything(self) -> bool:
        return self.ctx.clerk_role == ClerkRole.SUPERVISOR

    def scopes(self, tr: Translate) -> list[Scope]:
        """What the signed-in clerk may look at: a supervisor the whole market and
        each clerk's work, a clerk their own."""
        own = Scope(self.ctx.clerk_id, tr(C, ONE_CLERK).format(name=self.ctx.clerk_name))
        if not self.sees_everything:
            return [own]
        with self.ctx.reading() as s:
            names = clerk_names(s)
        own_hex = self.ctx.clerk_id.hex if self.ctx.clerk_id else ""
        others = sorted((name, key) for key, name in names.items() if key != own_hex)
        return [
            Scope(None, tr(C, WHOLE_MARKET)),
            own,
            *(Scope(uuid.UUID(hex=k), tr(C, ONE_CLERK).format(name=n)) for n, k in others),
        ]

    def _clerk(self, clerk_id: uuid.UUID | None) -> uuid.UUID | None:
        if self.sees_everything:
            return clerk_id
        if self.ctx.clerk_id is None:
            raise PermissionError("sign in to see statistics")
        return self.ctx.clerk_id  # a clerk sees their own work, whatever was asked

    # ---- computing ----------------------------------------------------------
    def activity(
        self, period: Period, clerk_id: uuid.UUID | None = None, history: bool = False
    ) -> Activity:
        """What ``period``'s figures (and those they are compared with) count;
        ``history`` also reads every status change (the pure definition's input)."""
        clerk = self._clerk(clerk_id)
        key = clerk.hex if clerk else None
        ends = [p.end for p in (period, period.previous(), period.year_before())]
        with self.ctx.reading() as s:
            activity = load_activity(
                s, self.ctx.market_code, ind.report_windows(period), period.end, ends, key, history
            )
        return activity if key is None else activity.of_clerk(key)

    def trend(
        self, period: Period, clerk_id: uuid.UUID | None = None, months: int = 12
    ) -> list[tuple[Period, dict[str, float]]]:
        """The trend indicators of the ``months`` months ending with the period's
        (the SQL form of their definitions, ``db/stats.monthly_counts``)."""
        clerk = self._clerk(clerk_id)
        span = period.trailing_months(months)
        with self.ctx.reading() as s:
            counts = monthly_counts(
                s, self.ctx.market_code, span[0].start, span[-1].end, clerk.hex if clerk else None
            )
        return [(m, {k: float(counts.get(k, {}).get(m.key, 0)) for k in ind.TREND}) for m in span]

    def report(
        self, period: Period, tr: Translate, clerk_id: uuid.UUID | None = None
    ) -> ReportData:
        clerk = self._clerk(clerk_id)
        activity = self.activity(period, clerk)
        with self.ctx.reading() as s:
            market = s.get(Market, self.ctx.market_code)
            names = clerk_names(s)
        previous, year_before = period.previous(), period.year_before()
        figures = []
        for i in ind.INDICATORS:
            now, before, last_year = (
                ind.figure(i.key, activity, p).value for p in (period, previous, year_before)
            )
            figures.append(
                FigureLine(
                    i.key,
                    tr(C, i.label),
                    tr(C, i.definition),
                    tr(C, ind.SECTION_LABELS[i.section]),
                    i.is_rate,
                    now,
                    before,
                    last_year,
                )
            )
        by_key = {f.key: f for f in figures}
        trend = self.trend(period, clerk)
        labels = _Labels(self.ctx, tr, names)
        tables = tuple(labels.table(ind.breakdown(d.key, activity, period)) for d in DIMENSIONS)
        scope = tr(C, WHOLE_MARKET)
        if clerk is not None:
            scope = tr(C, ONE_CLERK).format(name=names.get(clerk.hex, ""))
        return ReportData(
            market_code=self.ctx.market_code,
            market_name=market.name if market else self.ctx.market_code,
            period_key=period.key,
            period_kind=period.kind.value,
            period_label=period_label(period, tr),
            previous_label=period_label(previous, tr),
            year_before_label=period_label(year_before, tr),
            first_day=period.first,
            last_day=period.last,
            scope=scope,
            figures=tuple(figures),
            funnel=tuple(Series(k, by_key[k].label, (by_key[k].value or 0.0,)) for k in ind.FUNNEL),
            trend_months=tuple(m.key for m, _v in trend),
            trend=tuple(
                Series(k, by_key[k].label, tuple(values[k] for _m, values in trend))
                for k in ind.TREND
            ),
            top_jobs=labels.top_jobs(tables[1]),
            tables=tables,
            prepared_by=self.ctx.clerk_name,
            prepared_at=self.ctx.now(),
        )

    def rows_behind(
        self,
        period: Period,
        key: str,
        clerk_id: uuid.UUID | None = None,
        dimension: Dimension | str | None = None,
        value: str = "",
    ) -> Drill:
        """The records a figure counts (or one cell of a breakdown: ``dimension``, ``value``)."""
        indicator = ind.INDICATOR[key]
        if key == "seekers_seeking" and dimension is None:  # counted in SQL: read in SQL
            clerk = self._clerk(clerk_id)
            with self.ctx.reading() as s:
                found = seeking_ids(
                    s, self.ctx.market_code, period.end, clerk.hex if clerk else None
                )
            return Drill(indicator.entity, tuple(uuid.UUID(hex=k) for k in found))
        activity = self.activity(period, clerk_id)
        if dimension is None:
            keys = ind.figure(key, activity, period).rows
        else:
            keys = ind.breakdown_rows(key, Dimension(dimension), value, activity, period)
        return Drill(indicator.entity, tuple(uuid.UUID(hex=k) for k in keys))

    # ---- the monthly report ---------------------------------------------------
    def render_report(self, report: ReportData, tr: Translate) -> PrintJob:
        from lingong_desk.printing.report import render_report

        return render_report(report, tr)

    def record_print(self, job: PrintJob, how: Output) -> None:
        """The report went to a printer or was saved as a PDF: audited, like every output."""
        with self.ctx.session() as s:
            record_output(self.ctx, s, job, how)

    def workbook(self, report: ReportData, tr: Translate) -> bytes:
        from lingong_desk.printing.workbook import report_workbook

        return report_workbook(report, tr)

    def save_workbook(self, report: ReportData, tr: Translate, path: Path) -> Path:
        """Write the report's workbook to ``path`` and audit the export."""
        path.write_bytes(self.workbook(report, tr))
        with self.ctx.session() as s:
            self.ctx.audit(
                s,
                "stats_report.export",
                layout="xlsx",
                period=report.period_key,
                scope=report.scope,
            )
        return path

    def chart_pdfs(self, report: ReportData, tr: Translate) -> dict[str, bytes]:
        """The report's charts, each a one-page PDF, for the screen (same drawings as the PDF)."""
        from lingong_desk.printing.charts import report_charts, to_pdf

        return {key: to_pdf(drawing) for key, drawing in report_charts(report, tr).items()}


class _Labels:
    """Row labels of the breakdown tables, translated."""

    def __init__(self, ctx: ServiceContext, tr: Translate, clerks: dict[str, str]) -> None:
        self.ctx, self.tr, self.clerks = ctx, tr, clerks
        self.groups = {o.group_code: o.group_name for o in ctx.catalogue}

    def label(self, dimension: Dimension, value: str) -> str:
        tr = self.tr
        if not value:
            return tr(C, NOT_STATED)
        if dimension is Dimension.OCCUPATION:
            return self.ctx.catalogue.name(value)
        if dimension is Dimension.OCCUPATION_GROUP:
            return self.groups.get(value, value)
        if dimension is Dimension.AGE_BAND:
            return tr(C, AGE_BANDS.get(value, value))
        if dimension is Dimension.CLERK:
            return self.clerks.get(value) or tr(C, OTHER_DESK)
        enum = ENUMS.get(dimension)
        if enum is not None:
            try:
                return tr(ENUM_CONTEXT, enum(value).label)
            except ValueError:
                return value
        return value

    def table(self, table: ind.BreakdownTable) -> TableData:
        info = DIMENSION[table.dimension]
        rows = list(table.rows)
        order = ORDERED.get(table.dimension)
        if order is not None:
            rank = {v: i for i, v in enumerate(order)}
            rows.sort(key=lambda r: (r[0] == "", rank.get(r[0], len(rank)), r[0]))
        return TableData(
            key=table.dimension.value,
            title=self.tr(C, info.label),
            columns=table.columns,
            headings=(
                self.tr(C, info.label),
                *(self.tr(C, ind.INDICATOR[k].label) for k in table.columns),
            ),
            rows=tuple(RowData(v, self.label(table.dimension, v), vals) for v, vals in rows),
            total=table.totals,
        )

    def top_jobs(self, jobs: TableData) -> TableData:
        picked = [jobs.columns.index(k) for k in TOP_JOB_COLUMNS]
        rows = [
            RowData(r.key, r.label, tuple(r.values[i] for i in picked)) for r in jobs.rows if r.key
        ]
        rows.sort(key=lambda r: (tuple(-v for v in r.values), r.label))
        rows = rows[:TOP_JOBS]
        return TableData(
            key="top_jobs",
            title=self.tr(C, QT_TRANSLATE_NOOP("stats", "Top job types")),
            columns=TOP_JOB_COLUMNS,
            headings=(
                jobs.headings[0],
                *(self.tr(C, ind.INDICATOR[k].label) for k in TOP_JOB_COLUMNS),
            ),
            rows=tuple(rows),
            total=tuple(jobs.total[i] for i in picked),
        )
