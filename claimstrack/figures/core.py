"""The number itself: a digit run or a phrase of number words, read into a `Core`.

A digit run meets the digit-run exclusions first (DOIs, URLs, product codes, phone numbers),
then is parsed, or split at its separator ("2-72", "1/3", "42:1"). Number words are read as far
as they go ("two hundred and fifty", "half a million", "three and a half billion").
"""

from __future__ import annotations

import re

from claimstrack.figures import exclusions, numbers
from claimstrack.figures.exclusion_checks import DIGIT_RUN_CHECKS, PLAIN_RUN, run_key
from claimstrack.figures.left import left_tokens
from claimstrack.figures.patterns import (
    AND_A_HALF,
    ARTICLE_LEFT,
    HALF_A,
    NO_UNIT_AFTER,
    OF,
    ONE_OF,
    RUN_TRAILING,
    SCALE_RIGHT,
    TO_ONE,
    VAGUE_BEFORE,
    WORD_AT,
    WORD_SEPARATOR,
)
from claimstrack.figures.readings import Core, DigitRun, Reject

_SEPARATORS = frozenset(":/-–")  # a run with one is a ratio, fraction, range, date or time


def read_core(text: str, start: int, end: int, digits: bool) -> Core:
    """The number a token found at text[start:end] starts (a digit run if `digits`, else a
    number word): its value, precision and end."""
    if digits:
        return _digit_core(text, start, text[start:end])
    return _word_core(text, start, end)


def _digit_core(text: str, start: int, token: str) -> Core:
    """A digit run: set aside by the digit-run checks, split at a separator, or parsed."""
    run = token.rstrip(RUN_TRAILING)
    end = start + len(run)
    if run_key(text, start, end, run) != PLAIN_RUN:  # a plain run meets no check (most runs)
        DIGIT_RUN_CHECKS.apply(DigitRun(text, start, end, run))
    if not _SEPARATORS.isdisjoint(run):
        return _separated_core(text, start, end, run)
    parsed = numbers.parse_digits(run)
    if parsed is None:
        if run.count(".") >= 2 and "," not in run:
            raise Reject("version", end)
        if "," in run:
            raise Reject("number list", end)
        raise Reject("malformed number", end)
    return Core(start, end, parsed[0], parsed[1], run)


def _separated_core(text: str, start: int, end: int, run: str) -> Core:
    """A run with separators: a ratio ("42:1"), a fraction ("1/3") or a range ("2-72"); or a date,
    time, phone number or sequence, set aside."""
    ratio = _to_one_core(start, end, run)
    if ratio is not None:
        return ratio
    reason = exclusions.classify_run(run)
    if reason is not None:
        raise Reject(reason, end)
    if "/" in run:
        return _slash_core(start, end, run)
    if ":" in run:
        raise Reject("colon notation", end)
    return _range_core(text, start, end, run)


def _to_one_core(start: int, end: int, run: str) -> Core | None:
    """ "a 42:1 return": 42 to one."""
    to_one = TO_ONE.fullmatch(run)
    if to_one is None:
        return None
    parsed = numbers.parse_digits(to_one.group(1))
    if parsed is None:
        return None
    return Core(start, end, parsed[0], parsed[1], run, ratio=True)


def _slash_core(start: int, end: int, run: str) -> Core:
    """A fraction ("1/3"); a reading ("140/90"), a date or a sequence is set aside."""
    parts = run.split("/")
    if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit() and int(parts[1]):
        if int(parts[0]) > int(parts[1]) > 12:
            raise Reject("reading such as 140/90 (not a share)", end)
        value = int(parts[0]) / int(parts[1])
        return Core(start, end, value, None, run, fraction=True)
    raise Reject("date" if len(parts) == 3 else "number sequence", end)


def _range_core(text: str, start: int, end: int, run: str) -> Core:
    """A range written with a dash ("2-72"); a span of years, a phone number or a sequence is
    set aside."""
    parts = re.split("[-–]", run)
    if len(parts) != 2:
        raise Reject("number sequence", end)
    low, high = numbers.parse_digits(parts[0]), numbers.parse_digits(parts[1])
    if low is None or high is None:
        raise Reject("number sequence", end)
    if exclusions.is_year(low[0], parts[0]) and (exclusions.is_year(high[0], parts[1]) or len(parts[1]) == 2):
        raise Reject("year", end)
    if len(parts[0]) == 3 and len(parts[1]) == 4 and _phone_context(text, start):
        raise Reject("phone number", end)
    if high[0] < low[0]:
        raise Reject("number sequence", end)
    return Core(start, end, low[0], low[1], run, high_value=high[0], high_precision=high[1])


