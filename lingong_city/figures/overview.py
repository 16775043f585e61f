"""The overview's data: the city's headline figures for a period with their
comparisons, one row per market, the 12-month trend, the funnel and the top job
types. Figures and aggregates only: nothing about a person.

Everything comes from the day sums (``reading.day_values``), so the page costs
a handful of indexed queries whatever the number of job seekers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_city.devices import DeskActivity, desk_activity, open_conflict_counts
from lingong_city.figures import reading
from lingong_city.figures.reading import Values
from lingong_city.models import Market
from lingong_desk.domain.indicators import FUNNEL, TREND
from lingong_desk.domain.periods import Period

HEADLINE = (
    "seekers_registered", "seekers_seeking", "postings_published", "jobs_offered",
    "referrals_issued", "intentions", "hires", "hire_rate",
)  # fmt: skip
MARKET_COLUMNS = (
    "seekers_registered", "postings_published", "jobs_offered", "referrals_issued",
    "intentions", "hires", "hire_rate",
)  # fmt: skip
STALE_AFTER = dt.timedelta(days=3)


@dataclass
class MarketRow:
    code: str
    name: str
    values: Values
    day_work_share: float | None  # day-work hires / hires
    last_sync: dt.datetime | None
    desks: int
    waiting: int  # changes the desks reported waiting to be sent
    attention: int  # items the desks reported needing attention
    conflicts: int  # open identity conflicts raised by the market's desks
    reasons: list[str] = field(default_factory=list)  # why it stands out (English)

    @property
    def stands_out(self) -> bool:
        return bool(self.reasons)


@dataclass
class Overview:
    period: Period
    previous: Period
    year_before: Period
    city: dict[Period, Values]
    markets: list[MarketRow]
    trend_months: list[str]
    trend: dict[str, list[float]]  # indicator -> one value per month
    funnel: list[tuple[str, float]]
    top_jobs: list[tuple[str, int, int]]  # (job type code, referrals, hires)


def share(part: float | None, whole: float | None) -> float | None:
    return None if not whole else (part or 0.0) / whole


def market_rows(
    session: Session, markets: list[Market], values: dict[str, Values], now: dt.datetime
) -> list[MarketRow]:
    activity = desk_activity(session)
    conflicts = open_conflict_counts(session)
    rows = []
    for m in markets:
        v = values.get(m.code, {})
        a = activity.get(m.code, DeskActivity())
        row = MarketRow(
            m.code, m.name, v, share(v.get("day_work_hires"), v.get("hires")),
            a.last_seen, a.desks, a.waiting, a.attention, conflicts.get(m.code, 0),
        )  # fmt: skip
        if a.desks and (row.last_sync is None or now - row.last_sync > STALE_AFTER):
            row.reasons.append("no sync for 3 days")
        if not a.desks:
            row.reasons.append("no desk enrolled")
        if a.attention:
            row.reasons.append("items need attention")
        if row.conflicts:
            row.reasons.append("open conflicts")
        rows.append(row)
    return rows


def overview(session: Session, period: Period, now: dt.datetime) -> Overview:
    markets = list(session.scalars(select(Market).order_by(Market.code)))
    codes = [m.code for m in markets]
    periods = [period, period.previous(), period.year_before()]
    values = reading.day_values(session, codes, periods)
    city = {p: reading.city_total(values.get(p, {})) for p in periods}
    months = period.trailing_months(12)
    per_month = reading.monthly(session, codes, months, TREND) if codes else {}
    trend = {
        key: [float(sum(per_month[c][m.key][key] for c in codes)) for m in months] for key in TREND
    }
    funnel = [(key, city[period].get(key) or 0.0) for key in FUNNEL]
    return Overview(
        period, periods[1], periods[2], city,
        market_rows(session, markets, values.get(period, {}), now),
        [m.key for m in months], trend, funnel, reading.top_job_types(session, codes, period),
    )  # fmt: skip
