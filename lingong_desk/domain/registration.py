"""What the registration window stores, and the rules a record must meet.

Drafts are plain data typed by the clerk; ``check_*`` returns every problem
at once, keyed by field name, so the form can show each beside its field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from lingong_desk.domain.charset import bad_name_characters, shown, unprintable
from lingong_desk.domain.enums import (
    EmployerKind,
    PayUnit,
    SexRequirement,
    WorkForm,
)
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.identifiers import (
    IdentifierError,
    parse_resident_id,
    validate_credit_code,
    validate_mobile,
)

C = "validation"
MIN_WORKING_AGE = 16
MAX_HEADCOUNT = 500

# Plausible pay per unit in yuan; outside these a typo is far likelier.
PAY_LIMITS: dict[PayUnit, tuple[Decimal, Decimal]] = {
    PayUnit.HOUR: (Decimal("5"), Decimal("500")),
    PayUnit.DAY: (Decimal("30"), Decimal("3000")),
    PayUnit.MONTH: (Decimal("500"), Decimal("50000")),
    PayUnit.PIECE: (Decimal("0.1"), Decimal("10000")),
}


@dataclass(frozen=True)
class FieldError:
    message: str  # English catalogue text, context "validation"
    params: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        return self.message.format(**self.params)


Problems = dict[str, FieldError]


class DraftRejected(ValueError):
    def __init__(self, problems: Problems) -> None:
        super().__init__("; ".join(f"{k}: {v.text()}" for k, v in problems.items()))
        self.problems = problems


@dataclass
class PersonDraft:
    id_number: str
    name: str
    phone: str
    education: str | None = None
    hukou_type: str | None = None
    hukou_address: str = ""
    address: str = ""
    district_code: str = ""
    category: str | None = None
    hardships: list[str] = field(default_factory=list)
    occupation_codes: list[str] = field(default_factory=list)
    work_form: str | None = None
    pay_min: Decimal | None = None
    pay_max: Decimal | None = None
    pay_unit: str = PayUnit.DAY
    available_from: dt.date | None = None
    availability_note: str = ""
    skills: str = ""
    certificates: str = ""
    status: str = "seeking"
    note: str = ""


@dataclass
class EmployerDraft:
    kind: str
    name: str
    credit_code: str = ""
    owner_id_number: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    address: str = ""
    district_code: str = ""
    industry: str = ""
    note: str = ""


@dataclass
class PostingDraft:
    employer_id: str
    title: str
    occupation_code: str
    headcount: int
    pay_min: Decimal | None
    pay_max: Decimal | None
    pay_unit: str
    work_form: str
    work_address: str
    district_code: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    age_min: int | None = None
    age_max: int | None = None
    sex: str = SexRequirement.ANY
    skill_requirements: str = ""
    meals: bool = False
    lodging: bool = False
    description: str = ""
    contact_phone: str = ""
    work_hours: str = ""  # 每天 8:00–17:00
    bring: str = ""  # what the worker brings besides the slip and the ID card


def _identifier(problems: Problems, key: str, err: IdentifierError) -> None:
    problems[key] = FieldError(err.message, {k: str(v) for k, v in err.params.items()})


def _required(problems: Problems, key: str, value: str, message: str) -> None:
    if not value.strip():
        problems[key] = FieldError(message)


def _pay(problems: Problems, lo: Decimal | None, hi: Decimal | None, unit: str) -> None:
    try:
        pay_unit = PayUnit(unit)
    except ValueError:
        problems["pay_unit"] = FieldError(
            QT_TRANSLATE_NOOP("validation", "Choose how the pay is counted.")
        )
        return
    low, high = PAY_LIMITS[pay_unit]
    for key, value in (("pay_min", lo), ("pay_max", hi)):
        if value is None:
            continue
        if value < low or value > high:
            problems[key] = FieldError(
                QT_TRANSLATE_NOOP(
                    "validation", "Pay {unit} must be between {low} and {high} yuan."
                ),
                {"unit": pay_unit.label, "low": f"{low:g}", "high": f"{high:g}"},
            )
    if lo is not None and hi is not None and lo > hi and "pay_max" not in problems:
        problems["pay_max"] = FieldError(
            QT_TRANSLATE_NOOP("validation", "The highest pay is below the lowest.")
        )


UNPRINTABLE = QT_TRANSLATE_NOOP(
    "validation", "{chars} cannot be printed: the printer's font has no such character."
)


def _printed(problems: Problems, fields: dict[str, str]) -> None:
    """Fields that are printed refuse what the print font cannot draw."""
    for key, text in fields.items():
        bad = unprintable(text)
        if bad and key not in problems:
            problems[key] = FieldError(UNPRINTABLE, {"chars": shown(bad)})


def _name(problems: Problems, name: str) -> None:
    bad = bad_name_characters(name)
    if bad and "name" not in problems:
        problems["name"] = FieldError(
            QT_TRANSLATE_NOOP(
                "validation",
                "A name holds Chinese characters and the name dot · only; {chars} cannot be used.",
            ),
            {"chars": shown(bad)},
        )


def check_person(draft: PersonDraft, today: dt.date) -> Problems:
    problems: Problems = {}
    try:
        rid = parse_resident_id(draft.id_number, today)
        if rid.age_on(today) < MIN_WORKING_AGE:
            problems["id_number"] = FieldError(
                QT_TRANSLATE_NOOP(
                    "validation", "The person is {age}; job seekers must be at least 16."
                ),
                {"age": str(rid.age_on(today))},
            )
    except IdentifierError as err:
        _identifier(problems, "id_number", err)
    _required(problems, "name", draft.name, QT_TRANSLATE_NOOP("validation", "Enter the name."))
    if draft.name.strip() and len(draft.name.strip()) > 40:
        problems["name"] = FieldError(QT_TRANSLATE_NOOP("validation", "The name is too long."))
    _name(problems, draft.name)
    _printed(problems, {"address": draft.address, "hukou_address": draft.hukou_address})
    try:
        validate_mobile(draft.phone)
    except IdentifierError as err:
        _identifier(problems, "phone", err)
    if draft.pay_min is not None or draft.pay_max is not None:
        _pay(problems, draft.pay_min, draft.pay_max, draft.pay_unit)
    if draft.work_form is not None and draft.work_form not in set(WorkForm):
        problems["work_form"] = FieldError(QT_TRANSLATE_NOOP("validation", "Choose a work form."))
    return problems


def check_employer(draft: EmployerDraft, today: dt.date | None = None) -> Problems:
    problems: Problems = {}
    try:
        kind = EmployerKind(draft.kind)
    except ValueError:
        problems["kind"] = FieldError(
            QT_TRANSLATE_NOOP("validation", "Choose the kind of employer.")
        )
        kind = EmployerKind.COMPANY
    _required(
        problems, "name", draft.name, QT_TRANSLATE_NOOP("validation", "Enter the employer's name.")
    )
    if kind is EmployerKind.HOUSEHOLD:
        try:
            parse_resident_id(draft.owner_id_number, today)
        except IdentifierError as err:
            _identifier(problems, "owner_id_number", err)
    else:
        try:
            validate_credit_code(draft.credit_code)
        except IdentifierError as err:
            _identifier(problems, "credit_code", err)
    _required(
        problems,
        "contact_name",
        draft.contact_name,
        QT_TRANSLATE_NOOP("validation", "Enter the contact person."),
    )
    try:
        validate_mobile(draft.contact_phone)
    except IdentifierError as err:
        _identifier(problems, "contact_phone", err)
    _printed(
        problems,
        {"name": draft.name, "contact_name": draft.contact_name, "address": draft.address},
    )
    return problems


def check_posting(draft: PostingDraft, today: dt.date) -> Problems:
    problems: Problems = {}
    if not draft.employer_id:
        problems["employer_id"] = FieldError(
            QT_TRANSLATE_NOOP("validation", "Choose the employer.")
        )
    _required(
        problems, "title", draft.title, QT_TRANSLATE_NOOP("validation", "Enter the job title.")
    )
    if not draft.occupation_code:
        problems["occupation_code"] = FieldError(
            QT_TRANSLATE_NOOP("validation", "Choose the job type.")
        )
    if draft.headcount < 1 or draft.headcount > MAX_HEADCOUNT:
        problems["headcount"] = FieldError(
            QT_TRANSLATE_NOOP("validation", "Headcount must be between 1 and {max}."),
            {"max": str(MAX_HEADCOUNT)},
        )
    if draft.pay_min is None and draft.pay_max is None:
        problems["pay_min"] = FieldError(QT_TRANSLATE_NOOP("validation", "Enter the pay."))
    else:
        _pay(problems, draft.pay_min, draft.pay_max, draft.pay_unit)
    if draft.work_form not in set(WorkForm):
        problems["work_form"] = FieldError(QT_TRANSLATE_NOOP("validation", "Choose a work form."))
    _required(
        problems,
        "work_address",
        draft.work_address,
        QT_TRANSLATE_NOOP("validation", "Enter where the work is."),
    )
    if draft.start_date and draft.end_date and draft.end_date < draft.start_date:
        problems["end_date"] = FieldError(
            QT_TRANSLATE_NOOP("validation", "The end date is before the start date.")
        )
    if draft.end_date and draft.end_date < today:
        problems["end_date"] = FieldError(
            QT_TRANSLATE_NOOP("validation", "The end date has already passed.")
        )
    for key, age in (("age_min", draft.age_min), ("age_max", draft.age_max)):
        if age is not None and not MIN_WORKING_AGE <= age <= 80:
            problems[key] = FieldError(
                QT_TRANSLATE_NOOP("validation", "Age must be between 16 and 80.")
            )
    if (
        draft.age_min is not None
        and draft.age_max is not None
        and draft.age_min > draft.age_max
        and "age_max" not in problems
    ):
        problems["age_max"] = FieldError(
            QT_TRANSLATE_NOOP("validation", "The highest age is below the lowest.")
        )
    if draft.sex not in set(SexRequirement):
        problems["sex"] = FieldError(QT_TRANSLATE_NOOP("validation", "Choose who may apply."))
    if draft.contact_phone.strip():
        try:
            validate_mobile(draft.contact_phone)
        except IdentifierError as err:
            _identifier(problems, "contact_phone", err)
    _printed(
        problems,
        {
            "title": draft.title,
            "work_address": draft.work_address,
            "work_hours": draft.work_hours,
            "bring": draft.bring,
        },
    )
    for key, text, limit in (("work_hours", draft.work_hours, 100), ("bring", draft.bring, 200)):
        if len(text.strip()) > limit:
            problems[key] = FieldError(
                QT_TRANSLATE_NOOP("validation", "At most {max} characters."), {"max": str(limit)}
            )
    return problems
