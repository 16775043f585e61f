"""Every screen, dialog and preview fits 1024×768 and 1366×768 (county office PCs).

Each size runs ``tests/screens_at_size.py`` in a child pytest whose offscreen
screen has that size (``QT_QPA_PLATFORM=offscreen:configfile=…``): Qt reports
it as the screen's available geometry, the main window maximizes to it, and
every check of ``tests/screen_fit.py`` runs against it. Set
``LINGONG_SCREEN_SHOTS=<folder>`` to keep a PNG of every screen checked.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.screens_at_size import OPENERS, STANDARD

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "lingong_desk" / "ui"


@pytest.mark.parametrize("size", ["1024x768", "1366x768"])
def test_every_screen_fits(size: str, tmp_path: Path) -> None:
    width, height = (int(n) for n in size.split("x"))
    config = tmp_path / "screen.json"
    screen = {"name": size, "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "LINGONG_SCREEN": size,
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/screens_at_size.py",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout


def top_level_classes() -> set[str]:
    """Classes of lingong_desk/ui that are windows of their own: dialogs, main
    windows, and widgets made with Qt.WindowType.Window."""
    found = set()
    for path in UI.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r"^class (\w+)\((\w+)\):", source, re.M):
            name, base = match.groups()
            body = source[match.end() : source.find("\nclass ", match.end())]
            if base in ("QDialog", "QMainWindow", "QMessageBox") or (
                "Qt.WindowType.Window)" in body
            ):
                found.add(name)
    return found


def test_the_fit_test_opens_every_window_class_of_the_program() -> None:
    assert top_level_classes() == set(OPENERS)


def test_the_fit_test_knows_every_use_of_qts_standard_dialogs() -> None:
    uses: dict[str, dict[str, int]] = {}
    pattern = re.compile(
        r"\b(QMessageBox|QFileDialog|QInputDialog|QProgressDialog)(?:\.(?:get\w+|critical|information|warning|question)\(|\()"
    )
    for path in UI.rglob("*.py"):
        counts: dict[str, int] = {}
        for kind in pattern.findall(path.read_text(encoding="utf-8")):
            counts[kind] = counts.get(kind, 0) + 1
        if counts:
            uses[path.relative_to(UI).as_posix()] = counts
    assert uses == STANDARD
