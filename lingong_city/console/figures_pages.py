"""The figures pages (overview, assessment, reports): a placeholder overview."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from lingong_city.console.web import render, require
from lingong_city.models import StaffUser

router = APIRouter()


@router.get("/overview")
def overview(
    request: Request, user: Annotated[StaffUser, Depends(require("admin", "analyst", "viewer"))]
) -> HTMLResponse:
    return render(request, "overview.html")
