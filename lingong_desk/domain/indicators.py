"""The market's indicators, each defined once: a stable key, an English label and a
one-line definition (catalogue texts, context "stats"), and how it is counted
from a market's ``Activity``.

The desk and the city compute every figure with ``figure()`` from the same
rows, so a figure on the city's console equals the one in the market's own
report. Three shapes of indicator:

- a flow counts the facts of one stream that happened in the period (by the
  day they happened, China time), optionally only those a test accepts;
- a stock counts what stood at the period's end (seeking, open, held, overdue);
- a rate divides two flows of the same period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from lingong_desk.domain.activity import Activity, Fact, Key, Stream
from lingong_desk.domain.breakdowns import (
    DIMENSION,
    VALUE_OF,
    Dimension,
    is_older_worker,
    value_of,
)
from lingong_desk.domain.calendar import market_day
from lingong_desk.domain.enums import GuidanceKind, WorkForm
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.periods import Period


class Unit(StrEnum):
    PERSONS = "persons"
    PERSON_TIMES = "person_times"
    EMPLOYERS = "employers"
    POSTINGS = "postings"
    JOBS = "jobs"
    FILES = "files"
    TIMES = "times"
    RATE = "rate"


class Section(StrEnum):
    REGISTRATION = "registration"
    REFERRAL = "referral"
    PERSONNEL = "personnel"
    GUIDANCE = "guidance"


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # catalogue text (context "stats")
    definition: str  # catalogue text (context "stats"), shown as a tooltip
    unit: Unit
    section: Section
    entity: str  # the table of the records it counts (the rows behind the figure)
    stream: Stream | None = None  # a flow: the stream it counts
    accepts: Callable[[Fact], bool] | None = None  # a flow: only these facts
    stock: Callable[[Activity, Period], list[Key]] | None = None
    ratio: tuple[str, str] | None = None  # a rate: numerator and denominator keys

    @property
    def is_rate(self) -> bool:
        return self.ratio is not None

    @property
    def is_stock(self) -> bool:
        return self.stock is not None


def _seeking_at_end(activity: Activity, period: Period) -> list[Key]:
    return activity.seeking(period.end)


def _end(period: Period) -> dt.datetime:
    """The period's end, worked out once per stock and in UTC: the same moment, but
    compared without a time zone lookup per record (records' times are in UTC)."""
    return period.end.astimezone(dt.UTC)


def _open_at_end(activity: Activity, period: Period) -> list[Key]:
    end, last = _end(period), period.last
    return [p.row_id for p in activity.postings if p.open_at(end, last)]


def _held_at_end(activity: Activity, period: Period) -> list[Key]:
    end = _end(period)
    return [f.row_id for f in activity.files if f.held_at(end)]


def _overdue_at_end(activity: Activity, period: Period) -> list[Key]:
    end, last = _end(period), period.last
    return [f.row_id for f in activity.files if f.loans and f.overdue_at(end, last)]


def _day_work(fact: Fact) -> bool:
    return fact.subject.work_form == WorkForm.DAY_WORK.value


def _hardship(fact: Fact) -> bool:
    return fact.subject.hardship


def _older(fact: Fact) -> bool:
    return is_older_worker(fact.subject.sex, fact.subject.birth_date, market_day(fact.at))


def _training(fact: Fact) -> bool:
    return fact.subject.kind == GuidanceKind.TRAINING_REFERRAL.value


R, F, P, G = Section.REGISTRATION, Section.REFERRAL, Section.PERSONNEL, Section.GUIDANCE
INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "seekers_registered",
        QT_TRANSLATE_NOOP("stats", "Job seekers registered"),
        QT_TRANSLATE_NOOP(
            "stats",
            "Job seekers this market registered in the period, each person once; a person registered at two markets counts at both.",
        ),
        Unit.PERSONS, R, "person", Stream.REGISTRATION,
    ),
    Indicator(
        "seekers_seeking",
        QT_TRANSLATE_NOOP("stats", "Seeking work at the end"),
        QT_TRANSLATE_NOOP(
            "stats",
            "Job seekers registered here by the end of the period whose status then, as this market recorded it, was seeking work.",
        ),
        Unit.PERSONS, R, "person", stock=_seeking_at_end,
    ),
    Indicator(
        "employers_registered",
        QT_TRANSLATE_NOOP("stats", "Employers registered"),
        QT_TRANSLATE_NOOP("stats", "Employers this market registered in the period."),
        Unit.EMPLOYERS, R, "employer", Stream.EMPLOYER,
    ),
    Indicator(
        "postings_published",
        QT_TRANSLATE_NOOP("stats", "Postings published"),
        QT_TRANSLATE_NOOP("stats", "Labour-demand postings this market published in the period."),
        Unit.POSTINGS, R, "job_posting", Stream.POSTING,
    ),
    Indicator(
        "jobs_offered",
        QT_TRANSLATE_NOOP("stats", "Jobs offered"),
        QT_TRANSLATE_NOOP(
            "stats", "Places offered by the postings published in the period (their headcounts added up)."
        ),
        Unit.JOBS, R, "job_posting", Stream.POSTING,
    ),
    Indicator(
        "postings_open_end",
        QT_TRANSLATE_NOOP("stats", "Postings open at the end"),
        QT_TRANSLATE_NOOP(
            "stats",
            "Postings of this market published by the end of the period, not past their end date and still open then (open now, or closed or filled only later).",
        ),
        Unit.POSTINGS, R, "job_posting", stock=_open_at_end,
    ),
    Indicator(
        "referrals_issued",
        QT_TRANSLATE_NOOP("stats", "Referrals"),
        QT_TRANSLATE_NOOP(
            "stats",
            "Referral slips issued in the period, in person-times; a slip voided as issued by mistake does not count.",
        ),
        Unit.PERSON_TIMES, F, "referral", Stream.REFERRAL,
    ),
    Indicator(
        "intentions",
        QT_TRANSLATE_NOOP("stats", "Preliminary intentions"),
        QT_TRANSLATE_NOOP(
            "stats",
            "Referrals that reached a preliminary intention in the period; a hire recorded straight away counts here too.",
        ),
        Unit.PERSON_TIMES, F, "referral", Stream.INTENTION,
    ),
    Indicator(
        "hires",
        QT_TRANSLATE_NOOP("stats", "Hired"),
        QT_TRANSLATE_NOOP(
            "stats",
            "Referrals that ended in a hire in the period, counted on the day the hire was recorded, also on another market's posting.",
        ),
        Unit.PERSON_TIMES, F, "referral", Stream.HIRE,
    ),
    Indicator(
        "not_hired",
        QT_TRANSLATE_NOOP("stats", "Not hired"),
        QT_TRANSLATE_NOOP("stats", "Referrals recorded as not hired in the period."),
        Unit.PERSON_TIMES, F, "referral", Stream.NOT_HIRED,
    ),
    Indicator(
        "no_shows",
        QT_TRANSLATE_NOOP("stats", "No shows"),
        QT_TRANSLATE_NOOP(
            "stats", "Referrals whose worker never went to the employer, recorded in the period."
        ),
        Unit.PERSON_TIMES, F, "referral", Stream.NO_SHOW,
    ),
    Indicator(
        "hire_rate",
        QT_TRANSLATE_NOOP("stats", "Hire rate"),
        QT_TRANSLATE_NOOP(
            "stats", "Hires in the period divided by the referrals issued in the period."
        ),
        Unit.RATE, F, "referral", ratio=("hires", "referrals_issued"),
    ),
    Indicator(
        "day_work_hires",
        QT_TRANSLATE_NOOP("stats", "Day-work hires"),
        QT_TRANSLATE_NOOP("stats", "Hires in the period into day-work (paid daily) postings."),
        Unit.PERSON_TIMES, F, "referral", Stream.HIRE, _day_work,
    ),
    Indicator(
        "hardship_hires",
        QT_TRANSLATE_NOOP("stats", "Hires of people in hardship"),
        QT_TRANSLATE_NOOP(
            "stats", "Hires in the period of job seekers in a hardship category (就业困难人员)."
        ),
        Unit.PERSON_TIMES, F, "referral", Stream.HIRE, _hardship,
    ),
    Indicator(
        "older_worker_hires",
        QT_TRANSLATE_NOOP("stats", "Hires of older workers"),
        QT_TRANSLATE_NOOP(
            "stats",
            "Hires in the period of women aged 40 or more and men aged 50 or more on the day of the hire.",
        ),
        Unit.PERSON_TIMES, F, "referral", Stream.HIRE, _older,
    ),
    Indicator(
        "files_received",
        QT_TRANSLATE_NOOP("stats", "Files received"),
        QT_TRANSLATE_NOOP("stats", "Personnel files taken into custody in the period."),
        Unit.FILES, P, "file_custody", Stream.FILE_RECEIVED,
    ),
    Indicator(
        "files_in_custody_end",
        QT_TRANSLATE_NOOP("stats", "Files in custody at the end"),
        QT_TRANSLATE_NOOP(
            "stats",
            "Personnel files held at the end of the period, lent ones included, not transferred out by then.",
        ),
        Unit.FILES, P, "file_custody", stock=_held_at_end,
    ),
    Indicator(
        "files_overdue_end",
        QT_TRANSLATE_NOOP("stats", "Files overdue at the end"),
        QT_TRANSLATE_NOOP(
            "stats",
            "Files lent out and not returned at the end of the period, due back on or before its last day.",
        ),
        Unit.FILES, P, "file_custody", stock=_overdue_at_end,
    ),
    Indicator(
        "guidance_sessions",
        QT_TRANSLATE_NOOP("stats", "Guidance sessions"),
        QT_TRANSLATE_NOOP("stats", "Employment and entrepreneurship guidance sessions recorded in the period."),
        Unit.TIMES, G, "guidance_session", Stream.GUIDANCE,
    ),
    Indicator(
        "training_referrals",
        QT_TRANSLATE_NOOP("stats", "Skills-training referrals"),
        QT_TRANSLATE_NOOP("stats", "Guidance sessions in the period that referred the person to skills training."),
        Unit.TIMES, G, "guidance_session", Stream.GUIDANCE, _training,
    ),
    Indicator(
        "follow_ups_done",
        QT_TRANSLATE_NOOP("stats", "Follow-ups done"),
        QT_TRANSLATE_NOOP("stats", "Guidance follow-ups marked done in the period."),
        Unit.TIMES, G, "guidance_session", Stream.FOLLOW_UP,
    ),
    Indicator(
        "consultations",
        QT_TRANSLATE_NOOP("stats", "Consultations"),
        QT_TRANSLATE_NOOP("stats", "Walk-in, phone and online enquiries logged in the period."),
        Unit.TIMES, G, "consultation", Stream.CONSULTATION,
    ),
)  # fmt: skip
INDICATOR = {i.key: i for i in INDICATORS}
SECTION_LABELS = {
    Section.REGISTRATION: QT_TRANSLATE_NOOP("stats", "Registration and labour demand"),
    Section.REFERRAL: QT_TRANSLATE_NOOP("stats", "Job referral"),
    Section.PERSONNEL: QT_TRANSLATE_NOOP("stats", "Personnel agency"),
    Section.GUIDANCE: QT_TRANSLATE_NOOP("stats", "Guidance and information"),
}
# the referral funnel: registered -> referred -> intention -> hired
FUNNEL = ("seekers_registered", "referrals_issued", "intentions", "hires")
# what the 12-month trend shows
TREND = ("seekers_registered", "referrals_issued", "intentions", "hires")


