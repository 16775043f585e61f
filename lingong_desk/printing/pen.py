"""Top-down drawing in millimetres on a ReportLab canvas, for the printed forms.

Forms are laid out from the top of the page down, in millimetres, the way a
clerk would measure a paper form; ``Pen`` converts to ReportLab's points and
bottom-up coordinates. A pen without a canvas only measures, so a layout can
run once to find its height (a receipt as long as its content) and again to
draw.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib import units
from reportlab.pdfgen.canvas import Canvas

from lingong_desk.printing.barcode import QUIET_MODULES, code128_modules, draw_code128
from lingong_desk.printing.fonts import fit, register_font, text_width, wrap

MM: float = units.mm  # points per millimetre
RGB = tuple[float, float, float]
BLACK: RGB = (0.0, 0.0, 0.0)
GREY: RGB = (0.35, 0.35, 0.35)
RED: RGB = (0.78, 0.0, 0.0)
WHITE: RGB = (1.0, 1.0, 1.0)


def new_canvas(buffer: io.BytesIO, size: tuple[float, float], title: str, author: str) -> Canvas:
    """A canvas whose bytes depend only on what is drawn (``invariant``), fonts subset."""
    font = register_font()
    c = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1, initialFontName=font)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("LingGong Desk")
    return c


def bar_module(number: str, room: float, preferred: Sequence[float]) -> float:
    """The widest module (mm) from ``preferred`` whose symbol fits ``room`` mm, else what fits."""
    count = len(code128_modules(number)) + 2 * QUIET_MODULES
    for module in preferred:
        if count * module <= room:
            return module
    return room / count


def barcode_width(number: str, module: float) -> float:
    """Width in mm of the Code 128 symbol of ``number``, quiet zones included."""
    return (len(code128_modules(number)) + 2 * QUIET_MODULES) * module


class Pen:
    """Drawing in millimetres measured from the top left; without a canvas it only measures."""

    def __init__(self, canvas: Canvas | None, page_height: float) -> None:
        self.canvas = canvas
        self.page_height = page_height
        self.font = register_font()

    def _y(self, top: float) -> float:
        return (self.page_height - top) * MM

    def text(
        self,
        x: float,
        top: float,
        text: str,
        size: float,
        *,
        align: str = "left",
        bold: bool = False,
        rgb: RGB = BLACK,
    ) -> float:
        """One line with its em box's top at ``top``; returns its width in mm."""
        width = text_width(text, size) / MM
        if self.canvas is not None and text:
            c = self.canvas
            left = {"left": x, "centre": x - width / 2, "right": x - width}[align]
            c.saveState()
            obj = c.beginText(left * MM, self._y(top) - size * 0.86)
            obj.setFont(self.font, size)
            obj.setFillColorRGB(*rgb)
            if bold:  # the font has no bold face: stroke the outline as well
                obj.setStrokeColorRGB(*rgb)
                obj.setTextRenderMode(2)
                c.setLineWidth(size * 0.035)
            obj.textOut(text)
            c.drawText(obj)
            c.restoreState()
        return width

    def lines(
        self,
        x: float,
        top: float,
        lines: Sequence[str],
        size: float,
        pitch: float = 1.2,
        *,
        bold: bool = False,
        rgb: RGB = BLACK,
    ) -> float:
        """Lines ``pitch`` times the size apart; returns the height used in mm."""
        step = size * pitch / MM
        for i, line in enumerate(lines):
            self.text(x, top + i * step, line, size, bold=bold, rgb=rgb)
        return len(lines) * step

    def para(
        self, x: float, top: float, text: str, width: float, size: float, *, bold: bool = False
    ) -> float:
        """``text`` wrapped to ``width`` mm; returns the height used in mm."""
        return self.lines(x, top, wrap(text, size, width * MM), size, 1.45, bold=bold)

    def line(
        self, x1: float, y1: float, x2: float, y2: float, *, width: float = 0.25, dash: bool = False
    ) -> None:
        if self.canvas is not None:
            self.canvas.setLineWidth(width * MM)
            self.canvas.setDash([2.2 * MM, 1.4 * MM] if dash else [])
            self.canvas.line(x1 * MM, self._y(y1), x2 * MM, self._y(y2))
            self.canvas.setDash([])

    def box(
        self,
        x: float,
        top: float,
        w: float,
        h: float,
        *,
        width: float = 0.25,
        fill: float | None = None,
        rgb: RGB = BLACK,
        radius: float = 0,
    ) -> None:
        if self.canvas is not None:
            c = self.canvas
            c.setLineWidth(width * MM)
            c.setStrokeColorRGB(*rgb)
            if fill is not None:
                c.setFillGray(fill)
            shape = (x * MM, self._y(top + h), w * MM, h * MM)
            filled = int(fill is not None)
            if radius:
                c.roundRect(*shape, radius * MM, fill=filled)
            else:
                c.rect(*shape, fill=filled)
            c.setStrokeColorRGB(*BLACK)

    def circle(
        self, x: float, y: float, r: float, *, width: float = 0.25, dash: bool = False
    ) -> None:
        if self.canvas is not None:
            self.canvas.setLineWidth(width * MM)
            self.canvas.setDash([1.6 * MM, 1.2 * MM] if dash else [])
            self.canvas.circle(x * MM, self._y(y), r * MM, stroke=1, fill=0)
            self.canvas.setDash([])

    def barcode(self, x: float, top: float, number: str, module: float, bar: float) -> float:
        """Code 128 with its left quiet zone at ``x``; returns the height used in mm."""
        size = 8.5
        if self.canvas is not None:
            draw_code128(
                self.canvas,
                number,
                x * MM,
                self._y(top),
                module=module * MM,
                bar_height=bar * MM,
                font_size=size,
            )
        return bar + (1.0 + size) / MM

    def cut_line(self, top: float, left: float, right: float, label: str) -> None:
        """A dashed cut line with scissors at the left and ``label`` in the middle."""
        self.line(left, top, right, top, dash=True)
        # scissors, open to the right: two finger loops and crossed blades over a white patch
        x = left + 4
        self.box(x - 2.2, top - 2.6, 11, 5.2, width=0, fill=1.0, rgb=WHITE)
        for sign in (-1, 1):
            self.circle(x, top + sign * 1.5, 1.0, width=0.35)
            self.line(x + 0.9, top + sign * 1.0, x + 7.5, top - sign * 0.9, width=0.45)
        size = 7.5
        width = text_width(label, size) / MM + 4
        centre = (left + right) / 2
        self.box(centre - width / 2, top - 2, width, 4, width=0, fill=1.0, rgb=WHITE)
        self.text(centre, top - 1.3, label, size, align="centre", rgb=GREY)

    def blank(self, x: float, top: float, label: str, length: float, size: float = 10.5) -> float:
        """``label`` followed by a line to write on; returns where the line ends."""
        w = self.text(x, top, label, size)
        self.line(x + w + 1.5, top + size / MM, x + w + 1.5 + length, top + size / MM)
        return x + w + 1.5 + length

    def table(
        self,
        x: float,
        top: float,
        width: float,
        rows: Sequence[Sequence[tuple[str, str]]],
        *,
        label_w: float,
        row_h: float,
        size: float = 10.5,
    ) -> float:
        """Bordered rows of label/value cells, the pairs of a row sharing its width.

        Each text takes the largest size (down to 6.5 pt) at which it fits its cell,
        on two lines if need be, and is cut with an ellipsis beyond. Returns the bottom.
        """
        for r, row in enumerate(rows):
            y = top + r * row_h
            cell_w = width / len(row)
            for i, (label, value) in enumerate(row):
                cx = x + i * cell_w
                self.box(cx, y, label_w, row_h, fill=0.93)
                self.box(cx + label_w, y, cell_w - label_w, row_h)
                for box_x, text, box_w, rgb in (
                    (cx, label, label_w, GREY),
                    (cx + label_w, value, cell_w - label_w, BLACK),
                ):
                    lines, s = fit(text, (box_w - 2.4) * MM, (row_h - 1.2) * MM, size, 6.5)
                    block = len(lines) * s * 1.2 / MM
                    middle = y + (row_h - block) / 2 + s * 0.1 / MM
                    self.lines(box_x + 1.2, middle, lines, s, rgb=rgb)
        return top + len(rows) * row_h
