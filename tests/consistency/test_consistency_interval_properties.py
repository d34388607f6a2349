"""Properties of the interval arithmetic every consistency rule rests on (Interval, the
intervals of figures, and how two figures compare), checked on generated intervals."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from claimstrack.consistency.intervals import (
    AGREE,
    CONFLICT,
    DIFFER,
    Interval,
    Tolerance,
    compare_figures,
    figure_interval,
)
from claimstrack.model import Figure, Span

# Ends on a half-unit grid up to a million: two different ends are never within the relative
# 1e-9 that the arithmetic deliberately treats as the same end (92 - 0.5 and 91.5 computed two
# ways), which generated floats such as 999999999 and 1e9 are, and the properties are about
# intervals as stated, not about that float-noise allowance.
finite = st.integers(min_value=-2_000_000, max_value=2_000_000).map(lambda half_units: half_units / 2)


@st.composite
def intervals(draw) -> Interval:
    low, high = sorted((draw(finite), draw(finite)))
    return Interval(low, high, draw(st.booleans()), draw(st.booleans()))


def points_of(interval: Interval) -> list[float]:
    """Candidate points near the interval: its ends, its middle, just inside and outside."""
    span = interval.high - interval.low
    nudge = max(span * 1e-6, 1e-6)
    return [interval.low, interval.high, (interval.low + interval.high) / 2,
            interval.low - nudge, interval.low + nudge, interval.high - nudge, interval.high + nudge]


@given(intervals(), intervals())
def test_disjoint_is_symmetric(a, b):
    assert a.disjoint(b) == b.disjoint(a)


@given(intervals(), intervals())
def test_a_point_in_both_means_not_disjoint(a, b):
    shared = [x for x in points_of(a) + points_of(b) if a.contains(x) and b.contains(x)]
    if shared:
        assert not a.disjoint(b)


@given(intervals())
def test_an_interval_includes_itself_and_contains_exactly_its_closed_ends(a):
    assert a.includes(a)
    if a.low < a.high:
        assert a.contains(a.low) == a.low_closed and a.contains(a.high) == a.high_closed


@given(intervals(), intervals())
def test_inclusion_means_every_point_of_the_inner_is_in_the_outer(outer, inner):
    if outer.includes(inner):
        assert all(outer.contains(x) for x in points_of(inner) if inner.contains(x))


@given(intervals(), intervals(), intervals())
def test_inclusion_is_transitive(a, b, c):
    if a.includes(b) and b.includes(c):
        assert a.includes(c)


@given(intervals(), intervals())
def test_an_interval_that_includes_another_meets_it(outer, inner):
    nonempty = inner.low < inner.high or (inner.low_closed and inner.high_closed)
    if outer.includes(inner) and nonempty:
        assert not outer.disjoint(inner)


HEDGES = ("none", "approximately", "over", "at least", "almost", "up to", "less than")
OPEN_ENDS = {"over": (False, None), "at least": (True, None), "almost": (None, False),
             "up to": (None, True), "less than": (None, False)}


@st.composite
def figures(draw) -> Figure:
    value = draw(st.floats(min_value=0.5, max_value=1e9, allow_nan=False)).__round__(2)
    hedge = draw(st.sampled_from(HEDGES))
    low_inclusive, high_inclusive = OPEN_ENDS.get(hedge, (None, None))
    low = value if low_inclusive is not None else None
    high = value if high_inclusive is not None else None
    return Figure(f"{value}", value, low, high, low_inclusive, high_inclusive, "count", None, hedge, None,
                  Span(0, 1, 1, 1, 1, 2), precision=0.01)


#: A hedge tolerance of zero would make "over X" the empty interval (X, X]; the setting is positive.
tolerances = st.builds(Tolerance, st.floats(0.0, 0.3), st.floats(0.001, 0.3), st.floats(0.0, 0.3))


@given(figures(), tolerances)
def test_a_figure_interval_is_well_formed_and_reaches_its_stated_value(figure, tolerance):
    interval = figure_interval(figure, tolerance)
    assert interval.low <= interval.high
    nearest = min(max(figure.value, interval.low), interval.high)
    assert math.isclose(nearest, figure.value, rel_tol=1e-9, abs_tol=1e-9)


@given(figures(), tolerances)
def test_a_figure_agrees_with_itself(figure, tolerance):
    assert compare_figures(figure, figure, tolerance).verdict == AGREE


@given(figures(), figures(), tolerances)
def test_comparing_is_symmetric(first, second, tolerance):
    forward = compare_figures(first, second, tolerance)
    backward = compare_figures(second, first, tolerance)
    assert forward.verdict == backward.verdict
    assert forward.verdict in (AGREE, DIFFER, CONFLICT)
    assert (forward.verdict == CONFLICT) == forward.first.disjoint(forward.second)
