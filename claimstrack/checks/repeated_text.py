"""A page's figures, read once per stretch of text the page says again.

A hostile page (a Word story of one paragraph said 22,222 times, a list of one line said over
and over) holds the same text many times, and extraction would read each copy. The grammar
reads a bounded window around each number and counts numbers per block of `BLOCK` characters
(`claimstrack.figures.grammar`), so the figures starting in one block depend on that block and
the text around it. Here the page is cut on that block grid; a block whose text and whose
`MARGIN` blocks of context either side were already seen takes the figures read there, shifted
to where it stands. Blocks seen for the first time are read in one run, with their context, so
a page that repeats nothing is read in one pass as before; a page with few blocks, or whose
blocks are not repeated, is not cut at all.
"""

from __future__ import annotations

import re

from claimstrack.figures import extract_figures, raised
from claimstrack.model import Figure, Span
from claimstrack.positions import LineIndex

BLOCK = 1024  # the grammar's block of characters (its count of numbers per block)
MARGIN = 2  # blocks of context read with a block, either side
MIN_BLOCKS = 32  # a page shorter than this is read whole: nothing to gain
#: Cut only a page whose blocks repeat: at most this share of its blocks distinct.
MAX_DISTINCT_SHARE = 0.5

#: The readers' patterns may cross a run of white space of any length ("5", a megabyte of
#: spaces, "%" is one figure), which no margin covers: such a page is read whole.
_LONG_SPACE = re.compile(rf"\s{{{BLOCK // 2}}}")

#: The figures starting in one block, their offsets relative to the block's context.
_Local = list[tuple[Figure, int, int]]


def page_figures(text: str) -> list[Figure]:
    """`extract_figures(text)`, with each repeated block of the page read once."""
    count = -(-len(text) // BLOCK)
    if count < MIN_BLOCKS or _rewritten(text) or _LONG_SPACE.search(text):
        return extract_figures(text)
    blocks = [text[k * BLOCK : (k + 1) * BLOCK] for k in range(count)]
    if len(set(blocks)) > MAX_DISTINCT_SHARE * count:
        return extract_figures(text)
    return _RepeatedBlocks(text, count).figures()


def _moved(figure: Figure, span: Span) -> Figure:
    """The figure with another span: made with positional arguments (`attrs.evolve` looks
    up every field by name, 2 to 3 times the cost, for each of a story's 44,444 figures)."""
    return Figure(figure.text, figure.value, figure.low, figure.high, figure.low_inclusive, figure.high_inclusive,
                  figure.kind, figure.unit, figure.hedge, figure.subject, span, figure.precision)


def _rewritten(text: str) -> bool:
    """Whether extraction reads a rewritten copy of the text (raised digits and powers of ten
    written out, `figures.raised`; raised decimal points), whose offsets are not the page's,
    so that its block grid is not the page's either."""
    return "\u00b7" in text or raised.has_raised(text)


class _RepeatedBlocks:
    """One page cut on the block grid, each block keyed by its text with its context."""

    def __init__(self, text: str, count: int) -> None:
        self.text = text
        self.count = count
        self._seen: dict[tuple[str, int], _Local] = {}

    def key(self, k: int) -> tuple[str, int]:
        """The block's text with its context, and where the block starts in it."""
        low = max(0, (k - MARGIN) * BLOCK)
        return self.text[low : (k + MARGIN + 1) * BLOCK], k * BLOCK - low

    def figures(self) -> list[Figure]:
        keys = [self.key(k) for k in range(self.count)]
        seen = self._seen
        k = 0
        while k < self.count:
            if keys[k] in seen:
                k += 1
                continue
            run = {keys[k]}
            end = k + 1
            while end < self.count and keys[end] not in seen and keys[end] not in run:
                run.add(keys[end])
                end += 1
            self._read_run(k, end, keys)
            k = end
        index = LineIndex(self.text)
        figures: list[Figure] = []
        for k, key in enumerate(keys):
            shift = k * BLOCK - key[1]  # where the block's context starts in the page
            figures.extend(_moved(figure, index.span(start + shift, end + shift)) for figure, start, end in seen[key])
        return figures

    def _read_run(self, first: int, end: int, keys: list[tuple[str, int]]) -> None:
        """Read blocks first..end-1 (none seen yet) in one pass with their context; keep each
        block's figures under its key."""
        low = max(0, (first - MARGIN) * BLOCK)
        found = extract_figures(self.text[low : (end - 1 + MARGIN + 1) * BLOCK])
        by_block: dict[int, _Local] = {k: [] for k in range(first, end)}
        for figure in found:
            block = (figure.span.start + low) // BLOCK
            local = by_block.get(block)
            if local is not None:
                context_start = block * BLOCK - keys[block][1]
                shift = low - context_start
                local.append((figure, figure.span.start + shift, figure.span.end + shift))
        for k, local in by_block.items():
            self._seen.setdefault(keys[k], local)
