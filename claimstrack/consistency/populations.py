"""Qualifiers of a figure, read cheaply from the words around it: place, sex, age, time frame.

These are generic normalisation tables, not topic lexicons: "Americans", "people in the United
States" and "U.S. adults" all have place "us"; "each year", "annually" and "in a given year"
have time frame "year". `scan` finds every table's values in a folded text in one pass;
`figure_window` gives the clause around a figure; `base_of` tells a share ("92% of patients")
from a change ("50% reduction"). What a figure counts and what is said of it is read by
frames.py from the words themselves.

Everything is a word lookup over a bounded window, so it is linear in the sentence length and
has no regular expression that can backtrack.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from claimstrack.model import Figure

#: How many characters either side of a figure count as its own clause.
WINDOW = 90

# Phrase lexicons: (phrase, value). Phrases are matched on word boundaries of a lower-cased,
# punctuation-folded text (see `fold`), so "U.S." and "u.s" both read "u s".
PLACES: tuple[tuple[str, str], ...] = (
    ("united states", "us"), ("u s", "us"), ("usa", "us"), ("america", "us"), ("americans", "us"),
    ("american", "us"), ("nationwide", "us"),
    ("worldwide", "world"), ("globally", "world"), ("global", "world"), ("world", "world"),
    ("around the globe", "world"), ("across the globe", "world"), ("around the world", "world"),
    ("united kingdom", "uk"), ("u k", "uk"), ("britain", "uk"), ("british", "uk"), ("britons", "uk"),
    ("england", "uk"), ("canada", "canada"), ("canadians", "canada"), ("canadian", "canada"),
    ("europe", "europe"), ("european", "europe"), ("europeans", "europe"),
    ("australia", "australia"), ("australians", "australia"), ("australian", "australia"),
    ("india", "india"), ("china", "china"), ("japan", "japan"), ("germany", "germany"),
    ("france", "france"),
)
SEXES: tuple[tuple[str, str], ...] = (
    ("women", "women"), ("woman", "women"), ("female", "women"), ("females", "women"),
    ("girls", "women"), ("mothers", "women"), ("men", "men"), ("man", "men"), ("male", "men"),
    ("males", "men"), ("boys", "men"), ("fathers", "men"),
)
AGES: tuple[tuple[str, str], ...] = (
    ("children", "children"), ("child", "children"), ("kids", "children"), ("pediatric", "children"),
    ("paediatric", "children"), ("adolescents", "children"), ("teens", "children"),
    ("teenagers", "children"), ("infants", "children"), ("babies", "children"),
    ("adults", "adults"), ("adult", "adults"), ("grown ups", "adults"),
    ("seniors", "older"), ("elderly", "older"), ("older adults", "older"), ("older people", "older"),
    ("over 65", "older"), ("aged 65", "older"), ("retirees", "older"),
)
TIME_FRAMES: tuple[tuple[str, str], ...] = (
    ("lifetime", "lifetime"), ("in their lives", "lifetime"), ("in their life", "lifetime"),
    ("at some point", "lifetime"), ("ever", "lifetime"),
    ("annually", "year"), ("annual", "year"), ("each year", "year"), ("every year", "year"),
    ("per year", "year"), ("a year", "year"), ("in a given year", "year"), ("any given year", "year"),
    ("per annum", "year"), ("yearly", "year"),
    ("past year", "year"), ("last year", "year"), ("past 12 months", "year"),
    ("each month", "month"), ("every month", "month"), ("per month", "month"), ("a month", "month"),
    ("monthly", "month"), ("each week", "week"), ("per week", "week"), ("a week", "week"),
    ("weekly", "week"), ("every week", "week"), ("each day", "day"), ("every day", "day"), ("per day", "day"),
    ("a day", "day"), ("daily", "day"),
)
#: Words after a percentage that make it a change, not a share of a group.
CHANGE_WORDS = frozenset(
    "reduction decrease increase drop rise improvement fewer more less lower higher faster "
    "slower reduced increased decreased cut boost gain loss".split()
)


# ---------------------------------------------------------------------------------------------
# Text folding and phrase lookup


#: Upper-case words that mean a place only when written in capitals ("us" is a pronoun).
_CAPITAL_WORDS = {"US": "u s", "UK": "u k", "EU": "europe"}


#: A run of alphanumeric characters (str.isalnum): word characters without the underscore.
_ALNUM_RUN = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, every non-alphanumeric run as one space, padded with spaces."""
    # One regular-expression pass, not a Python loop per character: this runs for every figure.
    words = _ALNUM_RUN.findall(text)
    if _CAPITAL_WORDS.keys().isdisjoint(words):  # nearly always: lower the text in one call
        return " " + " ".join(words).lower() + " "
    return " " + " ".join([_CAPITAL_WORDS.get(word, word.lower()) for word in words]) + " "


