"""Employment and entrepreneurship guidance (就业创业指导): sessions, follow-ups, history."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from lingong_desk.db import search
from lingong_desk.db.models import (
    AuditEvent,
    Consultation,
    Employer,
    FileCustody,
    FileMovement,
    GuidanceSession,
    JobPosting,
    Person,
    Referral,
    ReferralEvent,
)
from lingong_desk.domain.calendar import market_day
from lingong_desk.domain.enums import FileMovementKind, GuidanceKind, Labelled, ReferralStatus
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.masking import mask_phone
from lingong_desk.domain.registration import DraftRejected, FieldError, Problems
from lingong_desk.services.context import ServiceContext

# the service windows, as codes; their labels are catalogue texts of context "history"
WINDOWS: dict[str, str] = {
    "registration": QT_TRANSLATE_NOOP("history", "Registration"),
    "personnel": QT_TRANSLATE_NOOP("history", "Personnel agency"),
    "referral": QT_TRANSLATE_NOOP("history", "Job referral"),
    "guidance": QT_TRANSLATE_NOOP("history", "Guidance"),
    "information": QT_TRANSLATE_NOOP("history", "Information"),
}


@dataclass(frozen=True)
class GuidanceDraft:
    person_id: uuid.UUID | None
    kind: str
    notes: str = ""
    recommendation: str = ""
    follow_up_on: dt.date | None = None


@dataclass(frozen=True)
class GuidanceRow:
    id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    phone_masked: str
    kind: str
    on: dt.date
    recommendation: str
    follow_up_on: dt.date | None
    days_left: int  # negative: overdue
    followed_up_at: dt.datetime | None
    follow_up_note: str

    @property
    def overdue(self) -> bool:
        return self.followed_up_at is None and self.days_left < 0

    @property
    def due_today(self) -> bool:
        return self.followed_up_at is None and self.days_left == 0


@dataclass(frozen=True)
class HistoryItem:
    """One thing that happened to a person at any window.

    ``what`` is a catalogue text of context ``history`` whose ``params`` are
    catalogue labels (context ``enums``); ``detail`` is data shown as is.
    """

    at: dt.datetime
    window: str
    what: str
    detail: str
    params: tuple[tuple[str, str], ...] = ()


def _label(value: str, enum: type[Labelled]) -> str:
    try:
        return enum(value).label
    except (ValueError, KeyError):
        return value


class GuidanceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ---- choosing a person ------------------------------------------------
    def person_choices(self, text: str, limit: int = 20) -> list[tuple[uuid.UUID, str]]:
        """People by name, pinyin initials, ID number or phone: (id, label), best first."""
        if not text.strip():
            return []
        with self.ctx.reading() as s:
            ids = search.search_people(s, text, limit=limit)
            found = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(ids)))}
            return [
                (i, f"{found[i].name} · {mask_phone(found[i].phone)}") for i in ids if i in found
            ]

    # ---- recording --------------------------------------------------------
    def check(self, draft: GuidanceDraft) -> Problems:
        problems: Problems = {}
        today = self.ctx.today()
        if draft.person_id is None:
            problems["person"] = FieldError(
                QT_TRANSLATE_NOOP("validation", "Choose the registered person being advised.")
            )
        if draft.kind not in {k.value for k in GuidanceKind}:
            problems["kind"] = FieldError(
                QT_TRANSLATE_NOOP("validation", "Choose the kind of guidance.")
            )
        if not draft.notes.strip() and not draft.recommendation.strip():
            problems["notes"] = FieldError(
                QT_TRANSLATE_NOOP("validation", "Write what was discussed or recommended.")
            )
        if draft.follow_up_on is not None and draft.follow_up_on < today:
            problems["follow_up_on"] = FieldError(
                QT_TRANSLATE_NOOP(
                    "validation", "The follow-up date cannot be in the past (today is {today})."
                ),
                {"today": today.isoformat()},
            )
        return problems

    def record(self, draft: GuidanceDraft) -> GuidanceRow:
        """Store one guidance session; raises DraftRejected and stores nothing on bad input."""
        problems = self.check(draft)
        if problems:
            raise DraftRejected(problems)
        now = self.ctx.now()
        with self.ctx.session() as s:
            person = s.get(Person, draft.person_id)
            if person is None or person.deleted_at is not None:
                raise DraftRejected(
                    {
                        "person": FieldError(
                            QT_TRANSLATE_NOOP(
                                "validation", "Choose the registered person being advised."
                            )
                        )
                    }
                )
            session = GuidanceSession(
                person_id=person.id,
                kind=draft.kind,
                at=now,
                notes=draft.notes.strip(),
                recommendation=draft.recommendation.strip(),
                follow_up_on=draft.follow_up_on,
                followed_up_at=None,
                follow_up_note="",
            )
            s.add(session)
            person.last_active_at = now
            s.flush()
            self.ctx.audit(s, "guidance.record", "guidance_session", session.id, kind=draft.kind)
            sid = session.id
        row = self.row(sid)
        assert row is not None
        return row

    def mark_followed_up(self, session_id: uuid.UUID, note: str = "") -> GuidanceRow:
        now = self.ctx.now()
        with self.ctx.session() as s:
            session = s.get(GuidanceSession, session_id)
            if session is None or session.deleted_at is not None:
                raise DraftRejected(
                    {"session": FieldError(QT_TRANSLATE_NOOP("validation", "No such session."))}
                )
            session.followed_up_at = now
            session.follow_up_note = note.strip()
            self.ctx.audit(s, "guidance.follow_up", "guidance_session", session.id)
        row = self.row(session_id)
        assert row is not None
        return row

    # ---- reading ----------------------------------------------------------
    def row(self, session_id: uuid.UUID) -> GuidanceRow | None:
        today = self.ctx.today()
        with self.ctx.reading() as s:
            found = s.execute(
                select(GuidanceSession, Person)
                .join(Person, Person.id == GuidanceSession.person_id)
                .where(GuidanceSession.id == session_id)
            ).first()
            return self._row(found[0], found[1], today) if found else None

    @staticmethod
    def _row(g: GuidanceSession, p: Person, today: dt.date) -> GuidanceRow:
        return GuidanceRow(
            id=g.id,
            person_id=p.id,
            person_name=p.name,
            phone_masked=mask_phone(p.phone),
            kind=g.kind,
            on=market_day(g.at),
            recommendation=g.recommendation,
            follow_up_on=g.follow_up_on,
            days_left=(g.follow_up_on - today).days if g.follow_up_on else 0,
            followed_up_at=g.followed_up_at,
            follow_up_note=g.follow_up_note,
        )

    def follow_ups(self, upcoming: bool = True) -> list[GuidanceRow]:
        """Sessions waiting for a follow-up, the oldest date first (overdue, today, later).

        Without ``upcoming`` only those due today or overdue.
        """
        return self.follow_up_rows(self.follow_up_ids(upcoming))

    def _waiting(self, upcoming: bool) -> Select[uuid.UUID]:
        q = (
            select(GuidanceSession.id)
            .join(Person, Person.id == GuidanceSession.person_id)
            .where(
                GuidanceSession.follow_up_on.is_not(None),
                GuidanceSession.followed_up_at.is_(None),
                GuidanceSession.deleted_at.is_(None),
            )
        )
        if not upcoming:
            q = q.where(GuidanceSession.follow_up_on <= self.ctx.today())
        return q

    def follow_up_ids(self, upcoming: bool = True) -> list[uuid.UUID]:
        """The ids of ``follow_ups`` in their order; the list pages through them."""
        with self.ctx.reading() as s:
            q = self._waiting(upcoming)
            return list(s.scalars(q.order_by(GuidanceSession.follow_up_on, GuidanceSession.at)))

    def follow_ups_due(self) -> int:
        """How many follow-ups are due today or overdue."""
        with self.ctx.reading() as s:
            q = self._waiting(upcoming=False).subquery()
            return int(s.scalar(select(func.count()).select_from(q)) or 0)

    def follow_up_rows(self, ids: Sequence[uuid.UUID]) -> list[GuidanceRow]:
        """The rows of these sessions, in the order given."""
        if not ids:
            return []
        today = self.ctx.today()
        with self.ctx.reading() as s:
            found = {
                g.id: self._row(g, p, today)
                for g, p in s.execute(
                    select(GuidanceSession, Person)
                    .join(Person, Person.id == GuidanceSession.person_id)
                    .where(GuidanceSession.id.in_(ids))
                )
            }
        return [found[i] for i in ids if i in found]

    def history(self, person_id: uuid.UUID, limit: int = 500) -> tuple[HistoryItem, ...]:
        """What happened to a person at every window, newest first."""
        items: list[HistoryItem] = []
        with self.ctx.reading() as s:
            for a in s.scalars(
                select(AuditEvent).where(
                    AuditEvent.entity == "person",
                    AuditEvent.entity_id == person_id,
                    AuditEvent.action.in_(("person.register", "person.update")),
                )
            ):
                what = (
                    QT_TRANSLATE_NOOP("history", "Registered as a job seeker")
                    if a.action == "person.register"
                    else QT_TRANSLATE_NOOP("history", "Registration updated")
                )
                items.append(HistoryItem(a.at, "registration", what, ""))
            referrals = s.execute(
                select(Referral, Employer.name, JobPosting.title)
                .join(Employer, Employer.id == Referral.employer_id)
                .join(JobPosting, JobPosting.id == Referral.posting_id)
                .where(Referral.person_id == person_id, Referral.deleted_at.is_(None))
            ).all()
            about = {r.id: f"{r.number} · {ename} · {title}" for r, ename, title in referrals}
            if about:
                for e in s.scalars(
                    select(ReferralEvent).where(
                        ReferralEvent.referral_id.in_(list(about)),
                        ReferralEvent.deleted_at.is_(None),
                    )
                ):
                    detail = about[e.referral_id]
                    if e.reason:
                        detail += f" · {e.reason}"
                    items.append(
                        HistoryItem(
                            e.at,
                            "referral",
                            QT_TRANSLATE_NOOP("history", "Referral: {status}"),
                            detail,
                            (("status", _label(e.to_status, ReferralStatus)),),
                        )
                    )
            files = {
                f.id: f
                for f in s.scalars(
                    select(FileCustody).where(
                        FileCustody.person_id == person_id, FileCustody.deleted_at.is_(None)
                    )
                )
            }
            for f in files.values():
                items.append(
                    HistoryItem(
                        f.received_at,
                        "personnel",
                        QT_TRANSLATE_NOOP("history", "Personnel file received"),
                        " · ".join(x for x in (f.file_number, f.received_from) if x),
                    )
                )
            if files:
                for m in s.scalars(
                    select(FileMovement).where(
                        FileMovement.custody_id.in_(list(files)),
                        FileMovement.deleted_at.is_(None),
                    )
                ):
                    items.append(
                        HistoryItem(
                            m.at,
                            "personnel",
                            QT_TRANSLATE_NOOP("history", "Personnel file: {kind}"),
                            " · ".join(
                                x for x in (files[m.custody_id].file_number, m.counterparty) if x
                            ),
                            (("kind", _label(m.kind, FileMovementKind)),),
                        )
                    )
            for g in s.scalars(
                select(GuidanceSession).where(
                    GuidanceSession.person_id == person_id, GuidanceSession.deleted_at.is_(None)
                )
            ):
                items.append(
                    HistoryItem(
                        g.at,
                        "guidance",
                        QT_TRANSLATE_NOOP("history", "Guidance: {kind}"),
                        g.recommendation or g.notes,
                        (("kind", _label(g.kind, GuidanceKind)),),
                    )
                )
                if g.followed_up_at is not None:
                    items.append(
                        HistoryItem(
                            g.followed_up_at,
                            "guidance",
                            QT_TRANSLATE_NOOP("history", "Guidance followed up"),
                            g.follow_up_note,
                        )
                    )
            for c in s.scalars(
                select(Consultation).where(
                    Consultation.person_id == person_id, Consultation.deleted_at.is_(None)
                )
            ):
                items.append(
                    HistoryItem(
                        c.at,
                        "information",
                        QT_TRANSLATE_NOOP("history", "Enquiry: {topic}"),
                        c.question,
                        (("topic", c.topic),),
                    )
                )
        items.sort(key=lambda i: i.at, reverse=True)
        return tuple(items[:limit])
