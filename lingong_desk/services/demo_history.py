"""Fourteen months of a county market's work for the demo, day by day.

``fill_history`` runs after ``fill_demo`` (job seekers, employers, today's
postings): it walks from 14 months ago to today and, on each working day,
publishes postings (now ended, some filled), issues referral slips to
seekers who want the job, and records what became of each slip on the day
it happened (intention, hire, not hired, no show, a slip voided as a
mistake, slips left unanswered and expired); hired day labourers come back
to seek work again after a while. It also takes in personnel files (some
lent, a few overdue or transferred), records guidance sessions and their
follow-ups, and logs enquiries. Every day is one transaction whose clock
says that day, so stamps, outbox entries and audit events agree with it.

The amounts scale with the number of job seekers (about 60 referrals a
month for 1,000) unless a ``scale`` is given, and the same seed on the same
data makes the same history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_desk.db.local_state import next_in_sequence
from lingong_desk.db.models import (
    AuditEvent,
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
from lingong_desk.domain import custody as custody_rules
from lingong_desk.domain import referral as rules
from lingong_desk.domain.calendar import at_market_time, day_start, market_day
from lingong_desk.domain.enums import PostingStatus
from lingong_desk.domain.enums import ReferralStatus as S
from lingong_desk.domain.ids import new_id
from lingong_desk.services.context import ServiceContext, fixed_clock
from lingong_desk.services.demo import HISTORY_DAYS, _Maker

# per working day, for 1,000 job seekers
RATES = {"posting": 0.9, "referral": 2.6, "file": 0.3, "guidance": 1.1, "consultation": 3.2}
TOPICS = ("招聘信息", "求职登记", "社保补贴", "就业困难认定", "人事档案", "技能培训", "工资与纠纷")
GUIDANCE_KINDS = (("career", 40), ("training", 25), ("policy", 25), ("entrepreneurship", 10))
NOT_HIRED = ("用人单位已招满", "技能不符合要求", "本人放弃", "工资未谈妥")
VOIDED = "开错岗位，作废重开"


@dataclass(frozen=True)
class HistoryCounts:
    postings: int
    referrals: int
    hires: int
    files: int
    guidance: int
    consultations: int


@dataclass
class _Seeker:
    id: uuid.UUID
    registered: dt.datetime
    wish: str
    seeking: bool = True


@dataclass
class _Posting:
    id: uuid.UUID
    employer_id: uuid.UUID
    occupation: str
    work_form: str
    headcount: int
    published: dt.date
    end: dt.date | None
    filled: int = 0
    open: bool = True


Action = Callable[[Session, dt.datetime], None]
T = TypeVar("T")


class _History:
    def __init__(self, ctx: ServiceContext, seed: int, scale: float | None) -> None:
        self.ctx, self.rng = ctx, random.Random(seed)
        self.today = ctx.today()
        self.first = self.today - dt.timedelta(days=HISTORY_DAYS)
        self.maker = _Maker(ctx, seed)
        self.later: dict[dt.date, list[Action]] = defaultdict(list)
        self.counts = dict.fromkeys(
            ("postings", "referrals", "hires", "files", "guidance", "consultations"), 0
        )
        with ctx.reading() as s:
            market = Person.market_code == ctx.market_code
            wishes = dict(
                s.execute(
                    select(PersonOccupation.person_id, PersonOccupation.occupation_code).where(
                        PersonOccupation.rank == 0
                    )
                ).all()
            )
            self.seekers = [
                _Seeker(pid, at, wishes.get(pid, ""), status == "seeking")
                for pid, at, status in s.execute(
                    select(Person.id, Person.registered_at, Person.status)
                    .where(market, Person.deleted_at.is_(None))
                    .order_by(Person.registered_at, Person.id)
                )
            ]
            self.employers = list(
                s.scalars(
                    select(Employer)
                    .where(Employer.market_code == ctx.market_code)
                    .order_by(Employer.name)
                )
            )
            self.postings = [
                _Posting(p.id, p.employer_id, p.occupation_code, p.work_form, p.headcount,
                         market_day(p.published_at), p.end_date, p.headcount_filled,
                         p.status == PostingStatus.OPEN)
                for p in s.scalars(select(JobPosting).where(JobPosting.market_code == ctx.market_code))
            ]  # fmt: skip
        self.scale = scale if scale is not None else max(len(self.seekers), 100) / 1000
        self.by_wish: dict[str, list[_Seeker]] = defaultdict(list)
        self.referred: set[tuple[uuid.UUID, uuid.UUID]] = set()
        self.registered = 0  # seekers[:registered] registered before the day being made
        self.with_file: set[uuid.UUID] = set()
        self.last_issued: dict[dt.date, dt.datetime] = {}  # same-day outcomes come after it
        self.open_today: list[_Posting] = []
        self.counters: set[str] = set()
        self.children: list[ReferralEvent | FileMovement] = []  # go in after their parents
        self.open_weights: list[int] = []

    # ---- helpers ---------------------------------------------------------------
    def new(self, s: Session, row: Any) -> None:
        """Add a row made today; it is found again today before the day's one flush."""
        s.add(row)
        self.made[row.id] = row

    def take(self, s: Session, name: str) -> int:
        """The next number of a counter (referral or file numbers)."""
        value = next_in_sequence(s, name)
        if name not in self.counters:  # a new counter's row must be found again today
            s.flush()
            self.counters.add(name)
        return value

    def get(self, s: Session, model: type[T], row_id: uuid.UUID) -> T | None:
        made = self.made.get(row_id)
        return made if isinstance(made, model) else s.get(model, row_id)

    def how_many(self, what: str, day: dt.date) -> int:
        # a market ten times larger publishes about three times more (bigger postings)
        scale = self.scale**0.5 if what == "posting" else self.scale
        rate = RATES[what] * scale * (0.35 if day.weekday() >= 5 else 1.0)
        return int(rate) + (self.rng.random() < rate - int(rate))

    def moment(self, day: dt.date, after: dt.datetime | None = None) -> dt.datetime:
        """A time of the working day (after ``after`` when given), never in the future."""
        minutes = self.rng.randrange(8 * 60 + 30, 17 * 60 + 30)
        at = at_market_time(day, dt.time(minutes // 60, minutes % 60))
        if after is not None and at <= after:
            at = after + dt.timedelta(minutes=self.rng.randint(5, 90))
        return min(at, self.ctx.now())

    def at(self, day: dt.date, action: Action) -> None:
        if day <= self.today:
            self.later[day].append(action)

    def run(self) -> HistoryCounts:
        day = self.first
        while day <= self.today:
            noon = at_market_time(day, dt.time(12)).astimezone(dt.UTC)
            now = min(noon, self.ctx.now())
            start = day_start(day)
            while (
                self.registered < len(self.seekers)
                and self.seekers[self.registered].registered < start
            ):
                seeker = self.seekers[self.registered]
                self.by_wish[seeker.wish].append(seeker)
                self.registered += 1
            day_ctx = dataclasses.replace(self.ctx, now=fixed_clock(now))
            with day_ctx.session() as s:
                s.autoflush = False  # one flush a day: ids are made here, rows go in together
                self.made: dict[uuid.UUID, Any] = {}
                self.do_later(s, day)
                self.make_day(s, day)
                # the day's slips go in as issued before what they led to that same day:
                # the city takes a new referral only as issued, then its steps
                s.flush()
                self.do_later(s, day)  # what the day's own slips led to that same day
                s.flush()  # the day's records, then their events and movements
                s.add_all(self.children)
                self.children.clear()
            day += dt.timedelta(days=1)
        return HistoryCounts(**self.counts)

    def do_later(self, s: Session, day: dt.date) -> None:
        while actions := self.later.pop(day, []):
            for action in actions:
                action(s, self.moment(day, self.last_issued.get(day)))

    def make_day(self, s: Session, day: dt.date) -> None:
        if day < self.today - dt.timedelta(days=25):  # today's postings come from fill_demo
            for _ in range(self.how_many("posting", day)):
                self.publish(s, day)
            s.flush()  # the day's new postings, before slips refer to them
        self.open_today = [
            p for p in self.postings
            if p.open and p.published <= day and (p.end is None or p.end >= day)
        ]  # fmt: skip
        # day work fills fastest: a day-work posting draws many more slips while it is open
        weights = [
            8 if p.work_form == "day" else 2 if p.work_form == "short" else 1
            for p in self.open_today
        ]
        self.open_weights = list(itertools.accumulate(weights))
        for _ in range(self.how_many("referral", day)):
            self.refer(s, day)
        for _ in range(self.how_many("file", day)):
            self.receive_file(s, day)
        for _ in range(self.how_many("guidance", day)):
            self.guide(s, day)
        for _ in range(self.how_many("consultation", day)):
            self.consult(s, day)

    # ---- postings and referrals ----------------------------------------------------
    def publish(self, s: Session, day: dt.date) -> None:
        if not self.employers:
            return
        m = self.maker
        m.today, m.now = day, self.moment(day).astimezone(dt.UTC)
        posting = m.posting(self.rng.choice(self.employers))
        posting.status = PostingStatus.OPEN
        self.new(s, posting)
        self.postings.append(
            _Posting(posting.id, posting.employer_id, posting.occupation_code, posting.work_form,
                     posting.headcount, day, posting.end_date)
        )  # fmt: skip
        self.counts["postings"] += 1

    def refer(self, s: Session, day: dt.date) -> None:
        rng = self.rng
        if not self.open_today or not self.registered:
            return
        posting = rng.choices(self.open_today, cum_weights=self.open_weights)[0]
        if not posting.open:
            return  # filled earlier today
        # mostly someone who wants this job type and registered lately, else anyone lately
        bucket = self.by_wish.get(posting.occupation, [])
        if not bucket or rng.random() < 0.3:
            bucket = self.seekers[max(0, self.registered - 2000) : self.registered]
        recent = bucket[-400:]
        for _try in range(30):
            seeker = rng.choice(recent)
            if seeker.seeking and (seeker.id, posting.id) not in self.referred:
                break
        else:
            return
        self.referred.add((seeker.id, posting.id))
        issued = self.moment(day)
        self.last_issued[day] = max(issued, self.last_issued.get(day, issued))
        number = rules.referral_number(
            self.ctx.market_code, day.year, 1,
            self.take(s, f"referral:{self.ctx.market_code}:{day.year}:1"),
        )  # fmt: skip
        referral = Referral(
            id=new_id(), number=number, person_id=seeker.id, posting_id=posting.id,
            employer_id=posting.employer_id, status=S.ISSUED, issued_at=issued,
            valid_until=rules.valid_until(day), outcome_reason="", note="", print_count=1,
            last_printed_at=issued,
        )  # fmt: skip
        self.new(s, referral)
        self.children.append(
            ReferralEvent(
                referral_id=referral.id, from_status=None, to_status=S.ISSUED, at=issued, reason=""
            )
        )
        self.counts["referrals"] += 1
        rid = referral.id
        roll = rng.random()
        if roll < 0.07:
            self.at(day, lambda s, at: self.step(s, rid, [S.VOID], at, VOIDED))
        elif roll < 0.19:
            self.at(
                day + dt.timedelta(days=rng.randint(2, 6)),
                lambda s, at: self.step(s, rid, [S.NO_SHOW], at),
            )
        elif roll < 0.38:
            expiry = referral.valid_until + dt.timedelta(days=1)
            self.at(expiry, lambda s, at: self.step(s, rid, [S.EXPIRED], at))
        else:
            wait = dt.timedelta(days=rng.randint(0, 3))
            if rng.random() < 0.35:  # hired at once: the intention is recorded with it
                self.at(
                    day + wait,
                    lambda s, at: self.hire(s, rid, posting, seeker, [S.INTENTION, S.HIRED], at),
                )
                return
            self.at(day + wait, lambda s, at: self.step(s, rid, [S.INTENTION], at))
            then = day + wait + dt.timedelta(days=rng.randint(1, 5))
            if rng.random() < 0.7:
                self.at(then, lambda s, at: self.hire(s, rid, posting, seeker, [S.HIRED], at))
            else:
                reason = rng.choice(NOT_HIRED)
                self.at(then, lambda s, at: self.step(s, rid, [S.NOT_HIRED], at, reason))

    def step(
        self, s: Session, rid: uuid.UUID, steps: list[S], at: dt.datetime, reason: str = ""
    ) -> None:
        referral = self.get(s, Referral, rid)
        assert referral is not None
        for status in steps:
            self.children.append(ReferralEvent(referral_id=rid, from_status=referral.status, to_status=status, at=at,
                                reason=reason if status is steps[-1] else ""))  # fmt: skip
            referral.status = status
        if S.INTENTION in steps:
            referral.intention_at = at
        if steps[-1] in rules.CLOSED:
            referral.closed_at = at
            referral.outcome_reason = reason

    def hire(
        self,
        s: Session,
        rid: uuid.UUID,
        posting: _Posting,
        seeker: _Seeker,
        steps: list[S],
        at: dt.datetime,
    ) -> None:
        self.step(s, rid, steps, at)
        self.counts["hires"] += 1
        posting.filled += 1
        row = self.get(s, JobPosting, posting.id)
        assert row is not None
        row.headcount_filled = posting.filled
        if posting.filled >= posting.headcount:
            posting.open = False
        if posting.filled >= posting.headcount and row.status == PostingStatus.OPEN:
            row.status = PostingStatus.FILLED
            posting.open = False
        person = self.get(s, Person, seeker.id)
        assert person is not None
        person.status, person.last_active_at, seeker.seeking = "employed", at, False
        if posting.work_form in ("day", "short") and self.rng.random() < 0.6:
            back = market_day(at) + dt.timedelta(days=self.rng.randint(3, 25))
            self.at(back, lambda s, when: self.seek_again(s, seeker, when))

    def seek_again(self, s: Session, seeker: _Seeker, at: dt.datetime) -> None:
        person = self.get(s, Person, seeker.id)
        assert person is not None
        person.status, person.last_active_at, seeker.seeking = "seeking", at, True
        s.add(AuditEvent(at=at, action="person.status", entity="person", entity_id=seeker.id,
                         detail={"status": "seeking"}))  # fmt: skip

    # ---- files, guidance, enquiries ----------------------------------------------------
    def someone(self) -> _Seeker | None:
        if not self.registered:
            return None
        return self.seekers[self.rng.randrange(self.registered)]

    def receive_file(self, s: Session, day: dt.date) -> None:
        rng, seeker = self.rng, self.someone()
        if seeker is None or seeker.id in self.with_file:
            return
        self.with_file.add(seeker.id)
        at = self.moment(day)
        number = custody_rules.file_number(
            self.ctx.market_code,
            day.year,
            self.take(s, f"custody:{self.ctx.market_code}:{day.year}"),
        )
        items = rng.sample(custody_rules.CHECKLIST_ITEMS[:-1], rng.randint(2, 5))
        row = FileCustody(id=new_id(), person_id=seeker.id, file_number=number, received_at=at,
                          shelf_location=f"A{rng.randint(1, 8)}-{rng.randint(1, 40):02d}",
                          received_from=rng.choice(["原单位", "县人才交流中心", "本人"]),
                          checklist=items, status="in_custody", note="")  # fmt: skip
        self.new(s, row)
        self.children.append(
            FileMovement(custody_id=row.id, kind="receive", at=at, counterparty=row.received_from,
                         method="", tracking_number="", note="")
        )  # fmt: skip
        self.counts["files"] += 1
        cid = row.id
        if rng.random() < 0.25:
            lent = day + dt.timedelta(days=rng.randint(5, 120))
            due = lent + dt.timedelta(days=rng.choice([7, 14, 30]))
            self.at(lent, lambda s, at: self.move(s, cid, "lend", at, due))
            if rng.random() < 0.85:
                back = due + dt.timedelta(days=rng.randint(-6, 5))
                self.at(
                    max(back, lent + dt.timedelta(days=1)),
                    lambda s, at: self.move(s, cid, "return", at),
                )
        elif rng.random() < 0.1:
            gone = day + dt.timedelta(days=rng.randint(30, 300))
            self.at(gone, lambda s, at: self.move(s, cid, "transfer_out", at))

    def move(
        self, s: Session, cid: uuid.UUID, kind: str, at: dt.datetime, due: dt.date | None = None
    ) -> None:
        row = self.get(s, FileCustody, cid)
        assert row is not None
        if row.status == "transferred":
            return
        self.children.append(FileMovement(custody_id=cid, kind=kind, at=at, due_date=due,
                           counterparty="县人社局" if kind == "lend" else "",
                           method="confidential" if kind == "transfer_out" else "",
                           tracking_number="", note=""))  # fmt: skip
        row.status = {"lend": "lent", "return": "in_custody", "transfer_out": "transferred"}[kind]

    def guide(self, s: Session, day: dt.date) -> None:
        rng, seeker = self.rng, self.someone()
        if seeker is None:
            return
        kind = rng.choices([k for k, _w in GUIDANCE_KINDS], [w for _k, w in GUIDANCE_KINDS])[0]
        follow = day + dt.timedelta(days=rng.randint(7, 30)) if rng.random() < 0.6 else None
        row = GuidanceSession(id=new_id(), person_id=seeker.id, kind=kind, at=self.moment(day), notes="", recommendation="",
                              follow_up_on=follow, followed_up_at=None, follow_up_note="")  # fmt: skip
        self.new(s, row)
        self.counts["guidance"] += 1
        gid = row.id
        if follow is not None and rng.random() < 0.8:
            self.at(follow, lambda s, at: self.followed_up(s, gid, at))

    def followed_up(self, s: Session, gid: uuid.UUID, at: dt.datetime) -> None:
        row = self.get(s, GuidanceSession, gid)
        assert row is not None
        row.followed_up_at, row.follow_up_note = at, "已电话回访"

    def consult(self, s: Session, day: dt.date) -> None:
        rng = self.rng
        channel = rng.choices(["walk_in", "phone", "online"], [55, 35, 10])[0]
        s.add(Consultation(at=self.moment(day), channel=channel, topic=rng.choice(TOPICS), question="",
                           answer="", resolved=rng.random() < 0.9, passed_to_window=None, person_id=None,
                           caller_name="", caller_phone=""))  # fmt: skip
        self.counts["consultations"] += 1


def fill_history(ctx: ServiceContext, seed: int = 11, scale: float | None = None) -> HistoryCounts:
    """Add 14 months of activity to the signed-in market's demo data, at ``scale``
    times the pace of a market of 1,000 job seekers (default: as many thousands as
    the market has job seekers)."""
    if not ctx.market_code or ctx.clerk_id is None:
        raise RuntimeError("sign in to a market before filling it with demo history")
    return _History(ctx, seed, scale).run()
