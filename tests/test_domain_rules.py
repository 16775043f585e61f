"""Business rules defined once in lingong_desk/domain/ and used by the desk and the city."""

from __future__ import annotations

import ast
import datetime as dt
import uuid
from pathlib import Path

import pytest

from lingong_desk.domain.calendar import age_on, years_before
from lingong_desk.domain.enums import PersonStatus, PostingStatus, ReferralStatus
from lingong_desk.domain.ids import person_id, person_occupation_id
from lingong_desk.domain.postings import (
    PERSON_STATUS_AFTER_HIRE,
    TAKING_REFERRALS,
    NoReferrals,
    PostingCount,
    count_hire,
    hire_counted_by_desk,
    takes_referrals,
    why_no_referrals,
)
from lingong_desk.domain.referral import INITIAL_STATUS, path
from lingong_desk.domain.server_address import is_server_address, normalise_server_address

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2025, 6, 2)


# ---- age from a birth date ------------------------------------------------------
@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (dt.date(1980, 6, 2), TODAY, 45),  # birthday today
        (dt.date(1980, 6, 3), TODAY, 44),  # birthday tomorrow
        (dt.date(1980, 1, 31), TODAY, 45),
        (dt.date(2000, 2, 29), dt.date(2025, 2, 28), 24),  # leap-day birth: not yet
        (dt.date(2000, 2, 29), dt.date(2025, 3, 1), 25),
        (dt.date(2000, 2, 29), dt.date(2024, 2, 29), 24),
        (TODAY, TODAY, 0),
    ],
)
def test_age_in_whole_years(birth: dt.date, day: dt.date, age: int) -> None:
    assert age_on(birth, day) == age


def test_years_before_keeps_the_day_or_falls_back_from_29_february() -> None:
    assert years_before(TODAY, 18) == dt.date(2007, 6, 2)
    assert years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert years_before(dt.date(2024, 2, 29), 4) == dt.date(2020, 2, 29)
    # someone born that day is exactly that old that day
    assert age_on(years_before(TODAY, 30), TODAY) == 30


def test_the_resident_id_uses_the_same_age_rule() -> None:
    from lingong_desk.domain.identifiers import parse_resident_id

    rid = parse_resident_id("11010519491231002X", TODAY)
    for day in (dt.date(2025, 12, 30), dt.date(2025, 12, 31), TODAY):
        assert rid.age_on(day) == age_on(dt.date(1949, 12, 31), day)


# ---- the key of a wanted job type ---------------------------------------------------
def test_person_occupation_key_is_uuid5_of_person_and_code() -> None:
    person = person_id("11010519491231002X")
    key = person_occupation_id(person, "4-10-01-06")
    assert key == uuid.uuid5(person, "4-10-01-06") and key.version == 5
    assert person_occupation_id(person, "4-10-01-06") == key  # the same on every desk
    assert person_occupation_id(person, "4-09-08-01") != key
    assert person_occupation_id(uuid.uuid4(), "4-10-01-06") != key


# ---- a posting that takes referrals ---------------------------------------------
def test_an_open_posting_with_places_left_and_not_ended_takes_referrals() -> None:
    assert sorted(TAKING_REFERRALS) == [PostingStatus.OPEN]
    assert takes_referrals("open", 1, None, TODAY)
    assert takes_referrals("open", 3, TODAY, TODAY)  # its last day
    assert why_no_referrals("open", 1, TODAY, TODAY) is None


@pytest.mark.parametrize(
    ("status", "left", "end", "deleted", "why"),
    [
        ("open", 1, None, True, NoReferrals.DELETED),
        ("filled", 0, None, False, NoReferrals.NOT_OPEN),
        ("closed", 2, None, False, NoReferrals.NOT_OPEN),
        ("expired", 2, None, False, NoReferrals.NOT_OPEN),
        ("open", 2, TODAY - dt.timedelta(days=1), False, NoReferrals.ENDED),
        ("open", 0, None, False, NoReferrals.FULL),
        ("open", -1, None, False, NoReferrals.FULL),
        ("closed", 0, TODAY - dt.timedelta(days=1), False, NoReferrals.NOT_OPEN),
    ],
)
def test_why_a_posting_takes_no_referrals(
    status: str, left: int, end: dt.date | None, deleted: bool, why: NoReferrals
) -> None:
    assert why_no_referrals(status, left, end, TODAY, deleted) is why
    assert not takes_referrals(status, left, end, TODAY, deleted)


