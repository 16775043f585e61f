#!/usr/bin/env python3
"""Bootstrap and run LingGong Desk from a source checkout.

    python3 dev.py run [--demo] [program options]   start the desk program
    python3 dev.py test [pytest options]            ruff, mypy and the whole test suite

Both create a local virtual environment in ``.venv`` beside this file on first
use and install the project into it (again whenever ``pyproject.toml`` changes).
Needs only Python 3.11+ and access to the package registries.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".lingong-installed"

# Debian packages the test suite drives: Qt's offscreen platform needs EGL,
# fontconfig and xkbcommon; PDF pages are rasterised with poppler; barcodes on
# rendered pages are read back with zbar.
TEST_DEBIAN_PACKAGES = [
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libxkbcommon0",
    "libdbus-1-3",
    "poppler-utils",
    "zbar-tools",
    "chromium",  # the console's browser tests (Playwright drives the system browser)
    "fonts-wqy-microhei",  # ... which render Chinese with the system's fonts, as every client does
]


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit("LingGong Desk needs Python 3.11 or newer")
    py = venv_python()
    if not py.exists():
        print("creating virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("installing LingGong Desk and its dependencies ...", flush=True)
        pip = [str(py), "-m", "pip", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([*pip, "install", "-q", "-e", f"{ROOT}[dev]"], check=True)
        STAMP.write_text(wanted)
    return py


def ensure_debian_packages(packages: list[str]) -> None:
    """Install missing Debian packages when running as root on Debian/Ubuntu."""
    if not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None:
        return
    missing = []
    for name in packages:
        probe = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name],
            capture_output=True,
            text=True,
        )
        if "install ok installed" not in probe.stdout:
            missing.append(name)
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(f"warning: missing Debian packages {missing}; install them with apt-get")
        return
    print(f"installing Debian packages {missing} ...", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=env,
    )


def run_desk(args: list[str]) -> int:
    py = ensure_venv()
    return subprocess.call([str(py), "-m", "lingong_desk", *args], cwd=ROOT)


def run_tests(args: list[str]) -> int:
    py = ensure_venv()
    ensure_debian_packages(TEST_DEBIAN_PACKAGES)
    steps = [
        ["ruff", [str(py), "-m", "ruff", "check", "."]],
        ["mypy", [str(py), "-m", "mypy"]],
        ["pytest", [str(py), "-m", "pytest", *args]],
    ]
    for name, cmd in steps:
        print(f"== {name}", flush=True)
        code = subprocess.call(cmd, cwd=ROOT)
        if code != 0:
            print(f"== {name} failed (exit {code})", flush=True)
            return code
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "run":
        return run_desk(rest)
    return run_tests(rest)


if __name__ == "__main__":
    sys.exit(main())
