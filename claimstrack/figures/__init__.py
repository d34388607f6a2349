"""Figure extraction: every quantitative statement in a text, read into a `Figure`.

`extract_figures(text)` gives the figures, sorted by where they start; `scan_numbers(text)`
gives every number seen, taken or not, with the reason (the explain view). See docs/figures.md.
"""

from __future__ import annotations

from claimstrack.figures.grammar import scan
from claimstrack.model import Figure, NumberMention

__all__ = ["extract_figures", "scan_numbers"]


def scan_numbers(text: str) -> list[NumberMention]:
    """Every number in `text` (digits or number words), in order, with the Figure it became
    or None, and a short reason ("percent", "year", "phone number", "part of a range", ...)."""
    return scan(text)


def extract_figures(text: str) -> list[Figure]:
    """The figures in `text`, sorted by span start; spans are offsets into `text`."""
    figures = [mention.figure for mention in scan(text) if mention.figure is not None]
    figures.sort(key=lambda figure: (figure.span.start, figure.span.end))
    return figures
