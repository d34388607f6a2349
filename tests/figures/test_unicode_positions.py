"""Positions survive case mapping: characters whose lower or upper case is longer than they are.

"İ" (U+0130) lower-cases to two characters, "ß" and "ﬁ" upper- and case-fold to two; a reader
that folds a window and then uses offsets into the folded copy misplaces every later figure.
"""

from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimstrack.documents import parse_document
from claimstrack.figures import extract_figures, scan_numbers

#: Characters whose case mapping changes the length of a string.
LENGTH_CHANGING = [chr(c) for c in range(sys.maxunicode + 1)
                   if 0xD800 > c or c > 0xDFFF
                   if len(chr(c).lower()) != 1 or len(chr(c).casefold()) != 1][:120]

PIECES = ["İ", "ß", "ﬁ", "ŉ", "ΐ", " over ", " 90%", " of patients", " $5", " million", " > ", "4",
          " to ", "12", " between ", " and ", "-", " about ", "%", "\n", ". ", " people", *LENGTH_CHANGING]
unicode_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
)


def test_the_reported_reproducers_keep_their_positions() -> None:
    text = "İİİ>4"
    for figure in extract_figures(text):
        assert 0 <= figure.span.start < figure.span.end <= len(text)
        assert text[figure.span.start:figure.span.end] == figure.text
    page = "İstanbul clinic: over 90% of patients"
    assert [f.text for f in extract_figures(page)] == ["over 90% of patients"]


def test_a_dotted_capital_i_before_a_hedge_keeps_the_hedge() -> None:
    figures = extract_figures("İİİİ İİ more than 50 people came")
    assert [f.text for f in figures] == ["more than 50 people"]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(unicode_text)
def test_every_span_slices_to_its_text_for_any_unicode(text: str) -> None:
    for figure in extract_figures(text):
        assert 0 <= figure.span.start < figure.span.end <= len(text)
        assert text[figure.span.start:figure.span.end] == figure.text
    for mention in scan_numbers(text):
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start:mention.span.end] == mention.text
        if mention.figure is not None:
            assert text[mention.figure.span.start:mention.figure.span.end] == mention.figure.text


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(unicode_text, st.sampled_from(["txt", "md", "html"]))
def test_document_source_spans_point_at_the_figure_for_any_unicode(text: str, format: str) -> None:
    document = parse_document(text, "page", format)
    lines = document.source.split("\n")
    for figure in extract_figures(document.text):
        span = document.source_span(figure.span.start, figure.span.end)
        assert 1 <= span.line <= span.end_line <= len(lines)
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1
        if format == "txt":  # the text is the source: the span must hold the figure itself
            assert span.line == span.end_line or "\n" in figure.text
            if span.line == span.end_line:
                assert lines[span.line - 1][span.column - 1:span.end_column - 1] == figure.text
