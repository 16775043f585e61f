"""The facts a synced record contributes to its market's statistics.

The same rules as the desk's loader (``lingong_desk/db/stats.py``), applied to
the city's JSON records one record at a time, so that ingest can keep them
current:

- a registration is the audit event ``person.register`` of the registering
  market (counted while its person exists and is not deleted);
  ``person.status`` events and this market's hires give the status a job
  seeker had at any moment (streams ``status`` and ``employed``, not counted
  as flows: they feed the seekers' stock);
- employers, postings (amount: the headcount), files, guidance sessions (and
  their follow-ups), consultations: the market's rows, not deleted;
- a referral counts when issued, unless deleted or voided straight from
  issued (a mistake); its outcomes count when their event happened, while the
  referral is not deleted;
- a fact's subject (sex, birth date, category, township, job type, work form,
  hardship) is read from the current person and posting, as the desk does.

Rows and clerks are named by the 32 hex digits of their UUID, as the desk's
facts name them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lingong_desk.domain.activity import Stream
from lingong_desk.domain.breakdowns import township_of
from lingong_desk.domain.calendar import market_day
from lingong_desk.domain.enums import PersonStatus
from lingong_desk.domain.enums import ReferralStatus as S

REGISTER = "person.register"
STATUS_ACTION = "person.status"
STATUS = "status"  # a job seeker's status saved (not a flow)
EMPLOYED = "employed"  # a hire, as a status of the person (not a flow)
SEEKER_STREAMS = (Stream.REGISTRATION.value, STATUS, EMPLOYED)
OUTCOMES = {
    S.INTENTION.value: Stream.INTENTION,
    S.HIRED.value: Stream.HIRE,
    S.NOT_HIRED.value: Stream.NOT_HIRED,
    S.NO_SHOW.value: Stream.NO_SHOW,
}
# the entities whose records give facts
SOURCES = frozenset(
    {
        "audit_event", "employer", "job_posting", "referral", "referral_event",
        "file_custody", "guidance_session", "consultation",
    }
)  # fmt: skip
Data = dict[str, Any]


@dataclass(frozen=True)
class FactRow:
    """One row of ``figure_fact`` (see ``models.FigureFact``)."""

    source_entity: str
    source_id: uuid.UUID
    stream: str
    market_code: str
    live: bool
    row_id: str
    at: dt.datetime
    day: dt.date
    clerk: str | None = None
    amount: int = 1
    status: str = ""
    person_id: uuid.UUID | None = None
    posting_id: uuid.UUID | None = None
    referral_id: uuid.UUID | None = None
    sex: str = ""
    birth_date: dt.date | None = None
    category: str = ""
    township: str = ""
    occupation: str = ""
    work_form: str = ""
    hardship: bool = False
    kind: str = ""

    @property
    def source(self) -> tuple[str, uuid.UUID]:
        return (self.source_entity, self.source_id)

    def as_dict(self) -> Data:
        return {name: getattr(self, name) for name in COLUMNS}


COLUMNS = tuple(FactRow.__dataclass_fields__)


def hex_of(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return uuid.UUID(value).hex
    except ValueError:
        return None


def uuid_of(value: Any) -> uuid.UUID | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def time_of(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def date_of(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) and value else None


@dataclass(frozen=True)
class Parent:
    """A record a fact depends on, as the deriving code sees it."""

    data: Data
    deleted: bool


class Lookup:
    """What a record's facts depend on, read by the caller (``store``)."""

    def __init__(
        self,
        record: Callable[[str, uuid.UUID], Parent | None],
        first_wish: Callable[[uuid.UUID], str | None],
        mistake: Callable[[uuid.UUID], bool],
    ) -> None:
        self.record, self.first_wish, self.mistake = record, first_wish, mistake


def person_subject(person: Data | None, occupation: str | None, form: str | None) -> Data:
    """The subject columns of a fact about ``person``; ``occupation`` and ``form`` are
    the posting's (a referral) or the seeker's first wish (a registration)."""
    if person is None:
        return {"occupation": occupation or "", "work_form": form or ""}
    hardships = person.get("hardships")
    return {
        "sex": person.get("sex") or "",
        "birth_date": date_of(person.get("birth_date")),
        "category": person.get("category") or "",
        "township": township_of(person.get("address") or ""),
        "occupation": occupation or "",
        "work_form": (form if form is not None else person.get("work_form")) or "",
        "hardship": bool(hardships) and hardships not in ("[]", "null"),
    }


def _fact(
    entity: str, source: uuid.UUID, stream: str, market: str, live: bool, row: str,
    at: dt.datetime, **extra: Any,
) -> FactRow:  # fmt: skip
    return FactRow(entity, source, stream, market, live, row, at, market_day(at), **extra)


