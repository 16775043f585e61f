"""Recording what left the desk on paper or as a file, the same way for every document.

A paper print of a counted document (a referral slip) raises its print
count, and the next rendering says "reprint"; a PDF saved to a file is an
export: audited as one, never counted as a print. Every output is audited
with who made it (the audit row's clerk), what it was and how it went out.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.orm import Session

from lingong_desk.printing.job import PrintJob
from lingong_desk.services.context import ServiceContext

__all__ = ["Output", "PrintJob", "output_action", "record_output"]


class Output(StrEnum):
    PRINTER = "printer"
    FILE = "file"


def output_action(job: PrintJob, how: Output) -> str:
    """The audit action: ``referral.print``, ``referral.reprint``, ``job_board.export``…"""
    if how == Output.FILE:
        return f"{job.kind}.export"
    return f"{job.kind}.reprint" if job.reprint else f"{job.kind}.print"


def record_output(ctx: ServiceContext, session: Session, job: PrintJob, how: Output) -> None:
    detail: dict[str, object] = {"layout": job.layout, "how": str(how)}
    if job.number:
        detail["number"] = job.number
    if how == Output.PRINTER:
        detail["print_no"] = job.print_no
    ctx.audit(session, output_action(job, how), job.entity, job.record_id, **detail)
