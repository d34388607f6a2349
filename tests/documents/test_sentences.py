from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimstrack.documents import split_sentences
from claimstrack.documents.sentences import ABBREVIATIONS, MAX_SENTENCE

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
    ("abbreviation at the start", "E.g. Cheese does.", ["E.g. Cheese does."]),
    ("abbreviation with a Kelvin sign, which lower() folds to k", "In the u.\u212a. Many do.",
     ["In the u.\u212a. Many do."]),
    ("dotted I, which lower() makes two characters", "One \u0130.e. Two.", ["One \u0130.e.", "Two."]),
    ("abbreviation inside a longer dotted word", "In the U.S.A. Many do.", ["In the U.S.A.", "Many do."]),
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
    """_PUNCTUATION opens with the punctuation (so the regex engine can skip to it) and looks
    behind afterwards; it must match exactly where the plain spelling does, within any bounds."""
    import random
    import re

    from claimstrack.documents.sentences import _PUNCTUATION

    end_pattern = re.compile(_PUNCTUATION + r"\s+")

    plain = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+\s+")
    rng = random.Random(5)
    alphabet = ".!?\"')] \n\tAa1\u201d\u2019\u00a0x"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert [m.span() for m in end_pattern.finditer(text, start, end)] == \
            [m.span() for m in plain.finditer(text, start, end)], (text, start, end)


# The splitter as it was before its pattern looked for abbreviations and sentence starts and
# gave the sentence's end (claimstrack 2026-12-01): the pattern must split every text alike.
_REFERENCE_END = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*+[\"'\u201d\u2019)\]]*+\s+")
_REFERENCE_WORD_START = re.compile(r"[\s(\[\"'\u201c]")
_LONGEST = max(len(word) for word in ABBREVIATIONS)


def _reference_is_abbreviation(text: str, sentence_start: int, period: int) -> bool:
    window_start = max(sentence_start, period - _LONGEST)
    word_start = window_start
    for index in range(period - 1, window_start - 1, -1):
        if _REFERENCE_WORD_START.match(text, index):
            word_start = index + 1
            break
    else:
        if window_start != sentence_start:
            return False
    return text[word_start : period + 1].lower() in ABBREVIATIONS


def _reference_split(text: str, line_breaks: bool) -> tuple[tuple[int, int], ...]:
    from claimstrack.documents import sentences as module

    out: list[tuple[int, int]] = []

    def split_block(start: int, end: int) -> None:
        sentence_start = start
        for match in _REFERENCE_END.finditer(text, start, end):
            after = match.end()
            if after >= end or not module._starts_sentence(text, after, end):
                continue
            punctuation = match.start()
            if text[punctuation] == "." and _reference_is_abbreviation(text, sentence_start, punctuation):
                continue
            module._add(text, sentence_start, after, out)
            sentence_start = after
        module._add(text, sentence_start, end, out)

    def split_lines(start: int, end: int) -> None:
        if line_breaks:
            width = module._widest_line(text, start, end)
            part_start = line_start = start
            newline = text.find("\n", start, end)
            while newline != -1:
                line = text[line_start:newline].strip()
                short = len(line) < module.SHORT_LINE or module._not_a_wrap(text, len(line), newline + 1, end, width)
                if short or module._NEW_ITEM.match(text, newline + 1, end):
                    split_block(part_start, newline)
                    part_start = newline + 1
                line_start = newline + 1
                newline = text.find("\n", line_start, end)
            start = part_start
        split_block(start, end)

    block_start = 0
    for match in module._BLOCK_BREAK.finditer(text):
        split_lines(block_start, match.start())
        block_start = match.end()
    split_lines(block_start, len(text))
    return tuple(out)


_PIECES = st.sampled_from([
    ".", "!", "?", "...", "?!", '"', "'", "\u201d", "\u2019", ")", "]", "(", "[", "*", "_", "\u201c", "\u2018",
    " ", "  ", "\n", "\n\n", "\n \n", "\t", "\u00a0", "\u2003", "\x0b",
    "It", "it", "The", "the", "Épuisé", "épuisé", "\u0130", "42", "3.5", "\u00b2", "\u0663", "x" * 60,
    "e.g.", "E.G.", "i.e.", "etc.", "Dr.", "dr.", "U.S.", "vs.", "p.", "thep.", "al.", "approx.", "dept.",
    "e", "g", "P", "u.\u212a.", "\u212a", "\u0130.e.", "U.S.A.", "Figs.", "refs.", "No", "a.", "pp",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.booleans())
def test_the_splitter_splits_as_the_plain_reference_does(pieces: list[str], line_breaks: bool) -> None:
    text = "".join(pieces)
    assert split_sentences(text, line_breaks=line_breaks) == _reference_split(text, line_breaks)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.integers(min_value=900, max_value=1100))
def test_the_splitter_cuts_long_sentences_as_the_plain_reference_does(pieces: list[str], length: int) -> None:
    # a run longer than MAX_SENTENCE between two ends, with spaces to cut at or none
    text = "".join(pieces) + " Start " + ("word " * (length // 5)) + "x" * (length % 7) + ". Next. " + "".join(pieces)
    assert split_sentences(text) == _reference_split(text, False)
