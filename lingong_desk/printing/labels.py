"""Personnel-file labels (60 x 40 mm, or an A4 sheet of them) and the custody certificate.

A label carries the file number as a Code 128 barcode: scanning it at the
personnel window opens the file. The certificate (存档证明) states that the
market holds the person's file. Texts are catalogue texts of the "custody"
context, translated by the ``tr`` the caller passes; the bytes depend only on
the input (``invariant``).
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4

from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.printing.fonts import fit
from lingong_desk.printing.job import PrintJob
from lingong_desk.printing.pen import GREY, MM, Pen, bar_module, barcode_width, new_canvas

Tr = Callable[[str, str], str]
CONTEXT = "custody"

LABEL_W, LABEL_H = 60.0, 40.0
SHEET_COLUMNS, SHEET_ROWS = 3, 7
SHEET_LEFT = (210.0 - SHEET_COLUMNS * LABEL_W) / 2
SHEET_TOP = (297.0 - SHEET_ROWS * LABEL_H) / 2


@dataclass(frozen=True)
class LabelData:
    file_number: str
    person_name: str
    shelf_location: str
    market_name: str
    received_on: dt.date
    custody_id: uuid.UUID | None = None  # the record this label prints


@dataclass(frozen=True)
class CertificateData:
    file_number: str
    person_name: str
    person_id_masked: str
    received_on: dt.date
    market_name: str
    market_phone: str
    market_address: str
    clerk_name: str
    issued_on: dt.date
    custody_id: uuid.UUID | None = None


PERSONNEL_FILE = QT_TRANSLATE_NOOP("custody", "Personnel file")
SHELF = QT_TRANSLATE_NOOP("custody", "Shelf: {shelf}")
LABELS_TITLE = QT_TRANSLATE_NOOP("custody", "File labels")
CERTIFICATE = QT_TRANSLATE_NOOP("custody", "Certificate of file custody")
CERT_BODY = QT_TRANSLATE_NOOP(
    "custody",
    "This is to certify that the personnel file of {name} (ID number {id}) has been held in custody by {market} since {date}, under file number {number}.",
)
CERT_USE = QT_TRANSLATE_NOOP(
    "custody", "This certificate is valid for the purpose stated by the holder."
)
NAME = QT_TRANSLATE_NOOP("custody", "Name")
ID_NUMBER = QT_TRANSLATE_NOOP("custody", "ID number")
FILE_NUMBER = QT_TRANSLATE_NOOP("custody", "File number")
RECEIVED_ON = QT_TRANSLATE_NOOP("custody", "Held since")
MARKET = QT_TRANSLATE_NOOP("custody", "Issued by: {market}")
TEL = QT_TRANSLATE_NOOP("custody", "Tel.: {phone}")
ADDRESS = QT_TRANSLATE_NOOP("custody", "Address: {address}")
CLERK = QT_TRANSLATE_NOOP("custody", "Clerk: {clerk}")
ISSUED = QT_TRANSLATE_NOOP("custody", "Date of issue: {date}")
SEAL = QT_TRANSLATE_NOOP("custody", "Market seal")
DATE = QT_TRANSLATE_NOOP("custody", "{year}-{month}-{day}")


def _t(tr: Tr, text: str, **values: object) -> str:
    translated = tr(CONTEXT, text)
    return translated.format(**values) if values else translated


def _date(tr: Tr, day: dt.date) -> str:
    return _t(tr, DATE, year=day.year, month=f"{day.month:02d}", day=f"{day.day:02d}")


def _one_label(pen: Pen, x: float, top: float, data: LabelData, tr: Tr) -> None:
    """One 60 x 40 mm label with its top left corner at (x, top)."""
    inner = LABEL_W - 4
    lines, size = fit(data.market_name, inner * MM, 4.2 * MM, 8, 5.5)
    pen.text(x + LABEL_W / 2, top + 1.8, lines[0], size, align="centre", rgb=GREY)
    pen.text(x + 2, top + 6.2, data.person_name, 12, bold=True)
    pen.text(x + LABEL_W - 2, top + 7.0, _t(tr, SHELF, shelf=data.shelf_location), 8, align="right")
    module = bar_module(data.file_number, LABEL_W - 1, (0.3, 0.27, 0.25))
    bx = x + (LABEL_W - barcode_width(data.file_number, module)) / 2
    pen.barcode(bx, top + 12.5, data.file_number, module, 16)
    pen.text(x + 2, top + 36.0, _t(tr, PERSONNEL_FILE), 6.5, rgb=GREY)
    pen.text(x + LABEL_W - 2, top + 36.0, _date(tr, data.received_on), 6.5, align="right", rgb=GREY)


def _label_job(layout: str, pdf: bytes, labels: Sequence[LabelData]) -> PrintJob:
    """A job of labels; one label names its file, a sheet of several names none."""
    one = labels[0] if len(labels) == 1 else None
    return PrintJob(
        "file_label",
        layout,
        pdf,
        one.file_number if one else "",
        "file_custody" if one else "",
        one.custody_id if one else None,
    )


def render_label(data: LabelData, tr: Tr) -> PrintJob:
    """One label on a 60 x 40 mm page, for a label printer."""
    buffer = io.BytesIO()
    size = (LABEL_W * MM, LABEL_H * MM)
    c = new_canvas(buffer, size, f"{_t(tr, PERSONNEL_FILE)} {data.file_number}", data.market_name)
    _one_label(Pen(c, LABEL_H), 0, 0, data, tr)
    c.showPage()
    c.save()
    return _label_job("label", buffer.getvalue(), [data])


def render_label_sheet(labels: Sequence[LabelData], tr: Tr, first: int = 0) -> PrintJob:
    """Labels on A4 sheets of 3 x 7, starting at position ``first`` of the first sheet."""
    buffer = io.BytesIO()
    author = labels[0].market_name if labels else ""
    c = new_canvas(buffer, A4, _t(tr, LABELS_TITLE), author)
    pen = Pen(c, A4[1] / MM)
    per_page = SHEET_COLUMNS * SHEET_ROWS
    slot = first % per_page
    for data in labels:
        if slot == per_page:
            c.showPage()
            slot = 0
        row, column = divmod(slot, SHEET_COLUMNS)
        x, top = SHEET_LEFT + column * LABEL_W, SHEET_TOP + row * LABEL_H
        pen.box(x, top, LABEL_W, LABEL_H, width=0.1, rgb=GREY)
        _one_label(pen, x, top, data, tr)
        slot += 1
    c.showPage()
    c.save()
    return _label_job("sheet", buffer.getvalue(), labels)


def render_certificate(data: CertificateData, tr: Tr) -> PrintJob:
    """The custody certificate (存档证明) on one A4 page."""
    buffer = io.BytesIO()
    c = new_canvas(buffer, A4, f"{_t(tr, CERTIFICATE)} {data.file_number}", data.market_name)
    pen = Pen(c, A4[1] / MM)
    left, right = 25.0, 185.0
    width = right - left
    pen.text(105, 30, _t(tr, CERTIFICATE), 22, align="centre", bold=True)
    y = 50.0
    body = _t(
        tr,
        CERT_BODY,
        name=data.person_name,
        id=data.person_id_masked,
        market=data.market_name,
        date=_date(tr, data.received_on),
        number=data.file_number,
    )
    y += pen.para(left, y, body, width, 13) + 4
    rows = [
        [(_t(tr, NAME), data.person_name), (_t(tr, ID_NUMBER), data.person_id_masked)],
        [
            (_t(tr, FILE_NUMBER), data.file_number),
            (_t(tr, RECEIVED_ON), _date(tr, data.received_on)),
        ],
    ]
    y = pen.table(left, y, width, rows, label_w=24, row_h=9) + 5
    y += pen.para(left, y, _t(tr, CERT_USE), width, 11) + 8
    closing = [
        _t(tr, MARKET, market=data.market_name),
        _t(tr, TEL, phone=data.market_phone),
        _t(tr, ADDRESS, address=data.market_address),
        _t(tr, CLERK, clerk=data.clerk_name),
        _t(tr, ISSUED, date=_date(tr, data.issued_on)),
    ]
    pen.lines(left, y, closing, 11, 1.6)
    pen.circle(160, y + 14, 19, dash=True)
    pen.text(160, y + 12, _t(tr, SEAL), 9, align="centre", rgb=GREY)
    module = bar_module(data.file_number, 80, (0.4, 0.33))
    pen.barcode(left, y + 45, data.file_number, module, 12)
    c.showPage()
    c.save()
    return PrintJob(
        "custody_certificate",
        "a4",
        buffer.getvalue(),
        data.file_number,
        "file_custody",
        data.custody_id,
    )
