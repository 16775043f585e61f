"""Signing in and out, and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import select

from lingong_city.console import accounts
from lingong_city.console.i18n import LANGUAGES
from lingong_city.console.web import (
    LANG_COOKIE,
    PRE_COOKIE,
    PREFIX,
    SESSION_COOKIE,
    _signed_in,
    client_address,
    console,
    gettext_for,
    render,
    set_cookie,
)
from lingong_city.models import StaffUser

router = APIRouter()
HOME = f"{PREFIX}/overview"


def safe_next(target: str) -> str:
    """Only a path of this console: never another site."""
    if target.startswith(f"{PREFIX}/") and not target.startswith("//") and "\\" not in target:
        return target
    return HOME


@router.get("/signin")
def sign_in_page(request: Request, next: str = HOME, idle: int = 0) -> Response:
    if _signed_in(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    _ = gettext_for(request)
    notice = _("You were signed out after a while without use. Sign in again.") if idle else ""
    return render(request, "signin.html", next=safe_next(next), notice=notice, error="", name="")


@router.post("/signin")
def sign_in(
    request: Request,
    name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = HOME,
) -> Response:
    c = console(request)
    _ = gettext_for(request)
    address, now, settings = client_address(request), c.clock(), c.settings
    name = name.strip()[:50]
    with c.db.writing() as s:
        wait = accounts.locked_for(s, name, address, now, settings)
        if wait is not None:  # refused unchecked, and recorded
            accounts.audit(s, None, "sign_in_locked", {}, address, now, user_name=name)
        else:
            user = s.scalar(select(StaffUser).where(StaffUser.name == name))
            if accounts.verify(user, password, settings.hasher) and user is not None:
                accounts.forget_failures(s, name, now - settings.lockout_window)
                opened = accounts.open_session(s, user, address, now)
                accounts.audit(s, user, "sign_in", {}, address, now)
                response = RedirectResponse(safe_next(next), status_code=303)
                set_cookie(request, response, SESSION_COOKIE, opened.token, None)
                response.delete_cookie(PRE_COOKIE, path=PREFIX, httponly=True, samesite="strict")
                return response
            accounts.record_failure(s, name, address, now)
            accounts.audit(s, None, "sign_in_failed", {}, address, now, user_name=name)
            wait = accounts.locked_for(s, name, address, now, settings)
            if wait is not None:
                accounts.audit(s, None, "sign_in_locked", {}, address, now, user_name=name)
    if wait is not None:
        minutes = max(1, -(-int(wait.total_seconds()) // 60))
        error = _("Too many failed sign-ins. Sign-in is locked for {minutes} minutes.").format(
            minutes=minutes
        )
        status = 429
    else:
        error, status = _("The name or password is wrong."), 401
    return render(
        request,
        "signin.html",
        status_code=status,
        next=safe_next(next),
        notice="",
        error=error,
        name=name,
    )


@router.post("/signout")
def sign_out(request: Request) -> Response:
    c = console(request)
    token = request.cookies.get(SESSION_COOKIE, "")
    found = _signed_in(request)
    with c.db.writing() as s:
        if found is not None:
            accounts.audit(s, found[1], "sign_out", {}, client_address(request), c.clock())
        if token:
            accounts.close_session(s, token)
    response = RedirectResponse(f"{PREFIX}/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=PREFIX, httponly=True, samesite="strict")
    return response


@router.get("/lang/{code}")
def choose_language(request: Request, code: str, next: str = HOME) -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    if code in LANGUAGES:
        set_cookie(request, response, LANG_COOKIE, code, 365 * 24 * 3600)
    return response
