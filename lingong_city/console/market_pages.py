"""Page 2, markets: the list, adding and editing one, a market's page with its desks.

A market's page includes ``market_figures.html`` (the market's figures, filled
by the figures pages) with ``market`` and ``period`` in its context.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_city import devices
from lingong_city.console.desk_view import desk_rows
from lingong_city.console.i18n import N_
from lingong_city.console.web import (
    PREFIX,
    Admin,
    Anyone,
    audit,
    console,
    db_session,
    gettext_for,
    render,
)
from lingong_city.models import Market, StaffUser
from lingong_desk.domain.identifiers import region_name

router = APIRouter()


@dataclass
class MarketForm:
    code: str = ""
    name: str = ""
    region_code: str = ""
    address: str = ""
    phone: str = ""

    def problems(self, creating: bool) -> dict[str, str]:
        """English messages by field (translated when shown)."""
        out: dict[str, str] = {}
        if creating and not devices.MARKET_CODE_RE.fullmatch(self.code):
            out["code"] = N_("A market code is 2 to 6 capital letters, e.g. ZY.")
        if not self.name.strip():
            out["name"] = N_("Enter the market's name.")
        elif len(self.name.strip()) > 100:
            out["name"] = N_("At most 100 characters.")
        if not self.region_code:
            out["region_code"] = N_("Enter the 6-digit region code (GB/T 2260), e.g. 140226.")
        elif region_name(self.region_code) is None:
            out["region_code"] = N_("This is not a region code of GB/T 2260.")
        if len(self.address.strip()) > 200:
            out["address"] = N_("At most 200 characters.")
        phone = self.phone.strip()
        if len(phone) > 20 or any(ch not in "0123456789-+ ()" for ch in phone):
            out["phone"] = N_("A phone number of digits (and - + ( )), at most 20.")
        return out


def _form(code: str, name: str, region_code: str, address: str, phone: str) -> MarketForm:
    return MarketForm(
        code.strip().upper(), name.strip(), region_code.strip(), address.strip(), phone.strip()
    )


@router.get("/markets")
def market_list(
    request: Request, user: Anyone, s: Annotated[Session, Depends(db_session)]
) -> HTMLResponse:
    activity = devices.desk_activity(s)
    markets = list(s.scalars(select(Market).order_by(Market.code)))
    rows = [
        (m, region_name(m.region_code) or "", activity.get(m.code, devices.DeskActivity()).desks)
        for m in markets
    ]
    return render(request, "markets.html", rows=rows)


@router.get("/markets/new")
def new_market(request: Request, user: Admin) -> HTMLResponse:
    return render(request, "market_form.html", form=MarketForm(), errors={}, creating=True)


def _save(request: Request, user: StaffUser, form: MarketForm, creating: bool) -> Response:
    errors = form.problems(creating)
    c = console(request)
    if not errors:
        with c.db.writing() as s:
            exists = s.get(Market, form.code) is not None
            if creating and exists:
                errors["code"] = N_("There is a market with this code already.")
            elif not creating and not exists:
                errors["code"] = N_("There is no such market.")
            else:
                devices.add_market(
                    s, form.code, form.name, c.clock(), form.region_code, form.phone, form.address
                )
                audit(
                    request,
                    user,
                    "market_add" if creating else "market_edit",
                    {
                        "code": form.code,
                        "name": form.name,
                        "region_code": form.region_code,
                        "address": form.address,
                        "phone": form.phone,
                    },
                    session=s,
                )
        if not errors:
            return RedirectResponse(f"{PREFIX}/markets/{form.code}", status_code=303)
    _ = gettext_for(request)
    shown = {k: _(v) for k, v in errors.items()}
    return render(
        request, "market_form.html", status_code=422, form=form, errors=shown, creating=creating
    )


@router.post("/markets/new")
def add_market(
    request: Request,
    user: Admin,
    code: Annotated[str, Form(max_length=20)] = "",
    name: Annotated[str, Form(max_length=300)] = "",
    region_code: Annotated[str, Form(max_length=20)] = "",
    address: Annotated[str, Form(max_length=500)] = "",
    phone: Annotated[str, Form(max_length=60)] = "",
) -> Response:
    return _save(request, user, _form(code, name, region_code, address, phone), creating=True)


@router.get("/markets/{code}/edit")
def edit_market(
    request: Request, code: str, user: Admin, s: Annotated[Session, Depends(db_session)]
) -> Response:
    market = s.get(Market, code)
    if market is None:
        return _missing(request)
    form = MarketForm(market.code, market.name, market.region_code, market.address, market.phone)
    return render(request, "market_form.html", form=form, errors={}, creating=False)


@router.post("/markets/{code}/edit")
def save_market(
    request: Request,
    code: str,
    user: Admin,
    name: Annotated[str, Form(max_length=300)] = "",
    region_code: Annotated[str, Form(max_length=20)] = "",
    address: Annotated[str, Form(max_length=500)] = "",
    phone: Annotated[str, Form(max_length=60)] = "",
) -> Response:
    return _save(request, user, _form(code, name, region_code, address, phone), creating=False)


def _missing(request: Request) -> HTMLResponse:
    _ = gettext_for(request)
    return render(
        request,
        "error.html",
        status_code=404,
        title=_("Not found"),
        message=_("There is no such market."),
    )


@router.get("/markets/{code}")
def market_page(
    request: Request, code: str, user: Anyone, s: Annotated[Session, Depends(db_session)]
) -> Response:
    market = s.get(Market, code)
    if market is None:
        return _missing(request)
    now = console(request).clock()
    return render(
        request,
        "market.html",
        market=market,
        region=region_name(market.region_code) or "",
        desks=desk_rows(s, now, market.code),
        period=request.query_params.get("period", ""),
    )
