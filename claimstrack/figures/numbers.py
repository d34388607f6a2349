"""Number words, scale words and digit strings: the lexicon and the small parsers over it.

Everything here works on short strings the grammar has already isolated, so nothing scans a
whole document; the word lists also build the trie regex the master scanner uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
#: Scale words after a number ("42 million"); "hundred" is handled apart (it multiplies).
SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "crore": 1e7,
}
#: Scale suffixes written after digits, with or without a space ("$3.5bn", "100k", "2.33 k").
SCALE_ABBREVIATIONS = {
    "k": 1e3, "mn": 1e6, "mm": 1e6, "mil": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "tln": 1e12,
    "trn": 1e12,
}
#: Single-letter scale suffixes, read only where they cannot be a physical unit (money, "5K").
LETTER_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
#: Ordinal words -> their number ("third most prevalent" is a rank).
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}
#: Fraction denominators as words ("two-thirds", "a quarter").
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
#: Multiplicatives: "twice as likely" (ratio), "twice a week" (frequency); "once" only as
#: how often ("once a year"), never on its own ("once you sign up").
MULTIPLICATIVES = {"once": 1, "twice": 2, "thrice": 3}
#: Verbs of multiplication: "has tripled" is a ratio of 3 ("more than tripled": over 3).
MULTIPLIED = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4, "quintupled": 5}
#: Plural scale words name no number ("dozens of medications", "millions of people").
VAGUE = {"dozens", "scores", "hundreds", "thousands", "millions", "billions", "trillions"}

NUMBER_WORDS: frozenset[str] = frozenset(
    [*UNITS, *TEENS, *TENS, "hundred", *SCALES, "dozen", *ORDINALS, *DENOMINATORS,
     *MULTIPLICATIVES, *MULTIPLIED, *VAGUE, "couple"]
)


def trie_pattern(words: frozenset[str] | set[str]) -> str:
    """A regex alternation for `words`, factored by common prefix (much faster to scan)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(trie)


#: Letters by how often English words start with or hold them. Sibling branches of the trie
#: start with different characters, so at most one can match and their order changes no match;
#: the regex engine tries them in turn, so the common letters (and lower case) go first.
_COMMON_FIRST = "tasoiwcbphfmdrelngyuvkjqxz"


def _branch_order(char: str) -> tuple[bool, int, str]:
    """Lower case first, then the common letters, then any other character."""
    rank = _COMMON_FIRST.find(char.lower())
    return char.isupper(), rank if rank >= 0 else len(_COMMON_FIRST), char


