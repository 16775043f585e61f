"""Page 4, conflicts: identity fields two markets disagree on, settled by an admin.

The page shows the two values side by side (the admin has to see them to decide)
with the ID number masked; settling is ``lingong_city.conflicts.settle``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_city import conflicts
from lingong_city.console.i18n import N_
from lingong_city.console.web import (
    PREFIX,
    Admin,
    audit,
    console,
    db_session,
    gettext_for,
    render,
)
from lingong_city.models import Conflict, Market, Record
from lingong_desk.domain.masking import mask_id_number

router = APIRouter()
FIELD_LABELS = {
    "name": N_("Name"),
    "id_number": N_("ID number"),
    "birth_date": N_("Birth date"),
    "sex": N_("Sex"),
}

# the reasons of conflicts.CannotSettle, for the catalogue
REASONS = (
    N_("There is no such conflict item."),
    N_("This conflict item was settled already."),
    N_("Choose the right value, or mark the ID number as wrong."),
    N_("Choose which of the two values is right."),
    N_("The record of this conflict item is not at the city."),
)


@dataclass(frozen=True)
class ConflictRow:
    item: Conflict
    id_number: str  # masked
    owner: str  # the market that registered the person first
    reporter: str  # the market whose desk sent the other value


def _shown(field: str, value: Any) -> str:
    if value is None:
        return "—"
    if field == "id_number":
        return mask_id_number(str(value))
    return str(value)


@router.get("/conflicts")
def conflict_list(
    request: Request, user: Admin, s: Annotated[Session, Depends(db_session)]
) -> HTMLResponse:
    items = conflicts.open_items(s)
    names = dict(s.execute(select(Market.code, Market.name)).all())
    records = {
        (r.entity, r.row_id): r
        for r in s.scalars(
            select(Record).where(Record.row_id.in_([i.row_id for i in items] or [None]))
        )
    }
    rows = []
    for item in items:
        rec = records.get((item.entity, item.row_id))
        number = str(rec.data.get("id_number") or "") if rec is not None else ""
        owner = rec.market_code if rec is not None else ""
        rows.append(
            ConflictRow(
                item,
                mask_id_number(number) if number else "—",
                f"{names.get(owner, owner)} ({owner})" if owner else "—",
                f"{names.get(item.market_code, item.market_code)} ({item.market_code})",
            )
        )
    return render(
        request,
        "conflicts.html",
        rows=rows,
        field_labels=FIELD_LABELS,
        shown=_shown,
        error=request.query_params.get("error", ""),
    )


@router.post("/conflicts/{conflict_id}/settle")
def settle(
    request: Request,
    conflict_id: int,
    user: Admin,
    resolution: Annotated[str, Form(max_length=20)] = "",
    choice: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    c = console(request)
    try:
        with c.db.writing() as s:
            item = conflicts.settle(s, conflict_id, resolution, choice, user.name, c.clock())
            audit(
                request,
                user,
                "conflict_settle",
                {
                    "conflict": item.id,
                    "entity": item.entity,
                    "row_id": str(item.row_id),
                    "field": item.field,
                    "resolution": resolution,
                    "choice": choice if resolution == "value" else "",
                    "market": item.market_code,
                },
                session=s,
            )
    except conflicts.CannotSettle as exc:
        _ = gettext_for(request)
        return render(
            request,
            "error.html",
            status_code=409,
            title=_("Not settled"),
            message=_(str(exc)),
        )
    return RedirectResponse(f"{PREFIX}/conflicts", status_code=303)
