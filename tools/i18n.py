#!/usr/bin/env python3
"""Keep the Chinese catalogue in step with the source.

    python tools/i18n.py update    extract texts into resources/translations/*.ts
    python tools/i18n.py release   compile the .ts into the shipped .qm

Run with the project's virtual environment (``.venv/bin/python``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "lingong_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def sources() -> list[str]:
    files = [p for p in (ROOT / "lingong_desk").rglob("*.py") if "migrations" not in p.parts]
    return sorted(str(p.relative_to(ROOT)) for p in files)


def update(ts: Path = TS) -> None:
    """Merge the source texts into ``ts``, keeping translations, dropping obsolete ones."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources(),
            "-ts",
            str(ts),
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            "zh_CN",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def release(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    unfinished: bool


def messages(ts: Path = TS) -> list[Message]:
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            tr = message.find("translation")
            numerus = [n.text or "" for n in tr.iter("numerusform")] if tr is not None else []
            text = "|".join(numerus) if numerus else (tr.text or "" if tr is not None else "")
            unfinished = tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete")
            out.append(Message(name, message.findtext("source", ""), text, unfinished))
    return out


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        update()
        missing = [m for m in messages() if m.unfinished or not m.translation.strip()]
        print(f"{TS.name}: {len(messages())} texts, {len(missing)} without Chinese")
        for m in missing:
            print(f"  [{m.context}] {m.source}")
        return 0
    if argv[1:] == ["release"]:
        release()
        print(f"wrote {QM.relative_to(ROOT)}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
