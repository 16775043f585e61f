"""Marking strings for translation without importing Qt.

``QT_TRANSLATE_NOOP`` is recognised by name by ``pyside6-lupdate``; at run
time the UI translates the returned English text with
``QCoreApplication.translate(context, text)``.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text
