"""CT401: built-in risky phrases, phrases a team configures, and where evidence silences them."""

from __future__ import annotations

import pytest

from claimstrack.checks.wording import RISKY_PHRASES, phrase_pattern
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
