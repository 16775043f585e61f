"""Job matching (人岗匹配): score a job seeker against a posting, with reasons.

Every criterion gives points and exactly one ``Reason``, positive or negative,
so a clerk sees why a candidate ranks where it does. The points add up to at
most 100::

    job type 35, work form 15, pay 15, district 10, availability 10,
    skills 5, recent activity 10

Hard requirements give no points but decide ``eligible``: the seeker's status
(only "seeking"), the posting's age range and sex, not referred to this
posting already, and the posting being open with places left and not ended.
A failed one is a reason that ``blocks``; the match keeps its score.
Skill requirements are soft: a simple keyword overlap earns points.

Reason texts are English catalogue texts (context ``matching``) with
``{placeholders}``; the UI translates the text, then fills the params. Like
``FieldError`` params, a param value that is an enum label ("per day",
"Day work", "Women only") is translated in context ``enums``; numbers,
dates and keywords pass through unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from lingong_desk.domain.calendar import years_before
from lingong_desk.domain.enums import (
    Labelled,
    PayUnit,
    PersonStatus,
    PostingStatus,
    SexRequirement,
    WorkForm,
)
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.postings import NoReferrals, why_no_referrals

HOURS_PER_DAY = 8
DAYS_PER_MONTH = 26
NEAR_PAY = Decimal("0.9")  # an offer within 10% below the expectation is "a little below"
LATE_DAYS = 7  # available at most a week after the start still earns some points

# Work forms close enough to be worth a call: a day worker takes a short job,
# someone wanting short-term work takes a long one, part time suits a day worker.
COMPATIBLE_FORMS = frozenset(
    frozenset(pair) for pair in (("day", "short"), ("short", "long"), ("day", "part"))
)
# generic words of a requirement that say nothing about a skill
_STOP = frozenset(["优先", "相关", "经验", "要求", "具备", "具有", "以上", "能够", "工作", "有关"])
_CHUNKS = re.compile(r"[\s,.;:!?/()（）【】\[\]，。、；：！？“”‘’\"'·~\-+]+")
_LATIN = re.compile(r"[0-9a-z]+")
_CJK = re.compile(r"[\u4e00-\u9fff]+")


def group_of(code: str) -> str:
    """The occupation group of a code: its first three segments (4-10-01-06 -> 4-10-01)."""
    return "-".join(code.split("-")[:3])


def birth_date_range(
    today: dt.date, age_min: int | None, age_max: int | None
) -> tuple[dt.date | None, dt.date | None]:
    """(born after, born on or before) for ``age_min <= age <= age_max`` today."""
    latest = years_before(today, age_min) if age_min is not None else None
    earliest = years_before(today, age_max + 1) if age_max is not None else None
    return earliest, latest


@dataclass(frozen=True, slots=True)
class SeekerProfile:
    id: uuid.UUID
    name: str
    sex: str  # "M" / "F"
    age: int
    occupation_codes: tuple[str, ...]
    occupation_groups: tuple[str, ...]
    work_form: str | None
    district_code: str
    available_from: dt.date | None
    pay_min: Decimal | None
    pay_max: Decimal | None
    pay_unit: str
    skills: str
    certificates: str
    status: str
    last_active_on: dt.date
    referred_to: frozenset[uuid.UUID] = frozenset()  # posting ids already referred to


@dataclass(frozen=True, slots=True)
class PostingProfile:
    id: uuid.UUID
    title: str
    occupation_code: str
    occupation_group: str
    work_form: str
    district_code: str
    start_date: dt.date | None
    end_date: dt.date | None
    pay_min: Decimal | None
    pay_max: Decimal | None
    pay_unit: str
    age_min: int | None
    age_max: int | None
    sex: str  # "any" / "M" / "F"
    skill_requirements: str
    status: str
    open_headcount: int


@dataclass(frozen=True, slots=True)
class Reason:
    criterion: str
    points: float
    message: str  # English catalogue text, context "matching"
    params: tuple[tuple[str, str], ...] = ()
    blocks: bool = False  # a failed hard requirement: the match is not eligible

    def text(self) -> str:
        """The English text with its params filled in."""
        return self.message.format(**dict(self.params))


@dataclass(frozen=True, slots=True)
class Match:
    id: uuid.UUID  # the seeker's id when ranking seekers, the posting's when ranking postings
    score: float  # 0-100
    eligible: bool
    reasons: tuple[Reason, ...]

    def failed(self) -> tuple[Reason, ...]:
        """The reasons that make the match ineligible."""
        return tuple(r for r in self.reasons if r.blocks)


# the order of a Match's reasons; the last five are hard requirements
CRITERIA = ("job_type", "work_form", "pay", "district", "availability", "skills", "activity",
            "seeker_status", "posting", "age", "sex", "referral")  # fmt: skip
HARD = frozenset(CRITERIA[7:])  # no points; a failed one blocks the match


# Every reason text, one line each (context "matching"); {placeholders} filled after translation.
TEXTS = {
    "job.exact": QT_TRANSLATE_NOOP("matching", "Wants exactly this job type"),
    "job.group": QT_TRANSLATE_NOOP("matching", "Wants a job type of the same group"),
    "job.other": QT_TRANSLATE_NOOP("matching", "Wants other job types"),
    "job.none": QT_TRANSLATE_NOOP("matching", "No job type wanted is recorded"),
    "form.any": QT_TRANSLATE_NOOP("matching", "Any form of work suits"),
    "form.same": QT_TRANSLATE_NOOP("matching", "Wants this form of work: {form}"),
    "form.close": QT_TRANSLATE_NOOP("matching", "Wants {wanted}; {offered} is close"),
    "form.other": QT_TRANSLATE_NOOP("matching", "Wants {wanted}, not {offered}"),
    "pay.fit": QT_TRANSLATE_NOOP("matching", "Offers up to {offer} {unit}; meets the expected {expected} {unit}"),
    "pay.fit~": QT_TRANSLATE_NOOP("matching", "Offers up to {offer} {unit}; meets the expected {original} {original_unit} (about {expected} {unit})"),
    "pay.near": QT_TRANSLATE_NOOP("matching", "Offers up to {offer} {unit}; a little below the expected {expected} {unit}"),
    "pay.near~": QT_TRANSLATE_NOOP("matching", "Offers up to {offer} {unit}; a little below the expected {original} {original_unit} (about {expected} {unit})"),
    "pay.low": QT_TRANSLATE_NOOP("matching", "Offers up to {offer} {unit}; below the expected {expected} {unit}"),
    "pay.low~": QT_TRANSLATE_NOOP("matching", "Offers up to {offer} {unit}; below the expected {original} {original_unit} (about {expected} {unit})"),
    "pay.units": QT_TRANSLATE_NOOP("matching", "Pay not compared: expects pay {original_unit}, the job pays {unit}"),
    "pay.no_wish": QT_TRANSLATE_NOOP("matching", "No expected pay is recorded"),
    "pay.no_offer": QT_TRANSLATE_NOOP("matching", "The job states no pay"),
    "district.same": QT_TRANSLATE_NOOP("matching", "Lives in the county of the work"),
    "district.unknown": QT_TRANSLATE_NOOP("matching", "Not known whether the work is nearby"),
    "district.other": QT_TRANSLATE_NOOP("matching", "Lives in another county"),
    "available.now": QT_TRANSLATE_NOOP("matching", "Available now"),
    "available.start": QT_TRANSLATE_NOOP("matching", "Available by the start on {date}"),
    "available.late": QT_TRANSLATE_NOOP("matching", "Available from {date}, {days} days after the start"),
    "skills.none_asked": QT_TRANSLATE_NOOP("matching", "No particular skills are asked"),
    "skills.match": QT_TRANSLATE_NOOP("matching", "Skills or certificates match: {words}"),
    "skills.miss": QT_TRANSLATE_NOOP("matching", "Skills and certificates do not mention: {asked}"),
    "active.30": QT_TRANSLATE_NOOP("matching", "Active in the last 30 days ({date})"),
    "active.90": QT_TRANSLATE_NOOP("matching", "Active in the last 90 days ({date})"),
    "active.365": QT_TRANSLATE_NOOP("matching", "Active in the last year ({date})"),
    "active.old": QT_TRANSLATE_NOOP("matching", "Not active for over a year (last {date})"),
    "status.seeking": QT_TRANSLATE_NOOP("matching", "Is seeking work"),
    "status.not": QT_TRANSLATE_NOOP("matching", "Is not seeking work now ({status})"),
    "posting.open": QT_TRANSLATE_NOOP("matching", "The job is open: {count} places left"),
    "posting.not_open": QT_TRANSLATE_NOOP("matching", "The job is not open ({status})"),
    "posting.ended": QT_TRANSLATE_NOOP("matching", "The job ended on {date}"),
    "posting.full": QT_TRANSLATE_NOOP("matching", "The job has no places left"),
    "age.any": QT_TRANSLATE_NOOP("matching", "No age requirement"),
    "age.ok": QT_TRANSLATE_NOOP("matching", "Age {age} meets the requirement ({range})"),
    "age.fail": QT_TRANSLATE_NOOP("matching", "Age {age} is outside the requirement ({range})"),
    "sex.any": QT_TRANSLATE_NOOP("matching", "Men and women alike"),
    "sex.ok": QT_TRANSLATE_NOOP("matching", "Meets the requirement: {required}"),
    "sex.fail": QT_TRANSLATE_NOOP("matching", "Does not meet the requirement: {required}"),
    "referral.no": QT_TRANSLATE_NOOP("matching", "Not referred to this job yet"),
    "referral.yes": QT_TRANSLATE_NOOP("matching", "Already referred to this job"),
}  # fmt: skip


_LABELS: dict[tuple[type[Labelled], str], str] = {
    (enum, m.value): m.label
    for enum in (PayUnit, PersonStatus, PostingStatus, SexRequirement, WorkForm)
    for m in enum
}


def _label(enum: type[Labelled], value: str | None) -> str:
    return _LABELS.get((enum, value or ""), str(value))


@lru_cache(maxsize=4096)
def _money(value: Decimal) -> str:
    return f"{value.normalize():f}"


@lru_cache(maxsize=8192)  # most reasons repeat from one candidate to the next
def _r(criterion: str, points: float, text: str, **params: object) -> Reason:
    return Reason(criterion, points, TEXTS[text], tuple((k, str(v)) for k, v in params.items()))


@lru_cache(maxsize=1024)
def _block(criterion: str, text: str, **params: object) -> Reason:
    return replace(_r(criterion, 0, text, **params), blocks=True)


def _job_type(s: SeekerProfile, p: PostingProfile) -> Reason:
    if p.occupation_code in s.occupation_codes:
        return _r("job_type", 35, "job.exact")
    if p.occupation_group in s.occupation_groups:
        return _r("job_type", 20, "job.group")
    return _r("job_type", 0, "job.other" if s.occupation_codes else "job.none")


def _work_form(s: SeekerProfile, p: PostingProfile) -> Reason:
    if not s.work_form:
        return _r("work_form", 10, "form.any")
    wanted, offered = _label(WorkForm, s.work_form), _label(WorkForm, p.work_form)
    if s.work_form == p.work_form:
        return _r("work_form", 15, "form.same", form=offered)
    if frozenset((s.work_form, p.work_form)) in COMPATIBLE_FORMS:
        return _r("work_form", 8, "form.close", wanted=wanted, offered=offered)
    return _r("work_form", 0, "form.other", wanted=wanted, offered=offered)


_DAYS_IN = {
    PayUnit.HOUR.value: Decimal(1) / HOURS_PER_DAY,
    PayUnit.DAY.value: Decimal(1),
    PayUnit.MONTH.value: Decimal(DAYS_PER_MONTH),
}


def convert_pay(amount: Decimal, unit: str, to: str) -> Decimal | None:
    """Pay per ``unit`` as pay per ``to`` (8 hours a day, 26 days a month); None for piece work."""
    if unit == to:
        return amount
    if unit not in _DAYS_IN or to not in _DAYS_IN:
        return None
    return amount / _DAYS_IN[unit] * _DAYS_IN[to]


def _pay(s: SeekerProfile, p: PostingProfile) -> Reason:
    """The best offered pay against the lowest expected, in the posting's unit."""
    expected = s.pay_min if s.pay_min is not None else s.pay_max
    offer = p.pay_max if p.pay_max is not None else p.pay_min
    if expected is None or offer is None:
        return _r("pay", 8, "pay.no_wish" if expected is None else "pay.no_offer")
    unit, original_unit = _label(PayUnit, p.pay_unit), _label(PayUnit, s.pay_unit)
    wanted = convert_pay(expected, s.pay_unit, p.pay_unit)
    if wanted is None:
        return _r("pay", 8, "pay.units", original_unit=original_unit, unit=unit)
    outcome = "fit" if offer >= wanted else "near" if offer >= wanted * NEAR_PAY else "low"
    points = {"fit": 15, "near": 7, "low": 0}[outcome]
    if s.pay_unit == p.pay_unit:
        return _r("pay", points, f"pay.{outcome}", offer=_money(offer), unit=unit,
                  expected=_money(expected))  # fmt: skip
    # converted: a tenth of a yuan per hour, whole yuan per day or month
    shown = wanted.quantize(Decimal("0.1") if p.pay_unit == PayUnit.HOUR else Decimal(1))
    return _r("pay", points, f"pay.{outcome}~", offer=_money(offer), unit=unit,
              expected=_money(shown), original=_money(expected), original_unit=original_unit)  # fmt: skip


