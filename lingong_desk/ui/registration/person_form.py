"""Job-seeker registration form (求职登记)."""

from __future__ import annotations

import logging
from collections.abc import Collection

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.enums import (
    Education,
    HardshipCategory,
    HukouType,
    PayUnit,
    PersonCategory,
    PersonStatus,
    Sex,
    WorkForm,
)
from lingong_desk.domain.identifiers import (
    IdentifierError,
    normalise_resident_id,
    parse_resident_id,
)
from lingong_desk.domain.registration import PersonDraft
from lingong_desk.services.people import PersonDetail, SavedPerson
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import tr_enum, tr_text
from lingong_desk.ui.widgets.form import (
    ParseError,
    combo_value,
    decimal_text,
    enum_combo,
    parse_date,
    parse_decimal,
    set_combo_value,
)
from lingong_desk.ui.widgets.masked import MASKS, MaskedFields
from lingong_desk.ui.widgets.occupation import OccupationListPicker
from lingong_desk.ui.widgets.record_form import RecordForm

log = logging.getLogger(__name__)


class PersonForm(RecordForm):
    saved = Signal(object)  # PersonDetail

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.people = desk.services.people
        self.current: PersonDetail | None = None
        self._lookup_for = ""

        g = self.grid
        self.id_number = g.add("id_number", self.tr("ID number"), QLineEdit())
        self.id_number.setMaxLength(22)
        self.id_number.setPlaceholderText(
            self.tr("18 characters; sex, birth date, native place follow")
        )
        self.name = g.add("name", self.tr("Name"), QLineEdit())
        self.derived = QLabel()
        self.derived.setObjectName("derived")
        self.derived.setStyleSheet("color: #1a5fb4;")
        self.derived.setWordWrap(True)  # wraps beside the "Show …" buttons of an open record
        # a stored record shows its ID number and mobile masked (PIPL); showing
        # one in full asks for the reason and is audited
        phone = QLineEdit()
        self.masks = MaskedFields({"id_number": self.id_number, "phone": phone}, self)
        g.add_widget(self.masks.add_to_row(self.derived))
        self.phone = g.add("phone", self.tr("Mobile"), phone)
        self.phone.setMaxLength(16)
        self.education = g.add(
            "education", self.tr("Education"), enum_combo(Education, self.tr("(not given)"))
        )
        self.hukou_type = g.add(
            "hukou_type", self.tr("Household type"), enum_combo(HukouType, self.tr("(not given)"))
        )
        self.category = g.add(
            "category",
            self.tr("Person category"),
            enum_combo(PersonCategory, self.tr("(not given)")),
        )
        self.hukou_address = g.add("hukou_address", self.tr("Registered address"), QLineEdit(), 2)
        self.address = g.add("address", self.tr("Current address"), QLineEdit(), 2)
        self.district = g.add(
            "district_code", self.tr("Lives in"), desk.district_combo(self.tr("(other)"))
        )
        self.status = g.add("status", self.tr("Status"), enum_combo(PersonStatus))
        hard = QWidget()
        hard_layout = QGridLayout(hard)
        hard_layout.setContentsMargins(0, 0, 0, 0)
        self.hardships: dict[str, QCheckBox] = {}
        for i, member in enumerate(HardshipCategory):
            box = QCheckBox(tr_enum(member))
            self.hardships[member.value] = box
            hard_layout.addWidget(box, i // 2, i % 2)
        g.add("hardships", self.tr("Employment difficulty"), hard, 2)
        self.occupations = g.add(
            "occupation_codes",
            self.tr("Wanted job types"),
            OccupationListPicker(desk.services.ctx.catalogue),
            2,
        )
        self.work_form = g.add(
            "work_form", self.tr("Work form"), enum_combo(WorkForm, self.tr("(any)"))
        )
        self.pay_unit = g.add("pay_unit", self.tr("Pay counted"), enum_combo(PayUnit))
        set_combo_value(self.pay_unit, PayUnit.DAY)
        self.pay_min = g.add("pay_min", self.tr("Expected pay from"), QLineEdit())
        self.pay_max = g.add("pay_max", self.tr("Expected pay to"), QLineEdit())
        self.available_from = g.add("available_from", self.tr("Available from"), QLineEdit())
        self.available_from.setPlaceholderText("2026-12-01")
        self.availability_note = g.add("availability_note", self.tr("Available times"), QLineEdit())
        self.skills = g.add("skills", self.tr("Skills"), QLineEdit(), 2)
        self.certificates = g.add("certificates", self.tr("Certificates"), QLineEdit(), 2)
        self.note = g.add("note", self.tr("Note"), QLineEdit(), 2)

        self.save_button.setText(self.tr("Save (Enter)"))
        self.save_button.setDefault(True)
        # the page shows this bar below the scrolling form: always in sight
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(g)
        layout.addWidget(self.buttons)
        layout.addStretch(1)

        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.enter_saves()
        self.occupations.line.submit_empty.connect(self.save)
        self.id_number.textChanged.connect(self._id_changed)
        self.masks.reveal_requested.connect(self.ask_reveal)
        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(120)
        self._lookup_timer.timeout.connect(self._lookup)
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = []
        for key, editor in self.grid.editors.items():
            if key == "hardships":
                chain.extend(self.hardships.values())
            elif key == "occupation_codes":
                chain.extend([self.occupations.line, self.occupations.list])
            else:
                chain.append(editor)
        chain += [self.save_button, self.new_button]
        self.chain_tabs(chain)

    # ---- ID number: derived fields and the existing record ------------
    def _id_changed(self, text: str) -> None:
        number = normalise_resident_id(text)
        self.grid.set_error("id_number", "")
        if len(number) < 18:
            self.derived.setText("")
            return
        try:
            rid = parse_resident_id(number, self.desk.services.ctx.today())
        except IdentifierError as err:
            self.derived.setText("")
            self.grid.set_error("id_number", tr_text(err.message, **err.params))
            return
        age = rid.age_on(self.desk.services.ctx.today())
        self.derived.setText(
            self.tr("{sex} · born {birth} · {age} years · native place {place}").format(
                sex=tr_enum(Sex(rid.sex)),
                birth=rid.birth_date.isoformat(),
                age=age,
                place=rid.region_name,
            )
        )
        if self.current is None:
            self.desk.suggest_district(self.district, rid.number[:6])
        if self.current is None or self.current.draft.id_number != rid.number:
            self._lookup_for = rid.number
            self._lookup_timer.start()

    def _lookup(self) -> None:
        number = self._lookup_for
        self.desk.worker.submit(
            lambda: self.people.find_by_id_number(number),
            lambda found: self._found(number, found),
            self.failed,
        )

    def _found(self, number: str, found: PersonDetail | None) -> None:
        if found is None or normalise_resident_id(self.id_number.text()) != number:
            return
        if self.current is not None and self.current.id == found.id:
            return  # already showing this person (just saved, say)
        typed = self.draft_or_none()
        self.load(found, ("id_number",))  # the clerk has just typed it
        if typed is not None and self._has_typed_details(typed):
            self._overlay(typed)
            self.banner.info(
                self.tr(
                    "This ID number is already registered ({name}). The record is open for "
                    "update; what you typed is kept. Save to update it."
                ).format(name=found.draft.name)
            )
        else:
            self.banner.info(
                self.tr(
                    "This ID number is already registered ({name}). The record is open for update."
                ).format(name=found.draft.name)
            )

    @staticmethod
    def _has_typed_details(d: PersonDraft) -> bool:
        return any(
            [
                d.name,
                d.phone,
                d.address,
                d.hukou_address,
                d.skills,
                d.certificates,
                d.note,
                d.occupation_codes,
                d.hardships,
                d.pay_min,
                d.pay_max,
            ]
        )

    def _overlay(self, typed: PersonDraft) -> None:
        for key in (
            "name",
            "phone",
            "address",
            "hukou_address",
            "skills",
            "certificates",
            "note",
            "availability_note",
        ):
            value = getattr(typed, key)
            if value and key in MASKS:
                self.masks.put(key, value, shown=True)  # typed: the clerk knows it
            elif value:
                editor = self.grid.editors[key]
                assert isinstance(editor, QLineEdit)
                editor.setText(value)
        if typed.occupation_codes:
            self.occupations.set_codes(typed.occupation_codes)
        for code in typed.hardships:
            self.hardships[code].setChecked(True)
        if typed.pay_min is not None:
            self.pay_min.setText(decimal_text(typed.pay_min))
        if typed.pay_max is not None:
            self.pay_max.setText(decimal_text(typed.pay_max))

    # ---- reading and writing the form ---------------------------------
    def draft_or_none(self) -> PersonDraft | None:
        try:
            return self.draft()
        except ParseError:
            return None

    def draft(self) -> PersonDraft:
        """The typed values; raises ParseError naming a field that is not a number/date."""
        return PersonDraft(
            id_number=self.masks.value("id_number"),
            name=self.name.text(),
            phone=self.masks.value("phone"),
            education=combo_value(self.education),
            hukou_type=combo_value(self.hukou_type),
            hukou_address=self.hukou_address.text(),
            address=self.address.text(),
            district_code=combo_value(self.district) or "",
            category=combo_value(self.category),
            hardships=[code for code, box in self.hardships.items() if box.isChecked()],
            occupation_codes=self.occupations.codes(),
            work_form=combo_value(self.work_form),
            pay_min=parse_decimal(self.pay_min),
            pay_max=parse_decimal(self.pay_max),
            pay_unit=combo_value(self.pay_unit) or PayUnit.DAY,
            available_from=parse_date(self.available_from),
            availability_note=self.availability_note.text(),
            skills=self.skills.text(),
            certificates=self.certificates.text(),
            status=combo_value(self.status) or PersonStatus.SEEKING,
            note=self.note.text(),
        )

    def ask_reveal(self, key: str) -> None:
        """Show one field in full: the reason is asked for and audited."""
        current = self.current
        if current is None or key not in self.masks.masked:
            return
        reason = self.masks.ask_reason(self, current.draft.name, key)
        if reason is None:
            return
        if not reason.strip():
            self.banner.error(self.tr("Not shown: give the reason."))
            return

        def shown(full: str) -> None:
            if self.current is current:
                self.masks.put(key, full, shown=True)
                self.banner.info(self.tr("Shown in full; this is recorded in the audit trail."))

        self.desk.worker.submit(
            lambda: self.people.reveal(current.id, key, reason), shown, self.failed
        )

    def load(self, detail: PersonDetail, shown: Collection[str] = ()) -> None:
        """Show a stored record; ``shown`` names the masked fields shown in full
        (those the clerk typed, or had unmasked)."""
        self.current = detail
        d = detail.draft
        self.grid.clear_errors()
        self.banner.clear()
        self.masks.has_record = True
        self.masks.put("id_number", d.id_number, "id_number" in shown)
        self._id_changed(d.id_number)
        self.name.setText(d.name)
        self.masks.put("phone", d.phone, "phone" in shown)
        set_combo_value(self.education, d.education)
        set_combo_value(self.hukou_type, d.hukou_type)
        set_combo_value(self.category, d.category)
        self.hukou_address.setText(d.hukou_address)
        self.address.setText(d.address)
        self.desk.show_district(self.district, d.district_code)
        set_combo_value(self.status, d.status)
        for code, box in self.hardships.items():
            box.setChecked(code in d.hardships)
        self.occupations.set_codes(d.occupation_codes)
        set_combo_value(self.work_form, d.work_form)
        set_combo_value(self.pay_unit, d.pay_unit)
        self.pay_min.setText(decimal_text(d.pay_min))
        self.pay_max.setText(decimal_text(d.pay_max))
        self.available_from.setText(d.available_from.isoformat() if d.available_from else "")
        self.availability_note.setText(d.availability_note)
        self.skills.setText(d.skills)
        self.certificates.setText(d.certificates)
        self.note.setText(d.note)

    def new_record(self) -> None:
        self.current = None
        self.masks.clear()
        self.grid.clear_errors()
        self.banner.clear()
        for editor in self.grid.editors.values():
            if isinstance(editor, QLineEdit):
                editor.clear()
        for combo_key in (
            "education",
            "hukou_type",
            "category",
            "district_code",
            "status",
            "work_form",
        ):
            set_combo_value(self.grid.editors[combo_key], None)  # type: ignore[arg-type]
        self.desk.reset_district(self.district)
        set_combo_value(self.status, PersonStatus.SEEKING)
        set_combo_value(self.pay_unit, PayUnit.DAY)
        for box in self.hardships.values():
            box.setChecked(False)
        self.occupations.set_codes([])
        self.derived.setText("")
        self.id_number.setFocus()

    def save(self) -> None:
        self.grid.clear_errors()
        try:
            draft = self.draft()
        except ParseError as err:
            self.bad_number(err)
            return
        self.submit(lambda: self.people.save(draft), self._saved)

    def _saved(self, result: SavedPerson) -> None:
        # a new registration was typed whole; an update keeps what was shown
        self.load(result.detail, MASKS if result.created else self.masks.shown_in_full())
        name = result.detail.draft.name
        if result.created:
            self.banner.success(self.tr("{name} is registered as a job seeker.").format(name=name))
        else:
            self.banner.success(self.tr("{name}'s registration is updated.").format(name=name))
        self.saved.emit(result.detail)

    def focus_first(self) -> None:
        self.id_number.setFocus()
        self.id_number.setCursorPosition(len(self.id_number.text()))
