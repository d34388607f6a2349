"""CT105/CT106 decided by interval containment: the claim is supported when everything its
evidence allows lies inside what the claim's wording allows, and overstates when the evidence
reaches past the claim on the side the claim's wording flatters."""

from __future__ import annotations

import pytest

from claimstrack.checks.examples import claim_toml, project
from claimstrack.engine import check

from .conftest import write_project


def verdict_codes(tmp_path, claim: str, quote: str) -> list[tuple[str, str]]:
    claims = claim_toml(claim, id="c", evidence=f'cite = "lipton2007"\nlocator = "p. 1"\nquote = "{quote}"\n')
    write_project(tmp_path, project("Migraine is common.\n", claims=claims).files)
    return [(f.code, f.severity.value) for f in check(root=tmp_path).findings if f.code in ("CT105", "CT106")]


@pytest.mark.parametrize(
    ("claim", "quote", "expected"),
    [
        # the two examples: a true claim is no error, a real overstatement is an error
        ("Over 90% of patients improved", "91% of patients improved", []),
        ("Over 92% of users improved", "91% of users improved", [("CT106", "error")]),
        # floors
        ("Over 92% of patients improved", "92% of patients improved", [("CT106", "error")]),
        ("At least 91% of patients improved", "91% of patients improved", [("CT106", "error")]),
        ("At least 90% of patients improved", "91% of patients improved", []),
        ("Over 92% of patients improved", "more than 92% of patients improved", []),
        # plain and approximate values: more than the evidence flatters, less only misstates
        ("92% of patients improved", "92% of patients improved", []),
        ("92% of patients improved", "91.7% of patients improved", []),
        ("92% of patients improved", "85% of patients improved", [("CT106", "error")]),
        ("92% of patients improved", "97% of patients improved", [("CT105", "warning")]),
        ("Costs reach $36 billion a year", "costs as high as $36 billion a year", [("CT106", "error")]),
        ("About 39 million Americans have migraine", "39 million Americans have migraine", []),
        ("About 39 million Americans have migraine", "30 million Americans have migraine", [("CT106", "error")]),
        # almost: rounds up to X
        ("Almost 49 million people have migraine", "47.5 million people have migraine", []),
        ("Almost 49 million people have migraine", "40 million people have migraine", [("CT106", "error")]),
        ("Almost 49 million people have migraine", "52 million people have migraine", [("CT105", "warning")]),
        # ceilings: the claim promises the quantity stays under X
        ("Less than 5% of patients had side effects", "3% of patients had side effects", []),
        ("Less than 5% of patients had side effects", "7% of patients had side effects", [("CT106", "error")]),
        ("Up to 36 hours of relief", "up to 40 hours of relief", [("CT106", "error")]),
        ("Up to 36 hours of relief", "up to 30 hours of relief", []),
        # a bound that repeats a range's end is not held to the end's rounding
        ("Up to 50% less pain", "Pain fell by 35% to 50% across sites", []),
        ("At least 92% of patients improved", "92% to 95% of patients improved", []),
        ("Over 92% of patients improved", "92% to 95% of patients improved", [("CT106", "error")]),
        ("Less than 50% less pain", "Pain fell by 35% to 50% across sites", [("CT106", "error")]),
        # ranges: a wider claim is true of a narrower source
        ("Attacks last 2-72 hours", "attacks lasting 4-72 hours", []),
        ("Attacks last 4-72 hours", "attacks lasting 2-72 hours", [("CT106", "error")]),
        # a quote with no figure of the claim's kind contains no such figure
        ("About 39 million Americans have migraine", "Migraine affects 12% of the population.", [("CT105", "warning")]),
    ],
)
def test_claim_against_quote(tmp_path, claim, quote, expected):
    assert verdict_codes(tmp_path, claim, quote) == expected


def test_the_nearest_figure_of_the_quote_is_the_one_compared(tmp_path):
    # 50% is not the claim's 92%: the claim is compared with the quote's 92%, and overstates it
    codes = verdict_codes(tmp_path, "Over 92% of patients improved",
                          "92% of patients reported a 50% reduction in pain")
    assert codes == [("CT106", "error")]
