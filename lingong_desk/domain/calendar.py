"""The market's calendar and clock: one zone for every day counted and every time shown.

Times are stored in UTC. Whatever the PC's own zone, every day is counted and
every time is shown in the market's zone (``Asia/Shanghai`` unless the
installation's settings name another), through the functions below and
nothing else: lists, histories, slips, labels, reports, exports and the
audit viewer all agree for the same moment.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"
_zone: dt.tzinfo = ZoneInfo(DEFAULT_ZONE)


def market_zone() -> dt.tzinfo:
    """The zone the market's days and clocks are in."""
    return _zone


def set_market_zone(name: str) -> None:
    """Use the IANA zone ``name`` (from the settings); raises ValueError for an unknown one."""
    global _zone
    try:
        _zone = ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ValueError(f"unknown time zone {name!r}") from err


def is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def market_time(moment: dt.datetime) -> dt.datetime:
    """An aware moment on the market's clock."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no moment: store and pass UTC-aware times")
    return moment.astimezone(_zone)


def market_day(moment: dt.datetime) -> dt.date:
    """The calendar day in the market of an aware moment."""
    return market_time(moment).date()


def day_start(day: dt.date) -> dt.datetime:
    """The first moment of a market day (aware, in the market's zone)."""
    return dt.datetime.combine(day, dt.time(), _zone)


def at_market_time(day: dt.date, time: dt.time) -> dt.datetime:
    """The moment a market clock shows ``time`` on ``day``."""
    return dt.datetime.combine(day, time, _zone)


def time_text(moment: dt.datetime | None, seconds: bool = False) -> str:
    """``2026-11-30 17:39`` (or with seconds) on the market's clock; "" for no moment."""
    if moment is None:
        return ""
    return market_time(moment).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def clock_text(moment: dt.datetime) -> str:
    """``17:39`` on the market's clock."""
    return market_time(moment).strftime("%H:%M")


def date_text(day: dt.date | dt.datetime | None) -> str:
    """``2026-11-30``; a moment is first put on the market's clock."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = market_day(day)
    return day.isoformat()


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``: one more on each birthday (29 February: 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


CHINA = ZoneInfo(DEFAULT_ZONE)  # China time, the default market zone (tests, demo data)
