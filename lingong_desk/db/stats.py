"""Reading one market's activity for its statistics (``domain/activity.py``).

Only this market's rows count (``market_code``): its registrations, postings,
referrals (also to another market's posting) and what it recorded of them,
its files, sessions and enquiries. Rows deleted (tombstones) never count.

A registration is the audit event ``person.register`` the registering desk
writes: a person registered at two markets is one row whose owner is the
first market, but each market keeps its own event. On a file that held job
seekers before migration 0004, a person of this market without such an event
counts as registered when the row says. The status a seeker had at a moment
comes from the same trail (registered: seeking; ``person.status`` events when
a saved status differs from the one before) and from this market's hires.

Flows are read for the given windows (a report's period, the one before and
the same a year earlier); what stocks are judged from, up to the end. Values
are read raw (ids as their 32 hex digits, times as the integer microseconds
the file stores, ``db/types.py``), which is several times faster than typed
columns at 100,000 people (``bench/stats_bench.py``). ``monthly_counts`` is the SQL form of the trend's
four indicators; a test holds it equal to ``domain/indicators.figure``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    LargeBinary,
    String,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from lingong_desk.db.local_state import REGISTRATIONS_RECORDED_FROM
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
from lingong_desk.db.types import CompactUuid, UTCDateTime, from_micros, hex_id, micros
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
from lingong_desk.domain.calendar import market_zone
from lingong_desk.domain.enums import FileMovementKind, PersonStatus, PostingStatus
from lingong_desk.domain.enums import ReferralStatus as S

REGISTER = "person.register"
STATUS = "person.status"  # a status saved that differs from the one before (services/people.py)
OUTCOMES = {
    S.INTENTION.value: Stream.INTENTION,
    S.HIRED.value: Stream.HIRE,
    S.NOT_HIRED.value: Stream.NOT_HIRED,
    S.NO_SHOW.value: Stream.NO_SHOW,
}
Window = tuple[dt.datetime, dt.datetime]


def raw(column: Any) -> Any:
    """A column read as stored, no UUID or datetime objects made per row: an id as
    its 32 hex digits (``UUID.hex``, what facts and clerks are keyed by), a time
    as its integer microseconds, anything else as text."""
    kind = getattr(column, "type", None)
    if isinstance(kind, CompactUuid):
        return hex_id(column)
    if isinstance(kind, UTCDateTime):
        return type_coerce(column, Integer)
    return type_coerce(column, String)


def stored(column: Any) -> Any:
    """An id column read as its stored 16 bytes: grouped and compared as such,
    made hex (``hex_id``) only for what is returned."""
    return type_coerce(column, LargeBinary)


def deleted(model: Any) -> Any:
    """Rows with a tombstone, as a range the ``deleted_at`` index serves (SQLite scans
    the table for ``IS NOT NULL``; a stored time is never negative)."""
    return raw(model.deleted_at) >= 0


def stamp(moment: dt.datetime) -> int:
    """A moment as the desk stores it (``db/types.micros``)."""
    return micros(moment)


def moment(stored: int) -> dt.datetime:
    return from_micros(stored)


# a stored time in a key: plus 10**16, so that every time from 1970 to 2286 has
# 17 digits and keys sort as text as their times do as numbers
KEY_OFFSET = 10**16
KEY_DIGITS = 17


def time_key(column: Any) -> Any:
    """SQL: a stored time as the text start of a key (``KEY_DIGITS`` digits)."""
    return type_coerce((type_coerce(column, Integer) + KEY_OFFSET).self_group(), String)


def key_bound(moment: dt.datetime) -> str:
    """Keys of times before ``moment`` sort below this."""
    return str(stamp(moment) + KEY_OFFSET)


def day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _first_wish() -> Any:
    return (
        select(PersonOccupation.occupation_code)
        .where(PersonOccupation.person_id == Person.id, PersonOccupation.deleted_at.is_(None))
        .order_by(PersonOccupation.rank)
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )


# what a fact says of its person, read in the fact's own query (joined to person)
PERSON = (
    Person.sex, raw(Person.birth_date), Person.category, Person.address,
    raw(Person.hardships), Person.work_form,
)  # fmt: skip


class _Subjects:
    """Subjects from person columns; a township is worked out once per address."""

    def __init__(self) -> None:
        self.places: dict[str, str] = {}

    def of(self, person: Sequence[Any], occupation: str | None, form: str | None) -> Subject:
        """``occupation`` and ``form`` are the posting's (a referral) or the seeker's
        first wish and the work form wanted (a registration)."""
        sex, birth, category, address, hardships, wanted_form = person
        place = self.places.get(address or "")
        if place is None:
            place = self.places[address or ""] = township_of(address or "")
        return Subject(
            sex=sex or "",
            birth_date=day(birth),
            category=category or "",
            township=place,
            occupation=occupation or "",
            work_form=(form if form is not None else wanted_form) or "",
            hardship=bool(hardships) and hardships not in ("[]", "null"),
        )


class _Loader:
    def __init__(self, s: Session, market: str, windows: Sequence[Window], until: dt.datetime):
        self.s, self.market = s, market
        self.moments = list(windows)
        self.windows = [(stamp(a), stamp(b)) for a, b in windows]
        self.until = stamp(until)
        self.flows: dict[Stream, list[Fact]] = defaultdict(list)
        self.subjects = _Subjects()

    def in_windows(self, column: Any) -> ColumnElement[bool]:
        col = raw(column)
        return or_(false(), *(and_(col >= a, col < b) for a, b in self.windows))

    def inside(self, stored: int) -> bool:
        return any(a <= stored < b for a, b in self.windows)

    # ---- job seekers ----------------------------------------------------
    def seekers(self) -> list[StatusChange]:
        """Every status this market recorded for its job seekers, by person, then time:
        each registration (seeking, unless a status event of that moment says not),
        each change of status, each hire. Read from indexes alone but the few
        status events (their status is in the event's detail)."""
        e = AuditEvent
        mine = (e.market_code == self.market, e.deleted_at.is_(None), raw(e.at) < self.until)
        seeking, employed = PersonStatus.SEEKING.value, PersonStatus.EMPLOYED.value
        gone = set(self.s.scalars(select(raw(Person.id)).where(deleted(Person))))
        rows: list[tuple[str, int, str, bool, str | None]] = []
        q = select(raw(e.entity_id), raw(e.at), raw(e.created_by)).where(
            e.action == REGISTER, *mine
        )
        rows.extend((p, at, seeking, True, c) for p, at, c in self.s.execute(q) if p not in gone)
        status = func.json_extract(e.detail, "$.status")
        q2 = select(raw(e.entity_id), raw(e.at), status).where(e.action == STATUS, *mine)
        rows.extend((p, at, str(v), False, None) for p, at, v in self.s.execute(q2) if v)
        legacy = self._legacy()
        if legacy is not None:  # people registered before registrations were events
            q3 = select(
                raw(Person.id), raw(Person.registered_at), raw(Person.created_by), Person.status,
                raw(Person.updated_at),
            ).where(*legacy, raw(Person.registered_at) < self.until)  # fmt: skip
            for pid, at, clerk, now_status, changed in self.s.execute(q3):
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
        # a status saved with a registration comes after it; stored times sort as text
        rows.sort(key=lambda r: (r[0], r[1], not r[3]))
        return [StatusChange(p, moment(at), st, reg, c) for p, at, st, reg, c in rows]

    def registrations(self) -> None:
        """Registrations in the windows, with the person's attributes; people of this
        market registered before registrations were events (``_legacy``) by their row."""
        e = AuditEvent
        q = (
            select(raw(e.entity_id), raw(e.at), raw(e.created_by), _first_wish(), *PERSON)
            .join(Person, Person.id == e.entity_id)
            .where(
                e.action == REGISTER, e.market_code == self.market, e.deleted_at.is_(None),
                Person.deleted_at.is_(None), self.in_windows(e.at),
            )
        )  # fmt: skip
        rows = list(self.s.execute(q))
        legacy = self._legacy()
        if legacy is not None:
            q = select(
                raw(Person.id), raw(Person.registered_at), raw(Person.created_by), _first_wish(),
                *PERSON,
            ).where(*legacy, self.in_windows(Person.registered_at))  # fmt: skip
            rows.extend(self.s.execute(q))
        for pid, at, clerk, wish, *person in rows:
            subject = self.subjects.of(person, wish, None)
            self.flows[Stream.REGISTRATION].append(Fact("person", pid, moment(at), clerk, subject))

    def _legacy(self) -> tuple[Any, ...] | None:
        """Conditions for this market's people registered before registrations were
        events (only on a file migration 0004 found people in), or None."""
        since = REGISTRATIONS_RECORDED_FROM.read(self.s)
        if since is None:
            return None
        recorded = exists().where(
            AuditEvent.entity_id == Person.id,
            AuditEvent.action == REGISTER,
            AuditEvent.market_code == self.market,
        )
        return (
            Person.market_code == self.market,
            Person.deleted_at.is_(None),
            raw(Person.created_at) < stamp(dt.datetime.fromisoformat(since)),
            ~recorded,
        )

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
                    ReferralEvent.to_status == S.VOID,  # (to_status, at) index: the few voids
                    ReferralEvent.from_status == S.ISSUED,
                    ReferralEvent.deleted_at.is_(None),
                )
            )
        )
        mine = (Referral.market_code == self.market, Referral.deleted_at.is_(None))
        posting = (JobPosting.occupation_code, JobPosting.work_form)
        q = (
            select(raw(Referral.id), raw(Referral.issued_at), raw(Referral.created_by),
                   *posting, *PERSON)
            .join(JobPosting, JobPosting.id == Referral.posting_id)
            .join(Person, Person.id == Referral.person_id)
            .where(*mine, self.in_windows(Referral.issued_at))
        )  # fmt: skip
        for rid, at, clerk, code, form, *person in self.s.execute(q):
            if rid not in mistakes:
                subject = self.subjects.of(person, code, form)
                self.flows[Stream.REFERRAL].append(
                    Fact("referral", rid, moment(at), clerk, subject)
                )
        q = (
            select(raw(Referral.id), raw(ReferralEvent.at), raw(ReferralEvent.created_by),
                   ReferralEvent.to_status, *posting, *PERSON)
            .select_from(ReferralEvent)
            .join(Referral, Referral.id == ReferralEvent.referral_id)
            .join(JobPosting, JobPosting.id == Referral.posting_id)
            .join(Person, Person.id == Referral.person_id)
            .where(
                *mine,
                ReferralEvent.to_status.in_(list(OUTCOMES)),
                ReferralEvent.deleted_at.is_(None),
                self.in_windows(ReferralEvent.at),
            )
        )  # fmt: skip
        for rid, at, clerk, to, code, form, *person in self.s.execute(q):
            subject = self.subjects.of(person, code, form)
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
        moves: dict[str, list[tuple[int, str, str | None]]] = defaultdict(list)
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
    s: Session,
    market_code: str,
    windows: Sequence[Window],
    until: dt.datetime,
    moments: Sequence[dt.datetime] = (),
    clerk: str | None = None,
    history: bool = False,
) -> Activity:
    """The market's activity: flows within ``windows``, postings and files up to
    ``until``, and how many job seekers were seeking work at each of ``moments``
    (``seeking_counts``, counted in SQL). ``history`` also reads every status
    change (``Activity.seekers``), what the pure definition counts from."""
    loader = _Loader(s, market_code, windows, until)
    loader.registrations()
    loader.employers()
    postings = loader.postings()
    loader.referrals()
    files = loader.files()
    loader.guidance()
    loader.consultations()
    seekers = loader.seekers() if history else []
    activity = Activity(market_code, dict(loader.flows), seekers, postings, files)
    if moments:
        activity.counted.update(seeking_counts(s, market_code, moments, clerk))
    return activity


