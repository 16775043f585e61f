"""Code 128 barcodes drawn as vector bars on a ReportLab canvas.

python-barcode encodes the number (start code, code sets, check symbol, stop)
into a string of modules, ``"1"`` for a dark module and ``"0"`` for a light
one; each run of dark modules becomes one filled rectangle. A quiet zone of
at least ten modules stays empty on both sides, and the number is printed
underneath for people.
"""

from __future__ import annotations

import itertools
from typing import Any

import barcode as python_barcode

from lingong_desk.printing.fonts import register_font, text_width

QUIET_MODULES = 10  # the minimum quiet zone of Code 128 on each side
TEXT_GAP = 1.0  # points between the bars and the number underneath


def code128_modules(number: str) -> str:
    """The module string of ``number`` in Code 128, e.g. ``"11010010000..."``."""
    built: list[str] = python_barcode.Code128(number).build()
    return "".join(built)


def symbol_width(number: str, module: float) -> float:
    """Width in points of the whole symbol, quiet zones included."""
    return (len(code128_modules(number)) + 2 * QUIET_MODULES) * module


def symbol_height(bar_height: float, font_size: float) -> float:
    """Height in points of the bars plus the number underneath."""
    return bar_height + TEXT_GAP + font_size


def draw_code128(
    canvas: Any,
    number: str,
    x: float,
    top: float,
    *,
    module: float,
    bar_height: float,
    font_size: float,
) -> float:
    """Draw ``number`` with its left quiet zone starting at ``x`` and the bars' top at ``top``.

    Coordinates are ReportLab points (y grows upwards). Returns the height used.
    """
    modules = code128_modules(number)
    bottom = top - bar_height
    canvas.saveState()
    canvas.setFillGray(0)
    position = x + QUIET_MODULES * module
    for dark, run in itertools.groupby(modules):
        count = len(list(run))
        if dark == "1":
            canvas.rect(position, bottom, count * module, bar_height, stroke=0, fill=1)
        position += count * module
    centre = x + (len(modules) + 2 * QUIET_MODULES) * module / 2
    text_x = centre - text_width(number, font_size) / 2
    canvas.setFont(register_font(), font_size)
    canvas.drawString(text_x, bottom - TEXT_GAP - font_size * 0.8, number)
    canvas.restoreState()
    return symbol_height(bar_height, font_size)
