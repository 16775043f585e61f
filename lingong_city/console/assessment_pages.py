"""Page 5, assessment: the city's ranking for a period, a market's 15 indicators (the
entered ones entered by an analyst or admin with a note and evidence, audited),
its history, and the ranking as XLSX and PDF."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from lingong_city.assessment import export
from lingong_city.assessment.scores import assess, history
from lingong_city.assessment.standard import load
from lingong_city.console.period_choice import chosen_period, this_month
from lingong_city.console.web import (
    PREFIX,
    Analyst,
    Anyone,
    audit,
    console,
    db_session,
    gettext_for,
    language,
    render,
)
from lingong_city.models import AssessmentEntry, Market
from lingong_desk.domain.periods import Period

router = APIRouter()
MAX_EVIDENCE = 5 * 1024 * 1024


def _period(request: Request) -> tuple[Period, str, str]:
    return chosen_period(request, this_month(request).previous())


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if 0 < abs(value) < 1 else f"{value:g}"


@router.get("/assessment")
def ranking(
    request: Request, user: Anyone, s: Annotated[Session, Depends(db_session)]
) -> HTMLResponse:
    period, typed, problem = _period(request)
    standard = load()
    found = assess(s, standard, period, console(request).clock())
    return render(
        request, "assessment.html", standard=standard, ranking=found, period=period,
        typed=typed, problem=problem, lang=language(request),
    )  # fmt: skip


@router.get("/assessment/export.{kind}")
def ranking_file(
    request: Request, kind: str, user: Anyone, s: Annotated[Session, Depends(db_session)]
) -> Response:
    period, _typed, _problem = _period(request)
    standard = load()
    found = assess(s, standard, period, console(request).clock())
    if kind == "xlsx":
        body = export.workbook(standard, found, period.key)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif kind == "pdf":
        body, media = export.pdf(standard, found, period.key), "application/pdf"
    else:
        _ = gettext_for(request)
        return render(request, "error.html", status_code=404, title=_("Assessment"),
                      message=_("A report is made as xlsx or pdf."))  # fmt: skip
    name = f"assessment-{period.key}.{kind}"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


def _market_page(
    request: Request, s: Session, code: str, period: Period, typed: str, problem: str,
    errors: dict[str, str] | None = None, kept: dict[str, str] | None = None, status: int = 200,
) -> Response:  # fmt: skip
    market = s.get(Market, code)
    _ = gettext_for(request)
    if market is None:
        return render(request, "error.html", status_code=404, title=_("Assessment"),
                      message=_("No such market."))  # fmt: skip
    standard = load()
    now = console(request).clock()
    ranking_now = assess(s, standard, period, now)
    mine = next(a for a in ranking_now if a.market == code)
    rank = ranking_now.index(mine) + 1
    return render(
        request, "assessment_market.html", status_code=status, standard=standard, a=mine,
        rank=rank, of=len(ranking_now), period=period, typed=typed, problem=problem,
        history=history(s, standard, code, period, now), fmt=_fmt, errors=errors or {},
        kept=kept or {}, lang=language(request),
    )  # fmt: skip


@router.get("/assessment/{code}")
def market_assessment(
    request: Request, code: str, user: Anyone, s: Annotated[Session, Depends(db_session)]
) -> Response:
    period, typed, problem = _period(request)
    return _market_page(request, s, code, period, typed, problem)


@router.post("/assessment/{code}")
async def enter_value(
    request: Request,
    code: str,
    user: Analyst,
    period: Annotated[str, Form()],
    indicator: Annotated[str, Form()],
    value: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    evidence: Annotated[str, Form()] = "",
    evidence_file: UploadFile | None = None,
) -> Response:
    from lingong_desk.domain.periods import BadPeriod, parse_period

    _ = gettext_for(request)
    c = console(request)
    standard = load()
    data = await evidence_file.read(MAX_EVIDENCE + 1) if evidence_file is not None else b""
    errors: dict[str, str] = {}
    try:
        chosen = parse_period(period)
    except BadPeriod:
        chosen, errors["period"] = Period.month(2000, 1), _("Not a period.")
    try:
        item = standard.indicator(indicator)
        if item.source != "entered":
            raise KeyError(indicator)
    except KeyError:
        errors["indicator"] = _("This indicator is computed from the data, not entered.")
    try:
        number = float(value.strip().replace(",", ""))
        if not math.isfinite(number) or number < 0:
            raise ValueError(value)
    except ValueError:
        errors["value"] = _("Enter a number of zero or more.")
        number = 0.0
    if not note.strip():
        errors["note"] = _("Say where the value comes from.")
    if len(data) > MAX_EVIDENCE:
        errors["evidence"] = _("The evidence file is larger than 5 MB.")
    if not evidence.strip() and not data:
        errors["evidence"] = _("Give a link or reference, or attach a file.")
    kept = {"indicator": indicator, "value": value, "note": note, "evidence": evidence}
    if errors:
        with c.db.reading() as s:
            return _market_page(request, s, code, chosen, period, errors.get("period", ""),
                                errors, kept, status=400)  # fmt: skip
    with c.db.writing() as s:
        if s.get(Market, code) is None:
            return render(request, "error.html", status_code=404, title=_("Assessment"),
                          message=_("No such market."))  # fmt: skip
        row = s.get(AssessmentEntry, (code, chosen.key, indicator)) or AssessmentEntry(
            market_code=code, period_key=chosen.key, indicator=indicator
        )
        row.standard, row.value, row.note = standard.version, number, note.strip()[:2000]
        row.evidence = evidence.strip()[:500]
        if data:
            row.evidence_file = data
            row.evidence_name = (
                (evidence_file.filename or "evidence")[:200] if evidence_file else ""
            )
        row.entered_by, row.entered_at = user.name, c.clock()
        s.add(row)
        audit(request, user, "assessment_enter",
              {"market": code, "period": chosen.key, "indicator": indicator, "value": number},
              session=s)  # fmt: skip
    return RedirectResponse(f"{PREFIX}/assessment/{code}?period={chosen.key}", status_code=303)
