"""Test data, made through the desk's real services.

A thin layer over ``lingong_desk.services.samples`` (the builders the
self-check uses too) with what only tests need: a cheap password hasher, desks
in temporary folders with a signed-in clerk, short names for the sample
records, and a way to order two desks' writes without sleeping.

    desk = factories.desk(tmp_path / "zy")              # market ZY, 王芳 signed in
    zhang = factories.person(desk, "14022619800301123", "张三")
    posting = factories.posting(desk)                   # and its employer
    factories.referral(desk, zhang.id, posting.id)

Tests build a desk's services here only: no other test module opens one
through ``lingong_desk.services.registry``.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher

from lingong_desk.domain.registration import PersonDraft, PostingDraft
from lingong_desk.services import samples
from lingong_desk.services.accounts import ClerkInfo, MarketInfo
from lingong_desk.services.employers import EmployerDetail, PostingDetail
from lingong_desk.services.people import PersonDetail
from lingong_desk.services.referral_views import ReferralDetail
from lingong_desk.services.registry import Services, open_services

ZY, HY = samples.ZUOYUN, samples.HUNYUAN
CLEANER = samples.CLEANER
CLERK, PASSWORD = "王芳", "secret1"
ZHANG = "14022619800301123"  # first 17 digits of 张三's ID number
# Real argon2id, with a small cost so that each test signs in quickly.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

credit_code = samples.credit_code


# ---- identifiers -----------------------------------------------------------------
def resident_id(first17: str) -> str:
    """A valid ID number (GB 11643 check digit) from its first 17 digits."""
    return samples.with_check_digit(first17)


def numbered_name(surname: str, i: int) -> str:
    """A name for the i-th made-up person (张一〇 for 10): names hold Chinese characters only."""
    return surname + "".join("〇一二三四五六七八九"[int(d)] for d in str(i))


def bad_check_digit(number: str) -> str:
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


# ---- desks and clerks --------------------------------------------------------------
def blank_desk(path: Path) -> Services:
    """A new desk's services on the database file ``path``: no market set up yet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return open_services(path, hasher=FAST_HASHER)


def desk(
    folder: Path, market: MarketInfo = ZY, clerk: str = CLERK, file: str = "desk.sqlite3"
) -> Services:
    """A desk of ``market`` in ``folder`` with ``clerk`` (a supervisor) signed in."""
    services = blank_desk(folder / file)
    open_market(services, market, clerk)
    return services


def reopen(path: Path, clerk: str = CLERK) -> Services:
    """A desk's database file opened again (the program restarted), ``clerk`` signed in."""
    services = open_services(path, hasher=FAST_HASHER)
    services.accounts.sign_in(clerk, PASSWORD)
    return services


def open_market(services: Services, market: MarketInfo = ZY, clerk: str = CLERK) -> ClerkInfo:
    """Set up a new desk for ``market``; ``clerk`` signs in with ``PASSWORD``."""
    return samples.open_market(services, clerk, PASSWORD, market)


def clerk(services: Services, name: str, role: str = "clerk") -> ClerkInfo:
    """Another clerk of the desk's market, password ``PASSWORD``."""
    return samples.add_clerk(services, name, PASSWORD, role)


# ---- drafts ---------------------------------------------------------------------------
def person_draft(first17: str = ZHANG, name: str = "张三", **fields: Any) -> PersonDraft:
    fields.setdefault("id_number", resident_id(first17))
    return samples.person_draft(name=name, **fields)


def posting_draft(employer_id: uuid.UUID | str = "x", **fields: Any) -> PostingDraft:
    return samples.posting_draft(employer_id, **fields)


# ---- records --------------------------------------------------------------------------
def person(
    services: Services, first17: str = ZHANG, name: str = "张三", **fields: Any
) -> PersonDetail:
    """A registered job seeker (cleaning work, phone 13812345678 unless given)."""
    fields.setdefault("id_number", resident_id(first17))
    return samples.register_person(services, name=name, **fields)


def people(services: Services, *who: tuple[str, str], **fields: Any) -> dict[str, uuid.UUID]:
    """Several job seekers, ``(first 17 digits, name)`` each: their ids by name."""
    return {name: person(services, first17, name, **fields).id for first17, name in who}


def employer(services: Services, **fields: Any) -> EmployerDetail:
    """A registered employer (左云县鑫源物业管理有限公司 unless given)."""
    return samples.register_employer(services, **fields)


def posting(
    services: Services, employer_id: uuid.UUID | None = None, **fields: Any
) -> PostingDetail:
    """A published posting (小区保洁员, two places) of the employer, or of a new sample one."""
    return samples.publish_posting(services, employer_id, **fields)


def referral(
    services: Services, person_id: uuid.UUID | None = None, posting_id: uuid.UUID | None = None
) -> ReferralDetail:
    """A referral issued for the person to the posting (sample ones when not given)."""
    return samples.issue_referral(services, person_id, posting_id)


# a posting for one cleaner of a housing estate, 120-150 yuan a day
ESTATE_JOB: dict[str, Any] = {
    "headcount": 1,
    "pay_max": Decimal(150),
    "work_address": "左云县阳光小区",
}


# ---- time between desks -----------------------------------------------------------------
def _wall_ms() -> int:
    return int(dt.datetime.now(dt.UTC).timestamp() * 1000)


def wait_past(*desks: Services, stamp_ms: int = 0) -> None:
    """Return once the wall clock reads later than the newest stamp of ``desks``
    (and than ``stamp_ms``), so the next write anywhere is stamped later.

    Two desks' stamps compare by wall time first; this waits for exactly that
    state instead of sleeping for a guessed while."""
    newest = max([stamp_ms, *(s.ctx.clock.last.wall_ms for s in desks)])
    while _wall_ms() <= newest:
        time.sleep(0.001)
