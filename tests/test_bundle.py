"""The installable program: ``--self-check`` from source, and the frozen PyInstaller bundle.

The bundle test builds ``installer/lingong_desk.spec`` into a temporary folder
(about 45 s on a 2-core machine) and runs the frozen program headless: the
self-check (migrations loaded by path, bundled font, catalogue, stdnum data,
a rendered slip) and a real start of the demo market to a usable window.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT_LINES = (
    "encryption: SQLCipher",
    "database: migrated to schema",
    "backup: encrypted, checked, opened with the recovery code",
    "referral: ",
    "slip: A4 PDF of",
    "self-check passed",
)


def headless_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def assert_passed(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    for line in REPORT_LINES:
        assert line in result.stdout, result.stdout


def test_self_check_from_source() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lingong_desk", "--self-check"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=headless_env(),
    )
    assert_passed(result)
    assert "(frozen bundle)" not in result.stdout
    assert "font: wqy-microhei.ttc" in result.stdout


@pytest.mark.slow
def test_frozen_bundle_runs_headless(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            str(ROOT / "installer" / "build.py"),
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-5000:]
    folder = tmp_path / "dist" / "LingGongDesk"
    program = folder / ("LingGongDesk.exe" if os.name == "nt" else "LingGongDesk")
    assert program.is_file()
    internal = folder / "_internal"
    assert (internal / "lingong_desk" / "db" / "migrations" / "versions").is_dir()
    assert not (internal / "lingong_city").exists()
    assert not list(internal.rglob("*QtWebEngine*")) and not list(internal.rglob("*Qt6Quick*"))

    check = subprocess.run(
        [str(program), "--self-check"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=headless_env(),
    )
    assert_passed(check)
    assert "(frozen bundle)" in check.stdout
    assert str(internal / "resources") in check.stdout

    start = subprocess.run(
        [str(program), "--demo", "--data-dir", str(tmp_path / "data"), "--quit-after-start"],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=tmp_path,
        # the file's key goes to the config folder: a temporary one, not the user's
        env={**headless_env(), "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    assert start.returncode == 0, start.stdout + start.stderr
    assert "usable after" in start.stdout, start.stdout + start.stderr
