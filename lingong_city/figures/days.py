"""What facts add to ``figure_day``: each flow indicator per market day, and the
day's change in the job seekers seeking work.

Both are worked out by the desk's own definitions (``lingong_desk.domain``):
an indicator takes a fact when its stream is the indicator's and its test
(``accepts``) takes it, and counts it as ``figure()`` does; whether a job seeker
is seeking work at the end of a day is ``activity.seeking_at``. Summing the days
of a period therefore gives ``figure()`` of that period, as long as a record
gives one fact per stream, which every stream does.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable

from lingong_city.figures.facts import SEEKER_STREAMS, FactRow
from lingong_desk.domain.activity import Fact, StatusChange, Stream, Subject, seeking_at
from lingong_desk.domain.calendar import CHINA
from lingong_desk.domain.indicators import INDICATORS, Indicator, _counted

SEEKING = "seekers_seeking"  # figure_day holds its changes per day
FLOWS: dict[str, list[Indicator]] = {}
for _i in INDICATORS:
    if _i.stream is not None:
        FLOWS.setdefault(_i.stream.value, []).append(_i)
FLOW_KEYS = tuple(i.key for i in INDICATORS if i.stream is not None)
DayKey = tuple[str, str, dt.date]  # market, indicator key, day


def domain_fact(row: FactRow) -> Fact:
    subject = Subject(
        sex=row.sex, birth_date=row.birth_date, category=row.category, township=row.township,
        occupation=row.occupation, work_form=row.work_form, hardship=row.hardship, kind=row.kind,
    )  # fmt: skip
    return Fact(row.source_entity, row.row_id, row.at, row.clerk, subject, row.amount)


def flow_counts(rows: Iterable[FactRow]) -> Counter[DayKey]:
    """What live ``rows`` add to each (market, indicator, day)."""
    out: Counter[DayKey] = Counter()
    for row in rows:
        if not row.live or row.stream not in FLOWS:
            continue
        fact = domain_fact(row)
        for indicator in FLOWS[row.stream]:
            if indicator.accepts is None or indicator.accepts(fact):
                out[(row.market_code, indicator.key, row.day)] += int(_counted(indicator, [fact]))
    return out


def status_changes(rows: Iterable[FactRow]) -> list[StatusChange]:
    """The live seeker facts as the desk's ``Activity.seekers``: by person, then time
    (a status saved with a registration comes after it)."""
    changes = [
        StatusChange(r.row_id, r.at, r.status, r.stream == Stream.REGISTRATION.value, r.clerk)
        for r in rows
        if r.live and r.stream in SEEKER_STREAMS
    ]
    changes.sort(key=lambda c: (c.person, c.at, not c.registration))
    return changes


def seeking_changes(market: str, rows: Iterable[FactRow]) -> Counter[DayKey]:
    """How the number seeking work at the end of each day changes, for the job seekers
    of ``rows`` (all the seeker facts of these persons at ``market``)."""
    out: Counter[DayKey] = Counter()
    changes = status_changes(r for r in rows if r.market_code == market)
    for _person, group in itertools.groupby(changes, key=lambda c: c.person):
        events = list(group)
        days = sorted({e.at.astimezone(CHINA).date() for e in events})
        ends = {d: dt.datetime.combine(d + dt.timedelta(days=1), dt.time(), CHINA) for d in days}
        seeking = seeking_at(events, ends.values())
        before = 0
        for d in days:
            now = 1 if seeking[ends[d]] else 0
            if now != before:
                out[(market, SEEKING, d)] += now - before
            before = now
    return out
