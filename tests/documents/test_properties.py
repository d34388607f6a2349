"""Properties every reader keeps, for any input string."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimstrack.documents import Document, parse_document

PIECES = [
    *"ab A1.2%\n *_`[]()!@^:<>/&;#\"'-=|~\\\t+",
    "&amp;", "&nbsp;", "&#8211;", "&#x41;", "&bogus;", "<!--", "-->", "<p>", "</p>", "<b>",
    "<div>", "<br>", "```", "    ", "> ", "- ", "1. ", "# ", "| a |", "|---|", "[@k]",
    "[@k, p. 3]", "[see @a; @b]", "[^1]", "\n[^1]: @k", "<script>", "</script>", "<svg>",
    "<head>", "<title>", "claimstrack: ignore[CT101] reason=\"r\"", " reason=",
    "https://x.y/1", "www.z.com", "---\n", "+++\n", "\r\n", "\r", "\ufeff", "\0", "é", "🙂",
    "Dr. ", "e.g. ", ". ", "![i](u)", "[t](u \"x\")", "<a href='x>", "<!DOCTYPE x>",
]  # fmt: skip

SOURCES = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(PIECES), max_size=60).map("".join))


def check_invariants(document: Document) -> None:
    text, source, offsets = document.text, document.source, document.offsets
    assert len(offsets) == len(text) + 1
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    assert 0 <= offsets[len(text)] <= len(source)
    for index, char in enumerate(text):
        if char == "\n":
            continue  # block separators and line breaks
        at = offsets[index]
        assert 0 <= at < len(source)
        origin = source[at]
        assert (
            char == origin
            or origin in "&\\"  # a decoded entity or escape, mapped to its start
            or (char == " " and origin.isspace())  # collapsed whitespace
            or (char == "\ufffd" and origin == "\0")
        ), (index, char, origin)
    previous_end = 0
    for start, end in document.sentences:
        assert previous_end <= start < end <= len(text)
        previous_end = end
    for item in (*document.citations, *document.suppressions):
        assert 0 <= item.start <= item.end <= len(text)
    span = document.source_span(0, len(text))
    assert span.line >= 1 and span.column >= 1


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=SOURCES)
def test_reader_invariants(fmt: str, source: str) -> None:
    check_invariants(parse_document(source, "p", fmt))


@given(source=st.text(max_size=300))
def test_text_reader_is_identity(source: str) -> None:
    document = parse_document(source, "p", "txt")
    expected = source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert document.text == document.source == expected