def _district(s: SeekerProfile, p: PostingProfile) -> Reason:
    if not s.district_code or not p.district_code:
        return _r("district", 5, "district.unknown")
    if s.district_code == p.district_code:
        return _r("district", 10, "district.same")
    return _r("district", 0, "district.other")


def _availability(s: SeekerProfile, p: PostingProfile, today: dt.date) -> Reason:
    ready = max(s.available_from or today, today)
    needed = max(p.start_date or today, today)
    if ready <= needed:
        if p.start_date is None or p.start_date <= today:
            return _r("availability", 10, "available.now")
        return _r("availability", 10, "available.start", date=p.start_date.isoformat())
    late = (ready - needed).days
    points = 5 if late <= LATE_DAYS else 0
    return _r("availability", points, "available.late", date=ready.isoformat(), days=late)


@lru_cache(maxsize=8192)
def keywords(text: str) -> frozenset[str]:
    """Latin words and digit runs (A2, c1) and pairs of Chinese characters of a text."""
    found = {w for w in _LATIN.findall(text.lower()) if len(w) > 1 or w.isdigit()}
    for run in _CJK.findall(text):
        found.update([run] if len(run) == 1 else (run[i : i + 2] for i in range(len(run) - 1)))
    return frozenset(found - _STOP)


def _skills(s: SeekerProfile, p: PostingProfile) -> Reason:
    """Soft: the share of the requirement's keywords found in skills and certificates."""
    wanted = keywords(p.skill_requirements)
    if not wanted:
        return _r("skills", 5, "skills.none_asked")
    common = wanted & keywords(s.skills + " " + s.certificates)
    if not common:
        return _r("skills", 0, "skills.miss", asked=p.skill_requirements.strip())
    phrases = [c for c in _CHUNKS.split(p.skill_requirements) if keywords(c) & common]
    return _r("skills", round(5 * len(common) / len(wanted), 1), "skills.match",
              words="、".join(phrases))  # fmt: skip


