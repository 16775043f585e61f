"""What a market's figures are counted from: its activity as plain facts.

A loader (the desk's ``db/stats.py``; the city's own for its records) reads
the rows of one market and hands them over as these frozen values; every
indicator (``domain/indicators.py``) and breakdown (``domain/breakdowns.py``)
is a pure function of them, so the desk and the city count the same figure
from the same rows.

- ``Fact``: one countable event, when it happened, who recorded it, what it
  counts (the table and row) and what it is about (``Subject``) for
  breakdowns. Rows and clerks are named by a ``Key``: any text that names a
  record once (the desk uses the 32 hex digits of its UUID). Facts are kept per ``Stream``, each sorted by time.
- ``StatusChange``, ``PostingSpan``, ``FileSpan``: what a state at the end of a
  period (seeking work, open, in custody, overdue) is judged from.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from lingong_desk.domain.enums import PersonStatus


class Stream(StrEnum):
    """The kinds of countable event, each a list of facts sorted by time."""

    REGISTRATION = "registration"  # a job seeker registered at this market (person)
    EMPLOYER = "employer"  # an employer registered (employer)
    POSTING = "posting"  # labour demand published; amount = headcount (job_posting)
    REFERRAL = "referral"  # a referral slip issued, not voided as a mistake (referral)
    INTENTION = "intention"  # a referral reached a preliminary intention (referral)
    HIRE = "hire"  # a referral ended in a hire (referral)
    NOT_HIRED = "not_hired"  # (referral)
    NO_SHOW = "no_show"  # (referral)
    FILE_RECEIVED = "file_received"  # a personnel file taken into custody (file_custody)
    GUIDANCE = "guidance"  # a guidance session; kind in Subject.kind (guidance_session)
    FOLLOW_UP = "follow_up"  # a guidance follow-up marked done (guidance_session)
    CONSULTATION = "consultation"  # an enquiry logged (consultation)


@dataclass(frozen=True, slots=True)
class Subject:
    """What a fact is about, for breakdowns; empty where it does not apply."""

    sex: str = ""
    birth_date: dt.date | None = None
    category: str = ""  # PersonCategory
    township: str = ""  # of residence (breakdowns.township_of)
    occupation: str = ""  # job type code: the posting's, or the seeker's first wish
    work_form: str = ""  # the posting's, or the one the seeker wants
    hardship: bool = False  # in a hardship category (就业困难人员)
    kind: str = ""  # a guidance session's kind


NOBODY = Subject()
Key = str  # names a record (or a clerk) once


@dataclass(frozen=True, slots=True)
class Fact:
    entity: str  # the table of the record counted
    row_id: Key  # the record counted (a person for a registration)
    at: dt.datetime  # when it happened, aware
    clerk: Key | None = None  # who recorded it
    subject: Subject = NOBODY
    amount: int = 1  # a posting's headcount; 1 otherwise


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A status this market recorded for a job seeker: at their registration here
    (``registration``), on an update, or on a hire (employed)."""

    person: Key
    at: dt.datetime
    status: str  # PersonStatus
    registration: bool = False
    clerk: Key | None = None  # who recorded it


def seeking_at(
    changes: Sequence[StatusChange], moments: Iterable[dt.datetime]
) -> dict[dt.datetime, list[Key]]:
    """For each moment, the persons registered here before it whose last status
    recorded before it was "seeking work". ``changes`` are sorted by person, then
    time; one pass over them serves every moment."""
    wanted = sorted(set(moments))
    out: dict[dt.datetime, list[Key]] = {m: [] for m in wanted}
    seeking = PersonStatus.SEEKING.value
    for person, group in itertools.groupby(changes, key=lambda c: c.person):
        events = list(group)
        starts = [e.at for e in events if e.registration]
        if not starts:
            continue  # only updates or hires here: not this market's job seeker
        first = min(starts)
        for m in wanted:
            if first >= m:
                continue
            status = seeking
            for e in events:
                if e.at >= m:
                    break
                status = e.status
            if status == seeking:
                out[m].append(person)
    return out


