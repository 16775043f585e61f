"""Matching page: pick a posting (or a job seeker), see the ranked candidates and why."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain import referral as rules
from lingong_desk.domain.enums import PayUnit, Sex, WorkForm
from lingong_desk.domain.matching import Reason
from lingong_desk.services.changes import PEOPLE, POSTINGS, REFERRALS
from lingong_desk.services.matching import MatchResult, MatchRow
from lingong_desk.services.referral_views import ReferralDetail
from lingong_desk.services.referrals import ReferralRefused
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import tr_enum, tr_message
from lingong_desk.ui.widgets.list_panel import ResultTable
from lingong_desk.ui.widgets.record_picker import RecordPicker
from lingong_desk.ui.widgets.status import Banner
from lingong_desk.ui.widgets.table_model import Column, LazyRowModel

log = logging.getLogger(__name__)
FOR_POSTING, FOR_PERSON = "posting", "person"


def reason_text(reason: Reason) -> str:
    params = dict(reason.params)
    return tr_message("matching", reason.message, params)


def summary(row: MatchRow) -> str:
    if not row.eligible:
        return "✗ " + "；".join(reason_text(r) for r in row.reasons if r.blocks)
    best = sorted((r for r in row.reasons if r.points > 0), key=lambda r: -r.points)[:2]
    return "；".join(reason_text(r) for r in best)


class MatchingPage(QWidget):
    issued = Signal(object)  # ReferralDetail
    number_entered = Signal(str)  # a scanned referral number typed here

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.result: MatchResult | None = None
        self._keep: uuid.UUID | None = None  # the candidate to stay on after a re-ranking
        self._issuing = False  # one referral at a time: a second Ctrl+Enter waits for the first
        self.mode = QComboBox()
        self.mode.setObjectName("match_mode")
        self.mode.addItem(self.tr("Job seekers for a posting"), FOR_POSTING)
        self.mode.addItem(self.tr("Postings for a job seeker"), FOR_PERSON)
        self.picker = RecordPicker(desk.worker, self._choices)
        self.picker.setObjectName("match_subject")
        self.picker.line.setObjectName("match_subject_line")
        self.subject_hint()
        columns = [
            Column("#", lambda r: str(r.rank), align_right=True),
            Column(self.tr("Candidate"), lambda r: r.title),
            Column(self.tr("Facts"), self._facts),
            Column(
                self.tr("Score"),
                lambda r: f"{r.score:.0f}" if r.eligible else "—",
                align_right=True,
            ),
            Column(self.tr("Why"), summary),
        ]
        self.model = LazyRowModel(columns, self._no_fetch, desk.worker, self)
        self.table = ResultTable()
        self.table.setObjectName("matches")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(ResultTable.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(ResultTable.SelectionMode.SingleSelection)
        self.table.setEditTriggers(ResultTable.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate([30, 90, 200, 50]):
            self.table.setColumnWidth(i, width)
        self.reasons = QListWidget()
        self.reasons.setObjectName("reasons")
        self.reasons.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issue")
        self._name_issue(None)
        self.banner = Banner()
        self.scored = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.mode)
        top.addWidget(self.picker, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.scored, 1)
        bottom.addWidget(self.issue_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.reasons)
        splitter.setSizes([420, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.mode.currentIndexChanged.connect(lambda _i: self._mode_changed())
        self.picker.changed.connect(self.run)
        self.picker.text_entered.connect(self._unmatched_text)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_reasons(current.row())
        )
        self.table.open_current.connect(self.issue)
        self.issue_button.clicked.connect(self.issue)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.issue)
        desk.bus.changed.connect(self._on_changed)

    @staticmethod
    def _no_fetch(_ids: Sequence[uuid.UUID]) -> list[Any]:
        return []  # a ranking arrives whole

    def mode_key(self) -> str:
        return str(self.mode.currentData())

    def subject_hint(self) -> None:
        self.picker.line.setPlaceholderText(
            self.tr("Type a posting: job, employer or initials, then Enter")
            if self.mode_key() == FOR_POSTING
            else self.tr("Type a job seeker: name, initials, ID number or mobile, then Enter")
        )

    def _mode_changed(self) -> None:
        self.picker.set_record(None, "")
        self.subject_hint()
        self.model.reset_ids([], [])
        self.reasons.clear()
        self.scored.setText("")
        self._name_issue(None)
        self.picker.setFocus()

    def _choices(self, text: str) -> list[tuple[uuid.UUID, str]]:
        matching = self.desk.services.matching
        if self.mode_key() == FOR_POSTING:
            return matching.posting_choices(text)
        return matching.person_choices(text)

    def _unmatched_text(self, text: str) -> None:
        if rules.looks_like_number(text):
            self.picker.set_record(None, "")
            self.number_entered.emit(text)  # a slip was scanned here
        else:
            self.banner.error(self.tr("Nothing found for {text}.").format(text=text))

    def _facts(self, row: MatchRow) -> str:
        parts = []
        if row.sex:
            parts.append(tr_enum(row.sex, Sex))
        if row.age is not None:
            parts.append(self.tr("{age} years").format(age=row.age))
        if row.detail:
            parts.append(row.detail)
        if row.pay:
            parts.append(f"{row.pay} {tr_enum(row.pay_unit, PayUnit)}")
        if row.work_form:
            parts.append(tr_enum(row.work_form, WorkForm))
        return " · ".join(parts)

    # ---- ranking ----------------------------------------------------------
    def run(self) -> None:
        subject = self.picker.record_id()
        if subject is None:
            return
        matching = self.desk.services.matching
        fn = matching.for_posting if self.mode_key() == FOR_POSTING else matching.for_person
        same = self.result is not None and self.result.subject_id == subject
        current = self.selected() if same else None
        self._keep = current.id if current is not None else None
        self.banner.clear()
        self.desk.worker.submit(lambda: fn(subject), self._show, self._failed)

    def _show(self, result: MatchResult) -> None:
        if result.subject_id != self.picker.record_id():
            return  # the clerk moved on
        self.result = result
        self.model.reset_ids([r.id for r in result.rows], list(result.rows))
        eligible = sum(1 for r in result.rows if r.eligible)
        self.scored.setText(
            self.tr("{eligible} suitable of {scored} considered").format(
                eligible=eligible, scored=result.scored
            )
        )
        self._name_issue(None)
        if result.rows:
            # a re-ranking (after a referral, or a change synced in) stays on the
            # candidate the clerk was on, so the next Ctrl+Enter is never for
            # someone else; a new ranking starts at the best candidate
            keep = [i for i, r in enumerate(result.rows) if r.id == self._keep]
            self._keep = None
            self.table.setFocus()
            self.table.selectionModel().setCurrentIndex(
                self.model.index(keep[0] if keep else 0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _show_reasons(self, row: int) -> None:
        self.reasons.clear()
        if not 0 <= row < self.model.rowCount():
            self._name_issue(None)
            return
        match = self.model.row_at(row)
        for reason in match.reasons:
            sign = (
                "✗"
                if reason.blocks
                else ("+" if reason.points > 0 else "−" if reason.points < 0 else "·")
            )
            points = f"{reason.points:+.0f}" if reason.points else ""
            item = QListWidgetItem(f"{sign} {reason_text(reason)}  {points}".rstrip())
            if reason.blocks:
                item.setForeground(QBrush(QColor("#b00020")))
            elif reason.points > 0:
                item.setForeground(QBrush(QColor("#1e5631")))
            self.reasons.addItem(item)
        self._name_issue(match)

    def _name_issue(self, match: MatchRow | None) -> None:
        """The issue button names whom (or which job) the referral would be for."""
        if match is None:
            self.issue_button.setText(self.tr("Issue referral (Ctrl+Enter)"))
            self.issue_button.setEnabled(False)
            return
        if self.mode_key() == FOR_POSTING or self.result is None:
            text = self.tr("Issue referral for {name} (Ctrl+Enter)").format(name=match.title)
        else:
            text = self.tr("Issue referral for {name} to {job} (Ctrl+Enter)").format(
                name=self.result.subject, job=match.title
            )
        self.issue_button.setText(text)
        self.issue_button.setEnabled(match.eligible)

    def _failed(self, exc: BaseException) -> None:
        log.error("matching failed", exc_info=exc)
        self.banner.error(self.tr("Matching failed: {error}").format(error=exc))

    def _on_changed(self, tables: frozenset[str]) -> None:
        if tables & (REFERRALS | POSTINGS | PEOPLE) and self.picker.record_id() is not None:
            self.run()

    # ---- issuing -----------------------------------------------------------
    def selected(self) -> MatchRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row: MatchRow = self.model.row_at(index.row())
        return row

    def issue(self) -> None:
        row = self.selected()
        subject = self.picker.record_id()
        if row is None or subject is None or self._issuing:
            return
        if not row.eligible:
            self.banner.error(
                self.tr("{name} cannot be referred: {why}").format(name=row.title, why=summary(row))
            )
            return
        person, posting = (row.id, subject) if self.mode_key() == FOR_POSTING else (subject, row.id)
        referrals = self.desk.services.referrals
        self.issue_button.setEnabled(False)
        self._issuing = True
        self.desk.worker.submit(
            lambda: referrals.issue(person, posting), self._issued, self._refused
        )

    def _issued(self, detail: ReferralDetail) -> None:
        self._issuing = False
        self.banner.clear()
        self.issued.emit(detail)

    def _refused(self, exc: BaseException) -> None:
        self._issuing = False
        self.issue_button.setEnabled(True)
        if isinstance(exc, ReferralRefused):
            self.banner.error(tr_message("referral", exc.message, exc.params))
            return
        log.error("issuing a referral failed", exc_info=exc)
        self.banner.error(self.tr("Not issued: {error}").format(error=exc))