def _activity(s: SeekerProfile, today: dt.date) -> Reason:
    days, date = (today - s.last_active_on).days, s.last_active_on.isoformat()
    for within, points in ((30, 10), (90, 6), (365, 3)):
        if days <= within:
            return _r("activity", points, f"active.{within}", date=date)
    return _r("activity", 0, "active.old", date=date)


def _seeker_status(s: SeekerProfile) -> Reason:
    if s.status == PersonStatus.SEEKING:
        return _r("seeker_status", 0, "status.seeking")
    return _block("seeker_status", "status.not", status=_label(PersonStatus, s.status))


def _posting(p: PostingProfile, today: dt.date) -> Reason:
    why = why_no_referrals(p.status, p.open_headcount, p.end_date, today)
    if why is None:
        return _r("posting", 0, "posting.open", count=p.open_headcount)
    if why is NoReferrals.ENDED and p.end_date is not None:
        return _block("posting", "posting.ended", date=p.end_date.isoformat())
    if why is NoReferrals.FULL:
        return _block("posting", "posting.full")
    return _block("posting", "posting.not_open", status=_label(PostingStatus, p.status))


def _age(s: SeekerProfile, p: PostingProfile) -> Reason:
    lo, hi = p.age_min, p.age_max
    if lo is None and hi is None:
        return _r("age", 0, "age.any")
    span = f"≥{lo}" if hi is None else f"≤{hi}" if lo is None else f"{lo}–{hi}"
    if (lo is None or s.age >= lo) and (hi is None or s.age <= hi):
        return _r("age", 0, "age.ok", age=s.age, range=span)
    return _block("age", "age.fail", age=s.age, range=span)


