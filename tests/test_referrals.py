"""Referral numbers, the state machine, and the referral service."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from lingong_desk.db.models import JobPosting, OutboxEntry, Person
from lingong_desk.domain import referral as rules
from lingong_desk.domain.enums import ReferralStatus as S
from lingong_desk.services.referrals import ReferralRefused, ReferralService
from lingong_desk.services.registry import Services
from tests import factories


def test_numbers_keep_markets_years_and_desks_apart() -> None:
    assert rules.referral_number("ZY", 2026, 1, 123) == "ZY-2026-100123"
    assert rules.referral_number("ZY", 2026, 2, 123) == "ZY-2026-200123"
    assert rules.looks_like_number(" zy-2026-100123 ")
    assert not rules.looks_like_number("ZY-2026-123")
    with pytest.raises(ValueError):
        rules.referral_number("ZY", 2026, 0, 1)


def test_validity_counts_the_day_of_issue() -> None:
    assert rules.valid_until(dt.date(2026, 11, 28)) == dt.date(2026, 12, 9)
    assert rules.valid_until(dt.date(2026, 11, 28), 1) == dt.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("current", "target", "steps"),
    [
        (S.ISSUED, S.INTENTION, [S.INTENTION]),
        (S.ISSUED, S.HIRED, [S.INTENTION, S.HIRED]),
        (S.INTENTION, S.HIRED, [S.HIRED]),
        (S.INTENTION, S.NOT_HIRED, [S.NOT_HIRED]),
        (S.ISSUED, S.NO_SHOW, [S.NO_SHOW]),
        (S.EXPIRED, S.VOID, [S.VOID]),
    ],
)
def test_allowed_moves(current: S, target: S, steps: list[S]) -> None:
    assert rules.path(current, target) == steps


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.HIRED, S.NOT_HIRED),
        (S.NO_SHOW, S.HIRED),
        (S.INTENTION, S.NO_SHOW),
        (S.EXPIRED, S.HIRED),
        (S.VOID, S.ISSUED),
        (S.INTENTION, S.ISSUED),
    ],
)
def test_illegal_moves_are_refused_with_a_message(current: S, target: S) -> None:
    with pytest.raises(rules.IllegalTransition) as err:
        rules.path(current, target)
    assert err.value.message


@pytest.fixture
def market(services: Services) -> dict[str, uuid.UUID]:
    people = factories.people(
        services,
        ("14022619800301123", "张三"),
        ("14022619850402234", "李四"),
        ("14022619900503345", "王五"),
    )
    return {**people, "posting": factories.posting(services).id}


def test_issue_numbers_in_sequence_and_refuses_a_second_referral(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    referrals = ReferralService(services.ctx)
    year = services.ctx.today().year
    first = referrals.issue(market["张三"], market["posting"])
    second = referrals.issue(market["李四"], market["posting"])
    assert first.number == f"ZY-{year}-100001"
    assert second.number == f"ZY-{year}-100002"
    assert first.status == S.ISSUED
    assert first.valid_until == services.ctx.today() + dt.timedelta(days=11)
    assert first.person_id_masked.startswith("140226********")
    assert first.clerk_name == "王芳"
    with pytest.raises(ReferralRefused, match="already referred"):
        referrals.issue(market["张三"], market["posting"])
    with services.ctx.reading() as s:
        entries = list(
            s.scalars(
                select(OutboxEntry.entity).where(
                    OutboxEntry.entity.in_(["referral", "referral_event"])
                )
            )
        )
    assert entries.count("referral") == 2 and entries.count("referral_event") == 2


def test_desk_number_and_validity_are_settings(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    referrals = ReferralService(services.ctx)
    referrals.set_desk_options(3, 5)
    r = referrals.issue(market["张三"], market["posting"])
    assert r.number.endswith("-300001")
    assert r.valid_until == services.ctx.today() + dt.timedelta(days=4)


def test_intention_then_hire_fills_the_posting_and_the_funnel(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    referrals = ReferralService(services.ctx)
    a = referrals.issue(market["张三"], market["posting"])
    b = referrals.issue(market["李四"], market["posting"])
    c = referrals.issue(market["王五"], market["posting"])
    referrals.record(a.id, S.INTENTION)
    hired = referrals.record(a.id, S.HIRED)
    assert hired.status == S.HIRED
    assert [e.to_status for e in hired.events] == [S.ISSUED, S.INTENTION, S.HIRED]
    referrals.record(b.id, S.HIRED)  # straight from issued: intention recorded too
    with services.ctx.reading() as s:
        posting = s.get(JobPosting, market["posting"])
        assert posting is not None
        assert posting.headcount_filled == 2 and posting.status == "filled"
        person = s.get(Person, market["张三"])
        assert person is not None and person.status == "employed"
    with pytest.raises(rules.IllegalTransition):
        referrals.record(a.id, S.NOT_HIRED)
    with pytest.raises(ReferralRefused, match="reason"):
        referrals.record(c.id, S.NOT_HIRED)
    referrals.record(c.id, S.NOT_HIRED, "岗位已招满")
    today, month = referrals.funnels()
    assert (today.referrals, today.intentions, today.hires) == (3, 2, 2)
    assert month == today
    assert referrals.follow_up(overdue=False) == []


def test_a_filled_or_closed_posting_takes_no_more_referrals(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    referrals = ReferralService(services.ctx)
    services.employers.close_posting(market["posting"])
    with pytest.raises(ReferralRefused, match="no longer open"):
        referrals.issue(market["张三"], market["posting"])


def test_unanswered_slips_expire_after_their_validity(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    referrals = ReferralService(services.ctx)
    r = referrals.issue(market["张三"], market["posting"])
    waiting = referrals.follow_up(overdue=False)
    assert [w.number for w in waiting] == [r.number]
    real_now = services.ctx.now
    services.ctx.now = lambda: real_now() + dt.timedelta(days=13)
    try:
        overdue = referrals.follow_up(overdue=True)
        assert [(o.number, o.status) for o in overdue] == [(r.number, S.EXPIRED)]
        with pytest.raises(rules.IllegalTransition, match="expired"):
            referrals.record(r.id, S.INTENTION)
        # a refused move stores nothing; the daily sweep marks the slip expired
        assert referrals.expire_overdue() == 1
        assert referrals.detail(r.id).status == S.EXPIRED  # type: ignore[union-attr]
        assert referrals.expire_overdue() == 0
        voided = referrals.record(r.id, S.VOID, "逾期未反馈")
        assert voided.status == S.VOID
        # a voided slip does not block a new referral to the same posting
        again = referrals.issue(market["张三"], market["posting"])
        assert again.status == S.ISSUED
    finally:
        services.ctx.now = real_now


def test_scanned_numbers_are_found_in_any_case(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    referrals = ReferralService(services.ctx)
    r = referrals.issue(market["张三"], market["posting"])
    found = referrals.find_by_number(r.number.lower() + "\n")
    assert found is not None and found.id == r.id
    assert referrals.find_by_number("ZY-1999-100001") is None
