"""What the tests and the benchmarks share, kept in the package so that neither imports the
other: a minimal Word file to read, and the memory taken at the peak of writing an output."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Iterable
from pathlib import Path

from claimstrack.atomic import write_atomic

#: The WordprocessingML namespace, as a Word part's root element declares it.
WORD_NAMESPACE = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bytes(body: str, *, notes: str | None = None, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A Word file whose story (`word/document.xml`) holds `body` (`<w:p>` elements) and, when
    `notes` is given, a footnotes part whose footnote 1 is that text."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("word/document.xml",
                         f'<?xml version="1.0"?><w:document {WORD_NAMESPACE}><w:body>{body}</w:body></w:document>')
        if notes is not None:
            archive.writestr("word/footnotes.xml",
                             f'<?xml version="1.0"?><w:footnotes {WORD_NAMESPACE}><w:footnote w:id="1">'
                             f"<w:p><w:r><w:t>{notes}</w:t></w:r></w:p></w:footnote></w:footnotes>")
    return buffer.getvalue()


def write_peak(target: Path, pieces: Iterable[str]) -> int:
    """Write `pieces` to `target` as `check -o` does (`write_atomic`, a piece at a time) and
    return the bytes allocated at the peak of the write (tracemalloc's peak): a streamed output
    keeps it to a piece, an output built whole shows its own size here, or several times it."""
    tracemalloc.start()
    try:
        write_atomic(target, pieces)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