def test_the_sql_form_uses_the_domain_statuses() -> None:
    from sqlalchemy.dialects import sqlite

    from lingong_desk.db.postings import taking_referrals

    sql = " AND ".join(
        str(c.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        for c in taking_referrals(TODAY)
    )
    assert "job_posting.status IN ('open')" in sql
    assert "job_posting.deleted_at IS NULL" in sql
    assert "job_posting.end_date >= '2025-06-02'" in sql
    assert "job_posting.headcount_filled < job_posting.headcount" in sql


# ---- a hire ---------------------------------------------------------------------------
def test_a_hire_fills_a_place_and_the_last_one_fills_the_posting() -> None:
    assert count_hire("open", 3, 0) == PostingCount("open", 1)
    assert count_hire("open", 3, 2) == PostingCount("filled", 3)
    assert count_hire(PostingStatus.OPEN, 1, 0) == PostingCount("filled", 1)
    # a closed or expired posting keeps its status; the count still rises
    assert count_hire("closed", 2, 1) == PostingCount("closed", 2)
    assert count_hire("expired", 1, 0) == PostingCount("expired", 1)
    assert count_hire("filled", 2, 2) == PostingCount("filled", 3)


def test_a_hire_is_counted_by_the_posting_markets_desk_or_else_by_the_city() -> None:
    assert hire_counted_by_desk("ZY", "ZY")
    assert not hire_counted_by_desk("ZY", "DT")
    assert PERSON_STATUS_AFTER_HIRE is PersonStatus.EMPLOYED


# ---- referrals start issued ----------------------------------------------------------
def test_a_new_referral_starts_issued_and_can_reach_every_outcome() -> None:
    assert INITIAL_STATUS is ReferralStatus.ISSUED
    for outcome in ("intention", "hired", "not_hired", "no_show", "expired", "void"):
        assert path(INITIAL_STATUS, outcome)[-1] == outcome


# ---- the city server's address --------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "https://lingong.example.gov.cn",
        "http://10.0.0.5:8000",
        "  https://city.example.cn/api/  ",
        "http://localhost:8080/lingong",
    ],
)
def test_a_web_address_is_a_server_address(text: str) -> None:
    assert is_server_address(text)


@pytest.mark.parametrize(
    "text",
    ["", "lingong.example.gov.cn", "ftp://city.example.cn", "https://", "http://a b", "https:///x"],
)
def test_anything_else_is_not(text: str) -> None:
    assert not is_server_address(text)


def test_a_server_address_is_kept_without_blanks_or_trailing_slash() -> None:
    assert normalise_server_address(" https://city.example.cn/api// ") == (
        "https://city.example.cn/api"
    )


# ---- each rule has one definition ------------------------------------------------------
def test_the_rules_are_not_written_again_outside_domain() -> None:
    """No module outside domain/ computes an age or a job-type key by hand, nor
    keeps its own pattern of a server address."""
    problems = []
    for package in ("lingong_desk", "lingong_city"):
        for file in (ROOT / package).rglob("*.py"):
            if "domain" in file.parts or "migrations" in file.parts:
                continue
            text = file.read_text("utf-8")
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.Call) and ast.unparse(node.func) == "uuid.uuid5":
                    problems.append(f"{file.name}: uuid.uuid5")
            if "https?://" in text:
                problems.append(f"{file.name}: an address pattern")
            if "(birth.month, birth.day)" in text or "birth_date.month, " in text:
                problems.append(f"{file.name}: an age computed by hand")
    assert problems == []
