"""The console's catalogues: every text translated into Chinese, the .mo files current."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))

import console_i18n  # noqa: E402


def test_every_console_text_is_translated_and_compiled() -> None:
    assert console_i18n.extract(), "no texts found: the extraction is broken"
    assert console_i18n.problems() == [], (
        "run: .venv/bin/python tools/console_i18n.py update, translate, then compile"
    )
