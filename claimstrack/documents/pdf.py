"""PDF pages: the text layer of each page, read line by line with pdfminer.six (the `pdf` extra).

pdfminer.six (MIT) is used for its layout analysis: it groups characters into lines and lines
into text boxes and orders the boxes for reading, column by column, where simpler extractors
interleave the lines of two columns. It is an optional extra (it brings `cryptography`):
without it a PDF is a DocumentError that says how to install it.

A file is refused, in bounded time and memory, when it is encrypted, damaged, over
MAX_PDF_BYTES, over MAX_PAGES pages, when a page's content stream unpacks to more than
MAX_STREAM_BYTES, or when reading it takes longer than MAX_SECONDS. What becomes of the lines
(positions, joins, headers and footers) is `pdf_text`'s.
"""

from __future__ import annotations

import contextlib
import logging
import time
import warnings
import zlib
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import attrs

from claimstrack.errors import DocumentError, Problem
from claimstrack.model import Location

#: Larger files are refused: no marketing piece is this big, and parsing it would not be bounded.
MAX_PDF_BYTES = 64 * 1024 * 1024
#: More pages are refused (a brochure or a slide deck has tens).
MAX_PAGES = 500
#: A page content stream that unpacks to more than this is refused as a decompression bomb.
MAX_STREAM_BYTES = 16 * 1024 * 1024
#: Reading one PDF stops with an error after this long.
MAX_SECONDS = 60.0

INSTALL_HINT = "install the PDF reader with: pip install 'claimstrack[pdf]'"


@attrs.frozen
class PdfLine:
    """One line of a page's text layer, in reading order.

    `box` numbers the text box (a paragraph or column piece) the line belongs to; `top` is its
    distance from the top of the page as a fraction of the page height (0 top, 1 bottom).
    `superscripts` are (start, end) ranges of the text set smaller and raised (reference marks).
    """

    text: str
    box: int
    top: float
    superscripts: tuple[tuple[int, int], ...] = ()


def pdf_pages(raw: bytes, path: str) -> list[list[PdfLine]]:
    """The lines of each page of a PDF; DocumentError when it cannot or must not be read."""
    if len(raw) > MAX_PDF_BYTES:
        raise _fail(path, f"the PDF is {len(raw):,} bytes; more than {MAX_PDF_BYTES:,} is refused")
    if not raw.lstrip()[:5] == b"%PDF-":
        raise _fail(path, "not a PDF file (it does not start with %PDF-)")
    try:
        import pdfminer  # noqa: F401  (optional extra)
    except ImportError:
        raise _fail(path, f"claimstrack reads PDF pages with pdfminer.six, which is not installed: "
                          f"{INSTALL_HINT}") from None
    deadline = time.monotonic() + MAX_SECONDS
    try:
        with _quiet_pdf_reader():
            return list(_read_pages(raw, path, deadline))
    except DocumentError:
        raise
    except RecursionError:
        raise _fail(path, "damaged PDF: its objects nest without end") from None
    except Exception as error:  # pdfminer raises many types for damaged files  # noqa: BLE001
        if "encrypt" in type(error).__name__.lower() or "password" in type(error).__name__.lower():
            raise _encrypted(path) from None
        raise _fail(path, f"damaged PDF, cannot be read ({type(error).__name__}: {error})"[:300]) from None


@contextlib.contextmanager
def _quiet_pdf_reader() -> Iterator[None]:
    """pdfminer's own log warnings ("Could not get FontBBox", "MediaBox missing") would reach
    stderr through Python's last-resort handler, without the file's name; a file that cannot be
    read is reported as CT901 with its name instead, so they are kept off while a PDF is read."""
    logger = logging.getLogger("pdfminer")
    handler = logging.NullHandler()  # a handler, so that Python's last-resort one stays silent
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _read_pages(raw: bytes, path: str, deadline: float) -> Iterator[list[PdfLine]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(BytesIO(raw)))
    if document.encryption is not None:
        raise _encrypted(path)
    pages = list(PDFPage.create_pages(document))
    if not pages:
        raise _fail(path, "damaged PDF: it has no pages")
    if len(pages) > MAX_PAGES:
        raise _fail(path, f"the PDF has {len(pages):,} pages; more than {MAX_PAGES:,} is refused")
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    for number, page in enumerate(pages, 1):
        if time.monotonic() > deadline:
            raise _fail(path, f"reading the PDF took over {MAX_SECONDS:.0f} s (stopped at page {number})")
        _check_streams(page, path, number)
        interpreter.process_page(page)
        yield _page_lines(device.get_result())


