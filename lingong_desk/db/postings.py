"""The SQL form of the posting rules of ``lingong_desk.domain.postings``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, or_

from lingong_desk.db.models import JobPosting
from lingong_desk.domain.postings import TAKING_REFERRALS


def taking_referrals(today: dt.date) -> list[ColumnElement[bool]]:
    """``domain.postings.takes_referrals`` as conditions on ``job_posting``: not deleted,
    a status of ``TAKING_REFERRALS``, not ended before ``today``, places left."""
    return [
        JobPosting.deleted_at.is_(None),
        JobPosting.status.in_(sorted(TAKING_REFERRALS)),
        or_(JobPosting.end_date.is_(None), JobPosting.end_date >= today),
        JobPosting.headcount_filled < JobPosting.headcount,
    ]
