"""The frame readers' shortcuts give what the plain code they replace gives.

Reading a frame runs for every figure, so some of its steps are written for speed: one
search for the last of several marks instead of an `rfind` for each, a search run only where
the words every match holds are, a search for a match that ends where the text does made
backwards at one place. Each test here states the plain version and compares on generated
texts built from the marks and words involved.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimstrack.consistency import populations

_MARKS = (";", ":", " - ", ", while", " while ", " but ", " compared ", " versus ", " vs", " and ", " ", ",", "-",
          "a", "and", "vs", "9", "while")
_CLAUSES = st.lists(st.sampled_from(_MARKS), max_size=20).map("".join)


@given(_CLAUSES)
@settings(max_examples=300)
def test_clause_tail_cuts_after_the_last_break(text: str) -> None:
    marks = (";", ":", " - ", " and ", " while ", " but ", " compared ", " versus ", " vs")
    cut = max(text.rfind(mark) for mark in marks)
    assert populations._clause_tail(text) == (text[cut + 1 :] if cut >= 0 else text)