@dataclass(frozen=True)
class Figure:
    key: str
    value: float | None  # a count, or a rate (None: nothing to divide by)
    entity: str
    rows: tuple[Key, ...]  # the records the figure counts (a rate: its numerator's)


def _counted(indicator: Indicator, facts: list[Fact]) -> float:
    if indicator.key == "jobs_offered":
        return float(sum(f.amount for f in facts))
    return float(len({f.row_id for f in facts}))


def flow_facts(indicator: Indicator, activity: Activity, period: Period) -> list[Fact]:
    assert indicator.stream is not None
    facts = activity.facts(indicator.stream, period.start, period.end)
    if indicator.accepts is None:
        return list(facts)
    return [f for f in facts if indicator.accepts(f)]


def _unique(ids: list[Key]) -> tuple[Key, ...]:
    return tuple(dict.fromkeys(ids))


def figure(key: str, activity: Activity, period: Period) -> Figure:
    """The value of indicator ``key`` for ``period``, with the rows it counts."""
    indicator = INDICATOR[key]
    if indicator.ratio is not None:
        top, bottom = (figure(k, activity, period) for k in indicator.ratio)
        value = None if not bottom.value else (top.value or 0.0) / bottom.value
        return Figure(key, value, indicator.entity, top.rows)
    if indicator.stock is not None:
        known = activity.counted.get((key, period.end))
        if known is not None:  # counted by the loader (the SQL form); rows on request
            return Figure(key, float(known), indicator.entity, ())
        rows = _unique(indicator.stock(activity, period))
        return Figure(key, float(len(rows)), indicator.entity, rows)
    facts = flow_facts(indicator, activity, period)
    rows = _unique([f.row_id for f in facts])
    return Figure(key, _counted(indicator, facts), indicator.entity, rows)


