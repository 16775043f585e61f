"""National identifiers: resident ID number, unified social credit code, mobile.

Check digits come from python-stdnum. The issuing region is looked up in
stdnum's GB/T 2260 table without its birth-year test: an ID number keeps the
code of the county where it was issued, which may be newer than the holder
(everyone born before 1993 in 左云县 holds a 140226 number).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError

from lingong_desk.domain.calendar import age_on
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP

CTX = "validation"


class IdentifierError(ValueError):
    """An identifier failed validation; ``message`` is an English catalogue text."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: dt.date
    sex: str  # "M" or "F"
    region_code: str
    region_name: str

    def age_on(self, day: dt.date) -> int:
        return age_on(self.birth_date, day)


def normalise_resident_id(text: str) -> str:
    """Strip blanks and separators, upper-case the final X."""
    return re.sub(r"[\s\-]", "", text).upper()


def parse_resident_id(text: str, today: dt.date | None = None) -> ResidentId:
    number = normalise_resident_id(text)
    if not number:
        raise IdentifierError(QT_TRANSLATE_NOOP("validation", "Enter the ID number."))
    if len(number) != 18:
        raise IdentifierError(
            QT_TRANSLATE_NOOP(
                "validation", "An ID number has 18 characters; this one has {count}."
            ),
            count=str(len(number)),
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise IdentifierError(
            QT_TRANSLATE_NOOP("validation", "An ID number is 17 digits followed by a digit or X.")
        )
    if ric.calc_check_digit(number) != number[17]:
        raise IdentifierError(
            QT_TRANSLATE_NOOP(
                "validation", "The check digit does not match: please check the number."
            )
        )
    try:
        birth = ric.get_birth_date(number)
    except (InvalidComponent, ValidationError):
        raise IdentifierError(
            QT_TRANSLATE_NOOP(
                "validation", "The birth date inside the ID number is not a real date."
            )
        ) from None
    today = today or dt.date.today()
    if birth > today or birth.year < 1900:
        raise IdentifierError(
            QT_TRANSLATE_NOOP(
                "validation", "The birth date inside the ID number is not a real date."
            )
        )
    region = region_name(number[:6])
    if region is None:
        raise IdentifierError(
            QT_TRANSLATE_NOOP("validation", "The region code {code} of the ID number is unknown."),
            code=number[:6],
        )
    sex = "M" if int(number[16]) % 2 == 1 else "F"
    return ResidentId(number, birth, sex, number[:6], region)


def is_valid_resident_id(text: str) -> bool:
    try:
        parse_resident_id(text)
    except IdentifierError:
        return False
    return True


def _county_name(raw: str) -> str:
    """Latest name of a code from stdnum's '[1993-]左云县,[..]..' notation."""
    names = raw.split(",")
    return names[-1].split("]")[-1]


@lru_cache(maxsize=4096)
def region_name(code: str) -> str | None:
    """Full name of a GB/T 2260 region code: 140226 -> 山西省大同市左云县."""
    if len(code) != 6 or not code.isdigit():
        return None
    db = numdb.get("cn/loc")

    def lookup(six: str) -> tuple[str, str] | None:
        info = {k: v for _part, props in db.info(six) for k, v in props.items()}
        if "county" not in info:
            return None
        return info.get("province", ""), _county_name(info["county"])

    own = lookup(code)
    if own is None:
        return None
    province, county = own
    if code[2:] == "0000":
        return province
    parts = [province]
    if code[4:] != "00":
        prefecture = lookup(code[:4] + "00")
        if prefecture is not None and prefecture[1] != province and code[2:4] not in ("90",):
            pref_name = prefecture[1]
            if pref_name not in ("市辖区", "县", "省直辖县级行政区划"):
                parts.append(pref_name)
    if county not in parts and county != "市辖区":
        parts.append(county)
    return "".join(parts)


def normalise_credit_code(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).upper()


def validate_credit_code(text: str) -> str:
    code = normalise_credit_code(text)
    if not code:
        raise IdentifierError(
            QT_TRANSLATE_NOOP("validation", "Enter the unified social credit code.")
        )
    if len(code) != 18:
        raise IdentifierError(
            QT_TRANSLATE_NOOP(
                "validation", "A credit code has 18 characters; this one has {count}."
            ),
            count=str(len(code)),
        )
    try:
        return str(uscc.validate(code))
    except InvalidChecksum:
        raise IdentifierError(
            QT_TRANSLATE_NOOP("validation", "The credit code's check character does not match.")
        ) from None
    except ValidationError:
        raise IdentifierError(
            QT_TRANSLATE_NOOP("validation", "This is not a valid unified social credit code.")
        ) from None


def region_of(text: str) -> str | None:
    """The county code a valid resident ID number (its first 6 digits) or unified
    social credit code (its characters 3-8, the registering authority's region)
    carries; None for anything else or a code without a county."""
    number = normalise_resident_id(text)
    if len(number) == 18 and is_valid_resident_id(number):
        code = number[:6]
    else:
        try:
            code = validate_credit_code(text)[2:8]
        except IdentifierError:
            return None
    return code if code.isdigit() and code[4:] != "00" else None


MOBILE_RE = re.compile(r"1[3-9]\d{9}")


def normalise_mobile(text: str) -> str:
    digits = re.sub(r"[\s\-]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    return digits


def validate_mobile(text: str) -> str:
    number = normalise_mobile(text)
    if not number:
        raise IdentifierError(QT_TRANSLATE_NOOP("validation", "Enter the mobile number."))
    if not number.isdigit():
        raise IdentifierError(QT_TRANSLATE_NOOP("validation", "A mobile number has digits only."))
    if len(number) != 11:
        raise IdentifierError(
            QT_TRANSLATE_NOOP("validation", "A mobile number has 11 digits; this one has {count}."),
            count=str(len(number)),
        )
    if not MOBILE_RE.fullmatch(number):
        raise IdentifierError(
            QT_TRANSLATE_NOOP("validation", "A mobile number starts with 13 to 19.")
        )
    return number


@lru_cache(maxsize=64)
def districts_under(prefecture_code: str) -> tuple[tuple[str, str], ...]:
    """Current counties and districts of a prefecture: 140200 -> ((140212, 新荣区), ...)."""
    if len(prefecture_code) != 6 or not prefecture_code.isdigit():
        return ()
    db = numdb.get("cn/loc")
    found = []
    for n in range(1, 100):
        code = f"{prefecture_code[:4]}{n:02d}"
        info = {k: v for _part, props in db.info(code) for k, v in props.items()}
        raw = info.get("county", "")
        latest = raw.split(",")[-1]
        if not raw or (latest.startswith("[") and not latest.split("]")[0].endswith("-")):
            continue  # no such code, or abolished
        name = _county_name(raw)
        if name != "市辖区":
            found.append((code, name))
    return tuple(found)
