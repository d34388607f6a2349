from __future__ import annotations

import pytest

from claimstrack.checks.runner import covers
from claimstrack.documents import Document, Suppression, parse_comment, parse_html, parse_markdown, parse_text
from claimstrack.model import Finding, Severity

WELL_FORMED = [
    # comment body, codes, reason, scope
    (' claimstrack: ignore[CT101] reason="figure from the press kit" ', ("CT101",),
     "figure from the press kit", "next"),
    (' claimstrack: ignore[CT101,CT201] reason="x" ', ("CT101", "CT201"), "x", "next"),
    (' claimstrack: ignore[ CT101 , CT201 ] reason="x" ', ("CT101", "CT201"), "x", "next"),
    (" claimstrack: ignore reason='single quotes' ", (), "single quotes", "next"),
    (' claimstrack: ignore[*] reason="all" ', (), "all", "next"),
    (' claimstrack: ignore-file[CT101] reason="whole file" ', ("CT101",), "whole file", "file"),
    (' claimstrack: ignore-file reason="whole file" ', (), "whole file", "file"),
    ('claimstrack:ignore[CT101]reason="tight"', ("CT101",), "tight", "next"),
    (' ClaimsTrack: IGNORE[CT101] reason="case" ', ("CT101",), "case", "next"),
]


@pytest.mark.parametrize(("body", "codes", "reason", "scope"), WELL_FORMED)
def test_well_formed_comments(body: str, codes: tuple[str, ...], reason: str, scope: str) -> None:
    parsed = parse_comment(body)
    assert parsed is not None
    assert (parsed.codes, parsed.reason, parsed.scope, parsed.problem) == (codes, reason, scope, None)


MALFORMED = [
    # comment body, words the problem must contain
    (" claimstrack: ignore[CT101] ", "needs a reason"),
    (' claimstrack: ignore[CT101] reason="" ', "reason is empty"),
    (' claimstrack: ignore[CT101] reason="  " ', "reason is empty"),
    (' claimstrack: ignore[ct101] reason="x" ', 'bad code "ct101"'),
    (' claimstrack: ignore[CT1011] reason="x" ', 'bad code "CT1011"'),
    (' claimstrack: ignore[E501] reason="x" ', 'bad code "E501"'),
    (' claimstrack: ignore[CT101,] reason="x" ', 'bad code "(empty)"'),
    (' claimstrack: ignore[] reason="x" ', 'bad code "(empty)"'),
    (' claimstrack: ignore[CT101 reason="x" ', 'unclosed "["'),
    (' claimstrack: disable[CT101] reason="x" ', 'unknown directive "disable"'),
    (" claimstrack: ", "expected"),
    (" claimstrack: 42 ", "expected"),
    (' claimstrack: ignore[CT101] because="x" ', 'unexpected "because'),
    (' claimstrack: ignore[CT101] reason="x" extra ', 'unexpected "extra"'),
    (' claimstrack: ignore[CT101] reason="unclosed ', "unexpected"),
]


@pytest.mark.parametrize(("body", "words"), MALFORMED)
def test_malformed_comments_keep_a_problem(body: str, words: str) -> None:
    parsed = parse_comment(body)
    assert parsed is not None and parsed.problem is not None
    assert words in parsed.problem


@pytest.mark.parametrize("body", [" just a comment ", " TODO: 42 ", " claimstrackish: ignore "])
def test_other_comments_are_ignored(body: str) -> None:
    assert parse_comment(body) is None


def covered(text: str, suppression) -> str:
    return text[suppression.start : suppression.end]


def silences(suppression: Suppression, code: str, document: Document, offset: int) -> bool:
    """Whether the suppression silences a finding of `code` at text `offset`, as the engine asks."""
    span = document.source_span(offset, offset + 1)
    finding = Finding(code, "some-rule", Severity.ERROR, document.path, span.line, span.column,
                      span.end_line, span.end_column, "message")
    return covers(suppression, finding, document)