def _status_changes(s: Session, market_code: str, until: dt.datetime) -> Any:
    """Every status this market recorded for its job seekers before ``until``, as rows
    (person, key) with key = stored time (``time_key``), "0" for a registration or
    "1" for a change, then the status: the greatest key before a moment holds the
    status then (a change saved with a registration outranks it). The SQL form of
    ``Loader.seekers``."""
    e, until_text = AuditEvent, stamp(until)
    seeking, employed = PersonStatus.SEEKING.value, PersonStatus.EMPLOYED.value
    mine = (e.market_code == market_code, e.deleted_at.is_(None), raw(e.at) < until_text)
    gone = select(Person.id).where(deleted(Person))
    parts = [
        select(stored(e.entity_id).label("p"), (time_key(e.at) + "0" + seeking).label("k"),
               stored(e.created_by).label("clerk"))
        .where(e.action == REGISTER, *mine, e.entity_id.not_in(gone)),
        select(stored(e.entity_id), time_key(e.at) + "1" + func.json_extract(e.detail, "$.status"),
               literal(None))
        .where(e.action == STATUS, *mine),
        select(stored(Referral.person_id), time_key(ReferralEvent.at) + "1" + employed, literal(None))
        .join(Referral, Referral.id == ReferralEvent.referral_id)
        .where(ReferralEvent.to_status == S.HIRED, ReferralEvent.market_code == market_code,
               ReferralEvent.deleted_at.is_(None), raw(ReferralEvent.at) < until_text),
    ]  # fmt: skip
    since = REGISTRATIONS_RECORDED_FROM.read(s)
    if since is not None:
        loader = _Loader(s, market_code, [], until)
        legacy = loader._legacy()
        assert legacy is not None
        registered = raw(Person.registered_at)
        last = func.max(registered, raw(Person.updated_at))
        parts += [
            select(stored(Person.id), time_key(registered) + "0" + seeking, stored(Person.created_by))
            .where(*legacy, registered < until_text),
            select(stored(Person.id), time_key(last) + "1" + Person.status, literal(None))
            .where(*legacy, registered < until_text, Person.status != seeking),
        ]  # fmt: skip
    return union_all(*parts).subquery()