def derive(
    entity: str, row_id: uuid.UUID, data: Data, deleted: bool, look: Lookup
) -> list[FactRow]:
    """The facts record (``entity``, ``row_id``) gives, live or not."""
    market = str(data.get("market_code") or "")
    clerk = hex_of(data.get("created_by"))
    alive = not deleted
    if entity == "audit_event":
        return _audit(row_id, data, market, clerk, alive, look)
    if entity == "employer":
        at = time_of(data.get("created_at"))
        if at is None:
            return []
        return [_fact(entity, row_id, Stream.EMPLOYER, market, alive, row_id.hex, at, clerk=clerk)]
    if entity == "job_posting":
        at = time_of(data.get("published_at"))
        if at is None:
            return []
        return [
            _fact(
                entity, row_id, Stream.POSTING, market, alive, row_id.hex, at, clerk=clerk,
                amount=int(data.get("headcount") or 0),
                occupation=data.get("occupation_code") or "", work_form=data.get("work_form") or "",
            )
        ]  # fmt: skip
    if entity == "referral":
        return _referral(row_id, data, market, clerk, alive, look)
    if entity == "referral_event":
        return _outcome(row_id, data, market, alive, look)
    if entity == "file_custody":
        at = time_of(data.get("received_at"))
        if at is None:
            return []
        stream = Stream.FILE_RECEIVED
        return [_fact(entity, row_id, stream, market, alive, row_id.hex, at, clerk=clerk)]
    if entity == "guidance_session":
        kind = data.get("kind") or ""
        out = []
        at = time_of(data.get("at"))
        if at is not None:
            out.append(
                _fact(entity, row_id, Stream.GUIDANCE, market, alive, row_id.hex, at,
                      clerk=clerk, kind=kind)
            )  # fmt: skip
        done = time_of(data.get("followed_up_at"))
        if done is not None:
            out.append(
                _fact(entity, row_id, Stream.FOLLOW_UP, market, alive, row_id.hex, done,
                      clerk=hex_of(data.get("updated_by")), kind=kind)
            )  # fmt: skip
        return out
    if entity == "consultation":
        at = time_of(data.get("at"))
        if at is None:
            return []
        stream = Stream.CONSULTATION
        return [_fact(entity, row_id, stream, market, alive, row_id.hex, at, clerk=clerk)]
    return []


def _audit(
    row_id: uuid.UUID, data: Data, market: str, clerk: str | None, alive: bool, look: Lookup
) -> list[FactRow]:
    action, at = data.get("action"), time_of(data.get("at"))
    person = uuid_of(data.get("entity_id"))
    if at is None or person is None or action not in (REGISTER, STATUS_ACTION):
        return []
    if action == STATUS_ACTION:
        detail = data.get("detail")
        status = str(detail.get("status") or "") if isinstance(detail, dict) else ""
        return [
            _fact("audit_event", row_id, STATUS, market, alive and bool(status), person.hex, at,
                  status=status, person_id=person)
        ]  # fmt: skip
    parent = look.record("person", person)
    live = alive and parent is not None and not parent.deleted
    subject = person_subject(
        parent.data if parent else None, look.first_wish(person) if parent else None, None
    )
    return [
        _fact("audit_event", row_id, Stream.REGISTRATION, market, live, person.hex, at,
              clerk=clerk, status=PersonStatus.SEEKING.value, person_id=person, **subject)
    ]  # fmt: skip


def _referral(
    row_id: uuid.UUID, data: Data, market: str, clerk: str | None, alive: bool, look: Lookup
) -> list[FactRow]:
    at = time_of(data.get("issued_at"))
    if at is None:
        return []
    person, posting = uuid_of(data.get("person_id")), uuid_of(data.get("posting_id"))
    p = look.record("person", person) if person else None
    j = look.record("job_posting", posting) if posting else None
    live = alive and p is not None and j is not None and not look.mistake(row_id)
    subject = _referral_subject(p, j)
    return [
        _fact("referral", row_id, Stream.REFERRAL, market, live, row_id.hex, at, clerk=clerk,
              person_id=person, posting_id=posting, referral_id=row_id, **subject)
    ]  # fmt: skip


def _referral_subject(person: Parent | None, posting: Parent | None) -> Data:
    jd = posting.data if posting else {}
    return person_subject(
        person.data if person else None, jd.get("occupation_code"), jd.get("work_form") or ""
    )


def _outcome(
    row_id: uuid.UUID, data: Data, market: str, alive: bool, look: Lookup
) -> list[FactRow]:
    at, to = time_of(data.get("at")), data.get("to_status")
    referral = uuid_of(data.get("referral_id"))
    if at is None or referral is None or to not in OUTCOMES:
        return []
    r = look.record("referral", referral)
    rd = r.data if r else {}
    person, posting = uuid_of(rd.get("person_id")), uuid_of(rd.get("posting_id"))
    p = look.record("person", person) if person else None
    j = look.record("job_posting", posting) if posting else None
    live = alive and r is not None and not r.deleted and p is not None and j is not None
    clerk = hex_of(data.get("created_by"))
    out = [
        _fact("referral_event", row_id, OUTCOMES[to], str(rd.get("market_code") or market), live,
              referral.hex, at, clerk=clerk, person_id=person, posting_id=posting,
              referral_id=referral, **_referral_subject(p, j))
    ]  # fmt: skip
    if to == S.HIRED.value and person is not None:  # the person's status: employed
        out.append(
            _fact("referral_event", row_id, EMPLOYED, market, alive, person.hex, at,
                  status=PersonStatus.EMPLOYED.value, person_id=person, referral_id=referral)
        )  # fmt: skip
    return out
