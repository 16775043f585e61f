"""A market's assessment for a period: its computed metrics, the entered values,
the score per indicator, per area and in total; the city's ranking; history.

The computed metrics come from the same figures as the overview (the day sums
of ``figures.reading``: the desk's definitions), and from the desks' and the
conflicts' state for the information area:

- ``hire_rate``: hires ÷ referrals of the period;
- ``follow_up_rate``: outcomes recorded in the period (hired, not hired, no
  show) ÷ referrals of the period;
- ``places_filled``: hires ÷ places offered (jobs offered) in the period;
- ``day_work_hires``, ``training_referrals``: the indicators of those keys;
- ``registration_completeness``: the share of the period's registrations
  whose person gives a job type and a township of residence;
- ``days_since_sync``: whole days from the market's last sync to the period's
  end (or to now, if earlier); ``desks_in_use``, ``open_conflicts``: now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from lingong_city.assessment.standard import Standard
from lingong_city.devices import DeskActivity, desk_activity, open_conflict_counts
from lingong_city.figures import reading
from lingong_city.models import AssessmentEntry, FigureFact, Market
from lingong_desk.domain.periods import Period


@dataclass(frozen=True)
class Line:
    key: str
    value: float | None
    score: float  # 0-100
    points: float  # of the indicator's weight
    entry: AssessmentEntry | None = None


@dataclass(frozen=True)
class Assessment:
    market: str
    name: str
    period: Period
    lines: dict[str, Line]
    areas: dict[str, float]
    total: float


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return None if not bottom else (top or 0.0) / bottom


def metrics(
    session: Session, markets: list[str], period: Period, now: dt.datetime
) -> dict[str, dict[str, float | None]]:
    values = reading.day_values(session, markets, [period]).get(period, {})
    f = FigureFact
    complete = {
        m: (int(n), int(ok or 0))
        for m, n, ok in session.execute(
            select(
                f.market_code, func.count(),
                func.sum(case((and_(f.occupation != "", f.township != ""), 1), else_=0)),
            )
            .where(f.market_code.in_(markets), f.stream == "registration", f.live,
                   f.at >= period.start, f.at < period.end)
            .group_by(f.market_code)
        )
    }  # fmt: skip
    activity = desk_activity(session)
    conflicts = open_conflict_counts(session)
    until = min(now, period.end)
    out = {}
    for m in markets:
        v = values.get(m, {})
        outcomes = sum((v.get(k) or 0.0) for k in ("hires", "not_hired", "no_shows"))
        n, ok = complete.get(m, (0, 0))
        desks = activity.get(m, DeskActivity())
        last = desks.last_seen
        out[m] = {
            "hire_rate": v.get("hire_rate"),
            "follow_up_rate": _ratio(outcomes, v.get("referrals_issued")),
            "places_filled": _ratio(v.get("hires"), v.get("jobs_offered")),
            "day_work_hires": v.get("day_work_hires"),
            "training_referrals": v.get("training_referrals"),
            "registration_completeness": _ratio(ok, n),
            "days_since_sync": None if last is None else max(0, (until - last).days),
            "desks_in_use": float(desks.desks),
            "open_conflicts": float(conflicts.get(m, 0)),
        }
    return out


def assess(
    session: Session, standard: Standard, period: Period, now: dt.datetime
) -> list[Assessment]:
    """Every market's assessment for ``period``, best first (the ranking)."""
    markets = list(session.scalars(select(Market).order_by(Market.code)))
    codes = [m.code for m in markets]
    computed = metrics(session, codes, period, now) if codes else {}
    entries: dict[tuple[str, str], AssessmentEntry] = {
        (e.market_code, e.indicator): e
        for e in session.scalars(
            select(AssessmentEntry).where(AssessmentEntry.period_key == period.key)
        )
    }
    out = []
    for m in markets:
        lines = {}
        for i in standard.indicators:
            entry = entries.get((m.code, i.key)) if i.source == "entered" else None
            value = entry.value if entry is not None else computed[m.code].get(i.metric)
            lines[i.key] = Line(i.key, value, i.score(value), i.points(value), entry)
        areas = {
            a.key: sum(lines[i.key].points for i in standard.of_area(a.key)) for a in standard.areas
        }
        out.append(Assessment(m.code, m.name, period, lines, areas, sum(areas.values())))
    out.sort(key=lambda a: (-round(a.total, 6), a.market))
    return out


def history(
    session: Session,
    standard: Standard,
    market: str,
    period: Period,
    now: dt.datetime,
    count: int = 6,
) -> list[tuple[str, float]]:
    """The market's total for ``count`` periods up to ``period``, oldest first."""
    out = []
    for steps in range(count - 1, -1, -1):
        p = period.shifted(-steps)
        found = [a for a in assess(session, standard, p, now) if a.market == market]
        out.append((p.key, found[0].total if found else 0.0))
    return out
