"""The registration window: job seekers, employers, labour demand."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from lingong_desk.ui.desk import Desk
from lingong_desk.ui.registration.pages import (
    ListFormPage,
    employer_page,
    person_page,
    posting_page,
)


class RegistrationWindow(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.tabs = QTabWidget()
        self.tabs.setObjectName("registration_tabs")
        self.people: ListFormPage = person_page(desk)
        self.employers: ListFormPage = employer_page(desk)
        self.postings: ListFormPage = posting_page(desk)
        self.tabs.addTab(self.people, self.tr("Job seekers (Ctrl+1)"))
        self.tabs.addTab(self.employers, self.tr("Employers (Ctrl+2)"))
        self.tabs.addTab(self.postings, self.tr("Labour demand (Ctrl+3)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        # Ctrl+1…3 (the pages) are the main window's keys: see MainWindow.show_page
        post = QShortcut(QKeySequence("Ctrl+J"), self.employers)
        post.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        post.activated.connect(self.employers.form.request_post_job)
        self.employers.form.post_job.connect(self._post_for_employer)
        self.tabs.currentChanged.connect(lambda _i: self._focus_current())

    def show_page(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self._focus_current()

    def focus_entry(self) -> None:
        self._focus_current()

    def _focus_current(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, ListFormPage):
            page.form.focus_first()

    def _post_for_employer(self, employer_id: uuid.UUID) -> None:
        detail = self.employers.form.current
        name = detail.draft.name if detail else ""
        self.tabs.setCurrentWidget(self.postings)
        self.postings.form.new_record((employer_id, name))

    def pages(self) -> list[ListFormPage]:
        return [self.people, self.employers, self.postings]

    def load_lists(self) -> None:
        for page in self.pages():
            page.panel.refresh()
