"""The records behind the figures, as lists: on screen (click a figure) and as
XLSX for the bureau (job seekers, employers, postings, referrals, files,
guidance sessions, consultations of a period).

ID numbers and phones are masked. Only a supervisor may export them in full,
and must give the reason; every export is recorded in the audit trail with
who made it, what, for which period, how many rows, masked or not and why.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_desk.db.models import (
    Clerk,
    Consultation,
    Employer,
    FileCustody,
    GuidanceSession,
    JobPosting,
    Person,
    Referral,
)
from lingong_desk.domain.calendar import age_on, market_day, market_time, time_text
from lingong_desk.domain.enums import (
    ConsultChannel,
    CustodyStatus,
    EmployerKind,
    GuidanceKind,
    Labelled,
    PersonCategory,
    PersonStatus,
    PostingStatus,
    ReferralStatus,
    Sex,
    WorkForm,
)
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.masking import mask_id_number, mask_phone
from lingong_desk.domain.periods import Period
from lingong_desk.services.context import ServiceContext
from lingong_desk.services.statistics import StatisticsService

if TYPE_CHECKING:  # openpyxl loads with the first export
    from lingong_desk.printing.workbook import Cell

Translate = Callable[[str, str], str]
C = "stats"
ENUMS = "enums"

# the lists, by the table they list, with the indicator that picks a period's rows
LISTS: dict[str, tuple[str, str]] = {
    "person": (QT_TRANSLATE_NOOP("stats", "Job seekers"), "seekers_registered"),
    "employer": (QT_TRANSLATE_NOOP("stats", "Employers"), "employers_registered"),
    "job_posting": (QT_TRANSLATE_NOOP("stats", "Postings"), "postings_published"),
    "referral": (QT_TRANSLATE_NOOP("stats", "Referrals"), "referrals_issued"),
    "file_custody": (QT_TRANSLATE_NOOP("stats", "Personnel files"), "files_received"),
    "guidance_session": (QT_TRANSLATE_NOOP("stats", "Guidance sessions"), "guidance_sessions"),
    "consultation": (QT_TRANSLATE_NOOP("stats", "Consultations"), "consultations"),
}
COLUMNS: dict[str, tuple[str, ...]] = {
    "person": (QT_TRANSLATE_NOOP("stats", "Name"), QT_TRANSLATE_NOOP("stats", "Sex"), QT_TRANSLATE_NOOP("stats", "Age"), QT_TRANSLATE_NOOP("stats", "ID number"),
               QT_TRANSLATE_NOOP("stats", "Phone"), QT_TRANSLATE_NOOP("stats", "Job types wanted"), QT_TRANSLATE_NOOP("stats", "Person category"),
               QT_TRANSLATE_NOOP("stats", "Status"), QT_TRANSLATE_NOOP("stats", "Registered on")),
    "employer": (QT_TRANSLATE_NOOP("stats", "Employer"), QT_TRANSLATE_NOOP("stats", "Kind"), QT_TRANSLATE_NOOP("stats", "Credit code or ID number"),
                 QT_TRANSLATE_NOOP("stats", "Contact"), QT_TRANSLATE_NOOP("stats", "Phone"), QT_TRANSLATE_NOOP("stats", "Address"),
                 QT_TRANSLATE_NOOP("stats", "Registered on")),
    "job_posting": (QT_TRANSLATE_NOOP("stats", "Job"), QT_TRANSLATE_NOOP("stats", "Employer"), QT_TRANSLATE_NOOP("stats", "Job type"),
                    QT_TRANSLATE_NOOP("stats", "Work form"), QT_TRANSLATE_NOOP("stats", "Headcount"), QT_TRANSLATE_NOOP("stats", "Filled"),
                    QT_TRANSLATE_NOOP("stats", "Status"), QT_TRANSLATE_NOOP("stats", "Published on")),
    "referral": (QT_TRANSLATE_NOOP("stats", "Referral number"), QT_TRANSLATE_NOOP("stats", "Name"), QT_TRANSLATE_NOOP("stats", "ID number"),
                 QT_TRANSLATE_NOOP("stats", "Job"), QT_TRANSLATE_NOOP("stats", "Employer"), QT_TRANSLATE_NOOP("stats", "Status"),
                 QT_TRANSLATE_NOOP("stats", "Issued on"), QT_TRANSLATE_NOOP("stats", "Closed on")),
    "file_custody": (QT_TRANSLATE_NOOP("stats", "File number"), QT_TRANSLATE_NOOP("stats", "Name"), QT_TRANSLATE_NOOP("stats", "ID number"),
                     QT_TRANSLATE_NOOP("stats", "Status"), QT_TRANSLATE_NOOP("stats", "Received on"), QT_TRANSLATE_NOOP("stats", "Received from")),
    "guidance_session": (QT_TRANSLATE_NOOP("stats", "Date"), QT_TRANSLATE_NOOP("stats", "Name"), QT_TRANSLATE_NOOP("stats", "ID number"),
                         QT_TRANSLATE_NOOP("stats", "Kind"), QT_TRANSLATE_NOOP("stats", "Follow up on"), QT_TRANSLATE_NOOP("stats", "Followed up on"),
                         QT_TRANSLATE_NOOP("stats", "Clerk")),
    "consultation": (QT_TRANSLATE_NOOP("stats", "Time"), QT_TRANSLATE_NOOP("stats", "Channel"), QT_TRANSLATE_NOOP("stats", "Topic"),
                     QT_TRANSLATE_NOOP("stats", "Resolved"), QT_TRANSLATE_NOOP("stats", "Caller"), QT_TRANSLATE_NOOP("stats", "Phone"),
                     QT_TRANSLATE_NOOP("stats", "Clerk")),
}  # fmt: skip
YES, NO = QT_TRANSLATE_NOOP("stats", "yes"), QT_TRANSLATE_NOOP("stats", "no")


class ExportRefused(PermissionError):
    """An unmasked export that is not allowed; ``message`` is a catalogue text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ListRow:
    id: uuid.UUID
    cells: tuple[Cell, ...]


