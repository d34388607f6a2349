"""A page that says the same text again and again has each repeated block read once
(`checks.repeated_text`), with the figures `extract_figures` gives the whole page (issue 13)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimstrack.checks import repeated_text
from claimstrack.checks.repeated_text import BLOCK, MIN_BLOCKS, page_figures
from claimstrack.figures import extract_figures

SIZE = BLOCK * (MIN_BLOCKS + 8)

PAGES = {
    "a Word story's paragraph": "Over 90% of the 25 patients in our clinic agree.\n\n",
    "one share per line": "5% of 25 patients improved\n",
    "ranges": "1 to 2 to ",
    "dense figures on one line": "Over 92% of patients improved, ",
    "a range merged across the unit": "more than 10 and less than 20 people. ",
    "a figure whose unit follows a few spaces": "we saw 5" + " " * 300 + "% fewer. ",
    "digits in a long run": "1234567890" * 30 + " 5% of users. ",
    "note marks": "[^1] + \n",
}


def repeated(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("unit", list(PAGES.values()), ids=list(PAGES))
def test_a_repeated_page_has_the_figures_of_one_whole_reading(unit):
    text = "Intro: over 40% of 12 clinics. " + repeated(unit) + " Last: 7 in 10 agree."
    assert page_figures(text) == extract_figures(text)


def reads_counted(monkeypatch) -> list[int]:
    """The lengths of the texts page_figures hands to extraction, in order."""
    read: list[int] = []

    def counting(text):
        read.append(len(text))
        return extract_figures(text)

    monkeypatch.setattr(repeated_text, "extract_figures", counting)
    return read


def test_each_repeated_block_is_read_once(monkeypatch):
    read = reads_counted(monkeypatch)
    text = repeated(PAGES["a Word story's paragraph"], BLOCK * 400)
    figures = page_figures(text)
    assert len(figures) == 2 * text.count("Over 90%")
    # the paragraph's 50 characters come back in step with the block grid every 50 blocks
    assert sum(read) < len(text) / 4


def test_a_page_that_repeats_nothing_is_read_whole(monkeypatch):
    read: list[int] = []
    monkeypatch.setattr(repeated_text, "extract_figures", lambda text: read.append(len(text)) or [])
    rng = random.Random(4)
    text = " ".join(f"{rng.randrange(10**6)} of {rng.randrange(10**6)} people" for _ in range(4000))
    page_figures(text)
    assert read == [len(text)]


def test_repeats_scattered_among_new_text_are_read_whole(monkeypatch):
    # ten blocks a period: seven of one block said again, three new ones: the blocks in the
    # middle of the seven come back with the same context, the rest do not, and reading the
    # new ones with their context would read more than the page
    read = reads_counted(monkeypatch)
    same = repeated("Over 90% of the 25 patients in our clinic agree. ", BLOCK)
    rng = random.Random(5)
    new = [repeated(f"{rng.randrange(10**6)} of {rng.randrange(10**6)} people. ", BLOCK) for _ in range(300)]
    text = "".join(same * 7 + "".join(new[3 * k : 3 * k + 3]) for k in range(MIN_BLOCKS // 10 * 10))
    assert page_figures(text) == extract_figures(text)
    assert read == [len(text)]


def test_a_page_extraction_rewrites_keeps_its_block_grid():
    # each power of ten is written out ("10\u2076" as "1 million"), six characters more: every
    # block after them moves by 480 characters
    text = "10\u2076 cells. " * 80 + repeated(PAGES["note marks"])
    assert page_figures(text) == extract_figures(text)


def test_a_figure_across_a_long_run_of_spaces_is_read_whole():
    text = "5" + " " * (BLOCK * MIN_BLOCKS * 2) + "%"
    assert page_figures(text) == extract_figures(text)


PIECES = ["Over", "more than", "about", "between", "and", "to", "-", "%", "$", "million", "of",
          "patients", "people", "1", "15", "92.5", "1,234", "2019", "(n=25)", "n = 25", " ", "\n",
          "\n\n", ".", ",", ";", "\u0130", "\u00b2", "10^6", "1\u00b704", "[^1]", "\u00a0", "9" * 330, "         ", "a" * 250, "1. ", "# "]


@settings(max_examples=25, deadline=None)
@given(unit=st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map(" ".join),
       edits=st.lists(st.tuples(st.integers(0, 10**6), st.lists(st.sampled_from(PIECES), max_size=12)),
                      max_size=4))
def test_any_repeated_page_reads_as_a_whole(unit, edits):
    pieces = [unit] * (SIZE // len(unit) + 1)
    for at, words in edits:  # a few copies worded otherwise
        pieces[at % len(pieces)] = " ".join(words)
    text = "".join(pieces)
    assert page_figures(text) == extract_figures(text)