def _phone_context(text: str, start: int) -> bool:
    """Whether the words before say a phone number follows ("call 555-0199")."""
    words = left_tokens(text, start).words
    return any(word in exclusions.PHONE_CUES for word in words[-3:]) or (bool(words) and words[-1] in (")", ":"))


#: Why "one of the", "one of our" is set aside.
PRONOUN_ONE = "the word one (no quantity)"


def pronoun_one(text: str, start: int, end: int) -> bool:
    """Whether the number word at text[start:end] is the pronoun one ("one of our specialists"):
    common in prose, and told by one match before anything is read."""
    return end - start == 3 and text[start + 1 : end] == "ne" and text[start] in "oO" and (
        ONE_OF.match(text, end) is not None
    )


def _word_core(text: str, start: int, word_end: int) -> Core:
    """A phrase of number words: "twenty-five", "two hundred and fifty", "half a million"."""
    word = text[start:word_end]
    first = word.lower()
    if first in numbers.MULTIPLIED:
        return Core(start, word_end, float(numbers.MULTIPLIED[first]), 1.0, word, word_form="multiplied")
    words, ends = _number_words(text, first, word_end)
    article = ARTICLE_LEFT.search(text, max(0, start - 5), start)
    with_article = article is not None and article.group(1).lower() in ("a", "an")
    parsed = _parse_number_words(words, ends, with_article)
    end = ends[parsed.used - 1]
    _check_names_quantity(text, start, end, first, parsed.form, with_article=with_article)
    article_start = start - len(article.group()) if with_article and article else None
    value, precision, form, end = _word_tails(text, parsed, words[parsed.used - 1], end)
    if first == "couple" and with_article:
        of = OF.match(text, end)
        if of is not None:
            end = of.end()
    return Core(start, end, value, precision, text[start:end], word_form=form,
                fraction=form == "fraction", article_start=article_start)


def _parse_number_words(words: list[str], ends: list[int], with_article: bool) -> numbers.WordNumber:
    """The number the words start with; a lone ordinal or scale word is set aside."""
    parsed = numbers.parse_words(words, with_article)
    if parsed is not None:
        return parsed
    if words[0] in numbers.ORDINALS or words[0] in numbers.DENOMINATORS:
        raise Reject("", ends[0])
    raise Reject("scale word without a number", ends[0])


def _check_names_quantity(text: str, start: int, end: int, first: str, form: str, *,
                          with_article: bool) -> None:
    """Set aside number words that name no quantity: "dozens", "many thousands", a bare
    "million"."""
    if form == "vague":
        raise Reject("vague quantity", end)
    if first in numbers.SCALES or first == "hundred":
        left = left_tokens(text, start).words
        if left and left[-1] in VAGUE_BEFORE:
            raise Reject("vague quantity", end)
    if first in numbers.SCALES and not with_article:
        raise Reject("scale word without a number", end)


def _number_words(text: str, first: str, first_end: int) -> tuple[list[str], list[int]]:
    """The number words from the first on ("two hundred and fifty"), lower-cased, with their ends."""
    words, ends = [first], [first_end]
    pos = first_end
    while len(words) < 16:
        sep = WORD_SEPARATOR.match(text, pos)
        if sep is None:
            break
        word = WORD_AT.match(text, sep.end())
        if word is None:
            break
        lower = word.group().lower()
        if lower in numbers.UNITS and words[-1] in NO_UNIT_AFTER:
            break  # "one one", "ten two": a new number starts here
        words.append(lower)
        ends.append(word.end())
        pos = word.end()
    return words, ends


def _word_tails(text: str, parsed: numbers.WordNumber, last: str, end: int
                ) -> tuple[float, float | None, str, int]:
    """"half a million", "three and a half billion": the value, precision, form and end once
    the words after the phrase are read."""
    precision: float | None
    value, precision, form = parsed.value, parsed.precision, parsed.form
    if form == "fraction" and last in ("half", "halves"):
        half_of = HALF_A.match(text, end)
        if half_of is not None:  # "half a dozen", "half a million"
            scale = 12.0 if half_of.group(1) == "dozen" else (
                100.0 if half_of.group(1) == "hundred" else numbers.SCALES[half_of.group(1)])
            value, precision, form, end = value * scale, scale / 2, "cardinal", half_of.end()
    if form == "cardinal":
        half = AND_A_HALF.match(text, end)
        if half is not None:
            value += 1 / numbers.DENOMINATORS[half.group(1)]
            precision, end = None, half.end()
            scale_word = SCALE_RIGHT.match(text, end)
            if scale_word is not None and scale_word.group(1).lower() in numbers.SCALES:
                factor = numbers.SCALES[scale_word.group(1).lower()]
                value, precision, end = value * factor, factor / 2, scale_word.end()
    return value, precision, form, end
