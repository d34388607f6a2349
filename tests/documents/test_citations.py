from __future__ import annotations

import pytest

from claimstrack.documents import parse_markdown

CITATION_CASES = [
    # id, source, [(key, locator, backed sentence, line, column of the key)]
    ("simple", "Pain fell in 92% [@krusz2010].",
     [("krusz2010", None, "Pain fell in 92%.", 1, 19)]),
    ("locator", "Pain fell [@smith2020, p. 3].", [("smith2020", "p. 3", "Pain fell.", 1, 12)]),
    ("prefix and several", "It is 42 million [see @a1, pp. 33-35; @b:2]. Next.",
     [("a1", "pp. 33-35", "It is 42 million.", 1, 23), ("b:2", None, "It is 42 million.", 1, 39)]),
    ("suppress author", "Krusz found 92% [-@krusz2010].", [("krusz2010", None, "Krusz found 92%.", 1, 19)]),
    ("after the full stop", "First 1. [@k] Second 2.", [("k", None, "First 1.", 1, 11)]),
    ("at block start", "[@k] Second 2.", [("k", None, "Second 2.", 1, 2)]),
    ("second line", "Intro.\n\nOver 92% [@k, table 2].", [("k", "table 2", "Over 92%.", 3, 11)]),
    ("in a list item", "- Over 92% [@k]\n- Other 5", [("k", None, "Over 92%", 1, 13)]),
    ("footnote", "Over 92%.[^1] Next 5.\n\n[^1]: @krusz2010, p. 4",
     [("krusz2010", "p. 4", "Over 92%.", 3, 7)]),
    ("footnote with brackets", "Over 92%[^n].\n\n[^n]: See [@a, fig. 2; @b].",
     [("a", "fig. 2", "Over 92%.", 3, 12), ("b", None, "Over 92%.", 3, 24)]),
    ("footnote used twice", "A 1.[^x] B 2.[^x]\n\n[^x]: @k",
     [("k", None, "A 1.", 3, 7), ("k", None, "B 2.", 3, 7)]),
]


@pytest.mark.parametrize(
    ("source", "expected"), [c[1:] for c in CITATION_CASES], ids=[c[0] for c in CITATION_CASES]
)
def test_citations(source: str, expected: list[tuple]) -> None:
    document = parse_markdown(source)
    found = [
        (c.key, c.locator, document.text[c.start : c.end], c.location.line, c.location.column)
        for c in document.citations
    ]
    assert found == expected


NOT_CITATIONS = [
    ("email in brackets", "[mail me@example.com] 4"),
    ("plain brackets", "[note 4] here"),
    ("twitter handle", "Follow @acme2020 for news."),
    ("footnote without definition", "Claim 42.[^9]"),
    ("footnote definition without key", "Claim 42.[^1]\n\n[^1]: Internal data, 2021."),
    ("citation in code", "`[@k]` and ```[@k]```"),
    ("link", "[@k](https://x.org)"),
]


@pytest.mark.parametrize("source", [c[1] for c in NOT_CITATIONS], ids=[c[0] for c in NOT_CITATIONS])
def test_not_citations(source: str) -> None:
    assert parse_markdown(source).citations == ()


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Pain fell [@smith2020, p. 3].", "Pain fell."),
        ("Pain fell.[^12] Next.", "Pain fell. Next."),
        ("A[^1].\n\n[^1]: @k, p. 4\n\nB.", "A.\n\nB."),
        ("[mail me@example.com] stays", "[mail me@example.com] stays"),
    ],
)
def test_citation_syntax_leaves_the_text(source: str, text: str) -> None:
    assert parse_markdown(source).text == text


def test_citation_number_never_reads_as_text() -> None:
    document = parse_markdown("Over 92% [@smith2020, p. 3; @jones, table 4] of patients.[^5]\n\n[^5]: @x, p. 6")
    assert not any(digit in document.text.replace("92", "") for digit in "3456")


def test_consecutive_footnote_definitions() -> None:
    document = parse_markdown("A 1.[^1] B 2.[^2]\n\n[^1]: @one, p. 1\n[^2]: @two\n")
    assert [(c.key, c.locator, document.text[c.start : c.end]) for c in document.citations] == [
        ("one", "p. 1", "A 1."),
        ("two", None, "B 2."),
    ]
    assert document.text == "A 1. B 2."


def test_footnote_definition_as_lazy_continuation_stays_prose() -> None:
    document = parse_markdown("a\n[^1]: @k")
    assert "\x02" not in document.text
