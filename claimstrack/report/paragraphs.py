"""A page's visible text as the report lays it out: paragraphs split at blank lines, cut into
plain runs and marks (a figure, or wording a finding points at), and on a PDF the page each
paragraph starts on."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from claimstrack.documents import Document
from claimstrack.model import Finding
from claimstrack.report.views import FigureView, Segment, WordingView


def paragraph_segments(
    text: str, spans: Sequence[tuple[int, int]], figures: Sequence[FigureView | WordingView]
) -> Iterable[tuple[Segment, ...]]:
    """Split visible text into paragraphs at blank lines, cutting out each mark's span (a
    figure, or wording a finding points at); marks do not overlap.

    Single newlines inside a paragraph become spaces. Linear in the length of the text.
    """
    order = sorted(range(len(spans)), key=spans.__getitem__)
    count, cursor = len(order), 0
    for start, end in _paragraph_ranges(text):
        segments: list[Segment] = []
        position = start
        while cursor < count:
            index = order[cursor]
            mark_start, mark_end = spans[index]
            if mark_start >= end:
                break
            fig_start, fig_end = max(mark_start, position), min(mark_end, end)
            if fig_start > position:
                segments.append(Segment(_flow(text[position:fig_start])))
            if fig_end > fig_start:
                segments.append(_mark_segment(_flow(text[fig_start:fig_end]), figures[index]))
                position = fig_end
            if mark_end > end:
                break  # the figure continues into the next paragraph (rare): shown there too
            cursor += 1
        if position < end:
            segments.append(Segment(_flow(text[position:end])))
        yield tuple(segments)


def paragraph_pages(document: Document) -> tuple[int | None, ...]:
    """The page each paragraph of a PDF starts on (empty for other documents)."""
    if not document.pages:
        return ()
    pages: list[int | None] = []
    for start, _ in _paragraph_ranges(document.text):
        at = document.page_position(document.source_span(start, start).line)
        pages.append(at[0] if at else None)
    return tuple(pages)


def text_range(document: Document, finding: Finding) -> tuple[int, int] | None:
    """The range of the document's visible text a finding's source span covers, if any."""
    offsets = document.offsets
    if not offsets or (finding.end_line, finding.end_column) <= (finding.line, finding.column):
        return None
    try:
        source_start = document.line_index.offset(finding.line, finding.column)
        source_end = document.line_index.offset(finding.end_line, finding.end_column)
    except IndexError:
        return None
    start = bisect.bisect_left(offsets, source_start)
    end = bisect.bisect_left(offsets, source_end)
    return (start, end) if start < end else None


def _mark_segment(text: str, mark: FigureView | WordingView) -> Segment:
    if isinstance(mark, WordingView):
        return Segment(text, wording=mark)
    return Segment(text, mark)


def _paragraph_ranges(text: str) -> Iterable[tuple[int, int]]:
    start: int | None = None
    position = 0
    for line in text.splitlines(keepends=True):
        blank = not line.strip()
        if blank and start is not None:
            yield start, _rstrip_end(text, start, position)
            start = None
        elif not blank and start is None:
            start = position + (len(line) - len(line.lstrip()))
        position += len(line)
    if start is not None:
        yield start, _rstrip_end(text, start, position)


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _flow(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ") if "\n" in text else text
