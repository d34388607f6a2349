"""The canonical value of a declared measure: what a `[measure.<key>]` table accepts.

Read by CT203 (a figure off its measure's canonical value) and by the report's number line,
which draws the accepted band.
"""

from __future__ import annotations

from claimstrack.consistency.intervals import Interval, Tolerance
from claimstrack.model import Measure


def canonical_interval(measure: Measure, tolerance: Tolerance) -> Interval | None:
    """The values a measure table accepts: low/high, else value within its tolerance."""
    if measure.low is not None or measure.high is not None:
        low = measure.low if measure.low is not None else float("-inf")
        high = measure.high if measure.high is not None else float("inf")
        return Interval(low, high)
    if measure.value is None:
        return None
    relative = measure.tolerance if measure.tolerance is not None else tolerance.differ
    spread = abs(measure.value) * relative
    return Interval(measure.value - spread, measure.value + spread)
