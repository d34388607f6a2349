"""Test PDFs drawn with reportlab (BSD): layouts as brochures set them, no binary blobs.

Each page is a list of items placed on an A4/letter canvas: `Text(x, y, words, size)` for a
line at a position (points from the bottom left), `Column(x, y, width, text)` for a paragraph
wrapped to a column. `footer` is drawn on every page with its page number.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

import attrs

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0  # US letter, in points


@attrs.frozen
class Text:
    """One line of text at (x, y); `rise` and a smaller `size` make a superscript run."""

    x: float
    y: float
    text: str
    size: float = 11
    superscript: str = ""


@attrs.frozen
class Column:
    """A paragraph wrapped to `width` points from the top-left corner (x, y), line by line."""

    x: float
    y: float
    width: float
    text: str
    size: float = 11
    leading: float = 14


def make_pdf(pages: Sequence[Sequence[Text | Column]], footer: str | None = None,
             encrypt: str | None = None) -> bytes:
    """The bytes of a PDF with these pages (a footer "<footer> | page N of M" on each)."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    out = BytesIO()
    encryption = StandardEncryption(encrypt, canPrint=0) if encrypt else None
    pdf = canvas.Canvas(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, encrypt=encryption)
    for number, items in enumerate(pages, 1):
        for item in items:
            if isinstance(item, Column):
                _column(pdf, item)
            else:
                _line(pdf, item)
        if footer:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(72, 30, f"{footer} | page {number} of {len(pages)}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _line(pdf, item: Text) -> None:
    pdf.setFont("Helvetica", item.size)
    pdf.drawString(item.x, item.y, item.text)
    if item.superscript:
        x = item.x + pdf.stringWidth(item.text, "Helvetica", item.size)
        pdf.setFont("Helvetica", item.size * 0.6)
        pdf.drawString(x, item.y + item.size * 0.4, item.superscript)


def _column(pdf, item: Column) -> None:
    from reportlab.lib.utils import simpleSplit

    y = item.y
    for line in simpleSplit(item.text, "Helvetica", item.size, item.width):
        pdf.setFont("Helvetica", item.size)
        pdf.drawString(item.x, y, line)
        y -= item.leading


def lines(x: float, top: float, texts: Sequence[str], size: float = 11, leading: float = 14) -> list[Text]:
    """Lines set one under another from `top` down, each as given (to force a break)."""
    return [Text(x, top - i * leading, text, size) for i, text in enumerate(texts)]
