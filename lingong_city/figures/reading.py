"""The city's figures: per market and for the city, for a period and the two it is
compared with (the period before, the same period a year earlier).

Two ways to the same numbers, both by the desk's definitions:

- ``load_activity`` builds a market's ``domain.activity.Activity`` from its
  live facts (``figure_fact``) and its postings and files (records), and
  ``indicators.figure()`` counts every indicator from it, as on the desk;
- ``day_values`` adds up ``figure_day``: the flows, the rates made of them and
  the job seekers seeking work at a period's end, for many markets in one
  indexed query (what the overview shows). A test holds the two equal.

``report_values`` (the monthly report) takes every indicator from the day sums
but the stocks the sums do not keep (postings open, files held and overdue),
which it judges on the postings and files themselves; a test holds it equal to
``market_values``.

The city's total of a count is the sum of its markets' (a person registered at
two markets counts at both, as at each market); a rate is the total of its
numerator over the total of its denominator.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from lingong_city.figures.days import FLOW_KEYS, SEEKING, domain_fact
from lingong_city.figures.facts import FactRow, date_of, hex_of, time_of
from lingong_city.models import FigureDay, FigureFact, Record
from lingong_desk.domain.activity import (
    Activity,
    FileSpan,
    Loan,
    PostingSpan,
    Stream,
)
from lingong_desk.domain.enums import FileMovementKind, PostingStatus
from lingong_desk.domain.indicators import INDICATOR, INDICATORS, figure, report_windows
from lingong_desk.domain.periods import Period

Values = dict[str, float | None]  # indicator key -> value
Window = tuple[dt.datetime, dt.datetime]
# what the day sums give: the flows, the rates of two flows, and the seekers' stock
DAY_KEYS = tuple(
    i.key
    for i in INDICATORS
    if i.stream is not None
    or i.key == SEEKING
    or (i.ratio is not None and all(k in FLOW_KEYS for k in i.ratio))
)

# what report_values adds to the day sums: the other stocks, then every rate
STOCK_KEYS = tuple(i.key for i in INDICATORS if i.stock is not None and i.key not in DAY_KEYS)
RATE_KEYS = tuple(i.key for i in INDICATORS if i.ratio is not None)


def _hex(value: object) -> str | None:
    return value.hex if hasattr(value, "hex") and not isinstance(value, str) else None


def rate(key: str, values: Values) -> float | None:
    ratio = INDICATOR[key].ratio
    assert ratio is not None
    top, bottom = values.get(ratio[0]), values.get(ratio[1])
    return None if not bottom else (top or 0.0) / bottom


# ---- the day sums ------------------------------------------------------------------
def day_values(
    session: Session, markets: Sequence[str], periods: Sequence[Period]
) -> dict[Period, dict[str, Values]]:
    """``DAY_KEYS`` for each market and period, from ``figure_day``."""
    if not markets or not periods:
        return {}
    first, last = min(p.first for p in periods), max(p.last for p in periods)
    d = FigureDay
    # one row per market and key, a sum per period (SUM ... FILTER), added up in SQL
    flows = (
        select(
            d.market_code, d.key,
            *(func.sum(d.value).filter(d.day >= p.first, d.day <= p.last) for p in periods),
        )
        .where(d.market_code.in_(markets), d.key != SEEKING, d.day >= first, d.day <= last)
        .group_by(d.market_code, d.key)
    )  # fmt: skip
    out: dict[Period, dict[str, Values]] = {
        p: {m: dict.fromkeys(FLOW_KEYS, 0.0) for m in markets} for p in periods
    }
    for market, key, *sums in session.execute(flows):
        for p, value in zip(periods, sums, strict=True):
            out[p][market][key] = float(value or 0)
    stock = (
        select(d.market_code, *(func.sum(d.value).filter(d.day <= p.last) for p in periods))
        .where(d.market_code.in_(markets), d.key == SEEKING, d.day <= last)
        .group_by(d.market_code)
    )
    held: dict[str, list[Any]] = {market: sums for market, *sums in session.execute(stock)}
    for i, p in enumerate(periods):
        for m in markets:
            out[p][m][SEEKING] = float((held[m][i] if m in held else 0) or 0)
            for key in DAY_KEYS:
                if INDICATOR[key].ratio is not None:
                    out[p][m][key] = rate(key, out[p][m])
    return out


def city_total(per_market: dict[str, Values]) -> Values:
    """The city's figures: counts added up, rates divided again."""
    total: Values = {}
    keys = {k for values in per_market.values() for k in values}
    for key in keys:
        if INDICATOR[key].ratio is None:
            total[key] = float(sum((v.get(key) or 0.0) for v in per_market.values()))
    for key in keys:
        if INDICATOR[key].ratio is not None:
            total[key] = rate(key, total)
    return total


