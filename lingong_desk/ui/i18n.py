"""Translation: the compiled Chinese catalogue, and texts made outside ui/."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from lingong_desk.domain.enums import Labelled
from lingong_desk.domain.registration import FieldError
from lingong_desk.resources import qt_translation, resource

_installed: list[QTranslator] = []


def install_language(app: QCoreApplication, language: str) -> bool:
    """Install the catalogue of a language ('zh_CN' or 'en'); English needs none."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    ok = translator.load(str(resource("translations", f"lingong_{language}.qm")))
    if ok:
        app.installTranslator(translator)
        _installed.append(translator)
    # Qt's own texts of its standard dialogs (file dialog, message box buttons);
    # installed last, so asked first. What Qt's catalogue lacks ("&Look in:",
    # "Folder") falls through to ours (ui/qt_texts.py).
    qt_file = qt_translation(f"qtbase_{language}.qm")
    qt_base = QTranslator(app)
    if qt_file is not None and qt_base.load(str(qt_file)):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    return ok


def tr_enum(member: Labelled | str | None, enum: type[Labelled] | None = None) -> str:
    if member is None or member == "":
        return ""
    if not isinstance(member, Labelled):
        if enum is None:
            return str(member)
        try:
            member = enum(member)
        except ValueError:
            return str(member)
    return QCoreApplication.translate("enums", member.label)


def tr_error(error: FieldError) -> str:
    params = {k: QCoreApplication.translate("enums", v) for k, v in error.params.items()}
    return QCoreApplication.translate("validation", error.message).format(**params)


def tr_text(message: str, **params: object) -> str:
    return QCoreApplication.translate("validation", message).format(**params)


def tr_message(context: str, message: str, params: dict[str, str] | None = None) -> str:
    """A catalogue message from outside ui/, its parameters translated as labels."""
    translated = {k: QCoreApplication.translate("enums", str(v)) for k, v in (params or {}).items()}
    return QCoreApplication.translate(context, message).format(**translated)


def error_text(exc: BaseException) -> str:
    """What to tell the clerk of a refused or failed operation: a refusal of the
    service layer (a catalogue text) translated, anything else as it reads."""
    from lingong_desk.services.context import NotAllowed

    if isinstance(exc, NotAllowed):
        return QCoreApplication.translate("validation", str(exc))
    return str(exc)
