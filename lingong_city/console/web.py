"""What every console page uses: the signed-in user and roles, rendering, CSRF, audit.

- ``require(*roles)``: a dependency giving the signed-in ``StaffUser``; not signed
  in (or signed out after being idle): a redirect to the sign-in page; a role not
  allowed: the 403 page.
- ``render(request, name, **context)``: a template with ``user``, ``csrf_token``,
  ``_``/``gettext``/``ngettext``, ``nav``, ``lang`` and ``prefix`` added.
- ``audit(request, user, action, detail)``: who, what, when, from where.
- ``database(request)`` is the city's ``Database``; ``db_session(request)`` a
  read-only session (a dependency).
- Every POST must carry the session's CSRF token (form field ``csrf_token`` or
  header ``X-CSRF-Token``); ``csrf_guard`` answers 403 otherwise. Before sign-in
  the token is a random cookie of its own (``PRE_COOKIE``).
"""

from __future__ import annotations

import datetime as dt
import gettext
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from lingong_city.console import accounts
from lingong_city.console.accounts import ConsoleSettings
from lingong_city.console.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, html_lang, translations
from lingong_city.db import Database
from lingong_city.models import StaffSession, StaffUser

PREFIX = "/console"
SESSION_COOKIE = "lingong_console"
PRE_COOKIE = "lingong_console_pre"  # the CSRF token of the sign-in form
LANG_COOKIE = "lingong_console_lang"
CSRF_FIELD = "csrf_token"
ALL_ROLES = accounts.ROLES
ROLE_LABELS = {"admin": N_("Administrator"), "analyst": N_("Analyst"), "viewer": N_("Viewer")}
# what the audit page calls each action (an action without a label shows its key)
ACTION_LABELS = {
    "sign_in": N_("Signed in"),
    "sign_in_failed": N_("Sign-in failed"),
    "sign_in_locked": N_("Sign-in locked"),
    "sign_out": N_("Signed out"),
    "user_add": N_("User added"),
    "user_role": N_("Role changed"),
    "user_disable": N_("User disabled"),
    "user_enable": N_("User enabled"),
    "user_password": N_("Password reset"),
    "market_add": N_("Market added"),
    "market_edit": N_("Market changed"),
    "enrolment_code": N_("Enrolment code made"),
    "enrolment_sheet": N_("Enrolment sheet printed"),
    "desk_revoke": N_("Desk revoked"),
    "conflict_settle": N_("Conflict settled"),
    "person_lookup": N_("Person looked up"),
    "report_download": N_("Monthly report downloaded"),
    "assessment_enter": N_("Assessment value entered"),
}


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str  # English; translated when shown
    path: str
    roles: tuple[str, ...]


NAV = (
    NavItem("overview", N_("Overview"), f"{PREFIX}/overview", ALL_ROLES),
    NavItem("markets", N_("Markets"), f"{PREFIX}/markets", ALL_ROLES),
    NavItem("desks", N_("Desks"), f"{PREFIX}/desks", ALL_ROLES),
    NavItem("conflicts", N_("Conflicts"), f"{PREFIX}/conflicts", ("admin",)),
    NavItem("assessment", N_("Assessment"), f"{PREFIX}/assessment", ALL_ROLES),
    NavItem("reports", N_("Reports"), f"{PREFIX}/reports", ("admin", "analyst")),
    NavItem("people", N_("Person look-up"), f"{PREFIX}/people", ("admin",)),
    NavItem("users", N_("Users"), f"{PREFIX}/users", ("admin",)),
    NavItem("audit", N_("Audit"), f"{PREFIX}/audit", ("admin",)),
)


@dataclass
class Console:
    """The console's shared state (``app.state.console`` of the console app)."""

    db: Database
    clock: Callable[[], dt.datetime]
    settings: ConsoleSettings
    templates: Jinja2Templates
    extra: dict[str, Any]  # what the composition root hands the pages (cert file, ...)


class SignInNeeded(Exception):
    """Not signed in: the console app answers with a redirect to the sign-in page."""

    def __init__(self, next_path: str, idle: bool = False) -> None:
        super().__init__(next_path)
        self.next_path = next_path
        self.idle = idle


