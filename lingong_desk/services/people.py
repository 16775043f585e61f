"""Job-seeker registration (求职登记): register, update, find, list."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lingong_desk.db import search
from lingong_desk.db.models import Clerk, Person, PersonOccupation
from lingong_desk.db.search import PersonFilters as PersonFilters
from lingong_desk.db.search import derived_columns
from lingong_desk.domain.calendar import age_on
from lingong_desk.domain.enums import PersonStatus
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.identifiers import (
    normalise_mobile,
    normalise_resident_id,
    parse_resident_id,
)
from lingong_desk.domain.ids import person_id, person_occupation_id
from lingong_desk.domain.masking import mask_id_number, mask_phone
from lingong_desk.domain.registration import DraftRejected, FieldError, PersonDraft, check_person
from lingong_desk.services.context import ServiceContext

# what a clerk may unmask on screen, one person and one field at a time
REVEALABLE = ("id_number", "phone")


@dataclass(frozen=True)
class PersonRow:
    id: uuid.UUID
    name: str
    sex: str
    age: int
    id_masked: str
    phone_masked: str
    occupations: str
    work_form: str | None
    pay: str
    status: str
    registered_on: dt.date


@dataclass(frozen=True)
class PersonDetail:
    id: uuid.UUID
    draft: PersonDraft
    sex: str
    birth_date: dt.date
    age: int
    native_place: str
    registered_at: dt.datetime
    registered_by: str
    market_code: str


@dataclass(frozen=True)
class SavedPerson:
    detail: PersonDetail
    created: bool


def pay_text(lo: Decimal | None, hi: Decimal | None) -> str:
    def f(v: Decimal) -> str:
        return f"{v:f}".rstrip("0").rstrip(".") if "." in f"{v:f}" else f"{v:f}"

    if lo is None and hi is None:
        return ""
    if lo is not None and hi is not None and lo != hi:
        return f"{f(lo)}-{f(hi)}"
    value = lo if lo is not None else hi
    assert value is not None
    return f(value)


class PeopleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ---- queries -------------------------------------------------------
    def search(
        self, query: str, filters: PersonFilters | None = None, limit: int = 500
    ) -> list[uuid.UUID]:
        with self.ctx.reading() as s:
            return search.search_people(s, query, filters, limit)

    def rows(self, ids: Sequence[uuid.UUID]) -> list[PersonRow]:
        if not ids:
            return []
        today = self.ctx.today()
        with self.ctx.reading() as s:
            people = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(ids)))}
            return [self._row(people[i], today) for i in ids if i in people]

    def _row(self, p: Person, today: dt.date) -> PersonRow:
        occs = "、".join(
            self.ctx.catalogue.name(o.occupation_code)
            for o in p.occupations
            if o.deleted_at is None
        )
        return PersonRow(
            id=p.id,
            name=p.name,
            sex=p.sex,
            age=age_on(p.birth_date, today),
            id_masked=mask_id_number(p.id_number),
            phone_masked=mask_phone(p.phone),
            occupations=occs,
            work_form=p.work_form,
            pay=pay_text(p.pay_min, p.pay_max),
            status=p.status,
            registered_on=p.registered_at.date(),
        )

    def reveal(self, person_id: uuid.UUID, field: str, reason: str) -> str:
        """The full ID number or phone of one person, for the screen; the reason is
        required and the unmasking is audited (PIPL: who saw what, and why)."""
        if field not in REVEALABLE:
            raise ValueError(f"not a maskable field: {field}")
        if not reason.strip():
            raise DraftRejected(
                {"reason": FieldError(QT_TRANSLATE_NOOP("validation", "Give the reason."))}
            )
        with self.ctx.session() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise DraftRejected(
                    {"reason": FieldError(QT_TRANSLATE_NOOP("validation", "No such person."))}
                )
            value = str(getattr(person, field))
            self.ctx.audit(
                s, "person.unmask", "person", person.id, field=field, reason=reason.strip()
            )
            return value

    def find_by_id_number(self, text: str) -> PersonDetail | None:
        number = normalise_resident_id(text)
        with self.ctx.reading() as s:
            person = s.scalar(
                select(Person).where(Person.id_number == number, Person.deleted_at.is_(None))
            )
            return self._detail(s, person) if person else None

    def detail(self, person_id: uuid.UUID) -> PersonDetail | None:
        with self.ctx.reading() as s:
            person = s.get(Person, person_id)
            return self._detail(s, person) if person else None

    def _detail(self, s: Session, p: Person) -> PersonDetail:
        clerk = s.get(Clerk, p.created_by) if p.created_by else None
        today = self.ctx.today()
        draft = PersonDraft(
            id_number=p.id_number,
            name=p.name,
            phone=p.phone,
            education=p.education,
            hukou_type=p.hukou_type,
            hukou_address=p.hukou_address,
            address=p.address,
            district_code=p.district_code,
            category=p.category,
            hardships=list(p.hardships),
            occupation_codes=[o.occupation_code for o in p.occupations if o.deleted_at is None],
            work_form=p.work_form,
            pay_min=p.pay_min,
            pay_max=p.pay_max,
            pay_unit=p.pay_unit,
            available_from=p.available_from,
            availability_note=p.availability_note,
            skills=p.skills,
            certificates=p.certificates,
            status=p.status,
            note=p.note,
        )
        return PersonDetail(
            id=p.id,
            draft=draft,
            sex=p.sex,
            birth_date=p.birth_date,
            age=self._row(p, today).age,
            native_place=p.native_place,
            registered_at=p.registered_at,
            registered_by=clerk.name if clerk else "",
            market_code=p.market_code,
        )

    def count(self) -> int:
        with self.ctx.reading() as s:
            return int(
                s.scalar(
                    select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))
                )
                or 0
            )

    def any_registered(self) -> bool:
        with self.ctx.reading() as s:
            return s.scalar(select(Person.id).limit(1)) is not None

    # ---- commands ------------------------------------------------------
    def save(self, draft: PersonDraft) -> SavedPerson:
        """Register a job seeker, or update the one already holding this ID number."""
        today = self.ctx.today()
        problems = check_person(draft, today)
        if problems:
            raise DraftRejected(problems)
        rid = parse_resident_id(draft.id_number, today)
        unknown = [c for c in draft.occupation_codes if self.ctx.catalogue.get(c) is None]
        if unknown:
            raise ValueError(f"unknown occupation codes {unknown}")
        now = self.ctx.now()
        with self.ctx.session() as s:
            person = s.scalar(select(Person).where(Person.id_number == rid.number))
            created = person is None
            if person is None:
                person = Person(
                    id=person_id(rid.number),
                    id_number=rid.number,
                    registered_at=now,
                    pay_unit="day",
                    status="seeking",
                    hardships=[],
                    address="",
                    hukou_address="",
                    district_code="",
                    availability_note="",
                    skills="",
                    certificates="",
                    note="",
                )
                s.add(person)
            before = None if created else person.status
            person.deleted_at = None
            self._apply(person, draft, rid.birth_date, rid.sex, rid.region_code, rid.region_name)
            person.last_active_at = now
            self._set_occupations(s, person, draft.occupation_codes)
            s.flush()
            self.ctx.audit(
                s, "person.register" if created else "person.update", "person", person.id
            )
            if person.status != (PersonStatus.SEEKING if created else before):
                # what statistics judge "seeking work at the end" from (db/stats.py): a
                # registration is seeking unless a status event of the same moment says not
                self.ctx.audit(s, "person.status", "person", person.id, status=person.status)
            s.flush()
            s.refresh(person)
            return SavedPerson(self._detail(s, person), created)

    def _apply(
        self, p: Person, d: PersonDraft, birth: dt.date, sex: str, region: str, place: str
    ) -> None:
        name = d.name.strip()
        phone = normalise_mobile(d.phone)
        values = {
            "name": name,
            "sex": sex,
            "birth_date": birth,
            "native_region_code": region,
            "native_place": place,
            "phone": phone,
            "address": d.address.strip(),
            "district_code": d.district_code,
            "hukou_type": d.hukou_type,
            "hukou_address": d.hukou_address.strip(),
            "education": d.education,
            "category": d.category,
            "hardships": sorted(d.hardships),
            "work_form": d.work_form,
            "pay_min": d.pay_min,
            "pay_max": d.pay_max,
            "pay_unit": d.pay_unit,
            "available_from": d.available_from,
            "availability_note": d.availability_note.strip(),
            "skills": d.skills.strip(),
            "certificates": d.certificates.strip(),
            "status": d.status,
            "note": d.note.strip(),
        }
        values.update(derived_columns("person", {**values, "id_number": p.id_number}))
        for key, value in values.items():
            if getattr(p, key, None) != value:
                setattr(p, key, value)

    def _set_occupations(self, s: Session, p: Person, codes: list[str]) -> None:
        existing = {
            o.occupation_code: o
            for o in s.scalars(select(PersonOccupation).where(PersonOccupation.person_id == p.id))
        }
        for rank, code in enumerate(dict.fromkeys(codes)):
            row = existing.pop(code, None)
            if row is None:
                s.add(
                    PersonOccupation(
                        id=person_occupation_id(p.id, code),
                        person_id=p.id,
                        occupation_code=code,
                        rank=rank,
                    )
                )
            else:
                if row.deleted_at is not None:
                    row.deleted_at = None
                if row.rank != rank:
                    row.rank = rank
        for row in existing.values():
            if row.deleted_at is None:
                row.deleted_at = self.ctx.now()
