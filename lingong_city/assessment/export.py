"""The assessment's ranking as XLSX (openpyxl) and PDF (ReportLab, the desk's CJK font).

Sheet ``考核排名``: rank, market, one column per area, total; then sheet
``指标明细``: one row per market and indicator (value, score, points, note,
evidence). ReportLab is imported only when a PDF is made.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from lingong_city.assessment.scores import Assessment
from lingong_city.assessment.standard import Standard
from lingong_city.figures.city_report import FONT_FILE, FONT_NAME

HEADER_FILL = PatternFill("solid", fgColor="DFE8F1")
BOLD = Font(bold=True)


def _value(v: float | None) -> Any:
    return "" if v is None else round(v, 4)


def workbook(standard: Standard, ranking: list[Assessment], period_key: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "考核排名"
    ws.append(["名次", "市场代码", "市场", *[a.zh for a in standard.areas], "总分"])
    for rank, a in enumerate(ranking, start=1):
        ws.append([rank, a.market, a.name, *[round(a.areas[x.key], 2) for x in standard.areas],
                   round(a.total, 2)])  # fmt: skip
    detail = wb.create_sheet("指标明细")
    detail.append(["市场代码", "指标键", "领域", "指标", "来源", "权重", "取值", "得分", "折合分",
                   "说明", "佐证"])  # fmt: skip
    areas = {a.key: a.zh for a in standard.areas}
    for a in ranking:
        for i in standard.indicators:
            line = a.lines[i.key]
            e = line.entry
            detail.append([
                a.market, i.key, areas[i.area], i.zh, "录入" if i.source == "entered" else "计算",
                i.weight, _value(line.value), round(line.score, 1), round(line.points, 2),
                e.note if e else "", (e.evidence or e.evidence_name) if e else "",
            ])  # fmt: skip
    for sheet in (ws, detail):
        for cell in sheet[1]:
            cell.font, cell.fill = BOLD, HEADER_FILL
        sheet.freeze_panes = "A2"
        for col in sheet.columns:
            width = max(len(str(c.value or "")) for c in col)
            sheet.column_dimensions[col[0].column_letter].width = min(40, max(8, 2 * width))
    ws.title = "考核排名"
    out = io.BytesIO()
    wb.save(out)
    _ = period_key
    return out.getvalue()


def pdf(standard: Standard, ranking: list[Assessment], period_key: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=0))
    title = ParagraphStyle("t", fontName=FONT_NAME, fontSize=15, leading=20)
    small = ParagraphStyle("s", fontName=FONT_NAME, fontSize=8, leading=10)
    rows: list[list[Any]] = [["名次", "市场", *[a.zh for a in standard.areas], "总分"]]
    for rank, a in enumerate(ranking, start=1):
        rows.append([str(rank), a.name, *[f"{a.areas[x.key]:.1f}" for x in standard.areas],
                     f"{a.total:.1f}"])  # fmt: skip
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT_NAME, 9),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DFE8F1")),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9AA5B1")),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    weights = "；".join(
        f"{a.zh} {sum(i.weight for i in standard.of_area(a.key)):.0f} 分" for a in standard.areas
    )
    story = [
        Paragraph(f"{standard.title_zh} · {period_key} 考核排名", title),
        Paragraph(f"标准版本 {standard.version}：{weights}；满分 100 分。", small),
        Spacer(1, 4 * mm),
        table,
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=f"考核排名 {period_key}", invariant=True)
    doc.build(story)
    return out.getvalue()
