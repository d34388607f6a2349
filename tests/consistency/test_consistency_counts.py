"""CT221: a percentage printed beside the counts it should come from."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimstrack.consistency import counts
from claimstrack.consistency.counts import count_percent_pairs, mismatches


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The majority (55/77, 71.4%) of patients", [(55, 77, 71.4, True)]),
        ("15/77, 27.3% were sustained responders", [(15, 77, 27.3, False)]),
        ("Forty-eight (77%) of the 61 patients", [(48, 61, 77.0, False)]),
        ("Forty-eight (79%) of the 61 patients", [(48, 61, 79.0, True)]),
        ("23 of 25 patients (92%) improved", [(23, 25, 92.0, True)]),
        ("23 of the 25 adults (94%) improved", [(23, 25, 94.0, False)]),
        ("3 out of 4 (75.0%)", [(3, 4, 75.0, True)]),
        ("1/3 (33%) and 2/3, 66.7%", [(1, 3, 33.0, True), (2, 3, 66.7, True)]),
        ("in 2019/2020, 45% of sales", []),
        ("30 (40%) of 20 patients", []),  # more than all of them: not a count of the sample
        ("patients (77%) of 61", []),  # no count before the share
        ("92% of patients", []),
    ],
)
def test_pairs(text, expected):
    assert [(p.k, p.n, p.percent, p.agrees) for p in count_percent_pairs(text)] == expected


def test_message_states_the_right_share():
    (pair,) = mismatches("Forty-eight (77%) of the 61 patients")
    assert pair.describe() == "48/61 is 78.7%, not 77%"


def test_hostile_input_gives_no_pairs():
    # Bounded patterns: these finish at once (a backtracking pattern would hang here).
    for text in ("1/" * 200_000, "1 of " * 100_000, "(1%) of " * 100_000, "Forty-eight " * 80_000):
        assert mismatches(text) == []


_ANCHOR_PIECES = st.sampled_from(["(", ",", ";", " ", "  ", "\u2003", "\n", "92", "5", "1234", ".", "3.25", "%", "%%",
                                  "\u0664\u0662", "of", "23/25", "x"])
# Whole anchors among the pieces, any width up to the longest: the pieces alone make few (17 of
# 500 texts) and short ones, so an _ANCHOR_LONGEST of 8 instead of 13 went unseen.
_ANCHORS = st.from_regex(counts._ANCHOR, fullmatch=True)


@given(st.lists(st.one_of(_ANCHOR_PIECES, _ANCHORS), max_size=20).map("".join))
@settings(max_examples=500, deadline=None)
def test_the_anchors_found_from_the_percent_signs_are_every_anchor(text):
    """`_anchor_ends` finds the anchors from the text's "%" signs: the ends of the anchors a scan
    of the whole text finds, every one, in order."""
    assert list(counts._anchor_ends(text)) == [match.end() for match in counts._ANCHOR.finditer(text)]
