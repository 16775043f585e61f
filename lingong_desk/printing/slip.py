"""The referral slip (介绍信 / 推荐单): the letter, the return slip and the stub.

``render_a4`` lays out one A4 portrait page in three parts separated by cut
lines: the letter the worker takes to the employer, the return slip the
employer fills in and sends back, and the stub the market keeps. Each part
carries the referral number as a Code 128 barcode, which clerks scan when a
return slip comes back. ``render_receipt`` is the same referral for an 80 mm
receipt printer: the letter's essentials and its barcode, a cut line, the stub.

Texts are English catalogue texts of the "slip" context; the caller passes
``tr`` (``QCoreApplication.translate`` in the desk), so the Chinese catalogue
applies to the printed slip too. The bytes depend only on the input.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4

from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.printing.fonts import fit, text_width, wrap
from lingong_desk.printing.job import PrintJob
from lingong_desk.printing.pen import GREY, MM, RED, Pen, bar_module, barcode_width, new_canvas

Tr = Callable[[str, str], str]


SLIP_CONTEXT = "slip"


@dataclass(frozen=True)
class SlipData:
    """Everything printed on one referral slip, already masked and formatted by the service."""

    number: str
    market_name: str
    market_phone: str
    market_address: str
    worker_name: str
    worker_sex: str
    worker_age: int
    worker_id_masked: str
    worker_phone_masked: str
    employer_name: str
    employer_contact: str
    employer_phone: str
    employer_address: str
    job_title: str
    occupation: str
    work_address: str
    pay: str
    work_form: str
    headcount: int
    issued_on: dt.date
    valid_until: dt.date
    clerk_name: str
    reprint: bool
    print_no: int
    referral_id: uuid.UUID | None = None  # the record this slip prints
    # what a day worker needs before setting out (the posting's)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    work_hours: str = ""
    meals: bool = False
    lodging: bool = False
    bring: str = ""  # besides the slip and the ID card, which every worker brings


# --- texts of the "slip" context --------------------------------------------------------------

LETTER = QT_TRANSLATE_NOOP("slip", "Referral letter")
RETURN_SLIP = QT_TRANSLATE_NOOP("slip", "Return slip")
RETURN_NOTE = QT_TRANSLATE_NOOP(
    "slip", "To be filled in by the employer and returned to the market"
)
STUB = QT_TRANSLATE_NOOP("slip", "Stub")
STUB_NOTE = QT_TRANSLATE_NOOP("slip", "Kept by the market")
REPRINT = QT_TRANSLATE_NOOP("slip", "REPRINT (copy {n})")
TO = QT_TRANSLATE_NOOP("slip", "To: {employer}")
BODY = QT_TRANSLATE_NOOP(
    "slip",
    "This letter introduces {worker}, a job seeker registered with our market, for the job below. Please receive the bearer. After the interview, please fill in the return slip below and send it back to the market.",
)
BODY_SHORT = QT_TRANSLATE_NOOP(
    "slip", "We refer the bearer, {worker}, to you for the job below. Please receive them."
)
NAME = QT_TRANSLATE_NOOP("slip", "Name")
SEX = QT_TRANSLATE_NOOP("slip", "Sex")
AGE = QT_TRANSLATE_NOOP("slip", "Age")
AGE_VALUE = QT_TRANSLATE_NOOP("slip", "{age} years")
ID_NUMBER = QT_TRANSLATE_NOOP("slip", "ID number")
PHONE = QT_TRANSLATE_NOOP("slip", "Phone")
JOB = QT_TRANSLATE_NOOP("slip", "Job")
OCCUPATION = QT_TRANSLATE_NOOP("slip", "Occupation")
WORK_ADDRESS = QT_TRANSLATE_NOOP("slip", "Work address")
PAY = QT_TRANSLATE_NOOP("slip", "Pay")
WORK_FORM = QT_TRANSLATE_NOOP("slip", "Work form")
CONTACT = QT_TRANSLATE_NOOP("slip", "Contact person")
EMPLOYER_ADDRESS = QT_TRANSLATE_NOOP("slip", "Employer address")
VALID_UNTIL = QT_TRANSLATE_NOOP("slip", "Valid until")
ISSUED_BY = QT_TRANSLATE_NOOP("slip", "Issued by: {market}")
TEL = QT_TRANSLATE_NOOP("slip", "Tel.: {phone}")
ADDRESS = QT_TRANSLATE_NOOP("slip", "Address: {address}")
CLERK_LINE = QT_TRANSLATE_NOOP("slip", "Clerk: {clerk}")
ISSUED_LINE = QT_TRANSLATE_NOOP("slip", "Date of issue: {date}")
SEAL = QT_TRANSLATE_NOOP("slip", "Market seal")
DATE = QT_TRANSLATE_NOOP("slip", "{year}-{month}-{day}")
CUT = QT_TRANSLATE_NOOP("slip", "Cut here")
REFERRAL_NO = QT_TRANSLATE_NOOP("slip", "Referral no.")
WORKER = QT_TRANSLATE_NOOP("slip", "Worker")
EMPLOYER = QT_TRANSLATE_NOOP("slip", "Employer")
RESULT = QT_TRANSLATE_NOOP("slip", "Result of the referral (tick one):")
HIRED = QT_TRANSLATE_NOOP("slip", "Hired")
START_DATE = QT_TRANSLATE_NOOP("slip", "Start date:")
NOT_HIRED = QT_TRANSLATE_NOOP("slip", "Not hired")
REASON = QT_TRANSLATE_NOOP("slip", "Reason:")
NO_SHOW = QT_TRANSLATE_NOOP("slip", "Did not come (no show)")
SIGNATURE = QT_TRANSLATE_NOOP("slip", "Employer's signature or seal:")
SIGN_DATE = QT_TRANSLATE_NOOP("slip", "Date:")
RETURN_TO = QT_TRANSLATE_NOOP(
    "slip", "Please return this slip to {market}, tel. {phone}, address: {address}."
)
ISSUED_ON = QT_TRANSLATE_NOOP("slip", "Issued on")
STARTS = QT_TRANSLATE_NOOP("slip", "Starts")
AS_AGREED = QT_TRANSLATE_NOOP("slip", "as agreed with the employer")
PERIOD = QT_TRANSLATE_NOOP("slip", "Period")
PERIOD_RANGE = QT_TRANSLATE_NOOP("slip", "{first} to {last}")
PERIOD_FROM = QT_TRANSLATE_NOOP("slip", "from {first}, open-ended")
PERIOD_UNTIL = QT_TRANSLATE_NOOP("slip", "until {last}")
HOURS = QT_TRANSLATE_NOOP("slip", "Working hours")
MEALS_LODGING = QT_TRANSLATE_NOOP("slip", "Meals, lodging")
BOARD_TEXTS = {
    (True, True): QT_TRANSLATE_NOOP("slip", "meals and lodging provided"),
    (True, False): QT_TRANSLATE_NOOP("slip", "meals provided, no lodging"),
    (False, True): QT_TRANSLATE_NOOP("slip", "lodging provided, no meals"),
    (False, False): QT_TRANSLATE_NOOP("slip", "no meals, no lodging"),
}
BRING = QT_TRANSLATE_NOOP("slip", "Bring")
BRING_ALWAYS = QT_TRANSLATE_NOOP("slip", "this letter and your ID card")
BRING_MORE = QT_TRANSLATE_NOOP("slip", "{always}, and also {more}")
CLERK = QT_TRANSLATE_NOOP("slip", "Clerk")
HEADCOUNT = QT_TRANSLATE_NOOP("slip", "Openings")
PEOPLE = QT_TRANSLATE_NOOP("slip", "{n} people")


class Doc:
    """A renderer's view of one slip: the data, the translator and the pen."""

    def __init__(self, data: SlipData, tr: Tr, pen: Pen) -> None:
        self.d = data
        self.tr = tr
        self.pen = pen

    def t(self, text: str, **values: object) -> str:
        translated = self.tr(SLIP_CONTEXT, text)  # a name lupdate does not read as a text
        return translated.format(**values) if values else translated

    def date(self, day: dt.date) -> str:
        return self.t(DATE, year=day.year, month=f"{day.month:02d}", day=f"{day.day:02d}")

    def starts(self) -> str:
        return self.date(self.d.start_date) if self.d.start_date else self.t(AS_AGREED)

    def period(self) -> str:
        first, last = self.d.start_date, self.d.end_date
        if first and last:
            return self.t(PERIOD_RANGE, first=self.date(first), last=self.date(last))
        if last:
            return self.t(PERIOD_UNTIL, last=self.date(last))
        if first:
            return self.t(PERIOD_FROM, first=self.date(first))
        return self.t(AS_AGREED)

    def hours(self) -> str:
        return self.d.work_hours or self.t(AS_AGREED)

    def board(self) -> str:
        return self.t(BOARD_TEXTS[self.d.meals, self.d.lodging])

    def bring(self) -> str:
        more = self.d.bring.strip()
        return (
            self.t(BRING_MORE, always=self.t(BRING_ALWAYS), more=more)
            if more
            else self.t(BRING_ALWAYS)
        )

    def reprint(self, x: float, top: float, size: float, align: str = "left") -> float:
        """The reprint mark (a red framed label); returns its width in mm, 0 on a first print."""
        if not self.d.reprint:
            return 0.0
        label = self.t(REPRINT, n=self.d.print_no)
        w = text_width(label, size) / MM + 3.0
        left = {"left": x, "centre": x - w / 2}[align]
        self.pen.box(left, top, w, size / MM * 1.5, width=0.4, rgb=RED, radius=0.8)
        self.pen.text(left + 1.5, top + size / MM * 0.25, label, size, bold=True, rgb=RED)
        return w

    def header(
        self, x: float, top: float, right: float, title: str, note: str, bar: float
    ) -> float:
        """Title, reprint mark and note at the left, the barcode at the right; returns the bottom."""
        pen = self.pen
        module = bar_module(self.d.number, right - x - 80, (0.33, 0.3, 0.25))
        width = barcode_width(self.d.number, module)
        height = pen.barcode(right - width, top, self.d.number, module, bar)
        title_w = pen.text(x, top + 1, title, 20, bold=True)
        self.reprint(x + title_w + 4, top + 2.2, 10)
        lines, size = fit(note, (right - width - x - 2) * MM, 12, 9.5, 7)
        pen.lines(x, top + 10.5, lines, size, rgb=GREY)
        return top + max(height, 10.5 + len(lines) * size * 1.2 / MM) + 2

    def table(
        self,
        top: float,
        rows: list[list[tuple[str, str]]],
        *,
        label_w: float,
        row_h: float,
        size: float = 10.5,
    ) -> float:
        """A full-width table of A4 label/value rows, the labels translated."""
        cells = [[(self.t(label), value) for label, value in row] for row in rows]
        return self.pen.table(
            LEFT, top, RIGHT - LEFT, cells, label_w=label_w, row_h=row_h, size=size
        )


