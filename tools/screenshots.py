#!/usr/bin/env python3
"""Grab the desk's screens offscreen, with demo data, into a folder of PNGs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [OUT] [--lang en]

For looking at what a clerk sees: every registration page with a record
open, a form showing input errors, the planned windows, the dialogs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from lingong_desk.services.demo import ensure_demo_market, fill_demo
from lingong_desk.services.demo_history import fill_history
from lingong_desk.services.registry import open_services
from lingong_desk.ui.dialogs import SetupDialog, SignInDialog
from lingong_desk.ui.launch import build_window, make_app
from lingong_desk.ui.main_window import MainWindow
from lingong_desk.ui.print_preview import PrintPreview


def settle(window: MainWindow) -> None:
    for _ in range(6):
        window.desk.worker.wait()
        QApplication.processEvents()


def grab(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="shots")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    make_app(args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(Path(tmp) / "desk.sqlite3")
        setup = SetupDialog(services.accounts)
        setup.show()
        grab(setup, out / "dialog-setup.png")
        ensure_demo_market(services.ctx)
        fill_demo(services.ctx, people=300, employers=40, postings=60)
        fill_history(services.ctx)
        sign_in = SignInDialog(services.accounts, "左云县零工市场")
        sign_in.show()
        grab(sign_in, out / "dialog-sign-in.png")
        window = build_window(services, services.ctx.clerk_name)
        window.resize(1366, 768)
        window.show()
        window.start()
        settle(window)
        reg = window.registration
        for index, (page, name) in enumerate(
            [(reg.people, "job-seekers"), (reg.employers, "employers"), (reg.postings, "postings")]
        ):
            reg.show_page(index)
            settle(window)
            grab(window, out / f"registration-{name}-list.png")
            page.open_record(page.panel.model.row_at(0).id)
            settle(window)
            grab(window, out / f"registration-{name}-open.png")
        reg.show_page(0)
        form = reg.people.form
        form.new_record()
        form.id_number.setText("140226198003011230")
        form.phone.setText("1381234567")
        form.pay_min.setText("15000")
        form.save()
        settle(window)
        grab(window, out / "registration-job-seekers-errors.png")
        reg.people.panel.search_box.setText("zs")
        reg.people.panel.refresh()
        settle(window)
        grab(window, out / "registration-job-seekers-search-zs.png")
        referral = window.referral
        window.tabs.setCurrentWidget(referral)
        page = referral.matching
        page.picker.set_record(*services.matching.posting_choices("")[0])
        settle(window)
        grab(window, out / "referral-matching-for-posting.png")
        page.issue()
        settle(window)
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, PrintPreview) and w.isVisible()
        ]
        for dialog in dialogs:
            dialog.resize(760, 900)
            settle(window)
            grab(dialog, out / "referral-print-preview.png")
            dialog.close()
        settle(window)
        grab(window, out / "referral-issued.png")
        referral.tabs.setCurrentWidget(referral.follow_up)
        referral.follow_up.refresh()
        settle(window)
        grab(window, out / "referral-follow-up.png")
        for index, name in ((1, "personnel"), (3, "guidance"), (4, "information")):
            window.tabs.setCurrentIndex(index)
            settle(window)
            grab(window, out / f"window-{name}.png")
        stats = window.open_statistics()
        for size in ((1024, 768), (1366, 768)):
            stats.resize(*size)
            settle(window)
            grab(stats, out / f"statistics-{size[0]}.png")
        stats.open_figure("hires")
        settle(window)
        grab(stats.drill_dialog, out / "statistics-drill-hires.png")
        stats.drill_dialog.close()
        stats.close()
        window.close()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