@dataclass(frozen=True, slots=True)
class PostingSpan:
    """A posting of this market, for whether it was open at a moment."""

    row_id: Key
    published_at: dt.datetime
    end_date: dt.date | None
    open_now: bool  # its status is open today
    changed_at: dt.datetime  # its last change (updated_at)
    clerk: Key | None

    def open_at(self, moment: dt.datetime, day: dt.date) -> bool:
        """Published before ``moment``, not past its end date on ``day`` (the last day
        before ``moment``), and open then: open now, or changed only after ``moment``
        (the change that closed or filled it came later)."""
        if self.published_at >= moment:
            return False
        if self.end_date is not None and self.end_date < day:
            return False
        return self.open_now or self.changed_at >= moment


@dataclass(frozen=True, slots=True)
class Loan:
    lent_at: dt.datetime
    due_date: dt.date | None
    returned_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class FileSpan:
    """A personnel file this market received: when, lent when, transferred when."""

    row_id: Key
    received_at: dt.datetime
    transferred_at: dt.datetime | None
    loans: tuple[Loan, ...]
    clerk: Key | None

    def held_at(self, moment: dt.datetime) -> bool:
        """Received before ``moment`` and not transferred out by then (lent files count)."""
        return self.received_at < moment and (
            self.transferred_at is None or self.transferred_at >= moment
        )

    def overdue_at(self, moment: dt.datetime, day: dt.date) -> bool:
        """Held, lent before ``moment``, not returned by then, and due on or before
        ``day`` (the last day before ``moment``: by its end the file is late)."""
        if not self.held_at(moment):
            return False
        for loan in self.loans:
            out = loan.lent_at < moment and (loan.returned_at is None or loan.returned_at >= moment)
            if out and loan.due_date is not None and loan.due_date <= day:
                return True
        return False


def _sorted(facts: Iterable[Fact]) -> list[Fact]:
    return sorted(facts, key=lambda f: (f.at, f.row_id))


@dataclass
class Activity:
    """One market's activity, as loaded for a report (or the part one clerk recorded)."""

    market_code: str
    flows: dict[Stream, list[Fact]] = field(default_factory=dict)
    seekers: list[StatusChange] = field(default_factory=list)  # by person, then time
    postings: list[PostingSpan] = field(default_factory=list)
    files: list[FileSpan] = field(default_factory=list)
    _times: dict[Stream, list[dt.datetime]] = field(default_factory=dict, repr=False)
    # figures a loader counted itself (indicator key, moment): "seekers_seeking" in SQL
    counted: dict[tuple[str, dt.datetime], int] = field(default_factory=dict)
    _seeking: dict[dt.datetime, list[Key]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.flows = {stream: _sorted(self.flows.get(stream, ())) for stream in Stream}
        self._times = {stream: [f.at for f in facts] for stream, facts in self.flows.items()}
        self._seeking = {}

    def prepare(self, moments: Iterable[dt.datetime]) -> None:
        """Work out who was seeking work at each of ``moments`` in one pass."""
        missing = [m for m in moments if m not in self._seeking]
        if missing:
            self._seeking.update(seeking_at(self.seekers, missing))

    def seeking(self, moment: dt.datetime) -> list[Key]:
        """The job seekers of this market seeking work at ``moment``."""
        self.prepare([moment])
        return self._seeking[moment]

    def facts(self, stream: Stream, start: dt.datetime, end: dt.datetime) -> Sequence[Fact]:
        """The facts of ``stream`` from ``start`` (inclusive) to ``end`` (exclusive)."""
        times = self._times[stream]
        return self.flows[stream][bisect.bisect_left(times, start) : bisect.bisect_left(times, end)]

    def of_clerk(self, clerk: Key) -> Activity:
        """Only what ``clerk`` recorded: their registrations, postings, referrals,
        outcomes, files, sessions and enquiries; the seekers they registered."""
        firsts: dict[Key, StatusChange] = {}
        for c in self.seekers:
            if c.registration and (c.person not in firsts or c.at < firsts[c.person].at):
                firsts[c.person] = c
        registered_by = {p for p, c in firsts.items() if c.clerk == clerk}
        return replace(
            self,
            flows={s: [f for f in facts if f.clerk == clerk] for s, facts in self.flows.items()},
            seekers=[c for c in self.seekers if c.person in registered_by],
            postings=[p for p in self.postings if p.clerk == clerk],
            files=[f for f in self.files if f.clerk == clerk],
            _times={},
            _seeking={},
        )
