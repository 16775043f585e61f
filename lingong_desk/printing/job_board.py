"""Wall sheets of the public job board (招工信息): open postings in large type.

A4 portrait holds four postings one under the other; A3 portrait six, in two
columns. Every sheet names the market and gives the market's own phone and
address: workers apply through the market, so no employer's or worker's
personal phone is ever printed. Texts are catalogue texts of the
"job_board" context; the caller passes ``tr``. The bytes depend only on the
input (``invariant``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A3, A4

from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.printing.fonts import fit, text_width
from lingong_desk.printing.job import PrintJob
from lingong_desk.printing.pen import GREY, MM, RED, Pen, new_canvas

Tr = Callable[[str, str], str]
CONTEXT = "job_board"

HEADING = QT_TRANSLATE_NOOP("job_board", "Jobs on offer")
APPLY = QT_TRANSLATE_NOOP("job_board", "Apply at the market or call {phone}")
ADDRESS = QT_TRANSLATE_NOOP("job_board", "Address: {address}")
PRINTED = QT_TRANSLATE_NOOP("job_board", "As of {date}  ·  page {page} of {pages}")
PLACES = QT_TRANSLATE_NOOP("job_board", "{n} wanted")
PLACE = QT_TRANSLATE_NOOP("job_board", "Place: {place}")
PAY = QT_TRANSLATE_NOOP("job_board", "Pay: {pay}")
PAY_OPEN = QT_TRANSLATE_NOOP("job_board", "Pay: to be agreed")
MEALS = QT_TRANSLATE_NOOP("job_board", "meals")
LODGING = QT_TRANSLATE_NOOP("job_board", "lodging")
NONE_OPEN = QT_TRANSLATE_NOOP("job_board", "No open postings at present. Ask at the counter.")
FREE = QT_TRANSLATE_NOOP("job_board", "All services of the market are free of charge.")


@dataclass(frozen=True)
class SheetPosting:
    title: str
    employer: str  # empty for a household employer
    pay: str
    work_form: str
    place: str
    open_places: int
    meals: bool
    lodging: bool


@dataclass(frozen=True)
class BoardSheetData:
    market_name: str
    market_phone: str
    market_address: str
    as_of: dt.date
    postings: tuple[SheetPosting, ...]


@dataclass(frozen=True)
class _Layout:
    size: tuple[float, float]
    cols: int
    rows: int
    scale: float


LAYOUTS = {"a4": _Layout(A4, 1, 4, 1.0), "a3": _Layout(A3, 2, 3, 1.3)}
MARGIN = 12.0


def _fitted(
    pen: Pen, x: float, top: float, text: str, w: float, h: float, size: float, **kw: object
) -> None:
    lines, s = fit(text, w * MM, h * MM, size, size * 0.55)
    pen.lines(x, top, lines, s, **kw)  # type: ignore[arg-type]


def _card(
    pen: Pen, p: SheetPosting, x: float, top: float, w: float, h: float, k: float, tr: Tr
) -> None:
    pen.box(x, top, w, h, width=0.8, radius=3)
    pad = 4 * k
    inner = w - 2 * pad
    y = top + pad
    places = tr(CONTEXT, PLACES).format(n=p.open_places)
    size_title = 26 * k
    pen.text(x + w - pad, y, places, size_title * 0.8, align="right", bold=True, rgb=RED)
    places_w = text_width(places, size_title * 0.8) / MM + 4
    _fitted(
        pen, x + pad, y, p.title, inner - places_w, size_title * 1.25 / MM, size_title, bold=True
    )
    y += size_title * 1.35 / MM
    pay = tr(CONTEXT, PAY).format(pay=p.pay) if p.pay else tr(CONTEXT, PAY_OPEN)
    extras = [p.work_form] + [
        tr(CONTEXT, t) for t, on in ((MEALS, p.meals), (LODGING, p.lodging)) if on
    ]
    _fitted(
        pen,
        x + pad,
        y,
        f"{pay}  ({'、'.join(extras)})",
        inner,
        22 * k * 1.25 / MM,
        22 * k,
        bold=True,
        rgb=RED,
    )
    y += 22 * k * 1.35 / MM
    rest = top + h - pad - y
    body = tr(CONTEXT, PLACE).format(place=p.place or "—")
    if p.employer:
        body += "\n" + p.employer
    _fitted(pen, x + pad, y, body, inner, rest, 17 * k)


def render_board(data: BoardSheetData, layout: str, tr: Tr) -> PrintJob:
    """All open postings on as many sheets as they need."""
    spec = LAYOUTS[layout]
    width, height = spec.size[0] / MM, spec.size[1] / MM
    k = spec.scale
    per_page = spec.cols * spec.rows
    pages = [data.postings[i : i + per_page] for i in range(0, len(data.postings), per_page)] or [
        ()
    ]
    buffer = io.BytesIO()
    c = new_canvas(buffer, spec.size, tr(CONTEXT, HEADING), data.market_name)
    for number, chunk in enumerate(pages, 1):
        pen = Pen(c, height)
        head_h = 32 * k
        pen.box(0, 0, width, head_h, width=0, fill=0.12)
        pen.text(width / 2, 5 * k, data.market_name, 18 * k, align="centre", rgb=(1.0, 1.0, 1.0))
        pen.text(
            width / 2,
            13 * k,
            tr(CONTEXT, HEADING),
            40 * k,
            align="centre",
            bold=True,
            rgb=(1.0, 1.0, 1.0),
        )
        foot_h = 30 * k
        foot_top = height - MARGIN - foot_h
        top = head_h + 6
        gap = 5.0
        area_w = width - 2 * MARGIN
        area_h = foot_top - top - gap
        cw = (area_w - (spec.cols - 1) * gap) / spec.cols
        ch = (area_h - (spec.rows - 1) * gap) / spec.rows
        if not chunk:
            _fitted(pen, MARGIN, top + 20, tr(CONTEXT, NONE_OPEN), area_w, 60, 28 * k)
        for i, posting in enumerate(chunk):
            col, row = i % spec.cols, i // spec.cols
            _card(pen, posting, MARGIN + col * (cw + gap), top + row * (ch + gap), cw, ch, k, tr)
        pen.line(MARGIN, foot_top, width - MARGIN, foot_top, width=0.6)
        apply = tr(CONTEXT, APPLY).format(phone=data.market_phone)
        _fitted(pen, MARGIN, foot_top + 3, apply, area_w, 26 * k * 1.25 / MM, 26 * k, bold=True)
        line2 = (
            tr(CONTEXT, ADDRESS).format(address=data.market_address) if data.market_address else ""
        )
        line2 = f"{line2}  {tr(CONTEXT, FREE)}".strip()
        _fitted(
            pen, MARGIN, foot_top + 3 + 26 * k * 1.3 / MM, line2, area_w, 14 * k * 1.25 / MM, 14 * k
        )
        printed = tr(CONTEXT, PRINTED).format(
            date=data.as_of.isoformat(), page=number, pages=len(pages)
        )
        pen.text(width - MARGIN, height - MARGIN - 4 * k, printed, 10 * k, align="right", rgb=GREY)
        c.showPage()
    c.save()
    return PrintJob("job_board", layout, buffer.getvalue())
