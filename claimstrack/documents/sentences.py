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

#: The longest abbreviation, bounding how far back we look (keeps the scan linear).
_LONGEST = max(len(word) for word in ABBREVIATIONS)
_ENDINGS = tuple(sorted(ABBREVIATIONS))

#: A blank line (a block break): ends any sentence.
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")

#: End punctuation, closing quotes/brackets, then whitespace. Each part has its own character
#: class and takes its run whole (possessive), and a match starts only at the start of a run
#: of punctuation, so 1 MB of "....." is scanned once, not once per dot. The pattern opens with
#: the punctuation itself and looks behind it afterwards (a lookbehind first would keep the
#: regex engine from skipping ahead to the next ".", "!" or "?": 2.4x slower on prose).
_END = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*+[\"'\u201d\u2019)\]]*+\s+")

_OPENERS = "\"'\u201c\u2018([*_"
_WORD_START = re.compile(r"[\s(\[\"'\u201c]")

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
    block_start = 0
    for match in _BLOCK_BREAK.finditer(text):
        _split_lines(text, block_start, match.start(), sentences, line_breaks)
        block_start = match.end()
    _split_lines(text, block_start, len(text), sentences, line_breaks)
    return tuple(sentences)


def _split_lines(text: str, start: int, end: int, out: list[tuple[int, int]], line_breaks: bool) -> None:
    """Split a block at the line breaks that end an item (plain text only), then into sentences."""
    if line_breaks:
        width = _widest_line(text, start, end)
        part_start = line_start = start
        newline = text.find("\n", start, end)
        while newline != -1:
            line = text[line_start:newline].strip()
            short = len(line) < SHORT_LINE or _not_a_wrap(text, len(line), newline + 1, end, width)
            if short or _NEW_ITEM.match(text, newline + 1, end):
                _split_block(text, part_start, newline, out)
                part_start = newline + 1
            line_start = newline + 1
            newline = text.find("\n", line_start, end)
        start = part_start
    _split_block(text, start, end, out)


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
    for match in _END.finditer(text, start, end):
        after = match.end()
        if after >= end or not _starts_sentence(text, after, end):
            continue
        punctuation = match.start()
        if text[punctuation] == "." and _is_abbreviation(text, sentence_start, punctuation):
            continue
        _add(text, sentence_start, after, out)
        sentence_start = after
    _add(text, sentence_start, end, out)


def _starts_sentence(text: str, index: int, end: int) -> bool:
    """An upper-case letter or digit, possibly after one opening quote or bracket."""
    char = text[index]
    if char in _OPENERS and index + 1 < end:
        char = text[index + 1]
    return char.isupper() or char.isdigit()


def _is_abbreviation(text: str, sentence_start: int, period: int) -> bool:
    """Whether the word ending at `period` is a known abbreviation (looking back a bounded way)."""
    window_start = max(sentence_start, period - _LONGEST)
    # Most periods end a word no abbreviation ends: one test in C rules them out (the word
    # is the end of the window, so a listed word makes the window end with it).
    if not text[window_start : period + 1].lower().endswith(_ENDINGS):
        return False
    word_start = window_start
    for index in range(period - 1, window_start - 1, -1):
        if _WORD_START.match(text, index):
            word_start = index + 1
            break
    else:
        if window_start != sentence_start:
            return False  # the word is longer than any abbreviation
    return text[word_start : period + 1].lower() in ABBREVIATIONS


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
