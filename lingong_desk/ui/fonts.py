"""The bundled CJK font, so Chinese renders on a machine that has none."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from lingong_desk.resources import FONT_FILE, resource

log = logging.getLogger(__name__)


def install_font(app: QApplication, point_size: int = 10) -> str:
    """Register the bundled font and make it the application font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(resource(*FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.error("bundled font %s could not be loaded", resource(*FONT_FILE))
        return app.font().family()
    family = families[0]
    font = QFont(family, point_size)
    app.setFont(font)
    return family
