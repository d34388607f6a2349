"""Support checks beyond the rule examples: quotes backing claims, citations in documents."""

from __future__ import annotations

import pytest

from claimstrack.checks.examples import REFERENCE, claim_toml, project
from claimstrack.checks.support import states_number
from claimstrack.consistency.intervals import OVERSTATED, SUPPORTED, UNDERSTATED, support_verdict
from claimstrack.engine import check
from claimstrack.figures import extract_figures

from .conftest import write_project


def one(text: str):
    figures = extract_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("claim", "quote", "verdict"),
    [
        ("About half of people with migraine", "53.7% reported severe impairment", SUPPORTED),
        ("92% of patients", "relief in 92% of patients", SUPPORTED),
        ("92% of patients", "relief in 85% of patients", OVERSTATED),
        ("Approximately 39 million Americans", "39 million Americans", SUPPORTED),
        ("Approximately 39 million Americans", "30 million Americans", OVERSTATED),
        # a wider range is true of a narrower one; a narrower one claims more than the source
        ("2-72 hours", "attacks lasting 4-72 hours", SUPPORTED),
        ("4-72 hours", "attacks lasting 2-72 hours", OVERSTATED),
        ("over 92% of patients", "92% of patients", OVERSTATED),
        ("at least 92% of patients", "92% of patients", OVERSTATED),
        ("over 92% of patients", "more than 92% of patients", SUPPORTED),
        ("$36 billion a year", "as high as $36 billion a year", OVERSTATED),
        ("almost 92% of patients", "92% of patients", UNDERSTATED),
    ],
)
def test_support_verdict_of_a_quote_figure(claim, quote, verdict):
    assert support_verdict(one(claim), one(quote)) == verdict


@pytest.mark.parametrize(
    ("quote", "present"),
    [("The majority (55/77, 71.4%) of patients", True), ("of 177 patients", False), ("7.77 units", False)],
)
def test_states_number_finds_a_count_inside_a_quote(quote, present):
    assert states_number(quote, one("In a review of 77 patients with migraine")) is present


def test_in_document_citation_to_a_missing_key_is_ct103(tmp_path):
    page = "Over 90% of patients improved [@nosuchkey, p. 3].\n"
    write_project(tmp_path, project(page).files)
    findings = check(root=tmp_path).findings
    ct103 = [f for f in findings if f.code == "CT103"]
    assert ct103 and ct103[0].path == "content/page.md" and ct103[0].line == 1
    # The citation does not resolve, so the figure stays unsupported.
    assert any(f.code == "CT101" for f in findings)


def test_resolving_in_document_citation_supports_the_figure(tmp_path):
    page = "Over 90% of patients improved [@lipton2007, p. 3].\n"
    write_project(tmp_path, project(page, bib=REFERENCE).files)
    codes = [f.code for f in check(root=tmp_path).findings]
    assert "CT101" not in codes and "CT103" not in codes


def test_rejected_claims_are_not_checked_against_their_quotes(tmp_path):
    claims = claim_toml("Over 92% of patients reported relief", status="rejected",
                        evidence='cite = "lipton2007"\nquote = "Relief in 80% of patients."\n')
    write_project(tmp_path, project("Migraine is common.\n", claims=claims).files)
    codes = [f.code for f in check(root=tmp_path).findings]
    assert "CT105" not in codes and "CT106" not in codes
