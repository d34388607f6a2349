"""Figure readings as intervals, and how two readings of one quantity compare.

Every figure says the quantity lies somewhere; `figure_interval` turns the wording into that
somewhere (docs/consistency.md, "Figures as intervals"):

=============  ===========================================  ============================
hedge          interval for a stated value X                example
=============  ===========================================  ============================
none           [X - step/2, X + step/2] (step: precision)   "92%" -> [91.5, 92.5]
approximately  [X(1 - a), X(1 + a)], at least +-step/2       "about 42 million" -> [37.8M, 46.2M]
over           (X, X(1 + h)]                                "over 90%" -> (90, 94.5]
at least       [X, X(1 + h)]                                "at least 90%" -> [90, 94.5]
almost         [X(1 - h), X)                                "almost 49 million" -> [46.55M, 49M)
up to          [0, X]                                       "up to $36 billion" -> [0, 36B]
less than      [0, X)                                       "less than 5%" -> [0, 5)
range          [low - step/2, high + step/2]                "35-45" -> [34.5, 45.5]
=============  ===========================================  ============================

`a` is the approximate tolerance (default 0.10) and `h` the hedge tolerance (default 0.05).
"up to" and "less than" state a ceiling and nothing else ("fewer than 5% had side effects" is
true of 2%), so their interval runs down to zero; "almost" and "over" say the value is *near* X,
so they are closed by the hedge tolerance. Percentages of a whole are capped at 100.

Two readings *conflict* when their intervals are disjoint, and *differ* when the intervals meet
but the stated values are further apart than the differ tolerance (default 0.05, relative).
An evidence figure *supports* a claim's figure when its interval lies inside the claim's, and
the claim *overstates* it when the evidence reaches past the claim on the side the claim's
hedge flatters (`support_verdict`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import attrs

from claimstrack.model import Figure
from claimstrack.quantities import format_value

#: Default relative tolerances (config.tolerance overrides them, Measure.tolerance per measure).
DEFAULT_APPROXIMATE = 0.10
DEFAULT_HEDGE = 0.05
DEFAULT_DIFFER = 0.05

AGREE = "agree"
DIFFER = "differ"
CONFLICT = "conflict"


@attrs.frozen
class Tolerance:
    """Relative tolerances: `approximate` widens "about X", `hedge` closes open ends ("almost
    X"), `differ` is how far apart two stated values may be before they differ."""

    approximate: float = DEFAULT_APPROXIMATE
    hedge: float = DEFAULT_HEDGE
    differ: float = DEFAULT_DIFFER

    @classmethod
    def from_config(cls, setting: Any) -> Tolerance:
        """Read config.tolerance, given as a Tolerance, a mapping or an object with attributes."""
        if setting is None:
            return cls()
        if isinstance(setting, Tolerance):
            return setting
        values = {}
        for name in ("approximate", "hedge", "differ"):
            value = setting.get(name) if isinstance(setting, Mapping) else getattr(setting, name, None)
            if value is not None:
                values[name] = float(value)
        return cls(**values)

    def for_measure(self, measure_tolerance: float | None) -> Tolerance:
        """A measure's own tolerance replaces `differ` for its figures.

        "Approximately" is a property of the wording, not of the quantity, so the approximate
        and hedge tolerances stay global.
        """
        if measure_tolerance is None:
            return self
        return attrs.evolve(self, differ=measure_tolerance)


@attrs.frozen
class Interval:
    """A stretch of the real line; each end closed (included) or open."""

    low: float
    high: float
    low_closed: bool = True
    high_closed: bool = True

    def contains(self, x: float) -> bool:
        """True when x lies in the interval."""
        above = x > self.low or (self.low_closed and x == self.low)
        below = x < self.high or (self.high_closed and x == self.high)
        return above and below

    def disjoint(self, other: Interval) -> bool:
        """True when no number lies in both intervals."""
        return _ends_before(self, other) or _ends_before(other, self)

    def includes(self, other: Interval) -> bool:
        """True when every number of `other` lies in this interval."""
        return not other.reaches_below(self) and not other.reaches_above(self)

    def reaches_below(self, other: Interval) -> bool:
        """True when some number of this interval lies below every number of `other`."""
        if _same(self.low, other.low):
            return self.low_closed and not other.low_closed
        return self.low < other.low

    def reaches_above(self, other: Interval) -> bool:
        """True when some number of this interval lies above every number of `other`."""
        if _same(self.high, other.high):
            return self.high_closed and not other.high_closed
        return self.high > other.high

    def format(self, kind: str = "number", unit: str | None = None) -> str:
        """'[46.55M, 49M)' style, with the figure's kind deciding the units shown."""
        left = "[" if self.low_closed else "("
        right = "]" if self.high_closed else ")"
        return f"{left}{format_value(self.low, kind, unit)}, {format_value(self.high, kind, unit)}{right}"

    def __str__(self) -> str:
        return self.format()


def _same(a: float, b: float) -> bool:
    # ends computed two ways (92 - 0.5 and 91.5) must compare equal despite float rounding
    return a == b or math.isclose(a, b, rel_tol=1e-9)


def _ends_before(first: Interval, second: Interval) -> bool:
    if first.high < second.low:
        return True
    return first.high == second.low and not (first.high_closed and second.low_closed)


@attrs.frozen
class Comparison:
    """How two readings of one quantity relate, with the intervals that were compared."""

    verdict: str  # AGREE, DIFFER or CONFLICT
    first: Interval
    second: Interval
    distance: float  # relative gap between the stated values (0 when they overlap)

    @property
    def disagrees(self) -> bool:
        return self.verdict != AGREE


def stated_bounds(figure: Figure) -> tuple[float, float] | None:
    """The numbers the figure states: (X, X) for one value, (low, high) for a range."""
    if figure.value is not None:
        return (figure.value, figure.value)
    ends = [bound for bound in (figure.low, figure.high) if bound is not None]
    return (min(ends), max(ends)) if ends else None


def rounding_step(figure: Figure) -> float:
    """The figure's rounding step: its precision, else read off the stated value's digits."""
    if figure.precision is not None:
        return abs(figure.precision)
    bounds = stated_bounds(figure)
    if bounds is None:
        return 0.0
    return min(_step_of(bounds[0]), _step_of(bounds[1]))


def _step_of(x: float) -> float:
    """The rounding step a stated number shows: 42000000 -> 1e6, 92.5 -> 0.1, 20 -> 1.

    Trailing zeros of a whole number count only from three on: "20%" is exact to the unit,
    while 42000000 was written "42 million".
    """
    if x == 0 or not math.isfinite(x):
        return 1.0
    x = abs(float(x))
    if x.is_integer():
        digits = f"{x:.0f}"
        zeros = len(digits) - len(digits.rstrip("0"))
        return float(10**zeros) if zeros >= 3 else 1.0
    decimals = len(f"{x:.10f}".rstrip("0").partition(".")[2])
    # A long or non-terminating expansion (1/3 as 33.333...) was not written as digits.
    return 0.0 if decimals > 4 else 10.0**-decimals


def figure_interval(figure: Figure, tolerance: Tolerance | None = None) -> Interval:
    """The interval of values a figure's wording allows (see the module table)."""
    tol = tolerance or Tolerance()
    bounds = stated_bounds(figure)
    if bounds is None:
        raise ValueError(f"figure {figure.text!r} states no number")
    half = rounding_step(figure) / 2
    low, high = bounds
    hedge = "approximately" if states_approximately(figure) else figure.hedge
    if low != high:
        interval = _range_interval(low, high, half, tol.approximate if hedge == "approximately" else 0.0)
    else:
        interval = _hedged_interval(high if hedge in ("up to", "less than", "almost") else low, hedge, half, tol)
    return _cap_percent(interval, figure)


def states_approximately(figure: Figure) -> bool:
    """True for "about X", and for a share written as a fraction with no hedge ("one in three",
    "1 out of 3", "a third", "1/3"): copy rounds a share to the nearest simple fraction, so "one
    in three" is about 33%, not 33.333...%."""
    if figure.hedge == "approximately":
        return True
    if figure.hedge != "none" or figure.kind != "percent" or figure.precision is not None or figure.value is None:
        return False
    return _FRACTION.search(figure.text) is not None


# "1/3", "one in three", "1 out of every 5", "a third", "half": a share written as a fraction.
_FRACTION = re.compile(r"\d\s*/\s*\d|\b(?:in|out\s+of)\s+(?:every\s+)?\w+"
                       r"|\b(?:half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
                       re.IGNORECASE)


def _range_interval(low: float, high: float, half: float, relative: float) -> Interval:
    return Interval(min(low - half, low - abs(low) * relative), max(high + half, high + abs(high) * relative))


def _hedged_interval(x: float, hedge: str, half: float, tol: Tolerance) -> Interval:
    spread = abs(x)
    if hedge == "approximately":
        return Interval(min(x - spread * tol.approximate, x - half), max(x + spread * tol.approximate, x + half))
    if hedge == "over":
        return Interval(x, x + spread * tol.hedge, low_closed=False)
    if hedge == "at least":
        return Interval(x, x + spread * tol.hedge)
    if hedge == "almost":
        return Interval(x - spread * tol.hedge, x, high_closed=False)
    if hedge in ("up to", "less than"):
        return Interval(min(0.0, x) if x >= 0 else -math.inf, x, high_closed=hedge == "up to")
    return Interval(x - half, x + half)


def _cap_percent(interval: Interval, figure: Figure) -> Interval:
    # A share of a whole cannot pass 100%; "over 99%" is (99, 100], not (99, 103.95].
    if figure.kind == "percent" and interval.low < 100 < interval.high:
        return attrs.evolve(interval, high=100.0, high_closed=True)
    return interval


def relative_distance(first: tuple[float, float], second: tuple[float, float]) -> float:
    """Gap between two stated ranges relative to the larger magnitude (0 when they overlap)."""
    gap = max(first[0] - second[1], second[0] - first[1], 0.0)
    scale = max(abs(first[0]), abs(first[1]), abs(second[0]), abs(second[1]))
    return gap / scale if scale else 0.0


def compare_figures(first: Figure, second: Figure, tolerance: Tolerance | None = None) -> Comparison:
    """Whether two figures for one quantity agree, differ (warning) or conflict (error)."""
    tol = tolerance or Tolerance()
    a, b = figure_interval(first, tol), figure_interval(second, tol)
    stated_a, stated_b = stated_bounds(first), stated_bounds(second)
    assert stated_a is not None and stated_b is not None  # figure_interval raised otherwise
    distance = relative_distance(stated_a, stated_b)
    if a.disjoint(b):
        verdict = CONFLICT
    elif distance > tol.differ:
        verdict = DIFFER
    else:
        verdict = AGREE
    return Comparison(verdict, a, b, distance)


# ---------------------------------------------------------------------------------------------
# Support: does an evidence figure back a claim's figure?

SUPPORTED = "supported"
OVERSTATED = "overstated"
UNDERSTATED = "understated"

#: Hedges that state a ceiling: the claim promises the quantity stays under X.
CEILINGS = ("up to", "less than")


def flatters_upward(hedge: str) -> bool:
    """The side a claim's wording flatters: up, except for a ceiling.

    "over", "at least" and "almost" push the reader's impression up (a floor; a value rounded
    up to X), and a plain or approximate figure in promotional copy is taken the same way (more
    patients helped, more people affected). "up to" and "less than" promise that the quantity
    stays under X, so a claim flatters by putting that ceiling lower than the evidence does.
    """
    return hedge not in CEILINGS


def comparable(quoted: Figure, claimed: Figure) -> bool:
    """True when one figure can state the quantity of another: the same kind (a bare number
    goes with any) and, for money, the same currency."""
    if quoted.kind != claimed.kind and "number" not in (quoted.kind, claimed.kind):
        return False
    return not (claimed.kind == "money" and quoted.unit and claimed.unit and quoted.unit != claimed.unit)


def support_verdict(claimed: Figure, evidence: Figure, tolerance: Tolerance | None = None) -> str:
    """How an evidence figure backs a claim's figure, by containment of their intervals.

    SUPPORTED when every value the evidence allows lies in the interval the claim's wording
    allows (or the claim repeats the evidence's reading); OVERSTATED when the evidence reaches
    past the claim on the side the claim flatters (`flatters_upward`); UNDERSTATED otherwise:
    the claim says less than the evidence, or something else, but not more.
    """
    if claimed.hedge == evidence.hedge and stated_bounds(claimed) == stated_bounds(evidence):
        return SUPPORTED  # the same words: "92.0%" for "92%" is a matter of granularity
    tol = tolerance or Tolerance()
    claim = figure_interval(claimed, tol)
    backing = _bounds_as_stated(figure_interval(evidence, tol), evidence, claim)
    if claim.includes(backing):
        return SUPPORTED
    if flatters_upward(claimed.hedge):
        flattered = backing.reaches_below(claim)
    else:
        flattered = backing.reaches_above(claim)
    return OVERSTATED if flattered else UNDERSTATED


def _bounds_as_stated(backing: Interval, evidence: Figure, claim: Interval) -> Interval:
    """A range's end that a claim's closed bound repeats ("up to 50%" for "35% to 50%") is
    taken as stated: the claim copies the source's bound, so the end's rounding is not held
    against it. A plain value keeps its rounding ("at least 92%" for "92%" still overstates)."""
    if evidence.value is not None or evidence.low is None or evidence.high is None:
        return backing
    if claim.low_closed and _same(claim.low, evidence.low):
        backing = attrs.evolve(backing, low=claim.low, low_closed=True)
    if claim.high_closed and _same(claim.high, evidence.high):
        backing = attrs.evolve(backing, high=claim.high, high_closed=True)
    return backing


