"""Inputs hypothesis once found, kept as fixed examples."""

import pytest

from claimstrack.figures import extract_figures, scan_numbers


@pytest.mark.parametrize("text", ["2-72 in 2-72", "2-72 in 2", "10-5 in 3"])
def test_no_figure_has_its_low_end_above_its_high_end(text):
    for figure in extract_figures(text):
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high, figure


@pytest.mark.parametrize("text", ["1 " * 40, "x 1:2 " * 30 + "end"])
def test_a_short_text_dense_with_numbers_stays_inside_its_bounds(text):
    for mention in scan_numbers(text):
        assert mention.span.end <= len(text)


@pytest.mark.parametrize(("text", "value"), [
    ("Americans spend $53-billion a year on pets.", 53e9),
    ("The grant gives 5-lakh families a home.", 5e5),
    ("They won a 2-crore contract.", 2e7),
])
def test_a_scale_word_after_a_bare_hyphen_scales_the_number(text, value):
    # every scale word reads the same after a hyphen: "5-lakh" was a range from 5 to 100,000
    [figure] = extract_figures(text)
    assert (figure.value, figure.low, figure.high) == (value, None, None), figure
