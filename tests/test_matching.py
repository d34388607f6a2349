"""Which claim a sentence states: exactly, through a variant, or altered with a changed figure."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from claimstrack import matching
from claimstrack.checks.page import scan_document
from claimstrack.documents import parse_document
from claimstrack.figures import extract_figures
from claimstrack.matching import NEAR_MATCH_THRESHOLD, Matcher, mask_figures
from claimstrack.model import Claim
from claimstrack.text import normalise

CLAIMS = [
    Claim(id="us", text="Approximately 39 million Americans live with migraine",
          variants=("About 39 million people in the US have migraine",), status="approved"),
    Claim(id="responders", text="92% of patients reported relief within a week", status="approved"),
]
MATCHER = Matcher(CLAIMS)


def match(sentence: str):
    return MATCHER.match(sentence, extract_figures(sentence))


@pytest.mark.parametrize(
    ("sentence", "claim", "altered"),
    [
        ("Approximately 39 million Americans live with migraine.", "us", False),
        ("APPROXIMATELY 39  million Americans live with migraine!", "us", False),
        ("Today, about 39 million people in the US have migraine.", "us", False),
        ("Approximately 49 million Americans live with migraine.", "us", True),
        ("Approximately 39 million Americans live with migraines.", "us", False),
        ("\u201c92% of patients reported relief within a week\u201d, says the clinic.", "responders", False),
        ("95% of patients reported relief within a week.", "responders", True),
        ("Our clinic opened 12 new rooms this year.", None, None),
    ],
)
def test_match(sentence, claim, altered):
    found = match(sentence)
    if claim is None:
        assert found is None
    else:
        assert found is not None and found.claim.id == claim and found.altered is altered


def test_normalise_folds_case_quotes_dashes_and_spaces():
    assert normalise("  \u201cOver\u201d 2\u201372\u00a0hours  ") == '"over" 2-72 hours'


def test_mask_replaces_each_figure_with_one_mark():
    text = "Over 92% of patients and 3x more women"
    assert mask_figures(text, extract_figures(text)) == "# and # women"


def test_candidate_filter_finds_what_scoring_every_wording_finds():
    random.seed(7)
    words = "migraine patients adults relief pain headache infusion therapy clinic women children cost".split()
    claims = [Claim(id=f"c{i}", text=f"About {random.randint(2, 99)}% of {' '.join(random.sample(words, 4))} "
                                      f"reported {' '.join(random.sample(words, 3))}") for i in range(200)]
    matcher = Matcher(claims)
    for _ in range(300):
        sentence = f"Over {random.randint(2, 99)}% of {' '.join(random.sample(words, 4))} said {' '.join(random.sample(words, 3))}."
        figures = extract_figures(sentence)
        masked = mask_figures(sentence, figures)
        brute = max((fuzz.partial_ratio(w.masked, masked) for w in matcher.wordings if w.figures), default=0)
        found = matcher.match(sentence, figures)
        assert (found is not None) == (brute >= NEAR_MATCH_THRESHOLD)


def test_figures_placed_in_the_page_match_as_figures_placed_in_the_sentence():
    page = "Our team is proud of its record. 91% of patients reported relief within a week."
    start = page.index("91%")
    sentence = page[start:]
    in_page = [f for f in extract_figures(page) if f.span.start >= start]
    found = MATCHER.match(sentence, in_page, start)
    assert found == match(sentence) and found is not None and found.altered


def test_a_repeated_sentence_of_a_page_is_matched_once(monkeypatch):
    calls = []
    original = Matcher.match

    def counting(self, sentence, figures, offset=0):
        calls.append(sentence)
        return original(self, sentence, figures, offset)

    monkeypatch.setattr(Matcher, "match", counting)
    document = parse_document("91% of patients reported relief within a week.\n\n" * 500, "page.md", "md")
    occurrences = scan_document(document, Matcher(CLAIMS))
    assert calls == ["91% of patients reported relief within a week."]
    assert len(occurrences) == 500
    assert all(o.claim is not None and o.claim.id == "responders" and o.altered for o in occurrences)
    assert all(o.claim_figure is not None and o.claim_figure.value == 92 for o in occurrences)


def test_a_sentence_repeated_across_pages_is_matched_once_per_matcher(monkeypatch):
    calls = []
    original = Matcher.match
    monkeypatch.setattr(Matcher, "match", lambda self, *args: (calls.append(args[0]), original(self, *args))[1])
    matcher = Matcher(CLAIMS)
    footer = "Over 91% of patients reported relief within a week."
    pages = [parse_document(f"Page {n} is about migraine.\n\n{footer}\n", f"p{n}.md", "md") for n in range(30)]
    found = [scan_document(page, matcher) for page in pages]
    assert calls.count(footer) == 1
    # the remembered answer is the one matching it afresh gives, placed on each page's own figure
    for page, occurrences in zip(pages, found):
        fresh = scan_document(page, Matcher(CLAIMS))
        assert [(o.figure, o.claim, o.claim_figure, o.altered) for o in occurrences] == \
            [(o.figure, o.claim, o.claim_figure, o.altered) for o in fresh]
        assert occurrences[-1].document is page and occurrences[-1].claim_figure.value == 92


def test_the_remembered_sentences_stay_bounded(monkeypatch):
    monkeypatch.setattr(matching, "SENTENCE_MEMORY", 10)
    matcher = Matcher(CLAIMS)
    for n in range(25):
        sentence = f"{n}% of patients reported relief within a week."
        answer = matcher.stated(sentence, extract_figures(sentence))
        assert answer[0] is not None and answer[0].altered is (n != 92)
        assert len(matcher._stated) <= 10