def _worker_rows(doc: Doc) -> list[list[tuple[str, str]]]:
    d = doc.d
    return [
        [(NAME, d.worker_name), (SEX, d.worker_sex)],
        [(ID_NUMBER, d.worker_id_masked), (AGE, doc.t(AGE_VALUE, age=d.worker_age))],
        [(PHONE, d.worker_phone_masked), (VALID_UNTIL, doc.date(d.valid_until))],
        [(JOB, d.job_title), (OCCUPATION, d.occupation)],
        [(PAY, d.pay), (WORK_FORM, d.work_form)],
        [(STARTS, doc.starts()), (PERIOD, doc.period())],
        [(HOURS, doc.hours()), (MEALS_LODGING, doc.board())],
        [(BRING, doc.bring())],
        [(WORK_ADDRESS, d.work_address)],
        [
            (CONTACT, f"{d.employer_contact}  {d.employer_phone}".strip()),
            (HEADCOUNT, doc.t(PEOPLE, n=d.headcount)),
        ],
        [(EMPLOYER_ADDRESS, d.employer_address)],
    ]


def _stub_rows(doc: Doc) -> list[list[tuple[str, str]]]:
    d = doc.d
    worker = f"{d.worker_name}  {d.worker_id_masked}".strip()
    return [
        [(WORKER, worker), (ISSUED_ON, doc.date(d.issued_on))],
        [(EMPLOYER, d.employer_name), (VALID_UNTIL, doc.date(d.valid_until))],
        [(JOB, d.job_title), (CLERK, d.clerk_name)],
    ]


