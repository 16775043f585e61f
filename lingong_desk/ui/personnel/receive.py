"""Receiving a personnel file: whose, from where, what it contains, where it is shelved."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.custody import CHECKLIST_ITEMS, CustodyRefused
from lingong_desk.domain.enums import FileContent
from lingong_desk.services.personnel import FileDetail, PersonnelService
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import tr_enum
from lingong_desk.ui.widgets.flow import FlowLayout
from lingong_desk.ui.widgets.record_picker import RecordPicker
from lingong_desk.ui.widgets.status import Banner


class ReceivePage(QWidget):
    received = Signal(object)  # FileDetail

    def __init__(
        self, desk: Desk, service: PersonnelService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service = service
        self.banner = Banner()
        self.person = RecordPicker(desk.worker, service.person_choices)
        self.person.setObjectName("receive_person")
        self.person.line.setPlaceholderText(self.tr("Name, pinyin initials or ID number"))
        self.received_from = QLineEdit()
        self.received_from.setObjectName("receive_from")
        self.received_from.setPlaceholderText(self.tr("Former employer, school or archive"))
        self.shelf = QLineEdit()
        self.shelf.setObjectName("receive_shelf")
        self.shelf.setPlaceholderText(self.tr("e.g. A-01-03"))
        self.note = QLineEdit()
        self.checks: dict[str, QCheckBox] = {}
        grid = FlowLayout()  # as many boxes a line as the width allows
        for item in CHECKLIST_ITEMS:
            box = QCheckBox(tr_enum(item, FileContent))
            box.setObjectName(f"content_{item}")
            self.checks[item] = box  # keyed (and stored) by the item's key
            grid.addWidget(box)
        checklist = QWidget()
        checklist.setLayout(grid)
        self.receive_button = QPushButton(self.tr("Receive file (Ctrl+S)"))
        self.receive_button.setObjectName("receive_button")
        self.receive_button.setShortcut("Ctrl+S")
        form = QFormLayout()
        form.addRow(self.tr("Job seeker"), self.person)
        form.addRow(self.tr("Received from"), self.received_from)
        form.addRow(self.tr("Contents"), checklist)
        form.addRow(self.tr("Shelf location"), self.shelf)
        form.addRow(self.tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.receive_button)
        layout.addStretch(1)
        self.receive_button.clicked.connect(self.submit)

    def submit(self) -> None:
        person_id = self.person.record_id()
        if person_id is None:
            self.banner.error(self.tr("Choose the job seeker whose file this is."))
            self.person.setFocus()
            return
        items = [item for item, box in self.checks.items() if box.isChecked()]
        args = (person_id, self.received_from.text(), items, self.shelf.text(), self.note.text())
        service = self.service
        self.receive_button.setEnabled(False)
        self.desk.worker.submit(lambda: service.receive(*args), self._done, self._failed)

    def _done(self, detail: FileDetail) -> None:
        self.receive_button.setEnabled(True)
        self.banner.success(self.tr("Received as {number}.").format(number=detail.file_number))
        self.person.set_record(None, "")
        for widget in (self.received_from, self.shelf, self.note):
            widget.clear()
        for box in self.checks.values():
            box.setChecked(False)
        self.received.emit(detail)

    def _failed(self, exc: BaseException) -> None:
        self.receive_button.setEnabled(True)
        if isinstance(exc, CustodyRefused):
            text = QCoreApplication.translate("custody", exc.message).format(**exc.params)
        else:
            text = self.tr("Not saved: {error}").format(error=exc)
        self.banner.error(text)
