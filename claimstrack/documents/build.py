"""Assembling a Document from what a reader built: deletions, sentences, citations, comments."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Mapping, Sequence

from claimstrack.documents.base import (
    Citation,
    Document,
    PositionMap,
    ReferenceEntry,
    ReferenceMark,
    apply_deletions,
)
from claimstrack.documents.citations import CitationMark
from claimstrack.documents.numbered import find_numbered, raise_superscripts
from claimstrack.documents.sentences import split_sentences
from claimstrack.documents.suppressions import CommentMark, place_suppressions
from claimstrack.model import Location
from claimstrack.positions import LineIndex


def assemble_document(
    path: str,
    format: str,
    source: str,
    text: str,
    offsets: array[int],
    *,
    wide: Mapping[int, int] | None = None,
    blocks: Sequence[tuple[int, int]] = (),
    comments: Sequence[CommentMark] = (),
    citations: Sequence[CitationMark] = (),
    deletions: Sequence[tuple[int, int]] = (),
    pages: tuple[int, ...] = (),
    superscripts: Sequence[tuple[int, int]] = (),
    drop_superscripts: bool = False,
    line_index: LineIndex | None = None,
) -> Document:
    """Apply deletions to the built text, read numbered references, split sentences, place
    citations and suppressions.

    Every text position given (blocks, comments, citations, superscripts) is one from before
    the deletions. `line_index` is the reader's own over `source`, when it made one.
    """
    text, offsets = apply_deletions(text, offsets, deletions)
    first_move = PositionMap(deletions)
    raised = [(first_move(s), first_move(e)) for s, e in superscripts]
    numbered = find_numbered(text, raised, drop_superscripts=drop_superscripts)
    listed_offsets = offsets
    text, offsets = apply_deletions(text, offsets, numbered.removals)
    second_move = PositionMap(numbered.removals)
    if raised and not drop_superscripts:  # the superscripts that are not marks: "10⁶", "42%³"
        text = raise_superscripts(text, [(second_move(s), second_move(e)) for s, e in raised])

    def moved(position: int) -> int:
        return second_move(first_move(position))

    sentences = split_sentences(text, line_breaks=format == "txt")
    if line_index is None:
        line_index = LineIndex(source)

    def location_of(source_offset: int) -> Location:
        line, column = line_index.position(source_offset)
        return Location(path, line, column)

    starts = [start for start, _ in sentences]

    def sentence_at(position: int) -> tuple[int, int]:
        if not sentences:
            return position, position
        return sentences[max(bisect.bisect_right(starts, position) - 1, 0)]

    placed_citations = tuple(
        Citation(
            mark.key,
            mark.locator,
            *sentence_at(moved(mark.text_position)),
            location=location_of(mark.source_offset),
        )
        for mark in citations
    )
    if deletions or numbered.removals:
        moved_blocks = [(moved(start), moved(end)) for start, end in blocks]
    else:  # nothing removed (most pages): a block is where it was, and a page can hold 40,000
        moved_blocks = list(blocks)
    # A comment after text the reader then removed (a Markdown page that is all footnote
    # definition) keeps a position past the end; it can cover no more than the text's end.
    moved_comments = [
        CommentMark(c.body, c.source_start, min(moved(c.text_position), len(text)), c.own_line)
        for c in comments
    ]
    suppressions = place_suppressions(
        moved_comments, len(text), sentences, [b for b in moved_blocks if b[1] > b[0]], location_of
    )
    reference_marks = tuple(
        ReferenceMark(mark.numbers, *sentence_at(second_move(mark.start)),
                      location=location_of(listed_offsets[mark.start]))
        for mark in numbered.marks
    )
    reference_entries = tuple(
        ReferenceEntry(entry.number, entry.text, location_of(listed_offsets[entry.start]))
        for entry in numbered.entries
    )
    document = Document(
        path=path,
        format=format,
        source=source,
        text=text,
        offsets=offsets,
        citations=placed_citations,
        suppressions=suppressions,
        sentences=sentences,
        wide=dict(wide or {}),
        pages=pages,
        reference_marks=reference_marks,
        reference_entries=reference_entries,
    )
    object.__setattr__(document, "_line_index", line_index)
    return document
