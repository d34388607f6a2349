"""The frame readers' shortcuts give what the plain code they replace gives.

Reading a frame runs for every figure, so some of its steps are written for speed: one
search for the last of several marks instead of an `rfind` for each, a search run only where
the words every match holds are, a search for a match that ends where the text does made
backwards at one place. Each test here states the plain version and compares on generated
texts built from the marks and words involved.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimstrack.consistency import frames, populations

_MARKS = (";", ":", " - ", ", while", " while ", " but ", " compared ", " versus ", " vs", " and ", " ", ",", "-",
          "a", "and", "vs", "9", "while")
_CLAUSES = st.lists(st.sampled_from(_MARKS), max_size=20).map("".join)


@given(_CLAUSES)
@settings(max_examples=300)
def test_clause_tail_cuts_after_the_last_break(text: str) -> None:
    marks = (";", ":", " - ", " and ", " while ", " but ", " compared ", " versus ", " vs")
    cut = max(text.rfind(mark) for mark in marks)
    assert populations._clause_tail(text) == (text[cut + 1 :] if cut >= 0 else text)


_BE_PIECES = st.sampled_from(("is", "are", "was", "were", "be", "been", "This", "IS", "widely", "ly", "x", "ſ",
                              " ", "  ", "\n", ",", "-", "estimated"))


@given(st.lists(_BE_PIECES, max_size=10).map("".join), st.integers(0, 60))
@settings(max_examples=500)
def test_a_form_of_be_before_is_found_backwards_as_forwards(text: str, end: int) -> None:
    end = min(end, len(text))
    assert frames._be_before(text, end) == (frames._BE_BEFORE.search(text, 0, end) is not None)


_GROUP_PIECES = st.sampled_from(("with", "WITH", "wıth", "are", "were", "adults", "ADULTS", "adultſ", "top",
                                 "performers", "above", " ", "  ", ","))


@given(st.lists(_GROUP_PIECES, max_size=10).map("".join))
@settings(max_examples=500)
def test_a_text_without_the_words_is_not_searched(text: str) -> None:
    if not frames._may_hold(text, "with"):
        assert frames._WITH_GROUP.search(text) is None
    if not frames._may_hold(text, "adults"):
        assert frames._ARE_ADULTS.search(text) is None


@given(st.lists(st.sampled_from(("-ever", "ever", "a", "-", " ", "x")), max_size=10).map("".join))
def test_a_clause_without_a_dash_ever_has_no_ever_compound(text: str) -> None:
    if "-ever" not in text:
        assert frames._EVER_COMPOUND.sub("ever", text) == text


_WORDS = st.lists(st.sampled_from(("in", "the", "u", "s", "us", "united", "states", "women", "past", "year", "last",
                                   "a", "week", "day", "per", "over", "age", "of", "people", "every", "each", "at",
                                   "any", "time")),
                  max_size=14).map(lambda words: " " + " ".join(words) + " ")


@given(_WORDS)
@settings(max_examples=500)
def test_lexicon_phrases_lists_every_phrase_at_each_start(folded: str) -> None:
    words = folded.split()
    expected = [(start, phrase) for start in range(len(words)) for size in range(1, 5)
                if start + size <= len(words)
                and (phrase := " " + " ".join(words[start : start + size]) + " ") in populations._ALL]
    assert populations.lexicon_phrases(folded) == expected


_YEAR_PIECES = st.sampled_from(("19", "20", "2", "0", "1", "5", "9", "195", "2026", "1999", "1949", ".", ",", "$",
                                " ", "a", "-", "\n"))


@given(st.lists(_YEAR_PIECES, max_size=25).map("".join), st.integers(0, 6))
@settings(max_examples=500)
def test_a_standalone_year_is_found_as_its_lookbehind_first_finds_it(text: str, start: int) -> None:
    plain = re.compile(rf"(?<![0-9.,]){frames._YEAR_NUMBER}(?![0-9])")  # tried at every character
    assert [m.span() for m in frames._STANDALONE_YEAR.finditer(text, start)] == [
        m.span() for m in plain.finditer(text, start)]
