"""The printable A4 enrolment sheet: the one-time code as text and as a QR code, the
city's address and its certificate's fingerprint (ReportLab, the desk's CJK font)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from urllib.parse import urlencode

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from lingong_desk.printing.fonts import register_font, wrap


@dataclass(frozen=True)
class EnrolmentSheet:
    """Everything printed: labels already translated."""

    title: str
    market: str  # "左云县零工市场 (ZY)"
    desk: str  # "desk 2" or "next free desk number"
    server_url: str
    code: str
    fingerprint: str  # "" when the city is not served over TLS by itself
    expires: str  # local time, written out
    labels: dict[str, str]  # market, desk, server, code, fingerprint, expires, steps
    steps: tuple[str, ...]


def qr_payload(server_url: str, code: str, fingerprint: str) -> str:
    """What the QR code holds: the three things the desk's enrolment dialog asks for."""
    query = {"server": server_url, "code": code}
    if fingerprint:
        query["fingerprint"] = fingerprint
    return "lingong-desk:enrol?" + urlencode(query)


def qr_svg(payload: str) -> str:
    """The QR code as inline SVG (for the page)."""
    return str(segno.make(payload, error="m").svg_inline(scale=4, dark="#111"))


def _qr_png(payload: str) -> bytes:
    out = io.BytesIO()
    segno.make(payload, error="m").save(out, kind="png", scale=8, border=2)
    return out.getvalue()


def render_sheet(sheet: EnrolmentSheet, made: dt.datetime) -> bytes:
    font = register_font()
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, invariant=True)
    c.setTitle(sheet.title)
    c.setCreator("LingGong City")
    width, height = A4
    left, right = 20 * mm, width - 20 * mm
    y = height - 25 * mm
    c.setFont(font, 20)
    c.drawString(left, y, sheet.title)
    y -= 14 * mm
    rows = [
        (sheet.labels["market"], sheet.market),
        (sheet.labels["desk"], sheet.desk),
        (sheet.labels["server"], sheet.server_url),
        (sheet.labels["expires"], sheet.expires),
    ]
    for label, value in rows:
        c.setFont(font, 11)
        c.drawString(left, y, label)
        c.setFont(font, 13)
        for line in wrap(value, 13, right - left - 40 * mm):
            c.drawString(left + 40 * mm, y, line)
            y -= 7 * mm
        y -= 2 * mm
    c.setFont(font, 11)
    c.drawString(left, y, sheet.labels["code"])
    c.setFont("Courier-Bold", 24)
    c.drawString(left + 40 * mm, y - 2 * mm, sheet.code)
    y -= 16 * mm
    if sheet.fingerprint:
        c.setFont(font, 11)
        c.drawString(left, y, sheet.labels["fingerprint"])
        c.setFont("Courier", 10)
        half = len(sheet.fingerprint) // 2 + 1
        c.drawString(left + 40 * mm, y, sheet.fingerprint[:half])
        c.drawString(left + 40 * mm, y - 5 * mm, sheet.fingerprint[half:])
        y -= 14 * mm
    size = 60 * mm
    qr = ImageReader(
        io.BytesIO(_qr_png(qr_payload(sheet.server_url, sheet.code, sheet.fingerprint)))
    )
    c.drawImage(qr, left, y - size, size, size)
    text_left = left + size + 8 * mm
    ty = y - 4 * mm
    c.setFont(font, 11)
    for number, step in enumerate(sheet.steps, 1):
        for i, line in enumerate(wrap(step, 11, right - text_left - 6 * mm)):
            c.drawString(text_left, ty, (f"{number}. " if i == 0 else "    ") + line)
            ty -= 6 * mm
        ty -= 2 * mm
    c.setFont(font, 8)
    c.drawString(left, 15 * mm, f"{sheet.labels['printed']} {made:%Y-%m-%d %H:%M} UTC")
    c.showPage()
    c.save()
    return out.getvalue()