def display(cell: Cell) -> str:
    """A cell as the screen shows it (dates in ISO form, China time)."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        # cells hold the market's clock without a zone (as the spreadsheet gets them)
        return time_text(cell) if cell.tzinfo else cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def _day(moment: dt.datetime | None) -> dt.date | None:
    return market_day(moment) if moment is not None else None


def _local(moment: dt.datetime) -> dt.datetime:
    """China time without a zone: spreadsheets have none."""
    return market_time(moment).replace(tzinfo=None)


class RecordListService:
    def __init__(self, ctx: ServiceContext, statistics: StatisticsService) -> None:
        self.ctx = ctx
        self.statistics = statistics

    def title(self, entity: str, tr: Translate) -> str:
        return tr(C, LISTS[entity][0])

    def headings(self, entity: str, tr: Translate) -> list[str]:
        return [tr(C, text) for text in COLUMNS[entity]]

    def period_ids(
        self, entity: str, period: Period, clerk_id: uuid.UUID | None = None
    ) -> tuple[uuid.UUID, ...]:
        """The records of a period's list: those its indicator counts."""
        return self.statistics.rows_behind(period, LISTS[entity][1], clerk_id).ids

    def rows(
        self, entity: str, ids: Sequence[uuid.UUID], tr: Translate, unmasked: bool = False
    ) -> list[ListRow]:
        """The rows of ``ids`` in that order (masked unless ``unmasked``)."""
        if not ids:
            return []
        with self.ctx.reading() as s:
            maker = _Rows(s, self.ctx, tr, unmasked)
            found: dict[uuid.UUID, ListRow] = {}
            for start in range(0, len(ids), 500):
                found.update(maker.make(entity, list(ids[start : start + 500])))
        return [found[i] for i in ids if i in found]

    def export(
        self,
        entity: str,
        period: Period,
        path: Path,
        tr: Translate,
        clerk_id: uuid.UUID | None = None,
        unmasked: bool = False,
        reason: str = "",
    ) -> int:
        """Write a period's list to ``path`` (XLSX); returns the rows written."""
        reason = reason.strip()
        if unmasked and not self.statistics.sees_everything:
            raise ExportRefused(
                QT_TRANSLATE_NOOP(
                    "stats", "Only a supervisor may export full ID numbers and phones."
                )
            )
        if unmasked and not reason:
            raise ExportRefused(
                QT_TRANSLATE_NOOP(
                    "stats", "Give the reason for exporting full ID numbers and phones."
                )
            )
        ids = self.period_ids(entity, period, clerk_id)
        rows = self.rows(entity, ids, tr, unmasked)
        cells = [[_local(c) if isinstance(c, dt.datetime) else c for c in r.cells] for r in rows]
        title = f"{self.title(entity, tr)} {period.key}"
        from lingong_desk.printing.workbook import list_workbook  # openpyxl: on first export

        data = list_workbook(
            title, self.headings(entity, tr), cells, self.ctx.now(), self.ctx.clerk_name
        )
        path.write_bytes(data)
        with self.ctx.session() as s:
            detail: dict[str, Any] = {
                "list": entity,
                "period": period.key,
                "rows": len(rows),
                "unmasked": unmasked,
                "layout": "xlsx",
            }
            if clerk_id is not None:
                detail["clerk"] = str(clerk_id)
            if unmasked:
                detail["reason"] = reason
            self.ctx.audit(
                s, "list.export_unmasked" if unmasked else "list.export", entity, **detail
            )
        return len(rows)


