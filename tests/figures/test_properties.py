"""Properties that hold for any text, and correctness (not timing) on hostile input."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimstrack.figures import extract_figures, scan_numbers

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from figures_hostile import hostile_inputs  # noqa: E402

_NUMBER_WORD = re.compile(
    r"[0-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|"
    r"half|third|quarter|twice|thrice|couple|first|second|fourth|fifth|"
    # verbs of multiplication are figures too: "has tripled" is a ratio of 3
    r"doubled|tripled|trebled|quadrupled|quintupled", re.IGNORECASE)

PIECES = [
    "over", "more than", "about", "up to", "almost", "at least", "less than", "between", "and",
    "to", "-", "–", "%", "$", "€", "£", "million", "billion", "k", "x", "times", "of", "patients",
    "people", "hours", "days", "a month", "one", "two", "three", "half", "a third", "in", "out of",
    "1", "2", "15", "42", "92.5", "1,234", "1/3", "2-72", "35-45", "2019", "(555) 123-4567",
    "9:30", "v2.1", "COVID-19", "24/7", " ", "\n", ".", ",", "or more", "+", "~", ">=", "ages",
]
text_soup = st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join)
any_text = st.one_of(st.text(max_size=200), text_soup)

SENTENCES = [
    "Over 92% of patients with migraines reported relief.",
    "Approximately 42 million Americans will experience migraine.",
    "Costs are estimated to be as high as $36 billion annually.",
    "Painful symptoms usually last from 2-72 hours.",
    "Chronic migraine means 15 or more attacks in a month.",
    "Migraines affect women almost 3x more than men.",
    "Roughly 2/3 of cases run in families.",
    "One in three adults will develop the condition.",
]
PROSE = st.sampled_from(["We care about you.", "Book today!", "Our team is here to help.",
                         "Call us with questions.", "Results vary."])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_never_raises_and_spans_are_sound(text: str) -> None:
    figures = extract_figures(text)
    for figure in figures:
        assert 0 <= figure.span.start < figure.span.end <= len(text)
        assert text[figure.span.start : figure.span.end] == figure.text
        assert _NUMBER_WORD.search(figure.text), figure.text
        if figure.value is not None and figure.low is not None:
            assert figure.low <= figure.value
        if figure.value is not None and figure.high is not None:
            assert figure.value <= figure.high
        if figure.value is None:
            assert figure.low is not None and figure.high is not None
            assert figure.low <= figure.high
    assert [f.span.start for f in figures] == sorted(f.span.start for f in figures)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(any_text, st.lists(st.sampled_from(["1", "2:3", "x"]), min_size=25, max_size=80).map(" ".join)))
def test_every_mention_of_any_text_lies_inside_it(text: str) -> None:
    # A short text dense with numbers once gave a "not prose" mention running past its end.
    for mention in scan_numbers(text):
        assert 0 <= mention.span.start < mention.span.end <= len(text), mention
        assert text[mention.span.start : mention.span.end] == mention.text


@settings(max_examples=200)
@given(any_text)
def test_output_is_deterministic(text: str) -> None:
    assert extract_figures(text) == extract_figures(text)
    assert scan_numbers(text) == scan_numbers(text)


@settings(max_examples=200)
@given(st.sampled_from(SENTENCES), st.lists(PROSE, max_size=3), st.lists(PROSE, max_size=3))
def test_sentence_reads_the_same_inside_prose(sentence: str, before: list[str],
                                              after: list[str]) -> None:
    prefix = " ".join(before) + (" " if before else "")
    alone = extract_figures(sentence)
    embedded = extract_figures(prefix + sentence + (" " + " ".join(after) if after else ""))
    inside = [f for f in embedded if len(prefix) <= f.span.start < len(prefix) + len(sentence)]

    def reading(figures: list) -> list[tuple]:
        return [(f.text, f.value, f.low, f.high, f.kind, f.unit, f.hedge, f.subject)
                for f in figures]

    assert reading(inside) == reading(alone)
    assert [f.span.start - len(prefix) for f in inside] == [f.span.start for f in alone]


def test_every_mention_lies_inside_the_text() -> None:
    text = "In 2019, over 92% of 1,200 patients (see Table 2) paid $5-10 each; call 555-0199."
    for mention in scan_numbers(text):
        assert text[mention.span.start : mention.span.end] == mention.text
        assert mention.reason


def test_hostile_inputs_give_sane_results() -> None:
    """Correctness only; benchmarks/figures_hostile.py times the full 1 MB versions."""
    inputs = hostile_inputs(20_000)
    expected_none = ["long digit run 1111...", "repeated hedges 'more than more than ...'",
                     "comma list 1,1,1,...", "dash list 1-1-1-...", "dots ......",
                     "digits and dots 1.1.1...", "percent signs 5%5%5%...", "newlines \\n\\n\\n",
                     "slashes 1/1/1/...", "letters then digits aaaa1", "number words 'one one one ...'"]
    for name in expected_none:
        assert extract_figures(inputs[name]) == [], name
    tail = extract_figures(inputs["hedges then a number"])
    assert [(f.value, f.hedge, f.kind) for f in tail] == [(5.0, "over", "percent")]
    spaced = extract_figures(inputs["huge whitespace run"])
    assert [(f.value, f.kind) for f in spaced] == [(5.0, "percent")]
    prose = extract_figures(inputs["one line of prose, no newline"])
    assert prose and all((f.value, f.low, f.hedge) == (92.0, 92.0, "over") for f in prose)


def test_a_verb_of_multiplication_alone_is_a_sound_figure() -> None:
    # Hypothesis drew "Tripled": a figure with no digit nor number word, read on purpose.
    for text in ("Tripled", "Sales have doubled.", "It quadrupled"):
        figures = extract_figures(text)
        assert [f.kind for f in figures] == ["ratio"], text
        assert _NUMBER_WORD.search(figures[0].text)
