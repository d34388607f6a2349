"""Builders for hand-made figures and readings, so the consistency tests need no extractor."""

from __future__ import annotations

from claimstrack.consistency.frames import read_frame, read_frames
from claimstrack.consistency.inferred import Reading
from claimstrack.documents import parse_document
from claimstrack.figures import extract_figures
from claimstrack.model import Figure, Span

SPAN = Span(0, 1, 1, 1, 1, 2)

_OPEN_LOW = {"over": (False, None), "at least": (True, None)}
_OPEN_HIGH = {"almost": (None, False), "up to": (None, True), "less than": (None, False)}


def fig(
    value: float | None,
    hedge: str = "none",
    kind: str = "count",
    *,
    text: str | None = None,
    low: float | None = None,
    high: float | None = None,
    precision: float | None = None,
    unit: str | None = None,
    subject: str | None = None,
) -> Figure:
    """A Figure the way the extractor would give it (low/high follow the hedge)."""
    low_inclusive = high_inclusive = None
    if value is not None and hedge in _OPEN_LOW:
        low, low_inclusive = value, _OPEN_LOW[hedge][0]
    if value is not None and hedge in _OPEN_HIGH:
        high, high_inclusive = value, _OPEN_HIGH[hedge][1]
    if value is None:
        low_inclusive = high_inclusive = True
    shown = text or f"{hedge} {value}"
    return Figure(shown, value, low, high, low_inclusive, high_inclusive, kind, unit, hedge, subject, SPAN, precision)


def reading(
    figure: Figure,
    path: str = "a.md",
    line: int = 1,
    sentence: str | None = None,
) -> Reading:
    """A Reading with the measure frame read from its sentence (default: the figure text alone)."""
    text = sentence if sentence is not None else figure.text
    frame = read_frame(figure, text, None)
    return Reading(figure, path, line, 1, (path, text, line), frame, ref=None)


def page_readings(pages: dict[str, str]) -> list[Reading]:
    """Readings of several pages, each read as the engine reads it (frames per document)."""
    found = []
    for path, text in pages.items():
        document = parse_document(text, path, "md")
        figures = extract_figures(document.text)
        for index, (figure, read) in enumerate(zip(figures, read_frames(document.text, document.sentences, figures))):
            found.append(Reading(figure, path, index + 1, 1, (path, index), read))
    return found
