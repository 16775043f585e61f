"""Employer registration (用工登记) and labour-demand postings (发布用工信息)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from lingong_desk.db import search
from lingong_desk.db.models import Employer, JobPosting
from lingong_desk.db.search import EmployerFilters as EmployerFilters
from lingong_desk.db.search import PostingFilters as PostingFilters
from lingong_desk.db.search import derived_columns
from lingong_desk.domain.enums import EmployerKind, PostingStatus
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.identifiers import (
    normalise_credit_code,
    normalise_mobile,
    normalise_resident_id,
)
from lingong_desk.domain.masking import mask_id_number, mask_phone
from lingong_desk.domain.registration import (
    DraftRejected,
    EmployerDraft,
    FieldError,
    PostingDraft,
    check_employer,
    check_posting,
)
from lingong_desk.services.context import ServiceContext
from lingong_desk.services.people import pay_text

C = "validation"


@dataclass(frozen=True)
class EmployerRow:
    id: uuid.UUID
    name: str
    kind: str
    code_masked: str
    contact: str
    phone_masked: str
    open_postings: int
    status: str


@dataclass(frozen=True)
class EmployerDetail:
    id: uuid.UUID
    draft: EmployerDraft
    status: str


@dataclass(frozen=True)
class PostingRow:
    id: uuid.UUID
    title: str
    employer: str
    occupation: str
    headcount: int
    filled: int
    pay: str
    pay_unit: str
    work_form: str
    status: str
    published_on: dt.date


@dataclass(frozen=True)
class PostingDetail:
    id: uuid.UUID
    draft: PostingDraft
    employer_name: str
    status: str
    filled: int


class EmployerService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ---- employers -----------------------------------------------------
    def search(
        self, query: str, filters: EmployerFilters | None = None, limit: int = 500
    ) -> list[uuid.UUID]:
        with self.ctx.reading() as s:
            return search.search_employers(s, query, filters, limit)

    def rows(self, ids: Sequence[uuid.UUID]) -> list[EmployerRow]:
        if not ids:
            return []
        with self.ctx.reading() as s:
            found = {e.id: e for e in s.scalars(select(Employer).where(Employer.id.in_(ids)))}
            open_counts: dict[uuid.UUID, int] = {}
            for emp_id in s.scalars(
                select(JobPosting.employer_id).where(
                    JobPosting.employer_id.in_(ids),
                    JobPosting.status == PostingStatus.OPEN,
                    JobPosting.deleted_at.is_(None),
                )
            ):
                open_counts[emp_id] = open_counts.get(emp_id, 0) + 1
            rows = []
            for i in ids:
                e = found.get(i)
                if e is None:
                    continue
                code = e.credit_code or mask_id_number(e.owner_id_number)
                rows.append(
                    EmployerRow(
                        e.id,
                        e.name,
                        e.kind,
                        code,
                        e.contact_name,
                        mask_phone(e.contact_phone),
                        open_counts.get(e.id, 0),
                        e.status,
                    )
                )
            return rows

    def detail(self, employer_id: uuid.UUID) -> EmployerDetail | None:
        with self.ctx.reading() as s:
            e = s.get(Employer, employer_id)
            if e is None:
                return None
            draft = EmployerDraft(
                kind=e.kind,
                name=e.name,
                credit_code=e.credit_code or "",
                owner_id_number=e.owner_id_number or "",
                contact_name=e.contact_name,
                contact_phone=e.contact_phone,
                address=e.address,
                district_code=e.district_code,
                industry=e.industry,
                note=e.note,
            )
            return EmployerDetail(e.id, draft, e.status)

    def save(self, draft: EmployerDraft, employer_id: uuid.UUID | None = None) -> EmployerDetail:
        """Register an employer, or update it. A code already registered opens that one."""
        problems = check_employer(draft, self.ctx.today())
        if problems:
            raise DraftRejected(problems)
        household = draft.kind == EmployerKind.HOUSEHOLD
        credit = None if household else normalise_credit_code(draft.credit_code)
        owner = normalise_resident_id(draft.owner_id_number) if household else None
        with self.ctx.session() as s:
            key = Employer.owner_id_number == owner if household else Employer.credit_code == credit
            same = s.scalar(select(Employer).where(key, Employer.deleted_at.is_(None)))
            if employer_id is None:
                employer = same
            else:
                employer = s.get(Employer, employer_id)
                if same is not None and same.id != employer_id:
                    field = "owner_id_number" if household else "credit_code"
                    raise DraftRejected(
                        {
                            field: FieldError(
                                QT_TRANSLATE_NOOP(
                                    "validation",
                                    "Another employer is registered with this number: {name}.",
                                ),
                                {"name": same.name},
                            )
                        }
                    )
            created = employer is None
            if employer is None:
                employer = Employer(
                    status="active", address="", district_code="", industry="", note=""
                )
                s.add(employer)
            values = {
                "kind": draft.kind,
                "name": draft.name.strip(),
                "credit_code": credit,
                "owner_id_number": owner,
                "contact_name": draft.contact_name.strip(),
                "contact_phone": normalise_mobile(draft.contact_phone),
                "address": draft.address.strip(),
                "district_code": draft.district_code,
                "industry": draft.industry.strip(),
                "note": draft.note.strip(),
            }
            values.update(derived_columns("employer", values))
            for k, v in values.items():
                if getattr(employer, k, None) != v:
                    setattr(employer, k, v)
            s.flush()
            self.ctx.audit(
                s, "employer.register" if created else "employer.update", "employer", employer.id
            )
            emp_id = employer.id
        detail = self.detail(emp_id)
        assert detail is not None
        return detail

    # ---- postings ------------------------------------------------------
    def search_postings(
        self, query: str, filters: PostingFilters | None = None, limit: int = 500
    ) -> list[uuid.UUID]:
        with self.ctx.reading() as s:
            return search.search_postings(s, query, filters, limit)

    def posting_rows(self, ids: Sequence[uuid.UUID]) -> list[PostingRow]:
        if not ids:
            return []
        with self.ctx.reading() as s:
            found = {p.id: p for p in s.scalars(select(JobPosting).where(JobPosting.id.in_(ids)))}
            return [
                PostingRow(
                    p.id,
                    p.title,
                    p.employer.name,
                    self.ctx.catalogue.name(p.occupation_code),
                    p.headcount,
                    p.headcount_filled,
                    pay_text(p.pay_min, p.pay_max),
                    p.pay_unit,
                    p.work_form,
                    p.status,
                    p.published_at.date(),
                )
                for i in ids
                if (p := found.get(i)) is not None
            ]

    def posting_detail(self, posting_id: uuid.UUID) -> PostingDetail | None:
        with self.ctx.reading() as s:
            p = s.get(JobPosting, posting_id)
            if p is None:
                return None
            draft = PostingDraft(
                employer_id=str(p.employer_id),
                title=p.title,
                occupation_code=p.occupation_code,
                headcount=p.headcount,
                pay_min=p.pay_min,
                pay_max=p.pay_max,
                pay_unit=p.pay_unit,
                work_form=p.work_form,
                work_address=p.work_address,
                district_code=p.district_code,
                start_date=p.start_date,
                end_date=p.end_date,
                age_min=p.age_min,
                age_max=p.age_max,
                sex=p.sex,
                skill_requirements=p.skill_requirements,
                meals=p.meals,
                lodging=p.lodging,
                description=p.description,
                contact_phone=p.contact_phone,
                work_hours=p.work_hours or "",
                bring=p.bring or "",
            )
            return PostingDetail(p.id, draft, p.employer.name, p.status, p.headcount_filled)

    def publish(self, draft: PostingDraft, posting_id: uuid.UUID | None = None) -> PostingDetail:
        """Publish labour demand for an employer, or update a posting."""
        problems = check_posting(draft, self.ctx.today())
        if draft.occupation_code and self.ctx.catalogue.get(draft.occupation_code) is None:
            problems["occupation_code"] = FieldError(
                QT_TRANSLATE_NOOP("validation", "Choose the job type.")
            )
        with self.ctx.session() as s:
            employer = None
            if draft.employer_id:
                try:
                    employer = s.get(Employer, uuid.UUID(draft.employer_id))
                except ValueError:
                    employer = None
                if employer is None or employer.deleted_at is not None:
                    problems["employer_id"] = FieldError(
                        QT_TRANSLATE_NOOP("validation", "Choose the employer.")
                    )
                elif employer.status != "active":
                    problems["employer_id"] = FieldError(
                        QT_TRANSLATE_NOOP(
                            "validation", "This employer is suspended and cannot post jobs."
                        )
                    )
            posting = s.get(JobPosting, posting_id) if posting_id else None
            if posting is not None and draft.headcount < posting.headcount_filled:
                problems["headcount"] = FieldError(
                    QT_TRANSLATE_NOOP(
                        "validation",
                        "{filled} people are already hired; headcount cannot be lower.",
                    ),
                    {"filled": str(posting.headcount_filled)},
                )
            if problems:
                raise DraftRejected(problems)
            assert employer is not None
            created = posting is None
            if posting is None:
                posting = JobPosting(
                    status=PostingStatus.OPEN, headcount_filled=0, published_at=self.ctx.now()
                )
                s.add(posting)
            values = {
                "employer_id": employer.id,
                "title": draft.title.strip(),
                "occupation_code": draft.occupation_code,
                "headcount": draft.headcount,
                "pay_min": draft.pay_min,
                "pay_max": draft.pay_max,
                "pay_unit": draft.pay_unit,
                "work_form": draft.work_form,
                "work_address": draft.work_address.strip(),
                "district_code": draft.district_code,
                "start_date": draft.start_date,
                "end_date": draft.end_date,
                "age_min": draft.age_min,
                "age_max": draft.age_max,
                "sex": draft.sex,
                "skill_requirements": draft.skill_requirements.strip(),
                "meals": draft.meals,
                "lodging": draft.lodging,
                "description": draft.description.strip(),
                "contact_phone": normalise_mobile(draft.contact_phone),
                "work_hours": draft.work_hours.strip(),
                "bring": draft.bring.strip(),
            }
            values.update(derived_columns("job_posting", values))
            for k, v in values.items():
                if getattr(posting, k, None) != v:
                    setattr(posting, k, v)
            if (
                posting.status == PostingStatus.FILLED
                and posting.headcount > posting.headcount_filled
            ):
                posting.status = PostingStatus.OPEN
            s.flush()
            self.ctx.audit(
                s, "posting.publish" if created else "posting.update", "job_posting", posting.id
            )
            pid = posting.id
        detail = self.posting_detail(pid)
        assert detail is not None
        return detail

    def close_posting(self, posting_id: uuid.UUID) -> PostingDetail:
        with self.ctx.session() as s:
            p = s.get(JobPosting, posting_id)
            if p is None:
                raise KeyError(posting_id)
            if p.status == PostingStatus.OPEN:
                p.status = PostingStatus.CLOSED
                self.ctx.audit(s, "posting.close", "job_posting", p.id)
        detail = self.posting_detail(posting_id)
        assert detail is not None
        return detail
