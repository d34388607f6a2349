from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimstrack.documents import split_sentences
from claimstrack.documents.sentences import MAX_SENTENCE

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bounded_inputs import SENTENCE_INPUTS  # noqa: E402

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
    ("abbreviation in capitals", "DR. Smith and ETC. Then.", ["DR. Smith and ETC. Then."]),
    ("abbreviation after a bracket", "Foods (e.g. Cheese) do.", ["Foods (e.g. Cheese) do."]),
    ("word ending like an abbreviation", "Take the cup. Then go. Wait, dept. Store.",
     ["Take the cup.", "Then go.", "Wait, dept. Store."]),
    ("abbreviation glued to a word", "Read thep. Then go.", ["Read thep.", "Then go."]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in split_sentences(text)] == expected


@pytest.mark.parametrize("text", SENTENCE_INPUTS.values(), ids=SENTENCE_INPUTS.keys())
def test_hostile_text_splits_into_ordered_bounded_sentences(text: str) -> None:
    # benchmarks/bounded_inputs.py times these inputs; here, that what they give is sound:
    # ordered, disjoint, stripped ranges of at most MAX_SENTENCE characters.
    sentences = split_sentences(text)
    assert all(0 < end - start <= MAX_SENTENCE for start, end in sentences)
    assert all(end <= start for (_, end), (start, _) in zip(sentences, sentences[1:]))
    assert all(text[start:end] == text[start:end].strip() for start, end in sentences)


def test_plain_text_lines_that_are_not_wrapped_prose_end_their_sentence() -> None:
    # A page of statistics, one per line with no full stops: each line is longer than a short
    # line, but the next line's first word would have fit on it, so the break is not a wrap.
    stats = ("Roughly 4 billion people used email around the world in the last year\n"
             "Email marketing brings back $40 for every $1 that a business spends on it\n"
             "Just over half of all the messages that people open are read on a phone\n"
             "This line is much longer than the others because it holds a whole paragraph of text, "
             "with commas, clauses and more words than any editor would keep on one line.")
    assert [stats[start:end] for start, end in split_sentences(stats, line_breaks=True)] == stats.split("\n")
    # Prose wrapped at a width stays one sentence: each line breaks where the next word would not fit.
    wrapped = ("Email marketing brings back forty dollars for every dollar\n"
               "that a business spends on it, according to a survey of\n"
               "marketers in several countries.")
    assert [wrapped[start:end] for start, end in split_sentences(wrapped, line_breaks=True)] == [wrapped]


def test_the_end_pattern_finds_what_its_lookbehind_first_spelling_finds():
    """_END opens with the punctuation (so the regex engine can skip to it) and looks behind
    afterwards; it must match exactly where the plain spelling does, within any bounds."""
    import random
    import re

    from claimstrack.documents.sentences import _END

    plain = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+\s+")
    rng = random.Random(5)
    alphabet = ".!?\"')] \n\tAa1\u201d\u2019\u00a0x"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert [m.span() for m in _END.finditer(text, start, end)] == \
            [m.span() for m in plain.finditer(text, start, end)], (text, start, end)