KEY_KIND = KEY_DIGITS + 1  # where the kind ("0" registration, "1" change) is in a key
KEY_STATUS = KEY_DIGITS + 2  # where the status starts


def _seeking_per_person(
    s: Session, market_code: str, moments: Sequence[dt.datetime], clerk: str | None
) -> Any:
    changes = _status_changes(s, market_code, max(moments))
    columns = []
    for i, m in enumerate(moments):
        before = changes.c.k < key_bound(m)
        last = func.max(case((before, changes.c.k)))
        registered = func.max(
            case((and_(before, func.substr(changes.c.k, KEY_KIND, 1) == "0"), 1), else_=0)
        )
        columns.append(
            case((and_(registered == 1, func.substr(last, KEY_STATUS) == PersonStatus.SEEKING.value), 1), else_=0)
            .label(f"s{i}")
        )  # fmt: skip
    q = select(changes.c.p, *columns).group_by(changes.c.p)
    if clerk is not None:  # the people this clerk registered
        mine = changes.c.clerk == uuid.UUID(hex=clerk).bytes
        q = q.having(func.max(case((mine, 1), else_=0)) == 1)
    return q.subquery()


def seeking_counts(
    s: Session, market_code: str, moments: Sequence[dt.datetime], clerk: str | None = None
) -> dict[tuple[str, dt.datetime], int]:
    """How many of the market's job seekers (``clerk``'s) were seeking work at each
    moment, in one grouped pass: the SQL form of ``activity.seeking_at``."""
    per_person = _seeking_per_person(s, market_code, moments, clerk)
    row = s.execute(select(*(func.coalesce(func.sum(c), 0) for c in list(per_person.c)[1:]))).one()
    return {("seekers_seeking", m): int(n) for m, n in zip(moments, row, strict=True)}


