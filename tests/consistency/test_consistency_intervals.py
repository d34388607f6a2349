"""Intervals of every hedge, and how each pair of hedges compares."""

from __future__ import annotations

import math

import pytest
from consistency_helpers import fig

from claimstrack.consistency.intervals import (
    AGREE,
    CONFLICT,
    DIFFER,
    Interval,
    Tolerance,
    compare_figures,
    figure_interval,
    rounding_step,
)
from claimstrack.quantities import format_value

HEDGES = ("none", "approximately", "over", "at least", "almost", "up to", "less than")


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (fig(92, kind="percent", precision=1), Interval(91.5, 92.5)),
        (fig(92, kind="percent", precision=0.1), Interval(91.95, 92.05)),
        (fig(92, kind="percent"), Interval(91.5, 92.5)),  # step read off the digits
        (fig(92.5, kind="percent"), Interval(92.45, 92.55)),
        (fig(42e6, precision=1e6), Interval(41.5e6, 42.5e6)),
        (fig(42e6), Interval(41.5e6, 42.5e6)),
        (fig(42e6, "approximately", precision=1e6), Interval(37.8e6, 46.2e6)),
        (fig(90, "over", "percent", precision=1), Interval(90, 94.5, low_closed=False)),
        (fig(90, "at least", "percent", precision=1), Interval(90, 94.5)),
        (fig(49e6, "almost", precision=1e6), Interval(46.55e6, 49e6, high_closed=False)),
        (fig(36e9, "up to", "money"), Interval(0, 36e9)),
        (fig(5, "less than", "percent"), Interval(0, 5, high_closed=False)),
        (fig(None, low=35, high=45, kind="age"), Interval(34.5, 45.5)),
        (fig(None, "approximately", low=100, high=200), Interval(90, 220)),
        (fig(99, "over", "percent"), Interval(99, 100, low_closed=False)),  # capped at 100%
        (fig(300, "over", "percent"), Interval(300, 315, low_closed=False)),  # a change: no cap
        (fig(100 / 3, "approximately", "percent"), Interval(30, 36.666666666666664)),
    ],
)
def test_figure_interval(figure, expected):
    got = figure_interval(figure)
    assert math.isclose(got.low, expected.low) and math.isclose(got.high, expected.high)
    assert (got.low_closed, got.high_closed) == (expected.low_closed, expected.high_closed)


def test_figure_without_a_number_is_refused():
    with pytest.raises(ValueError, match="states no number"):
        figure_interval(fig(None, text="several"))


@pytest.mark.parametrize(
    ("value", "step"),
    [(42e6, 1e6), (1.2e9, 1e8), (36e9, 1e9), (92, 1), (20, 1), (100, 1), (92.5, 0.1), (0.25, 0.01), (100 / 3, 0.0), (0, 1)],
)
def test_rounding_step_is_read_off_the_digits(value, step):
    assert rounding_step(fig(value)) == step


# Same stated value (100) under every pair of hedges. Over/at least sit above X, almost/less
# than below it, up to reaches X: only those that cannot meet conflict.
_CONFLICTING = {
    frozenset({"over", "almost"}), frozenset({"over", "less than"}), frozenset({"over", "up to"}),
    frozenset({"at least", "almost"}), frozenset({"at least", "less than"}),
}


@pytest.mark.parametrize("first", HEDGES)
@pytest.mark.parametrize("second", HEDGES)
def test_every_hedge_pair_at_one_value(first, second):
    expected = CONFLICT if frozenset({first, second}) in _CONFLICTING else AGREE
    a, b = fig(100, first, precision=1), fig(100, second, precision=1)
    assert compare_figures(a, b).verdict == expected
    assert compare_figures(b, a).verdict == expected  # symmetric


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (fig(100), fig(103), CONFLICT),  # [99.5, 100.5] vs [102.5, 103.5]
        (fig(12, kind="percent"), fig(13, kind="percent"), DIFFER),  # touch at 12.5, 7.7% apart
        (fig(100), fig(104, "approximately"), AGREE),  # 3.8% apart
        (fig(100), fig(108, "approximately"), DIFFER),  # meet, 7.4% apart
        (fig(100), fig(125, "approximately"), CONFLICT),  # [112.5, 137.5]
        (fig(100, "up to"), fig(50), DIFFER),  # a ceiling far above a value: worth a look
        (fig(100, "up to"), fig(101), CONFLICT),
        (fig(100, "less than"), fig(100), AGREE),  # [0, 100) meets [99.5, 100.5]
        (fig(100, "over"), fig(103), AGREE),
        (fig(100, "over"), fig(110), CONFLICT),
        (fig(100, "at least"), fig(99), CONFLICT),  # [98.5, 99.5] vs [100, 105]
        (fig(100, "almost"), fig(96), AGREE),
        (fig(100, "almost"), fig(94), CONFLICT),
        (fig(100, "almost"), fig(100, "over"), CONFLICT),
        (fig(None, low=35, high=45), fig(40), AGREE),
        (fig(None, low=35, high=45), fig(50), CONFLICT),
        (fig(None, low=2, high=72), fig(None, low=4, high=72), AGREE),
        (fig(42e6, "approximately", precision=1e6), fig(49e6, "almost", precision=1e6), CONFLICT),
        (fig(42e6, "approximately", precision=1e6), fig(39e6, "approximately", precision=1e6), DIFFER),
        (fig(39e6, "approximately", precision=1e6), fig(39e6, precision=1e6), AGREE),
    ],
)
def test_compare_across_values(first, second, expected):
    assert compare_figures(first, second).verdict == expected
    assert compare_figures(second, first).verdict == expected


