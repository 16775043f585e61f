"""The sample builders (lingong_desk.services.samples) and the test factories over them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from lingong_desk.db.models import OutboxEntry
from lingong_desk.domain.identifiers import parse_resident_id, validate_credit_code
from lingong_desk.domain.registration import check_employer, check_person, check_posting
from lingong_desk.services import samples
from tests import factories
from tests.factories import Services


@pytest.mark.parametrize(
    ("region", "born", "order", "sex"),
    [
        ("140226", dt.date(1980, 3, 1), 61, "M"),
        ("140225", dt.date(1990, 5, 3), 3, "F"),
        ("140213", dt.date(1965, 12, 31), 0, "F"),
        ("140221", dt.date(2000, 2, 29), 499, "M"),
    ],
)
def test_resident_ids_are_valid_and_say_what_was_asked(
    region: str, born: dt.date, order: int, sex: str
) -> None:
    rid = parse_resident_id(samples.resident_id(region, born, order, sex), dt.date(2026, 11, 28))
    assert (rid.region_code, rid.birth_date, rid.sex) == (region, born, sex)


def test_a_resident_id_needs_an_order_number_and_a_sex() -> None:
    with pytest.raises(ValueError):
        samples.resident_id(order=500)
    with pytest.raises(ValueError):
        samples.resident_id(sex="X")


def test_credit_codes_are_valid() -> None:
    assert samples.credit_code() == "91110000600037341L"
    household_shop = samples.credit_code("140226", "MA0K5QK97", "92")
    assert validate_credit_code(household_shop) == household_shop
    with pytest.raises(ValueError):
        samples.credit_code("1402", "MA0K5QK97")


def test_the_drafts_pass_the_rules() -> None:
    today = dt.date(2026, 11, 28)
    assert check_person(samples.person_draft(), today) == {}
    assert check_employer(samples.employer_draft()) == {}
    assert check_posting(samples.posting_draft("x"), today) == {}


def test_a_referral_from_nothing_goes_through_every_service(services: Services) -> None:
    referral = factories.referral(services)
    assert referral.person_name == "张三" and referral.clerk_name == factories.CLERK
    with services.ctx.reading() as s:
        written = set(s.scalars(select(OutboxEntry.entity)))
    assert {"person", "employer", "job_posting", "referral"} <= written  # change capture


def test_a_clerk_added_by_the_supervisor_signs_in(services: Services) -> None:
    added = factories.clerk(services, "李娜")
    assert added.role == "clerk"
    assert services.accounts.sign_in("李娜", factories.PASSWORD).id == added.id