def seeking_ids(
    s: Session, market_code: str, moment: dt.datetime, clerk: str | None = None
) -> list[str]:
    """Who was seeking work at ``moment`` (the rows behind ``seekers_seeking``)."""
    per_person = _seeking_per_person(s, market_code, [moment], clerk)
    seeking = select(hex_id(per_person.c.p)).where(per_person.c.s0 == 1)
    return list(s.scalars(seeking.order_by(per_person.c.p)))


def load_referrals(s: Session, market_code: str, window: Window) -> Activity:
    """Only the referral streams (issued, intention, hire, not hired, no show)."""
    loader = _Loader(s, market_code, [window], window[1])
    loader.referrals()
    return Activity(market_code, dict(loader.flows))


def _month(column: Any) -> Any:
    """The market-time month (2026-11) of a stored UTC time. SQLite knows no
    zones: the zone's offset is used, right for a zone without summer time
    (every zone of China)."""
    offset = market_zone().utcoffset(dt.datetime(2000, 1, 1)) or dt.timedelta()
    seconds = raw(column) // 1_000_000
    minutes = f"{int(offset.total_seconds() // 60):+d} minutes"
    return func.strftime("%Y-%m", seconds, "unixepoch", minutes)


def monthly_counts(
    s: Session, market_code: str, start: dt.datetime, end: dt.datetime, clerk: str | None = None
) -> dict[str, dict[str, int]]:
    """The trend's indicators per China-time month, counted in SQL exactly as
    ``domain/indicators.py`` counts them (only ``clerk``'s facts when given):
    {indicator: {"2026-11": n}}."""
    a, b = stamp(start), stamp(end)

    def by(column: Any) -> Any:
        return column == uuid.UUID(hex=clerk) if clerk is not None else True

    out: dict[str, dict[str, int]] = defaultdict(dict)
    e, r = AuditEvent, Referral
    gone = select(Person.id).where(deleted(Person))
    registered = (
        select(_month(e.at), func.count(func.distinct(e.entity_id)))
        .where(e.action == REGISTER, e.market_code == market_code, e.deleted_at.is_(None),
               e.entity_id.not_in(gone), raw(e.at) >= a, raw(e.at) < b, by(e.created_by))
        .group_by(_month(e.at))
    )  # fmt: skip
    queries = [registered]
    since = REGISTRATIONS_RECORDED_FROM.read(s)
    if since is not None:  # people registered before registrations were events
        recorded = exists().where(
            e.entity_id == Person.id, e.action == REGISTER, e.market_code == market_code
        )
        legacy = (
            select(_month(Person.registered_at), func.count())
            .where(Person.market_code == market_code, Person.deleted_at.is_(None), ~recorded,
                   raw(Person.created_at) < stamp(dt.datetime.fromisoformat(since)),
                   raw(Person.registered_at) >= a, raw(Person.registered_at) < b,
                   by(Person.created_by))
            .group_by(_month(Person.registered_at))
        )  # fmt: skip
        queries.append(legacy)
    for q in queries:
        for month, n in s.execute(q):
            row = out["seekers_registered"]
            row[month] = row.get(month, 0) + int(n)
    # uncorrelated: read once (a correlated probe walks every void per referral)
    mistake = r.id.in_(
        select(ReferralEvent.referral_id).where(
            ReferralEvent.to_status == S.VOID, ReferralEvent.from_status == S.ISSUED,
            ReferralEvent.deleted_at.is_(None),
        )
    )  # fmt: skip
    issued = (
        select(_month(r.issued_at), func.count())
        .join(JobPosting, JobPosting.id == r.posting_id)
        .join(Person, Person.id == r.person_id)
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
            .join(Person, Person.id == r.person_id)
            .where(ev.to_status == status, ev.deleted_at.is_(None), r.market_code == market_code,
                   r.deleted_at.is_(None), raw(ev.at) >= a, raw(ev.at) < b, by(ev.created_by))
            .group_by(_month(ev.at))
        )  # fmt: skip
        out[key] = {month: int(n) for month, n in s.execute(q)}
    return dict(out)


def clerk_names(s: Session) -> dict[str, str]:
    """Clerks' names by the 32 hex digits of their id (as facts name them)."""
    return {cid: name for cid, name in s.execute(select(raw(Clerk.id), Clerk.name))}
