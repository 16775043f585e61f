"""Sample records made through the real services: a market and its clerks, job
seekers with valid ID numbers, employers with valid credit codes, postings and
referrals.

The self-check of an installed program (``lingong-desk --self-check``) builds
its data with these, and so do the tests (``tests/factories.py``). Every record
goes through the service a clerk's action would use, so validation, search
keys and change capture are the real ones. Each builder takes the desk's
services (anything with ``accounts``, ``people``, ``employers`` and
``referrals``) and the fields that differ from the sample.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, Protocol

from stdnum.cn import ric, uscc

from lingong_desk.domain.registration import EmployerDraft, PersonDraft, PostingDraft
from lingong_desk.services.accounts import AccountService, ClerkInfo, MarketInfo
from lingong_desk.services.employers import EmployerDetail, EmployerService, PostingDetail
from lingong_desk.services.people import PeopleService, PersonDetail
from lingong_desk.services.referral_views import ReferralDetail
from lingong_desk.services.referrals import ReferralService

ZUOYUN = MarketInfo("ZY", "左云县零工市场", "140226", "0352-3022110", "左云县云兴镇新建路")
HUNYUAN = MarketInfo("HY", "浑源县零工市场", "140225", "0352-8322110", "浑源县永安镇")
CLEANER = "4-09-08-01"  # 保洁员, the job type of the sample posting


class DeskServices(Protocol):
    """What the builders use of a desk's services (``app.Services`` has them)."""

    accounts: AccountService
    people: PeopleService
    employers: EmployerService
    referrals: ReferralService


# ---- identifiers -----------------------------------------------------------------
def with_check_digit(first17: str) -> str:
    """A resident ID number (GB 11643) from its first 17 digits."""
    return first17 + str(ric.calc_check_digit(first17 + "0"))


def resident_id(
    region: str = "140226", born: dt.date = dt.date(1980, 3, 1), order: int = 61, sex: str = "M"
) -> str:
    """A valid resident ID number: the issuing region, the birth date, an order
    number whose last digit is odd for a man and even for a woman (``order``
    0-499 picks one of them), and the check digit."""
    if not 0 <= order < 500 or sex not in ("M", "F"):
        raise ValueError("order is 0 to 499 and sex is M or F")
    return with_check_digit(f"{region}{born:%Y%m%d}{order * 2 + (sex == 'M'):03d}")


def credit_code(region: str = "110000", organisation: str = "600037341", kind: str = "91") -> str:
    """A valid unified social credit code (GB 32100): the registering kind
    (91: a company), region and organisation code, and the check character."""
    body = f"{kind}{region}{organisation}"
    if len(body) != 17:
        raise ValueError("kind, region and organisation are 2, 6 and 9 characters")
    return body + str(uscc.calc_check_digit(body))


# ---- drafts, as a clerk fills in the forms ---------------------------------------------
def person_draft(id_number: str | None = None, name: str = "张三", **fields: Any) -> PersonDraft:
    """A job seeker who wants cleaning work (by default a man born in 左云县 on
    1 March 1980); ``fields`` replace any of the draft's."""
    draft = PersonDraft(
        id_number=id_number or resident_id(),
        name=name,
        phone="13812345678",
        occupation_codes=[CLEANER],
    )
    return dataclasses.replace(draft, **fields)


def employer_draft(**fields: Any) -> EmployerDraft:
    """A property-management company of 左云县."""
    draft = EmployerDraft(
        kind="company",
        name="左云县鑫源物业管理有限公司",
        credit_code=credit_code(),
        contact_name="李经理",
        contact_phone="13900001111",
        address="左云县云兴镇新建路8号",
    )
    return dataclasses.replace(draft, **fields)


def posting_draft(employer_id: uuid.UUID | str, **fields: Any) -> PostingDraft:
    """Two cleaners for housing estates in the county town, 120 yuan a day."""
    draft = PostingDraft(
        employer_id=str(employer_id),
        title="小区保洁员",
        occupation_code=CLEANER,
        headcount=2,
        pay_min=Decimal(120),
        pay_max=None,
        pay_unit="day",
        work_form="day",
        work_address="左云县城",
    )
    return dataclasses.replace(draft, **fields)


# ---- records, through the services -------------------------------------------------
def open_market(
    desk: DeskServices, clerk: str, password: str, market: MarketInfo = ZUOYUN
) -> ClerkInfo:
    """Set up a new desk for ``market`` with ``clerk`` as its supervisor, signed in."""
    desk.accounts.set_up(market, clerk, password, password)
    return desk.accounts.sign_in(clerk, password)


def add_clerk(desk: DeskServices, name: str, password: str, role: str = "clerk") -> ClerkInfo:
    """Another clerk account (the signed-in clerk must be a supervisor)."""
    return desk.accounts.add_clerk(name, password, password, role)


def register_person(
    desk: DeskServices, id_number: str | None = None, name: str = "张三", **fields: Any
) -> PersonDetail:
    return desk.people.save(person_draft(id_number, name, **fields)).detail


def register_employer(desk: DeskServices, **fields: Any) -> EmployerDetail:
    return desk.employers.save(employer_draft(**fields))


def publish_posting(
    desk: DeskServices, employer_id: uuid.UUID | None = None, **fields: Any
) -> PostingDetail:
    """A posting of ``employer_id``, or of the sample employer, registered for it."""
    if employer_id is None:
        employer_id = register_employer(desk).id
    return desk.employers.publish(posting_draft(employer_id, **fields))


def issue_referral(
    desk: DeskServices, person_id: uuid.UUID | None = None, posting_id: uuid.UUID | None = None
) -> ReferralDetail:
    """A referral of the person to the posting; the sample ones when not given."""
    if person_id is None:
        person_id = register_person(desk).id
    if posting_id is None:
        posting_id = publish_posting(desk).id
    return desk.referrals.issue(person_id, posting_id)