@dataclass(frozen=True)
class BreakdownTable:
    dimension: Dimension
    columns: tuple[str, ...]  # indicator keys
    rows: tuple[tuple[str, tuple[float, ...]], ...]  # (row key, one value per column)
    totals: tuple[float, ...]


def breakdown(dimension: Dimension, activity: Activity, period: Period) -> BreakdownTable:
    """One row per value of ``dimension`` met in the period, one column per indicator."""
    info = DIMENSION[dimension]
    row_of = VALUE_OF[dimension]
    groups: dict[str, list[list[Fact]]] = {}
    totals = []
    for col, key in enumerate(info.indicators):
        facts = flow_facts(INDICATOR[key], activity, period)
        totals.append(_counted(INDICATOR[key], facts))
        for fact in facts:
            cells = groups.setdefault(row_of(fact), [[] for _ in info.indicators])
            cells[col].append(fact)
    rows = [
        (value, tuple(_counted(INDICATOR[k], cells[i]) for i, k in enumerate(info.indicators)))
        for value, cells in groups.items()
    ]
    # the biggest rows first (last column, then the others); "not stated" last
    rows.sort(key=lambda r: (r[0] == "", tuple(-v for v in reversed(r[1])), r[0]))
    return BreakdownTable(dimension, info.indicators, tuple(rows), tuple(totals))


def breakdown_rows(
    key: str, dimension: Dimension, value: str, activity: Activity, period: Period
) -> tuple[Key, ...]:
    """The records behind one cell of a breakdown table."""
    facts = flow_facts(INDICATOR[key], activity, period)
    return _unique([f.row_id for f in facts if value_of(dimension, f) == value])


def trend(
    activity: Activity, period: Period, months: int = 12
) -> list[tuple[Period, dict[str, float]]]:
    """The ``TREND`` indicators for each of the ``months`` months ending with the period's."""
    out = []
    for month in period.trailing_months(months):
        out.append((month, {k: figure(k, activity, month).value or 0.0 for k in TREND}))
    return out


def report_windows(period: Period) -> list[tuple[dt.datetime, dt.datetime]]:
    """The times a report of ``period`` counts facts in: the period, the one before
    and the same period a year earlier (overlapping ones merged), oldest first."""
    spans = sorted((p.start, p.end) for p in (period, period.previous(), period.year_before()))
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
