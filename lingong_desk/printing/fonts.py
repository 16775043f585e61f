"""The bundled CJK font for printed documents, and text measuring and wrapping with it.

WenQuanYi Micro Hei ships in ``resources/fonts`` because many county PCs have
no Chinese font of their own. ReportLab embeds only the glyphs a document
uses (a font subset), so a slip stays small.
"""

from __future__ import annotations

import functools
import re

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lingong_desk.resources import FONT_FILE, resource

FONT_NAME = "WenQuanYiMicroHei"

# Characters that may not start a line; they hang into the margin instead.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕…,.;:?!)%")
# A run of printable ASCII (a word, a number, a masked ID) stays together; anything else
# (a Chinese character, a space, a line break) is a token of its own.
_TOKENS = re.compile(r"[!-~]+|\n|.")
ELLIPSIS = "…"


@functools.cache
def register_font() -> str:
    """Register the bundled font with ReportLab (once) and return its name."""
    path = resource(*FONT_FILE)
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    return FONT_NAME


def text_width(text: str, size: float) -> float:
    """Width of ``text`` in points at ``size`` points."""
    return float(pdfmetrics.stringWidth(text, register_font(), size))


def _split_long(token: str, size: float, width: float) -> list[str]:
    """Break a token wider than ``width`` into pieces that fit (at least one character each)."""
    pieces: list[str] = []
    while token and text_width(token, size) > width:
        n = 1
        while n < len(token) and text_width(token[: n + 1], size) <= width:
            n += 1
        pieces.append(token[:n])
        token = token[n:]
    if token:
        pieces.append(token)
    return pieces


def wrap(text: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points (CJK-aware, greedy)."""
    lines: list[str] = []
    current = ""
    for token in _TOKENS.findall(text):
        if token == "\n":
            lines.append(current.rstrip())
            current = ""
            continue
        if not current and token.isspace():
            continue
        trial = current + token
        if text_width(trial.rstrip(), size) <= width or (current and token in _NO_LINE_START):
            current = trial
            continue
        if current:
            lines.append(current.rstrip())
        pieces = _split_long(token, size, width)
        lines.extend(pieces[:-1])
        current = "" if pieces[-1].isspace() else pieces[-1]
    if current or not lines:
        lines.append(current.rstrip())
    return lines


def fit(
    text: str, width: float, height: float, size: float, min_size: float
) -> tuple[list[str], float]:
    """The largest size from ``size`` down to ``min_size`` whose wrapped lines fit the box.

    Lines are ``1.2 * size`` apart. If even ``min_size`` does not fit, the text is cut
    and ends with an ellipsis, so nothing is ever drawn outside the box.
    """
    while True:
        lines = wrap(text, size, width)
        if len(lines) * size * 1.2 <= height + 0.01 or size <= min_size:
            break
        size = max(min_size, size - 0.5)
    room = max(1, int((height + 0.01) // (size * 1.2)))
    if len(lines) > room:
        lines = lines[:room]
        last = lines[-1]
        while last and text_width(last + ELLIPSIS, size) > width:
            last = last[:-1]
        lines[-1] = last + ELLIPSIS
    return lines, size
