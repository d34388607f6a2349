"""Shared helpers for the document reader tests."""

from __future__ import annotations

from claimstrack.documents import Document


def span_of(document: Document, needle: str) -> tuple[int, int, str]:
    """Line, column and source text of the first occurrence of `needle` in the visible text."""
    start = document.text.find(needle)
    assert start != -1, f"{needle!r} not in {document.text!r}"
    span = document.source_span(start, start + len(needle))
    return span.line, span.column, document.source[span.start : span.end]
