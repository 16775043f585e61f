"""Candidates for job matching (人岗匹配), read as profiles for domain/matching.py.

SQL does what it can through indexes; Python scores a bounded set of a few
hundred candidates, so ranking stays fast at 100,000 job seekers.

For a posting, job seekers come in two buckets, each the most recently active
ones (``last_active_at`` descending, then id) who are seeking, not deleted
and, with ``hard_filters``, of the posting's sex and age (a birth-date range):

- up to ``cap`` who want the posting's exact job type;
- up to ``cap // 2`` more who want another job type of its group (the first
  three code segments, 4-10-01-06 -> 4-10-01) but not the exact one. The
  group's codes are the two ranges of ``person_occupation(occupation_code,
  person_id)`` on either side of the exact code, so no catalogue is needed.

A bucket is read one of two ways, chosen by counting at most ``SMALL_SET + 1``
of its entries in that covering index: a small one by looking up each member
and sorting them; a large one by walking the seekers newest-active first,
keeping members, until ``cap`` are found. The walk needs an index on
``person(status, last_active_at, id, sex, birth_date)``, which the schema does
not have yet; without it SQLite reads a large bucket the first way too, which
gives the same candidates but takes several times longer (bench/README.md,
"Job matching").

What the bounding trades away: a seeker outside both buckets (who wants only
other job types, or has none recorded) is never suggested for the posting;
in a job type wanted by thousands, someone not seen for a while is left out
even if pay or availability would have ranked them high. The walk reads
about ``cap`` x (seekers / bucket size) index entries, more when the posting's
sex or age leaves out many of the bucket. Bucket membership ignores the
tombstones of ``person_occupation`` (reading them would cost a row per
member); profiles carry only live wishes, so a removed wish can cost someone
else a place in a bucket, never give a wrong score.

For a job seeker, the postings that take referrals (``db.postings.taking_referrals``:
status open, places left, not ended, not deleted; with ``hard_filters`` also
open to the seeker's sex and age) come in three buckets, newest published
first: up to ``cap`` of the wanted job types, ``cap // 2`` of their groups and
``OTHER_POSTINGS`` of any other type. A market holds a few thousand postings,
so these need no new index.

``referred_to`` holds the non-deleted referrals that matter to the query: all
of the one person's (posting_candidates), or those to the one posting
(seeker_candidates).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    String,
    and_,
    cast,
    exists,
    false,
    func,
    not_,
    or_,
    select,
)
from sqlalchemy.orm import Session

from lingong_desk.db.models import JobPosting, Person, PersonOccupation, Referral
from lingong_desk.db.postings import taking_referrals
from lingong_desk.domain.calendar import age_on, market_day
from lingong_desk.domain.matching import (
    PostingProfile,
    SeekerProfile,
    birth_date_range,
    group_of,
)
from lingong_desk.domain.referral import REFERRABLE_AGAIN

SMALL_SET = 1000  # a bucket of at most this many wishes is read whole and sorted
DEFAULT_CAP = 200
OTHER_POSTINGS = 100

_Row = Row[*tuple[Any, ...]]

_SEEKER_COLUMNS = (
    Person.id,
    Person.name,
    Person.sex,
    Person.birth_date,
    Person.work_form,
    Person.district_code,
    Person.available_from,
    Person.pay_min,
    Person.pay_max,
    Person.pay_unit,
    Person.skills,
    Person.certificates,
    Person.status,
    Person.last_active_at,
)
_POSTING_COLUMNS = (
    JobPosting.id,
    JobPosting.title,
    JobPosting.occupation_code,
    JobPosting.work_form,
    JobPosting.district_code,
    JobPosting.start_date,
    JobPosting.end_date,
    JobPosting.pay_min,
    JobPosting.pay_max,
    JobPosting.pay_unit,
    JobPosting.age_min,
    JobPosting.age_max,
    JobPosting.sex,
    JobPosting.skill_requirements,
    JobPosting.status,
    JobPosting.headcount,
    JobPosting.headcount_filled,
)


def _in_group(col: Any, group: str) -> ColumnElement[bool]:
    """``col`` is a code of ``group``: a prefix range ("-" sorts just before ".")."""
    return and_(col >= group + "-", col < group + ".")


def seeker_profile(
    row: _Row, codes: Sequence[str], today: dt.date, referred: Iterable[uuid.UUID] = ()
) -> SeekerProfile:
    """A profile from a row of ``_SEEKER_COLUMNS`` (unpacked: much faster than by name)."""
    (id_, name, sex, birth, form, district, available, lo, hi, unit, skills, certs, status,
     active, *_) = row  # fmt: skip
    return SeekerProfile(
        id_, name, sex, age_on(birth, today), tuple(codes),
        tuple(dict.fromkeys(group_of(c) for c in codes)), form, district, available, lo, hi,
        unit, skills, certs, status, market_day(active), frozenset(referred),
    )  # fmt: skip


def posting_profile(row: _Row) -> PostingProfile:
    """A profile from a row of ``_POSTING_COLUMNS``."""
    (id_, title, code, form, district, start, end, lo, hi, unit, age_min, age_max, sex,
     skills, status, headcount, filled) = row  # fmt: skip
    return PostingProfile(
        id_, title, code, group_of(code), form, district, start, end, lo, hi, unit, age_min,
        age_max, sex, skills, status, headcount - filled,
    )  # fmt: skip


def _wanted_codes(conn: Connection, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """The live wishes of these people, in their order of preference."""
    codes: dict[uuid.UUID, list[str]] = defaultdict(list)
    if not ids:
        return codes
    rows = conn.execute(
        select(PersonOccupation.person_id, PersonOccupation.occupation_code)
        .where(PersonOccupation.person_id.in_(ids), PersonOccupation.deleted_at.is_(None))
        .order_by(PersonOccupation.person_id, PersonOccupation.rank)
    )
    for person_id, code in rows:
        codes[person_id].append(code)
    return codes


def _seeker_bucket(
    conn: Connection, wish: ColumnElement[bool], filters: list[ColumnElement[bool]], limit: int
) -> list[tuple[_Row, list[str]]]:
    """The ``limit`` most recently active seekers with a wish matching ``wish``, with
    their live wishes in order of preference."""
    members = select(PersonOccupation.person_id).where(wish)  # covering index, no tombstone
    size = conn.scalar(select(func.count()).select_from(members.limit(SMALL_SET + 1).subquery()))
    # A small bucket: read each member by key and sort. ``status || ''`` keeps
    # SQLite from walking the recency index, which pays only for large buckets.
    status = Person.status if (size or 0) > SMALL_SET else Person.status.concat("")
    picked = (
        select(*_SEEKER_COLUMNS)
        .where(status == "seeking", Person.id.in_(members), *filters)
        .order_by(Person.last_active_at.desc(), Person.id)
        .limit(limit)
        .subquery()
    )
    wishes = (  # "rank:code rank:code", read for the picked rows only
        select(
            func.group_concat(
                cast(PersonOccupation.rank, String) + ":" + PersonOccupation.occupation_code, " "
            )
        )
        .where(PersonOccupation.person_id == picked.c.id, PersonOccupation.deleted_at.is_(None))
        .scalar_subquery()
    )
    # the outer ORDER BY keeps SQLite from merging the two queries
    stmt = select(picked, wishes).order_by(picked.c.last_active_at.desc(), picked.c.id)
    return [(row, _by_rank(row[-1])) for row in conn.execute(stmt)]


def _by_rank(wishes: str | None) -> list[str]:
    pairs = (w.split(":", 1) for w in (wishes or "").split())
    return [code for _rank, code in sorted((int(r), c) for r, c in pairs)]


def seeker_candidates(
    session: Session,
    posting_id: uuid.UUID,
    today: dt.date,
    cap: int = DEFAULT_CAP,
    *,
    hard_filters: bool = True,
) -> tuple[PostingProfile, list[SeekerProfile]]:
    """The posting and the job seekers worth scoring for it (see the module docstring)."""
    conn = session.connection()
    row = conn.execute(
        select(*_POSTING_COLUMNS).where(
            JobPosting.id == posting_id, JobPosting.deleted_at.is_(None)
        )
    ).first()
    if row is None:
        raise LookupError(f"no posting {posting_id}")
    posting = posting_profile(row)
    filters: list[ColumnElement[bool]] = [Person.deleted_at.is_(None)]
    if hard_filters:
        if posting.sex in ("M", "F"):
            filters.append(Person.sex == posting.sex)
        born_after, born_by = birth_date_range(today, posting.age_min, posting.age_max)
        if born_after is not None:
            filters.append(Person.birth_date > born_after)
        if born_by is not None:
            filters.append(Person.birth_date <= born_by)
    code, group = posting.occupation_code, posting.occupation_group
    exact = PersonOccupation.occupation_code == code
    rows = _seeker_bucket(conn, exact, filters, cap)
    wish = PersonOccupation.occupation_code
    others = or_(  # the group's other codes: two ranges, so the exact code is never read
        and_(wish >= group + "-", wish < code), and_(wish > code, wish < group + ".")
    )
    not_exact = ~exists().where(PersonOccupation.person_id == Person.id, exact)
    rows += _seeker_bucket(conn, others, [*filters, not_exact], cap // 2)
    referred = set(
        conn.scalars(
            select(Referral.person_id).where(
                Referral.posting_id == posting_id,
                Referral.deleted_at.is_(None),
                Referral.status.not_in(REFERRABLE_AGAIN),
            )
        )
    )
    seekers = [
        seeker_profile(r, codes, today, [posting_id] if r[0] in referred else [])
        for r, codes in rows
    ]
    return posting, seekers


def posting_candidates(
    session: Session,
    person_id: uuid.UUID,
    today: dt.date,
    cap: int = DEFAULT_CAP,
    *,
    hard_filters: bool = True,
) -> tuple[SeekerProfile, list[PostingProfile]]:
    """The job seeker and the open postings worth scoring for them (see the module docstring)."""
    conn = session.connection()
    row = conn.execute(
        select(*_SEEKER_COLUMNS).where(Person.id == person_id, Person.deleted_at.is_(None))
    ).first()
    if row is None:
        raise LookupError(f"no job seeker {person_id}")
    referred = conn.scalars(
        select(Referral.posting_id).where(
            Referral.person_id == person_id,
            Referral.deleted_at.is_(None),
            Referral.status.not_in(REFERRABLE_AGAIN),
        )
    )
    seeker = seeker_profile(row, _wanted_codes(conn, [person_id])[person_id], today, referred)
    filters = taking_referrals(today)
    if hard_filters:
        filters += [
            JobPosting.sex.in_(["any", seeker.sex]),
            or_(JobPosting.age_min.is_(None), JobPosting.age_min <= seeker.age),
            or_(JobPosting.age_max.is_(None), JobPosting.age_max >= seeker.age),
        ]
    code = JobPosting.occupation_code
    exact = code.in_(seeker.occupation_codes)
    grouped = or_(false(), *(_in_group(code, g) for g in seeker.occupation_groups))
    buckets = (
        (exact, cap),
        (and_(grouped, not_(exact)), cap // 2),
        (not_(grouped), OTHER_POSTINGS),
    )
    postings: list[PostingProfile] = []
    for cond, limit in buckets:
        stmt = (
            select(*_POSTING_COLUMNS)
            .where(cond, *filters)
            .order_by(JobPosting.published_at.desc(), JobPosting.id)
            .limit(limit)
        )
        postings += map(posting_profile, conn.execute(stmt))
    return seeker, postings