def _job(data: SlipData, layout: str, pdf: bytes) -> PrintJob:
    return PrintJob(
        "referral", layout, pdf, data.number, "referral", data.referral_id, data.print_no
    )


LEFT, RIGHT = 15.0, 195.0  # A4 content edges in mm
A4_CUTS = (160.0, 245.0)  # the cut lines, mm from the top of the page


def render_a4(data: SlipData, tr: Tr) -> PrintJob:
    """One A4 portrait page: the letter, the return slip and the stub, with cut lines between."""
    buffer = io.BytesIO()
    c = new_canvas(buffer, A4, f"{tr('slip', LETTER)} {data.number}", data.market_name)
    doc = Doc(data, tr, Pen(c, A4[1] / MM))
    width = RIGHT - LEFT
    _a4_letter(doc, 10, width)
    doc.pen.cut_line(A4_CUTS[0], 6, 204, doc.t(CUT))
    _a4_return_slip(doc, A4_CUTS[0] + 5, width)
    doc.pen.cut_line(A4_CUTS[1], 6, 204, doc.t(CUT))
    bottom = doc.header(LEFT, A4_CUTS[1] + 5, RIGHT, doc.t(STUB), doc.t(STUB_NOTE), 9)
    doc.table(bottom, _stub_rows(doc), label_w=20, row_h=7.5, size=10)
    c.showPage()
    c.save()
    return _job(data, "a4", buffer.getvalue())


