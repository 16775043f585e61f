"""Window 4: record a guidance session, follow up, and see a person's whole history."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.enums import GuidanceKind
from lingong_desk.domain.registration import DraftRejected
from lingong_desk.services.changes import CONSULTATIONS, CUSTODY, GUIDANCE, PEOPLE, REFERRALS
from lingong_desk.services.guidance import GuidanceDraft, GuidanceRow, HistoryItem
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.guidance.lists import follow_up_table, history_table
from lingong_desk.ui.widgets.form import FieldGrid, ParseError, combo_value, enum_combo, parse_date
from lingong_desk.ui.widgets.record_picker import RecordPicker
from lingong_desk.ui.widgets.status import Banner
from lingong_desk.ui.widgets.table_model import LazyRowModel

WATCHED = GUIDANCE | PEOPLE | REFERRALS | CUSTODY | CONSULTATIONS


class GuidanceWindow(QWidget):
    """就业创业指导服务. Mount as ``GuidanceWindow(desk)``; ``start()`` loads the lists."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service = desk.services.guidance
        self._history_person: uuid.UUID | None = None

        # ---- the session form ------------------------------------------
        self.grid = FieldGrid(columns=1)
        self.picker = RecordPicker(desk.worker, self.service.person_choices)
        self.picker.line.setPlaceholderText(self.tr("Name, pinyin initials, ID number or phone"))
        self.grid.add("person", self.tr("Person"), self.picker)
        self.picker.line.setObjectName("person_line")
        self.kind: QComboBox = self.grid.add("kind", self.tr("Kind"), enum_combo(GuidanceKind))
        self.notes = self.grid.add("notes", self.tr("Notes"), QPlainTextEdit())
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What the person asked and what was discussed"))
        self.notes.setFixedHeight(70)
        self.recommendation = self.grid.add("recommendation", self.tr("Recommended"), QLineEdit())
        self.recommendation.setPlaceholderText(self.tr("Course, policy, next step"))
        self.follow_up_on = self.grid.add("follow_up_on", self.tr("Follow up on"), QLineEdit())
        self.follow_up_on.setPlaceholderText(self.tr("YYYY-MM-DD, empty for none"))
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setObjectName("save")
        self.new_button = QPushButton(self.tr("New (Ctrl+N)"))
        self.new_button.setObjectName("new")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        self.banner = Banner()
        form_box = QGroupBox(self.tr("Guidance session"))
        form_layout = QVBoxLayout(form_box)
        form_layout.addWidget(self.grid)
        form_layout.addLayout(buttons)
        form_layout.addWidget(self.banner)

        # ---- follow-ups ------------------------------------------------
        self.follow_ups, self.follow_up_model = follow_up_table(desk, self)
        self.follow_up_count = QLabel()
        self.follow_up_count.setObjectName("follow_up_count")
        self.follow_up_note = QLineEdit()
        self.follow_up_note.setObjectName("follow_up_note")
        self.follow_up_note.setPlaceholderText(self.tr("What came of it"))
        self.done_button = QPushButton(self.tr("Mark followed up"))
        self.done_button.setObjectName("mark_done")
        done_row = QHBoxLayout()
        done_row.addWidget(self.follow_up_note, 1)
        done_row.addWidget(self.done_button)
        follow_box = QGroupBox(self.tr("Follow-ups (overdue and due today first)"))
        follow_layout = QVBoxLayout(follow_box)
        follow_layout.addWidget(self.follow_ups, 1)
        follow_layout.addWidget(self.follow_up_count)
        follow_layout.addLayout(done_row)

        # ---- history -----------------------------------------------------
        self.history, self.history_model = history_table(desk, self)
        self.history_title = QLabel(self.tr("Pick a person to see their history."))
        self.history_title.setObjectName("history_title")
        self.history_title.setWordWrap(True)
        history_box = QGroupBox(self.tr("History at all windows"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_title)
        history_layout.addWidget(self.history, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(form_box)
        left_layout.addWidget(follow_box, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(history_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        # ---- keyboard ----------------------------------------------------
        self.setTabOrder(self.picker.line, self.kind)
        self.setTabOrder(self.kind, self.notes)
        self.setTabOrder(self.notes, self.recommendation)
        self.setTabOrder(self.recommendation, self.follow_up_on)
        self.setTabOrder(self.follow_up_on, self.save_button)
        self.setTabOrder(self.save_button, self.new_button)
        self.setTabOrder(self.new_button, self.follow_ups)
        self.setTabOrder(self.follow_ups, self.follow_up_note)
        self.setTabOrder(self.follow_up_note, self.done_button)
        self.setTabOrder(self.done_button, self.history)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence("Ctrl+S"), self.save),
            (QKeySequence("Ctrl+Return"), self.save),
            (QKeySequence.StandardKey.New, self.new_session),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        for line in (self.recommendation, self.follow_up_on):
            line.returnPressed.connect(self.save)
        self.picker.submit_empty.connect(self.save)
        self.picker.changed.connect(self._person_changed)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.new_session)
        self.done_button.clicked.connect(self.mark_done)
        self.follow_up_note.returnPressed.connect(self.mark_done)
        self.follow_ups.clicked.connect(lambda index: self._follow_up_chosen(index.row()))
        self.follow_ups.open_current.connect(
            lambda: self._follow_up_chosen(self.follow_ups.currentIndex().row())
        )
        desk.bus.changed.connect(self._on_changed)

    # ---- lifecycle -------------------------------------------------------
    def start(self) -> None:
        """Load the follow-up list and put the cursor in the person box."""
        self.refresh_follow_ups()
        self.picker.setFocus()

    def focus_entry(self) -> None:
        self.picker.line.setFocus()

    def _on_changed(self, tables: frozenset[str]) -> None:
        if tables & WATCHED:
            self.refresh_follow_ups()
            self.refresh_history()

    # ---- the form ----------------------------------------------------------
    def new_session(self) -> None:
        self.picker.set_record(None, "")
        self.kind.setCurrentIndex(0)
        self.notes.clear()
        self.recommendation.clear()
        self.follow_up_on.clear()
        self.grid.clear_errors()
        self.banner.clear()
        self.picker.setFocus()

    def save(self) -> None:
        self.grid.clear_errors()
        self.banner.clear()
        try:
            follow_up_on = parse_date(self.follow_up_on)
        except ParseError:
            self.grid.set_error("follow_up_on", self.tr("Type a date such as 2026-03-15."))
            self.follow_up_on.setFocus()
            return
        draft = GuidanceDraft(
            person_id=self.picker.record_id(),
            kind=combo_value(self.kind) or "",
            notes=self.notes.toPlainText(),
            recommendation=self.recommendation.text(),
            follow_up_on=follow_up_on,
        )
        problems = self.service.check(draft)
        if problems:
            self._show_problems(DraftRejected(problems))
            return
        service = self.service
        self.save_button.setEnabled(False)
        self.desk.worker.submit(lambda: service.record(draft), self._saved, self._failed)

    def _saved(self, row: GuidanceRow) -> None:
        self.save_button.setEnabled(True)
        self.notes.clear()
        self.recommendation.clear()
        self.follow_up_on.clear()
        self.banner.success(self.tr("Guidance for {name} saved.").format(name=row.person_name))
        self.picker.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, DraftRejected):
            self._show_problems(exc)
        else:
            self.banner.error(self.tr("Not saved: {error}").format(error=exc))

    def _show_problems(self, exc: DraftRejected) -> None:
        first = self.grid.show_errors(exc.problems)
        self.banner.error(self.tr("Nothing was saved: please correct the marked fields."))
        if first is not None:
            first.setFocus()

    # ---- follow-ups --------------------------------------------------------
    def refresh_follow_ups(self) -> None:
        service, page = self.service, LazyRowModel.PAGE

        def first_page() -> tuple[list[uuid.UUID], list[GuidanceRow], int]:
            ids = service.follow_up_ids()
            return ids, service.follow_up_rows(ids[:page]), service.follow_ups_due()

        self.desk.worker.submit(first_page, self._show_follow_ups)

    def _show_follow_ups(self, result: tuple[list[uuid.UUID], list[GuidanceRow], int]) -> None:
        ids, first, due = result
        self.follow_up_model.reset_ids(ids, first)  # the rest page in as the clerk scrolls
        self.follow_up_count.setText(
            self.tr("{all} waiting, {due} due today or overdue").format(all=len(ids), due=due)
        )

    def _follow_up_chosen(self, row: int) -> None:
        if 0 <= row < self.follow_up_model.rowCount():
            chosen: GuidanceRow = self.follow_up_model.row_at(row)
            self.follow_ups.selectRow(row)
            self._show_person(chosen.person_id, chosen.person_name)
            self.follow_up_note.setFocus()

    def mark_done(self) -> None:
        row = self.follow_ups.currentIndex().row()
        if not 0 <= row < self.follow_up_model.rowCount():
            self.banner.error(self.tr("Choose a follow-up in the list first."))
            return
        chosen: GuidanceRow = self.follow_up_model.row_at(row)
        note = self.follow_up_note.text()
        service = self.service

        def done(updated: GuidanceRow) -> None:
            self.follow_up_note.clear()
            self.banner.success(
                self.tr("Follow-up of {name} recorded.").format(name=updated.person_name)
            )

        self.desk.worker.submit(
            lambda: service.mark_followed_up(chosen.id, note), done, self._failed
        )

    # ---- history -------------------------------------------------------------
    def _person_changed(self) -> None:
        person = self.picker.record_id()
        if person is not None:
            self._show_person(person, self.picker.line.text())

    def _show_person(self, person_id: uuid.UUID, label: str) -> None:
        self._history_person = person_id
        self.history_title.setText(self.tr("History of {name}").format(name=label))
        self.refresh_history()

    def refresh_history(self) -> None:
        person = self._history_person
        if person is None:
            return
        service = self.service
        self.desk.worker.submit(lambda: service.history(person), self._show_history)

    def _show_history(self, items: tuple[HistoryItem, ...]) -> None:
        self.history_model.reset_ids([uuid.uuid4() for _ in items], list(items))
        for column in (0, 1, 2):
            self.history.resizeColumnToContents(column)
