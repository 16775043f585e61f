"""The referral window: match, issue and print, scan returned slips, follow up."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain import referral as rules
from lingong_desk.services.changes import REFERRALS
from lingong_desk.services.referral_views import Funnel, ReferralDetail

if TYPE_CHECKING:  # QtPdf loads with the first preview
    from lingong_desk.ui.print_preview import PrintPreview
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.referral.followup import FollowUpPage
from lingong_desk.ui.referral.matching import MatchingPage
from lingong_desk.ui.referral.panel import ReferralPanel
from lingong_desk.ui.widgets.status import Banner

log = logging.getLogger(__name__)


class ReferralWindow(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText(
            self.tr("Scan a slip's barcode or type its number, then Enter (F2)")
        )
        self.scan.returnPressed.connect(lambda: self.open_number(self.scan.text()))
        self.funnel = QLabel()
        self.funnel.setObjectName("funnel")
        self.funnel.setToolTip(
            self.tr(
                "Referral slips issued (person-times), preliminary intentions and hires "
                "recorded today and in this calendar month at this market."
            )
        )
        self.banner = Banner()
        self.matching = MatchingPage(desk)
        self.follow_up = FollowUpPage(desk)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.matching, self.tr("Matching"))
        self.tabs.addTab(self.follow_up, self.tr("Follow-up"))
        self.panel = ReferralPanel(desk)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 540])
        top = QHBoxLayout()
        top.addWidget(self.scan, 1)
        top.addWidget(self.funnel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

        self.matching.issued.connect(self._issued)
        self.matching.number_entered.connect(self.open_number)
        self.follow_up.opened.connect(self.open_referral)
        self.panel.print_requested.connect(lambda d: self.preview(d.id, d.number))
        for keys, slot in (("F2", self.focus_scan), ("Ctrl+P", self.panel.request_print)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        desk.bus.changed.connect(
            lambda tables: self.refresh_funnel() if tables & REFERRALS else None
        )

    def start(self) -> None:
        referrals = self.desk.services.referrals
        self.desk.worker.submit(referrals.expire_overdue, lambda _n: self.refresh_all())

    def refresh_all(self) -> None:
        self.refresh_funnel()
        self.follow_up.refresh()

    def focus_entry(self) -> None:
        self.focus_scan()

    def show_page(self, index: int) -> None:
        """Ctrl+1 matching, Ctrl+2 follow-up."""
        self.tabs.setCurrentIndex(index)
        page = self.tabs.currentWidget()
        (page.focusWidget() or page).setFocus()

    def focus_scan(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    # ---- the funnel -------------------------------------------------------
    def refresh_funnel(self) -> None:
        self.desk.worker.submit(self.desk.services.referrals.funnels, self._show_funnel)

    def _show_funnel(self, funnels: tuple[Funnel, Funnel]) -> None:
        day, month = funnels
        line = self.tr("{period}: {r} referred · {i} intentions · {h} hired")
        self.funnel.setText(
            line.format(period=self.tr("Today"), r=day.referrals, i=day.intentions, h=day.hires)
            + "\n"
            + line.format(
                period=self.tr("This month"),
                r=month.referrals,
                i=month.intentions,
                h=month.hires,
            )
        )

    # ---- opening referrals ----------------------------------------------
    def open_number(self, text: str) -> None:
        number = rules.normalise_number(text)
        if not number:
            return
        referrals = self.desk.services.referrals
        self.desk.worker.submit(
            lambda: referrals.find_by_number(number), lambda found: self._found(number, found)
        )

    def _found(self, number: str, found: ReferralDetail | None) -> None:
        if found is None:
            self.banner.error(
                self.tr("No referral with the number {number}.").format(number=number)
            )
            self.focus_scan()
            return
        self.banner.clear()
        self.scan.clear()
        self.panel.show_detail(found)
        self.panel.setFocus()  # 1-5 then Enter records the outcome

    def open_referral(self, referral_id: uuid.UUID) -> None:
        referrals = self.desk.services.referrals
        self.desk.worker.submit(lambda: referrals.detail(referral_id), self._opened)

    def _opened(self, detail: ReferralDetail | None) -> None:
        if detail is not None:
            self.panel.show_detail(detail)
            self.panel.setFocus()

    def _issued(self, detail: ReferralDetail) -> None:
        self.panel.show_detail(detail)
        self.banner.success(
            self.tr("Referral {number} issued for {name}: {job}.").format(
                number=detail.number, name=detail.person_name, job=detail.job_title
            )
        )
        self.preview(detail.id, detail.number)

    # ---- printing --------------------------------------------------------
    def preview(self, referral_id: uuid.UUID, number: str = "") -> PrintPreview:
        slips = self.desk.services.slips
        tr = QCoreApplication.translate
        from lingong_desk.ui.print_preview import open_preview

        dialog = open_preview(
            self,
            self.desk.worker,
            lambda layout: slips.render_slip(referral_id, layout, tr),
            slips.record_print,
            [
                ("a4", self.tr("A4 (letter, return slip, stub)")),
                ("receipt", self.tr("80 mm receipt")),
            ],
            number or "referral",
        )
        dialog.finished.connect(lambda _r: self.open_referral(referral_id))
        return dialog
