"""The Document every reader produces, and the helpers the readers share.

A reader turns a file's `source` into `text`, the prose a reader of the page sees, plus
`offsets`, which map every character of `text` back to its offset in `source`. Figures are found
in `text`; `Document.source_span` turns a text range back into a position in the original file.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from claimstrack.model import Location, Span
from claimstrack.positions import LineIndex

#: Formats a Document can have.
FORMATS = ("txt", "md", "html", "docx", "pdf")

#: What joins two blocks (paragraphs, headings, list items, cells) in `text`.
BLOCK_SEPARATOR = "\n\n"


@attrs.frozen
class Citation:
    """A citation key found in a document and the sentence (a text range) it backs."""

    key: str
    locator: str | None
    start: int
    end: int
    location: Location = attrs.field(eq=False)


@attrs.frozen
class ReferenceMark:
    """A numbered reference mark ("[1]", "¹", `<sup>2</sup>`) and the sentence (a text range)
    it sits in; `location` is where the mark is written."""

    numbers: tuple[int, ...]
    start: int
    end: int
    location: Location = attrs.field(eq=False)


@attrs.frozen
class ReferenceEntry:
    """An entry of the piece's own numbered reference list.

    `key`, `score` and `how` are filled in once the entry is matched to the bibliography
    (`claimstrack.numbered`): the key it stands for, the match score (100 for a DOI or PMID)
    and how it matched ("doi", "pmid", "title", "title, low confidence"); all None when it
    matched nothing or was not matched yet.
    """

    number: int
    text: str
    location: Location = attrs.field(eq=False)
    key: str | None = None
    score: float | None = None
    how: str | None = None


@attrs.frozen
class Suppression:
    """A `claimstrack: ignore[...]` comment and the text range it covers.

    `codes` is empty when every code is suppressed. A suppression with `problem` set is
    malformed: it suppresses nothing and the engine reports it.
    """

    codes: tuple[str, ...]
    reason: str | None
    scope: str
    start: int
    end: int
    location: Location = attrs.field(eq=False)
    problem: str | None = None


@attrs.frozen
class Document:
    """A read document: its source, its visible text and the map between the two.

    `offsets[i]` is the offset in `source` of `text[i]`; `offsets[len(text)]` is the source end
    of the last visible character. `wide` maps the source offset of a character that stands for
    several source characters (an entity such as `&amp;`, a Markdown escape) to its source end.
    `source` is the file as decoded: BOM removed, line breaks normalised to "\\n", so that line
    and column numbers match what an editor shows.
    """

    path: str
    format: str
    source: str
    text: str
    offsets: Sequence[int] = attrs.field(eq=False, repr=False)
    citations: tuple[Citation, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()
    wide: Mapping[int, int] = attrs.field(factory=dict, eq=False, repr=False)
    #: a PDF's lines per page, in order: source line N is on the page these counts place it
    pages: tuple[int, ...] = ()
    #: numbered reference marks and the piece's own reference list (docs/documents.md)
    reference_marks: tuple[ReferenceMark, ...] = ()
    reference_entries: tuple[ReferenceEntry, ...] = ()
    _line_index: Any = attrs.field(default=None, init=False, eq=False, repr=False)
    _sentence_starts: Any = attrs.field(default=None, init=False, eq=False, repr=False)

    @property
    def line_index(self) -> LineIndex:
        """The (cached) line index over `source`."""
        if self._line_index is None:
            object.__setattr__(self, "_line_index", LineIndex(self.source))
        return self._line_index  # type: ignore[no-any-return]

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """The source offsets (end exclusive) of the text range [start, end)."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"text range {start}:{end} outside 0:{len(self.text)}")
        if start == end:
            at = self.offsets[start]
            return at, at
        last = self.offsets[end - 1]
        return self.offsets[start], self.wide.get(last, last + 1)

    def source_span(self, start: int, end: int) -> Span:
        """A Span in the original file (1-based line/column, end exclusive) for text[start:end]."""
        source_start, source_end = self.source_range(start, end)
        return self.line_index.span(source_start, source_end)

    def location(self, offset: int) -> Location:
        """The Location in the original file of the text character at `offset`."""
        span = self.source_span(offset, offset)
        return Location(self.path, span.line, span.column)

    def page_position(self, line: int) -> tuple[int, int] | None:
        """(page, line within the page), both 1-based, of source `line` of a paged document
        (a PDF); None for a document without pages."""
        return page_position(self.pages, line)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence holding text `offset`: the one it is in, else the one before it."""
        if not self.sentences:
            return offset, offset
        if self._sentence_starts is None:
            object.__setattr__(self, "_sentence_starts", [s for s, _ in self.sentences])
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[max(index, 0)]

    def sentence_text(self, offset: int) -> str:
        """The text of the sentence holding `offset`."""
        start, end = self.sentence_at(offset)
        return self.text[start:end]


def page_position(pages: Sequence[int], line: int) -> tuple[int, int] | None:
    """(page, line within the page), both 1-based, of source `line` of a document whose pages
    have `pages` lines each (`Document.pages`); None when there are no pages."""
    if not pages:
        return None
    first = 1
    for page, count in enumerate(pages, 1):
        if line < first + count:
            return page, line - first + 1
        first += count
    return len(pages), line - first + 1 + pages[-1]


#: array("i", range(n)) for the longest text read so far, which identity offsets are sliced
#: from: a copy in C instead of a Python loop over every character.
_IDENTITY = array("i")
#: Above this length (16 MB of offsets) a range is built on its own, not kept for later texts.
_IDENTITY_LIMIT = 1 << 22


def identity_offsets(start: int, end: int) -> array[int]:
    """`array("i", range(start, end))`: the offsets of text copied verbatim from the source."""
    global _IDENTITY
    if end > len(_IDENTITY):
        if end > _IDENTITY_LIMIT:
            return array("i", range(start, end))
        _IDENTITY = array("i", range(min(max(end, 2 * len(_IDENTITY), 1 << 16), _IDENTITY_LIMIT)))
    return _IDENTITY[start:end]


def normalise_newlines(source: str) -> str:
    """A leading BOM goes; CRLF and lone CR become LF, one line break as editors count them."""
    if source.startswith("\ufeff"):
        source = source[1:]
    if "\r" not in source:
        return source
    return source.replace("\r\n", "\n").replace("\r", "\n")


class TextBuilder:
    """Accumulates visible text and its source offsets, block by block.

    Blocks are joined with BLOCK_SEPARATOR, inserted lazily when the next block gets its first
    character, so empty blocks leave no trace. The separator maps to the source end of the
    previous block. `add_space` supports HTML whitespace collapsing: a run of spaces becomes
    one space, dropped at the start and end of a block.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.offsets = array("i")
        self.wide: dict[int, int] = {}
        self.length = 0
        self.blocks: list[tuple[int, int]] = []
        self._block_start: int | None = None
        self._last_end = 0
        self._pending_space: int | None = None
        self._last_is_space = False

    def _begin(self) -> None:
        if self._block_start is not None:
            if self._pending_space is not None:
                at, self._pending_space = self._pending_space, None
                self._raw(" ", at)
            return
        self._pending_space = None
        if self.length:
            self._raw(BLOCK_SEPARATOR, self._last_end, is_text=False)
        self._block_start = self.length

    def _raw(self, chars: str, at: int, is_text: bool = True) -> None:
        self._parts.append(chars)
        self.offsets.extend([at] * len(chars))
        self.length += len(chars)
        if is_text:
            self._last_end = at + 1
            self._last_is_space = chars[-1] == " "

    def add(self, chars: str, source_start: int) -> None:
        """Add `chars`, found verbatim in the source at `source_start`."""
        if not chars:
            return
        self._begin()
        self._parts.append(chars)
        self.offsets.extend(identity_offsets(source_start, source_start + len(chars)))
        self.length += len(chars)
        self._last_end = source_start + len(chars)
        self._last_is_space = chars[-1] == " "

    def add_decoded(self, chars: str, source_start: int, source_end: int) -> None:
        """Add `chars` that stand for source[source_start:source_end] (an entity, an escape)."""
        if not chars:
            return
        self._begin()
        self._parts.append(chars)
        self.offsets.extend([source_start] * len(chars))
        self.length += len(chars)
        if source_end - source_start > 1:
            self.wide[source_start] = source_end
        self._last_end = source_end
        self._last_is_space = chars[-1] == " "

    def add_space(self, source_start: int) -> None:
        """A run of whitespace starting at `source_start`: one space, unless at a block edge."""
        if self._block_start is not None and not self._last_is_space and self._pending_space is None:
            self._pending_space = source_start

    def end_block(self) -> None:
        """Close the current block (if it has any text)."""
        if self._block_start is not None:
            self.blocks.append((self._block_start, self.length))
        self._block_start = None
        self._pending_space = None
        self._last_is_space = False

    def add_blocks(self, pieces: Iterable[tuple[str, int]]) -> None:
        """Each (chars, source_start) as a block of its own, found verbatim in the source: what
        `add` then `end_block` make of each, in one loop (a list's items on a 1 MB page are
        tens of thousands of blocks)."""
        self.end_block()
        parts, offsets, blocks = self._parts, self.offsets, self.blocks
        length, last_end = self.length, self._last_end
        for chars, source_start in pieces:
            if not chars:
                continue
            if length:  # the separator maps to the source end of the block before
                parts.append(BLOCK_SEPARATOR)
                offsets.extend((last_end,) * len(BLOCK_SEPARATOR))
                length += len(BLOCK_SEPARATOR)
            parts.append(chars)
            last_end = source_start + len(chars)
            offsets.extend(identity_offsets(source_start, last_end))
            blocks.append((length, length + len(chars)))
            length += len(chars)
        self.length, self._last_end = length, last_end

    def finish(self) -> tuple[str, array[int]]:
        """Close the last block and return the text and offsets (with the end sentinel)."""
        self.end_block()
        offsets = array("i", self.offsets)
        offsets.append(self._last_end)
        return "".join(self._parts), offsets


