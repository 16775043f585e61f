"""Referral slips: freeze a referral, render it, count and audit every print."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from lingong_desk.db.models import Market, Referral
from lingong_desk.domain.enums import PayUnit, Sex, WorkForm
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.services.context import ServiceContext
from lingong_desk.services.outputs import Output, PrintJob, record_output
from lingong_desk.services.referral_views import ReferralDetail
from lingong_desk.services.referrals import ReferralRefused, ReferralService

if TYPE_CHECKING:  # ReportLab loads on the first print, not at start
    from lingong_desk.printing.slip import SlipData

Translate = Callable[[str, str], str]
LAYOUTS = ("a4", "receipt")
ENUMS = "enums"  # the catalogue context of labels


class SlipService:
    def __init__(self, ctx: ServiceContext, referrals: ReferralService) -> None:
        self.ctx = ctx
        self.referrals = referrals

    def slip_data(self, referral_id: uuid.UUID, tr: Translate, print_no: int) -> SlipData:
        detail = self.referrals.detail(referral_id)
        if detail is None:
            raise ReferralRefused(QT_TRANSLATE_NOOP("referral", "No such referral."))
        with self.ctx.reading() as s:
            market = s.get(Market, self.ctx.market_code)
        unit = tr(ENUMS, PayUnit(detail.pay_unit).label)
        from lingong_desk.printing.slip import SlipData

        return SlipData(
            number=detail.number,
            market_name=market.name if market else self.ctx.market_code,
            market_phone=market.phone if market else "",
            market_address=market.address if market else "",
            worker_name=detail.person_name,
            worker_sex=tr(ENUMS, Sex(detail.person_sex).label),
            worker_age=detail.person_age,
            worker_id_masked=detail.person_id_masked,
            worker_phone_masked=detail.person_phone_masked,
            employer_name=detail.employer_name,
            employer_contact=detail.employer_contact,
            employer_phone=detail.employer_phone,
            employer_address=detail.employer_address,
            job_title=detail.job_title,
            occupation=detail.occupation,
            work_address=detail.work_address,
            pay=f"{detail.pay} {unit}".strip(),
            work_form=tr(ENUMS, WorkForm(detail.work_form).label),
            headcount=detail.headcount,
            issued_on=detail.issued_on,
            valid_until=detail.valid_until,
            clerk_name=detail.clerk_name,
            reprint=print_no > 1,
            print_no=print_no,
            referral_id=referral_id,
            start_date=detail.start_date,
            end_date=detail.end_date,
            work_hours=detail.work_hours,
            meals=detail.meals,
            lodging=detail.lodging,
            bring=detail.bring,
        )

    def render_slip(self, referral_id: uuid.UUID, layout: str, tr: Translate) -> PrintJob:
        """Freeze the referral and render it; the next print's number decides 'reprint'."""
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout}")
        detail = self.referrals.detail(referral_id)
        if detail is None:
            raise ReferralRefused(QT_TRANSLATE_NOOP("referral", "No such referral."))
        print_no = detail.print_count + 1
        data = self.slip_data(referral_id, tr, print_no)
        from lingong_desk.printing.slip import render_a4, render_receipt

        return render_a4(data, tr) if layout == "a4" else render_receipt(data, tr)

    def record_print(self, job: PrintJob, how: Output) -> ReferralDetail:
        """A slip went to a printer (counted: the next one is a reprint) or a file
        (an export); either way audited with who did it."""
        assert job.record_id is not None
        with self.ctx.session() as s:
            referral = s.get(Referral, job.record_id)
            if referral is None:
                raise ReferralRefused(QT_TRANSLATE_NOOP("referral", "No such referral."))
            if how == Output.PRINTER:
                referral.print_count = max(referral.print_count, job.print_no)
                referral.last_printed_at = self.ctx.now()
            record_output(self.ctx, s, job, how)
        detail = self.referrals.detail(job.record_id)
        assert detail is not None
        return detail
