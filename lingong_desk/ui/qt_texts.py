"""Texts of Qt's standard dialogs that Qt's own Chinese catalogue lacks.

``qtbase_zh_CN.qm`` of Qt 6 leaves a few texts of the file dialog in English
(the "Look in" and "Files of type" captions, the kinds of entry in its list).
They are listed here in Qt's own contexts so that ``tools/i18n.py`` takes them
into the desk's catalogue; a text Qt's catalogue does not translate falls
through to the desk's (see ``ui/i18n.install_language``).
"""

from __future__ import annotations

from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP

QT_TEXTS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)
