"""Reporting periods of a market: a day, week, month, quarter, year or any range.

Days are market days (the market's zone, ``calendar.market_zone``, China time by default); a period runs
from the start of its first day to the start of the day after its last, so a
moment belongs to exactly one day, month or year. Each period knows the one
before it (the same length, just before) and the same period a year earlier,
which every report puts beside its figures.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from lingong_desk.domain.calendar import day_start, years_before


class PeriodKind(StrEnum):
    DAY = "day"
    WEEK = "week"  # Monday to Sunday
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"  # any first and last day


class BadPeriod(ValueError):
    """A period that cannot be: a malformed text, or a last day before the first."""


def _month_start(day: dt.date, months: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(day: dt.date) -> dt.date:
    return _month_start(day, 1) - dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    first: dt.date
    last: dt.date
    kind: PeriodKind = PeriodKind.RANGE

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise BadPeriod(f"the period ends ({self.last}) before it starts ({self.first})")

    # ---- making periods ---------------------------------------------------
    @classmethod
    def day(cls, day: dt.date) -> Period:
        return cls(day, day, PeriodKind.DAY)

    @classmethod
    def week(cls, day: dt.date) -> Period:
        monday = day - dt.timedelta(days=day.weekday())
        return cls(monday, monday + dt.timedelta(days=6), PeriodKind.WEEK)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = dt.date(year, month, 1)
        return cls(first, _month_end(first), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise BadPeriod(f"a year has quarters 1 to 4, not {quarter}")
        first = dt.date(year, 3 * quarter - 2, 1)
        return cls(first, _month_end(_month_start(first, 2)), PeriodKind.QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def range(cls, first: dt.date, last: dt.date) -> Period:
        return cls(first, last, PeriodKind.RANGE)

    @classmethod
    def containing(cls, kind: PeriodKind | str, day: dt.date) -> Period:
        """The period of ``kind`` that holds ``day`` (a range: that day alone)."""
        kind = PeriodKind(kind)
        if kind is PeriodKind.DAY:
            return cls.day(day)
        if kind is PeriodKind.WEEK:
            return cls.week(day)
        if kind is PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind is PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        if kind is PeriodKind.YEAR:
            return cls.year(day.year)
        return cls.range(day, day)

    # ---- its neighbours ---------------------------------------------------
    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods later (earlier when negative), of the same kind."""
        if self.kind in (PeriodKind.DAY, PeriodKind.WEEK, PeriodKind.RANGE):
            delta = dt.timedelta(days=self.days * steps)
            return Period(self.first + delta, self.last + delta, self.kind)
        months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[self.kind]
        first = _month_start(self.first, months * steps)
        last = _month_end(_month_start(first, months - 1))
        return Period(first, last, self.kind)

    def previous(self) -> Period:
        """The period just before: the previous day, week, month, quarter or year;
        for a range, as many days just before its first."""
        return self.shifted(-1)

    def year_before(self) -> Period:
        """The same period a year earlier (a week: the week of the same number)."""
        if self.kind is PeriodKind.WEEK:
            year, week, _day = self.first.isocalendar()
            try:
                return Period.week(dt.date.fromisocalendar(year - 1, week, 1))
            except ValueError:  # week 53, in a year of 52
                return Period.week(dt.date.fromisocalendar(year - 1, 52, 1))
        if self.kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR):
            return self.shifted(-{"month": 12, "quarter": 4, "year": 1}[self.kind])
        return Period(years_before(self.first, 1), years_before(self.last, 1), self.kind)

    def months(self) -> list[Period]:
        """The calendar months this period touches, oldest first."""
        out, day = [], _month_start(self.first)
        while day <= self.last:
            out.append(Period.month(day.year, day.month))
            day = _month_start(day, 1)
        return out

    def trailing_months(self, count: int = 12) -> list[Period]:
        """``count`` calendar months ending with the month of the last day, oldest first."""
        end = _month_start(self.last)
        return [
            Period.month(m.year, m.month)
            for m in (_month_start(end, i - count + 1) for i in range(count))
        ]

    # ---- as moments -------------------------------------------------------
    @property
    def start(self) -> dt.datetime:
        """The first moment (midnight China time of the first day), aware."""
        return day_start(self.first)

    @property
    def end(self) -> dt.datetime:
        """The first moment after the period (midnight after its last day), aware."""
        return day_start(self.last + dt.timedelta(days=1))

    def holds(self, moment: dt.datetime) -> bool:
        return self.start <= moment < self.end

    # ---- as text ----------------------------------------------------------
    @property
    def key(self) -> str:
        """2026-11-05, 2026-W45, 2026-11, 2026-Q4, 2026 or 2026-11-01..2026-11-20."""
        if self.kind is PeriodKind.DAY:
            return self.first.isoformat()
        if self.kind is PeriodKind.WEEK:
            year, week, _ = self.first.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.first:%Y-%m}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.YEAR:
            return str(self.first.year)
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


_FORMS = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), PeriodKind.DAY),
    (re.compile(r"(\d{4})-W(\d{2})"), PeriodKind.WEEK),
    (re.compile(r"(\d{4})-(\d{2})"), PeriodKind.MONTH),
    (re.compile(r"(\d{4})-Q(\d)"), PeriodKind.QUARTER),
    (re.compile(r"(\d{4})"), PeriodKind.YEAR),
]


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BadPeriod(f"{text!r} is not a day (YYYY-MM-DD)") from None


def parse_period(text: str) -> Period:
    """A period from its key (see ``Period.key``); ``a..b`` is a range of days."""
    text = text.strip()
    if ".." in text:
        first, _, last = text.partition("..")
        return Period.range(parse_day(first), parse_day(last))
    for pattern, kind in _FORMS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        numbers = [int(g) for g in match.groups()]
        try:
            if kind is PeriodKind.DAY:
                return Period.day(dt.date(*numbers))
            if kind is PeriodKind.WEEK:
                return Period.week(dt.date.fromisocalendar(numbers[0], numbers[1], 1))
            if kind is PeriodKind.MONTH:
                return Period.month(*numbers)
            if kind is PeriodKind.QUARTER:
                return Period.quarter(*numbers)
            return Period.year(numbers[0])
        except ValueError as err:
            raise BadPeriod(f"{text!r} is not a period: {err}") from None
    raise BadPeriod(
        f"{text!r} is not a period (2026-11, 2026-Q4, 2026, 2026-W45, 2026-11-05 "
        "or 2026-11-01..2026-11-20)"
    )
