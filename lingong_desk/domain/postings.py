"""Rules of a job posting: when it takes referrals, and what a hire does to it.

The same rules run on the desk (``services/referrals.py``, ``domain/matching.py``,
the job board) and at the city (``lingong_city/rules.py``). The SQL form of
``takes_referrals`` is ``lingong_desk.db.postings.taking_referrals``, built from
``TAKING_REFERRALS`` below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from lingong_desk.domain.enums import PersonStatus, PostingStatus

# the statuses in which a posting takes referrals (and goes on the job board)
TAKING_REFERRALS = frozenset({PostingStatus.OPEN})

# what a job seeker becomes when a referral of theirs ends in a hire
PERSON_STATUS_AFTER_HIRE = PersonStatus.EMPLOYED


class NoReferrals(StrEnum):
    """Why a posting takes no referrals, in the order the checks are made."""

    DELETED = "deleted"
    NOT_OPEN = "not_open"  # its status is not one of TAKING_REFERRALS
    ENDED = "ended"  # its end date has passed
    FULL = "full"  # no places left


def why_no_referrals(
    status: str,
    places_left: int,
    end_date: dt.date | None,
    today: dt.date,
    deleted: bool = False,
) -> NoReferrals | None:
    """``None`` when the posting takes referrals today, else the first reason it does not.

    A posting takes referrals while it is not deleted, its status is open, its
    end date (if any) is today or later, and it has places left
    (``places_left = headcount - headcount_filled``).
    """
    if deleted:
        return NoReferrals.DELETED
    if status not in TAKING_REFERRALS:
        return NoReferrals.NOT_OPEN
    if end_date is not None and end_date < today:
        return NoReferrals.ENDED
    if places_left <= 0:
        return NoReferrals.FULL
    return None


def takes_referrals(
    status: str,
    places_left: int,
    end_date: dt.date | None,
    today: dt.date,
    deleted: bool = False,
) -> bool:
    return why_no_referrals(status, places_left, end_date, today, deleted) is None


@dataclass(frozen=True)
class PostingCount:
    """A posting's status and filled places."""

    status: str
    filled: int


def count_hire(status: str, headcount: int, filled: int) -> PostingCount:
    """A posting after one more hire: one more place filled; filling the last place
    of an open posting makes it ``filled`` (a closed or expired posting keeps its status)."""
    filled += 1
    if filled >= headcount and status == PostingStatus.OPEN:
        status = PostingStatus.FILLED.value
    return PostingCount(status, filled)


def hire_counted_by_desk(posting_market: str, hiring_market: str) -> bool:
    """Does the hiring desk raise the posting's count at once, for its clerk to see?
    Only on its own market's posting (it may not write another market's). The count
    that holds is the city's: it counts every hire, from every market, and every desk
    takes that count by pull (``sync.protocol.CITY_DERIVED``), so two markets hiring
    on one posting offline never lose a hire to a last-writer-wins merge."""
    return posting_market == hiring_market
