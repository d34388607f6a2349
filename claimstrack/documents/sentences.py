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

#: A blank line (a block break): ends any sentence.
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")

#: End punctuation, closing quotes/brackets, then whitespace. Each part has its own character
#: class, so the pattern cannot backtrack more than the length of the whitespace run.
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+")

_OPENERS = "\"'\u201c\u2018([*_"
_WORD_START = re.compile(r"[\s(\[\"'\u201c]")


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence ranges (start, end) in `text`, without surrounding whitespace."""
    sentences: list[tuple[int, int]] = []
    block_start = 0
    for match in _BLOCK_BREAK.finditer(text):
        _split_block(text, block_start, match.start(), sentences)
        block_start = match.end()
    _split_block(text, block_start, len(text), sentences)
    return tuple(sentences)


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
    if start < end:
        out.append((start, end))