def test_inline_comment_covers_its_sentence() -> None:
    source = (
        "First 41%. Approximately 42 million <!-- claimstrack: ignore[CT101] reason=\"kit\" -->"
        " Americans. Third 43%."
    )
    document = parse_markdown(source)
    (suppression,) = document.suppressions
    assert covered(document.text, suppression) == "Approximately 42 million  Americans."
    assert silences(suppression, "CT101", document, document.text.find("42"))
    assert not silences(suppression, "CT201", document, document.text.find("42"))
    assert not silences(suppression, "CT101", document, document.text.find("43%"))
    assert not silences(suppression, "CT101", document, document.text.find("41%"))
    assert (suppression.location.line, suppression.location.column) == (1, 37)


def test_inline_comment_between_sentences_covers_the_next() -> None:
    document = parse_markdown('A 1. <!-- claimstrack: ignore reason="r" --> B 2. C 3.')
    assert covered(document.text, document.suppressions[0]) == "B 2."


def test_own_line_comment_covers_the_next_block() -> None:
    source = 'Before 1.\n\n<!-- claimstrack: ignore reason="r" -->\nPara 2. Still 3.\n\nAfter 4.'
    document = parse_markdown(source)
    (suppression,) = document.suppressions
    assert covered(document.text, suppression) == "Para 2. Still 3."
    assert suppression.location.line == 3


def test_own_line_comment_in_html_covers_the_next_block() -> None:
    source = '<p>Before 1.</p>\n<!-- claimstrack: ignore[CT101] reason="r" -->\n<p>Para 2. Still 3.</p><p>4</p>'
    document = parse_html(source)
    assert covered(document.text, document.suppressions[0]) == "Para 2. Still 3."


def test_inline_comment_in_html_covers_the_sentence() -> None:
    source = '<p>A 1. B <!-- claimstrack: ignore reason="r" -->2. C 3.</p>'
    document = parse_html(source)
    assert covered(document.text, document.suppressions[0]) == "B 2."


def test_ignore_file_covers_everything() -> None:
    source = '<!-- claimstrack: ignore-file[CT201] reason="legacy page" -->\n\nA 1.\n\nB 2.'
    document = parse_markdown(source)
    (suppression,) = document.suppressions
    assert (suppression.scope, suppression.start, suppression.end) == ("file", 0, len(document.text))


def test_comment_at_the_end_covers_nothing() -> None:
    document = parse_markdown('A 1.\n\n<!-- claimstrack: ignore reason="r" -->\n')
    suppression = document.suppressions[0]
    assert suppression.start == suppression.end


def test_malformed_suppression_suppresses_nothing() -> None:
    document = parse_markdown("<!-- claimstrack: ignore[CT101] -->\nA 42.")
    (suppression,) = document.suppressions
    assert suppression.problem is not None
    assert not silences(suppression, "CT101", document, document.text.find("42"))


def test_multiline_and_several_comments() -> None:
    source = (
        "<!-- claimstrack: ignore[CT101]\n     reason=\"two lines\" -->\nA 1.\n\n"
        "<div>\n<!-- claimstrack: ignore[CT201] reason=\"in html\" -->\n<p>B 2.</p>\n</div>\n"
    )
    document = parse_markdown(source)
    assert [s.reason for s in document.suppressions] == ["two lines", "in html"]
    assert [covered(document.text, s) for s in document.suppressions] == ["A 1.", "B 2."]
    assert [s.location.line for s in document.suppressions] == [1, 6]


def test_comments_inside_code_are_not_suppressions() -> None:
    source = '```\n<!-- claimstrack: ignore reason="r" -->\n```\n\n`<!-- claimstrack: ignore reason="r" -->`'
    assert parse_markdown(source).suppressions == ()


def test_plain_text_has_no_suppressions() -> None:
    assert parse_text('<!-- claimstrack: ignore reason="r" -->\nA 1.').suppressions == ()
