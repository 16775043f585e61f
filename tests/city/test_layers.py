"""The city server uses of the desk only its domain rules, the wire protocol, and the
bundled CJK font (the console's printed sheets)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CITY = ROOT / "lingong_city"


def allowed(name: str) -> bool:
    return (
        not name.startswith("lingong_desk")
        or name == "lingong_desk.domain"
        or name.startswith("lingong_desk.domain.")
        or name == "lingong_desk.sync.protocol"
        or name.startswith("lingong_desk.sync.protocol.")
        or name in ("lingong_desk.printing.fonts", "lingong_desk.resources")
        or name.startswith(("lingong_desk.printing.fonts.", "lingong_desk.resources."))
    )


def test_the_city_imports_only_domain_and_protocol_of_the_desk() -> None:
    problems = []
    for path in CITY.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                bad = [
                    f"{node.module}.{a.name}"
                    for a in node.names
                    if not (allowed(node.module) or allowed(f"{node.module}.{a.name}"))
                ]
            elif isinstance(node, ast.Import):
                bad = [a.name for a in node.names if not allowed(a.name)]
            else:
                continue
            problems += [f"{path.relative_to(ROOT)} imports {name}" for name in bad]
    assert problems == []
    assert not allowed("lingong_desk.db.models") and not allowed("lingong_desk.sync.client")


def test_the_city_runs_without_qt_and_without_the_desks_database_code() -> None:
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        top = name.split('.')[0]\n"
        "        if top in ('PySide6', 'shiboken6') or name in (\n"
        "            'lingong_desk.db', 'lingong_desk.services', 'lingong_desk.ui'):\n"
        "            raise ImportError('the city imported ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import lingong_city.app, lingong_city.cli, lingong_city.bundles\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
