"""The enquiry log: take a walk-in or phone enquiry in a few keystrokes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.calendar import clock_text
from lingong_desk.domain.enums import ConsultChannel, ServiceWindow
from lingong_desk.services.information import (
    QUICK_TOPICS,
    ConsultationDraft,
    ConsultationRow,
    InformationRefused,
    InformationService,
)
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.widgets.form import error_label
from lingong_desk.ui.widgets.status import Banner


def enum_text(label: str) -> str:
    return QCoreApplication.translate("enums", label)


def refusal_text(exc: InformationRefused) -> str:
    text = QCoreApplication.translate("information", exc.message)
    if text == exc.message:
        text = QCoreApplication.translate("validation", exc.message)
    return text.format(**exc.params)


class LogPage(QWidget):
    def __init__(
        self, desk: Desk, service: InformationService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service = service
        self.banner = Banner()
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for c in ConsultChannel:
            self.channel.addItem(enum_text(c.label), c.value)
        self.topic = QComboBox()
        self.topic.setObjectName("topic")
        self.topic.setEditable(True)
        self.topic.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for t in QUICK_TOPICS:
            self.topic.addItem(QCoreApplication.translate("information", t))
        self.topic.setCurrentIndex(-1)
        self.topic.setEditText("")
        self.question = QLineEdit()
        self.question.setObjectName("question")
        self.answer = QLineEdit()
        self.answer.setObjectName("answer")
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        self.outcome.addItem(self.tr("Answered"), "")
        for w in ServiceWindow:
            if w != ServiceWindow.INFORMATION:
                self.outcome.addItem(
                    self.tr("Passed to: {window}").format(window=enum_text(w.label)), w.value
                )
        self.caller_name = QLineEdit()
        self.caller_name.setObjectName("caller_name")
        self.caller_phone = QLineEdit()
        self.caller_phone.setObjectName("caller_phone")
        self.caller_phone.setPlaceholderText(self.tr("optional, 11 digits"))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label, widget in (
            ("channel", self.tr("Channel"), self.channel),
            ("topic", self.tr("Topic"), self.topic),
            ("question", self.tr("Question"), self.question),
            ("answer", self.tr("Answer"), self.answer),
            ("passed_to_window", self.tr("Outcome"), self.outcome),
            ("caller_name", self.tr("Caller's name"), self.caller_name),
            ("caller_phone", self.tr("Caller's phone"), self.caller_phone),
        ):
            error = error_label(f"error_{key}")
            self.errors[key] = error
            row = QVBoxLayout()
            row.setSpacing(0)
            row.addWidget(widget)
            row.addWidget(error)
            form.addRow(label, row)
        self.save_button = QPushButton(self.tr("Log enquiry (Enter)"))
        self.save_button.setObjectName("log_enquiry")
        self.save_button.clicked.connect(self.save)
        for edit in (self.question, self.answer, self.caller_name, self.caller_phone):
            edit.returnPressed.connect(self.save)
        line = self.topic.lineEdit()
        if line is not None:
            line.returnPressed.connect(self.save)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        self.today = QTableWidget(0, 6)
        self.today.setObjectName("todays_log")
        self.today.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Channel"),
                self.tr("Topic"),
                self.tr("Answer"),
                self.tr("Outcome"),
                self.tr("Caller"),
            ]
        )
        self.today.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.today.verticalHeader().hide()
        self.today.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("New enquiry")))
        left.addLayout(form)
        left.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.count_label)
        right.addWidget(self.today, 1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)

    def draft(self) -> ConsultationDraft:
        window = str(self.outcome.currentData() or "") or None
        return ConsultationDraft(
            channel=str(self.channel.currentData()),
            topic=self.topic.currentText(),
            question=self.question.text(),
            answer=self.answer.text(),
            resolved=window is None,
            passed_to_window=window,
            caller_name=self.caller_name.text(),
            caller_phone=self.caller_phone.text(),
        )

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()

    def save(self) -> None:
        self.clear_errors()
        draft = self.draft()
        self.desk.worker.submit(lambda: self.service.log(draft), self._saved, self._failed)

    def _saved(self, row: ConsultationRow) -> None:
        self.banner.success(self.tr("Enquiry logged: {topic}").format(topic=row.topic))
        self.topic.setCurrentIndex(-1)
        self.topic.setEditText("")
        for edit in (self.question, self.answer, self.caller_name, self.caller_phone):
            edit.clear()
        self.outcome.setCurrentIndex(0)
        self.topic.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, InformationRefused):
            self.banner.error(self.tr("The enquiry could not be saved: {error}").format(error=exc))
            return
        text = refusal_text(exc)
        label = self.errors.get(exc.field)
        if label is not None:
            label.setText(text)
        self.banner.error(text)

    def reload(self) -> None:
        self.desk.worker.submit(self.service.todays_log, self.show_rows)

    def show_rows(self, rows: list[ConsultationRow]) -> None:
        self.count_label.setText(self.tr("Today's enquiries: {n}").format(n=len(rows)))
        self.today.setRowCount(len(rows))
        for r, row in enumerate(rows):
            if row.passed_to_window:
                outcome = self.tr("Passed to: {window}").format(
                    window=enum_text(ServiceWindow(row.passed_to_window).label)
                )
            else:
                outcome = self.tr("Answered") if row.resolved else self.tr("Open")
            caller = " ".join(p for p in (row.caller_name, row.caller_phone_masked) if p)
            for c, text in enumerate(
                (
                    clock_text(row.at),
                    enum_text(ConsultChannel(row.channel).label),
                    row.topic,
                    row.answer,
                    outcome,
                    caller,
                )
            ):
                self.today.setItem(r, c, QTableWidgetItem(text))
        self.today.resizeColumnsToContents()
        self.today.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
