"""Breakdowns of a market's figures: by job type, sex, age band, person category,
township of residence, work form and clerk.

``value_of(dimension, fact)`` is the one place a fact is put in a row of a
breakdown table; an empty string is "not stated". Every fact falls in
exactly one row, so the rows of a table add up to its total.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from lingong_desk.domain.activity import Fact
from lingong_desk.domain.calendar import age_on, market_day
from lingong_desk.domain.enums import Sex
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP


class Dimension(StrEnum):
    OCCUPATION_GROUP = "occupation_group"
    OCCUPATION = "occupation"
    SEX = "sex"
    AGE_BAND = "age_band"
    CATEGORY = "category"
    TOWNSHIP = "township"
    WORK_FORM = "work_form"
    CLERK = "clerk"


@dataclass(frozen=True)
class DimensionInfo:
    key: Dimension
    label: str  # catalogue text, context "stats"
    # indicators (keys) this breakdown has a column for
    indicators: tuple[str, ...]
    ordered: bool  # rows in a fixed order (else: by size)


PEOPLE_COLUMNS = ("seekers_registered", "referrals_issued", "intentions", "hires")
JOB_COLUMNS = ("postings_published", "jobs_offered", "referrals_issued", "intentions", "hires")
WORK_COLUMNS = (
    "seekers_registered",
    "employers_registered",
    "postings_published",
    "referrals_issued",
    "intentions",
    "hires",
    "files_received",
    "guidance_sessions",
    "consultations",
)

DIMENSIONS: tuple[DimensionInfo, ...] = (
    DimensionInfo(
        Dimension.OCCUPATION_GROUP,
        QT_TRANSLATE_NOOP("stats", "Occupation group"),
        ("seekers_registered", *JOB_COLUMNS),
        False,
    ),
    DimensionInfo(
        Dimension.OCCUPATION,
        QT_TRANSLATE_NOOP("stats", "Job type"),
        ("seekers_registered", *JOB_COLUMNS),
        False,
    ),
    DimensionInfo(Dimension.SEX, QT_TRANSLATE_NOOP("stats", "Sex"), PEOPLE_COLUMNS, True),
    DimensionInfo(Dimension.AGE_BAND, QT_TRANSLATE_NOOP("stats", "Age band"), PEOPLE_COLUMNS, True),
    DimensionInfo(
        Dimension.CATEGORY, QT_TRANSLATE_NOOP("stats", "Person category"), PEOPLE_COLUMNS, True
    ),
    DimensionInfo(
        Dimension.TOWNSHIP,
        QT_TRANSLATE_NOOP("stats", "Township of residence"),
        PEOPLE_COLUMNS,
        False,
    ),
    DimensionInfo(
        Dimension.WORK_FORM,
        QT_TRANSLATE_NOOP("stats", "Work form"),
        ("seekers_registered", *JOB_COLUMNS),
        True,
    ),
    DimensionInfo(Dimension.CLERK, QT_TRANSLATE_NOOP("stats", "Clerk"), WORK_COLUMNS, False),
)
DIMENSION = {d.key: d for d in DIMENSIONS}

# (key, lowest age, highest age or None); the key is also the row's label
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("16-29", 0, 29),  # job seekers are 16 or older; anyone younger is put here too
    ("30-39", 30, 39),
    ("40-49", 40, 49),
    ("50-59", 50, 59),
    ("60+", 60, None),
)
# 大龄: women from 40, men from 50 (the hardship category's own rule)
OLDER_WORKER_AGE = {Sex.FEMALE.value: 40, Sex.MALE.value: 50}


def age_band(birth: dt.date | None, day: dt.date) -> str:
    if birth is None:
        return ""
    age = age_on(birth, day)
    for key, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return key
    return ""


def is_older_worker(sex: str, birth: dt.date | None, day: dt.date) -> bool:
    """Women 40 or older, men 50 or older, on ``day``."""
    limit = OLDER_WORKER_AGE.get(sex)
    return birth is not None and limit is not None and age_on(birth, day) >= limit


# a township (乡, 镇, 街道, 苏木) named in an address after the county or district
_TOWNSHIP = re.compile(r"([^省市县区旗盟州\d\s,，]{1,8}?(?:镇|乡|街道|苏木))")


def township_of(address: str) -> str:
    """云兴镇 of 左云县云兴镇新建路18号; "" when the address names none."""
    match = _TOWNSHIP.search(address or "")
    return match.group(1) if match else ""


def occupation_group(code: str) -> str:
    """4-09-08 of 4-09-08-01: the group a job type belongs to (the catalogue's group_code)."""
    return code.rsplit("-", 1)[0] if code.count("-") == 3 else code


def _day(fact: Fact) -> dt.date:
    return market_day(fact.at)


VALUE_OF: dict[Dimension, Callable[[Fact], str]] = {
    Dimension.OCCUPATION_GROUP: lambda f: occupation_group(f.subject.occupation),
    Dimension.OCCUPATION: lambda f: f.subject.occupation,
    Dimension.SEX: lambda f: f.subject.sex,
    Dimension.AGE_BAND: lambda f: age_band(f.subject.birth_date, _day(f)),
    Dimension.CATEGORY: lambda f: f.subject.category,
    Dimension.TOWNSHIP: lambda f: f.subject.township,
    Dimension.WORK_FORM: lambda f: f.subject.work_form,
    Dimension.CLERK: lambda f: f.clerk or "",
}


def value_of(dimension: Dimension, fact: Fact) -> str:
    """The row of ``dimension``'s table that ``fact`` falls in ("" = not stated)."""
    return VALUE_OF[dimension](fact)
