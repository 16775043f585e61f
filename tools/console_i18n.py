#!/usr/bin/env python3
"""Keep the city console's message catalogues in step with its source (Babel).

    python tools/console_i18n.py update    extract the texts of lingong_city/console
                                           (templates and Python) and merge them into
                                           locale/<lang>/LC_MESSAGES/console.po
    python tools/console_i18n.py compile   compile every console.po into console.mo
    python tools/console_i18n.py check     list untranslated texts and stale .mo files

Translate in the zh_CN ``console.po`` (the English one stays empty: English is
the source). Run with the project's virtual environment (``.venv/bin/python``).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CONSOLE = ROOT / "lingong_city" / "console"
LOCALE = CONSOLE / "locale"
LANGUAGES = ("zh_CN", "en")
TRANSLATED = "zh_CN"  # every text must have a translation here
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "console.po"


def extract() -> Catalog:
    """The texts of the console's templates and Python modules."""
    template = Catalog(project="LingGong City console", fuzzy=False)
    found = extract_from_dir(
        str(CONSOLE), METHODS, keywords=KEYWORDS, options_map=OPTIONS, strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message,
            None,
            [(f"lingong_city/console/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain="console", fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain="console")


def update() -> None:
    template = extract()
    for lang in LANGUAGES:
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=100, omit_header=False, sort_output=True)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} texts")


def mo_bytes(lang: str) -> bytes:
    out = io.BytesIO()
    write_mo(out, read(lang), use_fuzzy=False)
    return out.getvalue()


def compile_all() -> None:
    for lang in LANGUAGES:
        mo = po_path(lang).with_suffix(".mo")
        mo.write_bytes(mo_bytes(lang))
        print(f"{mo.relative_to(ROOT)} written")


def problems() -> list[str]:
    """What is wrong: texts missing from a catalogue or untranslated, stale .mo files."""
    found = []
    wanted = {m.id for m in extract() if m.id}
    for lang in LANGUAGES:
        catalog = read(lang)
        held = {m.id: m for m in catalog if m.id}
        for text in sorted(wanted - held.keys(), key=str):
            found.append(f"{lang}: not in the catalogue: {text!r}")
        if lang == TRANSLATED:
            for text in sorted(wanted & held.keys(), key=str):
                m = held[text]
                if not m.string or m.fuzzy or (isinstance(m.string, tuple) and not all(m.string)):
                    found.append(f"{lang}: not translated: {text!r}")
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(lang):
            found.append(f"{lang}: {mo.name} is not compiled from {po_path(lang).name}")
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        for line in problems():
            print(line)
        return 1 if problems() else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
