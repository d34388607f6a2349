"""Sentence splitting: linear time, block-aware, careful with abbreviations and decimals."""

from __future__ import annotations

import re

#: Words ending in a period that do not end a sentence (compared lower-cased).
ABBREVIATIONS = frozenset(
    {
        "e.g.", "i.e.", "etc.", "dr.", "mr.", "mrs.", "ms.", "vs.", "u.s.", "u.k.", "approx.",
        "no.", "st.", "inc.", "fig.", "al.", "cf.", "ca.", "jr.", "sr.", "prof.", "figs.",
        "vol.", "pp.", "p.", "eds.", "ref.", "refs.", "dept.",
    }
)  # fmt: skip

#: A blank line (a block break): ends any sentence.
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")

#: End punctuation, then closing quotes and brackets. Each part has its own character class
#: and takes its run whole (possessive), and a match starts only at the start of a run of
#: punctuation, so 1 MB of "....." is scanned once, not once per dot. The pattern opens with
#: the punctuation itself and looks behind it afterwards (a lookbehind first would keep the
#: regex engine from skipping ahead to the next ".", "!" or "?": 2.4x slower on prose).
_STOP = r"[.!?](?<![.!?][.!?])"
_CLOSING = r"[.!?]*+[\"'\u201d\u2019)\]]*+"
_PUNCTUATION = _STOP + _CLOSING

_OPENERS = "\"'\u201c\u2018([*_"
#: Where a word starts: after a blank, an opening bracket or quote (or at the text's start).
_WORD_START_CHARS = "\\s(\\[\"'\u201c"


def _any_case(char: str) -> str:
    """A pattern of `char` in either case, as `str.lower()` folds it (the Kelvin sign is a k)."""
    if not char.isalpha():
        return re.escape(char)
    return "[kK\u212a]" if char == "k" else f"[{char}{char.upper()}]"


def _not_after_abbreviation() -> str:
    """Lookbehinds, one per length, that fail just after a listed abbreviation's full stop: the
    whole word, from where a word starts, in any case."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(ABBREVIATIONS):
        by_length.setdefault(len(word), []).append("".join(_any_case(char) for char in word))
    return "".join(f"(?<!(?<![^{_WORD_START_CHARS}])(?:{'|'.join(words)}))" for _, words in sorted(by_length.items()))


#: The end of a sentence where another starts: the punctuation (group 1) but not an
#: abbreviation's full stop, all the whitespace, then an opener or none and an ASCII capital or
#: digit (group 2: a sentence starts there) or a character past ASCII (`_starts_sentence`
#: tells). The sentence ends where its whitespace starts, so nothing is stripped; an end that
#: no sentence follows (an abbreviation, a lower-case word, the block's end) is passed over in C.
_BOUNDARY = re.compile(
    rf"({_STOP}{_not_after_abbreviation()}{_CLOSING})\s++"
    rf"(?=[{re.escape(_OPENERS)}]?([A-Z0-9])|[{re.escape(_OPENERS)}]?[^\x00-\x7f])"
)

#: The longest sentence, in characters. Text with no full stops (a table pasted as text, an
#: export, a list) would otherwise be one sentence as long as the file, and every figure's
#: sentence-wide work would make the check quadratic. Longer runs are cut at a space.
MAX_SENTENCE = 1000
#: How far back from the cap a space is looked for before cutting mid-word.
_CUT_LOOKBACK = 200

#: In plain text, a line shorter than this ends its sentence (a heading, a list or table row):
#: hard-wrapped prose fills its lines, so only its last line is this short.
SHORT_LINE = 50
#: The start of a line that begins a new item: a bullet, "3." or "b)", a table row, a heading.
_NEW_ITEM = re.compile(r"[ \t]*(?:[-*+\u2022\u2023\u25e6\u2043\u2013\u2014|#>](?:[ \t]|$)|\|"
                       r"|[0-9]{1,3}[.)][ \t]|[A-Za-z][.)][ \t])")


def split_sentences(text: str, *, line_breaks: bool = False) -> tuple[tuple[int, int], ...]:
    """Sentence ranges (start, end) in `text`, without surrounding whitespace.

    With `line_breaks` (plain text, where a line break is all that separates list items and
    table rows), a line break also ends a sentence when the line is short or the next line
    starts a new item. No sentence is longer than MAX_SENTENCE characters.
    """
    sentences: list[tuple[int, int]] = []
    split = _split_lines if line_breaks else _split_block
    block_start = 0
    for match in _BLOCK_BREAK.finditer(text):
        split(text, block_start, match.start(), sentences)
        block_start = match.end()
    split(text, block_start, len(text), sentences)
    return tuple(sentences)


def _split_lines(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Split a block at the line breaks that end an item (plain text), then into sentences."""
    newline = text.find("\n", start, end)
    width = _widest_line(text, start, end) if newline != -1 else 0  # a one-line block has no breaks
    part_start = line_start = start
    while newline != -1:
        line = text[line_start:newline].strip()
        short = len(line) < SHORT_LINE or _not_a_wrap(text, len(line), newline + 1, end, width)
        if short or _NEW_ITEM.match(text, newline + 1, end):
            _split_block(text, part_start, newline, out)
            part_start = newline + 1
        line_start = newline + 1
        newline = text.find("\n", line_start, end)
    _split_block(text, part_start, end, out)


def _widest_line(text: str, start: int, end: int) -> int:
    return max(len(line.strip()) for line in text[start:end].split("\n"))


_FIRST_WORD = re.compile(r"[ \t]*(\S+)")


def _not_a_wrap(text: str, length: int, next_start: int, end: int, width: int) -> bool:
    """True when the next line's first word would have fit on this line within the block's
    widest line: prose wrapped at a width moves a word down only when it does not fit, so the
    break ends an item ("Email has a ROI of $42 for every $1 spent" then "58% of marketers")."""
    word = _FIRST_WORD.match(text, next_start, end)
    return word is not None and length + 1 + len(word.group(1)) <= width


def _split_block(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        after = match.end()
        if match.group(2) is None and not _starts_sentence(text, after, end):
            continue
        stop = match.end(1)
        if stop - sentence_start <= MAX_SENTENCE and not text[sentence_start].isspace():
            out.append((sentence_start, stop))  # what _add would give: nothing to strip or cut
        else:
            _add(text, sentence_start, stop, out)
        sentence_start = after
    _add(text, sentence_start, end, out)


def _starts_sentence(text: str, index: int, end: int) -> bool:
    """An upper-case letter or digit, possibly after one opening quote or bracket."""
    char = text[index]
    if char in _OPENERS and index + 1 < end:
        char = text[index + 1]
    return char.isupper() or char.isdigit()


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _cut(text, start, start + MAX_SENTENCE)
        _add(text, start, cut, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))


def _cut(text: str, start: int, limit: int) -> int:
    """Where to cut an over-long sentence: after the last space before `limit`, else at it."""
    floor = max(start + 1, limit - _CUT_LOOKBACK)
    for index in range(limit, floor - 1, -1):
        if text[index - 1].isspace():
            return index
    return limit
