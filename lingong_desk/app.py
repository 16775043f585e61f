"""Composition root: read the settings, open the database, build services and window.

Qt is imported only inside ``main`` (through ``lingong_desk.ui``), so this
module itself stays importable without Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lingong_desk.settings import LANGUAGES, Settings, load_settings

if TYPE_CHECKING:
    from lingong_desk.services.registry import Services


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
        from lingong_desk.services.registry import desk_key, open_services
        from lingong_desk.settings import config_file
        from lingong_desk.ui.report_command import run as run_report

        def open_keyed(path: Path) -> Services:
            return open_services(path, key=desk_key(path.parent, config_file().parent))

        return run_report(argv[1:], open_keyed)
    from lingong_desk import admin

    if any(word in admin.COMMANDS for word in argv[:3]):
        return admin.main(argv)
    args = parse_args(argv)
    if args.self_check:
        from lingong_desk import selfcheck

        return selfcheck.run()
    from lingong_desk.services.registry import desk_key, open_services
    from lingong_desk.settings import config_file
    from lingong_desk.ui.launch import run

    settings = effective_settings(args)

    def open_encrypted(path: Path) -> Services:
        # the file is encrypted with the key the operating system keeps for it
        return open_services(path, key=desk_key(settings.data_path, config_file().parent))

    return run(settings, args, open_encrypted)
