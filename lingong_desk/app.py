"""Composition root: read the settings, open the database, build services and window.

Qt is imported only inside ``main`` (through ``lingong_desk.ui``), so this
module itself stays importable without Qt.
"""

from __future__ import annotations

import argparse
import sys

from lingong_desk.settings import LANGUAGES, Settings, load_settings


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="lingong-desk",
        description="LingGong Desk 零工服务台",
        epilog="lingong-desk report --help: write a period's report without a window",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open a separate demo market filled with sample data"
    )
    parser.add_argument("--data-dir", help="folder of the data file (default: user data folder)")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the program")
    parser.add_argument(
        "--quit-after-start",
        action="store_true",
        help="exit as soon as the main window is usable (start-up timing)",
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check the installed program in a temporary folder, without a window, and exit",
    )
    return parser.parse_args(argv)


def effective_settings(args: argparse.Namespace) -> Settings:
    settings = load_settings()
    if args.data_dir:
        settings.data_dir = args.data_dir
    if args.lang:
        settings.language = args.lang
    if args.demo:
        settings.data_dir = str(settings.data_path / "demo")
    return settings


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["report"]:  # lingong-desk report --month 2026-11 --out DIR
        from lingong_desk.services.registry import open_services
        from lingong_desk.ui.report_command import run as run_report

        return run_report(argv[1:], open_services)
    args = parse_args(argv)
    if args.self_check:
        from lingong_desk import selfcheck

        return selfcheck.run()
    from lingong_desk.services.registry import open_services
    from lingong_desk.ui.launch import run

    return run(effective_settings(args), args, open_services)
