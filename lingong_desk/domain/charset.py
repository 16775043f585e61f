"""Which characters a name may hold, and which a printout can show.

The desk prints with the one font it ships (WenQuanYi Micro Hei), which draws
ASCII and every character of GBK, the two-byte part of GB 18030 (GB 2312 and
its GBK extension: all 21,886 Chinese characters of the two-byte sets and
their punctuation) but no emoji, no symbols outside GBK and none of GB
18030's four-byte Chinese characters (extensions A and B). So:

- a name holds only Chinese characters of GB 18030's two-byte sets and the
  name dot "·" (维吾尔族 names: 买买提·艾力), anything else is refused;
- a field that is printed (an address, a job title, the working hours...)
  refuses what the font cannot draw, so every printout shows what the screen
  shows; a field that is never printed (notes, skills) keeps what was typed.

``tests/test_charset.py`` holds this rule to the font's own character map.
"""

from __future__ import annotations

import unicodedata

NAME_DOT = "·"  # U+00B7, the dot of GB 18030 used between the parts of a name
UNDRAWN = frozenset("☉ɑɡ")  # GBK characters the bundled font has no glyph for


def printable(ch: str) -> bool:
    """Whether the bundled print font draws ``ch``."""
    if ch.isascii():
        return ch.isprintable() or ch in "\t\n"
    if ch in UNDRAWN:
        return False
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def unprintable(text: str) -> str:
    """The characters of ``text`` a printout could not show, each once, in order."""
    seen: dict[str, None] = {}
    for ch in text:
        if not printable(ch):
            seen.setdefault(ch, None)
    return "".join(seen)


def is_name_character(ch: str) -> bool:
    if ch == NAME_DOT:
        return True
    chinese = ch == "〇" or unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")
    return chinese and printable(ch)


def bad_name_characters(name: str) -> str:
    """What a name may not hold (each once, in order): anything but Chinese
    characters of GB 18030's two-byte sets and the name dot."""
    seen: dict[str, None] = {}
    for ch in name.strip():
        if not is_name_character(ch):
            seen.setdefault(ch, None)
    return "".join(seen)


def shown(chars: str) -> str:
    """Characters named in a message: 「😀」 with its code when the font cannot draw it
    (the screen may show a box too), a space or an invisible one by its code only."""
    parts = []
    for c in chars:
        if not c.isprintable() or c.isspace():
            parts.append(f"U+{ord(c):04X}")
        elif printable(c):
            parts.append(f"「{c}」")
        else:
            parts.append(f"「{c}」U+{ord(c):04X}")
    return "".join(parts)
