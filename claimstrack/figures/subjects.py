"""Right context, the subject: the noun phrase a figure counts or qualifies ("of U.S. adults
with migraine"), its head noun, and the period of a frequency ("a month").
"""

from __future__ import annotations

import re

from claimstrack.figures import numbers, units
from claimstrack.figures.patterns import (
    COLLECTIVES,
    DETERMINERS,
    FREQUENCY,
    NEXT_WORD,
    NOUN_GROUP_END,
    OF,
    PP_PREPOSITIONS,
    PREDICATE_NOUN,
    THE_AFTER,
    TIME_PREPOSITIONS,
)
from claimstrack.figures.readings import Reading


def head_noun(subject: str) -> str:
    """The noun a subject phrase counts: the last word before its first preposition or verb.

    "happy customers" -> "customers", "people in the United States" -> "people",
    "U.S. adults with migraine" -> "adults".
    """
    head = ""
    for word in subject.split():
        if word.lower() in NOUN_GROUP_END and head:
            break
        head = word
    return head.lower().strip(".,;:")


def subject(text: str, reading: Reading, pos: int, *, percent: bool, after_rank: bool = False) -> int:
    """The noun phrase a figure counts or qualifies; sets `reading.subject`, returns its end."""
    reading.head_end = pos
    of = OF.match(text, pos)
    start = of.end() if (of is not None and (percent or after_rank or reading.kind is None)) else pos
    if of is not None and not (percent or after_rank):
        return pos
    words, cursor = _subject_words(text, start, after_of=of is not None)
    if not words:
        return pos
    if not (percent or after_rank) and not (units.looks_plural(words[-1]) or
                                            words[-1].lower() in units.POPULATION_UNITS):
        return pos
    reading.head_end = cursor
    frequency = FREQUENCY.match(text, cursor)
    if frequency is not None and period(frequency):
        reading.subject = " ".join(words)
        return cursor
    phrase_end = prepositional(text, cursor)
    # split() takes line breaks and tabs too: the phrase in single spaces
    reading.subject = " ".join((" ".join(words) + text[cursor:phrase_end]).split())
    return phrase_end


def _subject_words(text: str, start: int, *, after_of: bool) -> tuple[list[str], int]:
    """Up to three words of the noun phrase from `start`, ending at a plural or a population
    noun and stopping before a stop word, a verb or the next figure; the words and their end."""
    words: list[str] = []
    cursor = start
    while len(words) < 3:
        word = NEXT_WORD.match(text, cursor)
        if word is None:
            break
        token = word.group(1)
        lower = token.lower()
        if not words and lower in DETERMINERS and after_of:
            cursor = word.end()
            continue
        if not words and _modifies_a_plural(text, word.end(), lower):
            words.append(token)  # "120 qualifying payments", "five different cards"
            cursor = word.end()
            continue
        if lower in units.STOP_WORDS or units.looks_like_verb(lower) or lower in units.TIME_UNITS or (
            lower in numbers.NUMBER_WORDS or lower in TIME_PREPOSITIONS
        ):
            break  # a number word starts the next figure: "relapse within three years"
        words.append(token)
        cursor = word.end()
        if units.looks_plural(token) or lower in units.POPULATION_UNITS:
            break
    return words, cursor


#: Adjectives that stand between a number and what it counts ("five different cards").
_COUNT_ADJECTIVES = frozenset("different separate distinct individual unique".split())


def _modifies_a_plural(text: str, end: int, lower: str) -> bool:
    """Whether the word ending at `end` is a participle or a counting adjective right before a
    plural noun ("qualifying payments", "registered users"), not a verb ("40 said yes")."""
    if lower not in _COUNT_ADJECTIVES and not units.looks_like_verb(lower):  # a word in -ed or -ing
        return False
    noun = NEXT_WORD.match(text, end)
    if noun is None:
        return False
    following = noun.group(1).lower()
    return units.looks_plural(following) and following not in units.STOP_WORDS and not units.looks_like_verb(following)


def prepositional(text: str, pos: int) -> int:
    """"with migraines", "in the United States": one short phrase after the head noun."""
    prep = NEXT_WORD.match(text, pos)
    if prep is None or prep.group(1).lower() not in PP_PREPOSITIONS or prep.group(1) == "who":
        return pos
    cursor = prep.end()
    first = NEXT_WORD.match(text, cursor)
    if first is not None and first.group(1).lower() == "the":
        cursor = first.end()
        first = NEXT_WORD.match(text, cursor)
    if first is None:
        return pos
    if first.group(1)[:1].isupper():
        end = first.end()
        for _ in range(3):
            more = NEXT_WORD.match(text, end)
            if more is None or not more.group(1)[:1].isupper():
                break
            end = more.end()
        return end
    taken = 0
    end = pos
    while taken < 2:
        word = NEXT_WORD.match(text, cursor)
        if word is None:
            break
        lower = word.group(1).lower()
        if lower in units.STOP_WORDS or units.looks_like_verb(lower) or lower in units.TIME_UNITS:
            break
        end = cursor = word.end()
        taken += 1
    return end


def group_after_the(text: str, reading: Reading, pos: int) -> int | None:
    """"half the world's population", "half the adults": a share of a group with "of" left
    out; "half the time" and "half the price" are not. Sets the subject, returns its end."""
    the = THE_AFTER.match(text, pos)
    if the is None:
        return None
    cursor, words = the.end(), list[str]()
    while len(words) < 3:
        word = NEXT_WORD.match(text, cursor)
        if word is None:
            return None
        token = word.group(1)
        lower = token.lower()
        if lower in units.STOP_WORDS or lower in units.TIME_UNITS or units.looks_like_verb(lower):
            return None
        words.append(token)
        cursor = word.end()
        if lower in COLLECTIVES or lower in units.POPULATION_UNITS or (
            units.looks_plural(lower) and not lower.endswith(("'s", "’s"))
        ):
            reading.subject = " ".join(words)
            return cursor
    return None


_PHRASE_LINKS = frozenset(("in", "of", "with", "at", "on", "from", "for", "who", "that", "whose", "which"))


def plural_subject(reading: Reading) -> bool:
    """Whether the subject's noun, before any phrase after it, is a plural or a population
    ("of patients", "of pet owners", "of U.S. households in 2018"; not "of the head")."""
    if reading.subject is None:
        return False
    for word in reading.subject.split()[:3]:
        if word.lower() in _PHRASE_LINKS:
            return False
        if units.looks_plural(word) or word.lower() in units.POPULATION_UNITS:
            return True
    return False


def predicate_population(text: str, reading: Reading, pos: int) -> bool:
    """"Of these, 4.8 million are children": a large bare number whose predicate names a
    population counts that population (the span stays on the number)."""
    if reading.value is None or reading.value < 1000:
        return False
    predicate = PREDICATE_NOUN.match(text, pos)
    if predicate is None:
        return False
    noun = predicate.group(1).lower()
    if noun not in units.POPULATION_UNITS:
        return False
    reading.kind, reading.unit, reading.subject = "count", units.POPULATION_UNITS[noun], predicate.group(1)
    return True


def period(frequency: re.Match[str]) -> str | None:
    """The period a frequency phrase names ("a month", "/day", "weekly" -> "month", "day", "week")."""
    word = frequency.group(1) or frequency.group(2)
    if word is not None:
        return units.PERIODS.get(word)
    return units.FREQUENCY_ADVERBS.get(frequency.group(3))