def _index(lexicon: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {f" {phrase} ": value for phrase, value in lexicon}


_PLACES = _index(PLACES)
_SEXES = _index(SEXES)
_AGES = _index(AGES)
_TIMES = _index(TIME_FRAMES)
_TABLES = {"place": _PLACES, "sex": _SEXES, "age": _AGES, "time": _TIMES}
# One index over every lexicon, so a text is scanned once for all of them.
_ALL: dict[str, list[tuple[str, str]]] = {}
for _name, _table in _TABLES.items():
    for _phrase, _value in _table.items():
        _ALL.setdefault(_phrase, []).append((_name, _value))


#: The sizes in words of the lexicon phrases that start with each word, smallest first.
_SIZES: dict[str, tuple[int, ...]] = {}
for _phrase in _ALL:
    _words = _phrase.split()
    _SIZES[_words[0]] = tuple(sorted({*_SIZES.get(_words[0], ()), len(_words)}))
#: The second words of the lexicon phrases of two words or more, by their first word: a run is
#: built and looked up only after a first word ("a", "in", "at") that its second word can follow.
_SECONDS: dict[str, frozenset[str]] = {}
for _phrase in _ALL:
    _words = _phrase.split()
    if len(_words) > 1:
        _SECONDS[_words[0]] = _SECONDS.get(_words[0], frozenset()) | {_words[1]}


def lexicon_phrases(folded: str) -> list[tuple[int, str]]:
    """Every lexicon phrase in a folded text, with the word index it starts at, in reading
    order (at one start, shorter phrases first); only the runs some phrase could fill are built."""
    words = folded.split()
    found = []
    for start, word in enumerate(words):
        sizes = _SIZES.get(word)
        if sizes is None:
            continue
        for size in sizes:
            if size == 1:
                found.append((start, f" {word} "))
            elif start + size <= len(words) and words[start + 1] in _SECONDS[word]:
                phrase = " " + " ".join(words[start : start + size]) + " "
                if phrase in _ALL:
                    found.append((start, phrase))
    return found


def _first_folded_words(text: str, count: int) -> list[str]:
    """The first `count` words of `fold(text).split()`, without folding all of the text."""
    words: list[str] = []
    if count <= 0:
        return words
    for match in _ALNUM_RUN.finditer(text):
        word = match.group()
        words.extend(_CAPITAL_WORDS.get(word, word.lower()).split())
        if len(words) >= count:
            break
    return words[:count]


def scan(folded: str) -> dict[str, list[str]]:
    """Every lexicon value in a folded text, by lexicon name, in reading order (one pass)."""
    return scan_phrases(lexicon_phrases(folded))


def scan_phrases(found_phrases: Iterable[tuple[int, str]]) -> dict[str, list[str]]:
    """`scan` of phrases already listed (for callers that also read the phrases themselves)."""
    found: dict[str, list[str]] = {}
    for _, phrase in found_phrases:
        for name, value in _ALL.get(phrase, ()):
            found.setdefault(name, []).append(value)
    return found


def pick(found: dict[str, list[str]], name: str) -> str | None:
    """The first value of a table in a scan."""
    values = found.get(name)
    return values[0] if values else None


# ---------------------------------------------------------------------------------------------
# Facets


def figure_window(figure: Figure, sentence: str, position: int | None = None) -> tuple[str, str]:
    """The clause text before and after the figure within its sentence (bounded).

    `position` is where the figure starts in the sentence; when not given it is searched for.
    """
    if position is None or sentence[position : position + len(figure.text)] != figure.text:
        position = sentence.find(figure.text)
    if position < 0:
        return sentence[-WINDOW:], ""
    before = sentence[max(0, position - WINDOW) : position]
    after = sentence[position + len(figure.text) : position + len(figure.text) + WINDOW]
    return _clause_tail(before), _clause_head(after)


def _clause_tail(text: str) -> str:
    """The part of `text` after its last clause break (; or : or a sentence dash)."""
    last = _LAST_TAIL_BREAK.match(text)  # where the last break starts: one search, not one per mark
    return text[last.start(1) + 1 :] if last is not None else text


#: The clause breaks `_clause_tail` cuts at; the greedy `.*` makes the match's group the last
#: one (the rightmost start of any of them, the largest of their `rfind`s).
_TAIL_BREAKS = (";", ":", " - ", " and ", " while ", " but ", " compared ", " versus ", " vs")
_LAST_TAIL_BREAK = re.compile(r"(?s:.*)(" + "|".join(map(re.escape, _TAIL_BREAKS)) + ")")


def _clause_head(text: str) -> str:
    """The part of `text` before the next clause break or the next number."""
    end = len(text)
    for mark in (";", ":", " - ", ", while", " while ", " but ", " compared ", " versus ", " vs", " and "):
        at = text.find(mark)
        if 0 <= at < end:
            end = at
    head = text[:end]
    if head.isascii():  # nearly always: the digits are 0-9, found at C speed
        digit = _ASCII_DIGIT.search(head)
        return head if digit is None else head[: digit.start()]
    for i, char in enumerate(head):
        if char.isdigit():
            return head[:i]
    return head


_ASCII_DIGIT = re.compile(r"[0-9]")


def base_of(figure: Figure, after: str) -> str:
    """'share' for "92% of patients", 'change' for "50% reduction", 'amount' otherwise."""
    if figure.kind != "percent":
        return "amount"
    # Only the words after the number decide: "more than 90% of people" is a share.
    following = _words_after_sign(figure.text)
    if len(following) < 4:
        following = (*following, *_first_folded_words(after, min(3, 4 - len(following))))
    if any(word in CHANGE_WORDS for word in following):
        return "change"
    return "share"


@functools.lru_cache(maxsize=4096)
def _words_after_sign(text: str) -> tuple[str, ...]:
    """The first four folded words after a percent figure's sign (its texts repeat: "23% of
    women")."""
    sign = max(text.find("%"), text.lower().find("percent"))
    return tuple(fold(text[sign + 1 :] if sign >= 0 else "").split()[:4])