def _emit(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _emit(node[char]) for char in sorted(node, key=_branch_order) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def cased(words: frozenset[str]) -> set[str]:
    """Lower, Capitalised and UPPER forms, so the scanner needs no IGNORECASE (it is slower)."""
    return {form for word in words for form in (word, word.capitalize(), word.upper())}


# ---------------------------------------------------------------------------------------------
# Digits

_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")


def parse_digits(token: str) -> tuple[float, float] | None:
    """Value and precision of "42", "1,234", "92.5", "0.25"; None for anything else.

    >>> parse_digits("1,234.50")
    (1234.5, 0.01)
    """
    if token.isdigit() and token.isascii():
        return float(token), 1.0  # whole digits, the common case, without a regex
    if "," in token:
        if not _GROUPED.fullmatch(token):
            return None
        token = token.replace(",", "")
    elif not _PLAIN.fullmatch(token):
        return None
    decimals = len(token) - token.index(".") - 1 if "." in token else 0
    return float(token), 10.0 ** -decimals


# ---------------------------------------------------------------------------------------------
# Words


@attrs.frozen
class WordNumber:
    """A parsed run of number words: its value and how many words of the run it used."""

    value: float
    used: int
    form: str  # cardinal | fraction | ordinal | times | vague
    precision: float = 1.0


def parse_words(words: list[str], with_article: bool = False) -> WordNumber | None:
    """Read the longest number at the start of lower-cased `words`.

    `with_article` says an "a"/"an" came before ("a dozen", "a third", "a couple").

    >>> parse_words(["forty", "two", "million"]).value
    42000000.0
    """
    first = words[0]
    if first in VAGUE:
        return WordNumber(0.0, 1, "vague")
    if first in MULTIPLICATIVES:
        return WordNumber(float(MULTIPLICATIVES[first]), 1, "times")
    if first == "couple":
        return WordNumber(2.0, 1, "cardinal") if with_article else None
    if first in DENOMINATORS and (with_article or first in ("half", "halves")) and first != "fourth":
        return _fraction_tail(1.0, 0, words)
    if first in ORDINALS and not with_article:
        return WordNumber(float(ORDINALS[first]), 1, "ordinal")
    return _cardinal(words, with_article)


def _fraction_tail(numerator: float, index: int, words: list[str]) -> WordNumber:
    denominator = DENOMINATORS[words[index]]
    value = numerator / denominator
    nxt = words[index + 1] if index + 1 < len(words) else ""
    if nxt in SCALES:  # "quarter million", "half a billion" is not reached (article split)
        return WordNumber(value * SCALES[nxt], index + 2, "cardinal", SCALES[nxt] / denominator)
    return WordNumber(value, index + 1, "fraction", 0.0)


def _cardinal(words: list[str], with_article: bool) -> WordNumber | None:
    run = _Run()
    for i in range(len(words)):
        step = _cardinal_step(run, words, i)
        if isinstance(step, WordNumber):
            return step
        if not step:
            break
        run.used = i + 1
    if run.used == 0:
        return None
    precision = 1.0 if run.current else run.precision
    return WordNumber(run.total + run.current, run.used, "cardinal", precision)


@attrs.define
class _Run:
    """A cardinal being read word by word: "two million three hundred forty"."""

    total: float = 0.0  # what the scale words have closed ("two million")
    current: float = 0.0  # the open group below the last scale ("three hundred forty")
    used: int = 0
    last_scale: float = float("inf")
    precision: float = 1.0


# A step reads words[i] into the run: True (taken, go on), False (stop before it), a WordNumber
# (the number ends here, read another way), or None (not its kind of word: try the next step).
_Step = bool | WordNumber | None


def _cardinal_step(run: _Run, words: list[str], i: int) -> bool | WordNumber:
    for step in _CARDINAL_STEPS:
        taken = step(run, words, i)
        if taken is not None:
            return taken
    return False


def _unit_word(run: _Run, words: list[str], i: int) -> _Step:
    if words[i] not in UNITS:
        return None
    return _add_to_group(run, UNITS[words[i]], 10)


def _tens_word(run: _Run, words: list[str], i: int) -> _Step:
    word = words[i]
    if word not in TEENS and word not in TENS:
        return None
    return _add_to_group(run, TEENS.get(word) or TENS[word], 100)


def _add_to_group(run: _Run, value: int, size: int) -> bool:
    if run.used and not _slot_open(run.current, size):
        return False
    run.current += value
    return True


def _hundred_word(run: _Run, words: list[str], i: int) -> _Step:
    if words[i] != "hundred":
        return None
    if run.current % 100 == 0 and (run.current or run.used):
        return False  # "hundred hundred", "two hundred hundred"
    run.current = (run.current or 1) * 100
    return True


def _dozen_word(run: _Run, words: list[str], i: int) -> _Step:
    """The word "dozen" multiplies and ends the number ("two dozen")."""
    if words[i] != "dozen":
        return None
    run.current = (run.current or 1) * 12
    run.used = i + 1
    return False


def _scale_word(run: _Run, words: list[str], i: int) -> _Step:
    if words[i] not in SCALES:
        return None
    scale = SCALES[words[i]]
    if scale >= run.last_scale:
        return False  # "million thousand" is two numbers
    run.total += (run.current or 1) * scale
    run.current = 0
    run.last_scale = scale
    run.precision = scale
    return True


def _denominator_word(run: _Run, words: list[str], i: int) -> _Step:
    word = words[i]
    if not (word in DENOMINATORS and run.used and run.total == 0 and 0 < run.current < 20):
        return None
    plural = word.endswith("s") or word == "half"
    if word in ORDINALS and not plural and run.current != 1:
        return False  # "two third" is not English; "one third" and "two thirds" are
    return _fraction_tail(run.current, i, words)


def _ordinal_word(run: _Run, words: list[str], i: int) -> _Step:
    if words[i] not in ORDINALS or not run.used:
        return None
    ordinal = ORDINALS[words[i]]
    if run.current % 100 == 0 or ordinal >= 10:
        return WordNumber(run.total + run.current + ordinal, i + 1, "ordinal")
    return False


_CARDINAL_STEPS: tuple[Callable[[_Run, list[str], int], _Step], ...] = (
    _unit_word, _tens_word, _hundred_word, _dozen_word, _scale_word, _denominator_word,
    _ordinal_word,
)


def _slot_open(current: float, size: int) -> bool:
    """True when the last `size` places of `current` are empty (or only tens, for units)."""
    rest = current % 100
    if size == 100:
        return rest == 0
    return rest == 0 or (rest >= 20 and rest % 10 == 0)


_PHRASE_WORD = re.compile(r"[A-Za-z]+")


def words_value(phrase: str) -> float | None:
    """The number a whole phrase of number words names, or None if any word is left over.

    >>> words_value("Twenty-three thousand four hundred fifty-one")
    23451.0
    """
    words = [w.lower() for w in _PHRASE_WORD.findall(phrase) if w.lower() != "and"]
    if not words:
        return None
    article = words[0] in ("a", "an")
    if article:
        words = words[1:]
    if not words or any(w not in NUMBER_WORDS for w in words):
        return None
    parsed = parse_words(words, article)
    if parsed is None or parsed.used != len(words) or parsed.form == "vague":
        return None
    return parsed.value
