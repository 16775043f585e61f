"""Labour-demand posting form (发布用工信息)."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.enums import PayUnit, PostingStatus, SexRequirement, WorkForm
from lingong_desk.domain.registration import PostingDraft
from lingong_desk.services.employers import EmployerDetail, PostingDetail
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import tr_enum
from lingong_desk.ui.widgets.employer_picker import EmployerPicker
from lingong_desk.ui.widgets.form import (
    ParseError,
    combo_value,
    decimal_text,
    enum_combo,
    parse_date,
    parse_decimal,
    parse_int,
    set_combo_value,
)
from lingong_desk.ui.widgets.occupation import OccupationPicker
from lingong_desk.ui.widgets.record_form import RecordForm

log = logging.getLogger(__name__)


class PostingForm(RecordForm):
    saved = Signal(object)  # PostingDetail

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.employers = desk.services.employers
        self.current: PostingDetail | None = None

        g = self.grid
        self.employer = g.add(
            "employer_id", self.tr("Employer"), EmployerPicker(desk.worker, self.employers), 2
        )
        self.employer.line.setPlaceholderText(self.tr("Type the employer's name or initials"))
        self.title = g.add("title", self.tr("Job title"), QLineEdit())
        self.occupation = g.add(
            "occupation_code", self.tr("Job type"), OccupationPicker(desk.services.ctx.catalogue)
        )
        self.headcount = g.add("headcount", self.tr("Headcount"), QLineEdit())
        self.work_form = g.add("work_form", self.tr("Work form"), enum_combo(WorkForm))
        self.pay_min = g.add("pay_min", self.tr("Pay from"), QLineEdit())
        self.pay_max = g.add("pay_max", self.tr("Pay to"), QLineEdit())
        self.pay_unit = g.add("pay_unit", self.tr("Pay counted"), enum_combo(PayUnit))
        self.sex = g.add("sex", self.tr("Who may apply"), enum_combo(SexRequirement))
        self.age_min = g.add("age_min", self.tr("Age from"), QLineEdit())
        self.age_max = g.add("age_max", self.tr("Age to"), QLineEdit())
        self.work_address = g.add("work_address", self.tr("Work place"), QLineEdit(), 2)
        self.district = g.add(
            "district_code", self.tr("County or district"), desk.district_combo(self.tr("(other)"))
        )
        self.contact_phone = g.add("contact_phone", self.tr("Contact mobile"), QLineEdit())
        self.start_date = g.add("start_date", self.tr("Starts on"), QLineEdit())
        self.end_date = g.add("end_date", self.tr("Ends on"), QLineEdit())
        for edit in (self.start_date, self.end_date):
            edit.setPlaceholderText("2026-12-01")
        # printed on the slip: what a day worker needs to know before setting out
        self.work_hours = g.add("work_hours", self.tr("Working hours"), QLineEdit())
        self.work_hours.setPlaceholderText(self.tr("e.g. 8:00-17:00 daily"))
        self.work_hours.setMaxLength(100)
        self.bring = g.add("bring", self.tr("Bring"), QLineEdit())
        self.bring.setPlaceholderText(self.tr("besides the slip and ID card: gloves..."))
        self.bring.setMaxLength(200)
        self.skill_requirements = g.add(
            "skill_requirements", self.tr("Skills required"), QLineEdit(), 2
        )
        perks = QWidget()
        perks_layout = QHBoxLayout(perks)
        perks_layout.setContentsMargins(0, 0, 0, 0)
        self.meals = QCheckBox(self.tr("Meals provided"))
        self.lodging = QCheckBox(self.tr("Lodging provided"))
        perks_layout.addWidget(self.meals)
        perks_layout.addWidget(self.lodging)
        perks_layout.addStretch(1)
        g.add("perks", self.tr("Provided"), perks, 2)
        self.description = g.add("description", self.tr("Description"), QPlainTextEdit(), 2)
        self.description.setFixedHeight(60)
        self.description.setTabChangesFocus(True)
        self.state = QLabel()
        self.state.setObjectName("posting_state")

        self.close_button = QPushButton(self.tr("Close posting"))
        self.close_button.setObjectName("close_posting")
        self.close_button.setEnabled(False)
        self.save_button.setText(self.tr("Publish (Enter)"))
        # the page shows this bar below the scrolling form: always in sight
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.state)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(g)
        layout.addWidget(self.buttons)
        layout.addStretch(1)

        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close_posting)
        self.enter_saves()
        self.employer.submit_empty.connect(self.save)
        self.occupation.line.submit_empty.connect(self.save)
        self.occupation.changed.connect(self._suggest_title)
        # a new posting offers the chosen employer's address and contact mobile;
        # what the clerk typed over them stays when another employer is chosen
        self._offered: dict[QLineEdit, str] = {}
        self.employer.changed.connect(self._offer_employer_contact)
        chain: list[QWidget] = []
        for key, editor in g.editors.items():
            if key == "employer_id":
                chain.append(self.employer.line)
            elif key == "occupation_code":
                chain.append(self.occupation.line)
            elif key == "perks":
                chain += [self.meals, self.lodging]
            else:
                chain.append(editor)
        chain += [self.save_button, self.close_button, self.new_button]
        self.chain_tabs(chain)
        self.new_record()

    def _offer_employer_contact(self) -> None:
        employer_id = self.employer.employer_id()
        if employer_id is None or self.current is not None:
            return  # an open posting keeps what it holds
        employers = self.employers

        def offer(detail: EmployerDetail | None) -> None:
            if detail is None or self.current is not None:
                return
            if self.employer.employer_id() != employer_id:
                return  # another employer was chosen meanwhile
            for edit, value in (
                (self.work_address, detail.draft.address),
                (self.contact_phone, detail.draft.contact_phone),
            ):
                typed = edit.text()
                if not typed.strip() or typed == self._offered.get(edit):
                    edit.setText(value)
                    self._offered[edit] = value

        self.desk.worker.submit(lambda: employers.detail(employer_id), offer)

    def _suggest_title(self) -> None:
        code = self.occupation.code()
        if code and not self.title.text().strip():
            self.title.setText(self.desk.services.ctx.catalogue.name(code))

    def draft(self) -> PostingDraft:
        employer_id = self.employer.employer_id()
        headcount = parse_int(self.headcount)
        return PostingDraft(
            employer_id=str(employer_id) if employer_id else "",
            title=self.title.text(),
            occupation_code=self.occupation.code(),
            headcount=headcount if headcount is not None else 0,
            pay_min=parse_decimal(self.pay_min),
            pay_max=parse_decimal(self.pay_max),
            pay_unit=combo_value(self.pay_unit) or PayUnit.DAY,
            work_form=combo_value(self.work_form) or WorkForm.DAY_WORK,
            work_address=self.work_address.text(),
            district_code=combo_value(self.district) or "",
            start_date=parse_date(self.start_date),
            end_date=parse_date(self.end_date),
            age_min=parse_int(self.age_min),
            age_max=parse_int(self.age_max),
            sex=combo_value(self.sex) or SexRequirement.ANY,
            skill_requirements=self.skill_requirements.text(),
            meals=self.meals.isChecked(),
            lodging=self.lodging.isChecked(),
            work_hours=self.work_hours.text(),
            bring=self.bring.text(),
            description=self.description.toPlainText(),
            contact_phone=self.contact_phone.text(),
        )

    def load(self, detail: PostingDetail) -> None:
        self.current = detail
        d = detail.draft
        self.grid.clear_errors()
        self.banner.clear()
        self.employer.set_employer(uuid.UUID(d.employer_id), detail.employer_name)
        self.title.setText(d.title)
        self.occupation.set_code(d.occupation_code)
        self.headcount.setText(str(d.headcount))
        set_combo_value(self.work_form, d.work_form)
        self.pay_min.setText(decimal_text(d.pay_min))
        self.pay_max.setText(decimal_text(d.pay_max))
        set_combo_value(self.pay_unit, d.pay_unit)
        set_combo_value(self.sex, d.sex)
        self.age_min.setText("" if d.age_min is None else str(d.age_min))
        self.age_max.setText("" if d.age_max is None else str(d.age_max))
        self.work_address.setText(d.work_address)
        self.desk.show_district(self.district, d.district_code)
        self.contact_phone.setText(d.contact_phone)
        self.start_date.setText(d.start_date.isoformat() if d.start_date else "")
        self.end_date.setText(d.end_date.isoformat() if d.end_date else "")
        self.skill_requirements.setText(d.skill_requirements)
        self.meals.setChecked(d.meals)
        self.lodging.setChecked(d.lodging)
        self.work_hours.setText(d.work_hours)
        self.bring.setText(d.bring)
        self.description.setPlainText(d.description)
        self._show_state(detail)

    def _show_state(self, detail: PostingDetail) -> None:
        self.state.setText(
            self.tr("{status} · {filled} of {headcount} hired").format(
                status=tr_enum(detail.status, PostingStatus),
                filled=detail.filled,
                headcount=detail.draft.headcount,
            )
        )
        self.close_button.setEnabled(detail.status == PostingStatus.OPEN)

    def new_record(self, employer: tuple[uuid.UUID, str] | None = None) -> None:
        self.current = None
        self.grid.clear_errors()
        self.banner.clear()
        self._offered.clear()
        for editor in self.grid.editors.values():
            if isinstance(editor, QLineEdit):
                editor.clear()
        self.description.clear()
        self.employer.set_employer(*(employer or (None, "")))
        self.occupation.set_code("")
        self.headcount.setText("1")
        set_combo_value(self.work_form, WorkForm.DAY_WORK)
        set_combo_value(self.pay_unit, PayUnit.DAY)
        set_combo_value(self.sex, SexRequirement.ANY)
        self.desk.reset_district(self.district)
        self.meals.setChecked(False)
        self.lodging.setChecked(False)
        self.state.setText(self.tr("New posting"))
        self.close_button.setEnabled(False)
        (self.title if employer else self.employer).setFocus()

    def save(self) -> None:
        self.grid.clear_errors()
        try:
            draft = self.draft()
        except ParseError as err:
            self.bad_number(err)
            return
        posting_id = self.current.id if self.current else None
        self.submit(lambda: self.employers.publish(draft, posting_id), self._saved)

    def _saved(self, detail: PostingDetail) -> None:
        created = self.current is None
        self.load(detail)
        text = (
            self.tr("The posting {title} is published.")
            if created
            else self.tr("The posting {title} is updated.")
        )
        self.banner.success(text.format(title=detail.draft.title))
        self.saved.emit(detail)

    def close_posting(self) -> None:
        if self.current is None:
            return
        posting_id = self.current.id
        self.desk.worker.submit(
            lambda: self.employers.close_posting(posting_id), self._closed, self.failed
        )

    def _closed(self, detail: PostingDetail) -> None:
        self.load(detail)
        self.banner.success(
            self.tr("The posting {title} is closed.").format(title=detail.draft.title)
        )

    def focus_first(self) -> None:
        self.employer.setFocus()
