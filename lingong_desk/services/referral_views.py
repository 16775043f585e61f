"""What the referral window shows: frozen views of referrals and the funnel."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from lingong_desk.domain import referral as rules
from lingong_desk.domain.enums import ReferralStatus as S


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    from_status: str | None
    to_status: str
    reason: str
    clerk: str


@dataclass(frozen=True)
class ReferralDetail:
    id: uuid.UUID
    number: str
    status: str
    person_id: uuid.UUID
    person_name: str
    person_sex: str
    person_age: int
    person_id_masked: str
    person_phone_masked: str
    posting_id: uuid.UUID
    job_title: str
    occupation: str
    work_address: str
    pay: str
    pay_unit: str
    work_form: str
    headcount: int
    employer_name: str
    employer_contact: str
    employer_phone: str
    employer_address: str
    issued_on: dt.date
    valid_until: dt.date
    outcome_reason: str
    print_count: int
    clerk_name: str
    events: tuple[EventRow, ...]
    # what the slip tells the worker about the job (the posting's)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    work_hours: str = ""
    meals: bool = False
    lodging: bool = False
    bring: str = ""

    @property
    def is_open(self) -> bool:
        return S(self.status) in rules.OPEN


@dataclass(frozen=True)
class ReferralRow:
    id: uuid.UUID
    number: str
    person_name: str
    employer_name: str
    job_title: str
    status: str
    issued_on: dt.date
    valid_until: dt.date
    days_left: int


@dataclass(frozen=True)
class Funnel:
    referrals: int
    intentions: int
    hires: int
