"""Pages 1 and 6: the overview of the city's figures, and the monthly report.

The overview takes a period (``?period=2026-11``; any key of
``domain.periods``: a month, quarter, year, week, day or ``a..b``) and shows
the city's figures with their comparisons, one row per market (a market whose
desks have not synced for 3 days, or that holds items needing attention,
stands out with the reason), a 12-month trend, the funnel and the top job
types; the charts are ECharts drawings of data embedded in the page as JSON.
A market's page includes ``market_figures.html``, filled by ``market_figures``
(a template global). Figures only: nothing about a person.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from lingong_city.console.i18n import N_
from lingong_city.console.period_choice import chosen_period, this_month
from lingong_city.console.web import (
    Analyst,
    Anyone,
    audit,
    console,
    database,
    db_session,
    gettext_for,
    language,
    render,
)
from lingong_city.figures import labels, reading
from lingong_city.figures.overview import HEADLINE, MARKET_COLUMNS, Overview, overview
from lingong_desk.domain.calendar import market_day
from lingong_desk.domain.indicators import INDICATOR, TREND
from lingong_desk.domain.periods import BadPeriod, Period, parse_period

router = APIRouter()
REASONS = {
    "no sync for 3 days": N_("no sync for 3 days"),
    "no desk enrolled": N_("no desk enrolled"),
    "items need attention": N_("items need attention"),
    "open conflicts": N_("open conflicts"),
}


def fmt(value: float | None, key: str) -> str:
    if value is None:
        return "—"
    if INDICATOR[key].ratio is not None:
        return f"{value:.1%}"
    return f"{value:,.0f}"


def change(now: float | None, before: float | None, key: str) -> str:
    if now is None or before is None:
        return "—"
    if INDICATOR[key].ratio is not None:
        return f"{(now - before) * 100:+.1f} pt"
    if not before:
        return "—" if not now else "+∞"
    return f"{(now - before) / before:+.1%}"


def chart_data(o: Overview, lang: str) -> str:
    """What the page's charts draw, as JSON (embedded in the page)."""
    data: dict[str, Any] = {
        "months": o.trend_months,
        "trend": [{"name": labels.label(k, lang), "data": o.trend[k]} for k in TREND],
        "funnel": [{"name": labels.label(k, lang), "value": v} for k, v in o.funnel],
        "jobs": [
            {"name": labels.job_type(code) or "—", "referrals": r, "hires": h}
            for code, r, h in o.top_jobs
        ],
    }
    # "</" never ends the script element it sits in
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


@router.get("/overview")
def overview_page(
    request: Request, user: Anyone, s: Annotated[Session, Depends(db_session)]
) -> HTMLResponse:
    period, typed, problem = chosen_period(request, this_month(request))
    o = overview(s, period, console(request).clock())
    lang = language(request)
    return render(
        request, "overview.html", o=o, typed=typed, problem=problem, headline=HEADLINE,
        columns=MARKET_COLUMNS, label=lambda k: labels.label(k, lang),
        definition=lambda k: labels.definition(k, lang), fmt=fmt, change=change,
        charts=chart_data(o, lang), reasons=REASONS, local=_local,
        earlier=period.previous().key, later=period.shifted(1).key,
    )  # fmt: skip


def _local(moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M")


def market_figures(request: Request, code: str, period_key: str = "") -> dict[str, Any]:
    """The figures block of a market's page (``market_figures.html``)."""
    default = this_month(request)
    try:
        period = parse_period(period_key) if period_key else default
    except BadPeriod:
        period = default
    lang = language(request)
    periods = [period, period.previous(), period.year_before()]
    with database(request).reading() as s:
        values = reading.day_values(s, [code], periods)
    return {
        "period": period,
        "rows": [
            (
                labels.label(k, lang),
                labels.definition(k, lang),
                *(fmt(values[p][code].get(k), k) for p in periods),
            )
            for k in reading.DAY_KEYS
        ],
        "previous": periods[1].key,
        "year_before": periods[2].key,
    }


# ---- page 6: reports ----------------------------------------------------------------
@router.get("/reports")
def reports_page(request: Request, user: Analyst) -> HTMLResponse:
    today = market_day(console(request).clock())
    months = Period.month(today.year, today.month).trailing_months(13)[::-1]
    period, typed, problem = chosen_period(request, months[1])
    return render(
        request, "reports.html", months=[m.key for m in months], chosen=period.key,
        typed=typed, problem=problem,
    )  # fmt: skip


@router.get("/reports/{month}.{kind}")
def report_file(request: Request, month: str, kind: str, user: Analyst) -> Response:
    from lingong_city.figures import city_report

    _ = gettext_for(request)
    try:
        period = parse_period(month)
    except BadPeriod:
        return render(
            request, "error.html", status_code=400, title=_("Reports"),
            message=_("Not a period: write 2026-11, 2026-Q4, 2026, 2026-W45, 2026-11-05 or 2026-11-01..2026-11-20."),
        )  # fmt: skip
    if kind not in ("xlsx", "pdf"):
        return render(
            request, "error.html", status_code=404, title=_("Reports"),
            message=_("A report is made as xlsx or pdf."),
        )  # fmt: skip
    c = console(request)
    with c.db.reading() as s:
        data = city_report.gather(s, period, c.clock(), user.name)
    body = city_report.workbook(data) if kind == "xlsx" else city_report.pdf(data)
    audit(request, user, "report_download", {"period": period.key, "kind": kind})
    media = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if kind == "xlsx"
        else "application/pdf"
    )
    name = f"city-{period.key}.{kind}"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _include_assessment() -> None:
    from lingong_city.console import assessment_pages

    router.include_router(assessment_pages.router)


_include_assessment()
