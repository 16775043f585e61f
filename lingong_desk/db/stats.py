"""Reading one market's activity for its statistics (``domain/activity.py``).

Only this market's rows count (``market_code``): its registrations, postings,
referrals (also to another market's posting) and what it recorded of them,
its files, sessions and enquiries. Rows deleted (tombstones) never count.

A registration is the audit event ``person.register`` the registering desk
writes: a person registered at two markets is one row whose owner is the
first market, but each market keeps its own event. A person of this market
for whom no such event exists (data from before the events recorded it)
counts as registered when the row says. The status a seeker had at a moment
comes from the same trail (``person.register`` / ``person.update`` carry the
status saved) and from this market's hires.

Flows are read for the given windows (a report's period, the one before and
the same a year earlier); what stocks are judged from, up to the end. Values
are read raw (ids as their 32 hex digits, times as SQLite stores them), which
is several times faster than typed columns at 100,000 people
(``bench/stats_bench.py``). ``monthly_counts`` is the SQL form of the trend's
four indicators; a test holds it equal to ``domain/indicators.figure``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, String, and_, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from lingong_desk.db.models import (
    AuditEvent,
    Clerk,
    Consultation,
    Employer,
    FileCustody,
    FileMovement,
    GuidanceSession,
    JobPosting,
    Person,
    PersonOccupation,
    Referral,
    ReferralEvent,
)
from lingong_desk.domain.activity import (
    Activity,
    Fact,
    FileSpan,
    Loan,
    PostingSpan,
    StatusChange,
    Stream,
    Subject,
)
from lingong_desk.domain.breakdowns import township_of
from lingong_desk.domain.enums import FileMovementKind, PersonStatus, PostingStatus
from lingong_desk.domain.enums import ReferralStatus as S

REGISTER, UPDATE = "person.register", "person.update"
OUTCOMES = {
    S.INTENTION.value: Stream.INTENTION,
    S.HIRED.value: Stream.HIRE,
    S.NOT_HIRED.value: Stream.NOT_HIRED,
    S.NO_SHOW.value: Stream.NO_SHOW,
}
Window = tuple[dt.datetime, dt.datetime]


def raw(column: Any) -> Any:
    """A column read as stored (no UUID or datetime objects made per row)."""
    return type_coerce(column, String)


def stamp(moment: dt.datetime) -> str:
    """A moment as the desk stores it: naive UTC text, comparable as text."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class _People:
    """Who a fact is about, read once per person and shared by all their facts."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.rows: dict[str, tuple[Any, ...]] = {}
        self.places: dict[str, str] = {}

    def load(self, ids: Iterable[str]) -> None:
        wanted = sorted(set(ids) - self.rows.keys())
        wish = (
            select(PersonOccupation.occupation_code)
            .where(PersonOccupation.person_id == Person.id, PersonOccupation.deleted_at.is_(None))
            .order_by(PersonOccupation.rank)
            .limit(1)
            .correlate(Person)
            .scalar_subquery()
        )
        q = select(
            raw(Person.id), Person.sex, raw(Person.birth_date), Person.category,
            Person.address, raw(Person.hardships), Person.work_form, wish,
        )  # fmt: skip
        for start in range(0, len(wanted), 900):  # SQLite's limit on bound parameters
            part = wanted[start : start + 900]
            for pid, *rest in self.s.execute(q.where(raw(Person.id).in_(part))):
                self.rows[pid] = tuple(rest)

    def subject(self, pid: str, occupation: str | None = None, form: str | None = None) -> Subject:
        """The person's subject; ``occupation`` and ``form`` are the posting's, when
        there is one (else the seeker's first wish and the work form wanted)."""
        row = self.rows.get(pid)
        if row is None:
            return Subject(occupation=occupation or "", work_form=form or "")
        sex, birth, category, address, hardships, wanted_form, wish = row
        place = self.places.get(address or "")
        if place is None:
            place = self.places[address or ""] = township_of(address or "")
        return Subject(
            sex=sex or "",
            birth_date=day(birth),
            category=category or "",
            township=place,
            occupation=(occupation if occupation is not None else wish) or "",
            work_form=(form if form is not None else wanted_form) or "",
            hardship=bool(hardships) and hardships not in ("[]", "null"),
        )


class _Loader:
    def __init__(self, s: Session, market: str, windows: Sequence[Window], until: dt.datetime):
        self.s, self.market = s, market
        self.windows = [(stamp(a), stamp(b)) for a, b in windows]
        self.until = stamp(until)
        self.flows: dict[Stream, list[Fact]] = defaultdict(list)
        self.people = _People(s)

    def in_windows(self, column: Any) -> ColumnElement[bool]:
        col = raw(column)
        return or_(*(and_(col >= a, col < b) for a, b in self.windows))

    def inside(self, text: str) -> bool:
        return any(a <= text < b for a, b in self.windows)

    # ---- job seekers ----------------------------------------------------
    def seekers(self) -> list[StatusChange]:
        """Every status this market recorded for its job seekers, by person, then time."""
        status = func.json_extract(AuditEvent.detail, "$.status")
        mine = (
            AuditEvent.market_code == self.market,
            AuditEvent.deleted_at.is_(None),
            raw(AuditEvent.at) < self.until,
        )
        seeking, employed = PersonStatus.SEEKING.value, PersonStatus.EMPLOYED.value
        rows: list[tuple[str, str, str, bool, str | None]] = []
        q = (
            select(
                raw(AuditEvent.entity_id), raw(AuditEvent.at), status, raw(AuditEvent.created_by)
            )
            .join(Person, Person.id == AuditEvent.entity_id)
            .where(AuditEvent.action == REGISTER, *mine, Person.deleted_at.is_(None))
        )
        rows.extend((p, at, v or seeking, True, c) for p, at, v, c in self.s.execute(q))
        q = select(raw(AuditEvent.entity_id), raw(AuditEvent.at), status).where(
            AuditEvent.action == UPDATE, *mine, status.is_not(None)
        )
        rows.extend((p, at, str(v), False, None) for p, at, v in self.s.execute(q))
        # persons of this market from before registrations were recorded as events
        recorded = exists().where(
            AuditEvent.entity_id == Person.id,
            AuditEvent.action == REGISTER,
            AuditEvent.market_code == self.market,
        )
        legacy = select(
            raw(Person.id), raw(Person.registered_at), raw(Person.created_by), Person.status,
            raw(Person.updated_at),
        ).where(
            Person.market_code == self.market,
            Person.deleted_at.is_(None),
            raw(Person.registered_at) < self.until,
            ~recorded,
        )  # fmt: skip
        for pid, at, clerk, now_status, changed in self.s.execute(legacy):
            rows.append((pid, at, seeking, True, clerk))
            if now_status != seeking:
                rows.append((pid, max(at, changed), now_status, False, None))
        hires = (
            select(raw(Referral.person_id), raw(ReferralEvent.at))
            .join(Referral, Referral.id == ReferralEvent.referral_id)
            .where(
                ReferralEvent.to_status == S.HIRED,
                ReferralEvent.market_code == self.market,
                ReferralEvent.deleted_at.is_(None),
                raw(ReferralEvent.at) < self.until,
            )
        )
        rows.extend((p, at, employed, False, None) for p, at in self.s.execute(hires))
        rows.sort(key=lambda r: (r[0], r[1]))  # stored times sort as text
        return [StatusChange(p, moment(at), st, reg, c) for p, at, st, reg, c in rows]

    def registrations(self, seekers: list[StatusChange]) -> None:
        firsts: dict[str, StatusChange] = {}
        for c in seekers:
            if c.registration and c.person not in firsts:  # the first: sorted by time
                firsts[c.person] = c
        wanted = [c for c in firsts.values() if self.inside(stamp(c.at))]
        self.people.load(c.person for c in wanted)
        for c in wanted:
            fact = Fact("person", c.person, c.at, c.clerk, self.people.subject(c.person))
            self.flows[Stream.REGISTRATION].append(fact)

    # ---- employers and postings ---------------------------------------------
    def employers(self) -> None:
        q = select(raw(Employer.id), raw(Employer.created_at), raw(Employer.created_by)).where(
            Employer.market_code == self.market,
            Employer.deleted_at.is_(None),
            self.in_windows(Employer.created_at),
        )
        for eid, at, clerk in self.s.execute(q):
            self.flows[Stream.EMPLOYER].append(Fact("employer", eid, moment(at), clerk))

    def postings(self) -> list[PostingSpan]:
        q = select(
            raw(JobPosting.id), raw(JobPosting.published_at), raw(JobPosting.created_by),
            JobPosting.headcount, JobPosting.occupation_code, JobPosting.work_form,
            raw(JobPosting.end_date), JobPosting.status, raw(JobPosting.updated_at),
        ).where(
            JobPosting.market_code == self.market,
            JobPosting.deleted_at.is_(None),
            raw(JobPosting.published_at) < self.until,
        )  # fmt: skip
        spans = []
        for pid, at, clerk, headcount, code, form, end, status, changed in self.s.execute(q):
            published = moment(at)
            spans.append(
                PostingSpan(
                    pid, published, day(end), status == PostingStatus.OPEN, moment(changed), clerk
                )
            )
            if self.inside(at):
                subject = Subject(occupation=code, work_form=form)
                fact = Fact("job_posting", pid, published, clerk, subject, headcount)
                self.flows[Stream.POSTING].append(fact)
        return spans

    # ---- referrals ------------------------------------------------------------
    def referrals(self) -> None:
        mistakes = set(
            self.s.scalars(
                select(raw(ReferralEvent.referral_id)).where(
                    ReferralEvent.from_status == S.ISSUED,
                    ReferralEvent.to_status == S.VOID,
                    ReferralEvent.market_code == self.market,
                    ReferralEvent.deleted_at.is_(None),
                )
            )
        )
        mine = (Referral.market_code == self.market, Referral.deleted_at.is_(None))
        posting = (JobPosting.occupation_code, JobPosting.work_form)
        q = (
            select(raw(Referral.id), raw(Referral.issued_at), raw(Referral.created_by),
                   raw(Referral.person_id), *posting)
            .join(JobPosting, JobPosting.id == Referral.posting_id)
            .where(*mine, self.in_windows(Referral.issued_at))
        )  # fmt: skip
        issued = [row for row in self.s.execute(q) if row[0] not in mistakes]
        q = (
            select(raw(Referral.id), raw(ReferralEvent.at), raw(ReferralEvent.created_by),
                   raw(Referral.person_id), *posting, ReferralEvent.to_status)
            .join(Referral, Referral.id == ReferralEvent.referral_id)
            .join(JobPosting, JobPosting.id == Referral.posting_id)
            .where(
                *mine,
                ReferralEvent.to_status.in_(list(OUTCOMES)),
                ReferralEvent.deleted_at.is_(None),
                self.in_windows(ReferralEvent.at),
            )
        )  # fmt: skip
        outcomes = list(self.s.execute(q))
        self.people.load([row[3] for row in issued] + [row[3] for row in outcomes])
        for rid, at, clerk, pid, code, form in issued:
            subject = self.people.subject(pid, code, form)
            self.flows[Stream.REFERRAL].append(Fact("referral", rid, moment(at), clerk, subject))
        for rid, at, clerk, pid, code, form, to in outcomes:
            subject = self.people.subject(pid, code, form)
            self.flows[OUTCOMES[to]].append(Fact("referral", rid, moment(at), clerk, subject))

    # ---- personnel files, guidance, consultations ------------------------------
    def files(self) -> list[FileSpan]:
        q = select(
            raw(FileCustody.id), raw(FileCustody.received_at), raw(FileCustody.created_by)
        ).where(
            FileCustody.market_code == self.market,
            FileCustody.deleted_at.is_(None),
            raw(FileCustody.received_at) < self.until,
        )
        custody = {cid: (at, clerk) for cid, at, clerk in self.s.execute(q)}
        moves: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
        movements = select(
            raw(FileMovement.custody_id), raw(FileMovement.at), FileMovement.kind,
            raw(FileMovement.due_date),
        ).where(
            FileMovement.market_code == self.market,
            FileMovement.deleted_at.is_(None),
            raw(FileMovement.at) < self.until,
        )  # fmt: skip
        for cid, at, kind, due in self.s.execute(movements):
            if cid in custody:
                moves[cid].append((at, kind, due))
        spans = []
        for cid, (received, clerk) in custody.items():
            loans: list[Loan] = []
            transferred = None
            for at, kind, due in sorted(moves[cid]):
                if kind == FileMovementKind.LEND:
                    loans.append(Loan(moment(at), day(due), None))
                elif kind == FileMovementKind.RETURN and loans and loans[-1].returned_at is None:
                    loans[-1] = Loan(loans[-1].lent_at, loans[-1].due_date, moment(at))
                elif kind == FileMovementKind.TRANSFER_OUT:
                    transferred = moment(at)
            spans.append(FileSpan(cid, moment(received), transferred, tuple(loans), clerk))
            if self.inside(received):
                fact = Fact("file_custody", cid, moment(received), clerk)
                self.flows[Stream.FILE_RECEIVED].append(fact)
        return spans

    def guidance(self) -> None:
        mine = (GuidanceSession.market_code == self.market, GuidanceSession.deleted_at.is_(None))
        g = GuidanceSession
        q = select(raw(g.id), raw(g.at), raw(g.created_by), g.kind).where(
            *mine, self.in_windows(g.at)
        )
        for gid, at, clerk, kind in self.s.execute(q):
            fact = Fact("guidance_session", gid, moment(at), clerk, Subject(kind=kind))
            self.flows[Stream.GUIDANCE].append(fact)
        q = select(raw(g.id), raw(g.followed_up_at), raw(g.updated_by), g.kind).where(
            *mine, self.in_windows(g.followed_up_at)
        )
        for gid, at, clerk, kind in self.s.execute(q):
            fact = Fact("guidance_session", gid, moment(at), clerk, Subject(kind=kind))
            self.flows[Stream.FOLLOW_UP].append(fact)

    def consultations(self) -> None:
        c = Consultation
        q = select(raw(c.id), raw(c.at), raw(c.created_by)).where(
            c.market_code == self.market, c.deleted_at.is_(None), self.in_windows(c.at)
        )
        for cid, at, clerk in self.s.execute(q):
            self.flows[Stream.CONSULTATION].append(Fact("consultation", cid, moment(at), clerk))


def load_activity(
    s: Session, market_code: str, windows: Sequence[Window], until: dt.datetime
) -> Activity:
    """The market's activity: flows within ``windows``, states up to ``until``."""
    loader = _Loader(s, market_code, windows, until)
    seekers = loader.seekers()
    loader.registrations(seekers)
    loader.employers()
    postings = loader.postings()
    loader.referrals()
    files = loader.files()
    loader.guidance()
    loader.consultations()
    return Activity(market_code, dict(loader.flows), seekers, postings, files)


def load_referrals(s: Session, market_code: str, window: Window) -> Activity:
    """Only the referral streams (issued, intention, hire, not hired, no show)."""
    loader = _Loader(s, market_code, [window], window[1])
    loader.referrals()
    return Activity(market_code, dict(loader.flows))


def _month(column: Any) -> Any:
    """The China-time month (2026-11) of a stored UTC time."""
    return func.strftime("%Y-%m", raw(column), "+8 hours")


def monthly_counts(
    s: Session, market_code: str, start: dt.datetime, end: dt.datetime, clerk: str | None = None
) -> dict[str, dict[str, int]]:
    """The trend's indicators per China-time month, counted in SQL exactly as
    ``domain/indicators.py`` counts them (only ``clerk``'s facts when given):
    {indicator: {"2026-11": n}}."""
    a, b = stamp(start), stamp(end)

    def by(column: Any) -> Any:
        return raw(column) == clerk if clerk is not None else True

    out: dict[str, dict[str, int]] = defaultdict(dict)
    e, r = AuditEvent, Referral
    registered = (
        select(_month(e.at), func.count(func.distinct(e.entity_id)))
        .join(Person, Person.id == e.entity_id)
        .where(e.action == REGISTER, e.market_code == market_code, e.deleted_at.is_(None),
               Person.deleted_at.is_(None), raw(e.at) >= a, raw(e.at) < b, by(e.created_by))
        .group_by(_month(e.at))
    )  # fmt: skip
    recorded = exists().where(
        e.entity_id == Person.id, e.action == REGISTER, e.market_code == market_code
    )
    legacy = (
        select(_month(Person.registered_at), func.count())
        .where(Person.market_code == market_code, Person.deleted_at.is_(None), ~recorded,
               raw(Person.registered_at) >= a, raw(Person.registered_at) < b,
               by(Person.created_by))
        .group_by(_month(Person.registered_at))
    )  # fmt: skip
    for q in (registered, legacy):
        for month, n in s.execute(q):
            row = out["seekers_registered"]
            row[month] = row.get(month, 0) + int(n)
    # uncorrelated: read once (a correlated probe walks every void per referral)
    mistake = r.id.in_(
        select(ReferralEvent.referral_id).where(
            ReferralEvent.from_status == S.ISSUED, ReferralEvent.to_status == S.VOID,
            ReferralEvent.market_code == market_code, ReferralEvent.deleted_at.is_(None),
        )
    )  # fmt: skip
    issued = (
        select(_month(r.issued_at), func.count())
        .join(JobPosting, JobPosting.id == r.posting_id)
        .where(r.market_code == market_code, r.deleted_at.is_(None), ~mistake,
               raw(r.issued_at) >= a, raw(r.issued_at) < b, by(r.created_by))
        .group_by(_month(r.issued_at))
    )  # fmt: skip
    out["referrals_issued"] = {month: int(n) for month, n in s.execute(issued)}
    ev = ReferralEvent
    for key, status in (("intentions", S.INTENTION), ("hires", S.HIRED)):
        q = (
            select(_month(ev.at), func.count(func.distinct(ev.referral_id)))
            .join(r, r.id == ev.referral_id)
            .join(JobPosting, JobPosting.id == r.posting_id)
            .where(ev.to_status == status, ev.deleted_at.is_(None), r.market_code == market_code,
                   r.deleted_at.is_(None), raw(ev.at) >= a, raw(ev.at) < b, by(ev.created_by))
            .group_by(_month(ev.at))
        )  # fmt: skip
        out[key] = {month: int(n) for month, n in s.execute(q)}
    return dict(out)


def clerk_names(s: Session) -> dict[str, str]:
    """Clerks' names by the 32 hex digits of their id (as facts name them)."""
    return {cid: name for cid, name in s.execute(select(raw(Clerk.id), Clerk.name))}