def test_tolerances_are_configurable():
    about_42, almost_49 = fig(42e6, "approximately", precision=1e6), fig(49e6, "almost", precision=1e6)
    assert compare_figures(about_42, almost_49, Tolerance(approximate=0.2)).verdict == DIFFER
    assert compare_figures(about_42, almost_49, Tolerance(approximate=0.2, differ=0.2)).verdict == AGREE
    assert compare_figures(fig(100, "over"), fig(110), Tolerance(hedge=0.2)).verdict == DIFFER


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (None, Tolerance()),
        ({"approximate": 0.2}, Tolerance(approximate=0.2)),
        (Tolerance(differ=0.01), Tolerance(differ=0.01)),
        (type("Config", (), {"approximate": 0.1, "hedge": 0.02, "differ": 0.03})(), Tolerance(0.1, 0.02, 0.03)),
    ],
)
def test_tolerance_from_config(setting, expected):
    assert Tolerance.from_config(setting) == expected


def test_measure_tolerance_replaces_differ_only():
    assert Tolerance().for_measure(0.2) == Tolerance(approximate=0.1, hedge=0.05, differ=0.2)
    assert Tolerance().for_measure(None) == Tolerance()


@pytest.mark.parametrize(
    ("interval", "other", "disjoint"),
    [
        (Interval(0, 1), Interval(1, 2), False),
        (Interval(0, 1, high_closed=False), Interval(1, 2), True),
        (Interval(0, 1), Interval(1, 2, low_closed=False), True),
        (Interval(0, 1), Interval(2, 3), True),
        (Interval(0, 5), Interval(1, 2), False),
    ],
)
def test_disjoint(interval, other, disjoint):
    assert interval.disjoint(other) is disjoint
    assert other.disjoint(interval) is disjoint


@pytest.mark.parametrize(
    ("value", "kind", "unit", "text"),
    [
        (46550000.000000004, "count", None, "46.55M"),
        (49e6, "count", None, "49M"),
        (91.5, "percent", None, "91.5%"),
        (36e9, "money", "USD", "$36B"),
        (1200, "money", "EUR", "\u20ac1,200"),
        (5e3, "money", "CHF", "5,000 CHF"),
            (45e3, "count", None, "45k"),
            (2.5, "ratio", None, "2.5x"),
        (1.5e12, "number", None, "1.5T"),
        (-math.inf, "count", None, "-inf"),
    ],
)
def test_format_value(value, kind, unit, text):
    assert format_value(value, kind, unit) == text


def test_interval_format_shows_open_ends():
    assert Interval(46.55e6, 49e6, high_closed=False).format("count") == "[46.55M, 49M)"
    assert str(Interval(90, 94.5, low_closed=False)) == "(90, 94.5]"


def test_a_share_written_as_a_fraction_is_approximate():
    # copy rounds a share to the nearest simple fraction: "one in three" is about 33%
    from claimstrack.figures import extract_figures

    for text in ("one in three adults", "1 out of 3 adults", "About 1/3 of adults", "a third of adults"):
        [figure] = extract_figures(text)
        got = figure_interval(figure)
        assert math.isclose(got.low, 30) and math.isclose(got.high, 100 / 3 * 1.1), text
    [written] = extract_figures("33% of adults")
    assert figure_interval(written).high == 33.5
