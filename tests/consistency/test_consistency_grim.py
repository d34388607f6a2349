"""The GRIM test: percentages that no whole count out of n gives."""

from __future__ import annotations

import pytest
from consistency_helpers import fig

from claimstrack.consistency import grim as grim_module
from claimstrack.consistency.grim import (
    explain_impossible,
    grim_possible,
    nearest_shares,
    possible_shares,
    sample_size_after,
    sample_size_in,
    text_after_percent,
)
from claimstrack.consistency.intervals import Interval


def pct(value, hedge="none", precision=1.0):
    return fig(value, hedge, "percent", precision=precision, text=f"{value}%")


@pytest.mark.parametrize(
    ("figure", "n", "possible"),
    [
        (pct(92), 25, True),  # 23/25
        (pct(91), 25, False),  # 22/25 = 88, 23/25 = 92
        (pct(92, precision=0.1), 25, True),  # 92.0 exactly
        (pct(91.5, precision=0.1), 25, False),
        (pct(33.3, precision=0.1), 3, True),  # 1/3 = 33.33 rounds to 33.3
        (pct(33.4, precision=0.1), 3, False),
        (pct(50), 7, False),  # 3/7 = 42.9, 4/7 = 57.1
        (pct(57), 7, True),
        (pct(0), 10, True),
        (pct(100), 10, True),
        (pct(92, "over"), 25, True),  # 24/25 = 96 is in (92, 96.6]
        (pct(92, "over"), 10, False),  # only 10/10 = 100 is above 92: copy would say "all"
        (pct(92, "at least"), 25, True),  # 23/25 = 92 itself
        (pct(92, "almost"), 25, True),  # 22/25 = 88 is in [87.4, 92)
        (pct(92, "almost"), 10, True),  # 9/10 = 90
        (pct(92, "almost"), 5, False),  # 80 and 100 are both outside
        (pct(90, "approximately"), 7, True),  # [81, 99] holds 6/7 = 85.7
        (pct(10, "less than"), 30, True),
        (pct(91), 162576, True),  # large samples allow everything
    ],
)
def test_grim_possible(figure, n, possible):
    assert grim_possible(figure, n) is possible


def test_possible_shares_lists_a_few_counts():
    assert possible_shares(Interval(91.5, 92.5), 25) == [23]
    assert possible_shares(Interval(0, 100), 1000) == [0, 1, 2]
    assert possible_shares(Interval(90, 100, low_closed=False, high_closed=False), 10) == []
    assert possible_shares(Interval(0, 100), 0) == []


@pytest.mark.parametrize(("value", "n", "expected"), [(91, 25, (22, 23)), (92, 25, (23, 24)), (100, 4, (4, 4)), (0, 4, (0, 1))])
def test_nearest_shares(value, n, expected):
    assert nearest_shares(value, n) == expected


def test_explanation_names_the_neighbouring_shares():
    assert explain_impossible(pct(91), 25) == "22/25 = 88% and 23/25 = 92%"


@pytest.mark.parametrize(
    ("text", "n"),
    [
        (" of 25 patients reported relief", 25),
        (" of the 1,024 respondents", 1024),
        (" of all 40 women", 40),
        (" of patients", None),
        (" of 25% of patients", None),
        (" of 3 million people", None),  # a population, not a sample
        (" of 2 years", None),
        ("", None),
    ],
)
def test_sample_size_after(text, n):
    assert sample_size_after(text) == n


@pytest.mark.parametrize(
    ("sentence", "n"),
    [("In a trial (n = 25), 91% improved.", 25), ("N=1,200 adults", 1200), ("An n of 25", None), ("Ten men", None)],
)
def test_sample_size_in(sentence, n):
    assert sample_size_in(sentence) == n


def test_text_after_percent():
    sentence = "In our clinic, 91% of 25 patients reported relief."
    figure = fig(91, kind="percent", text="91%")
    assert text_after_percent(figure, sentence).startswith(" of 25 patients")
    worded = fig(91, kind="percent", text="91 percent of")
    assert text_after_percent(worded, "Some 91 percent of 25 patients").startswith(" of 25")


def test_the_sample_size_is_read_from_a_bounded_window_after_the_percent():
    # benchmarks/bounded_inputs.py times the patterns on 1 MB runs; here, what they give, and
    # that a figure in a long sentence reads 200 characters after its sign, not the rest.
    assert sample_size_after(" of " + "1" * 1_000_000) is None  # ten digits or more: no sample size
    assert sample_size_in("n" * 500_000 + " =" * 250_000) is None
    sentence = "In our clinic, 91% of 25 patients reported relief" + ", and so did their families" * 40_000
    after = text_after_percent(fig(91, kind="percent", text="91%"), sentence, 15)
    assert len(after) == 199 and sample_size_after(after) == 25


def test_a_sentence_is_searched_for_its_sample_size_once(monkeypatch):
    # A sentence holds up to 1,000 characters and a dense one dozens of figures: every figure
    # asks for the sentence's "n = 25", and the sentence is searched once.
    searched = []
    pattern = grim_module._N_EQUALS

    class Counting:
        def search(self, text):
            searched.append(text)
            return pattern.search(text)

    monkeypatch.setattr(grim_module, "_N_EQUALS", Counting())
    sample_size_in.cache_clear()
    sentence = "In our trial (n = 25), " + ", ".join(f"{4 * k}% of patients improved" for k in range(1, 21)) + "."
    assert [sample_size_in(sentence) for _ in range(20)] == [25] * 20
    assert searched == [sentence]
