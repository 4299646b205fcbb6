"""A one-line PDF with the forms' embedded font: the benchmark's baseline."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.domain.text import nfc

from . import fonts
from .layout import A4_PORTRAIT, CREATOR


def render_text_probe(text: str) -> bytes:
    """One line of `text` in Liberation Serif 12 pt on an A4 page, font embedded."""
    fonts.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4_PORTRAIT, invariant=1, initialFontName=fonts.REGULAR)
    canvas.setCreator(CREATOR)
    canvas.setFont(fonts.REGULAR, 12)
    canvas.drawString(20 * mm, A4_PORTRAIT[1] - 20 * mm, nfc(text))
    canvas.showPage()
    canvas.save()
    return out.getvalue()
