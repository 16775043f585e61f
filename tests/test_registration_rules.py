import datetime as dt
from decimal import Decimal

from lingong_desk.domain.registration import (
    EmployerDraft,
    PersonDraft,
    PostingDraft,
    check_employer,
    check_person,
    check_posting,
)
from tests import factories
from tests.factories import bad_check_digit, resident_id

TODAY = dt.date(2026, 11, 28)


def person(**kw: object) -> PersonDraft:
    return factories.person_draft(**kw)


def posting(**kw: object) -> PostingDraft:
    return factories.posting_draft(**kw)


def test_a_good_person_has_no_problems() -> None:
    assert check_person(person(), TODAY) == {}


def test_every_problem_of_a_person_is_reported_at_once() -> None:
    problems = check_person(
        person(
            id_number=bad_check_digit(resident_id("14022619800301123")),
            name=" ",
            phone="1381234567",
        ),
        TODAY,
    )
    assert set(problems) == {"id_number", "name", "phone"}
    assert problems["phone"].params == {"count": "10"}


def test_minors_are_refused() -> None:
    problems = check_person(person(id_number=resident_id("14022620150301123")), TODAY)
    assert "at least 16" in problems["id_number"].text()


def test_absurd_pay_is_refused_per_unit() -> None:
    assert "pay_min" in check_person(person(pay_min=Decimal(15000), pay_unit="day"), TODAY)
    assert check_person(person(pay_min=Decimal(15000), pay_unit="month"), TODAY) == {}
    problems = check_person(person(pay_min=Decimal(300), pay_max=Decimal(200)), TODAY)
    assert "pay_max" in problems


def test_employer_company_needs_a_credit_code_household_an_id() -> None:
    company = EmployerDraft(
        kind="company",
        name="好家政",
        credit_code="91110000600037341M",
        contact_name="李",
        contact_phone="13900001111",
    )
    assert set(check_employer(company)) == {"credit_code"}
    household = EmployerDraft(
        kind="household",
        name="王家",
        owner_id_number="",
        contact_name="王",
        contact_phone="13900001111",
    )
    assert set(check_employer(household)) == {"owner_id_number"}
    household.owner_id_number = resident_id("14022619700101123")
    assert check_employer(household) == {}


def test_posting_limits() -> None:
    assert check_posting(posting(), TODAY) == {}
    assert "headcount" in check_posting(posting(headcount=0), TODAY)
    assert "headcount" in check_posting(posting(headcount=5000), TODAY)
    assert "pay_min" in check_posting(posting(pay_min=None, pay_max=None), TODAY)
    assert "pay_max" in check_posting(posting(pay_max=Decimal(90000)), TODAY)
    assert "end_date" in check_posting(posting(end_date=TODAY - dt.timedelta(days=1)), TODAY)
    assert "age_max" in check_posting(posting(age_min=50, age_max=30), TODAY)
    assert "contact_phone" in check_posting(posting(contact_phone="123"), TODAY)
