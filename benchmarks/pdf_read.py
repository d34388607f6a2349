"""Reading PDF pages: pages per second and seconds per brochure, two-column copy with footers.

Run: python benchmarks/pdf_read.py [--pages N]
The brochure is drawn with reportlab (the `test` extra): each page two columns, ~1.5 KB of
marketing prose with figures, a running footer and a page number, as a print piece sets them.
Needs the `pdf` extra (pdfminer.six).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from io import BytesIO
from pathlib import Path

from claimstrack.documents import read_document
from claimstrack.figures import extract_figures

PARAGRAPH = ("Almost 49 million people in the United States suffer from migraines. Over 92% of patients "
             "reported greater than 50% reduction in pain within 24 hours of treatment. Costs run as high "
             "as $36 billion annually in lost work days and care. ")


def brochure(pages: int) -> bytes:
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    out = BytesIO()
    pdf = canvas.Canvas(out, pagesize=(612, 792), invariant=1)
    for number in range(1, pages + 1):
        for left in (54, 318):
            y = 730.0
            for line in simpleSplit(PARAGRAPH * 4, "Helvetica", 9.5, 240):
                pdf.setFont("Helvetica", 9.5)
                pdf.drawString(left, y, line)
                y -= 12.5
        pdf.setFont("Helvetica", 7)
        pdf.drawString(54, 30, f"Kalypso Wellness Centers | Migraine brochure | page {number} of {pages}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=24)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "brochure.pdf"
        path.write_bytes(brochure(args.pages))
        size = path.stat().st_size
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            document = read_document(path)
            timings.append(time.perf_counter() - started)
    best = min(timings)
    figures = len(extract_figures(document.text))
    print(f"{args.pages} pages ({size / 1e3:.0f} KB, {len(document.text) / 1e3:.0f} K characters of text, "
          f"{figures} figures): read in {best:.2f} s, {args.pages / best:.1f} pages/s (best of 3)")


if __name__ == "__main__":
    main()
