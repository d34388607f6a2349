from __future__ import annotations

import pytest

from claimstrack.quantities import format_value
from claimstrack.report.numberline import (
    CLOSED,
    OPEN,
    UNBOUNDED,
    DrawnInterval,
    Plotted,
    describe_interval,
    drawn_interval,
    layout,
    nice_ticks,
    outward_ticks,
)

from .conftest import make_figure


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        # exact: widened by half the rounding step
        (make_figure("42 million", 0, 42e6, precision=1e6), DrawnInterval(41.5e6, 42.5e6, CLOSED, CLOSED, 42e6)),
        # exact, precision read off the digits: 92% -> step 1
        (make_figure("92%", 0, 92, kind="percent"), DrawnInterval(91.5, 92.5, CLOSED, CLOSED, 92)),
        # approximately: widened by the approximate tolerance (10%)
        (make_figure("about 42 million", 0, 42e6, hedge="approximately"),
         DrawnInterval(37.8e6, 46.2e6, CLOSED, CLOSED, 42e6)),
        # almost: open top at the number, bottom closed by the hedge tolerance (5%): a bracket, as
        # "[46.55M, 49M)" says, never an arrow (the compared interval has that bound)
        (make_figure("almost 49 million", 0, 49e6, hedge="almost", high=49e6, high_inclusive=False),
         DrawnInterval(46.55e6, 49e6, CLOSED, OPEN, 49e6)),
        # up to: inclusive top, reaching down to zero as the consistency checks read it
        (make_figure("up to $36B", 0, 36e9, kind="money", hedge="up to", high=36e9, high_inclusive=True),
         DrawnInterval(0, 36e9, CLOSED, CLOSED, 36e9)),
        # up to a negative number: minus infinity is drawn a hedge's width long, as an arrow
        (make_figure("up to -20", 0, -20, hedge="up to", high=-20, high_inclusive=True),
         DrawnInterval(-21, -20, UNBOUNDED, CLOSED, -20)),
        # over: exclusive bottom, top closed by the hedge tolerance
        (make_figure("over 90%", 0, 90, kind="percent", hedge="over", low=90, low_inclusive=False),
         DrawnInterval(90, 94.5, OPEN, CLOSED, 90)),
        # at least: inclusive bottom
        (make_figure("15 or more", 0, 15, hedge="at least", low=15, low_inclusive=True),
         DrawnInterval(15, 15.75, CLOSED, CLOSED, 15)),
        # two-sided range, widened by the rounding step
        (make_figure("2-72 hours", 0, None, kind="duration", low=2, high=72, low_inclusive=True,
                     high_inclusive=True), DrawnInterval(1.5, 72.5, CLOSED, CLOSED, None)),
    ],
)
def test_figure_interval(figure, expected):
    got = drawn_interval(figure)
    assert (got.low_end, got.high_end, got.value) == (expected.low_end, expected.high_end, expected.value)
    assert got.low == pytest.approx(expected.low)
    assert got.high == pytest.approx(expected.high)


@pytest.mark.parametrize(
    ("value", "kind", "unit", "step", "expected"),
    [
        (42e6, "count", None, 1e6, "42M"),
        (1.2e9, "count", None, 1e8, "1.2B"),
        (1e12, "count", None, 1e11, "1T"),
        (950, "count", None, 50, "950"),
        (45_000, "count", None, 5_000, "45k"),
        (0, "count", None, 5e6, "0"),
        (36, "percent", None, 2, "36%"),
        (92.5, "percent", None, 0.5, "92.5%"),
        (36e9, "money", "USD", 1e9, "$36B"),
        (-2e6, "money", "USD", 1e6, "-$2M"),
        (5e6, "money", "CHF", 1e6, "5M CHF"),
        (2.5, "ratio", None, 0.5, "2.5x"),
        (48, "duration", "hours", 10, "48 hours"),
        (46.55e6, "count", None, 0, "46.55M"),
    ],
)
def test_format_value(value, kind, unit, step, expected):
    assert format_value(value, kind, unit, step=step) == expected


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (39e6, 50e6, [40e6, 45e6, 50e6]),
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (88, 95, [88, 90, 92, 94]),
        (5, 5, [5]),
        (float("nan"), 1, []),
    ],
)
def test_nice_ticks(low, high, expected):
    assert nice_ticks(low, high) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (36.9e6, 49.9e6, [35e6, 40e6, 45e6, 50e6]),
        (88, 95, [88, 90, 92, 94, 96]),
        (3, 3, [3]),
    ],
)
def test_outward_ticks_cover_the_range(low, high, expected):
    assert outward_ticks(low, high) == pytest.approx(expected)


def test_describe_interval_shows_open_and_closed_ends():
    assert describe_interval(DrawnInterval(46.55e6, 49e6, CLOSED, OPEN, 49e6), "count", None) == "[46.55M, 49M)"
    assert describe_interval(DrawnInterval(-21, -20, UNBOUNDED, CLOSED, -20), "number", None) == "(\u2212\u221e, -20]"
    assert describe_interval(DrawnInterval(37.8e6, 46.2e6, CLOSED, CLOSED, 42e6), "count", None) == "[37.8M, 46.2M]"


def test_layout_places_disjoint_intervals_apart_on_a_shared_axis():
    rows = [
        Plotted("a.txt:3", "about 42 million", DrawnInterval(37.8e6, 46.2e6, CLOSED, CLOSED, 42e6)),
        Plotted("b.txt:1", "almost 49 million", DrawnInterval(46.55e6, 49e6, CLOSED, OPEN, 49e6)),
    ]
    line = layout(rows, "count", None, "us prevalence")
    first, second = line.rows
    assert first.x_high < second.x_low  # disjoint intervals do not overlap on the drawing
    assert line.plot_left <= first.x_low and second.x_high <= line.plot_right
    assert [t.label for t in line.ticks][:2] == ["35M", "40M"]
    assert all(line.plot_left <= t.x <= line.plot_right for t in line.ticks)
    assert first.y < second.y < line.axis_y < line.height
    assert "b.txt:1" in line.description


def test_layout_of_identical_points_does_not_divide_by_zero():
    rows = [Plotted("a", "5", DrawnInterval(5, 5, CLOSED, CLOSED, 5)), Plotted("b", "5", DrawnInterval(5, 5, CLOSED, CLOSED, 5))]
    line = layout(rows, "number", None, "t")
    assert line.rows[0].x_low == line.rows[1].x_low
    zero = layout([Plotted("a", "0", DrawnInterval(0, 0, CLOSED, CLOSED, 0))], "number", None, "t")
    assert zero.plot_left <= zero.rows[0].x_low <= zero.plot_right
