"""The figures' commands: ``lingong-city report --month 2026-11 --out DIR`` (the
city's monthly report as ``city-<period>.xlsx`` and ``.pdf``) and
``lingong-city rebuild-figures`` (derive every fact and day sum again)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from lingong_city.db import Database
from lingong_desk.domain.calendar import market_day
from lingong_desk.domain.periods import BadPeriod, Period, parse_period

COMMANDS = ("report", "rebuild-figures")


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    report = sub.add_parser(
        "report", parents=[common], help="write the city's monthly report (XLSX and PDF)"
    )
    when = report.add_mutually_exclusive_group(required=True)
    when.add_argument("--month", help="2026-11, or this / last")
    when.add_argument("--period", help="any period: 2026-Q4, 2026, 2026-W45, a..b")
    report.add_argument("--out", type=Path, required=True, help="the folder to write into")
    report.add_argument("--prepared-by", default="", help="the name printed on the report")
    sub.add_parser(
        "rebuild-figures", parents=[common], help="derive the statistics' facts and sums again"
    )


def month_of(text: str, today: dt.date) -> Period:
    if text in ("this", "last"):
        month = Period.month(today.year, today.month)
        return month if text == "this" else month.previous()
    period = parse_period(text)
    if period.kind != "month":
        raise BadPeriod(f"{text!r} is not a month (2026-11)")
    return period


def run(args: argparse.Namespace, db: Database, now: dt.datetime) -> int:
    from lingong_city.figures import city_report
    from lingong_city.figures.store import rebuild

    if args.command == "rebuild-figures":
        with db.writing() as s:
            facts = rebuild(s)
        print(f"figures rebuilt: {facts} facts")
        return 0
    try:
        today = market_day(now)
        period = month_of(args.month, today) if args.month else parse_period(args.period)
    except BadPeriod as exc:
        print(f"lingong-city: {exc}")
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with db.reading() as s:
        data = city_report.gather(s, period, now, args.prepared_by)
    for kind, body in (("xlsx", city_report.workbook(data)), ("pdf", city_report.pdf(data))):
        path = out / f"city-{period.key}.{kind}"
        path.write_bytes(body)
        print(path)
    return 0