def monthly(
    session: Session, markets: Sequence[str], months: Sequence[Period], keys: Iterable[str]
) -> dict[str, dict[str, dict[str, float]]]:
    """Flow indicators per market and month: {market: {month key: {indicator: n}}}."""
    wanted = list(keys)
    d = FigureDay
    q = select(d.market_code, d.key, d.day, d.value).where(
        d.market_code.in_(markets), d.key.in_(wanted),
        d.day >= months[0].first, d.day <= months[-1].last,
    )  # fmt: skip
    out = {m: {p.key: dict.fromkeys(wanted, 0.0) for p in months} for m in markets}
    for market, key, day, value in session.execute(q):
        out[market][f"{day:%Y-%m}"][key] += value
    return out


def top_job_types(
    session: Session, markets: Sequence[str], period: Period, limit: int = 10
) -> list[tuple[str, int, int]]:
    """The job types with the most referrals in the period: (code, referrals, hires)."""
    f = FigureFact
    q = (
        select(f.occupation, f.stream, func.count())
        .where(
            f.market_code.in_(markets), f.live,
            f.stream.in_((Stream.REFERRAL.value, Stream.HIRE.value)),
            f.at >= period.start, f.at < period.end,
        )
        .group_by(f.occupation, f.stream)
    )  # fmt: skip
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code, stream, n in session.execute(q):
        counts[code or ""][0 if stream == Stream.REFERRAL.value else 1] += int(n)
    rows = sorted(counts.items(), key=lambda kv: (kv[0] == "", -kv[1][0], -kv[1][1], kv[0]))
    return [(code, ref, hired) for code, (ref, hired) in rows[:limit]]


# ---- the full activity ---------------------------------------------------------------
def _facts(session: Session, market: str, windows: Sequence[Window]) -> dict[Stream, list]:  # type: ignore[type-arg]
    """The market's live flow facts in ``windows``, read as plain rows (no ORM objects)."""
    f = FigureFact
    inside = or_(*(and_(f.at >= a, f.at < b) for a, b in windows))
    flows = [s.value for s in Stream]
    columns = [getattr(f, n) for n in FactRow.__dataclass_fields__]
    q = select(*columns).where(f.market_code == market, f.live, f.stream.in_(flows), inside)
    out: dict[Stream, list] = defaultdict(list)  # type: ignore[type-arg]
    for row in session.execute(q):
        fact = FactRow(*row)
        out[Stream(fact.stream)].append(domain_fact(fact))
    return out


def _field(name: str) -> Any:
    return Record.data[name].as_string()


def _postings(
    session: Session,
    markets: Sequence[str],
    until: dt.datetime,
    ending_from: dt.date | None = None,
    clerks: bool = True,
) -> dict[str, list[PostingSpan]]:
    """The markets' postings published before ``until``, per market, in one query;
    with ``ending_from``, only those whose end date (``YYYY-MM-DD``, compared as
    text) is not before it or not given: the others were open on no day from then."""
    end_date = _field("end_date")
    q = select(
        Record.market_code, Record.row_id, _field("published_at"), end_date,
        _field("status"), _field("updated_at"), _field("created_by"),
    ).where(
        Record.entity == "job_posting", Record.market_code.in_(markets),
        Record.deleted_at.is_(None),
    )  # fmt: skip
    if ending_from is not None:
        q = q.where(
            or_(
                end_date.is_(None),
                end_date == "",
                func.substr(end_date, 1, 10) >= ending_from.isoformat(),
            )
        )
    spans: dict[str, list[PostingSpan]] = {m: [] for m in markets}
    for market, rid, published, end, status, changed, clerk in session.execute(q):
        at = time_of(published)
        if at is None or at >= until:
            continue
        spans[market].append(
            PostingSpan(
                rid.hex, at, date_of(end), status == PostingStatus.OPEN.value,
                time_of(changed) or at, hex_of(clerk) if clerks else None,
            )
        )  # fmt: skip
    return spans