class Forbidden(Exception):
    """The signed-in user's role may not do this: the 403 page."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def console(request: Request) -> Console:
    state: Console = request.app.state.console
    return state


def database(request: Request) -> Database:
    return console(request).db


def db_session(request: Request) -> Iterator[Session]:
    """A read-only session for one request (a dependency; nothing is committed)."""
    with database(request).reading() as session:
        yield session


def now(request: Request) -> dt.datetime:
    return console(request).clock()


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def language(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE, "")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def translator(request: Request) -> gettext.NullTranslations:
    return translations(language(request))


def gettext_for(request: Request) -> Callable[[str], str]:
    return translator(request).gettext


def _signed_in(request: Request) -> tuple[StaffSession, StaffUser] | None:
    """The session of this request's cookie and its user, once per request."""
    if hasattr(request.state, "signed_in"):
        found: tuple[StaffSession, StaffUser] | None = request.state.signed_in
        return found
    token = request.cookies.get(SESSION_COOKIE, "")
    found, idle = None, False
    if token:
        c = console(request)
        with c.db.writing() as s:  # an idle session is ended, a used one marked
            found = accounts.session_user(s, token, c.clock(), c.settings)
            idle = found is None
    request.state.signed_in = found
    request.state.idle = idle
    if found is not None:
        request.state.user = found[1]
    return found


def require(*roles: str) -> Callable[[Request], StaffUser]:
    """A dependency: the signed-in user, whose role must be one of ``roles``."""
    allowed = roles or ALL_ROLES
    unknown = set(allowed) - set(ALL_ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def signed_in_user(request: Request) -> StaffUser:
        found = _signed_in(request)
        if found is None:
            path = request.url.path
            if request.method == "GET" and request.url.query:
                path += "?" + request.url.query
            raise SignInNeeded(path, idle=bool(getattr(request.state, "idle", False)))
        user = found[1]
        if user.role not in allowed:
            raise Forbidden(N_("Your role may not open this page or do this."))
        return user

    return signed_in_user


# the signed-in user as a route parameter, by who may call the route
Anyone = Annotated[StaffUser, Depends(require())]
Analyst = Annotated[StaffUser, Depends(require("admin", "analyst"))]
Admin = Annotated[StaffUser, Depends(require("admin"))]


def csrf_token(request: Request) -> str:
    """The token forms of this request's page carry."""
    found = _signed_in(request)
    if found is not None:
        return found[0].csrf_token
    token = request.cookies.get(PRE_COOKIE, "")
    if not token or len(token) > 100:
        token = getattr(request.state, "new_pre_token", "") or secrets.token_urlsafe(32)
        request.state.new_pre_token = token
    return token


async def csrf_guard(request: Request) -> None:
    """Every request that may change something carries the page's CSRF token (403)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent = request.headers.get("x-csrf-token", "")
    if not sent:
        form = await request.form()
        value = form.get(CSRF_FIELD, "")
        sent = value if isinstance(value, str) else ""
    found = await run_in_threadpool(_signed_in, request)
    expected = found[0].csrf_token if found is not None else request.cookies.get(PRE_COOKIE, "")
    if not expected or not sent or not secrets.compare_digest(sent, expected):
        raise Forbidden(
            N_("This form has expired or did not come from this console. Open the page again.")
        )


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(request: Request, response: Any, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )


def nav_for(user: StaffUser | None) -> list[NavItem]:
    if user is None:
        return []
    return [item for item in NAV if user.role in item.roles]


def render(
    request: Request, template_name: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """The template with what every page needs added to ``context``."""
    t = translator(request)

    def gettext(message: str, **values: Any) -> str:
        """Translated; ``%(name)s`` placeholders filled from ``values``."""
        text = t.gettext(message)
        return text % values if values else text

    def ngettext(singular: str, plural: str, num: int, **values: Any) -> str:
        """Translated for ``num``; ``%(num)d`` and the other placeholders filled."""
        return t.ngettext(singular, plural, num) % {"num": num, **values}

    user: StaffUser | None = getattr(request.state, "user", None)
    token = csrf_token(request)
    lang = language(request)
    page = {
        "request": request,
        "user": user,
        "csrf_token": token,
        "csrf_field": CSRF_FIELD,
        "_": gettext,
        "gettext": gettext,
        "ngettext": ngettext,
        "nav": nav_for(user),
        "role_labels": ROLE_LABELS,
        "lang": lang,
        "html_lang": html_lang(lang),
        "languages": LANGUAGES,
        "prefix": PREFIX,
        "here": quote(request.url.path + (f"?{request.url.query}" if request.url.query else "")),
    }
    page.update(context)
    response = console(request).templates.TemplateResponse(
        request, template_name, page, status_code=status_code
    )
    new_pre = getattr(request.state, "new_pre_token", "")
    if new_pre:
        set_cookie(request, response, PRE_COOKIE, new_pre, None)
    return response


def audit(
    request: Request,
    user: StaffUser | None,
    action: str,
    detail: dict[str, Any],
    session: Session | None = None,
    user_name: str = "",
) -> None:
    """Record who did what, when and from where: in ``session`` (the change's own
    transaction) when given, else in a transaction of its own."""
    c = console(request)
    if session is not None:
        accounts.audit(session, user, action, detail, client_address(request), c.clock(), user_name)
        return
    with c.db.writing() as s:
        accounts.audit(s, user, action, detail, client_address(request), c.clock(), user_name)
