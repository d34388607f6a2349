from __future__ import annotations

import time

import pytest

from claimstrack.documents import split_sentences

CASES = [
    ("two sentences", "It works. It helps.", ["It works.", "It helps."]),
    ("question and exclamation", "Really? Yes! 42 did.", ["Really?", "Yes!", "42 did."]),
    ("digit starts a sentence", "Pain fell. 92% agreed.", ["Pain fell.", "92% agreed."]),
    ("quote starts a sentence", 'Done. "Great," she said.', ["Done.", '"Great," she said.']),
    ("closing quote", 'He said "stop." Then left.', ['He said "stop."', "Then left."]),
    ("decimal", "Over 92.5% of 3.2 million. Next.", ["Over 92.5% of 3.2 million.", "Next."]),
    ("lower case after period", "Read p. 3 of it. Ok.", ["Read p. 3 of it.", "Ok."]),
    ("e.g.", "Foods, e.g. Cheese, trigger it.", ["Foods, e.g. Cheese, trigger it."]),
    ("i.e.", "One group, i.e. Adults, did.", ["One group, i.e. Adults, did."]),
    ("etc.", "Sounds, smells, etc. Can trigger.", ["Sounds, smells, etc. Can trigger."]),
    ("Dr.", "Dr. Smith agreed.", ["Dr. Smith agreed."]),
    ("Mr. Mrs. Ms.", "Mr. A, Mrs. B and Ms. C came.", ["Mr. A, Mrs. B and Ms. C came."]),
    ("vs.", "Drug vs. Placebo was tested.", ["Drug vs. Placebo was tested."]),
    ("U.S.", "In the U.S. Many have it.", ["In the U.S. Many have it."]),
    ("approx.", "It is approx. 42 million.", ["It is approx. 42 million."]),
    ("No.", "See No. 5 here.", ["See No. 5 here."]),
    ("St. Inc. Fig.", "St. Mary, Acme Inc. And Fig. 2 show it.", ["St. Mary, Acme Inc. And Fig. 2 show it."]),
    ("et al.", "Krusz et al. Reported 92%.", ["Krusz et al. Reported 92%."]),
    ("block break", "Heading without stop\n\nBody 42", ["Heading without stop", "Body 42"]),
    ("blank line with spaces", "a\n  \nb", ["a", "b"]),
    ("single newline joins", "line one\nline two.", ["line one\nline two."]),
    ("ellipsis", "Wait... Then go.", ["Wait...", "Then go."]),
    ("no end punctuation", "no end", ["no end"]),
    ("whitespace only", "  \n\n  ", []),
    ("unicode capital", "Done. Épuisé.", ["Done.", "Épuisé."]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in split_sentences(text)] == expected


HOSTILE = [
    ("periods", "a." * 500_000),
    ("period space", ". " * 500_000),
    ("abbreviations", "e.g. " * 200_000),
    ("long word", "x" * 1_000_000 + ". A"),
    ("newlines", "\n" * 1_000_000),
    ("spaces after stop", "a." + " " * 1_000_000),
    ("dots", "." * 1_000_000),
    ("stops then quotes", ".'" * 500_000),
    ("a stop and quotes", "." + "'" * 1_000_000),
]


@pytest.mark.parametrize("text", [c[1] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_sentence_splitting_is_linear(text: str) -> None:
    started = time.perf_counter()
    split_sentences(text)
    assert time.perf_counter() - started < 1.5
