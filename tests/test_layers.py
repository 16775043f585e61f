"""DESIGN.md convention 1: Qt stays in ui/. Layers import only downwards."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lingong_desk"

# which project packages each layer may import
ALLOWED = {
    "domain": {"domain"},
    "db": {"db", "domain"},
    "sync": {"sync", "db", "domain"},
    "printing": {"printing", "domain", "resources"},
    "services": {"services", "printing", "sync", "db", "domain", "resources"},
    # the UI receives the services from the composition root: never app.py, never db/
    "ui": {"ui", "services", "sync", "domain", "settings", "resources"},
}


def modules_outside_ui() -> list[str]:
    names = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = rel.parts
        if "ui" in parts or "migrations" in parts or parts[-1] == "__main__":
            continue
        names.append(".".join(p for p in parts if p != "__init__"))
    return sorted(set(names))


def test_every_module_outside_ui_imports_with_qt_blocked() -> None:
    modules = modules_outside_ui()
    assert "lingong_desk.services.people" in modules and "lingong_desk.app" in modules
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt imported outside ui/: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import importlib\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "print('ok', len(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")


def test_layers_import_only_downwards() -> None:
    problems = []
    for layer, allowed in ALLOWED.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                for name in names:
                    parts = name.split(".")
                    if parts[0] != "lingong_desk" or len(parts) < 2:
                        continue
                    if parts[1] not in allowed:
                        problems.append(f"{path.relative_to(ROOT)} imports {name}")
    assert problems == []
