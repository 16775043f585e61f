"""The monthly report (月报) as an A4 PDF, laid out with ReportLab's platypus.

Page one: the market, the period and what it is compared with, the headline
table (every indicator: this period, the previous one, the same period a year
before, and the changes), then the funnel and the 12-month trend. Then the
top job types and one table per breakdown, and the definitions of the
indicators, so a reader knows exactly what each figure counts. Every page
names the market and the period and says who prepared it, when, and "page
n of m". Texts are catalogue texts of the "stats_report" context; the bytes
depend only on the input (``invariant``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from lingong_desk.domain.calendar import date_text
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.printing.charts import funnel_chart, top_jobs_chart, trend_chart
from lingong_desk.printing.fonts import register_font
from lingong_desk.printing.job import PrintJob
from lingong_desk.printing.report_data import ReportData, TableData, change, format_value

Tr = Callable[[str, str], str]
C = "stats_report"
KIND = "stats_report"

MONTHLY = QT_TRANSLATE_NOOP("stats_report", "{market} monthly report")
OTHER = QT_TRANSLATE_NOOP("stats_report", "{market} statistics report")
PERIOD = QT_TRANSLATE_NOOP("stats_report", "Period: {period} ({first} to {last})")
SCOPE = QT_TRANSLATE_NOOP("stats_report", "Scope: {scope}")
COMPARED = QT_TRANSLATE_NOOP(
    "stats_report",
    "Compared with the previous period ({previous}) and the same period a year before ({year}).",
)
HEADLINE = QT_TRANSLATE_NOOP("stats_report", "Headline figures")
INDICATOR = QT_TRANSLATE_NOOP("stats_report", "Indicator")
THIS = QT_TRANSLATE_NOOP("stats_report", "This period")
PREVIOUS = QT_TRANSLATE_NOOP("stats_report", "Previous period")
YEAR = QT_TRANSLATE_NOOP("stats_report", "A year before")
CHANGE = QT_TRANSLATE_NOOP("stats_report", "Change")
POINTS = QT_TRANSLATE_NOOP("stats_report", "pt")
TOTAL = QT_TRANSLATE_NOOP("stats_report", "Total")
CHARTS = QT_TRANSLATE_NOOP("stats_report", "Funnel and trend")
BREAKDOWNS = QT_TRANSLATE_NOOP("stats_report", "Breakdowns")
BY = QT_TRANSLATE_NOOP("stats_report", "By {dimension}")
NOTHING = QT_TRANSLATE_NOOP("stats_report", "Nothing was recorded in this period.")
SIGNED = QT_TRANSLATE_NOOP(
    "stats_report", "Prepared by: {clerk}      Checked by: ____________      Date: {date}"
)
DEFINITIONS = QT_TRANSLATE_NOOP("stats_report", "What each indicator counts")
FOOTER = QT_TRANSLATE_NOOP(
    "stats_report", "{market} · {period} · prepared by {clerk} on {date} · page {page} of {pages}"
)

INK = colors.HexColor("#222222")
HEAD = colors.HexColor("#dfe8f1")
BAND = colors.HexColor("#f4f6f8")
LINE = colors.HexColor("#9aa5b1")


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "base", fontName=font, fontSize=9, leading=12, wordWrap="CJK", textColor=INK
    )
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=22, alignment=TA_CENTER),
        "sub": ParagraphStyle("sub", parent=base, fontSize=9.5, leading=13, alignment=TA_CENTER),
        "h2": ParagraphStyle(
            "h2", parent=base, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5),
        "base": base,
    }


def _grid(header_rows: int = 1, numeric_from: int = 1) -> list[tuple[Any, ...]]:
    return [
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("GRID", (0, 0), (-1, -1), 0.4, LINE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (numeric_from, header_rows), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]


class _Renderer:
    def __init__(self, report: ReportData, tr: Tr) -> None:
        self.r, self.tr = report, tr
        self.font = register_font()
        self.st = _styles(self.font)
        self.width = A4[0] - 30 * mm

    def t(self, text: str) -> str:
        return self.tr(C, text)

    def p(self, text: str, style: str = "cell") -> Paragraph:
        return Paragraph(_escape(text), self.st[style])

    def headline(self) -> Table:
        points = self.t(POINTS)
        rows: list[list[Any]] = [
            [self.p(self.t(h)) for h in (INDICATOR, THIS, PREVIOUS, CHANGE, YEAR, CHANGE)]
        ]
        styles = _grid()
        section = None
        for f in self.r.figures:
            if f.section != section:
                section = f.section
                styles += [
                    ("SPAN", (0, len(rows)), (-1, len(rows))),
                    ("BACKGROUND", (0, len(rows)), (-1, len(rows)), BAND),
                ]
                rows.append([self.p(section), "", "", "", "", ""])
            rows.append(
                [
                    self.p(f.label),
                    format_value(f.value, f.is_rate),
                    format_value(f.previous, f.is_rate),
                    change(f.value, f.previous, f.is_rate, points),
                    format_value(f.year_before, f.is_rate),
                    change(f.value, f.year_before, f.is_rate, points),
                ]
            )
        widths = [self.width * 0.34] + [self.width * 0.132] * 5
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([*styles, ("FONTNAME", (0, 0), (-1, -1), self.font)]))
        return table

    def table(self, data: TableData) -> Table:
        head = [self.p(h) for h in data.headings]
        body: list[list[Any]] = [
            [self.p(row.label), *(format_value(v, False) for v in row.values)] for row in data.rows
        ]
        total = [self.p(self.t(TOTAL)), *(format_value(v, False) for v in data.total)]
        first = self.width * (0.3 if len(data.columns) > 6 else 0.34)
        rest = (self.width - first) / max(1, len(data.columns))
        table = Table(
            [head, *body, total], colWidths=[first] + [rest] * len(data.columns), repeatRows=1
        )
        styles = _grid()
        styles += [("BACKGROUND", (0, len(body) + 1), (-1, len(body) + 1), BAND)]
        table.setStyle(TableStyle([*styles, ("FONTNAME", (0, 0), (-1, -1), self.font)]))
        return table

    def story(self) -> list[Any]:
        r, t = self.r, self.t
        title = MONTHLY if r.period_kind == "month" else OTHER
        out: list[Any] = [
            self.p(t(title).format(market=r.market_name), "title"),
            Spacer(0, 2 * mm),
            self.p(
                t(PERIOD).format(
                    period=r.period_label,
                    first=r.first_day.isoformat(),
                    last=r.last_day.isoformat(),
                ),
                "sub",
            ),
            self.p(t(SCOPE).format(scope=r.scope), "sub"),
            self.p(t(COMPARED).format(previous=r.previous_label, year=r.year_before_label), "sub"),
            Spacer(0, 3 * mm),
            self.p(t(HEADLINE), "h2"),
            self.headline(),
            Spacer(0, 3 * mm),
            self.p(
                t(SIGNED)
                .format(clerk=r.prepared_by, date=date_text(r.prepared_at))
                .replace(" ", "\u00a0"),  # the gaps for a signature stay as wide as written
                "base",
            ),
            CondPageBreak(80 * mm),
            self.p(t(CHARTS), "h2"),
            KeepTogether(
                [
                    funnel_chart(r, self.tr, self.width, 150),
                    trend_chart(r, self.tr, self.width, 180),
                ]
            ),
            CondPageBreak(70 * mm),
            self.p(r.top_jobs.title, "h2"),
        ]
        if r.top_jobs.rows:
            out += [
                top_jobs_chart(r, self.tr, self.width, 190, titled=False),
                Spacer(0, 2 * mm),
                self.table(r.top_jobs),
            ]
        else:
            out.append(self.p(t(NOTHING), "base"))
        out.append(self.p(t(BREAKDOWNS), "h2"))
        for data in r.tables:
            heading = self.p(t(BY).format(dimension=data.title), "h2")
            if data.rows:
                out.append(
                    KeepTogether([heading, self.table(data)]) if len(data.rows) < 25 else heading
                )
                if len(data.rows) >= 25:
                    out.append(self.table(data))
            else:
                out += [heading, self.p(t(NOTHING), "base")]
        out.append(CondPageBreak(60 * mm))
        out.append(self.p(t(DEFINITIONS), "h2"))
        for f in r.figures:
            out.append(self.p(f"{f.label} ({f.key}): {f.definition}", "small"))
        return out

    def footer_text(self, page: int, pages: int) -> str:
        r = self.r
        return self.t(FOOTER).format(
            market=r.market_name,
            period=r.period_label,
            clerk=r.prepared_by,
            date=date_text(r.prepared_at),
            page=page,
            pages=pages,
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _numbered_canvas(renderer: _Renderer) -> type[Canvas]:
    """A canvas that holds its pages back until it knows how many there are."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(renderer.font, 7.5)
                self.setFillColor(colors.HexColor("#555555"))
                self.drawCentredString(A4[0] / 2, 9 * mm, renderer.footer_text(number, total))
                super().showPage()
            super().save()

    return NumberedCanvas


def render_report(report: ReportData, tr: Tr) -> PrintJob:
    renderer = _Renderer(report, tr)
    buffer = io.BytesIO()
    title = renderer.t(MONTHLY if report.period_kind == "month" else OTHER)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=title.format(market=report.market_name) + " " + report.period_key,
        author=report.prepared_by,
        creator="LingGong Desk",
        invariant=1,
    )
    doc.build(renderer.story(), canvasmaker=_numbered_canvas(renderer))
    return PrintJob(kind=KIND, layout="a4", pdf=buffer.getvalue(), number=report.period_key)
