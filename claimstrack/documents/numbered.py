"""Numbered references as regulated copy writes them: a mark at a figure, a list at the end.

A piece has a reference list when a block of its text is a heading such as "References",
"Sources" or "Notes". The entries are what follows it: explicitly numbered ("1. ...", "[1] ...",
"1) ...", several in one block as a PDF or a text file lays them out), or, in a Markdown or HTML
ordered list whose numbers are not text, the blocks after the heading numbered in order while
they read as references (a year, a DOI, a PMID or a URL). Only in a piece with such a list are
marks read: `[1]`, `[1, 3]`, `[2-4]`, Unicode superscript numerals (`92%¹`), and the ranges a
reader knows were set as superscripts (HTML `<sup>`, raised small text in a PDF) when they hold
numerals only. Marks and the list leave `text`, so neither is read as a figure.

A superscript numeral that is not a mark (no list, or an exponent as in `10<sup>6</sup>`) is
written with Unicode superscript digits, as the page shows it: glued to the number before it,
"106" would read as a hundred and six (claimstrack.figures reads "10⁶" as a million, and "42%³"
as 42% with a note mark).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from claimstrack.text import PUBLICATION_YEAR

#: A block that heads the reference list.
_HEADING = re.compile(
    r"\s*(?:\d+\.?\s*)?(?:references?|sources?|bibliography|notes|endnotes|footnotes|citations|"
    r"literature(?: cited)?|works cited)\s*:?\s*", re.IGNORECASE)
#: A word every reference-list heading holds (`_HEADING`, in lower case).
_HEADING_WORDS = ("reference", "source", "bibliography", "notes", "citations", "literature", "works cited")
#: An explicit entry number at the start of an entry: "1. ", "[1] ", "1) ".
_ENTRY_NUMBER = re.compile(r"(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s+")
#: What makes an unnumbered block read as a reference.
_REFERENCE_LIKE = re.compile(PUBLICATION_YEAR.pattern + r"|\bdoi\b|10\.\d{4,9}/|\bpmid\b|https?://", re.IGNORECASE)
_BRACKET_MARK = re.compile(r"\[(\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*)\](?!\()")
_SUPERSCRIPT_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_UNICODE_MARK = re.compile(rf"[{_SUPERSCRIPT_DIGITS}]+(?:[,\u207b\u2013-][{_SUPERSCRIPT_DIGITS}]+)*")
_NUMERALS = re.compile(r"\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*")
#: No list has more entries; a range mark wider than this is not a mark.
MAX_ENTRIES = 500


@attrs.frozen
class FoundMark:
    """A reference mark in the text: the entry numbers it names and its text range."""

    numbers: tuple[int, ...]
    start: int
    end: int


@attrs.frozen
class FoundEntry:
    """An entry of the reference list: its number, its text and its text range."""

    number: int
    text: str
    start: int
    end: int


@attrs.frozen
class NumberedReferences:
    """What `find_numbered` found, and the text ranges to remove (marks and the whole list)."""

    marks: tuple[FoundMark, ...] = ()
    entries: tuple[FoundEntry, ...] = ()
    removals: tuple[tuple[int, int], ...] = ()


def find_numbered(text: str, superscripts: Sequence[tuple[int, int]] = (), *,
                  drop_superscripts: bool = False) -> NumberedReferences:
    """The reference list of a piece's text and the marks that point into it.

    With `drop_superscripts` (a PDF, where raised small text is never prose) every superscript
    range is removed from the text, list or no list.
    """
    dropped = tuple(superscripts) if drop_superscripts else ()
    heading = _list_heading(text)
    if heading is None:
        return NumberedReferences(removals=_merge(sorted(dropped)))
    entries, list_end = _entries(text, heading[1])
    list_start = len(text[: heading[0]].rstrip())
    marks = [mark for mark in _marks(text[:list_start], superscripts) if mark.numbers]
    # a mark takes the spaces before it along ("improved [1]." reads "improved.")
    removals = sorted([(len(text[:m.start].rstrip(" ")), m.end) for m in marks] + [(list_start, list_end)]
                      + [r for r in dropped if r[1] <= list_start])
    return NumberedReferences(tuple(marks), tuple(entries), _merge(removals))


#: A superscript set as an exponent or a note mark: numerals, "-3" or "1,3" or "2-4".
_RAISABLE = re.compile(r"[-\u2212]?\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*")
_RAISED_FORM = str.maketrans({**{str(i): d for i, d in enumerate(_SUPERSCRIPT_DIGITS)}, "-": "\u207b",
                              "\u2212": "\u207b"})


def raise_superscripts(text: str, superscripts: Sequence[tuple[int, int]]) -> str:
    """`text` with each superscript range that holds numerals only written in superscript
    digits (one character for one, so every offset stays)."""
    pieces: list[str] = []
    position = 0
    for start, end in sorted(superscripts):
        if start < position or not _RAISABLE.fullmatch(text, start, end):
            continue
        pieces.append(text[position:start])
        pieces.append(text[start:end].translate(_RAISED_FORM))
        position = end
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def _blocks(text: str, start: int = 0) -> list[tuple[int, int]]:
    blocks, position = [], start
    while position < len(text):
        cut = text.find("\n\n", position)
        end = len(text) if cut == -1 else cut
        if text[position:end].strip():
            blocks.append((position, end))
        position = end + 2 if cut != -1 else len(text)
    return blocks


def _list_heading(text: str) -> tuple[int, int] | None:
    """The last block of the text that is a reference-list heading, with entries after it."""
    if text.isascii():  # where lower case is the regex's case-insensitive match, letter for letter
        lowered = text.lower()
        if not any(word in lowered for word in _HEADING_WORDS):
            return None  # a few scans in C instead of a look at each block (40,000 in 1 MB)
    found = None
    for start, end in _blocks(text):
        line_end = text.find("\n", start, end)
        first = text[start:end if line_end == -1 else line_end]
        if _HEADING.fullmatch(first) and (line_end != -1 or end < len(text)):
            found = (start, start + len(first))
    return found


def _entries(text: str, after: int) -> tuple[list[FoundEntry], int]:
    """The entries after the heading ending at `after`, and where the list ends."""
    entries: list[FoundEntry] = []
    end_of_list = after
    for start, end in _blocks(text, after):
        pieces = _numbered_pieces(text, start, end, len(entries) + 1)
        if pieces:
            entries.extend(pieces)
        elif _REFERENCE_LIKE.search(text, start, end):
            body = text[start:end].strip()
            entries.append(FoundEntry(len(entries) + 1, " ".join(body.split()), start, end))
        else:
            break
        end_of_list = end
        if len(entries) >= MAX_ENTRIES:
            break
    return entries, end_of_list


def _numbered_pieces(text: str, start: int, end: int, expected: int) -> list[FoundEntry]:
    """The explicitly numbered entries of one block ("1. A ... 2. B ..."), each number the next."""
    block = text[start:end]
    first = _ENTRY_NUMBER.match(block.lstrip())
    if first is None or int(first.group(1) or first.group(2)) != expected:
        return []
    cuts: list[tuple[int, int, int]] = []  # (number, start of the number, start of the text)
    offset = len(block) - len(block.lstrip())
    cuts.append((expected, offset, offset + first.end()))
    for match in re.finditer(r"(?:^|(?<=\s))" + _ENTRY_NUMBER.pattern, block):
        number = int(match.group(1) or match.group(2))
        if match.start() > cuts[-1][2] and number == cuts[-1][0] + 1:
            cuts.append((number, match.start(), match.end()))
    pieces = []
    for index, (number, _, body_start) in enumerate(cuts):
        body_end = cuts[index + 1][1] if index + 1 < len(cuts) else len(block)
        body = " ".join(block[body_start:body_end].split())
        pieces.append(FoundEntry(number, body, start + body_start, start + body_end))
    return pieces


def _marks(text: str, superscripts: Sequence[tuple[int, int]]) -> list[FoundMark]:
    marks = [FoundMark(_numbers(m.group(1)), m.start(), m.end()) for m in _BRACKET_MARK.finditer(text)]
    for match in _UNICODE_MARK.finditer(text):
        plain = match.group().translate({ord(d): str(i) for i, d in enumerate(_SUPERSCRIPT_DIGITS)})
        marks.append(FoundMark(_numbers(plain.replace("\u207b", "-")), match.start(), match.end()))
    for start, end in superscripts:
        if end <= len(text) and _NUMERALS.fullmatch(text[start:end].strip()):
            marks.append(FoundMark(_numbers(text[start:end]), start, end))
    # right after a digit a superscript is an exponent (10⁶, 10<sup>6</sup>), not a mark
    marks = [m for m in marks if m.start == 0 or not text[m.start - 1].isdigit() or text[m.start] == "["]
    marks.sort(key=lambda m: m.start)
    kept: list[FoundMark] = []
    for mark in marks:  # a superscript "[1]" is one mark, not two
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


def _numbers(written: str) -> tuple[int, ...]:
    """The entry numbers of "1, 3" or "2-4" (a range of at most MAX_ENTRIES)."""
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", written.strip()):
        bounds = re.split(r"\s*[\u2013-]\s*", part)
        if len(bounds) == 2 and all(bound.isdigit() for bound in bounds):
            first, last = int(bounds[0]), int(bounds[1])
            if not 0 < last - first < MAX_ENTRIES:
                return ()
            numbers.extend(range(first, last + 1))
        elif part.isdigit():
            numbers.append(int(part))
    return tuple(n for n in numbers if n > 0)


def _merge(ranges: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
