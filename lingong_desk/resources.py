"""Where the shipped resources are, from a source checkout or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def qt_translation(name: str = "qtbase_zh_CN.qm") -> Path | None:
    """Qt's own catalogue for its standard dialogs (file dialogs, message box
    buttons): in the bundle's resources/translations (the installer puts it
    there), else in the installed PySide6 (a source checkout)."""
    shipped = resource("translations", name)
    if shipped.is_file():
        return shipped
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    for folder in spec.submodule_search_locations or [] if spec else []:
        found = Path(folder) / "Qt" / "translations" / name
        if found.is_file():
            return found
    return None


FONT_FILE = ("fonts", "wqy-microhei.ttc")
FONT_FAMILY = "WenQuanYi Micro Hei"
OCCUPATIONS_FILE = ("reference", "occupations.csv")
