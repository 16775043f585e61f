"""One referral: what it is, its history, and its outcome in two keystrokes."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain import referral as rules
from lingong_desk.domain.calendar import time_text
from lingong_desk.domain.enums import PayUnit, ReferralStatus, Sex
from lingong_desk.services.referral_views import ReferralDetail
from lingong_desk.services.referrals import ReferralRefused
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import tr_enum, tr_message
from lingong_desk.ui.widgets.status import Banner

log = logging.getLogger(__name__)

OUTCOMES = [  # key, status
    (Qt.Key.Key_1, ReferralStatus.INTENTION),
    (Qt.Key.Key_2, ReferralStatus.HIRED),
    (Qt.Key.Key_3, ReferralStatus.NOT_HIRED),
    (Qt.Key.Key_4, ReferralStatus.NO_SHOW),
    (Qt.Key.Key_5, ReferralStatus.VOID),
]


class ReferralPanel(QWidget):
    """Press 1-5 to choose an outcome, Enter to record it."""

    print_requested = Signal(object)  # ReferralDetail

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.current: ReferralDetail | None = None
        self.chosen: ReferralStatus | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.number = QLabel()
        self.number.setObjectName("referral_number")
        self.number.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.status = QLabel()
        self.status.setObjectName("referral_status")
        self.status.setStyleSheet("font-size: 13pt;")
        self.facts = QLabel()
        self.facts.setObjectName("referral_facts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = Banner()
        self.buttons: dict[ReferralStatus, QPushButton] = {}
        grid = QGridLayout()
        for i, (key, status) in enumerate(OUTCOMES):
            number = chr(ord("1") + i)
            button = QPushButton(f"{number}  {tr_enum(status)}")
            button.setObjectName(f"outcome_{status.value}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, s=status: self.choose(s))
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[status] = button
            del key
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.setEditable(True)
        for text in (
            self.tr("Posting already filled"),
            self.tr("Skills do not fit"),
            self.tr("Pay not agreed"),
            self.tr("Age or health does not fit"),
            self.tr("Worker declined"),
            self.tr("Issued by mistake"),
        ):
            self.reason.addItem(text)
        self.reason.setCurrentIndex(-1)
        reason_line = self.reason.lineEdit()
        assert reason_line is not None
        reason_line.setPlaceholderText(self.tr("Reason (needed for not hired and void)"))
        reason_line.returnPressed.connect(self.confirm)
        self.hint = QLabel()
        self.hint.setObjectName("outcome_hint")
        self.confirm_button = QPushButton(self.tr("Record (Enter)"))
        self.confirm_button.setObjectName("record_outcome")
        self.confirm_button.clicked.connect(self.confirm)
        self.print_button = QPushButton(self.tr("Print slip (Ctrl+P)"))
        self.print_button.setObjectName("print_slip")
        self.print_button.clicked.connect(self.request_print)
        self.history = QListWidget()
        self.history.setObjectName("history")
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        actions = QHBoxLayout()
        actions.addWidget(self.hint, 1)
        actions.addWidget(self.print_button)
        actions.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(self.status)
        layout.addWidget(self.facts)
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        layout.addWidget(self.reason)
        layout.addLayout(actions)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history, 1)
        self.show_detail(None)
        # voiding a referral is a supervisor's (the service refuses a clerk)
        desk.bus.clerk_changed.connect(lambda _clerk: self.apply_role())
        self.apply_role()

    def apply_role(self) -> None:
        self.buttons[ReferralStatus.VOID].setVisible(self.desk.services.ctx.is_supervisor)

    # ---- showing -------------------------------------------------------
    def show_detail(self, detail: ReferralDetail | None) -> None:
        self.current = detail
        self.chosen = None
        self.reason.setCurrentIndex(-1)
        self.reason.setEditText("")
        for button in self.buttons.values():
            button.setChecked(False)
        self.hint.setText("")
        self.history.clear()
        enabled = detail is not None
        self.print_button.setEnabled(enabled)
        self.confirm_button.setEnabled(False)
        if detail is None:
            self.number.setText(self.tr("No referral open"))
            self.status.setText(self.tr("Scan a slip's barcode, or issue a referral."))
            self.facts.setText("")
            for button in self.buttons.values():
                button.setEnabled(False)
            return
        self.number.setText(detail.number)
        self.status.setText(tr_enum(detail.status, ReferralStatus))
        self.facts.setText(
            "\n".join(
                [
                    self.tr("Worker: {name} ({sex}, {age}) · {id} · {phone}").format(
                        name=detail.person_name,
                        sex=tr_enum(detail.person_sex, Sex),
                        age=detail.person_age,
                        id=detail.person_id_masked,
                        phone=detail.person_phone_masked,
                    ),
                    self.tr("Job: {title} at {employer} · {pay} {unit}").format(
                        title=detail.job_title,
                        employer=detail.employer_name,
                        pay=detail.pay,
                        unit=tr_enum(detail.pay_unit, PayUnit),
                    ),
                    self.tr(
                        "Issued {issued} by {clerk}; valid until {until} · printed {n} time(s)"
                    ).format(
                        issued=detail.issued_on.isoformat(),
                        clerk=detail.clerk_name,
                        until=detail.valid_until.isoformat(),
                        n=detail.print_count,
                    ),
                ]
            )
        )
        for status, button in self.buttons.items():
            try:
                rules.path(detail.status, status)
                button.setEnabled(True)
            except rules.IllegalTransition:
                button.setEnabled(False)
        for event in detail.events:
            when = time_text(event.at)
            line = f"{when}  {tr_enum(event.to_status, ReferralStatus)}"
            if event.reason:
                line += f"：{event.reason}"
            if event.clerk:
                line += f"  ({event.clerk})"
            self.history.addItem(line)

    # ---- recording an outcome -----------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        for key, status in OUTCOMES:
            if event.key() == key:
                self.choose(status)
                return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            return
        super().keyPressEvent(event)

    def choose(self, status: ReferralStatus) -> None:
        if self.current is None or not self.buttons[status].isVisibleTo(self):
            return
        for other, button in self.buttons.items():
            button.setChecked(other is status)
        try:
            rules.path(self.current.status, status)
        except rules.IllegalTransition as err:
            self.chosen = None
            self.confirm_button.setEnabled(False)
            self.banner.error(tr_message("referral", err.message, err.params))
            return
        self.banner.clear()
        self.chosen = status
        self.confirm_button.setEnabled(True)
        self.hint.setText(
            self.tr("Press Enter to record: {outcome}").format(outcome=tr_enum(status))
        )
        if status in rules.NEEDS_REASON:
            self.reason.setFocus()
        else:
            self.setFocus()

    def confirm(self) -> None:
        if self.current is None or self.chosen is None:
            return
        referral_id, status = self.current.id, self.chosen
        reason = self.reason.currentText()
        referrals = self.desk.services.referrals
        self.confirm_button.setEnabled(False)
        self.desk.worker.submit(
            lambda: referrals.record(referral_id, status, reason), self._recorded, self._failed
        )

    def _recorded(self, detail: ReferralDetail) -> None:
        self.show_detail(detail)
        self.banner.success(
            self.tr("Recorded: {outcome}.").format(outcome=tr_enum(detail.status, ReferralStatus))
        )
        self.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(self.chosen is not None)
        if isinstance(exc, ReferralRefused | rules.IllegalTransition):
            self.banner.error(tr_message("referral", exc.message, exc.params))
            return
        log.error("recording an outcome failed", exc_info=exc)
        self.banner.error(self.tr("Not recorded: {error}").format(error=exc))

    def request_print(self) -> None:
        if self.current is not None:
            self.print_requested.emit(self.current)
