"""Who may write what: the rules an entry must pass, and what it changes.

Raised ``Refused`` rejects one entry (the rest of the batch goes on). See the
docstring of ``ingest`` for the rules in brief.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select

from lingong_city.batch import Batch
from lingong_city.merge import Merge, merge_row, new_row, written_fields
from lingong_city.models import Conflict, PostingHire, Record
from lingong_city.outcomes import (
    IDENTITY_MISMATCH,
    IDENTITY_REFUSED,
    NOT_REGISTERED,
    Outcome,
    Refused,
    check_id_number,
    merge_reason,
    name_as_written,
)
from lingong_city.schema import NATURAL_KEYS
from lingong_desk.domain import referral as referral_rules
from lingong_desk.domain.enums import PostingStatus, ReferralStatus
from lingong_desk.domain.ids import person_id as person_key
from lingong_desk.domain.ids import person_occupation_id
from lingong_desk.domain.postings import count_hire
from lingong_desk.sync.protocol import CITY_DERIVED, IDENTITY_FIELDS, MISSING_PARENT, SHARED, Entry

APPEND_ONLY = frozenset({"audit_event", "referral_event"})


class Rules:
    def __init__(self, batch: Batch) -> None:
        self.b = batch

    @property
    def market(self) -> str:
        return self.b.device.market_code

    def apply(self, entry: Entry, payload: dict[str, Any], stamp: str) -> Outcome:
        if entry.entity in SHARED:
            return self.shared(entry, payload, stamp)
        return self.owned(entry, payload, stamp)

    def resend(self, entity: str, row_id: str) -> None:
        """The city's current row goes to the pushing device's market again (when that
        market may see it): the desk's answer was not "taken as sent"."""
        rec = self.b.record(entity, row_id)
        if rec is not None and self.b.fanout.may_see(rec, self.market):
            self.b.fanout.add(self.market, rec.entity, rec.row_id)

    # ---- least access: a market refers only to people it registered ----------
    def linked(self, person: uuid.UUID) -> bool:
        return self.market in self.b.fanout.person_markets(person)

    def require_person(self, person: Any) -> uuid.UUID:
        """The person a row refers to, when this market registered them; otherwise the
        same refusal whether or not the person exists anywhere (no probing)."""
        try:
            pid = uuid.UUID(str(person))
        except ValueError:
            raise Refused(NOT_REGISTERED.format(person=person), MISSING_PARENT) from None
        if not self.linked(pid):
            raise Refused(NOT_REGISTERED.format(person=pid), MISSING_PARENT)
        return pid

    def _link(self, person: uuid.UUID, payload: dict[str, Any]) -> None:
        clerk = payload.get("updated_by") or payload.get("created_by")
        self.b.fanout.link_person(
            person,
            self.market,
            device_id=self.b.device.id,
            clerk_id=uuid.UUID(clerk) if isinstance(clerk, str) else None,
        )

    # ---- shared rows: a person and the job types they want -----------------
    def shared(self, entry: Entry, payload: dict[str, Any], stamp: str) -> Outcome:
        if entry.entity == "person":
            return self.person(entry, payload, stamp)
        b, market = self.b, self.market
        rec = b.record(entry.entity, entry.row_id)
        named = payload.get("person_id") or (rec.data.get("person_id") if rec else None)
        person = self.require_person(named)
        view = _view(entry, payload, rec)
        if rec is None:
            self._check_shared_key(entry, payload)
            m = new_row(dict(payload, market_code=market), stamp)
            rec = b.create(entry.entity, entry.row_id, market, m.data, m.stamps)
            b.fanout.record_changed(rec)
            return Outcome()
        if view["person_id"] != rec.data["person_id"] or str(person) != rec.data["person_id"]:
            raise Refused("a wanted job type cannot move to another person")
        written = written_fields(entry.op, entry.changed, payload)
        m = merge_row(rec.data, rec.field_stamps, payload, written, stamp)
        self._save(rec, m)
        return Outcome(m.kept, False, merge_reason(m))

    def person(self, entry: Entry, payload: dict[str, Any], stamp: str) -> Outcome:
        """A registration links the market to the person: a new person, or one the
        city holds under the same name (a clerk who corrects a mistyped name
        registers them then). Any other write needs that link first."""
        b, market = self.b, self.market
        pid = uuid.UUID(entry.row_id)
        if "id_number" in payload:
            check_id_number(payload["id_number"])
        if not self.linked(pid):
            # a registration names the person: the key (UUIDv5 of the ID number) and
            # the name on the card; a new person is a whole row
            rec = b.record("person", pid)
            if "name" not in payload or (rec is None and entry.op != "insert"):
                raise Refused(NOT_REGISTERED.format(person=pid), MISSING_PARENT)
            if "id_number" in payload:
                self._check_shared_key(entry, payload)
            if rec is not None and name_as_written(rec.data.get("name")) != name_as_written(
                payload["name"]
            ):
                self._conflict(rec, "name", rec.data.get("name"), payload["name"], entry.hlc)
                raise Refused(IDENTITY_REFUSED, IDENTITY_MISMATCH, conflict=True)
            self._link(pid, payload)
        rec = b.record("person", pid)
        if rec is None:
            m = new_row(dict(_view(entry, payload, None), market_code=market), stamp)
            rec = b.create("person", entry.row_id, market, m.data, m.stamps)
            b.fanout.record_changed(rec)
            return Outcome()
        identity = IDENTITY_FIELDS
        written = written_fields(entry.op, entry.changed, payload)
        m = merge_row(rec.data, rec.field_stamps, payload, written, stamp, identity)
        self._save(rec, m)
        for name, held, incoming in m.conflicts:
            self._conflict(rec, name, held, incoming, entry.hlc)
        return Outcome(m.kept, bool(m.conflicts), merge_reason(m))

    @staticmethod
    def _check_shared_key(entry: Entry, payload: dict[str, Any]) -> None:
        if entry.entity == "person":
            if str(person_key(payload["id_number"])) != entry.row_id:
                raise Refused("a person's key must be the UUIDv5 of their ID number")
        else:
            expected = person_occupation_id(
                uuid.UUID(payload["person_id"]), payload["occupation_code"]
            )
            if str(expected) != entry.row_id:
                raise Refused(
                    "a wanted job type's key must be the UUIDv5 of its person and occupation code"
                )

    def _conflict(self, rec: Record, name: str, held: Any, incoming: Any, hlc: str) -> None:
        session = self.b.session
        open_items = session.scalars(
            select(Conflict).where(
                Conflict.entity == rec.entity,
                Conflict.row_id == rec.row_id,
                Conflict.field == name,
                Conflict.resolved_at.is_(None),
            )
        )
        if any(c.incoming_value == incoming for c in open_items):
            return  # the same disagreement is already waiting for a supervisor
        session.add(
            Conflict(
                entity=rec.entity,
                row_id=rec.row_id,
                field=name,
                city_value=held,
                incoming_value=incoming,
                device_id=self.b.device.id,
                market_code=self.market,
                hlc=hlc,
                created_at=self.b.now,
            )
        )

    # ---- owned rows: one market writes them ----------------------------------
    def owned(self, entry: Entry, payload: dict[str, Any], stamp: str) -> Outcome:
        b, market, entity = self.b, self.market, entry.entity
        rec = b.record(entity, entry.row_id)
        view = _view(entry, payload, rec)
        if view["market_code"] != market:
            raise Refused(
                f"another market's row: its market_code is {view['market_code']!r}, "
                f"this desk belongs to {market}"
            )
        if rec is not None and rec.market_code != market:
            raise Refused(f"another market's row: this {entity} belongs to {rec.market_code}")
        if entity in APPEND_ONLY:
            if entry.op != "insert":
                raise Refused(f"{entity} rows are append-only: only inserts are accepted")
            if rec is not None:
                if _same_row(rec.data, payload):
                    return Outcome()
                raise Refused(f"this {entity} exists already with other content (append-only)")
        self._check_references(entity, view)
        self._check_natural_key(entity, entry.row_id, view, rec)
        if rec is None:
            initial = referral_rules.INITIAL_STATUS.value
            if entity == "referral" and payload["status"] != initial:
                raise Refused(f"a new referral must be {initial}, not {payload['status']!r}")
            # a new row's derived counts start at nothing counted: the city counts them
            payload = {**payload, **dict.fromkeys(CITY_DERIVED.get(entity, ()), 0)}
            m = new_row(payload, stamp)
            self._link_parents(entity, payload)
            rec = b.create(entity, entry.row_id, market, m.data, m.stamps)
            self._publish(rec)
            b.fanout.record_changed(rec)
            return Outcome()
        written = written_fields(entry.op, entry.changed, payload)
        m = merge_row(rec.data, rec.field_stamps, payload, written, stamp)
        if entity == "referral":
            before, after = rec.data["status"], m.data["status"]
            if before != after:
                try:
                    referral_rules.path(before, after)
                except ValueError as exc:  # IllegalTransition, or an unknown status
                    raise Refused(
                        f"illegal referral status change {before} -> {after}: {exc}"
                    ) from None
                if after == ReferralStatus.HIRED:
                    self._count_hire(entry.row_id, m.data, stamp)
        self._link_parents(entity, m.data)
        self._save(rec, m)
        return Outcome(m.kept, False, merge_reason(m))

    def _count_hire(self, referral_id: str, referral: dict[str, Any], stamp: str) -> None:
        """A hire, whichever market made it, counts once per person on a posting
        (``PostingHire``): the posting's filled count is its hired people, and a
        full open posting closes. The count is the city's (``CITY_DERIVED``); every
        market that sees the posting learns it by pull, and its owner which
        market's referrals filled it."""
        posting = self.b.record("job_posting", referral["posting_id"])
        if posting is None:
            return
        session, person = self.b.session, uuid.UUID(referral["person_id"])
        if session.get(PostingHire, (posting.row_id, person)) is not None:
            return  # this person's hire on this posting is counted already
        session.add(
            PostingHire(
                posting_id=posting.row_id,
                person_id=person,
                referral_id=uuid.UUID(referral_id),
                market_code=self.market,
                hired_at=self.b.now,
            )
        )
        hired = session.scalar(select(func.count()).where(PostingHire.posting_id == posting.row_id))
        data = dict(posting.data)
        status = str(data.get("status") or "")
        after = count_hire(status, int(data["headcount"]), int(hired or 1) - 1)
        data["headcount_filled"] = after.filled
        stamps = {**posting.field_stamps, "headcount_filled": stamp}
        if after.status != status:
            data["status"] = after.status
            stamps["status"] = stamp
        self.b.store(posting, data, stamps)
        self.b.fanout.record_changed(posting)

    def _check_natural_key(
        self, entity: str, row_id: str, payload: dict[str, Any], rec: Record | None
    ) -> None:
        """A referral or file number is not used by another row of the market."""
        name = NATURAL_KEYS.get(entity)
        if name is None or (rec is not None and rec.data.get(name) == payload[name]):
            return
        other = self.b.session.scalar(
            select(Record.row_id).where(
                Record.entity == entity,
                Record.market_code == self.market,
                Record.natural_key == str(payload[name])[:64],
                Record.row_id != uuid.UUID(row_id),
            )
        )
        if other is not None:
            raise Refused(
                f"{name.replace('_', ' ')} {payload[name]} is already used by another "
                f"{entity.replace('_', ' ')} ({other}); do two desks share a desk number?"
            )

    def _require(self, entity: str, row_id: Any, what: str) -> Record:
        rec = self.b.record(entity, row_id)
        if rec is None:
            raise Refused(f"unknown {what} {row_id}: it must reach the city first", MISSING_PARENT)
        return rec

    def _check_references(self, entity: str, p: dict[str, Any]) -> None:
        if entity in ("referral", "file_custody", "guidance_session") or (
            entity == "consultation" and p["person_id"] is not None
        ):
            self.require_person(p["person_id"])
        if entity == "job_posting":
            self._require("employer", p["employer_id"], "employer")
        elif entity == "referral":
            posting = self._require("job_posting", p["posting_id"], "posting")
            self._require("employer", p["employer_id"], "employer")
            if posting.data.get("employer_id") != p["employer_id"]:
                raise Refused("the referral's employer is not the employer of its posting")
        elif entity in ("referral_event", "file_movement"):
            parent_entity, key = (
                ("referral", "referral_id")
                if entity == "referral_event"
                else ("file_custody", "custody_id")
            )
            parent = self._require(parent_entity, p[key], parent_entity.replace("_", " "))
            if parent.market_code != self.market:
                raise Refused(
                    f"another market's row: the {parent_entity} belongs to {parent.market_code}"
                )

    def _link_parents(self, entity: str, data: dict[str, Any]) -> None:
        """Link this market to the postings and employers of other markets its row
        refers to (before the row itself). People are linked only by registering."""
        if entity == "referral":
            posting = self.b.record("job_posting", data["posting_id"])
            if posting is not None and posting.market_code != self.market:
                self._link_record("employer", posting.data.get("employer_id"))
                self._link_record("job_posting", posting.row_id)
        elif entity == "job_posting":
            self._link_record("employer", data["employer_id"])

    def _link_record(self, entity: str, row_id: Any) -> None:
        rec = self.b.record(entity, row_id)
        if rec is not None and rec.market_code != self.market:
            self.b.fanout.link_record(entity, rec.row_id, self.market)

    def _publish(self, rec: Record) -> None:
        """An open posting goes city-wide with its employer (decided at the end of the batch)."""
        if rec.entity == "job_posting" and not rec.public:
            self.b.postings.append(rec)

    def publish_open_postings(self) -> None:
        """Postings still open after the whole batch go to every market, employer first.

        A posting opened and closed within one batch stays with its market.
        """
        for rec in self.b.postings:
            if (
                rec.public
                or rec.data.get("status") != PostingStatus.OPEN
                or rec.data.get("deleted_at")
            ):
                continue
            employer = self.b.record("employer", rec.data["employer_id"])
            if employer is not None:
                self.b.fanout.make_public(employer, rec)

    def _save(self, rec: Record, m: Merge) -> None:
        if m.changed or m.stamps != rec.field_stamps:
            self.b.store(rec, m.data if m.changed else dict(rec.data), m.stamps)
        if m.changed:
            self._publish(rec)
            self.b.fanout.record_changed(rec)


def _view(entry: Entry, payload: dict[str, Any], rec: Record | None) -> dict[str, Any]:
    """The row as the entry would leave it: an update carries only its changed fields,
    the rest is the city's. An update of a row the city never had is refused."""
    if entry.op == "insert":
        return payload
    if rec is None:
        raise Refused(
            f"unknown {entry.entity.replace('_', ' ')} {entry.row_id}: its first version "
            "never reached the city",
            MISSING_PARENT,
        )
    return {**rec.data, **payload}


def _same_row(held: dict[str, Any], incoming: dict[str, Any]) -> bool:
    skip = {"hlc"}
    return {k: v for k, v in held.items() if k not in skip} == {
        k: v for k, v in incoming.items() if k not in skip
    }