def _files(
    session: Session, markets: Sequence[str], until: dt.datetime, clerks: bool = True
) -> dict[str, list[FileSpan]]:
    """The markets' files received before ``until`` with their movements, per market
    (``clerks``: who received each, for a clerk's share; the stocks need it not)."""
    q = select(
        Record.market_code, Record.row_id, _field("received_at"), _field("created_by")
    ).where(
        Record.entity == "file_custody", Record.market_code.in_(markets),
        Record.deleted_at.is_(None),
    )  # fmt: skip
    custody: dict[tuple[str, str], tuple[dt.datetime, str | None]] = {}
    for market, rid, received, clerk in session.execute(q):
        at = time_of(received)
        if at is not None and at < until:
            custody[(market, rid.hex)] = (at, hex_of(clerk) if clerks else None)
    moves: dict[tuple[str, str], list[tuple[dt.datetime, str, dt.date | None]]] = defaultdict(list)
    q = select(
        Record.market_code, _field("custody_id"), _field("at"), _field("kind"), _field("due_date")
    ).where(
        Record.entity == "file_movement", Record.market_code.in_(markets),
        Record.deleted_at.is_(None),
    )  # fmt: skip
    for market, cid, at_text, kind, due in session.execute(q):
        key = (market, hex_of(cid) or "")
        at = time_of(at_text)
        if key in custody and at is not None and at < until:
            moves[key].append((at, kind, date_of(due)))
    spans: dict[str, list[FileSpan]] = {m: [] for m in markets}
    for (market, cid), (received, clerk) in custody.items():
        loans: list[Loan] = []
        transferred = None
        for at, kind, due in sorted(moves.get((market, cid), ()), key=lambda m: m[0]):
            if kind == FileMovementKind.LEND:
                loans.append(Loan(at, due, None))
            elif kind == FileMovementKind.RETURN and loans and loans[-1].returned_at is None:
                loans[-1] = Loan(loans[-1].lent_at, loans[-1].due_date, at)
            elif kind == FileMovementKind.TRANSFER_OUT:
                transferred = at
        spans[market].append(FileSpan(cid, received, transferred, tuple(loans), clerk))
    return spans


def seeking_counted(
    session: Session, market: str, periods: Iterable[Period]
) -> dict[tuple[str, dt.datetime], int]:
    d = FigureDay
    out = {}
    for p in periods:
        n = session.scalar(
            select(func.coalesce(func.sum(d.value), 0)).where(
                d.market_code == market, d.key == SEEKING, d.day <= p.last
            )
        )
        out[(SEEKING, p.end)] = int(n or 0)
    return out


def load_activity(session: Session, market: str, period: Period) -> Activity:
    """The market's activity for a report of ``period`` (and its two comparisons)."""
    windows = report_windows(period)
    until = max(b for _a, b in windows)
    activity = Activity(
        market, _facts(session, market, windows), [], _postings(session, [market], until)[market],
        _files(session, [market], until)[market],
    )  # fmt: skip
    activity.counted.update(
        seeking_counted(session, market, (period, period.previous(), period.year_before()))
    )
    return activity


def report_values(
    session: Session, markets: Sequence[str], period: Period
) -> dict[str, dict[Period, Values]]:
    """Every indicator of each of ``markets`` for the period and its two comparisons,
    as ``market_values`` counts them, without a market's facts: the day sums give
    the flows and the seekers' stock (``day_values``, one query for all markets);
    the other stocks are judged by the desk's own tests (``indicator.stock``) on
    the markets' postings and files (two queries); rates are divided again."""
    periods = (period, period.previous(), period.year_before())
    days = day_values(session, markets, periods)
    until = max(p.end for p in periods)
    ending_from = min(p.last for p in periods)  # a posting ended before it is open at no end
    postings = _postings(session, markets, until, ending_from, clerks=False)
    files = _files(session, markets, until, clerks=False)
    out: dict[str, dict[Period, Values]] = {}
    for market in markets:
        spans = Activity(market, {}, [], postings[market], files[market])
        out[market] = {}
        for p in periods:
            values = dict(days[p][market])
            for key in STOCK_KEYS:
                stock = INDICATOR[key].stock
                assert stock is not None
                values[key] = float(len(set(stock(spans, p))))
            for key in RATE_KEYS:
                values[key] = rate(key, values)
            out[market][p] = {i.key: values[i.key] for i in INDICATORS}
    return out


def market_values(session: Session, market: str, period: Period) -> dict[Period, Values]:
    """Every indicator of ``market`` for the period and its two comparisons."""
    activity = load_activity(session, market, period)
    return {
        p: {i.key: figure(i.key, activity, p).value for i in INDICATORS}
        for p in (period, period.previous(), period.year_before())
    }
