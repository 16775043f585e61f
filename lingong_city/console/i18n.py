"""The console's message catalogue (gettext, compiled by Babel).

Strings are English in the source, wrapped in ``_()`` in templates and Python
(``N_()`` marks a string translated later, e.g. the menu). Simplified Chinese
is the default; English is chosen by the language switch (a cookie).
``tools/console_i18n.py`` extracts, updates and compiles the catalogues in
``locale/<lang>/LC_MESSAGES/console.po|.mo``.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

DOMAIN = "console"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


def N_(message: str) -> str:
    return message


@cache
def translations(language: str) -> gettext.NullTranslations:
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=False)


def html_lang(language: str) -> str:
    return "zh-CN" if language == "zh_CN" else language
