"""The city's monthly report: all markets side by side, then one section per market,
as XLSX (openpyxl, the style of the desk's ``printing/workbook.py``) and PDF
(ReportLab platypus with the desk's bundled CJK font).

Every figure is counted by the desk's definitions without reading a market's
facts (``reading.report_values``: the day sums for the flows and the seekers,
the postings and files for the other stocks); a test holds it equal to
``indicators.figure()`` over the market's whole activity
(``reading.market_values``), and so to the market's own report for the same
period. The city total adds counts and divides rates again.
ReportLab is imported only when a PDF is made (the server starts without it).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_city.figures import labels, reading
from lingong_city.figures.reading import Values
from lingong_city.models import Market
from lingong_desk.domain.calendar import CHINA
from lingong_desk.domain.indicators import INDICATORS
from lingong_desk.domain.periods import Period

SHEET = "指标"
CITY = "全市合计"
PERCENT = "0.0%"
HEADER_FILL = PatternFill("solid", fgColor="DFE8F1")
BOLD = Font(bold=True)
FONT_FILE = labels.RESOURCES / "fonts" / "wqy-microhei.ttc"
FONT_NAME = "WenQuanYiMicroHei"


@dataclass(frozen=True)
class CityReport:
    period: Period
    markets: tuple[tuple[str, str], ...]  # (code, name)
    values: dict[str, dict[Period, Values]]  # market -> period -> indicator -> value
    city: dict[Period, Values]
    prepared_by: str
    prepared_at: dt.datetime

    @property
    def periods(self) -> tuple[Period, Period, Period]:
        return (self.period, self.period.previous(), self.period.year_before())


def gather(session: Session, period: Period, now: dt.datetime, prepared_by: str) -> CityReport:
    markets = tuple((m.code, m.name) for m in session.scalars(select(Market).order_by(Market.code)))
    values = reading.report_values(session, [code for code, _n in markets], period)
    city = {
        p: reading.city_total({code: values[code][p] for code, _n in markets})
        for p in (period, period.previous(), period.year_before())
    }
    return CityReport(period, markets, values, city, prepared_by, now)


# ---- XLSX -------------------------------------------------------------------------
def _width(value: object) -> int:
    text = f"{value:.1%}" if isinstance(value, float) else str(value or "")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet(
    ws: Worksheet, headings: list[str], rows: Sequence[Sequence[Any]], rates: set[int]
) -> None:
    ws.append(headings)
    for cell in ws[1]:
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    widths = {i + 1: _width(h) for i, h in enumerate(headings)}
    for r, row in enumerate(rows, start=2):
        ws.append(row)
        for c, value in enumerate(row, start=1):
            widths[c] = max(widths[c], _width(value))
            if r - 2 in rates and isinstance(value, float):
                ws.cell(r, c).number_format = PERCENT
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, width + 2))
    ws.freeze_panes = "A2"


def workbook(report: CityReport) -> bytes:
    """Sheet ``指标``: A the indicator key, B its Chinese label, one column per market,
    then the city total; then one sheet per market with its comparisons."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    rates = {i for i, ind in enumerate(INDICATORS) if ind.is_rate}
    p = report.period
    rows: list[list[Any]] = [
        [ind.key, labels.label(ind.key)]
        + [report.values[code][p][ind.key] for code, _n in report.markets]
        + [report.city[p][ind.key]]
        for ind in INDICATORS
    ]
    _sheet(ws, ["指标键", "指标"] + [name for _c, name in report.markets] + [CITY], rows, rates)
    for code, name in report.markets:
        sheet = wb.create_sheet(f"{code} {name}"[:31])
        v = report.values[code]
        market_rows: list[list[Any]] = [
            [ind.key, labels.label(ind.key)]
            + [v[q][ind.key] for q in report.periods]
            + [labels.definition(ind.key)]
            for ind in INDICATORS
        ]
        headings = ["指标键", "指标", p.key, report.periods[1].key, report.periods[2].key, "定义"]
        _sheet(sheet, headings, market_rows, rates)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---- PDF --------------------------------------------------------------------------
def text(value: float | None, is_rate: bool) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if is_rate else f"{value:,.0f}"


def pdf(report: CityReport) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=0))
    title_style = ParagraphStyle("t", fontName=FONT_NAME, fontSize=15, leading=20)
    head_style = ParagraphStyle("h", fontName=FONT_NAME, fontSize=12, leading=16)
    small = ParagraphStyle("s", fontName=FONT_NAME, fontSize=8, leading=10)
    p = report.period
    grid = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT_NAME, 8),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DFE8F1")),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9AA5B1")),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
    )
    story: list[object] = [
        Paragraph(f"全市零工市场统计月报 · {p.key}", title_style),
        Paragraph(
            f"{p.first:%Y-%m-%d} 至 {p.last:%Y-%m-%d} · 共 {len(report.markets)} 个市场 · "
            f"制表：{report.prepared_by} · "
            f"{report.prepared_at.astimezone(CHINA):%Y-%m-%d %H:%M}",
            small,
        ),
        Spacer(1, 4 * mm),
    ]
    header = ["指标"] + [Paragraph(name, small) for _c, name in report.markets] + [CITY]
    rows: list[list[Any]] = [header]
    for ind in INDICATORS:
        rows.append(
            [labels.label(ind.key)]
            + [text(report.values[c][p][ind.key], ind.is_rate) for c, _n in report.markets]
            + [text(report.city[p][ind.key], ind.is_rate)]
        )
    width = landscape(A4)[0] - 30 * mm
    first = 45 * mm
    rest = (width - first) / (len(report.markets) + 1)
    table = Table(rows, colWidths=[first] + [rest] * (len(report.markets) + 1), repeatRows=1)
    table.setStyle(grid)
    story.append(table)
    for code, name in report.markets:
        story += [
            PageBreak(),
            Paragraph(f"{name}（{code}）· {p.key}", head_style),
            Spacer(1, 3 * mm),
        ]
        v = report.values[code]
        body: list[list[Any]] = [
            ["指标", p.key, report.periods[1].key, report.periods[2].key, "定义"]
        ]
        for ind in INDICATORS:
            body.append(
                [labels.label(ind.key)]
                + [text(v[q][ind.key], ind.is_rate) for q in report.periods]
                + [Paragraph(labels.definition(ind.key), small)]
            )
        t = Table(
            body, colWidths=[45 * mm, 25 * mm, 25 * mm, 25 * mm, width - 120 * mm], repeatRows=1
        )
        t.setStyle(grid)
        story.append(t)

    def page(canvas: object, doc: object) -> None:
        canvas.setFont(FONT_NAME, 8)  # type: ignore[attr-defined]
        canvas.drawRightString(  # type: ignore[attr-defined]
            landscape(A4)[0] - 15 * mm,
            8 * mm,
            f"第 {doc.page} 页",  # type: ignore[attr-defined]
        )

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=12 * mm, bottomMargin=14 * mm, title=f"全市零工市场统计月报 {p.key}",
        invariant=True,
    )  # fmt: skip
    doc.build(story, onFirstPage=page, onLaterPages=page)
    return out.getvalue()
