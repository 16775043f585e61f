"""Looking a person up by ID number: admins only, with a reason, recorded.

The only console page with personal data. Each look-up is written to
``person_lookup`` (shown by ``lingong-city person-access`` beside the markets
that registered the person) and to the staff audit, whether anything was found.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from lingong_city.console.i18n import N_
from lingong_city.console.web import (
    Admin,
    audit,
    client_address,
    console,
    gettext_for,
    render,
)
from lingong_city.models import Market, PersonLink, PersonLookup, Record
from lingong_desk.domain.identifiers import is_valid_resident_id, normalise_resident_id
from lingong_desk.domain.ids import person_id as person_key

router = APIRouter()
MIN_REASON = 4


@dataclass(frozen=True)
class Registration:
    market: str
    linked_at: Any
    registered: Record | None  # the person row (the city holds one per person)
    files: int  # rows about the person this market owns (referrals, files, guidance...)


@router.get("/people")
def people_page(request: Request, user: Admin) -> HTMLResponse:
    return render(request, "people.html", errors={}, id_number="", reason="", found=None)


def _problems(id_number: str, reason: str) -> dict[str, str]:
    errors = {}
    if not is_valid_resident_id(id_number):
        errors["id_number"] = N_("This is not a valid resident ID number (GB 11643).")
    if len(reason.strip()) < MIN_REASON:
        errors["reason"] = N_("Say why you look this person up (at least 4 characters).")
    return errors


@router.post("/people")
def look_up(
    request: Request,
    user: Admin,
    id_number: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    c = console(request)
    _ = gettext_for(request)
    id_number, reason = id_number.strip().upper(), reason.strip()
    errors = _problems(id_number, reason)
    if errors:
        return render(
            request,
            "people.html",
            status_code=422,
            errors={k: _(v) for k, v in errors.items()},
            id_number=id_number,
            reason=reason,
            found=None,
        )
    pid: uuid.UUID = person_key(normalise_resident_id(id_number))
    now = c.clock()
    with c.db.writing() as s:
        s.add(
            PersonLookup(
                person_id=pid,
                at=now,
                user_name=user.name,
                reason=reason,
                address=client_address(request)[:64],
            )
        )
        audit(request, user, "person_lookup", {"person": str(pid), "reason": reason}, session=s)
        person = s.get(Record, ("person", pid))
        names = dict(s.execute(select(Market.code, Market.name)).all())
        links = list(
            s.scalars(
                select(PersonLink).where(PersonLink.person_id == pid).order_by(PersonLink.linked_at)
            )
        )
        owned: dict[str, int] = {}
        for (market,) in s.execute(
            select(Record.market_code).where(Record.person_id == pid, Record.entity != "person")
        ):
            owned[market] = owned.get(market, 0) + 1
    rows = [
        Registration(
            f"{names.get(link.market_code, link.market_code)} ({link.market_code})",
            link.linked_at,
            person,
            owned.get(link.market_code, 0),
        )
        for link in links
    ]
    return render(
        request,
        "people.html",
        errors={},
        id_number=id_number,
        reason="",
        found={"person": person.data if person is not None else None, "rows": rows},
    )
