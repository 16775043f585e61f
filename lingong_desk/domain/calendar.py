"""The market's calendar: days are counted in China Standard Time."""

from __future__ import annotations

import datetime as dt

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


def market_day(moment: dt.datetime) -> dt.date:
    """The calendar day in the market of an aware moment."""
    return moment.astimezone(CHINA).date()