def _a4_letter(doc: Doc, top: float, width: float) -> None:
    d, pen = doc.d, doc.pen
    y = doc.header(LEFT, top, RIGHT, doc.t(LETTER), d.market_name, 11)
    y += pen.para(LEFT, y, doc.t(TO, employer=d.employer_name), width, 12.5, bold=True)
    y += pen.para(LEFT, y + 0.5, doc.t(BODY, worker=d.worker_name), width, 10.5) + 2
    y = doc.table(y, _worker_rows(doc), label_w=29, row_h=6.8)
    closing = [
        doc.t(ISSUED_BY, market=d.market_name),
        doc.t(TEL, phone=d.market_phone),
        doc.t(ADDRESS, address=d.market_address),
        doc.t(CLERK_LINE, clerk=d.clerk_name),
        doc.t(ISSUED_LINE, date=doc.date(d.issued_on)),
    ]
    lines = [part for text in closing for part in wrap(text, 10, (width - 50) * MM)]
    pen.lines(LEFT, y + 3, lines[:6], 10, 1.45)
    seal_x, seal_y = RIGHT - 24, y + 1.5 + 15
    pen.circle(seal_x, seal_y, 20, width=0.3, dash=True)
    pen.text(seal_x, seal_y - 2, doc.t(SEAL), 9, align="centre", rgb=GREY)


def _a4_return_slip(doc: Doc, top: float, width: float) -> None:
    d, pen = doc.d, doc.pen
    y = doc.header(LEFT, top, RIGHT, doc.t(RETURN_SLIP), doc.t(RETURN_NOTE), 11)
    rows = [
        [(REFERRAL_NO, d.number), (WORKER, d.worker_name)],
        [(EMPLOYER, d.employer_name), (JOB, d.job_title)],
    ]
    y = doc.table(y, rows, label_w=29, row_h=7.2) + 3
    pen.text(LEFT, y, doc.t(RESULT), 10.5, bold=True)
    y += 7
    for label, blank, length in (
        (HIRED, START_DATE, 45.0),
        (NOT_HIRED, REASON, 105.0),
        (NO_SHOW, "", 0.0),
    ):
        pen.box(LEFT + 2, y - 0.2, 4.2, 4.2, width=0.35)
        w = pen.text(LEFT + 9, y, doc.t(label), 10.5)
        if blank:
            pen.blank(LEFT + max(w + 14, 50), y, doc.t(blank), length)
        y += 7.5
    end = pen.blank(LEFT, y + 1, doc.t(SIGNATURE), 60)
    pen.blank(end + 8, y + 1, doc.t(SIGN_DATE), 35)
    note = doc.t(RETURN_TO, market=d.market_name, phone=d.market_phone, address=d.market_address)
    lines, size = fit(note, width * MM, 10 * MM, 9.5, 7.5)
    pen.lines(LEFT, y + 9, lines, size, rgb=GREY)


RECEIPT_WIDTH, RECEIPT_MARGIN = 80.0, 4.0  # mm; receipt printers print about 72 mm of 80


def render_receipt(data: SlipData, tr: Tr) -> PrintJob:
    """The slip for an 80 mm receipt printer, as long as its content."""
    height = _receipt(Doc(data, tr, Pen(None, 0)))
    buffer = io.BytesIO()
    size = (RECEIPT_WIDTH * MM, height * MM)
    c = new_canvas(buffer, size, f"{tr('slip', LETTER)} {data.number}", data.market_name)
    _receipt(Doc(data, tr, Pen(c, height)))
    c.showPage()
    c.save()
    return _job(data, "receipt", buffer.getvalue())


