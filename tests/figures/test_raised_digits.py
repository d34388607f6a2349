"""Raised digits: a power of ten is read as its scale, a note mark is not glued to the figure."""

import pytest

from claimstrack.figures import extract_figures, scan_numbers
from claimstrack.figures.raised import plain_text


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("Tumours hold 10\u2076 cells.", 1e6, "count"),
    ("Tumours hold 10^6 cells.", 1e6, "count"),
    ("about 2.5 \u00d7 10\u2079 cells", 2.5e9, "count"),
    ("about 2.5x10^9 cells", 2.5e9, "count"),
    ("some 10\u2077 people", 1e7, "count"),
])
def test_a_power_of_ten_reads_as_its_scale(text, value, kind):
    figures = extract_figures(text)
    assert [(f.value, f.kind) for f in figures] == [(value, kind)]
    figure = figures[0]
    assert figure.text == text[figure.span.start:figure.span.end]
    assert figure.text.endswith("cells") or figure.text.endswith("people")


@pytest.mark.parametrize(("text", "expected"), [
    ("About 42%\u00b3 of adults have it.", ("About 42%\u00b3 of adults", 42.0, "percent", "adults")),
    ("1.2 million\u00b2 people have it.", ("1.2 million\u00b2 people", 1.2e6, "count", "people")),
    ("45 million\u00b9\u207b\u00b3 Americans", ("45 million\u00b9\u207b\u00b3 Americans", 45e6, "count", "Americans")),
])
def test_a_note_mark_is_not_part_of_the_number(text, expected):
    figure, = extract_figures(text)
    assert (figure.text, figure.value, figure.kind, figure.subject) == expected


def test_spans_lines_and_columns_point_into_the_text_as_written():
    text = "Intro line.\nCosts rose 12%\u00b9 and 10\u2076 cells\u00b2 grew 40%."
    mentions = scan_numbers(text)
    assert all(m.text == text[m.span.start:m.span.end] for m in mentions)
    last = extract_figures(text)[-1]
    assert (last.text, last.span.line, last.span.column) == ("40%", 2, text.index("40%") - 12 + 1)


def test_a_square_unit_and_a_year_with_a_mark_are_left_alone():
    assert plain_text("a 50 m\u00b2 flat, 12%\u00b2 less").text == "a 50 m\u00b2 flat, 12% less"
    assert [f.value for f in extract_figures("In 2019\u00b9 the rate was 5%.")] == [5.0]
