from __future__ import annotations

import pytest

from claimstrack.documents import parse_document, parse_text

from .helpers import span_of

CASES = [
    # source, needle, line, column
    ("Approximately 42 million Americans.", "42 million", 1, 15),
    ("Intro.\n\nOver 92% of patients", "92%", 3, 6),
    ("a\r\nb 42\r\nc", "42", 2, 3),  # CRLF is one line break
    ("a\rb 42", "42", 2, 3),  # so is a lone CR
    ("\ufeffBOM 42", "42", 1, 5),  # the BOM is not a column
    ("tab\t42", "42", 1, 5),
    ("émoji 🙂 42", "42", 1, 9),  # columns count characters, not bytes
]


@pytest.mark.parametrize(("source", "needle", "line", "column"), CASES)
def test_text_positions(source: str, needle: str, line: int, column: int) -> None:
    document = parse_document(source, "t.txt", "txt")
    assert span_of(document, needle) == (line, column, needle)


def test_identity_offsets_are_the_range_whatever_was_read_before(monkeypatch) -> None:
    from claimstrack.documents import base

    for length in (5, 70_000, 3, 200_000, 10):  # the shared identity array grows, then is sliced
        assert list(parse_text("x" * length).offsets) == list(range(length + 1))
    assert list(base.identity_offsets(7, 12)) == [7, 8, 9, 10, 11]
    monkeypatch.setattr(base, "_IDENTITY_LIMIT", 100)  # above the limit, built on its own
    assert list(base.identity_offsets(10, 300_000)) == list(range(10, 300_000))


def test_text_is_the_source_with_identity_offsets() -> None:
    document = parse_text("One 5.\nTwo 6.\n")
    assert document.text == document.source == "One 5.\nTwo 6.\n"
    assert list(document.offsets) == list(range(len(document.text) + 1))
    assert document.format == "txt"


def test_text_has_no_suppression_syntax() -> None:
    document = parse_text('<!-- claimstrack: ignore reason="x" --> 42%')
    assert document.suppressions == ()
    assert "<!--" in document.text


def test_empty_text() -> None:
    document = parse_text("")
    assert document.text == "" and document.sentences == ()
    assert list(document.offsets) == [0]
    assert document.sentence_at(0) == (0, 0)
    span = document.source_span(0, 0)
    assert (span.line, span.column) == (1, 1)


def test_sentence_lookup() -> None:
    document = parse_text("First has 42 cases. Second has 7.\n\nThird")
    assert document.sentence_text(document.text.find("42")) == "First has 42 cases."
    assert document.sentence_text(document.text.find("7")) == "Second has 7."
    assert document.sentence_text(document.text.find("Third")) == "Third"
    # between sentences: the one before
    assert document.sentence_text(document.text.find(" Second")) == "First has 42 cases."


def test_source_span_rejects_out_of_range() -> None:
    document = parse_text("abc")
    with pytest.raises(ValueError, match="outside"):
        document.source_span(2, 9)


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown document format 'pdf'"):
        parse_document("x", format="pdf")


def test_format_aliases() -> None:
    assert parse_document("# x", format="markdown").format == "md"
    assert parse_document("<p>x</p>", format="htm").format == "html"
