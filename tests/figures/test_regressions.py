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