def _sex(s: SeekerProfile, p: PostingProfile) -> Reason:
    if p.sex == SexRequirement.ANY:
        return _r("sex", 0, "sex.any")
    required = _label(SexRequirement, p.sex)
    if s.sex == p.sex:
        return _r("sex", 0, "sex.ok", required=required)
    return _block("sex", "sex.fail", required=required)


def _referral(s: SeekerProfile, p: PostingProfile) -> Reason:
    if p.id in s.referred_to:
        return _block("referral", "referral.yes")
    return _r("referral", 0, "referral.no")


def score(
    seeker: SeekerProfile,
    posting: PostingProfile,
    today: dt.date,
    *,
    side: Literal["seeker", "posting"] = "seeker",
) -> Match:
    """How well ``seeker`` fits ``posting`` today; the Match carries the id of ``side``."""
    reasons = (
        _job_type(seeker, posting),
        _work_form(seeker, posting),
        _pay(seeker, posting),
        _district(seeker, posting),
        _availability(seeker, posting, today),
        _skills(seeker, posting),
        _activity(seeker, today),
        _seeker_status(seeker),
        _posting(posting, today),
        _age(seeker, posting),
        _sex(seeker, posting),
        _referral(seeker, posting),
    )
    total = round(min(100.0, max(0.0, sum(r.points for r in reasons))), 1)
    eligible = not any(r.blocks for r in reasons)
    return Match(seeker.id if side == "seeker" else posting.id, total, eligible, reasons)