class _Rows:
    def __init__(self, s: Session, ctx: ServiceContext, tr: Translate, unmasked: bool) -> None:
        self.s, self.ctx, self.translate, self.unmasked = s, ctx, tr, unmasked
        self.today = ctx.today()
        self.clerks = {cid: name for cid, name in s.execute(select(Clerk.id, Clerk.name))}

    def label(self, enum: type[Labelled], value: str | None) -> str:
        if not value:
            return ""
        try:
            return self.translate(ENUMS, enum(value).label)
        except ValueError:
            return value

    def id_number(self, number: str | None) -> str:
        return (number or "") if self.unmasked else mask_id_number(number)

    def phone(self, number: str | None) -> str:
        return (number or "") if self.unmasked else mask_phone(number)

    def yes(self, flag: bool) -> str:
        return self.translate(C, YES if flag else NO)

    def make(self, entity: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, ListRow]:
        return dict(getattr(self, entity)(ids))

    def person(self, ids: list[uuid.UUID]) -> Any:
        for p in self.s.scalars(select(Person).where(Person.id.in_(ids))):
            wishes = "、".join(
                self.ctx.catalogue.name(o.occupation_code)
                for o in p.occupations
                if o.deleted_at is None
            )
            yield p.id, ListRow(p.id, (
                p.name, self.label(Sex, p.sex), age_on(p.birth_date, self.today),
                self.id_number(p.id_number), self.phone(p.phone), wishes,
                self.label(PersonCategory, p.category), self.label(PersonStatus, p.status),
                _day(p.registered_at),
            ))  # fmt: skip

    def employer(self, ids: list[uuid.UUID]) -> Any:
        for e in self.s.scalars(select(Employer).where(Employer.id.in_(ids))):
            code = e.credit_code or self.id_number(e.owner_id_number)
            yield e.id, ListRow(e.id, (
                e.name, self.label(EmployerKind, e.kind), code, e.contact_name,
                self.phone(e.contact_phone), e.address, _day(e.created_at),
            ))  # fmt: skip

    def job_posting(self, ids: list[uuid.UUID]) -> Any:
        q = select(JobPosting, Employer.name).join(Employer, Employer.id == JobPosting.employer_id)
        for p, employer in self.s.execute(q.where(JobPosting.id.in_(ids))):
            yield p.id, ListRow(p.id, (
                p.title, employer, self.ctx.catalogue.name(p.occupation_code),
                self.label(WorkForm, p.work_form), p.headcount, p.headcount_filled,
                self.label(PostingStatus, p.status), _day(p.published_at),
            ))  # fmt: skip

    def referral(self, ids: list[uuid.UUID]) -> Any:
        q = (
            select(Referral, Person.name, Person.id_number, JobPosting.title, Employer.name)
            .join(Person, Person.id == Referral.person_id)
            .join(JobPosting, JobPosting.id == Referral.posting_id)
            .join(Employer, Employer.id == Referral.employer_id)
        )
        for r, name, number, title, employer in self.s.execute(q.where(Referral.id.in_(ids))):
            yield r.id, ListRow(r.id, (
                r.number, name, self.id_number(number), title, employer,
                self.label(ReferralStatus, r.status), _day(r.issued_at), _day(r.closed_at),
            ))  # fmt: skip

    def file_custody(self, ids: list[uuid.UUID]) -> Any:
        q = select(FileCustody, Person.name, Person.id_number).join(
            Person, Person.id == FileCustody.person_id
        )
        for f, name, number in self.s.execute(q.where(FileCustody.id.in_(ids))):
            yield f.id, ListRow(f.id, (
                f.file_number, name, self.id_number(number), self.label(CustodyStatus, f.status),
                _day(f.received_at), f.received_from,
            ))  # fmt: skip

    def guidance_session(self, ids: list[uuid.UUID]) -> Any:
        q = select(GuidanceSession, Person.name, Person.id_number).join(
            Person, Person.id == GuidanceSession.person_id
        )
        for g, name, number in self.s.execute(q.where(GuidanceSession.id.in_(ids))):
            yield g.id, ListRow(g.id, (
                _day(g.at), name, self.id_number(number), self.label(GuidanceKind, g.kind),
                g.follow_up_on, _day(g.followed_up_at), self.clerks.get(g.created_by or uuid.UUID(int=0), ""),
            ))  # fmt: skip

    def consultation(self, ids: list[uuid.UUID]) -> Any:
        for c in self.s.scalars(select(Consultation).where(Consultation.id.in_(ids))):
            yield c.id, ListRow(c.id, (
                market_time(c.at), self.label(ConsultChannel, c.channel), c.topic, self.yes(c.resolved),
                c.caller_name, self.phone(c.caller_phone),
                self.clerks.get(c.created_by or uuid.UUID(int=0), ""),
            ))  # fmt: skip
