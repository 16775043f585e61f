"""The fields of every synced entity, and the checks a pushed batch must pass.

The city keeps each desk row as JSON, so it checks the JSON itself: every
payload is a full desk row (``lingong_desk.db.capture.row_payload``) whose
fields have the JSON kind of the desk's column (a test compares this table with
the desk's models). A batch that fails these checks is refused whole
(``BatchRefused``, HTTP 4xx) and changes nothing; checks of meaning (who owns
a row, the referral state machine) reject single entries instead.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from lingong_desk.domain.hlc import Stamp
from lingong_desk.sync.protocol import ENTITIES, SERVER_COLUMNS, PushRequest, not_sent

# Generous bounds against abuse, not the desk's column widths: SQLite does not
# enforce those, and one over-long note must not block a desk's queue.
MAX_STRING = 2000
MAX_TEXT = 100_000
MAX_DEPTH = 8
MAX_INT = 2**63 - 1
# ASCII only: "\d" would take Arabic-Indic and other digits too
STAMP_RE = re.compile(r"[0-9]{13}-[0-9a-f]{4,8}-[A-Za-z0-9_.:-]{1,40}", re.ASCII)
# dates a row may hold (a birth in 1900, a posting ending in 2100); outside is a typo
# or an attack, and year 9999 breaks every time zone sum
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)

# numbers people read that a desk keeps unique; unique within a market here (a
# desk holds only its own market's rows of these)
NATURAL_KEYS = {"referral": "number", "file_custody": "file_number"}

COMMON = (
    "id:uuid market_code:str created_at:dt updated_at:dt created_by:uuid? "
    "updated_by:uuid? hlc:str deleted_at:dt?"
)
SPECS = {
    "person": """id_number:str name:str sex:str birth_date:date native_region_code:str
        native_place:str phone:str address:str district_code:str hukou_type:str?
        hukou_address:str education:str? category:str? hardships:list work_form:str?
        pay_min:money? pay_max:money? pay_unit:str available_from:date?
        availability_note:str skills:text certificates:text status:str note:text
        registered_at:dt last_active_at:dt search_pinyin:str search_initials:str
        phone_rev:str id_number_rev:str""",
    "person_occupation": "person_id:uuid occupation_code:str rank:int",
    "employer": """kind:str name:str credit_code:str? owner_id_number:str? contact_name:str
        contact_phone:str address:str district_code:str industry:str status:str note:text
        search_pinyin:str search_initials:str""",
    "job_posting": """employer_id:uuid title:str occupation_code:str headcount:int
        headcount_filled:int pay_min:money? pay_max:money? pay_unit:str work_form:str
        work_address:str district_code:str start_date:date? end_date:date? age_min:int?
        age_max:int? sex:str skill_requirements:text meals:bool lodging:bool
        work_hours:str? bring:str? description:text contact_phone:str status:str published_at:dt search_pinyin:str
        search_initials:str""",
    "referral": """number:str person_id:uuid posting_id:uuid employer_id:uuid status:str
        issued_at:dt valid_until:date intention_at:dt? closed_at:dt? outcome_reason:str
        note:text print_count:int last_printed_at:dt?""",
    "referral_event": "referral_id:uuid from_status:str? to_status:str at:dt reason:str",
    "file_custody": """person_id:uuid file_number:str shelf_location:str received_at:dt
        received_from:str checklist:list status:str note:text""",
    "file_movement": """custody_id:uuid kind:str at:dt counterparty:str due_date:date?
        method:str tracking_number:str note:text""",
    "guidance_session": """person_id:uuid kind:str at:dt notes:text recommendation:text
        follow_up_on:date? followed_up_at:dt? follow_up_note:text""",
    "consultation": """at:dt channel:str topic:str question:text answer:text resolved:bool
        passed_to_window:str? person_id:uuid? caller_name:str caller_phone:str""",
    "knowledge_article": "title:str body:text tags:str search_pinyin:str search_initials:str",
    "clerk": "name:str role:str active:bool last_login_at:dt?",
    "audit_event": "at:dt action:str entity:str entity_id:uuid? detail:dict",
}


def _fields(spec: str) -> dict[str, tuple[str, bool]]:
    out = {}
    for item in (COMMON + " " + spec).split():
        name, kind = item.split(":")
        out[name] = (kind.rstrip("?"), kind.endswith("?"))
    return out


# entity -> field -> (kind, nullable)
FIELDS: dict[str, dict[str, tuple[str, bool]]] = {e: _fields(s) for e, s in SPECS.items()}
assert set(FIELDS) == ENTITIES


class BatchRefused(ValueError):
    """The whole request is refused with an HTTP status and a reason; nothing changes."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


SURROGATE = re.compile("[\ud800-\udfff]")


def _no_nul(text: str, where: str) -> None:
    if "\x00" in text:  # PostgreSQL cannot store NUL in text or JSONB
        raise BatchRefused(422, f"{where} contains a NUL character")
    if SURROGATE.search(text):  # JSON may escape half a character; UTF-8 cannot hold it
        raise BatchRefused(422, f"{where} contains an unpaired surrogate")


