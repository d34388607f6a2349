"""Offsets to 1-based line and column, in characters."""

from __future__ import annotations

import bisect

from claimstrack.model import Span


class LineIndex:
    """Maps character offsets in one text to 1-based (line, column) in O(log lines)."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    @property
    def starts(self) -> list[int]:
        """The offset at which each line starts (line 1 at index 0)."""
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column (both 1-based) of the character at `offset`."""
        row = bisect.bisect_right(self._starts, offset) - 1
        return row + 1, offset - self._starts[row] + 1

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based (line, column): the inverse of `position`."""
        return self._starts[line - 1] + column - 1

    def span(self, start: int, end: int) -> Span:
        """A Span for text[start:end], with an exclusive end position."""
        starts = self._starts
        row = bisect.bisect_right(starts, start) - 1
        line_start = starts[row]
        if row + 1 == len(starts) or end < starts[row + 1]:  # on one line, the common case
            return Span(start, end, row + 1, start - line_start + 1, row + 1, end - line_start + 1)
        end_line, end_column = self.position(end)
        return Span(start, end, row + 1, start - line_start + 1, end_line, end_column)


#: The one character whose lower case is longer than itself: "İ" (U+0130) -> "i" + U+0307.
#: Mapped to a plain "i" so that a lower-cased copy keeps every offset of the original.
_LONGER_IN_LOWER_CASE = {0x130: "i"}


def lower_keeping_offsets(text: str) -> str:
    """`text.lower()` with the same length, so offsets into it are offsets into `text`."""
    if text.isascii():
        return text.lower()
    return text.translate(_LONGER_IN_LOWER_CASE).lower()
