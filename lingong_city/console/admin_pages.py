"""Users (add, change role, disable, reset password) and the audit, for admins."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from lingong_city.console import accounts
from lingong_city.console.i18n import N_
from lingong_city.console.web import (
    ACTION_LABELS,
    PREFIX,
    ROLE_LABELS,
    Admin,
    audit,
    console,
    db_session,
    gettext_for,
    render,
)
from lingong_city.models import StaffAudit, StaffUser

router = APIRouter()
PAGE = 200
# the reasons of accounts.AccountError shown here, for the catalogue
REASONS = {
    "name": N_("A user name is 1 to 50 characters without spaces."),
    "password": N_("A password has 10 to 200 characters."),
    "taken": N_("There is a user with this name already."),
    "last_admin": N_("The last administrator cannot lose that role or be disabled."),
    "self": N_("Change your own account from another administrator's."),
    "missing": N_("There is no such user."),
}


def _users_page(
    request: Request, s: Session, status: int = 200, error: str = "", done: str = ""
) -> HTMLResponse:
    return render(
        request,
        "users.html",
        status_code=status,
        users=accounts.users(s),
        roles=accounts.ROLES,
        error=error,
        done=done,
    )


@router.get("/users")
def users_page(
    request: Request, user: Admin, s: Annotated[Session, Depends(db_session)]
) -> HTMLResponse:
    return _users_page(request, s, done=request.query_params.get("done", ""))


def _refuse(request: Request, key: str) -> HTMLResponse:
    _ = gettext_for(request)
    with console(request).db.reading() as s:
        return _users_page(request, s, 422, _(REASONS[key]))


@router.post("/users")
def add_user(
    request: Request,
    user: Admin,
    name: Annotated[str, Form(max_length=200)] = "",
    role: Annotated[str, Form(max_length=20)] = "viewer",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    c = console(request)
    try:
        accounts.check_name(name)
        accounts.check_role(role)
    except accounts.AccountError:
        return _refuse(request, "name")
    if not accounts.MIN_PASSWORD <= len(password) <= 200:
        return _refuse(request, "password")
    with c.db.writing() as s:
        if s.scalar(select(StaffUser).where(StaffUser.name == name.strip())) is not None:
            taken = True
        else:
            taken = False
            added = accounts.add_user(s, name, role, password, c.clock(), c.settings.hasher)
            audit(request, user, "user_add", {"name": added.name, "role": role}, session=s)
    if taken:
        return _refuse(request, "taken")
    return RedirectResponse(f"{PREFIX}/users?done=added", status_code=303)


@router.post("/users/{user_id}")
def change_user(
    request: Request,
    user_id: int,
    user: Admin,
    action: Annotated[str, Form(max_length=20)] = "",
    role: Annotated[str, Form(max_length=20)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """``action``: role (with ``role``), disable, enable, password (with ``password``)."""
    c = console(request)
    if user_id == user.id:
        return _refuse(request, "self")
    if action == "password" and not accounts.MIN_PASSWORD <= len(password) <= 200:
        return _refuse(request, "password")
    if action == "role" and role not in accounts.ROLES:
        return _refuse(request, "missing")
    problem = ""
    with c.db.writing() as s:
        target = s.get(StaffUser, user_id, with_for_update=True)
        if target is None or action not in ("role", "disable", "enable", "password"):
            problem = "missing"
        elif (
            target.role == "admin"
            and not target.disabled
            and (action == "disable" or (action == "role" and role != "admin"))
            and accounts.admins(s) <= 1
        ):
            problem = "last_admin"
        else:
            detail: dict[str, str] = {"name": target.name}
            if action == "role":
                detail.update(before=target.role, after=role)
                target.role = role
                accounts.end_sessions(s, target.id)
            elif action in ("disable", "enable"):
                target.disabled = action == "disable"
                accounts.end_sessions(s, target.id)
            else:
                accounts.set_password(s, target, password, c.clock(), c.settings.hasher)
            audit(request, user, f"user_{action}", detail, session=s)
    if problem:
        return _refuse(request, problem)
    return RedirectResponse(f"{PREFIX}/users?done={action}", status_code=303)


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@router.get("/audit")
def audit_page(
    request: Request,
    user: Admin,
    s: Annotated[Session, Depends(db_session)],
    who: str = "",
    action: str = "",
    since: str = "",
    until: str = "",
) -> HTMLResponse:
    query = select(StaffAudit).order_by(StaffAudit.at.desc(), StaffAudit.id.desc())
    if who.strip():
        query = query.where(StaffAudit.user_name == who.strip())
    if action.strip():
        query = query.where(StaffAudit.action == action.strip()[:64])
    first, last = _day(since), _day(until)
    if first is not None:
        query = query.where(StaffAudit.at >= dt.datetime.combine(first, dt.time(), dt.UTC))
    if last is not None:
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), dt.UTC)
        query = query.where(StaffAudit.at < end)
    events = list(s.scalars(query.limit(PAGE)))
    names = sorted({n for n in s.scalars(select(StaffAudit.user_name).distinct()) if n})
    kinds = sorted(set(s.scalars(select(StaffAudit.action).distinct())) | set(ACTION_LABELS))
    return render(
        request,
        "audit.html",
        events=events,
        names=names,
        actions=ACTION_LABELS,
        kinds=kinds,
        role_labels=ROLE_LABELS,
        who=who.strip(),
        action=action.strip(),
        since=since if first else "",
        until=until if last else "",
        limit=PAGE,
    )
