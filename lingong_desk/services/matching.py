"""Matching (人岗匹配): rank job seekers for a posting, or postings for a job seeker."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from lingong_desk.db import matching as candidates
from lingong_desk.db import search
from lingong_desk.db.models import Employer, JobPosting, Person
from lingong_desk.domain.calendar import age_on
from lingong_desk.domain.masking import mask_phone
from lingong_desk.domain.matching import Match, Reason, rank_postings, rank_seekers
from lingong_desk.services.context import ServiceContext
from lingong_desk.services.people import pay_text


@dataclass(frozen=True)
class MatchRow:
    """One ranked candidate: a job seeker (for a posting) or a posting (for a seeker)."""

    id: uuid.UUID
    rank: int
    title: str  # the seeker's name, or the job title
    detail: str  # wanted job types, or the employer
    sex: str  # "M"/"F" for a seeker, "" for a posting
    age: int | None
    pay: str
    pay_unit: str
    work_form: str | None
    phone_masked: str
    score: float
    eligible: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class MatchResult:
    subject_id: uuid.UUID
    subject: str  # what was matched: the posting or the job seeker, as a label
    rows: tuple[MatchRow, ...]
    scored: int  # how many candidates were scored


class MatchingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ---- choosing what to match ----------------------------------------
    def posting_choices(self, text: str, limit: int = 20) -> list[tuple[uuid.UUID, str]]:
        with self.ctx.reading() as s:
            ids = search.search_postings(s, text, search.PostingFilters(status="open"), limit=limit)
            found = {p.id: p for p in s.scalars(select(JobPosting).where(JobPosting.id.in_(ids)))}
            return [(i, f"{found[i].title} · {found[i].employer.name}") for i in ids if i in found]

    def person_choices(self, text: str, limit: int = 20) -> list[tuple[uuid.UUID, str]]:
        with self.ctx.reading() as s:
            ids = search.search_people(s, text, limit=limit)
            found = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(ids)))}
            return [
                (i, f"{found[i].name} · {mask_phone(found[i].phone)}") for i in ids if i in found
            ]

    # ---- ranking ----------------------------------------------------------
    def for_posting(self, posting_id: uuid.UUID, limit: int = 20) -> MatchResult:
        """The best job seekers for an open posting, then those ruled out and why."""
        today = self.ctx.today()
        with self.ctx.reading() as s:
            posting, seekers = candidates.seeker_candidates(s, posting_id, today)
            matches = rank_seekers(posting, seekers, today, limit, include_ineligible=True)
            people = {
                p.id: p
                for p in s.scalars(select(Person).where(Person.id.in_([m.id for m in matches])))
            }
            row = s.get(JobPosting, posting_id)
            assert row is not None
            subject = f"{row.title} · {row.employer.name}"
            rows = [self._person_row(i + 1, m, people[m.id]) for i, m in enumerate(matches)]
        return MatchResult(posting_id, subject, tuple(rows), len(seekers))

    def _person_row(self, rank: int, m: Match, p: Person) -> MatchRow:
        wants = "、".join(
            self.ctx.catalogue.name(o.occupation_code)
            for o in p.occupations
            if o.deleted_at is None
        )
        age = age_on(p.birth_date, self.ctx.today())
        return MatchRow(
            id=p.id,
            rank=rank,
            title=p.name,
            detail=wants,
            sex=p.sex,
            age=age,
            pay=pay_text(p.pay_min, p.pay_max),
            pay_unit=p.pay_unit,
            work_form=p.work_form,
            phone_masked=mask_phone(p.phone),
            score=m.score,
            eligible=m.eligible,
            reasons=m.reasons,
        )

    def for_person(self, person_id: uuid.UUID, limit: int = 20) -> MatchResult:
        """The best open postings for a job seeker, then those ruled out and why."""
        today = self.ctx.today()
        with self.ctx.reading() as s:
            seeker, postings = candidates.posting_candidates(s, person_id, today)
            matches = rank_postings(seeker, postings, today, limit, include_ineligible=True)
            found = {
                p.id: p
                for p in s.scalars(
                    select(JobPosting).where(JobPosting.id.in_([m.id for m in matches]))
                )
            }
            employers = {
                e.id: e.name
                for e in s.scalars(
                    select(Employer).where(Employer.id.in_({p.employer_id for p in found.values()}))
                )
            }
            rows = [
                MatchRow(
                    id=m.id,
                    rank=i + 1,
                    title=found[m.id].title,
                    detail=employers.get(found[m.id].employer_id, ""),
                    sex="",
                    age=None,
                    pay=pay_text(found[m.id].pay_min, found[m.id].pay_max),
                    pay_unit=found[m.id].pay_unit,
                    work_form=found[m.id].work_form,
                    phone_masked="",
                    score=m.score,
                    eligible=m.eligible,
                    reasons=m.reasons,
                )
                for i, m in enumerate(matches)
            ]
        return MatchResult(person_id, seeker.name, tuple(rows), len(postings))
