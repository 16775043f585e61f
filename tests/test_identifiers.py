import datetime as dt

import pytest

from lingong_desk.domain.identifiers import (
    IdentifierError,
    districts_under,
    parse_resident_id,
    region_name,
    validate_credit_code,
    validate_mobile,
)
from lingong_desk.domain.masking import mask_id_number, mask_name, mask_phone
from tests.factories import bad_check_digit, resident_id

TODAY = dt.date(2026, 11, 28)


def test_resident_id_derives_sex_birth_age_and_native_place() -> None:
    rid = parse_resident_id(resident_id("14022619800301123"), TODAY)
    assert rid.birth_date == dt.date(1980, 3, 1)
    assert rid.sex == "M"  # the 17th digit (3) is odd
    assert rid.age_on(TODAY) == 46
    assert rid.region_name == "山西省大同市左云县"


def test_holder_born_before_the_county_code_existed_is_valid() -> None:
    # 140226 was created in 1993; people born earlier were issued it later.
    rid = parse_resident_id(resident_id("14022619650101001"), TODAY)
    assert rid.region_code == "140226"
    assert rid.sex == "M"


def test_x_check_digit_and_separators_are_normalised() -> None:
    rid = parse_resident_id("1101 0519 4912 3100 2x", TODAY)
    assert rid.number == "11010519491231002X"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "Enter the ID number"),
        ("14022619800301", "18 characters"),
        (bad_check_digit(resident_id("14022619800301123")), "check digit"),
        (resident_id("14022619801301123"), "not a real date"),
        (resident_id("99022619800301123"), "region code"),
        ("1402261980030112AB", "17 digits"),
    ],
)
def test_bad_id_numbers_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(IdentifierError) as err:
        parse_resident_id(text, TODAY)
    assert fragment in str(err.value)


def test_future_birth_date_is_refused() -> None:
    with pytest.raises(IdentifierError):
        parse_resident_id(resident_id("14022620300101123"), TODAY)


def test_credit_code() -> None:
    assert validate_credit_code("91110000600037341l") == "91110000600037341L"
    with pytest.raises(IdentifierError, match="check character"):
        validate_credit_code("91110000600037341M")
    with pytest.raises(IdentifierError, match="18 characters"):
        validate_credit_code("9111000060003734")


def test_mobile() -> None:
    assert validate_mobile("138 1234 5678") == "13812345678"
    assert validate_mobile("+8613812345678") == "13812345678"
    with pytest.raises(IdentifierError, match="11 digits"):
        validate_mobile("1381234567")
    with pytest.raises(IdentifierError, match="starts with"):
        validate_mobile("12812345678")


def test_regions() -> None:
    assert region_name("140213") == "山西省大同市平城区"
    assert region_name("110105") == "北京市朝阳区"
    assert region_name("999999") is None
    codes = dict(districts_under("140200"))
    assert codes["140226"] == "左云县"
    assert "140202" not in codes  # 城区 was abolished in 2018


def test_masking() -> None:
    assert mask_id_number("140221199001011234") == "140221********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_id_number("") == ""
