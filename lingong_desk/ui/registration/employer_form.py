"""Employer registration form (用工登记)."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from lingong_desk.domain.enums import EmployerKind
from lingong_desk.domain.identifiers import region_of
from lingong_desk.domain.registration import EmployerDraft
from lingong_desk.services.employers import EmployerDetail
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.widgets.form import combo_value, enum_combo, set_combo_value
from lingong_desk.ui.widgets.record_form import RecordForm

log = logging.getLogger(__name__)


class EmployerForm(RecordForm):
    saved = Signal(object)  # EmployerDetail
    post_job = Signal(object)  # employer id: publish demand for this employer

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.employers = desk.services.employers
        self.current: EmployerDetail | None = None
        g = self.grid
        self.kind = g.add("kind", self.tr("Kind"), enum_combo(EmployerKind))
        self.name = g.add("name", self.tr("Name"), QLineEdit())
        self.credit_code = g.add("credit_code", self.tr("Credit code"), QLineEdit())
        self.credit_code.setMaxLength(22)
        self.credit_code.setPlaceholderText(self.tr("18-character unified social credit code"))
        self.owner_id_number = g.add(
            "owner_id_number", self.tr("Employer's ID number"), QLineEdit()
        )
        self.owner_id_number.setMaxLength(22)
        self.contact_name = g.add("contact_name", self.tr("Contact person"), QLineEdit())
        self.contact_phone = g.add("contact_phone", self.tr("Contact mobile"), QLineEdit())
        self.contact_phone.setMaxLength(16)
        self.address = g.add("address", self.tr("Address"), QLineEdit(), 2)
        self.district = g.add(
            "district_code", self.tr("County or district"), desk.district_combo(self.tr("(other)"))
        )
        self.industry = g.add("industry", self.tr("Industry"), QLineEdit())
        self.note = g.add("note", self.tr("Note"), QLineEdit(), 2)

        self.post_button = QPushButton(self.tr("Post a job for it (Ctrl+J)"))
        self.post_button.setObjectName("post_job")
        self.post_button.setEnabled(False)
        self.save_button.setText(self.tr("Save (Enter)"))
        # the page shows this bar below the scrolling form: always in sight
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.post_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(g)
        layout.addWidget(self.buttons)
        layout.addStretch(1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.credit_code.textChanged.connect(self._code_changed)
        self.owner_id_number.textChanged.connect(self._code_changed)
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.post_button.clicked.connect(self.request_post_job)
        self.enter_saves()
        self.chain_tabs([*g.editors.values(), self.save_button, self.post_button, self.new_button])
        self._kind_changed()

    def _kind_changed(self) -> None:
        household = combo_value(self.kind) == EmployerKind.HOUSEHOLD
        for key, visible in (("credit_code", not household), ("owner_id_number", household)):
            self.grid.editors[key].setVisible(visible)
            self.grid.captions[key].setVisible(visible)
            if not visible:
                self.grid.set_error(key, "")

    def _code_changed(self, text: str) -> None:
        """A credit code or ID number names the county, unless the clerk chose one."""
        region = region_of(text)
        if region is not None and self.current is None:
            self.desk.suggest_district(self.district, region)

    def draft(self) -> EmployerDraft:
        household = combo_value(self.kind) == EmployerKind.HOUSEHOLD
        return EmployerDraft(
            kind=combo_value(self.kind) or EmployerKind.COMPANY,
            name=self.name.text(),
            credit_code="" if household else self.credit_code.text(),
            owner_id_number=self.owner_id_number.text() if household else "",
            contact_name=self.contact_name.text(),
            contact_phone=self.contact_phone.text(),
            address=self.address.text(),
            district_code=combo_value(self.district) or "",
            industry=self.industry.text(),
            note=self.note.text(),
        )

    def load(self, detail: EmployerDetail) -> None:
        self.current = detail
        d = detail.draft
        self.grid.clear_errors()
        self.banner.clear()
        set_combo_value(self.kind, d.kind)
        self.name.setText(d.name)
        self.credit_code.setText(d.credit_code)
        self.owner_id_number.setText(d.owner_id_number)
        self.contact_name.setText(d.contact_name)
        self.contact_phone.setText(d.contact_phone)
        self.address.setText(d.address)
        self.desk.show_district(self.district, d.district_code)
        self.industry.setText(d.industry)
        self.note.setText(d.note)
        self.post_button.setEnabled(True)

    def new_record(self) -> None:
        self.current = None
        self.clear_line_edits()
        set_combo_value(self.kind, EmployerKind.COMPANY)
        self.desk.reset_district(self.district)
        self.post_button.setEnabled(False)
        self.kind.setFocus()

    def save(self) -> None:
        draft = self.draft()
        employer_id = self.current.id if self.current else None
        self.submit(lambda: self.employers.save(draft, employer_id), self._saved)

    def _saved(self, detail: EmployerDetail) -> None:
        created = self.current is None
        self.load(detail)
        if created:
            self.banner.success(self.tr("{name} is registered.").format(name=detail.draft.name))
        else:
            self.banner.success(self.tr("{name} is updated.").format(name=detail.draft.name))
        self.saved.emit(detail)

    def request_post_job(self) -> None:
        if self.current is not None:
            self.post_job.emit(self.current.id)

    def focus_first(self) -> None:
        self.kind.setFocus()

    def current_id(self) -> uuid.UUID | None:
        return self.current.id if self.current else None
