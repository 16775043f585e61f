"""Search keys of Chinese names: full pinyin and pinyin initials (pypinyin).

pypinyin loads its phrase dictionary on import (about 0.4 s), so it is
imported on first use, not when the program starts; the desk warms it up on
its database worker once the window is usable.
"""

from __future__ import annotations

# Surnames read differently from the character's common reading.
SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "区": "ou",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "尉": "yu",
    "召": "shao",
    "缪": "miao",
    "秘": "bi",
    "翟": "zhai",
    "覃": "qin",
    "种": "chong",
    "折": "she",
    "繁": "po",
    "员": "yun",
    "长": "chang",
    "沈": "shen",
    "柏": "bai",
    "重": "chong",
    "万": "wan",
}


def pinyin_syllables(text: str, surname: bool = False) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore")]
    if surname and text and text[0] in SURNAME_READINGS and syllables:
        syllables[0] = SURNAME_READINGS[text[0]]
    return [s for s in syllables if s.isalnum()]


def full_pinyin(text: str, surname: bool = False) -> str:
    """张三 -> zhangsan."""
    return "".join(pinyin_syllables(text, surname))


def initials(text: str, surname: bool = False) -> str:
    """张三 -> zs."""
    return "".join(s[0] for s in pinyin_syllables(text, surname) if s)


def is_pinyin_query(text: str) -> bool:
    return text.isascii() and text.isalpha()
