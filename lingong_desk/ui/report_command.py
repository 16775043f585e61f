"""``lingong-desk report``: write a period's report (PDF and XLSX) without a window.

    lingong-desk report --month 2026-11 --out DIR [--data-dir DIR]
    lingong-desk report --from 2026-11-01 --to 2026-11-20 --out DIR
    lingong-desk report --month last --out DIR      (a scheduled task on the 1st)

Meant for a scheduled task at month end. It reads the desk's data file (never
creates one), counts the whole market as a supervisor would see it, writes
``<market>-<period>.pdf`` and ``.xlsx`` into ``--out`` and records both
exports in the audit trail. Texts come from the shipped catalogue through
QtCore's translator (no display is needed). Exit status: 0 written, 2 a bad
period, a missing data file or a desk not set up (with the reason on
stderr), 1 anything else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication

from lingong_desk.domain.calendar import market_day
from lingong_desk.domain.enums import ClerkRole
from lingong_desk.domain.periods import BadPeriod, Period, parse_day, parse_period
from lingong_desk.services.outputs import Output
from lingong_desk.services.registry import Services
from lingong_desk.settings import LANGUAGES, load_settings
from lingong_desk.ui.i18n import install_language

OpenServices = Callable[[Path], Services]


class ReportError(Exception):
    """Why no report was written (shown as it is, exit status 2)."""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lingong-desk report",
        description="Write the market's report for a period as PDF and XLSX.",
    )
    p.add_argument("--month", help="YYYY-MM, or 'this' / 'last' for the current or previous month")
    p.add_argument("--period", help="any period: 2026-11, 2026-Q4, 2026, 2026-W45, 2026-11-05")
    p.add_argument("--from", dest="first", help="first day of a range (YYYY-MM-DD)")
    p.add_argument("--to", dest="last", help="last day of a range (YYYY-MM-DD)")
    p.add_argument("--out", required=True, help="folder to write the PDF and XLSX into")
    p.add_argument("--data-dir", help="folder of the data file (default: user data folder)")
    p.add_argument("--lang", choices=LANGUAGES, help="language of the report (default: settings)")
    p.add_argument("--prepared-by", default="", help="name printed as the report's preparer")
    return p


def choose_period(args: argparse.Namespace, today_month: Period) -> Period:
    given = [x for x in (args.month, args.period, args.first or args.last) if x]
    if len(given) != 1:
        raise ReportError("give exactly one of --month, --period or --from/--to")
    try:
        if args.month in ("this", "last"):
            return today_month if args.month == "this" else today_month.previous()
        if args.month:
            period = parse_period(args.month)
            if period.kind != "month":
                raise BadPeriod(f"--month takes YYYY-MM, not {args.month!r}")
            return period
        if args.period:
            return parse_period(args.period)
        if not (args.first and args.last):
            raise BadPeriod("--from and --to go together")
        return Period.range(parse_day(args.first), parse_day(args.last))
    except BadPeriod as err:
        raise ReportError(str(err)) from None


def write_report(
    services: Services, period: Period, out: Path, tr: Callable[[str, str], str]
) -> list[Path]:
    stats = services.statistics
    report = stats.report(period, tr)
    stem = f"{services.ctx.market_code}-{period.key.replace('..', '_')}"
    job = stats.render_report(report, tr)
    pdf = out / f"{stem}.pdf"
    pdf.write_bytes(job.pdf)
    stats.record_print(job, Output.FILE)
    xlsx = stats.save_workbook(report, tr, out / f"{stem}.xlsx")
    return [pdf, xlsx]


def run(argv: list[str], open_services: OpenServices, out: TextIO | None = None) -> int:
    err = out or sys.stderr
    args = parser().parse_args(argv)
    settings = load_settings()
    if args.data_dir:
        settings.data_dir = args.data_dir
    language = args.lang or settings.language
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_language(app, language)
    tr = QCoreApplication.translate
    try:
        today = market_day(dt.datetime.now(dt.UTC))
        period = choose_period(args, Period.month(today.year, today.month))
        database = settings.database_file
        if not database.is_file():
            raise ReportError(f"no data file at {database} (give --data-dir?)")
        folder = Path(args.out)
        if folder.exists() and not folder.is_dir():
            raise ReportError(f"{folder} is not a folder")
        folder.mkdir(parents=True, exist_ok=True)
        services = open_services(database)
        try:
            market = services.accounts.market()
            if market is None:
                raise ReportError(
                    f"{database} holds no market yet: start the desk once to set it up"
                )
            ctx = services.ctx
            ctx.market_code = market.code
            ctx.clerk_role = ClerkRole.SUPERVISOR  # whoever may read the file sees the whole market
            ctx.clerk_name = args.prepared_by or QCoreApplication.translate(
                "stats", "scheduled report"
            )
            for path in write_report(services, period, folder, tr):
                print(path, file=out or sys.stdout)
        finally:
            services.close()
    except ReportError as exc:
        print(f"lingong-desk report: {exc}", file=err)
        return 2
    except Exception as exc:  # reported, never a traceback-only exit for a scheduled task
        print(f"lingong-desk report: failed: {type(exc).__name__}: {exc}", file=err)
        return 1
    return 0
