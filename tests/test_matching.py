"""Job matching: the pure scorer and ranking, and the candidate queries."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event

from lingong_desk.db import matching as dbm
from lingong_desk.db.models import Referral
from lingong_desk.domain.matching import (
    CRITERIA,
    HARD,
    TEXTS,
    Match,
    PostingProfile,
    Reason,
    SeekerProfile,
    birth_date_range,
    convert_pay,
    group_of,
    keywords,
    rank_postings,
    rank_seekers,
    score,
)
from lingong_desk.services.registry import Services
from tests import factories

TODAY = dt.date(2025, 6, 2)
CLEANER, WASTE, DRIVER = "4-09-08-01", "4-09-08-02", "4-02-02-02"


def seeker(**changes: Any) -> SeekerProfile:
    base = SeekerProfile(
        id=uuid.UUID(int=1),
        name="张三",
        sex="F",
        age=40,
        occupation_codes=(CLEANER,),
        occupation_groups=("4-09-08",),
        work_form="day",
        district_code="140226",
        available_from=None,
        pay_min=Decimal(150),
        pay_max=None,
        pay_unit="day",
        skills="",
        certificates="",
        status="seeking",
        last_active_on=TODAY,
    )
    return dataclasses.replace(base, **changes)


def posting(**changes: Any) -> PostingProfile:
    base = PostingProfile(
        id=uuid.UUID(int=1000),
        title="小区保洁员",
        occupation_code=CLEANER,
        occupation_group="4-09-08",
        work_form="day",
        district_code="140226",
        start_date=None,
        end_date=None,
        pay_min=Decimal(150),
        pay_max=Decimal(180),
        pay_unit="day",
        age_min=None,
        age_max=None,
        sex="any",
        skill_requirements="",
        status="open",
        open_headcount=2,
    )
    return dataclasses.replace(base, **changes)


def reason(match: Match, criterion: str) -> Reason:
    (found,) = [r for r in match.reasons if r.criterion == criterion]
    return found


# ---- the scorer ---------------------------------------------------------


def test_exact_job_type_beats_same_group_beats_another() -> None:
    exact = score(seeker(), posting(), TODAY)
    group = score(seeker(occupation_codes=(WASTE,)), posting(), TODAY)
    other = score(
        seeker(occupation_codes=(DRIVER,), occupation_groups=("4-02-02",)), posting(), TODAY
    )
    assert exact.score > group.score > other.score
    assert [reason(m, "job_type").points for m in (exact, group, other)] == [35, 20, 0]
    assert reason(group, "job_type").text() == "Wants a job type of the same group"
    assert all(m.eligible for m in (exact, group, other))


def test_every_match_has_one_reason_per_criterion_in_order() -> None:
    cases = [
        score(seeker(), posting(), TODAY),
        score(seeker(status="paused", work_form=None, pay_min=None), posting(sex="M"), TODAY),
        score(seeker(pay_unit="piece"), posting(status="closed", age_min=50), TODAY),
    ]
    for match in cases:
        assert tuple(r.criterion for r in match.reasons) == CRITERIA
        assert all(r.message in TEXTS.values() for r in match.reasons)
        assert all(r.text() for r in match.reasons)  # every placeholder is filled
        assert all(r.points == 0 for r in match.reasons if r.criterion in HARD)
        assert 0 <= match.score <= 100


def test_a_perfect_candidate_scores_100() -> None:
    assert score(seeker(), posting(), TODAY).score == 100


@pytest.mark.parametrize(
    ("age", "age_min", "age_max", "eligible"),
    [(40, 18, 50, True), (40, 40, 40, True), (51, None, 50, False), (17, 18, None, False)],
)
def test_age_requirement_is_hard(
    age: int, age_min: int | None, age_max: int | None, eligible: bool
) -> None:
    match = score(seeker(age=age), posting(age_min=age_min, age_max=age_max), TODAY)
    assert match.eligible is eligible
    assert reason(match, "age").blocks is not eligible
    if not eligible:
        assert match.failed() == (reason(match, "age"),)
        assert reason(match, "age").text().startswith(f"Age {age} is outside the requirement")


def test_sex_requirement_is_hard() -> None:
    match = score(seeker(sex="M"), posting(sex="F"), TODAY)
    assert not match.eligible
    assert reason(match, "sex").text() == "Does not meet the requirement: Women only"
    # an enum label in the params is translated in context "enums" by the UI
    assert dict(reason(match, "sex").params) == {"required": "Women only"}
    assert score(seeker(sex="F"), posting(sex="F"), TODAY).eligible


def test_already_referred_is_ineligible() -> None:
    job = posting()
    match = score(seeker(referred_to=frozenset({job.id})), job, TODAY)
    assert not match.eligible
    assert [r.text() for r in match.failed()] == ["Already referred to this job"]
    other = score(seeker(referred_to=frozenset({uuid.uuid4()})), job, TODAY)
    assert other.eligible


@pytest.mark.parametrize(
    ("seeker_changes", "posting_changes", "text"),
    [
        ({"status": "employed"}, {}, "Is not seeking work now (Employed)"),
        ({"status": "paused"}, {}, "Is not seeking work now (Not seeking)"),
        ({}, {"status": "closed"}, "The job is not open (Closed)"),
        ({}, {"open_headcount": 0}, "The job has no places left"),
        ({}, {"end_date": TODAY - dt.timedelta(days=1)}, "The job ended on 2025-06-01"),
    ],
)
def test_status_and_posting_state_are_hard(
    seeker_changes: dict[str, Any], posting_changes: dict[str, Any], text: str
) -> None:
    match = score(seeker(**seeker_changes), posting(**posting_changes), TODAY)
    assert not match.eligible
    assert [r.text() for r in match.failed()] == [text]
    assert score(seeker(), posting(end_date=TODAY), TODAY).eligible  # ends today: still open


def test_pay_units_convert_at_8_hours_a_day_and_26_days_a_month() -> None:
    assert convert_pay(Decimal(25), "hour", "day") == 200
    assert convert_pay(Decimal(5200), "month", "day") == 200
    assert convert_pay(Decimal(200), "day", "month") == 5200
    assert convert_pay(Decimal(200), "day", "hour") == 25
    assert convert_pay(Decimal(200), "day", "piece") is None


@pytest.mark.parametrize(
    ("expected", "unit", "points", "text"),
    [
        (150, "day", 15, "Offers up to 180 per day; meets the expected 150 per day"),
        (
            4000,
            "month",
            15,
            "Offers up to 180 per day; meets the expected 4000 per month (about 154 per day)",
        ),
        (
            25,
            "hour",
            7,
            "Offers up to 180 per day; a little below the expected 25 per hour (about 200 per day)",
        ),
        (
            30,
            "hour",
            0,
            "Offers up to 180 per day; below the expected 30 per hour (about 240 per day)",
        ),
        (2, "piece", 8, "Pay not compared: expects pay per piece, the job pays per day"),
    ],
)
def test_pay_fit_compares_in_the_posting_unit(
    expected: int, unit: str, points: float, text: str
) -> None:
    match = score(seeker(pay_min=Decimal(expected), pay_unit=unit), posting(), TODAY)
    assert reason(match, "pay").points == points
    assert reason(match, "pay").text() == text


def test_pay_without_figures_is_neutral() -> None:
    no_wish = score(seeker(pay_min=None), posting(), TODAY)
    no_offer = score(seeker(), posting(pay_min=None, pay_max=None), TODAY)
    assert reason(no_wish, "pay").text() == "No expected pay is recorded"
    assert reason(no_offer, "pay").text() == "The job states no pay"
    assert reason(no_wish, "pay").points == reason(no_offer, "pay").points == 8


def test_work_form_match_compatible_mismatch_and_no_preference() -> None:
    points = {
        form: reason(score(seeker(work_form=form), posting(work_form="day"), TODAY), "work_form")
        for form in ("day", "short", "long", None)
    }
    assert [points[f].points for f in ("day", None, "short", "long")] == [15, 10, 8, 0]
    assert points["long"].text() == "Wants Long term, not Day work"


def test_availability_district_and_recent_activity() -> None:
    start = TODAY + dt.timedelta(days=5)
    late = score(
        seeker(available_from=start + dt.timedelta(days=3)), posting(start_date=start), TODAY
    )
    assert reason(late, "availability").points == 5
    assert (
        reason(late, "availability").text() == "Available from 2025-06-10, 3 days after the start"
    )
    in_time = score(seeker(available_from=start), posting(start_date=start), TODAY)
    assert reason(in_time, "availability").text() == "Available by the start on 2025-06-07"
    far = score(
        seeker(available_from=start + dt.timedelta(days=30)), posting(start_date=start), TODAY
    )
    assert reason(far, "availability").points == 0
    assert [
        reason(score(seeker(district_code=d), posting(), TODAY), "district").points
        for d in ("140226", "", "140213")
    ] == [10, 5, 0]
    ago = [0, 30, 31, 90, 91, 365, 366]
    activity = [
        reason(
            score(seeker(last_active_on=TODAY - dt.timedelta(days=d)), posting(), TODAY), "activity"
        )
        for d in ago
    ]
    assert [r.points for r in activity] == [10, 10, 6, 6, 3, 3, 0]
    assert activity[-1].text() == "Not active for over a year (last 2024-06-01)"


def test_skill_requirements_are_a_soft_keyword_overlap() -> None:
    job = posting(skill_requirements="持健康证，会开车")
    both = score(seeker(certificates="健康证；C1驾驶证", skills="会开车"), job, TODAY)
    half = score(seeker(certificates="健康证"), job, TODAY)
    none = score(seeker(skills="会砌墙"), job, TODAY)
    assert reason(both, "skills").points > reason(half, "skills").points > 0
    assert reason(half, "skills").text() == "Skills or certificates match: 持健康证"
    assert reason(none, "skills").points == 0
    assert (
        reason(none, "skills").text() == "Skills and certificates do not mention: 持健康证，会开车"
    )
    assert none.eligible  # soft: never a reason to leave someone out
    assert "a2" in keywords("A2驾驶证") and "优先" not in keywords("有经验者优先")


def test_reasons_and_matches_are_frozen_and_hashable() -> None:
    match = score(seeker(), posting(), TODAY)
    assert hash(match) == hash(score(seeker(), posting(), TODAY))
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.reasons[0].points = 0  # type: ignore[misc]


def test_ranking_is_deterministic_eligible_first_and_limited() -> None:
    good = [seeker(id=uuid.UUID(int=i)) for i in range(10, 40)]  # all score 100
    weaker = [seeker(id=uuid.UUID(int=i), district_code="") for i in range(40, 45)]
    barred = [seeker(id=uuid.UUID(int=i), age=70) for i in range(5)]
    job = posting(age_max=60)
    everyone = good + weaker + barred
    first = rank_seekers(job, everyone, TODAY)
    assert [m.id.int for m in first] == list(range(10, 30))  # ties by id
    for seed in range(3):
        shuffled = everyone[:]
        random.Random(seed).shuffle(shuffled)
        assert rank_seekers(job, shuffled, TODAY) == first
    all_eligible = rank_seekers(job, everyone, TODAY, limit=100)
    assert len(all_eligible) == 35 and all(m.eligible for m in all_eligible)
    assert [m.id.int for m in all_eligible[-5:]] == list(range(40, 45))
    with_barred = rank_seekers(job, everyone, TODAY, limit=100, include_ineligible=True)
    assert [m.id.int for m in with_barred[35:]] == list(range(5))
    assert all(not m.eligible and m.failed()[0].criterion == "age" for m in with_barred[35:])


def test_rank_postings_carries_posting_ids() -> None:
    jobs = [
        posting(id=uuid.UUID(int=1)),
        posting(id=uuid.UUID(int=2), occupation_code=WASTE),
        posting(id=uuid.UUID(int=3), occupation_code=DRIVER, occupation_group="4-02-02"),
        posting(id=uuid.UUID(int=4), status="closed"),
    ]
    ranked = rank_postings(seeker(), jobs, TODAY)
    assert [m.id.int for m in ranked] == [1, 2, 3]
    assert [m.id.int for m in rank_postings(seeker(), jobs, TODAY, include_ineligible=True)] == [
        1,
        2,
        3,
        4,
    ]


def test_age_range_as_birth_dates() -> None:
    born_after, born_by = birth_date_range(TODAY, 18, 50)
    assert (born_after, born_by) == (dt.date(1974, 6, 2), dt.date(2007, 6, 2))
    assert birth_date_range(dt.date(2024, 2, 29), 18, None) == (None, dt.date(2006, 2, 28))
    assert group_of("4-10-01-06") == "4-10-01"


# ---- candidate queries --------------------------------------------------

PEOPLE = {  # name: (first 17 digits of the ID number, wanted job types, status)
    "王芳": ("14022619800301122", [CLEANER, DRIVER], "seeking"),  # woman, 1980
    "李娟": ("14022619900402242", [WASTE], "seeking"),  # woman, same group
    "赵敏": ("14022619650503322", [CLEANER], "seeking"),  # woman, too old for 50
    "张强": ("14022619850604451", [CLEANER], "seeking"),  # man
    "刘洋": ("14022619880705562", [DRIVER], "seeking"),  # woman, another group
    "陈静": ("14022619920806682", [CLEANER], "employed"),  # woman, not seeking
}


@pytest.fixture
def market(services: Services) -> dict[str, uuid.UUID]:
    ids: dict[str, uuid.UUID] = {}
    for n, (name, (prefix, codes, status)) in enumerate(PEOPLE.items()):
        ids[name] = factories.person(
            services,
            prefix,
            name,
            phone=f"1381234{n:04d}",
            district_code="140226",
            occupation_codes=codes,
            work_form="day",
            pay_min=Decimal(120),
            certificates="健康证" if name == "王芳" else "",
            status=status,
        ).id
    employer = factories.employer(
        services,
        kind="household",
        name="孙女士",
        credit_code="",
        owner_id_number=factories.resident_id("14022619700101102"),
        contact_name="孙女士",
        address="",
    )
    ids["employer"] = employer.id
    for key, title, code, sex, age_max in (
        ("cleaning", "家庭保洁", CLEANER, "F", 50),
        ("driving", "货车司机", DRIVER, "any", None),
        ("closed", "钟点工", CLEANER, "any", None),
    ):
        ids[key] = factories.posting(
            services,
            employer.id,
            title=title,
            occupation_code=code,
            pay_min=Decimal(150),
            pay_max=Decimal(200),
            district_code="140226",
            sex=sex,
            age_max=age_max,
            skill_requirements="持健康证",
        ).id
    services.employers.close_posting(ids["closed"])
    return ids


def add_referral(
    services: Services,
    ids: dict[str, uuid.UUID],
    person: str,
    posting: str,
    number: str,
    deleted: bool = False,
) -> None:
    now = services.ctx.now()
    with services.ctx.session() as s:
        s.add(
            Referral(
                number=number,
                person_id=ids[person],
                posting_id=ids[posting],
                employer_id=ids["employer"],
                issued_at=now,
                valid_until=services.ctx.today() + dt.timedelta(days=7),
                deleted_at=now if deleted else None,
            )
        )


def by_name(seekers: list[SeekerProfile]) -> dict[str, SeekerProfile]:
    return {s.name: s for s in seekers}


def test_seekers_for_a_posting_exact_and_group_within_its_hard_requirements(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    today = services.ctx.today()
    with services.ctx.reading() as s:
        job, seekers = dbm.seeker_candidates(s, market["cleaning"], today)
    assert job.title == "家庭保洁" and job.sex == "F" and job.age_max == 50
    assert job.occupation_group == "4-09-08" and job.open_headcount == 2
    # the man, the woman over 50, the employed woman and the driver are left out
    assert [p.name for p in seekers] == ["王芳", "李娟"]  # the exact job type, then the group
    wang = by_name(seekers)["王芳"]
    assert wang.id == market["王芳"]
    assert wang.sex == "F" and wang.status == "seeking"
    assert wang.age == today.year - 1980 - ((today.month, today.day) < (3, 1))
    assert wang.occupation_codes == (CLEANER, DRIVER)  # in order of preference
    assert wang.occupation_groups == ("4-09-08", "4-02-02")
    assert (wang.pay_min, wang.pay_unit, wang.work_form) == (Decimal(120), "day", "day")
    assert wang.certificates == "健康证" and wang.district_code == "140226"
    assert wang.last_active_on == today and wang.referred_to == frozenset()
    ranked = rank_seekers(job, seekers, today)
    assert [m.id for m in ranked] == [market["王芳"], market["李娟"]]


def test_without_hard_filters_the_clerk_sees_why_someone_is_missing(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    today = services.ctx.today()
    with services.ctx.reading() as s:
        job, seekers = dbm.seeker_candidates(s, market["cleaning"], today, hard_filters=False)
    assert sorted(p.name for p in seekers) == ["张强", "李娟", "王芳", "赵敏"]
    ranked = rank_seekers(job, seekers, today, include_ineligible=True)
    failed = {m.id: [r.criterion for r in m.failed()] for m in ranked if not m.eligible}
    assert failed == {market["张强"]: ["sex"], market["赵敏"]: ["age"]}


def test_referrals_fill_referred_to_and_bar_the_seeker(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    add_referral(services, market, "王芳", "cleaning", "ZY-TEST-000001")
    add_referral(services, market, "王芳", "driving", "ZY-TEST-000002", deleted=True)
    add_referral(services, market, "李娟", "driving", "ZY-TEST-000003")
    today = services.ctx.today()
    with services.ctx.reading() as s:
        job, seekers = dbm.seeker_candidates(s, market["cleaning"], today)
        me, postings = dbm.posting_candidates(s, market["王芳"], today)
    assert by_name(seekers)["王芳"].referred_to == {market["cleaning"]}
    assert by_name(seekers)["李娟"].referred_to == frozenset()  # only this posting counts here
    assert [m.id for m in rank_seekers(job, seekers, today)] == [market["李娟"]]
    assert me.referred_to == {market["cleaning"]}  # the deleted referral does not count
    ranked = rank_postings(me, postings, today, include_ineligible=True)
    assert [(m.id, m.eligible) for m in ranked] == [
        (market["driving"], True),
        (market["cleaning"], False),
    ]


def test_postings_for_a_seeker_are_open_ones_within_their_requirements(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    today = services.ctx.today()
    with services.ctx.reading() as s:
        me, postings = dbm.posting_candidates(s, market["王芳"], today)
        man, for_him = dbm.posting_candidates(s, market["张强"], today)
        with pytest.raises(LookupError):
            dbm.posting_candidates(s, uuid.uuid4(), today)
        with pytest.raises(LookupError):
            dbm.seeker_candidates(s, uuid.uuid4(), today)
    assert me.name == "王芳" and me.occupation_codes == (CLEANER, DRIVER)
    assert {p.id for p in postings} == {market["cleaning"], market["driving"]}  # not closed
    cleaning = next(p for p in postings if p.id == market["cleaning"])
    assert (cleaning.pay_min, cleaning.pay_max, cleaning.skill_requirements) == (
        Decimal(150),
        Decimal(200),
        "持健康证",
    )
    assert [p.id for p in for_him] == [market["driving"]]  # women only is left out
    assert man.sex == "M"


def test_a_removed_wish_leaves_the_profile(
    services: Services, market: dict[str, uuid.UUID]
) -> None:
    prefix, _codes, _status = PEOPLE["王芳"]
    factories.person(
        services,
        prefix,
        "王芳",
        phone="13812340000",
        occupation_codes=[DRIVER],
        district_code="140226",
    )
    today = services.ctx.today()
    with services.ctx.reading() as s:
        _job, seekers = dbm.seeker_candidates(s, market["cleaning"], today)
    wang = by_name(seekers).get("王芳")
    assert wang is None or wang.occupation_codes == (DRIVER,)


@pytest.fixture
def plans(services: Services) -> Iterator[list[str]]:
    found: list[str] = []

    def explain(conn: Any, cursor: Any, statement: str, params: Any, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, params)
            found.extend(row[3] for row in rows)

    engine = services.ctx.db.engine
    event.listen(engine, "before_cursor_execute", explain)
    yield found
    event.remove(engine, "before_cursor_execute", explain)


@pytest.mark.parametrize("small_set", [dbm.SMALL_SET, 0])
def test_both_ways_of_reading_a_bucket_agree_and_use_indexes(
    services: Services,
    market: dict[str, uuid.UUID],
    plans: list[str],
    monkeypatch: pytest.MonkeyPatch,
    small_set: int,
) -> None:
    monkeypatch.setattr(dbm, "SMALL_SET", small_set)  # 0: every bucket counts as large
    today = services.ctx.today()
    with services.ctx.reading() as s:
        _job, seekers = dbm.seeker_candidates(s, market["cleaning"], today)
    assert [p.name for p in seekers] == ["王芳", "李娟"]
    scans = [p for p in plans if re.fullmatch(r"SCAN (person|person_occupation)( AS \w+)?", p)]
    assert scans == []
