"""CT401: built-in risky phrases, phrases a team configures, and where evidence silences them."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

import pytest

from claimstrack.checks.wording import (
    BUILT_IN_PHRASES,
    LONGEST_PHRASE,
    RISKY_PHRASES,
    built_in_phrases,
    phrase_pattern,
)
from claimstrack.engine import check
from claimstrack.errors import ConfigError

from .conftest import write_project


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("No side effects, guaranteed results.", ["No side effects", "guaranteed results"]),
        ("Guaranteed returns every year.", ["Guaranteed returns"]),
        ("Clinically proven to work; risk-free trial.", ["Clinically proven", "risk-free"]),
        ("A secure, procured, obscure text.", []),
        ("It may relieve pain for some patients.", []),
    ],
)
def test_built_in_phrases(text, found):
    assert [m.group() for m in RISKY_PHRASES.finditer(text)] == found


def test_configured_phrases_are_literal_and_span_any_whitespace():
    pattern = phrase_pattern(("beats inflation", "a+b (c)"))
    text = "It beats \n inflation; a+b (c). Also aab c."
    assert [m.group() for m in pattern.finditer(text)] == ["beats \n inflation", "a+b (c)"]


def run(tmp_path, config: str, page: str) -> list[str]:
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\n" + config, "content/p.md": page})
    return [f.message for f in check(root=tmp_path).findings if f.code == "CT401"]


def test_configured_phrase_fires_through_the_engine(tmp_path):
    messages = run(tmp_path, 'risky-phrases = ["beats inflation"]\n', "Our fund beats inflation.\n")
    assert messages == ['"beats inflation" is absolute wording with no evidence behind it']


def test_a_cited_sentence_is_not_flagged(tmp_path):
    page = "Our treatment is clinically proven [@smith2020].\n"
    bib = "@article{smith2020, title={T}, year={2020}, doi={10.1/x}}\n"
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\n", "content/p.md": page, "references.bib": bib})
    assert not [f for f in check(root=tmp_path).findings if f.code == "CT401"]


@pytest.mark.parametrize(
    ("setting", "message"),
    [('risky-phrases = "cure"\n', "must be an array of strings"), ('risky-phrases = ["ok", " "]\n', "must not be empty")],
)
def test_bad_risky_phrases_setting(tmp_path, setting, message):
    with pytest.raises(ConfigError) as raised:
        run(tmp_path, setting, "Fine.\n")
    assert message in str(raised.value) and "claimstrack.toml:2:" in str(raised.value)


# One sample per alternative of BUILT_IN_PHRASES, in its order (the test below splits it).
PHRASE_SAMPLES = [
    "guaranteed results", "guaranteed returns", "cures", "guaranteed", "no side-effects",
    "without any negative side effects", "free from side effects", "100% natural", "completely safe",
    "totally safe", "perfectly safe", "clinically proven", "scientifically proven", "proven to", "risk free",
    "miracle", "breakthrough", "permanently relief", "works for everyone", "instant relief", "no risk",
    "cant lose", "double your money",
]


def _top_level_alternatives(pattern: str) -> list[str]:
    alternatives, depth, start = [], 0, 0
    for index, char in enumerate(pattern):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            alternatives.append(pattern[start:index])
            start = index + 1
    return [*alternatives, pattern[start:]]


def test_every_built_in_phrase_passes_the_word_test_in_any_case():
    """The word test may skip a page only when the regex would find nothing on it."""
    alternatives = _top_level_alternatives(BUILT_IN_PHRASES)
    assert len(alternatives) == len(PHRASE_SAMPLES)
    for alternative, sample in zip(alternatives, PHRASE_SAMPLES):
        assert re.fullmatch(alternative, sample, re.IGNORECASE), (alternative, sample)
        # the cases IGNORECASE matches: capitals, the Kelvin sign, long s, dotted and dotless i
        spellings = [sample, sample.upper(), sample.title(), sample.replace("k", "\u212a"),
                     sample.replace("s", "\u017f"), sample.replace("i", "\u0131"), sample.replace("i", "\u0130")]
        for text in spellings:
            page = f"Intro. Our care is {text} today."
            # the word test lets the regex see every match it would find over the whole page
            assert RISKY_PHRASES.search(page), text
            assert _spans(built_in_phrases(page)) == _spans(RISKY_PHRASES.finditer(page)), text
    assert list(built_in_phrases("It may relieve pain for some patients, as 92% said.")) == []


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


def test_a_page_without_those_words_is_skipped_and_one_with_them_is_checked(tmp_path):
    assert run(tmp_path, "", "A secure, procured text. About 42% of adults agree.\n") == []
    assert run(tmp_path, "", "A SCIENTIFICALLY PROVEN cure.\n") == [
        '"SCIENTIFICALLY PROVEN" is absolute wording with no evidence behind it',
        '"cure" is absolute wording with no evidence behind it']


def test_the_longest_phrase_bounds_every_built_in_match():
    assert re._parser.parse(BUILT_IN_PHRASES).getwidth()[1] == LONGEST_PHRASE  # type: ignore[attr-defined]


def test_the_search_around_phrase_words_finds_what_the_whole_page_scan_finds():
    rng = random.Random(7)
    pieces = [*PHRASE_SAMPLES, "Our", "care", "is", "x", "procured", "secure", "-", "(", ").", "\n", "K", "cure-all",
              "İ", "ſide effects", "100%", "side", "effects", "risk", "free", "proven", "no", "to"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) + rng.choice((" ", "", "  ", "\n", ", ")) for _ in range(rng.randrange(1, 60)))
        expected = [match.span() for match in RISKY_PHRASES.finditer(text)]
        assert [match.span() for match in built_in_phrases(text)] == expected, text