def _ranked(matches: Iterable[Match], limit: int, include_ineligible: bool) -> list[Match]:
    ordered = sorted(matches, key=lambda m: (not m.eligible, -m.score, m.id.int))
    eligible = [m for m in ordered if m.eligible][:limit]
    if not include_ineligible:
        return eligible
    return eligible + [m for m in ordered if not m.eligible][:limit]


def rank_seekers(
    posting: PostingProfile,
    seekers: Iterable[SeekerProfile],
    today: dt.date,
    limit: int = 20,
    *,
    include_ineligible: bool = False,
) -> list[Match]:
    """The best ``limit`` eligible seekers for a posting, best first, ties by id.

    With ``include_ineligible`` at most ``limit`` ineligible ones follow, best
    first, so the clerk can see why someone is missing.
    """
    return _ranked((score(s, posting, today) for s in seekers), limit, include_ineligible)


def rank_postings(
    seeker: SeekerProfile,
    postings: Iterable[PostingProfile],
    today: dt.date,
    limit: int = 20,
    *,
    include_ineligible: bool = False,
) -> list[Match]:
    """The best ``limit`` eligible open postings for a seeker; as ``rank_seekers``."""
    matches = (score(seeker, p, today, side="posting") for p in postings)
    return _ranked(matches, limit, include_ineligible)
