"""The market's calendar: days are counted in China Standard Time; ages in whole years."""

from __future__ import annotations

import datetime as dt

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


def market_day(moment: dt.datetime) -> dt.date:
    """The calendar day in the market of an aware moment."""
    return moment.astimezone(CHINA).date()


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``: one more on each birthday (29 February: 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
