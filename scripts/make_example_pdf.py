"""Set one page of the worked example as a PDF, as a print brochure of it would be.

    python scripts/make_example_pdf.py        # writes print/ketamine-infusion-migraines.pdf

The PDF is drawn with reportlab (in the `test` extra) from content/ketamine-infusion-migraines.txt:
each paragraph wrapped to a 4.5-inch column in Helvetica, a running footer with the page number
on every page, and fixed document metadata, so the same text always gives the same bytes
(tests/worked_example/test_pdf_page.py checks both that and that `claimstrack check` finds in
the PDF what it finds in the text). It lies outside `content/`, so the configured documents, and
so the README's output, do not take it; check it by naming it: `claimstrack check print/`.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "content" / "ketamine-infusion-migraines.txt"
TARGET = REPO / "print" / "ketamine-infusion-migraines.pdf"

PAGE = (612.0, 792.0)  # US letter, points
LEFT, TOP, BOTTOM, WIDTH = 72.0, 720.0, 90.0, 324.0
SIZE, LEADING, PARAGRAPH_GAP = 10.0, 13.0, 9.0
FOOTER = "Kalypso Wellness Centers | Migraine brochure"


def example_pdf(text: str) -> bytes:
    """The bytes of the brochure PDF of `text` (paragraphs separated by blank lines)."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    out = BytesIO()
    pdf = canvas.Canvas(out, pagesize=PAGE, invariant=1)
    pdf.setTitle("Ketamine Infusion Therapy for Migraines")
    pages: list[list[tuple[float, str]]] = [[]]
    y = TOP
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if not paragraph:
            continue
        for line in simpleSplit(" ".join(paragraph.split()), "Helvetica", SIZE, WIDTH):
            if y < BOTTOM:
                pages.append([])
                y = TOP
            pages[-1].append((y, line))
            y -= LEADING
        y -= PARAGRAPH_GAP
    for number, lines in enumerate(pages, 1):
        pdf.setFont("Helvetica", SIZE)
        for y, line in lines:
            pdf.drawString(LEFT, y, line)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(LEFT, 40, f"{FOOTER} | page {number} of {len(pages)}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def main() -> int:
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_bytes(example_pdf(SOURCE.read_text(encoding="utf-8")))
    print(f"wrote {TARGET.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