def _check_streams(page: Any, path: str, number: int) -> None:
    """Refuse a page whose content stream unpacks past MAX_STREAM_BYTES, before pdfminer
    unpacks it whole in memory."""
    from pdfminer.pdftypes import resolve1

    contents = resolve1(page.attrs.get("Contents"))
    streams = contents if isinstance(contents, list) else [contents]
    total = 0
    for stream in streams:
        stream = resolve1(stream)
        rawdata = getattr(stream, "rawdata", None)
        if rawdata is None:
            continue
        filters = resolve1(stream.attrs.get("Filter"))
        names = [str(getattr(f, "name", f)) for f in (filters if isinstance(filters, list) else [filters])]
        if "FlateDecode" in names:
            unpacker = zlib.decompressobj()
            try:
                total += len(unpacker.decompress(rawdata, MAX_STREAM_BYTES + 1))
            except zlib.error:
                pass  # pdfminer reports a damaged stream its own way
        else:
            total += len(rawdata)
        if total > MAX_STREAM_BYTES:
            raise _fail(path, f"page {number} holds over {MAX_STREAM_BYTES:,} bytes of drawing "
                              "instructions unpacked; refused as a decompression bomb")


def _page_lines(layout: Any) -> list[PdfLine]:
    from pdfminer.layout import LTTextBox, LTTextLine

    height = float(layout.height) or 1.0
    lines: list[PdfLine] = []
    for box_number, element in enumerate(layout):
        if isinstance(element, LTTextBox):
            members = [line for line in element if isinstance(line, LTTextLine)]
        elif isinstance(element, LTTextLine):
            members = [element]
        else:
            continue
        for line in members:
            text, superscripts = _line_text(line)
            if text.strip():
                top = (float(layout.y1) - float(line.y1)) / height
                lines.append(PdfLine(text, box_number, min(max(top, 0.0), 1.0), superscripts))
    return lines


def _line_text(line: Any) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A line's text (no trailing newline) and the ranges set as superscripts: characters at
    most 75% of the line's main size whose baseline sits above the main baseline."""
    from pdfminer.layout import LTChar

    chars: list[str] = []
    sizes: list[tuple[float, float] | None] = []
    for item in line:
        text = item.get_text()
        if isinstance(item, LTChar):
            chars.append(text)
            sizes.extend([(float(item.size), float(item.y0))] * len(text))
            continue
        chars.append(text)
        sizes.extend([None] * len(text))
    joined = "".join(chars)
    cut = len(joined.rstrip())
    text, sizes = joined[:cut].replace("\t", " "), sizes[:cut]
    measured = [size for size in sizes if size is not None]
    if not measured:
        return text, ()
    main_size = max(size for size, _ in measured)
    main_base = min(base for size, base in measured if size == main_size)
    raised = [
        size is not None and size[0] <= 0.75 * main_size and size[1] > main_base + 0.1 * main_size
        and text[i].isalnum()
        for i, size in enumerate(sizes)
    ]
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if raised[i]:
            j = i
            while j < len(text) and (raised[j] or text[j] in ",-\u2013") and not text[j].isspace():
                j += 1
            ranges.append((i, j))
            i = j
        else:
            i += 1
    return text, tuple(ranges)


def _encrypted(path: str) -> DocumentError:
    return _fail(path, "encrypted PDF: claimstrack does not read encrypted files; "
                       "save or export an unencrypted copy for review")


def _fail(path: str, message: str) -> DocumentError:
    return DocumentError(f"{path}: {message}", [Problem(Location(path, 1, 1), message)])
