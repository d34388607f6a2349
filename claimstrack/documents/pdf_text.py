"""A PDF's lines as a Document: positions by page and line, joined prose, no running heads.

`source` is every line of the text layer, page after page, one per source line; the Document's
`pages` holds how many lines each page has, so a source line is also "page P, line L" (see
`Document.page_position`). `text` is the prose: the lines of one text box are joined (a
hyphen at a line end before a lower-case letter is dropped, a "%" starting a line is joined to
the number before it, other line ends become a space) and boxes are blocks, except that a box
ending mid-sentence runs on into the next one when that starts in lower case. Headers, footers
and page numbers (a line near the top or bottom edge that repeats, digits aside, on at least half
of the pages; a bare page number there) stay in `source` but not in `text`, so they are not
figures. Superscripts (reference marks) leave `text` too.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Sequence

from claimstrack.documents.base import BLOCK_SEPARATOR, Document
from claimstrack.documents.build import assemble_document
from claimstrack.documents.pdf import PdfLine, pdf_pages

#: A line this near the top or bottom edge (fraction of the page height) may be a running head.
MARGIN = 0.1
_PAGE_NUMBER = re.compile(r"(?:page|p\.|seite|pagina)?\s*#\s*(?:(?:of|/|von|de)\s*#)?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")


def parse_pdf(raw: bytes, path: str = "<string>") -> Document:
    """A Document from the bytes of a PDF; DocumentError when it cannot be read."""
    return pdf_document(pdf_pages(raw, path), path)


def pdf_document(pages: Sequence[Sequence[PdfLine]], path: str) -> Document:
    """The Document of a PDF's extracted lines (page by page)."""
    running = running_lines(pages)
    source_lines: list[str] = []
    parts: list[str] = []
    offsets = array("i")
    deletions: list[tuple[int, int]] = []
    superscripts: list[tuple[int, int]] = []
    position = 0  # source offset of the current line
    previous: tuple[int, PdfLine, int] | None = None  # (page, line, source end) of the last kept line
    for page_number, lines in enumerate(pages):
        for line in lines:
            if (page_number, line.text) not in running:
                length = sum(len(p) for p in parts)
                joint = _joint(previous, page_number, line)
                if joint is not None and previous is not None:
                    end = previous[2]
                    if joint == "-":
                        deletions.append((length - 1, length))  # the hyphen before the line end
                    elif joint:
                        parts.append(joint)
                        offsets.extend([end] * len(joint))
                        length += len(joint)
                parts.append(line.text)
                offsets.extend(range(position, position + len(line.text)))
                superscripts.extend((length + start, length + end) for start, end in line.superscripts)
                previous = (page_number, line, position + len(line.text))
            source_lines.append(line.text)
            position += len(line.text) + 1
    source = "\n".join(source_lines)
    offsets.append(previous[2] if previous else 0)
    deletions.sort()
    return assemble_document(path, "pdf", source, "".join(parts), offsets, deletions=deletions,
                             pages=tuple(len(lines) for lines in pages), superscripts=superscripts,
                             drop_superscripts=True)


def _joint(previous: tuple[int, PdfLine, int] | None, page: int, line: PdfLine) -> str | None:
    """What joins `line` to the kept line before it: "" (nothing), " ", "-" (drop the hyphen),
    the block separator, or None at the start."""
    if previous is None:
        return None
    before = previous[1].text.rstrip()
    after = line.text.lstrip()
    same_box = previous[0] == page and previous[1].box == line.box
    runs_on = same_box or (not _SENTENCE_END.search(before) and after[:1].islower())
    if after.startswith("%") and before[-1:].isdigit():
        return ""
    if not runs_on:
        return BLOCK_SEPARATOR
    if re.search(r"[^\W\d_]-$", before) and after[:1].islower():
        return "-"
    return "" if before.endswith(("-", "\u2013", "/")) else " "  # "35-" / "45", "1/" / "3"


def running_lines(pages: Sequence[Sequence[PdfLine]]) -> set[tuple[int, str]]:
    """(page index, line text) of the headers, footers and page numbers: lines near the top or
    bottom edge that repeat, digits aside, on at least half the pages (two at least), and bare
    page numbers there."""
    def key(text: str) -> str:
        return " ".join(re.sub(r"\d+", "#", text.lower()).split())

    in_margin = [
        [line for line in lines if line.top < MARGIN or line.top > 1 - MARGIN] for lines in pages
    ]
    seen = Counter(k for lines in in_margin for k in {key(line.text) for line in lines})
    needed = max(2, math.ceil(len(pages) / 2))
    running: set[tuple[int, str]] = set()
    for page, lines in enumerate(in_margin):
        for line in lines:
            folded = key(line.text)
            if seen[folded] >= needed or _PAGE_NUMBER.fullmatch(folded):
                running.add((page, line.text))
    return running
