"""The job board screen in the hall: open postings, paging on their own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from lingong_desk.domain.enums import PayUnit, WorkForm
from lingong_desk.services.changes import EMPLOYERS, POSTINGS
from lingong_desk.services.information import BoardPosting, InformationService
from lingong_desk.ui.desk import Desk

STYLE = """
JobBoard { background: #0d2a4a; }
QLabel { color: white; }
QFrame#card { background: #163c66; border: 2px solid #3b6fa5; border-radius: 12px; }
QLabel#pay, QLabel#places { color: #ffd34d; }
QLabel#footer { color: #ffd34d; }
"""


def _enum(label: str) -> str:
    return QCoreApplication.translate("enums", label)


class _Card(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel()
        self.title.setObjectName("title")
        self.places = QLabel()
        self.places.setObjectName("places")
        self.pay = QLabel()
        self.pay.setObjectName("pay")
        self.place = QLabel()
        self.place.setObjectName("place")
        self.place.setWordWrap(True)
        layout = QGridLayout(self)
        layout.addWidget(self.title, 0, 0)
        layout.addWidget(self.places, 0, 1, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.pay, 1, 0, 1, 2)
        layout.addWidget(self.place, 2, 0, 1, 2)
        layout.setRowStretch(3, 1)

    def show_posting(self, p: BoardPosting) -> None:
        self.title.setText(p.title)
        self.places.setText(self.tr("{n} wanted").format(n=p.open_places))
        pay = f"{p.pay} {_enum(PayUnit(p.pay_unit).label)}" if p.pay else self.tr("to be agreed")
        extras = [_enum(WorkForm(p.work_form).label)]
        extras += [
            t for t, on in ((self.tr("meals"), p.meals), (self.tr("lodging"), p.lodging)) if on
        ]
        self.pay.setText(self.tr("Pay: {pay}").format(pay=pay) + "  (" + "、".join(extras) + ")")
        place = self.tr("Place: {place}").format(place=p.place or "—")
        self.place.setText(place + (f"\n{p.employer}" if p.employer else ""))


class JobBoard(QWidget):
    """Full-screen board for a second monitor; Esc closes it.

    It pages through the open postings every ``interval_ms`` by itself, reads them
    again after the last page, and at once when a posting changes.
    """

    def __init__(
        self,
        desk: Desk,
        service: InformationService,
        interval_ms: int = 12_000,
        columns: int = 2,
        rows: int = 3,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setObjectName("job_board")
        self.setWindowTitle(self.tr("Job board"))
        self.setStyleSheet(STYLE)
        self.desk = desk
        self.service = service
        self.postings: list[BoardPosting] = []
        self.closed = False  # a read still on its way finds the board gone
        self.page = 0
        self.per_page = columns * rows
        name, phone = desk.market.name, desk.market.phone
        self.heading = QLabel(self.tr("{market} · Jobs on offer").format(market=name))
        self.heading.setObjectName("heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.footer = QLabel(self.tr("Apply at the counter or call {phone}").format(phone=phone))
        self.footer.setObjectName("footer")
        self.page_label = QLabel()
        self.page_label.setObjectName("board_page")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.empty = QLabel(self.tr("No open postings at present. Ask at the counter."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        grid.setSpacing(18)
        self.cards = [_Card(self) for _ in range(self.per_page)]
        for i, card in enumerate(self.cards):
            grid.addWidget(card, i // columns, i % columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 20, 30, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addLayout(grid, 1)
        bottom = QGridLayout()
        bottom.addWidget(self.footer, 0, 0)
        bottom.addWidget(self.page_label, 0, 1)
        layout.addLayout(bottom)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.next_page)
        desk.bus.changed.connect(self._changed)
        self.reload()
        self.timer.start()

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.postings) // self.per_page))

    def reload(self) -> None:
        self.desk.worker.submit(self.service.board_postings, self.show_postings)

    def _changed(self, tables: frozenset[str]) -> None:
        if tables & (POSTINGS | EMPLOYERS):
            self.reload()

    def show_postings(self, postings: list[BoardPosting]) -> None:
        if self.closed:
            return
        self.postings = postings
        self.page = min(self.page, self.pages - 1)
        self.show_page()

    def next_page(self) -> None:
        if self.page + 1 >= self.pages:
            self.page = 0
            self.reload()  # the next round shows what is open now
        else:
            self.page += 1
            self.show_page()

    def show_page(self) -> None:
        chunk = self.postings[self.page * self.per_page : (self.page + 1) * self.per_page]
        for i, card in enumerate(self.cards):
            if i < len(chunk):
                card.show_posting(chunk[i])
            card.setVisible(i < len(chunk))
        self.empty.setVisible(not self.postings)
        self.page_label.setText(
            self.tr("Page {page} of {pages}").format(page=self.page + 1, pages=self.pages)
        )

    def visible_titles(self) -> list[str]:
        return [c.title.text() for c in self.cards if not c.isHidden()]

    def resizeEvent(self, event: QResizeEvent) -> None:
        unit = max(8, min(self.height() // 36, self.width() // 60))
        for widget, factor in ((self.heading, 2.0), (self.footer, 1.5), (self.page_label, 1.0)):
            font = QFont(widget.font())
            font.setPixelSize(int(unit * factor))
            font.setBold(widget is not self.page_label)
            widget.setFont(font)
        self.empty.setFont(self.footer.font())
        for card in self.cards:
            for label, factor, bold in (
                (card.title, 1.8, True),
                (card.places, 1.5, True),
                (card.pay, 1.4, True),
                (card.place, 1.3, False),
            ):
                font = QFont(label.font())
                font.setPixelSize(int(unit * factor))
                font.setBold(bold)
                label.setFont(font)
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed = True
        self.timer.stop()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.next_page()
            return
        super().keyPressEvent(event)

    def open_full_screen(self) -> None:
        """Full screen on the second monitor when there is one, else on this one."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setScreen(screens[1])
            self.setGeometry(screens[1].geometry())
        self.showFullScreen()
