"""Guidance sessions: recording, refusals, follow-ups, a person's history."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from lingong_desk.db.models import GuidanceSession
from lingong_desk.domain.enums import GuidanceKind, ReferralStatus
from lingong_desk.domain.registration import DraftRejected
from lingong_desk.services.guidance import GuidanceDraft, GuidanceService
from lingong_desk.services.registry import Services
from tests import factories


@pytest.fixture
def person(services: Services) -> uuid.UUID:
    return factories.person(services, work_form="day").id


@pytest.fixture
def guidance(services: Services) -> GuidanceService:
    return GuidanceService(services.ctx)


def stored(services: Services) -> int:
    with services.ctx.reading() as s:
        return s.scalar(select(func.count()).select_from(GuidanceSession)) or 0


def shift(services: Services, days: int) -> None:
    """Let the market's clock read ``days`` after the first shift of the test."""
    base: dt.datetime = getattr(services, "_base", None) or services.ctx.now()
    services._base = base  # type: ignore[attr-defined]
    services.ctx.now = lambda: base + dt.timedelta(days=days)


def test_record_a_session(
    services: Services, guidance: GuidanceService, person: uuid.UUID, today: dt.date
) -> None:
    row = guidance.record(
        GuidanceDraft(
            person,
            GuidanceKind.TRAINING_REFERRAL,
            notes=" 想学月嫂 ",
            recommendation="县职教中心育婴员培训",
            follow_up_on=today + dt.timedelta(days=7),
        )
    )
    assert row.person_name == "张三"
    assert row.kind == "training"
    assert row.days_left == 7
    assert row.phone_masked == "138****5678"
    assert stored(services) == 1
    with services.ctx.reading() as s:
        g = s.get(GuidanceSession, row.id)
        assert g is not None and g.notes == "想学月嫂"
    assert guidance.person_choices("zs")[0][0] == person


@pytest.mark.parametrize(
    ("draft", "fields"),
    [
        (GuidanceDraft(None, "career", notes="x"), {"person"}),
        (GuidanceDraft(uuid.uuid4(), "nonsense", notes="x"), {"kind"}),
        (GuidanceDraft(uuid.uuid4(), "career"), {"notes"}),
    ],
)
def test_refusals_store_nothing(
    services: Services,
    guidance: GuidanceService,
    person: uuid.UUID,
    draft: GuidanceDraft,
    fields: set[str],
) -> None:
    if draft.person_id is not None:
        draft = GuidanceDraft(person, draft.kind, draft.notes)
    with pytest.raises(DraftRejected) as refused:
        guidance.record(draft)
    assert set(refused.value.problems) == fields
    assert stored(services) == 0


def test_follow_up_date_in_the_past_is_refused(
    services: Services, guidance: GuidanceService, person: uuid.UUID, today: dt.date
) -> None:
    with pytest.raises(DraftRejected) as refused:
        guidance.record(
            GuidanceDraft(person, "policy", notes="补贴", follow_up_on=today - dt.timedelta(1))
        )
    problem = refused.value.problems["follow_up_on"]
    assert problem.params == {"today": today.isoformat()}
    assert stored(services) == 0
    # today itself is fine
    guidance.record(GuidanceDraft(person, "policy", notes="补贴", follow_up_on=today))
    assert stored(services) == 1


def test_unknown_person_is_refused(services: Services, guidance: GuidanceService) -> None:
    with pytest.raises(DraftRejected):
        guidance.record(GuidanceDraft(uuid.uuid4(), "career", notes="x"))
    assert stored(services) == 0


def test_follow_ups_due_and_overdue(
    services: Services, guidance: GuidanceService, person: uuid.UUID
) -> None:
    shift(services, 0)
    today = services.ctx.today()
    soon = guidance.record(
        GuidanceDraft(person, "career", notes="a", follow_up_on=today + dt.timedelta(days=2))
    )
    later = guidance.record(
        GuidanceDraft(person, "policy", notes="b", follow_up_on=today + dt.timedelta(days=5))
    )
    guidance.record(GuidanceDraft(person, "career", notes="no follow-up"))
    assert [r.id for r in guidance.follow_ups()] == [soon.id, later.id]
    assert guidance.follow_ups(upcoming=False) == []

    shift(services, 2)
    due = guidance.follow_ups(upcoming=False)
    assert [r.id for r in due] == [soon.id]
    assert due[0].due_today and not due[0].overdue

    shift(services, 4)  # the first is two days overdue, the second due tomorrow
    rows = guidance.follow_ups()
    assert rows[0].id == soon.id and rows[0].overdue and rows[0].days_left == -2
    assert rows[1].id == later.id and rows[1].days_left == 1

    done = guidance.mark_followed_up(soon.id, " 已报名培训 ")
    assert done.followed_up_at is not None and done.follow_up_note == "已报名培训"
    assert [r.id for r in guidance.follow_ups()] == [later.id]


def test_history_across_windows(
    services: Services, guidance: GuidanceService, person: uuid.UUID, today: dt.date
) -> None:
    posting = factories.posting(services, **factories.ESTATE_JOB)
    shift(services, 0)
    referral = services.referrals.issue(person, posting.id)
    shift(services, 1)
    services.referrals.record(referral.id, ReferralStatus.INTENTION)
    shift(services, 2)
    guidance.record(GuidanceDraft(person, "entrepreneurship", recommendation="创业担保贷款"))

    items = guidance.history(person)
    assert [(i.window, i.what) for i in items] == [
        ("guidance", "Guidance: {kind}"),
        ("referral", "Referral: {status}"),
        ("referral", "Referral: {status}"),
        ("registration", "Registered as a job seeker"),
    ]
    assert dict(items[0].params) == {"kind": "Entrepreneurship"}
    assert items[0].detail == "创业担保贷款"
    assert dict(items[1].params) == {"status": "Preliminary intention"}
    assert dict(items[2].params) == {"status": "Issued"}
    assert referral.number in items[2].detail and "小区保洁员" in items[2].detail
    assert [i.at for i in items] == sorted((i.at for i in items), reverse=True)
