"""The rules under the statistics: periods, breakdown rows, the SQL form of the
trend equal to the definitions, and demo data with 14 months of shape."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from lingong_desk.db.engine import alembic_config
from lingong_desk.db.local_state import REGISTRATIONS_RECORDED_FROM
from lingong_desk.db.models import JobPosting, Referral, ReferralEvent
from lingong_desk.db.stats import load_activity, seeking_counts, seeking_ids
from lingong_desk.domain import indicators as ind
from lingong_desk.domain.activity import seeking_at
from lingong_desk.domain.breakdowns import age_band, is_older_worker, township_of
from lingong_desk.domain.calendar import CHINA
from lingong_desk.domain.enums import ReferralStatus as S
from lingong_desk.domain.periods import BadPeriod, Period, PeriodKind, parse_period
from lingong_desk.services.demo import ensure_demo_market, fill_demo
from lingong_desk.services.demo_history import fill_history
from lingong_desk.services.registry import Services
from tests import factories

D = dt.date


# ---- periods ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "first", "last", "previous", "year_before"),
    [
        ("2025-03-01", D(2025, 3, 1), D(2025, 3, 1), "2025-02-28", "2024-03-01"),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), "2024-02-28", "2023-02-28"),
        ("2025-W01", D(2024, 12, 30), D(2025, 1, 5), "2024-W52", "2024-W01"),
        ("2025-03", D(2025, 3, 1), D(2025, 3, 31), "2025-02", "2024-03"),
        ("2025-01", D(2025, 1, 1), D(2025, 1, 31), "2024-12", "2024-01"),
        ("2025-Q1", D(2025, 1, 1), D(2025, 3, 31), "2024-Q4", "2024-Q1"),
        ("2025", D(2025, 1, 1), D(2025, 12, 31), "2024", "2024"),
        ("2025-03-10..2025-03-19", D(2025, 3, 10), D(2025, 3, 19),
         "2025-02-28..2025-03-09", "2024-03-10..2024-03-19"),
    ],
)  # fmt: skip
def test_periods_and_their_neighbours(
    key: str, first: dt.date, last: dt.date, previous: str, year_before: str
) -> None:
    period = parse_period(key)
    assert (period.first, period.last, period.key) == (first, last, key)
    assert period.previous().key == previous
    assert period.year_before().key == year_before
    assert period.shifted(1).previous() == period
    assert period.start == dt.datetime.combine(first, dt.time(), CHINA)
    assert period.holds(period.end - dt.timedelta(microseconds=1))
    assert not period.holds(period.end)


def test_period_kinds_and_bad_periods() -> None:
    day = D(2025, 11, 20)
    kinds = {k: Period.containing(k, day).key for k in PeriodKind}
    assert kinds == {
        "day": "2025-11-20", "week": "2025-W47", "month": "2025-11", "quarter": "2025-Q4",
        "year": "2025", "range": "2025-11-20..2025-11-20",
    }  # fmt: skip
    months = Period.month(2025, 11).trailing_months(12)
    assert [months[0].key, months[-1].key, len(months)] == ["2024-12", "2025-11", 12]
    assert [m.key for m in Period.quarter(2025, 4).months()] == ["2025-10", "2025-11", "2025-12"]
    for text in ("2025-13", "2025-Q5", "2025-11-31", "11/2025", "2025-11-05..2025-11-01", ""):
        with pytest.raises(BadPeriod):
            parse_period(text)


def test_report_windows_merge_what_touches() -> None:
    month = ind.report_windows(Period.month(2025, 11))
    assert [(a.date(), b.date()) for a, b in month] == [
        (D(2024, 11, 1), D(2024, 12, 1)),
        (D(2025, 10, 1), D(2025, 12, 1)),
    ]
    year = ind.report_windows(Period.year(2025))
    assert [(a.date(), b.date()) for a, b in year] == [(D(2024, 1, 1), D(2026, 1, 1))]


# ---- breakdown rows ----------------------------------------------------------------------
def test_age_bands_and_older_workers() -> None:
    on = D(2025, 6, 1)
    years = (2009, 1996, 1995, 1986, 1985, 1975, 1965, 1964)  # born on 2 June
    assert [age_band(D(y, 6, 2), on) for y in years] == [
        "16-29", "16-29", "16-29", "30-39", "30-39", "40-49", "50-59", "60+",
    ]  # fmt: skip
    assert age_band(None, on) == ""
    assert is_older_worker("F", D(1985, 6, 1), on) and not is_older_worker("F", D(1985, 6, 2), on)
    assert is_older_worker("M", D(1975, 6, 1), on) and not is_older_worker("M", D(1980, 1, 1), on)


@pytest.mark.parametrize(
    ("address", "township"),
    [
        ("左云县云兴镇新建路18号", "云兴镇"),
        ("山西省大同市左云县管家堡乡石井村", "管家堡乡"),
        ("大同市平城区新建南路街道和平社区", "新建南路街道"),
        ("左云县城", ""),
        ("", ""),
    ],
)
def test_township_of_an_address(address: str, township: str) -> None:
    assert township_of(address) == township


def test_every_indicator_has_a_definition_and_a_unique_key() -> None:
    keys = [i.key for i in ind.INDICATORS]
    assert len(keys) == len(set(keys)) >= 22
    for i in ind.INDICATORS:
        assert i.label and i.definition.endswith(".")
        assert (i.stream is not None) + (i.stock is not None) + (i.ratio is not None) == 1


# ---- the demo market's history, and the trend's SQL form ------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    s = factories.blank_desk(tmp_path_factory.mktemp("demo") / "desk.sqlite3")
    moment = dt.datetime(2025, 11, 20, 2, 0, tzinfo=dt.UTC)
    s.ctx.now = lambda: moment
    ensure_demo_market(s.ctx)
    fill_demo(s.ctx, people=400, employers=40, postings=40)
    fill_history(s.ctx)
    yield s
    s.close()


def test_the_trend_in_sql_counts_as_the_definitions(demo: Services) -> None:
    stats = demo.statistics
    period = Period.month(2025, 11)
    clerk = demo.ctx.clerk_id
    for who in (None, clerk):
        trend = stats.trend(period, who)
        for month, values in trend:
            activity = stats.activity(month, who)
            expected = {k: ind.figure(k, activity, month).value for k in ind.TREND}
            assert values == expected, (month.key, who)


def test_seeking_work_in_sql_counts_as_the_definition(demo: Services) -> None:
    stats = demo.statistics
    ends = [m.end for m in Period.month(2025, 11).trailing_months(14)]
    for who in (None, demo.ctx.clerk_id):
        key = who.hex if who else None
        with demo.ctx.reading() as s:
            counted = seeking_counts(s, demo.ctx.market_code, ends, key)
            history = load_activity(s, demo.ctx.market_code, [], ends[-1], history=True)
        if key is not None:
            history = history.of_clerk(key)
        assert history.seekers and not history.counted
        pure = seeking_at(history.seekers, ends)
        assert {m: counted[("seekers_seeking", m)] for m in ends} == {m: len(pure[m]) for m in ends}
        assert len(set(pure[ends[-1]])) > 100
        with demo.ctx.reading() as s:
            ids = seeking_ids(s, demo.ctx.market_code, ends[-3], key)
        assert ids == sorted(pure[ends[-3]])
    october = Period.month(2025, 10)
    drill = stats.rows_behind(october, "seekers_seeking")
    assert len(drill.ids) == stats.report(october, lambda _c, t: t).figure("seekers_seeking").value


def test_the_demo_has_fourteen_months_of_shape(demo: Services) -> None:
    stats = demo.statistics
    trend = stats.trend(Period.month(2025, 11))
    for month, values in trend:
        assert all(values[k] > 0 for k in ind.TREND), (month.key, values)
    now = demo.ctx.now()
    with demo.ctx.reading() as s:
        events: dict[object, list[tuple[dt.datetime, str | None, str]]] = {}
        for e in s.scalars(select(ReferralEvent).order_by(ReferralEvent.at, ReferralEvent.hlc)):
            events.setdefault(e.referral_id, []).append((e.at, e.from_status, e.to_status))
        referrals = {r.id: r for r in s.scalars(select(Referral))}
        filled = s.scalar(select(JobPosting.id).where(JobPosting.status == "filled"))
    assert filled is not None
    assert len(referrals) > 300
    for rid, steps in events.items():
        r = referrals[rid]
        assert steps[0][1:] == (None, S.ISSUED) and steps[0][0] == r.issued_at
        assert all(at <= now for at, _f, _t in steps)
        assert [t for _a, _f, t in steps][-1] == r.status
        for (_a, _f, before), (_b, after_from, _t) in itertools.pairwise(steps):
            assert after_from == before  # each step starts where the last one ended
        if r.status == S.HIRED:
            assert S.INTENTION in [t for _a, _f, t in steps]
    report = stats.report(Period.month(2025, 10), lambda _c, t: t)
    assert all(report.figure(k).value for k in ("files_in_custody_end", "consultations"))


def test_people_registered_before_registrations_were_events_still_count(tmp_path: Path) -> None:
    s = factories.desk(tmp_path)
    moment = dt.datetime(2025, 11, 3, 2, 0, tzinfo=dt.UTC)
    s.ctx.now = lambda: moment
    person = factories.person(s)
    path = s.ctx.db.path
    command.downgrade(alembic_config(s.ctx.db.engine), "0003")
    s.close()
    with sqlite3.connect(path) as conn:  # as the version before wrote it: no event
        conn.execute("DELETE FROM audit_event WHERE action = 'person.register'")
    s = factories.reopen(path)  # migrates to 0004, which notes when events began
    try:
        with s.ctx.reading() as session:
            assert REGISTRATIONS_RECORDED_FROM.read(session) is not None
        november = Period.month(2025, 11)
        assert s.statistics.rows_behind(november, "seekers_registered").ids == (person.id,)
        assert s.statistics.rows_behind(november, "seekers_seeking").ids == (person.id,)
        assert s.statistics.trend(november)[-1][1]["seekers_registered"] == 1
        s.ctx.now = lambda: moment + dt.timedelta(days=1)
        other = factories.person(s, "14022619850402234", "李四", phone="13900000002")
        ids = set(s.statistics.rows_behind(november, "seekers_registered").ids)
        assert ids == {person.id, other.id}  # the new one by its event
    finally:
        s.close()


def test_a_new_desk_never_looks_for_people_without_events(tmp_path: Path) -> None:
    s = factories.desk(tmp_path)
    try:
        with s.ctx.reading() as session:
            assert REGISTRATIONS_RECORDED_FROM.read(session) is None
    finally:
        s.close()
