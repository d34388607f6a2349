"""Frames a sentence alone gives are read once across pages (issue 10): never a different frame.

`read_frames` keeps the frame of a figure that read nothing around its sentence (no heading,
lead-in or sentence before: frames._SENTENCE_FRAMES) and gives it again wherever the sentence is
said. These tests read
sentences in new places (another heading, lead-in, sentence before) and compare every frame
with one read afresh.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimstrack.consistency import frames as frames_module
from claimstrack.consistency.frames import read_frames
from claimstrack.documents import parse_document
from claimstrack.figures import extract_figures

CONSISTENCY = Path(__file__).resolve().parent
#: Pages with figures in every kind of place: the labelled made-up corpus and the development
#: half of the real-page corpus (never the test half).
PAGES = sorted([*(CONSISTENCY / "corpus" / "pages").glob("*.*"),
                *(p for area in ("hypertension", "credit-card-debt", "email-marketing")
                  for p in (CONSISTENCY / "real" / area).glob("*.txt"))])


def _frames(text: str, path: str = "page.md") -> list[tuple[object, ...]]:
    """Every frame of a page, with its aliases (which Frame's equality leaves out)."""
    document = parse_document(text, path, "md" if path.endswith(".md") else "txt")
    figures = extract_figures(document.text)
    return [(frame, frame.aliases) for frame in read_frames(document.text, document.sentences, figures)]


def _moved(text: str) -> str:
    """The page's paragraphs in reverse order under a heading of its own, after a lead-in, each
    after a sentence that a pronoun or a statistic alone could point at: each sentence in a new
    place (the first of a paragraph now has a sentence before it)."""
    paragraphs = [f"Migraine is a common condition. {p}" for p in text.split("\n\n")]
    return "Another page entirely\n\nMigraine is common. Key figures:\n\n" + "\n\n".join(reversed(paragraphs))


@pytest.fixture
def fresh() -> None:
    frames_module._SENTENCE_FRAMES.clear()


def test_frames_kept_across_pages_are_the_frames_read_afresh(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [p.read_text(encoding="utf-8") for p in PAGES]
    variants = [(text, str(path)) for text, path in zip(texts, PAGES)]
    variants += [(_moved(text), str(path)) for text, path in zip(texts, PAGES)]
    remembered = [_frames(text, path) for text, path in variants]
    assert len(frames_module._SENTENCE_FRAMES) > 50  # the memo was used
    monkeypatch.setattr(frames_module, "_frames_kept",  # never found
                        lambda sentence, start, members, frames: [(f, frames_module.figure_fields(f)) for f in members])
    frames_module._SENTENCE_FRAMES.clear()
    afresh = [_frames(text, path) for text, path in variants]
    assert remembered == afresh


def test_a_sentence_said_on_two_pages_is_read_once(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    reading = frames_module._read_frame  # what read_frames calls for a frame it reads
    monkeypatch.setattr(frames_module, "_read_frame", lambda *args, **kw: calls.append(1) or reading(*args, **kw))
    sentence = "About 34 million people in the United States have diabetes."
    first = _frames(f"Diabetes facts\n\n{sentence}")
    second = _frames(f"Health news\n\nSome intro here. {sentence}")
    assert first == second and len(calls) == 1


def test_a_frame_that_its_context_fills_is_read_in_each_place(fresh: None) -> None:
    # The pronoun points at the sentence before; the heading and lead-in say the subject.
    pointed = "It affects 10% of adults in the United States."
    [asthma] = _frames(f"Asthma is a common condition. {pointed}")
    [migraine] = _frames(f"Migraine is a common condition. {pointed}")
    assert asthma[0].said == ("asthma",) and migraine[0].said == ("migraine",)
    listed = "- 12% of adults in Canada"
    [first] = _frames(f"Asthma statistics\n\nKey facts about asthma:\n\n{listed}")
    [second] = _frames(f"Migraine statistics\n\nKey facts about migraine:\n\n{listed}")
    assert first[0].said != second[0].said
    unplaced = "About 9% of adults have insomnia."
    [here] = _frames(f"Sleep in Canada\n\n{unplaced}")
    [there] = _frames(f"Sleep in the UK\n\n{unplaced}")
    assert (here[0].place, there[0].place) == ("canada", "uk")


@pytest.mark.parametrize("pointed", ["They say 12% of adults in Canada have migraine.",
                                     "Industry studies peg the average at $36 in the United States."])
def test_a_pointer_with_no_sentence_before_is_read_again_after_one(fresh: None, pointed: str) -> None:
    [alone] = _frames(pointed)
    [after] = _frames(f"Email marketing is a common channel. {pointed}")
    assert alone[0].said_from == "clause" and after[0].said_from == "previous"


_PERIOD_PIECES = st.sampled_from(["2011", "1999", "2100", "1949", "-", "\u2013", " ", "\n", "\u2003", "Survey", "survey",
                                  "REPORT", "study", "poll", "Census", "Pet Owners", "x", "(", "12", "\u00a0"])
# Whole dated sources among the pieces: the pieces alone almost never put one together (none in
# 500 texts), and a text with none tests nothing here.
_YEARS, _BLANK = st.sampled_from(["1950", "1999", "2011", "2099"]), st.sampled_from(["", " ", "\n", "\u2003", "\u00a0"])
_DATED_SOURCES = st.tuples(_YEARS, _BLANK, st.sampled_from(["-", "\u2013"]), _BLANK, _YEARS, st.just(" "),
                           st.sampled_from(["Survey", "census", "Pet Owners poll"])).map("".join)


@given(st.lists(st.one_of(_PERIOD_PIECES, _DATED_SOURCES), max_size=16).map("".join))
@settings(max_examples=500, deadline=None)
def test_a_page_that_may_name_a_dated_source_is_never_passed_over(text):
    """The dated-source scan runs only where a dash follows a year (`_may_name_a_dated_source`,
    in C): it never passes over a page that names one."""
    if frames_module._DATED_SOURCE.search(text):
        assert frames_module._may_name_a_dated_source(text)


@pytest.mark.parametrize("text", [
    "The 2011-2012 Pet Owners Survey found it.", "the 2019 \u2013 2020 national health report", "2011 -2012 poll",
    "x\n1999\u2013\n2000 census",
])
def test_a_dated_source_is_found_past_the_dash_scan(text):
    assert frames_module._DATED_SOURCE.search(text) and frames_module._may_name_a_dated_source(text)


def test_a_page_with_no_dash_after_a_year_is_not_scanned_for_a_dated_source():
    assert not frames_module._may_name_a_dated_source("Twenty-three of 40 (57.5%) in 2019. A well-known survey.")


_ALIAS_PIECES = st.sampled_from(["(", ")", ",", " ", "\t", "or", "also", "often", "called", "known", "as", "referred",
                                 "to", "High blood pressure", "hypertension", "ROI", "“", "”", "is", "Called", "x"])
# Whole "(or" marks among the pieces, with their blanks and adverbs: the pieces alone put none
# together (no mark in 500 texts), and a text with none tests nothing here.
_BRACKETED_ORS = st.tuples(st.just("("), st.sampled_from(["", " ", "\t", "  "]),
                           st.sampled_from(["", "also ", "often\t", "sometimes  ", "commonly ", "Also "]), st.just("or"),
                           st.sampled_from(["", " ", "\t", "\n"])).map("".join)


@given(st.lists(st.one_of(_ALIAS_PIECES, _BRACKETED_ORS), max_size=14).map("".join))
@settings(max_examples=500, deadline=None)
def test_the_alias_marks_of_a_text_without_naming_words_are_its_bracketed_ors(text):
    """Where no "called", "known" or "referred" is, `read_aliases` looks only for "(or"
    (`_BRACKETED_OR`): the marks it finds are every mark `_ALIAS_MARK` finds there."""
    if not any(word in text for word in ("called", "known", "referred")):
        assert ([m.span() for m in frames_module._BRACKETED_OR.finditer(text)]
                == [m.span() for m in frames_module._ALIAS_MARK.finditer(text)])
        assert not list(frames_module._COPULA_ALIAS_MARK.finditer(text))


def test_aliases_are_read_with_and_without_naming_words():
    assert frames_module.read_aliases("Most adults with high blood pressure (or hypertension) know it.")
    assert frames_module.read_aliases("High blood pressure, also called hypertension, is common.")
