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

from claimstrack.figures import extract_figures, grammar, raised
from claimstrack.model import Figure, Span
from claimstrack.positions import LineIndex

BLOCK = grammar._BLOCK  # the grammar's block of characters (its count of numbers per block): one grid
MARGIN = 2  # blocks of context read with a block, either side
MIN_BLOCKS = 32  # a page shorter than this is read whole: nothing to gain
#: Cut only a page whose blocks repeat: at most this share of its blocks distinct, and at most
#: this share of them read (with their context) when it is cut.
MAX_SHARE = 0.5

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
    if len(set(blocks)) > MAX_SHARE * count:  # (a cheap first test: no context in the keys)
        return extract_figures(text)
    page = _RepeatedBlocks(text, count)
    if page.blocks_to_read() > MAX_SHARE * count:
        return extract_figures(text)  # repeats scattered among new text: the pieces cost more
    return page.figures()


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
    """One page cut on the block grid, each block keyed by its text with its context; the runs
    of blocks not seen before, each read in one pass."""

    def __init__(self, text: str, count: int) -> None:
        self.text = text
        self.count = count
        self.keys = [self._key(k) for k in range(count)]
        self.runs = self._runs()
        self._seen: dict[tuple[str, int], _Local] = {}

    def _key(self, k: int) -> tuple[str, int]:
        """The block's text with its context, and where the block starts in it."""
        low = max(0, (k - MARGIN) * BLOCK)
        return self.text[low : (k + MARGIN + 1) * BLOCK], k * BLOCK - low

    def _runs(self) -> list[tuple[int, int]]:
        """(first, end) of each run of consecutive blocks whose key comes for the first time."""
        keys, seen, runs = self.keys, set(), []
        k = 0
        while k < self.count:
            if keys[k] in seen:
                k += 1
                continue
            end = k
            while end < self.count and keys[end] not in seen:
                seen.add(keys[end])
                end += 1
            runs.append((k, end))
            k = end
        return runs

    def blocks_to_read(self) -> int:
        """How many blocks the runs read, their context included."""
        return sum(min(end + MARGIN, self.count) - max(first - MARGIN, 0) for first, end in self.runs)

    def figures(self) -> list[Figure]:
        for first, end in self.runs:
            self._read_run(first, end)
        index = LineIndex(self.text)
        seen = self._seen
        figures: list[Figure] = []
        for k, key in enumerate(self.keys):
            shift = k * BLOCK - key[1]  # where the block's context starts in the page
            figures.extend(_moved(figure, index.span(start + shift, end + shift)) for figure, start, end in seen[key])
        return figures

    def _read_run(self, first: int, end: int) -> None:
        """Read blocks first..end-1 (none seen yet) in one pass with their context; keep each
        block's figures under its key, offsets relative to the key's context."""
        keys = self.keys
        low = max(0, (first - MARGIN) * BLOCK)
        found = extract_figures(self.text[low : (end - 1 + MARGIN + 1) * BLOCK])
        by_block: dict[int, _Local] = {k: [] for k in range(first, end)}
        for figure in found:
            block = (figure.span.start + low) // BLOCK
            local = by_block.get(block)
            if local is not None:
                shift = low - (block * BLOCK - keys[block][1])
                local.append((figure, figure.span.start + shift, figure.span.end + shift))
        for k, local in by_block.items():
            self._seen[keys[k]] = local
