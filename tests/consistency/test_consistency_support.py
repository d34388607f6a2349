"""Support by containment (intervals.support_verdict): properties over every hedge pair."""

from __future__ import annotations

import math

import pytest
from consistency_helpers import fig
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimstrack.consistency.intervals import (
    OVERSTATED,
    SUPPORTED,
    UNDERSTATED,
    Interval,
    figure_interval,
    flatters_upward,
    support_verdict,
)
from claimstrack.model import HEDGES

KINDS = ("count", "percent")
PRECISIONS = (1.0, 0.1)


@st.composite
def figures(draw, kind: str | None = None, hedges=HEDGES):
    """A figure as the extractor gives it: one value with a hedge, or a plain range."""
    kind = kind or draw(st.sampled_from(KINDS))
    precision = draw(st.sampled_from(PRECISIONS))
    top = 99 if kind == "percent" else 10_000
    step_count = int(top / precision)
    if draw(st.booleans()) or "none" not in hedges:
        value = draw(st.integers(1, step_count)) * precision
        return fig(value, draw(st.sampled_from(hedges)), kind, precision=precision)
    low, high = sorted(draw(st.lists(st.integers(1, step_count), min_size=2, max_size=2, unique=True)))
    return fig(None, kind=kind, low=low * precision, high=high * precision, precision=precision)


def moved(figure, factor: float):
    """The same wording with its stated number(s) scaled by `factor`."""
    if figure.value is None:
        return fig(None, kind=figure.kind, low=figure.low * factor, high=figure.high * factor,
                   precision=figure.precision)
    return fig(figure.value * factor, figure.hedge, figure.kind, precision=figure.precision)


def passed(claim: Interval, evidence: Interval, upward: bool) -> bool:
    """True when the claim's flattered end lies past the evidence's end on that side."""
    return evidence.reaches_below(claim) if upward else evidence.reaches_above(claim)


def _same_end(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9)


def repeats_a_range_end(claim: Interval, evidence) -> bool:
    """A claim bound equal to an end of an evidence range copies it: it is not past it. Equal as
    the verdict compares ends: within float rounding (21 x 0.9 and 18.9 are one bound)."""
    return evidence.value is None and (_same_end(claim.low, evidence.low) or _same_end(claim.high, evidence.high))


@settings(max_examples=400)
@given(st.sampled_from(KINDS).flatmap(lambda kind: st.tuples(figures(kind), figures(kind))))
def test_supported_exactly_when_the_claim_interval_contains_the_evidence(pair):
    claim, evidence = pair
    contained = figure_interval(claim).includes(figure_interval(evidence))
    verdict = support_verdict(claim, evidence)
    if contained:
        assert verdict == SUPPORTED
    elif verdict == SUPPORTED:  # the only other ways: the claim repeats the evidence's words,
        # or a bound of the claim repeats an end of the evidence's range
        repeated = (claim.hedge, claim.value, claim.low, claim.high) == (evidence.hedge, evidence.value, evidence.low, evidence.high)
        assert repeated or repeats_a_range_end(figure_interval(claim), evidence)


@settings(max_examples=400)
@given(figures(kind="count"), st.sampled_from(HEDGES), st.integers(1, 10_000))
# found by Hypothesis: "approximately 21" has 21 x 0.9 as its low end, the range's 189 x 0.1
@example(fig(None, kind="count", low=189 * 0.1, high=190 * 0.1, precision=0.1), "approximately", 20)
def test_a_claim_moved_past_the_evidence_in_the_flattering_direction_overstates(evidence, hedge, start):
    claim = fig(float(start), hedge, "count", precision=1.0)
    upward = flatters_upward(hedge)
    factor = 1.05 if upward else 1 / 1.05
    for _ in range(400):  # move the claim until its flattered end passes the evidence's
        interval = figure_interval(claim)
        if passed(interval, figure_interval(evidence), upward) and not repeats_a_range_end(interval, evidence):
            break
        claim = moved(claim, factor)
    else:
        raise AssertionError(f"{claim} never passed {evidence}")
    assert support_verdict(claim, evidence) == OVERSTATED
    # and moving it further the same way never makes it right
    assert support_verdict(moved(claim, factor), evidence) == OVERSTATED


@settings(max_examples=400)
@given(st.sampled_from(KINDS).flatmap(lambda kind: st.tuples(figures(kind), figures(kind))),
       st.floats(1.01, 3.0))
def test_a_supported_claim_moved_the_modest_way_never_overstates(pair, factor):
    claim, evidence = pair
    if support_verdict(claim, evidence) != SUPPORTED:
        return
    modest = moved(claim, 1 / factor if flatters_upward(claim.hedge) else factor)
    assert support_verdict(modest, evidence) in (SUPPORTED, UNDERSTATED)


@pytest.mark.parametrize("claim_hedge", HEDGES)
@pytest.mark.parametrize("quote_hedge", HEDGES)
def test_every_hedge_pair_on_one_number(claim_hedge, quote_hedge):
    """Claim and quote state the same 50, each with its own hedge: the table of verdicts."""
    claim, quote = fig(50.0, claim_hedge, precision=1.0), fig(50.0, quote_hedge, precision=1.0)
    verdict = support_verdict(claim, quote)
    c, q = figure_interval(claim), figure_interval(quote)
    if c.includes(q) or claim_hedge == quote_hedge:
        assert verdict == SUPPORTED
    elif passed(c, q, flatters_upward(claim_hedge)):
        assert verdict == OVERSTATED
    else:
        assert verdict == UNDERSTATED
    expected = EXPECTED_SAME_NUMBER[claim_hedge][quote_hedge]
    assert verdict == expected, (claim_hedge, quote_hedge, c, q)


S, O, U = SUPPORTED, OVERSTATED, UNDERSTATED
#: claim hedge -> quote hedge -> verdict, for claim and quote stating the same 50 (docs/consistency.md).
EXPECTED_SAME_NUMBER = {
    "over":          {"over": S, "at least": O, "almost": O, "up to": O, "less than": O, "approximately": O, "none": O},
    "at least":      {"over": S, "at least": S, "almost": O, "up to": O, "less than": O, "approximately": O, "none": O},
    "almost":        {"over": U, "at least": U, "almost": S, "up to": O, "less than": O, "approximately": O, "none": U},
    "up to":         {"over": O, "at least": O, "almost": S, "up to": S, "less than": S, "approximately": O, "none": O},
    "less than":     {"over": O, "at least": O, "almost": S, "up to": O, "less than": S, "approximately": O, "none": O},
    "approximately": {"over": S, "at least": S, "almost": S, "up to": O, "less than": O, "approximately": S, "none": S},
    "none":          {"over": U, "at least": U, "almost": O, "up to": O, "less than": O, "approximately": O, "none": S},
}
