"""Figure extraction: every quantitative statement in a text, read into a `Figure`.

`extract_figures(text)` gives the figures, sorted by where they start; `scan_numbers(text)`
gives every number seen, taken or not, with the reason (the explain view). See docs/figures.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import attrgetter

import attrs

from claimstrack.figures import raised
from claimstrack.figures.grammar import figures as _figures_plain
from claimstrack.figures.grammar import scan as _scan_plain
from claimstrack.model import Figure, NumberMention, Span
from claimstrack.positions import LineIndex

__all__ = ["extract_figures", "scan_numbers"]

# The Lancet and other journals print decimals with a raised point ("1·04 billion"). Read it as
# a decimal point; one character for one, so every offset stays the same.
_RAISED_POINT = re.compile(r"(?<=[0-9])\u00b7(?=[0-9])")


def _grammar_text(text: str) -> tuple[str, Callable[[Span], Span] | None]:
    """The text the grammar reads (raised points and raised digits rewritten) and the map of its
    spans back to `text`; None when it is `text` itself."""
    plain = _RAISED_POINT.sub(".", text) if "\u00b7" in text else text
    if raised.has_raised(plain):
        # powers of ten and note marks rewritten (see raised.py): map every span back
        rewritten = raised.plain_text(plain)
        index = LineIndex(text)
        return rewritten.text, lambda span: index.span(*rewritten.original(span.start, span.end))
    if plain is text:
        return text, None
    return plain, lambda span: span  # raised points keep every offset


def _as_written(mentions: list[NumberMention], text: str,
                original: Callable[[Span], Span]) -> list[NumberMention]:
    """The mentions of a rewritten text with their spans mapped back to `text` by `original`
    and their texts sliced from it (raised points and marks kept)."""
    written = []
    for mention in mentions:
        figure = mention.figure
        if figure is not None:
            figure = _figure_as_written(figure, text, original)
        span = original(mention.span)
        written.append(attrs.evolve(mention, text=text[span.start:span.end], span=span, figure=figure))
    return written


def _figure_as_written(figure: Figure, text: str, original: Callable[[Span], Span]) -> Figure:
    """A figure of a rewritten text with its span mapped back to `text` and its text sliced from it."""
    span = original(figure.span)
    return attrs.evolve(figure, text=text[span.start:span.end], span=span)


def scan_numbers(text: str) -> list[NumberMention]:
    """Every number in `text` (digits or number words), in order, with the Figure it became
    or None, and a short reason ("percent", "year", "phone number", "part of a range", ...)."""
    plain, original = _grammar_text(text)
    mentions = _scan_plain(plain)
    return mentions if original is None else _as_written(mentions, text, original)


_BY_SPAN = attrgetter("span.start", "span.end")


def extract_figures(text: str) -> list[Figure]:
    """The figures in `text`, sorted by span start; spans are offsets into `text`."""
    plain, original = _grammar_text(text)
    figures = _figures_plain(plain)
    if original is not None:
        figures = [_figure_as_written(figure, text, original) for figure in figures]
    figures.sort(key=_BY_SPAN)
    return figures
