"""The period a figures page shows: asked for as ``?period=KEY``, or the default."""

from __future__ import annotations

from fastapi import Request

from lingong_city.console.web import console, gettext_for
from lingong_desk.domain.calendar import market_day
from lingong_desk.domain.periods import BadPeriod, Period, parse_period


def this_month(request: Request) -> Period:
    today = market_day(console(request).clock())
    return Period.month(today.year, today.month)


def chosen_period(request: Request, default: Period) -> tuple[Period, str, str]:
    """The period asked for (or ``default``), what was typed, and the problem."""
    typed = request.query_params.get("period", "").strip()
    if not typed:
        return default, default.key, ""
    try:
        return parse_period(typed), typed, ""
    except BadPeriod:
        message = gettext_for(request)(
            "Not a period: write 2026-11, 2026-Q4, 2026, 2026-W45, 2026-11-05 or 2026-11-01..2026-11-20."
        )
        return default, typed, message