def _json_value(value: Any, where: str, depth: int = 0) -> None:
    """Free JSON (an audit event's detail): bounded depth, finite numbers, no NUL."""
    if depth > MAX_DEPTH:
        raise BatchRefused(422, f"{where} is nested too deeply")
    if isinstance(value, str):
        _no_nul(value, where)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if abs(value) > MAX_INT:
            raise BatchRefused(422, f"{where} holds a number out of range")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise BatchRefused(422, f"{where} holds a number that is not finite")
    elif isinstance(value, list):
        for item in value:
            _json_value(item, where, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key, where)
            _json_value(item, where, depth + 1)
    else:  # pragma: no cover - json.loads makes nothing else
        raise BatchRefused(422, f"{where} is not JSON")


def _check_value(kind: str, value: Any, where: str) -> None:
    ok = True
    if kind in ("str", "text"):
        limit = MAX_STRING if kind == "str" else MAX_TEXT
        ok = isinstance(value, str) and len(value) <= limit
        if ok:
            _no_nul(value, where)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_INT
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "uuid":
        ok = isinstance(value, str) and _parses(uuid.UUID, value)
    elif kind == "date":
        ok = isinstance(value, str) and len(value) == 10 and value.isascii()
        ok = ok and _parses(dt.date.fromisoformat, value)
        ok = ok and FIRST_DAY <= dt.date.fromisoformat(value) <= LAST_DAY
    elif kind == "dt":
        moment = parse_time(value) if isinstance(value, str) and len(value) <= 40 else None
        ok = moment is not None and FIRST_DAY <= moment.date() <= LAST_DAY
    elif kind == "money":
        ok = isinstance(value, str) and len(value) <= 24 and _money(value)
    elif kind == "list":
        ok = (
            isinstance(value, list)
            and len(value) <= 100
            and all(isinstance(v, str) and len(v) <= MAX_STRING for v in value)
        )
        if ok:
            _json_value(value, where)
    elif kind == "dict":
        ok = isinstance(value, dict)
        if ok:
            _json_value(value, where)
    if not ok:
        raise BatchRefused(422, f"{where} must be {KIND_TEXT[kind]}")


KIND_TEXT = {
    "str": f"a string of at most {MAX_STRING} characters",
    "text": f"a string of at most {MAX_TEXT} characters",
    "int": "an integer",
    "bool": "true or false",
    "uuid": "a UUID string",
    "date": f"a date (YYYY-MM-DD) from {FIRST_DAY} to {LAST_DAY}",
    "dt": f"a date and time with its UTC offset (ISO 8601), from {FIRST_DAY} to {LAST_DAY}",
    "money": "a decimal string",
    "list": "a list of strings",
    "dict": "a JSON object",
}


def _parses(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _money(value: str) -> bool:
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return False
    return amount.is_finite() and abs(amount) < Decimal(10) ** 12


def parse_time(value: str) -> dt.datetime | None:
    """An aware ISO 8601 time in UTC, or None when it is not one."""
    if not value.isascii():  # fromisoformat takes other scripts' digits
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is None:
            return None
        return moment.astimezone(dt.UTC)
    except (ValueError, OverflowError):  # year 9999 at UTC-5 is beyond year 9999 in UTC
        return None


def parse_stamp(text: str) -> Stamp | None:
    if not STAMP_RE.fullmatch(text):
        return None
    return Stamp.decode(text)


def complete_row(entity: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A new row with the fields it left out (its empty ones) as null; what is never
    sent stays out."""
    skip = not_sent(entity)
    return {**{n: None for n in FIELDS[entity] if n not in skip}, **payload}


def check_batch(request: PushRequest) -> None:
    """Refuse a batch whose payloads are not rows of their entity (``BatchRefused``)."""
    for entry in request.entries:
        at = f"entry seq {entry.seq} ({entry.entity})"
        if entry.seq > MAX_INT:
            raise BatchRefused(422, f"{at}: seq is out of range")
        if parse_stamp(entry.hlc) is None:
            raise BatchRefused(422, f"{at}: hlc is not a clock stamp")
        fields = FIELDS[entry.entity]
        unknown = sorted(set(entry.changed) - set(fields))
        if unknown:
            raise BatchRefused(422, f"{at}: changed names unknown fields {unknown}")
        payload = {k: v for k, v in entry.payload.items() if k not in SERVER_COLUMNS}
        unknown = sorted(set(payload) - set(fields))
        if unknown:
            raise BatchRefused(422, f"{at}: payload has unknown fields {unknown[:5]}")
        derived = not_sent(entry.entity)
        if entry.op == "insert":
            # a new row whole; its empty fields may stay out (they are null)
            missing = sorted(
                n for n, (_kind, nullable) in fields.items()
                if n not in payload and n not in derived and not nullable
            )  # fmt: skip
            if missing:
                raise BatchRefused(422, f"{at}: payload lacks fields {missing[:5]}")
        else:
            absent = sorted(set(entry.changed) - set(payload) - derived)
            if absent:
                raise BatchRefused(422, f"{at}: changed fields {absent[:5]} are not in the payload")
        for name, (kind, nullable) in fields.items():
            if name not in payload:
                continue
            value = payload[name]
            if value is None:
                if not nullable:
                    raise BatchRefused(422, f"{at}: payload.{name} must not be null")
                continue
            _check_value(kind, value, f"{at}: payload.{name}")
