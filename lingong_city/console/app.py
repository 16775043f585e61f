"""The console app, mounted by the city app under ``/console``.

Pages are FastAPI routes rendering Jinja2 templates (``templates/``) with
plain forms; static files (the stylesheet, Apache ECharts) come from
``static/`` so the console works without internet. Each page module has its
own ``router``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from lingong_city.console import (
    admin_pages,
    conflict_pages,
    desk_pages,
    figures_pages,
    market_pages,
    people_pages,
    session_pages,
)
from lingong_city.console.accounts import ConsoleSettings
from lingong_city.console.web import (
    PREFIX,
    Console,
    Forbidden,
    SignInNeeded,
    csrf_guard,
    gettext_for,
    render,
)
from lingong_city.db import Database

HERE = Path(__file__).parent
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'"
    ),
}


def create_console(
    db: Database,
    clock: Callable[[], dt.datetime],
    settings: ConsoleSettings | None = None,
    **extra: Any,
) -> FastAPI:
    """The console on the city's database; ``extra`` reaches the pages (``Console.extra``)."""
    app = FastAPI(
        title="LingGong City console",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(csrf_guard)],
    )
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.globals["market_figures"] = figures_pages.market_figures  # market_figures.html
    templates = Jinja2Templates(env=env)
    app.state.console = Console(db, clock, settings or ConsoleSettings(), templates, dict(extra))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(SignInNeeded)
    async def sign_in_first(request: Request, exc: SignInNeeded) -> Response:
        target = f"{PREFIX}/signin?next={quote(exc.next_path, safe='/')}"
        if exc.idle:
            target += "&idle=1"
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        _ = gettext_for(request)
        return render(
            request, "error.html", status_code=403, title=_("Not allowed"), message=_(exc.reason)
        )

    @app.middleware("http")
    async def headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith(f"{PREFIX}/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/overview", status_code=303)

    for pages in (
        session_pages,
        figures_pages,
        market_pages,
        desk_pages,
        conflict_pages,
        people_pages,
        admin_pages,
    ):
        app.include_router(pages.router)
    return app
