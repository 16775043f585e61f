"""Every visible text has its Chinese translation, and the shipped .qm is current."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import i18n  # noqa: E402

PLACEHOLDER = re.compile(r"\{\w+\}|%n")


@pytest.fixture(scope="module")
def current_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalogue merged with the texts in today's source."""
    ts = tmp_path_factory.mktemp("ts") / "current.ts"
    shutil.copy(i18n.TS, ts)
    i18n.update(ts)
    return ts


def test_every_source_text_has_a_chinese_translation(current_ts: Path) -> None:
    messages = i18n.messages(current_ts)
    assert len(messages) > 250
    missing = [
        f"[{m.context}] {m.source}" for m in messages if m.unfinished or not m.translation.strip()
    ]
    assert missing == [], "run: .venv/bin/python tools/i18n.py update, then translate"


def test_translations_keep_every_placeholder(current_ts: Path) -> None:
    wrong = [
        m.source
        for m in i18n.messages(current_ts)
        if set(PLACEHOLDER.findall(m.source)) != set(PLACEHOLDER.findall(m.translation))
    ]
    assert wrong == []


def test_translations_are_chinese(current_ts: Path) -> None:
    cjk = re.compile(r"[\u4e00-\u9fff]")
    not_chinese = [
        m.source
        for m in i18n.messages(current_ts)
        if m.translation and not cjk.search(m.translation)
    ]
    assert not_chinese == []


def test_shipped_qm_is_compiled_from_the_shipped_ts(tmp_path: Path) -> None:
    qm = tmp_path / "fresh.qm"
    i18n.release(i18n.TS, qm)
    assert qm.read_bytes() == i18n.QM.read_bytes(), "run: .venv/bin/python tools/i18n.py release"


def test_the_catalogue_translates_at_run_time(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from lingong_desk.domain.enums import WorkForm
    from lingong_desk.ui.i18n import install_language, tr_enum

    app = QCoreApplication.instance()
    assert app is not None
    assert install_language(app, "zh_CN")
    assert tr_enum(WorkForm.DAY_WORK) == "日结"
    install_language(app, "en")
    assert tr_enum(WorkForm.DAY_WORK) == "Day work"
    install_language(app, "zh_CN")
