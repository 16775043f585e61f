"""Page 3, desks: every desk with what it reported; enrolment codes (text, QR code,
printable A4 sheet); revoking a desk."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_city import devices, keys
from lingong_city.console.desk_view import desk_rows
from lingong_city.console.i18n import N_
from lingong_city.console.sheet import EnrolmentSheet, qr_payload, qr_svg, render_sheet
from lingong_city.console.web import (
    PREFIX,
    Admin,
    Anyone,
    Forbidden,
    audit,
    console,
    db_session,
    gettext_for,
    render,
)
from lingong_city.models import EnrollmentCode, Market

router = APIRouter()
VALID_HOURS = (24, 72, 168)


def _markets(s: Session) -> list[Market]:
    return list(s.scalars(select(Market).order_by(Market.code)))


@router.get("/desks")
def desk_list(
    request: Request, user: Anyone, s: Annotated[Session, Depends(db_session)]
) -> HTMLResponse:
    now = console(request).clock()
    return render(
        request,
        "desks.html",
        desks=desk_rows(s, now),
        markets=_markets(s),
        valid_hours=VALID_HOURS,
        chosen=request.query_params.get("market", ""),
        error="",
    )


def server_url(request: Request) -> str:
    """The address desks reach this city at (``public_url`` when configured)."""
    configured = console(request).extra.get("public_url")
    if configured:
        return str(configured).rstrip("/")
    return str(request.base_url).rstrip("/").removesuffix(PREFIX)


def fingerprint(request: Request) -> str:
    certfile = console(request).extra.get("certfile")
    if not certfile:
        return ""
    return keys.fingerprint(certfile)


@router.post("/desks/codes")
def new_code(
    request: Request,
    user: Admin,
    market: Annotated[str, Form(max_length=20)] = "",
    desk_number: Annotated[str, Form(max_length=2)] = "",
    valid_hours: Annotated[int, Form()] = 72,
) -> Response:
    c = console(request)
    _ = gettext_for(request)
    number = int(desk_number) if desk_number.isdigit() else None
    hours = valid_hours if valid_hours in VALID_HOURS else 72
    try:
        with c.db.writing() as s:
            code = devices.new_enrollment_code(
                s, market, c.clock(), number, dt.timedelta(hours=hours)
            )
            row = s.get(EnrollmentCode, keys.code_hash(code))
            assert row is not None
            audit(
                request,
                user,
                "enrolment_code",
                {"market": market, "desk_number": number, "valid_hours": hours},
                session=s,
            )
            target = s.get(Market, market)
            assert target is not None
            expires = row.expires_at
    except ValueError as exc:
        with c.db.reading() as s:
            return render(
                request,
                "desks.html",
                status_code=422,
                desks=desk_rows(s, c.clock()),
                markets=_markets(s),
                valid_hours=VALID_HOURS,
                chosen=market,
                error=_("The code could not be made: {reason}").format(reason=str(exc)),
            )
    url, pin = server_url(request), fingerprint(request)
    return render(
        request,
        "enrolment_code.html",
        code=code,
        market=target,
        desk_number=number,
        expires=expires,
        server_url=url,
        fingerprint=pin,
        qr=qr_svg(qr_payload(url, code, pin)),
    )


@router.post("/desks/codes/sheet")
def code_sheet(
    request: Request,
    user: Admin,
    code: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """The A4 sheet of a code that may still be used (the code comes back from the page
    that showed it: the city keeps only its hash)."""
    c = console(request)
    _ = gettext_for(request)
    with c.db.reading() as s:
        try:
            row = devices.check_code(s, code.strip(), c.clock())
        except devices.EnrollRefused:
            raise Forbidden(N_("This code cannot be used any more; make a new one.")) from None
        market = s.get(Market, row.market_code)
        assert market is not None
    desk = (
        _("Desk {number}").format(number=row.desk_number)
        if row.desk_number
        else _("The next free desk number")
    )
    sheet = EnrolmentSheet(
        title=_("Enrolment of a desk"),
        market=f"{market.name} ({market.code})",
        desk=desk,
        server_url=server_url(request),
        code=code.strip(),
        fingerprint=fingerprint(request),
        expires=f"{row.expires_at:%Y-%m-%d %H:%M} UTC",
        labels={
            "market": _("Market"),
            "desk": _("Desk"),
            "server": _("City server"),
            "code": _("One-time code"),
            "fingerprint": _("Certificate fingerprint (SHA-256)"),
            "expires": _("Valid until"),
            "printed": _("Printed"),
        },
        steps=(
            _("In LingGong Desk, open the sync settings and enrol this desk."),
            _("Enter the city server's address, the one-time code and the fingerprint."),
            _("The code works once. Keep this sheet away from others until then."),
        ),
    )
    pdf = render_sheet(sheet, c.clock())
    audit(request, user, "enrolment_sheet", {"market": market.code})
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="enrolment-{market.code}.pdf"'},
    )


@router.post("/desks/{device_id}/revoke")
def revoke(
    request: Request,
    device_id: uuid.UUID,
    user: Admin,
    reason: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    c = console(request)
    with c.db.writing() as s:
        try:
            device = devices.revoke(s, device_id, c.clock(), reason)
        except ValueError:
            _ = gettext_for(request)
            return render(
                request,
                "error.html",
                status_code=404,
                title=_("Not found"),
                message=_("There is no such desk."),
            )
        audit(
            request,
            user,
            "desk_revoke",
            {
                "device": str(device.id),
                "market": device.market_code,
                "desk_number": device.desk_number,
                "reason": device.revoked_reason,
            },
            session=s,
        )
    return RedirectResponse(f"{PREFIX}/desks", status_code=303)
