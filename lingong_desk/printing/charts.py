"""The report's charts, drawn once with ReportLab's chart library.

Each chart is a ``reportlab.graphics.shapes.Drawing``: the monthly report
places it in the PDF as it is, and the statistics view shows the very same
drawing rendered to a one-page PDF (``to_pdf``) through QtPdf, so the screen
and the paper never differ. The bundled CJK font is used for every label.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.printing.fonts import register_font
from lingong_desk.printing.report_data import ReportData, Series

Tr = Callable[[str, str], str]
C = "stats_report"
# a restrained palette that prints well in colour and in grey
PALETTE = [
    colors.HexColor("#1f4e79"),
    colors.HexColor("#2e86c1"),
    colors.HexColor("#f39c12"),
    colors.HexColor("#27ae60"),
    colors.HexColor("#8e44ad"),
]
GRID = colors.HexColor("#d0d7de")
TEXT = colors.HexColor("#222222")

FUNNEL_TITLE = QT_TRANSLATE_NOOP("stats_report", "Referral funnel")
TREND_TITLE = QT_TRANSLATE_NOOP("stats_report", "Last 12 months")
TOP_TITLE = QT_TRANSLATE_NOOP("stats_report", "Top job types")


def nice_step(top: float, steps: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten, at least 1) that covers
    ``top`` in about ``steps`` steps."""
    raw = max(top, 1.0) / steps
    power = 1.0
    while power * 10 <= raw:
        power *= 10
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= raw and (step >= 1 and step == int(step)):
            return float(step)
    return float(10 * power)


def _title(d: Drawing, text: str, font: str) -> None:
    d.add(String(4, d.height - 14, text, fontName=font, fontSize=10, fillColor=TEXT))


def _axis_fonts(chart: HorizontalBarChart | HorizontalLineChart, font: str) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = 7
        axis.labels.fillColor = TEXT
        axis.strokeColor = GRID
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = "%d"


def _value_axis(chart: HorizontalBarChart | HorizontalLineChart, top: float) -> None:
    """From 0 to a round top in about five whole steps (counts have no fractions)."""
    step = nice_step(top)
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = step * max(1, -(-top // step))


def _legend(
    d: Drawing, x: float, y: float, series: Sequence[tuple[str, object]], font: str
) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = font
    legend.fontSize = 7
    legend.alignment = "right"
    legend.columnMaximum = len(series)  # one under the other
    legend.dx = legend.dy = 7
    legend.deltax = 8
    legend.boxAnchor = "nw"
    legend.colorNamePairs = list(series)
    d.add(legend)


def funnel_chart(
    report: ReportData, tr: Tr, width: float = 320, height: float = 190, titled: bool = True
) -> Drawing:
    """Registered -> referred -> intention -> hired, as horizontal bars, top down."""
    font = register_font()
    d = Drawing(width, height)
    if titled:
        _title(d, tr(C, FUNNEL_TITLE), font)
    chart = HorizontalBarChart()
    steps = list(reversed(report.funnel))  # the first step at the top
    values = [s.values[0] for s in steps]
    chart.x, chart.y = 78, 14
    chart.width, chart.height = width - 100, height - 40
    chart.data = [values]
    chart.categoryAxis.categoryNames = [s.label for s in steps]
    _axis_fonts(chart, font)
    _value_axis(chart, max(values, default=0) * 1.15)
    chart.bars[0].fillColor = PALETTE[0]
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    return d


def trend_chart(
    report: ReportData, tr: Tr, width: float = 480, height: float = 190, titled: bool = True
) -> Drawing:
    """The trend indicators month by month, one line each."""
    font = register_font()
    d = Drawing(width, height)
    if titled:
        _title(d, tr(C, TREND_TITLE), font)
    chart = HorizontalLineChart()
    chart.x, chart.y = 34, 22
    chart.width, chart.height = width - 150, height - 46
    chart.data = [list(s.values) for s in report.trend]
    chart.categoryAxis.categoryNames = [m[2:] for m in report.trend_months]  # 25-11
    _axis_fonts(chart, font)
    chart.categoryAxis.labels.angle = 0
    top = max((v for s in report.trend for v in s.values), default=0)
    _value_axis(chart, top * 1.1)
    chart.joinedLines = 1
    for i, _series in enumerate(report.trend):
        chart.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
        chart.lines[i].strokeWidth = 1.5
    d.add(chart)
    pairs = [(PALETTE[i % len(PALETTE)], s.label) for i, s in enumerate(report.trend)]
    _legend(d, width - 108, height - 30, pairs, font)
    return d


def top_jobs_chart(
    report: ReportData, tr: Tr, width: float = 560, height: float = 220, titled: bool = True
) -> Drawing:
    """The top job types: jobs offered and hires, side by side."""
    font = register_font()
    d = Drawing(width, height)
    if titled:
        _title(d, tr(C, TOP_TITLE), font)
    rows = list(reversed(report.top_jobs.rows[:8]))  # the biggest at the top
    shown = [0, 2]  # jobs offered, hires (columns of the top-jobs table)
    series = [
        Series(report.top_jobs.columns[i], report.top_jobs.headings[i + 1], ()) for i in shown
    ]
    chart = HorizontalBarChart()
    chart.x, chart.y = 110, 14
    chart.width, chart.height = width - 220, height - 40
    chart.data = [[r.values[i] for r in rows] or [0] for i in shown]
    chart.categoryAxis.categoryNames = [r.label for r in rows] or [""]
    _axis_fonts(chart, font)
    top = max((v for r in rows for v in r.values), default=0)
    _value_axis(chart, top * 1.15)
    chart.barSpacing = 1
    chart.groupSpacing = 4
    for i in range(len(shown)):
        chart.bars[i].fillColor = PALETTE[i * 2 % len(PALETTE)]
        chart.bars[i].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    d.add(chart)
    pairs = [(PALETTE[i * 2 % len(PALETTE)], s.label) for i, s in enumerate(series)]
    _legend(d, width - 100, height - 30, pairs, font)
    return d


def report_charts(report: ReportData, tr: Tr) -> dict[str, Drawing]:
    return {
        "funnel": funnel_chart(report, tr),
        "trend": trend_chart(report, tr),
        "top_jobs": top_jobs_chart(report, tr),
    }


def to_pdf(drawing: Drawing) -> bytes:
    """The drawing alone on a page of its size (the same bytes for the same drawing)."""
    return bytes(renderPDF.drawToString(drawing, invariant=1))