def _receipt(doc: Doc) -> float:
    """Lay out (or only measure) the receipt; returns its height in mm."""
    d, pen = doc.d, doc.pen
    x, width = RECEIPT_MARGIN, RECEIPT_WIDTH - 2 * RECEIPT_MARGIN
    centre = RECEIPT_WIDTH / 2
    y = RECEIPT_MARGIN
    for line in wrap(d.market_name, 9.5, width * MM):
        pen.text(centre, y, line, 9.5, align="centre")
        y += 9.5 * 1.3 / MM
    pen.text(centre, y + 0.5, doc.t(LETTER), 16, align="centre", bold=True)
    y += 16 * 1.3 / MM + 1
    if d.reprint:
        doc.reprint(centre, y, 9.5, align="centre")
        y += 9.5 * 1.5 / MM + 2
    module = bar_module(d.number, width, (0.375, 0.25))
    bar_w = barcode_width(d.number, module)
    y += pen.barcode(centre - bar_w / 2, y + 1, d.number, module, 12) + 3
    y += pen.para(x, y, doc.t(TO, employer=d.employer_name), width, 10.5, bold=True)
    y += pen.para(x, y + 0.5, doc.t(BODY_SHORT, worker=d.worker_name), width, 9) + 1.5
    rows = [
        (NAME, d.worker_name),
        (SEX, d.worker_sex),
        (AGE, doc.t(AGE_VALUE, age=d.worker_age)),
        (ID_NUMBER, d.worker_id_masked),
        (PHONE, d.worker_phone_masked),
        (JOB, d.job_title),
        (OCCUPATION, d.occupation),
        (WORK_ADDRESS, d.work_address),
        (PAY, d.pay),
        (WORK_FORM, d.work_form),
        (STARTS, doc.starts()),
        (PERIOD, doc.period()),
        (HOURS, doc.hours()),
        (MEALS_LODGING, doc.board()),
        (BRING, doc.bring()),
        (HEADCOUNT, doc.t(PEOPLE, n=d.headcount)),
        (CONTACT, f"{d.employer_contact}  {d.employer_phone}".strip()),
        (EMPLOYER_ADDRESS, d.employer_address),
        (VALID_UNTIL, doc.date(d.valid_until)),
    ]
    y = _receipt_rows(doc, x, y, width, rows)
    closing = [
        doc.t(ISSUED_BY, market=d.market_name),
        doc.t(TEL, phone=d.market_phone),
        doc.t(CLERK_LINE, clerk=d.clerk_name),
        doc.t(ISSUED_LINE, date=doc.date(d.issued_on)),
    ]
    pen.line(x, y + 1, x + width, y + 1, width=0.2)
    y += 2.5
    for text in closing:
        y += pen.lines(x, y, wrap(text, 9, width * MM), 9, 1.35)
    y += 5
    pen.cut_line(y, 1, RECEIPT_WIDTH - 1, doc.t(CUT))
    y += 5
    title_w = pen.text(x, y, doc.t(STUB), 13, bold=True)
    doc.reprint(x + title_w + 3, y + 0.8, 8.5)
    y += 13 * 1.4 / MM
    y += pen.lines(x, y, [doc.t(STUB_NOTE)], 8.5, rgb=GREY) + 1
    stub = [(REFERRAL_NO, d.number)] + [pair for row in _stub_rows(doc) for pair in row]
    y = _receipt_rows(doc, x, y, width, stub)
    return y + RECEIPT_MARGIN + 4


def _receipt_rows(
    doc: Doc, x: float, top: float, width: float, rows: list[tuple[str, str]]
) -> float:
    """Label at the left, the value wrapped beside it; returns the bottom."""
    pen, label_w, size = doc.pen, 21.0, 9.0
    y = top
    for label, value in rows:
        label_lines = wrap(doc.t(label), 8, (label_w - 1) * MM)
        value_lines = wrap(value, size, (width - label_w) * MM)
        pen.lines(x, y + 0.3, label_lines, 8, rgb=GREY)
        used = pen.lines(x + label_w, y, value_lines, size)
        y += max(used, len(label_lines) * 8 * 1.2 / MM) + 0.8
    return y
