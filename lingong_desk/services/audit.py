"""The audit trail for supervisors: who did what when, filtered, exported to XLSX.

Every service records its actions as ``audit_event`` rows (``ctx.audit``);
the clerk is the row's ``created_by``. Reading and exporting them is for
supervisors only, and an export is itself audited.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from lingong_desk.db.models import AuditEvent, Clerk, Person, Referral
from lingong_desk.domain.calendar import day_start, time_text
from lingong_desk.domain.enums import (
    ConsultChannel,
    GuidanceKind,
    Labelled,
    PersonStatus,
    ReferralStatus,
)
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.masking import mask_id_number
from lingong_desk.services.context import ServiceContext

C = "audit"
MAX_ROWS = 5000

# the filter's groups of actions: (key, label, SQL LIKE patterns on the action)
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("", QT_TRANSLATE_NOOP("audit", "All actions"), ()),
    (
        "records",
        QT_TRANSLATE_NOOP("audit", "Registrations and edits"),
        (
            "person.register",
            "person.update",
            "person.status",
            "employer.%",
            "posting.%",
            "referral.%",
            "custody.%",
            "guidance.%",
            "consultation.%",
            "knowledge.%",
        ),
    ),
    (
        "output",
        QT_TRANSLATE_NOOP("audit", "Prints and exports"),
        ("%.print", "%.reprint", "%.export", "list.export%"),
    ),
    ("unmask", QT_TRANSLATE_NOOP("audit", "Unmasking"), ("%.unmask",)),
    ("sign_in", QT_TRANSLATE_NOOP("audit", "Sign-ins and locks"), ("clerk.sign_in%", "clerk.lock")),
    ("failed", QT_TRANSLATE_NOOP("audit", "Failed sign-ins"), ("clerk.sign_in_failed",)),
    (
        "system",
        QT_TRANSLATE_NOOP("audit", "Accounts, backups, restores"),
        ("clerk.create", "clerk.deactivate", "backup.%", "system.%", "settings.%", "keys.%"),
    ),
)

# what each action is called on screen and in the export (context "audit")
ACTION_LABELS: dict[str, str] = {
    "person.register": QT_TRANSLATE_NOOP("audit", "Job seeker registered"),
    "person.update": QT_TRANSLATE_NOOP("audit", "Job seeker edited"),
    "person.unmask": QT_TRANSLATE_NOOP("audit", "ID number or phone unmasked"),
    "person.status": QT_TRANSLATE_NOOP("audit", "Job seeker's status changed"),
    "list.export_unmasked": QT_TRANSLATE_NOOP("audit", "List exported unmasked"),
    "stats_report.print": QT_TRANSLATE_NOOP("audit", "Monthly report printed"),
    "stats_report.reprint": QT_TRANSLATE_NOOP("audit", "Monthly report reprinted"),
    "stats_report.export": QT_TRANSLATE_NOOP("audit", "Monthly report saved as PDF"),
    "employer.register": QT_TRANSLATE_NOOP("audit", "Employer registered"),
    "employer.update": QT_TRANSLATE_NOOP("audit", "Employer edited"),
    "posting.publish": QT_TRANSLATE_NOOP("audit", "Posting published"),
    "posting.update": QT_TRANSLATE_NOOP("audit", "Posting edited"),
    "posting.close": QT_TRANSLATE_NOOP("audit", "Posting closed"),
    "referral.issue": QT_TRANSLATE_NOOP("audit", "Referral issued"),
    "referral.intention": QT_TRANSLATE_NOOP("audit", "Referral: intention"),
    "referral.hired": QT_TRANSLATE_NOOP("audit", "Referral: hired"),
    "referral.not_hired": QT_TRANSLATE_NOOP("audit", "Referral: not hired"),
    "referral.no_show": QT_TRANSLATE_NOOP("audit", "Referral: no show"),
    "referral.expired": QT_TRANSLATE_NOOP("audit", "Referral: expired"),
    "referral.void": QT_TRANSLATE_NOOP("audit", "Referral voided"),
    "referral.print": QT_TRANSLATE_NOOP("audit", "Referral slip printed"),
    "referral.reprint": QT_TRANSLATE_NOOP("audit", "Referral slip reprinted"),
    "referral.export": QT_TRANSLATE_NOOP("audit", "Referral slip saved as PDF"),
    "custody.receive": QT_TRANSLATE_NOOP("audit", "Personnel file received"),
    "custody.lend": QT_TRANSLATE_NOOP("audit", "Personnel file lent"),
    "custody.return": QT_TRANSLATE_NOOP("audit", "Personnel file returned"),
    "custody.transfer_out": QT_TRANSLATE_NOOP("audit", "Personnel file transferred out"),
    "file_label.print": QT_TRANSLATE_NOOP("audit", "File label printed"),
    "file_label.reprint": QT_TRANSLATE_NOOP("audit", "File label reprinted"),
    "file_label.export": QT_TRANSLATE_NOOP("audit", "File label saved as PDF"),
    "custody_certificate.print": QT_TRANSLATE_NOOP("audit", "Custody certificate printed"),
    "custody_certificate.reprint": QT_TRANSLATE_NOOP("audit", "Custody certificate reprinted"),
    "custody_certificate.export": QT_TRANSLATE_NOOP("audit", "Custody certificate saved as PDF"),
    "job_board.print": QT_TRANSLATE_NOOP("audit", "Job board printed"),
    "job_board.reprint": QT_TRANSLATE_NOOP("audit", "Job board reprinted"),
    "job_board.export": QT_TRANSLATE_NOOP("audit", "Job board saved as PDF"),
    "guidance.record": QT_TRANSLATE_NOOP("audit", "Guidance session recorded"),
    "guidance.follow_up": QT_TRANSLATE_NOOP("audit", "Guidance follow-up"),
    "consultation.log": QT_TRANSLATE_NOOP("audit", "Consultation logged"),
    "knowledge.save": QT_TRANSLATE_NOOP("audit", "Knowledge base edited"),
    "clerk.create": QT_TRANSLATE_NOOP("audit", "Clerk account created"),
    "clerk.deactivate": QT_TRANSLATE_NOOP("audit", "Clerk account deactivated"),
    "clerk.sign_in": QT_TRANSLATE_NOOP("audit", "Signed in"),
    "clerk.sign_in_failed": QT_TRANSLATE_NOOP("audit", "Failed sign-in"),
    "clerk.lock": QT_TRANSLATE_NOOP("audit", "Screen locked"),
    "backup.create": QT_TRANSLATE_NOOP("audit", "Backup made"),
    "backup.daily": QT_TRANSLATE_NOOP("audit", "Daily backup made"),
    "system.restore": QT_TRANSLATE_NOOP("audit", "Backup restored"),
    "settings.backup_folder": QT_TRANSLATE_NOOP("audit", "Backup folder changed"),
    "settings.idle_lock": QT_TRANSLATE_NOOP("audit", "Idle lock time changed"),
    "audit.export": QT_TRANSLATE_NOOP("audit", "Audit trail exported"),
    "keys.recovery_shown": QT_TRANSLATE_NOOP("audit", "Recovery code shown"),
    "demo.fill": QT_TRANSLATE_NOOP("audit", "Demo data filled in"),
}

# what the keys of an action's details are called (context "audit"); others show as they are
DETAIL_LABELS: dict[str, str] = {
    "field": QT_TRANSLATE_NOOP("audit", "field"),
    "reason": QT_TRANSLATE_NOOP("audit", "reason"),
    "layout": QT_TRANSLATE_NOOP("audit", "layout"),
    "how": QT_TRANSLATE_NOOP("audit", "how"),
    "print_no": QT_TRANSLATE_NOOP("audit", "copy"),
    "files": QT_TRANSLATE_NOOP("audit", "files"),
    "file": QT_TRANSLATE_NOOP("audit", "file"),
    "failed": QT_TRANSLATE_NOOP("audit", "not written"),
    "size": QT_TRANSLATE_NOOP("audit", "bytes"),
    "folder": QT_TRANSLATE_NOOP("audit", "folder"),
    "minutes": QT_TRANSLATE_NOOP("audit", "minutes"),
    "rows": QT_TRANSLATE_NOOP("audit", "rows"),
    "from": QT_TRANSLATE_NOOP("audit", "from"),
    "by": QT_TRANSLATE_NOOP("audit", "by"),
    "epoch": QT_TRANSLATE_NOOP("audit", "sync epoch"),
    "channel": QT_TRANSLATE_NOOP("audit", "channel"),
    "kind": QT_TRANSLATE_NOOP("audit", "kind"),
    "first_day": QT_TRANSLATE_NOOP("audit", "from day"),
    "last_day": QT_TRANSLATE_NOOP("audit", "to day"),
    "group": QT_TRANSLATE_NOOP("audit", "actions"),
    "id_number": QT_TRANSLATE_NOOP("audit", "ID number"),
    "phone": QT_TRANSLATE_NOOP("audit", "mobile"),
    "printer": QT_TRANSLATE_NOOP("audit", "printer"),
}

# the columns of the export (context "audit")
COLUMNS = (
    QT_TRANSLATE_NOOP("audit", "Time"),
    QT_TRANSLATE_NOOP("audit", "Clerk"),
    QT_TRANSLATE_NOOP("audit", "Action"),
    QT_TRANSLATE_NOOP("audit", "Record"),
    QT_TRANSLATE_NOOP("audit", "Details"),
)


@dataclass(frozen=True)
class AuditFilter:
    first_day: dt.date | None = None  # market days, both included
    last_day: dt.date | None = None
    clerk_id: uuid.UUID | None = None
    group: str = ""  # a key of GROUPS
    text: str = ""  # a word in the record or the details


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    clerk: str
    action: str
    entity: str
    record: str  # the person's name and masked ID number, a referral's number, ...
    detail: str  # untranslated; ``detail_text(details, tr)`` for the screen
    details: dict[str, Any] = field(default_factory=dict)


def _local_midnight(day: dt.date) -> dt.datetime:
    return day_start(day).astimezone(dt.UTC)


# details whose value is a code of a closed vocabulary: shown by its label
DETAIL_VOCABULARIES: dict[str, tuple[type[Labelled], ...]] = {
    "status": (PersonStatus, ReferralStatus),
    "channel": (ConsultChannel,),
    "kind": (GuidanceKind,),
}


def _vocabulary_label(key: str, value: str) -> str | None:
    for vocabulary in DETAIL_VOCABULARIES.get(key, ()):
        if value in {m.value for m in vocabulary}:
            return vocabulary(value).label
    return None


def detail_text(
    detail: dict[str, Any],
    tr: Callable[[str], str] = lambda t: t,
    tr_enum: Callable[[str], str] = lambda t: t,
) -> str:
    """An action's details as "key: value; …", keys (and a field's name) through ``tr``,
    codes of a vocabulary ("walk_in") as their label through ``tr_enum`` (context
    "enums")."""
    parts = []
    for key, value in detail.items():
        if key in ("number", "name") or value in (None, "", []):
            continue
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        if isinstance(value, str) and value in DETAIL_LABELS and key in ("field", "how"):
            text = tr(DETAIL_LABELS[value])
        elif isinstance(value, str) and (coded := _vocabulary_label(key, value)):
            text = tr_enum(coded)
        label = DETAIL_LABELS.get(key)
        parts.append(f"{tr(label) if label else key}: {text}")
    return "; ".join(parts)


class AuditService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _require(self) -> None:
        self.ctx.require_supervisor(
            QT_TRANSLATE_NOOP("validation", "Only a supervisor can read the audit trail.")
        )

    def events(self, f: AuditFilter, limit: int = MAX_ROWS) -> list[AuditRow]:
        """The audit rows matching ``f``, newest first (at most ``limit``)."""
        self._require()
        with self.ctx.reading() as s:
            return self._rows(s, f, limit)

    def _rows(self, s: Session, f: AuditFilter, limit: int) -> list[AuditRow]:
        stmt = (
            select(AuditEvent, Clerk.name)
            .outerjoin(Clerk, Clerk.id == AuditEvent.created_by)
            .order_by(AuditEvent.at.desc())
        )
        if f.first_day is not None:
            stmt = stmt.where(AuditEvent.at >= _local_midnight(f.first_day))
        if f.last_day is not None:
            stmt = stmt.where(AuditEvent.at < _local_midnight(f.last_day + dt.timedelta(days=1)))
        if f.clerk_id is not None:
            stmt = stmt.where(AuditEvent.created_by == f.clerk_id)
        patterns = dict((key, pats) for key, _label, pats in GROUPS).get(f.group, ())
        if patterns:
            conditions: list[ColumnElement[bool]] = [AuditEvent.action.like(p) for p in patterns]
            stmt = stmt.where(or_(*conditions))
        word = f.text.strip()
        found = s.execute(stmt.limit(limit if not word else limit * 4)).all()
        people = self._names(s, [e.entity_id for e, _n in found if e.entity == "person"])
        numbers = self._numbers(s, [e.entity_id for e, _n in found if e.entity == "referral"])
        clerks: dict[uuid.UUID | None, str] = {
            cid: name for cid, name in s.execute(select(Clerk.id, Clerk.name))
        }
        rows = []
        for event, clerk in found:
            detail = event.detail or {}
            if event.entity == "person":
                record = people.get(event.entity_id, "")
            elif event.entity == "clerk":
                record = str(detail.get("name") or clerks.get(event.entity_id) or "")
            else:
                record = str(detail.get("number") or numbers.get(event.entity_id, ""))
            row = AuditRow(
                at=event.at,
                clerk=clerk or str(detail.get("by") or ""),
                action=event.action,
                entity=event.entity,
                record=record,
                detail=detail_text(detail),
                details=dict(detail),
            )
            if word and word not in f"{row.clerk} {row.record} {row.detail}":
                continue
            rows.append(row)
            if len(rows) == limit:
                break
        return rows

    @staticmethod
    def _names(s: Session, ids: list[uuid.UUID | None]) -> dict[uuid.UUID | None, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        found = s.execute(
            select(Person.id, Person.name, Person.id_number).where(Person.id.in_(wanted))
        )
        return {pid: f"{name} {mask_id_number(number)}" for pid, name, number in found}

    @staticmethod
    def _numbers(s: Session, ids: list[uuid.UUID | None]) -> dict[uuid.UUID | None, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        found = s.execute(select(Referral.id, Referral.number).where(Referral.id.in_(wanted)))
        return {rid: str(number) for rid, number in found}

    def clerks(self) -> list[tuple[uuid.UUID, str]]:
        """Every clerk account, also those deactivated (for the filter)."""
        self._require()
        with self.ctx.reading() as s:
            return [(c.id, c.name) for c in s.scalars(select(Clerk).order_by(Clerk.name))]

    def export_xlsx(
        self,
        f: AuditFilter,
        path: Path,
        tr: Callable[[str], str] = lambda text: text,
        tr_enum: Callable[[str], str] = lambda text: text,
    ) -> int:
        """Write the rows matching ``f`` to an XLSX file; returns how many. Audited.

        ``tr`` translates the column titles and action names (context "audit")."""
        from openpyxl import Workbook

        rows = self.events(f, limit=1_000_000)
        book = Workbook(write_only=True)
        sheet = book.create_sheet(tr(QT_TRANSLATE_NOOP("audit", "Audit trail")))
        sheet.append([tr(c) for c in COLUMNS])
        for r in rows:
            label = ACTION_LABELS.get(r.action)
            sheet.append(
                [
                    time_text(r.at, seconds=True),
                    r.clerk,
                    tr(label) if label else r.action,
                    r.record,
                    detail_text(r.details, tr, tr_enum),
                ]
            )
        buffer = io.BytesIO()
        book.save(buffer)
        path.write_bytes(buffer.getvalue())
        with self.ctx.session() as s:
            self.ctx.audit(
                s,
                "audit.export",
                rows=len(rows),
                file=path.name,
                first_day=f.first_day.isoformat() if f.first_day else "",
                last_day=f.last_day.isoformat() if f.last_day else "",
                group=f.group,
            )
        return len(rows)
