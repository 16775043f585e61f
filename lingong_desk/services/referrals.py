"""Job referral (职业介绍): issue a referral, record what happened, follow up."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_desk.db.local_state import (
    DESK_NUMBER,
    REFERRAL_VALIDITY_DAYS,
    highest_number,
    next_in_sequence,
)
from lingong_desk.db.models import (
    Clerk,
    Employer,
    JobPosting,
    Person,
    Referral,
    ReferralEvent,
)
from lingong_desk.db.stats import load_referrals
from lingong_desk.domain import referral as rules
from lingong_desk.domain.calendar import age_on, market_day
from lingong_desk.domain.enums import PersonStatus
from lingong_desk.domain.enums import ReferralStatus as S
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.indicators import figure
from lingong_desk.domain.masking import mask_id_number, mask_phone
from lingong_desk.domain.periods import Period
from lingong_desk.domain.postings import (
    PERSON_STATUS_AFTER_HIRE,
    NoReferrals,
    count_hire,
    hire_counted_by_desk,
    why_no_referrals,
)
from lingong_desk.services.context import ServiceContext
from lingong_desk.services.people import pay_text
from lingong_desk.services.referral_views import EventRow, Funnel, ReferralDetail, ReferralRow


class ReferralRefused(ValueError):
    """Why a referral cannot be issued or changed; ``message`` is a catalogue text."""

    def __init__(self, message: str, **params: str) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params


class ReferralService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ---- settings of this desk ----------------------------------------
    def desk_number(self) -> int:
        with self.ctx.reading() as s:
            return DESK_NUMBER.read(s)

    def validity_days(self) -> int:
        with self.ctx.reading() as s:
            return REFERRAL_VALIDITY_DAYS.read(s)

    def set_desk_options(self, desk_number: int, validity_days: int) -> None:
        if not 1 <= desk_number <= 9:
            raise ValueError("desk number must be 1 to 9")
        self.ctx.require_supervisor(
            QT_TRANSLATE_NOOP("validation", "Only a supervisor can change the settings.")
        )
        if not 1 <= validity_days <= 90:
            raise ValueError("validity must be 1 to 90 days")
        with self.ctx.session() as s:
            DESK_NUMBER.write(s, desk_number)
            REFERRAL_VALIDITY_DAYS.write(s, validity_days)

    # ---- issuing -------------------------------------------------------
    def issue(self, person_id: uuid.UUID, posting_id: uuid.UUID, note: str = "") -> ReferralDetail:
        today = self.ctx.today()
        now = self.ctx.now()
        with self.ctx.session() as s:
            person = s.get(Person, person_id)
            posting = s.get(JobPosting, posting_id)
            if person is None or person.deleted_at is not None:
                raise ReferralRefused(
                    QT_TRANSLATE_NOOP("referral", "This job seeker is not registered.")
                )
            if posting is None or posting.deleted_at is not None:
                raise ReferralRefused(QT_TRANSLATE_NOOP("referral", "This posting does not exist."))
            if person.status != PersonStatus.SEEKING:
                raise ReferralRefused(
                    QT_TRANSLATE_NOOP("referral", "{name} is not seeking work at present."),
                    name=person.name,
                )
            why = why_no_referrals(
                posting.status,
                posting.headcount - posting.headcount_filled,
                posting.end_date,
                today,
            )
            if why is NoReferrals.ENDED and posting.end_date is not None:
                raise ReferralRefused(
                    QT_TRANSLATE_NOOP("referral", "The posting {title} ended on {date}."),
                    title=posting.title,
                    date=posting.end_date.isoformat(),
                )
            if why is not None:
                raise ReferralRefused(
                    QT_TRANSLATE_NOOP("referral", "The posting {title} is no longer open."),
                    title=posting.title,
                )
            earlier = s.scalar(
                select(Referral.number).where(
                    Referral.person_id == person.id,
                    Referral.posting_id == posting.id,
                    Referral.status.not_in(rules.REFERRABLE_AGAIN),
                    Referral.deleted_at.is_(None),
                )
            )
            if earlier is not None:
                raise ReferralRefused(
                    QT_TRANSLATE_NOOP(
                        "referral", "{name} was already referred to this posting ({number})."
                    ),
                    name=person.name,
                    number=earlier,
                )
            number = self._next_number(s, today.year)
            referral = Referral(
                number=number,
                person_id=person.id,
                posting_id=posting.id,
                employer_id=posting.employer_id,
                status=rules.INITIAL_STATUS,
                issued_at=now,
                valid_until=rules.valid_until(today, self._validity(s)),
                outcome_reason="",
                note=note.strip(),
                print_count=0,
            )
            s.add(referral)
            s.flush()
            s.add(
                ReferralEvent(
                    referral_id=referral.id,
                    from_status=None,
                    to_status=rules.INITIAL_STATUS,
                    at=now,
                    reason="",
                )
            )
            person.last_active_at = now
            self.ctx.audit(s, "referral.issue", "referral", referral.id, number=number)
            rid = referral.id
        detail = self.detail(rid)
        assert detail is not None
        return detail

    def _validity(self, s: Session) -> int:
        return REFERRAL_VALIDITY_DAYS.read(s)

    def _next_number(self, s: Session, year: int) -> str:
        desk = DESK_NUMBER.read(s)
        prefix = rules.referral_number(self.ctx.market_code, year, desk, 1)[:-5]
        used = highest_number(s, Referral.number, prefix)
        value = next_in_sequence(s, f"referral:{self.ctx.market_code}:{year}:{desk}", used)
        return rules.referral_number(self.ctx.market_code, year, desk, value)

    # ---- outcomes ------------------------------------------------------
    def record(self, referral_id: uuid.UUID, target: S | str, reason: str = "") -> ReferralDetail:
        """Move a referral on (intention, hired, not hired, no show, void)."""
        to = S(target)
        if to is S.VOID:
            self.ctx.require_supervisor(
                QT_TRANSLATE_NOOP("validation", "Only a supervisor can void a referral.")
            )
        reason = reason.strip()
        now = self.ctx.now()
        with self.ctx.session() as s:
            referral = s.get(Referral, referral_id)
            if referral is None:
                raise ReferralRefused(QT_TRANSLATE_NOOP("referral", "No such referral."))
            self._expire_if_overdue(s, referral, now)
            steps = rules.path(referral.status, to)  # raises IllegalTransition
            if to in rules.NEEDS_REASON and not reason:
                raise ReferralRefused(QT_TRANSLATE_NOOP("referral", "Give the reason."))
            for step in steps:
                s.add(
                    ReferralEvent(
                        referral_id=referral.id,
                        from_status=referral.status,
                        to_status=step,
                        at=now,
                        reason=reason if step is to else "",
                    )
                )
                referral.status = step
            if S.INTENTION in steps:
                referral.intention_at = now
            if to in rules.CLOSED:
                referral.closed_at = now
                referral.outcome_reason = reason
            if to is S.HIRED:
                self._hire(s, referral, now)
            self.ctx.audit(
                s, f"referral.{to.value}", "referral", referral.id, number=referral.number
            )
        detail = self.detail(referral_id)
        assert detail is not None
        return detail

    def _hire(self, s: Session, referral: Referral, now: dt.datetime) -> None:
        posting = s.get(JobPosting, referral.posting_id)
        person = s.get(Person, referral.person_id)
        assert posting is not None and person is not None
        if hire_counted_by_desk(posting.market_code, self.ctx.market_code):
            after = count_hire(posting.status, posting.headcount, posting.headcount_filled)
            posting.headcount_filled = after.filled
            if posting.status != after.status:
                posting.status = after.status
        person.status = PERSON_STATUS_AFTER_HIRE
        person.last_active_at = now

    def _expire_if_overdue(self, s: Session, referral: Referral, now: dt.datetime) -> bool:
        if rules.is_overdue(referral.status, referral.valid_until, market_day(now)):
            s.add(
                ReferralEvent(
                    referral_id=referral.id,
                    from_status=referral.status,
                    to_status=S.EXPIRED,
                    at=now,
                    reason="",
                )
            )
            referral.status = S.EXPIRED
            return True
        return False

    def expire_overdue(self) -> int:
        """Mark every issued referral past its validity as expired; returns how many."""
        today = self.ctx.today()
        now = self.ctx.now()
        with self.ctx.session() as s:
            overdue = list(
                s.scalars(
                    select(Referral).where(
                        Referral.status == S.ISSUED,
                        Referral.valid_until < today,
                        Referral.deleted_at.is_(None),
                    )
                )
            )
            for referral in overdue:
                self._expire_if_overdue(s, referral, now)
            return len(overdue)

    # ---- reading -------------------------------------------------------
    def find_by_number(self, text: str) -> ReferralDetail | None:
        number = rules.normalise_number(text)
        with self.ctx.reading() as s:
            rid = s.scalar(select(Referral.id).where(Referral.number == number))
        return self.detail(rid) if rid else None

    def detail(self, referral_id: uuid.UUID) -> ReferralDetail | None:
        today = self.ctx.today()
        with self.ctx.reading() as s:
            r = s.get(Referral, referral_id)
            if r is None:
                return None
            person = s.get(Person, r.person_id)
            posting = s.get(JobPosting, r.posting_id)
            employer = s.get(Employer, r.employer_id)
            assert person is not None and posting is not None and employer is not None
            clerks = {c.id: c.name for c in s.scalars(select(Clerk))}
            events = tuple(
                EventRow(
                    e.at,
                    e.from_status,
                    e.to_status,
                    e.reason,
                    clerks.get(e.created_by, "") if e.created_by else "",
                )
                for e in s.scalars(
                    select(ReferralEvent)
                    .where(ReferralEvent.referral_id == r.id)
                    .order_by(ReferralEvent.hlc)
                )
            )
            return ReferralDetail(
                id=r.id,
                number=r.number,
                status=r.status,
                person_id=person.id,
                person_name=person.name,
                person_sex=person.sex,
                person_age=age_on(person.birth_date, today),
                person_id_masked=mask_id_number(person.id_number),
                person_phone_masked=mask_phone(person.phone),
                posting_id=posting.id,
                job_title=posting.title,
                occupation=self.ctx.catalogue.name(posting.occupation_code),
                work_address=posting.work_address,
                pay=pay_text(posting.pay_min, posting.pay_max),
                pay_unit=posting.pay_unit,
                work_form=posting.work_form,
                headcount=posting.headcount,
                employer_name=employer.name,
                employer_contact=employer.contact_name,
                employer_phone=posting.contact_phone or employer.contact_phone,
                employer_address=employer.address,
                issued_on=market_day(r.issued_at),
                valid_until=r.valid_until,
                outcome_reason=r.outcome_reason,
                print_count=r.print_count,
                clerk_name=clerks.get(r.created_by, "") if r.created_by else "",
                events=events,
                start_date=posting.start_date,
                end_date=posting.end_date,
                work_hours=posting.work_hours or "",
                meals=posting.meals,
                lodging=posting.lodging,
                bring=posting.bring or "",
            )

    def follow_up(self, overdue: bool) -> list[ReferralRow]:
        """Slips waiting for an answer, or (``overdue``) past their validity."""
        today = self.ctx.today()
        with self.ctx.reading() as s:
            q = (
                select(Referral, Person.name, Employer.name, JobPosting.title)
                .join(Person, Person.id == Referral.person_id)
                .join(JobPosting, JobPosting.id == Referral.posting_id)
                .join(Employer, Employer.id == Referral.employer_id)
                .where(Referral.deleted_at.is_(None))
            )
            if overdue:
                q = q.where(
                    ((Referral.status == S.ISSUED) & (Referral.valid_until < today))
                    | (Referral.status == S.EXPIRED)
                ).order_by(Referral.valid_until)
            else:
                q = q.where(
                    ((Referral.status == S.ISSUED) & (Referral.valid_until >= today))
                    | (Referral.status == S.INTENTION)
                ).order_by(Referral.valid_until)
            return [
                ReferralRow(
                    r.id,
                    r.number,
                    pname,
                    ename,
                    title,
                    S.EXPIRED if rules.is_overdue(r.status, r.valid_until, today) else r.status,
                    market_day(r.issued_at),
                    r.valid_until,
                    (r.valid_until - today).days,
                )
                for r, pname, ename, title in s.execute(q.limit(1000))
            ]

    def funnel(self, first_day: dt.date, last_day: dt.date) -> Funnel:
        """Person-times that reached each step between two market days (inclusive),
        counted exactly as the statistics count them (``domain/indicators.py``)."""
        period = Period.range(first_day, last_day)
        with self.ctx.reading() as s:
            activity = load_referrals(s, self.ctx.market_code, (period.start, period.end))
        referrals, intentions, hires = (
            int(figure(key, activity, period).value or 0)
            for key in ("referrals_issued", "intentions", "hires")
        )
        return Funnel(referrals, intentions, hires)

    def funnels(self) -> tuple[Funnel, Funnel]:
        today = self.ctx.today()
        return self.funnel(today, today), self.funnel(today.replace(day=1), today)
