"""Build the installable desk program: ``python installer/build.py``.

Runs with the project's virtual environment (``.venv`` beside ``installer/``)
whatever Python starts it, installs PyInstaller there if it is missing, builds
``installer/lingong_desk.spec`` from scratch (``--clean``) into
``dist/LingGongDesk/`` and prints the folder's size and path. On Windows, then
compile ``installer/LingGongDesk.iss`` with Inno Setup to get the installer.

Options: ``--dist DIR`` and ``--work DIR`` put the bundle and PyInstaller's
work files elsewhere (the bundle test uses a cache folder).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "lingong_desk.spec"
NAME = "LingGongDesk"


def venv_python() -> Path:
    if os.name == "nt":
        return ROOT / ".venv" / "Scripts" / "python.exe"
    return ROOT / ".venv" / "bin" / "python"


def python_to_use() -> str:
    """The project's venv if it exists (so the bundle holds its packages), else this one."""
    venv = venv_python()
    return str(venv) if venv.exists() else sys.executable


def ensure_pyinstaller(python: str) -> None:
    probe = subprocess.run([python, "-c", "import PyInstaller"], capture_output=True)
    if probe.returncode != 0:
        print("installing PyInstaller into", python, flush=True)
        subprocess.run([python, "-m", "pip", "install", "pyinstaller>=6"], check=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path, quiet: bool = False) -> Path:
    """Build the bundle; returns the folder holding the program."""
    python = python_to_use()
    ensure_pyinstaller(python)
    command = [
        python,
        "-m",
        "PyInstaller",
        "--clean",
        "--noconfirm",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    if quiet:
        command[3:3] = ["--log-level", "WARN"]
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="output folder (dist/)")
    parser.add_argument("--work", default=str(ROOT / "build"), help="work folder (build/)")
    parser.add_argument("--quiet", action="store_true", help="only PyInstaller's warnings")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    bundle = build(Path(args.dist).resolve(), Path(args.work).resolve(), args.quiet)
    program = bundle / (NAME + (".exe" if os.name == "nt" else ""))
    size = folder_size(bundle) / 2**20
    print(f"built {program}")
    print(f"bundle {bundle}: {size:.0f} MiB, in {time.perf_counter() - started:.0f} s")
    print(f"check it: {program} --self-check")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
