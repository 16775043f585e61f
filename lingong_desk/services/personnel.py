"""Personnel agency (人事代理): receive, lend, return and transfer personnel files."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_desk.db.local_state import highest_number, next_in_sequence
from lingong_desk.db.models import Clerk, FileCustody, FileMovement, Market, Person
from lingong_desk.domain import custody as rules
from lingong_desk.domain.calendar import market_day
from lingong_desk.domain.custody import CustodyRefused
from lingong_desk.domain.enums import CustodyStatus, FileMovementKind
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.masking import mask_id_number
from lingong_desk.services.outputs import Output, PrintJob, record_output

if TYPE_CHECKING:  # ReportLab loads on the first print, not at start
    from lingong_desk.printing.labels import CertificateData, LabelData
    from lingong_desk.services.context import ServiceContext

Translate = Callable[[str, str], str]
LABEL_LAYOUTS = ("label", "sheet")

__all__ = ["CustodyRefused", "FileDetail", "FileRow", "MovementRow", "PersonnelService"]


@dataclass(frozen=True)
class MovementRow:
    at: dt.datetime
    kind: str
    counterparty: str
    due_date: dt.date | None
    method: str
    tracking_number: str
    note: str
    clerk_name: str


@dataclass(frozen=True)
class FileRow:
    id: uuid.UUID
    file_number: str
    person_name: str
    status: str
    shelf_location: str
    borrower: str
    due_date: dt.date | None


@dataclass(frozen=True)
class FileDetail:
    id: uuid.UUID
    file_number: str
    person_id: uuid.UUID
    person_name: str
    person_id_masked: str
    shelf_location: str
    received_on: dt.date
    received_from: str
    checklist: tuple[str, ...]
    status: str
    note: str
    clerk_name: str
    movements: tuple[MovementRow, ...]

    @property
    def current_loan(self) -> MovementRow | None:
        if self.status != CustodyStatus.LENT:
            return None
        loans = [m for m in self.movements if m.kind == FileMovementKind.LEND]
        return loans[-1] if loans else None


class PersonnelService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ---- choosing a person ----------------------------------------------
    def person_choices(self, text: str) -> list[tuple[uuid.UUID, str]]:
        from lingong_desk.db.search import search_people

        if not text.strip():
            return []
        with self.ctx.reading() as s:
            ids = search_people(s, text, limit=20)
            people = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(ids)))}
            return [
                (i, f"{people[i].name}  {mask_id_number(people[i].id_number)}")
                for i in ids
                if i in people
            ]

    # ---- movements ------------------------------------------------------
    def receive(
        self,
        person_id: uuid.UUID,
        received_from: str,
        checklist: list[str],
        shelf_location: str,
        note: str = "",
    ) -> FileDetail:
        now = self.ctx.now()
        with self.ctx.session() as s:
            person = s.get(Person, person_id)
            if person is None or person.deleted_at is not None:
                raise CustodyRefused(
                    QT_TRANSLATE_NOOP("custody", "This job seeker is not registered.")
                )
            held = s.scalar(
                select(FileCustody.file_number).where(
                    FileCustody.person_id == person_id,
                    FileCustody.status != CustodyStatus.TRANSFERRED,
                    FileCustody.deleted_at.is_(None),
                )
            )
            if held is not None:
                raise CustodyRefused(
                    QT_TRANSLATE_NOOP(
                        "custody", "The market already holds {name}'s file ({number})."
                    ),
                    name=person.name,
                    number=held,
                )
            if not checklist:
                raise CustodyRefused(QT_TRANSLATE_NOOP("custody", "Tick what the file contains."))
            number = self._next_number(s, self.ctx.today().year)
            custody = FileCustody(
                person_id=person_id,
                file_number=number,
                shelf_location=shelf_location.strip(),
                received_at=now,
                received_from=received_from.strip(),
                checklist=[rules.checklist_key(item) for item in checklist],
                status=CustodyStatus.IN_CUSTODY,
                note=note.strip(),
            )
            s.add(custody)
            s.flush()
            s.add(
                FileMovement(
                    custody_id=custody.id,
                    kind=FileMovementKind.RECEIVE,
                    at=now,
                    counterparty=received_from.strip(),
                    due_date=None,
                )
            )
            self.ctx.audit(s, "custody.receive", "file_custody", custody.id, number=number)
            cid = custody.id
        return self._detail_or_fail(cid)

    def _next_number(self, s: Session, year: int) -> str:
        prefix = rules.file_number(self.ctx.market_code, year, 0)[:-5]
        used = highest_number(s, FileCustody.file_number, prefix)
        value = next_in_sequence(s, f"custody:{self.ctx.market_code}:{year}", used)
        return rules.file_number(self.ctx.market_code, year, value)

    def _move(
        self,
        custody_id: uuid.UUID,
        kind: FileMovementKind,
        counterparty: str = "",
        due_date: dt.date | None = None,
        method: str = "",
        tracking_number: str = "",
        note: str = "",
    ) -> FileDetail:
        now = self.ctx.now()
        with self.ctx.session() as s:
            custody = s.get(FileCustody, custody_id)
            if custody is None or custody.deleted_at is not None:
                raise CustodyRefused(QT_TRANSLATE_NOOP("custody", "No such file."))
            after = rules.check_move(custody.status, kind)
            s.add(
                FileMovement(
                    custody_id=custody.id,
                    kind=kind,
                    at=now,
                    counterparty=counterparty.strip(),
                    due_date=due_date,
                    method=method,
                    tracking_number=tracking_number.strip(),
                    note=note.strip(),
                )
            )
            custody.status = after
            self.ctx.audit(
                s, f"custody.{kind.value}", "file_custody", custody.id, number=custody.file_number
            )
        return self._detail_or_fail(custody_id)

    def lend(
        self, custody_id: uuid.UUID, borrower: str, due_date: dt.date | None, note: str = ""
    ) -> FileDetail:
        with self.ctx.reading() as s:
            custody = s.get(FileCustody, custody_id)
            if custody is not None:
                rules.check_move(custody.status, FileMovementKind.LEND)
        rules.check_loan(borrower, due_date, self.ctx.today())
        return self._move(custody_id, FileMovementKind.LEND, borrower, due_date, note=note)

    def return_file(self, custody_id: uuid.UUID, note: str = "") -> FileDetail:
        return self._move(custody_id, FileMovementKind.RETURN, note=note)

    def transfer_out(
        self,
        custody_id: uuid.UUID,
        receiver: str,
        method: str,
        tracking_number: str = "",
        note: str = "",
    ) -> FileDetail:
        with self.ctx.reading() as s:
            custody = s.get(FileCustody, custody_id)
            if custody is not None:
                rules.check_move(custody.status, FileMovementKind.TRANSFER_OUT)
        rules.check_transfer(receiver, method)
        return self._move(
            custody_id,
            FileMovementKind.TRANSFER_OUT,
            receiver,
            method=rules.method_key(method),
            tracking_number=tracking_number,
            note=note,
        )

    # ---- reading --------------------------------------------------------
    def find_by_number(self, text: str) -> FileDetail | None:
        number = rules.normalise_number(text)
        with self.ctx.reading() as s:
            cid = s.scalar(select(FileCustody.id).where(FileCustody.file_number == number))
        return self.detail(cid) if cid else None

    def _detail_or_fail(self, custody_id: uuid.UUID) -> FileDetail:
        detail = self.detail(custody_id)
        assert detail is not None
        return detail

    def detail(self, custody_id: uuid.UUID) -> FileDetail | None:
        with self.ctx.reading() as s:
            c = s.get(FileCustody, custody_id)
            if c is None:
                return None
            person = s.get(Person, c.person_id)
            assert person is not None
            clerks = {k.id: k.name for k in s.scalars(select(Clerk))}
            movements = tuple(
                MovementRow(
                    m.at,
                    m.kind,
                    m.counterparty,
                    m.due_date,
                    rules.method_key(m.method) if m.method else "",
                    m.tracking_number,
                    m.note,
                    clerks.get(m.created_by, "") if m.created_by else "",
                )
                for m in s.scalars(
                    select(FileMovement)
                    .where(FileMovement.custody_id == c.id, FileMovement.deleted_at.is_(None))
                    .order_by(FileMovement.hlc)
                )
            )
            return FileDetail(
                id=c.id,
                file_number=c.file_number,
                person_id=person.id,
                person_name=person.name,
                person_id_masked=mask_id_number(person.id_number),
                shelf_location=c.shelf_location,
                received_on=market_day(c.received_at),
                received_from=c.received_from,
                checklist=tuple(rules.checklist_key(item) for item in c.checklist or ()),
                status=c.status,
                note=c.note,
                clerk_name=clerks.get(c.created_by, "") if c.created_by else "",
                movements=movements,
            )

    def files(self, overdue: bool = False) -> list[FileRow]:
        """Files held (newest first), or (``overdue``) those lent past their due date."""
        return self.file_rows(self.file_ids(overdue))

    def file_ids(self, overdue: bool = False) -> list[uuid.UUID]:
        """The ids of every file held, newest first, or (``overdue``) of those lent
        past their due date, the longest overdue first. The lists page through
        them with ``file_rows``: a market may hold tens of thousands of files."""
        with self.ctx.reading() as s:
            q = (
                select(FileCustody.id)
                .join(Person, Person.id == FileCustody.person_id)
                .where(FileCustody.deleted_at.is_(None))
            )
            if not overdue:
                return list(s.scalars(q.order_by(FileCustody.hlc.desc())))
            lent = list(s.scalars(q.where(FileCustody.status == CustodyStatus.LENT)))
            today = self.ctx.today()
            due = {
                cid: loan.due_date
                for cid, loan in self._loans(s, lent).items()
                if rules.is_overdue(CustodyStatus.LENT, loan.due_date, today)
            }
            return sorted(due, key=lambda cid: due[cid] or today)

    def file_rows(self, ids: Sequence[uuid.UUID]) -> list[FileRow]:
        """The rows of these files, in the order given."""
        if not ids:
            return []
        with self.ctx.reading() as s:
            found = {
                c.id: (c, name)
                for c, name in s.execute(
                    select(FileCustody, Person.name)
                    .join(Person, Person.id == FileCustody.person_id)
                    .where(FileCustody.id.in_(ids))
                )
            }
            lent = [cid for cid, (c, _n) in found.items() if c.status == CustodyStatus.LENT]
            loans = self._loans(s, lent)
            out = []
            for cid in ids:
                if cid not in found:
                    continue
                c, name = found[cid]
                loan = loans.get(cid)
                out.append(
                    FileRow(
                        c.id,
                        c.file_number,
                        name,
                        c.status,
                        c.shelf_location,
                        loan.counterparty if loan else "",
                        loan.due_date if loan else None,
                    )
                )
            return out

    @staticmethod
    def _loans(s: Session, lent: Sequence[uuid.UUID]) -> dict[uuid.UUID, FileMovement]:
        """The latest loan of each lent file."""
        loans: dict[uuid.UUID, FileMovement] = {}
        for chunk in (lent[i : i + 500] for i in range(0, len(lent), 500)):
            for m in s.scalars(
                select(FileMovement)
                .where(
                    FileMovement.custody_id.in_(chunk),
                    FileMovement.kind == FileMovementKind.LEND,
                )
                .order_by(FileMovement.hlc)
            ):
                loans[m.custody_id] = m
        return loans

    # ---- printing -------------------------------------------------------
    def _market(self) -> tuple[str, str, str]:
        with self.ctx.reading() as s:
            market = s.get(Market, self.ctx.market_code)
        if market is None:
            return self.ctx.market_code, "", ""
        return market.name, market.phone, market.address

    def label_data(self, custody_id: uuid.UUID) -> LabelData:
        from lingong_desk.printing.labels import LabelData

        d = self._detail_or_fail(custody_id)
        return LabelData(
            file_number=d.file_number,
            person_name=d.person_name,
            shelf_location=d.shelf_location,
            market_name=self._market()[0],
            received_on=d.received_on,
            custody_id=custody_id,
        )

    def render_label(self, custody_id: uuid.UUID, layout: str, tr: Translate) -> PrintJob:
        from lingong_desk.printing.labels import render_label, render_label_sheet

        data = self.label_data(custody_id)
        return render_label(data, tr) if layout == "label" else render_label_sheet([data], tr)

    def certificate_data(self, custody_id: uuid.UUID) -> CertificateData:
        from lingong_desk.printing.labels import CertificateData

        d = self._detail_or_fail(custody_id)
        if d.status == CustodyStatus.TRANSFERRED:
            raise CustodyRefused(
                QT_TRANSLATE_NOOP("custody", "This file was transferred out; it is no longer held.")
            )
        name, phone, address = self._market()
        return CertificateData(
            file_number=d.file_number,
            person_name=d.person_name,
            person_id_masked=d.person_id_masked,
            received_on=d.received_on,
            market_name=name,
            market_phone=phone,
            market_address=address,
            clerk_name=self.ctx.clerk_name,
            issued_on=self.ctx.today(),
            custody_id=custody_id,
        )

    def render_certificate(self, custody_id: uuid.UUID, tr: Translate) -> PrintJob:
        from lingong_desk.printing.labels import render_certificate

        return render_certificate(self.certificate_data(custody_id), tr)

    def record_print(self, job: PrintJob, how: Output) -> None:
        """A label or certificate went to a printer or a file: audit who did it."""
        with self.ctx.session() as s:
            record_output(self.ctx, s, job, how)