def apply_deletions(
    text: str, offsets: array[int], ranges: Sequence[tuple[int, int]]
) -> tuple[str, array[int]]:
    """Remove sorted, non-overlapping text ranges from text and offsets (sentinel kept)."""
    if not ranges:
        return text, offsets
    parts: list[str] = []
    new_offsets = array("i")
    previous = 0
    for start, end in ranges:
        parts.append(text[previous:start])
        new_offsets.extend(offsets[previous:start])
        previous = end
    parts.append(text[previous:])
    new_offsets.extend(offsets[previous:])
    return "".join(parts), new_offsets


class PositionMap:
    """Maps text positions from before a set of deletions to after them."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self._starts = [start for start, _ in ranges]
        self._ends = [end for _, end in ranges]
        self._removed_before: list[int] = []
        total = 0
        for start, end in ranges:
            self._removed_before.append(total)
            total += end - start

    def __call__(self, position: int) -> int:
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0:
            return position
        start, end = self._starts[index], self._ends[index]
        removed = self._removed_before[index]
        if position < end:  # inside a deleted range: it collapses onto the range start
            return start - removed
        return position - removed - (end - start)


def is_own_line(source: str, start: int, end: int) -> bool:
    """True when source[start:end] is alone on its line(s), with only blanks around it."""
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    if line_end == -1:
        line_end = len(source)
    return not source[line_start:start].strip() and not source[end:line_end].strip()


def citations_by_sentence(document: Document) -> dict[int, list[str]]:
    """Citation keys by the start of the sentence they back: one pass over the citations."""
    keys: dict[int, list[str]] = {}
    for citation in document.citations:
        keys.setdefault(document.sentence_at(citation.start)[0], []).append(citation.key)
    return keys
