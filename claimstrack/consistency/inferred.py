"""Grouping figures that measure one quantity, and finding the ones that disagree.

Two steps, both near-linear in the number of figures:

1. `group_readings` buckets readings by a key of exact facets (kind, unit, share/change,
   population, condition) and then by the optional facets place, time frame and aspect. A
   reading that leaves an optional facet unsaid ("49 million people suffer from migraines",
   no time frame) joins the one group that says it, when there is exactly one; with several
   candidates (lifetime and per year) it stays apart, because guessing would compare different
   quantities. No pair of figures is ever examined outside a bucket.
2. `find_disagreements` runs on one group (an inferred one, or every figure of a declared
   measure). Equal readings are merged into *values*; the value that agrees with most figures
   is the group's anchor; every figure whose value disagrees with the anchor is an *outlier* and
   gets one `Disagreement` naming every figure of the group it disagrees with. Thirteen pages
   that quote one prevalence and two that do not give two findings, not ninety pairs.

Figures from one sentence are never compared with each other: a sentence that states two
values of one quantity states a comparison ("18% of women and 6% of men") or a range.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import attrs

from claimstrack.consistency.intervals import (
    AGREE,
    CONFLICT,
    DIFFER,
    Comparison,
    Interval,
    Tolerance,
    compare_figures,
    figure_interval,
    stated_bounds,
)
from claimstrack.consistency.populations import Facets
from claimstrack.model import Figure

#: At most this many other sides are listed on one finding (the message gives the total).
MAX_RELATED = 25

#: Units that all count people; folded to "people" so "42 million Americans" meets "49 million
#: people". Patients stay apart: a count of patients treated is not a count of sufferers.
PEOPLE_UNITS = frozenset(
    "people person persons individuals americans adults men women children kids sufferers "
    "migraineurs residents citizens consumers users customers adolescents teens seniors".split()
)


@attrs.frozen
class Reading:
    """One figure as the grouping sees it: where it is and what it is about."""

    figure: Figure
    path: str
    line: int
    column: int
    sentence: Hashable  # figures with equal sentence keys are never compared
    facets: Facets | None = None
    ref: Any = attrs.field(default=None, eq=False, repr=False)  # the Occurrence, for findings

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@attrs.frozen
class Disagreement:
    """An outlying figure and every figure of its group that it disagrees with."""

    reading: Reading
    verdict: str  # CONFLICT when it conflicts with any other side, else DIFFER
    others: tuple[tuple[Reading, Comparison], ...]
    total: int  # how many other sides there are (others is capped at MAX_RELATED)
    anchor: Reading  # a figure of the group's majority value


# ---------------------------------------------------------------------------------------------
# Step 1: grouping by facets


def normalise_unit(unit: str | None) -> str | None:
    """People-like units become 'people'; other units are kept, lower-cased."""
    if unit is None:
        return None
    folded = unit.lower()
    return "people" if folded in PEOPLE_UNITS else folded


def strict_key(reading: Reading) -> tuple[Hashable, ...] | None:
    """The facets two figures must share exactly; None when the figure is too vague to group."""
    facets = reading.facets
    if facets is None or (facets.condition is None and facets.aspect is None):
        return None
    figure = reading.figure
    if figure.kind == "number" and not (figure.unit or figure.subject):
        return None  # a bare number says nothing of what it measures
    return (figure.kind, normalise_unit(figure.unit), facets.base, facets.population)


def optional_key(reading: Reading) -> tuple[str | None, str | None, str | None, str | None]:
    """The facets a figure may leave unsaid: condition, place, time frame, aspect."""
    facets = reading.facets
    assert facets is not None
    return (facets.condition, facets.place, facets.time_frame, facets.aspect)


def group_readings(readings: Iterable[Reading]) -> list[list[Reading]]:
    """Readings that very probably measure one quantity, grouped (groups of 2 or more)."""
    buckets: dict[tuple[Hashable, ...], dict[tuple[str | None, ...], list[Reading]]] = {}
    for reading in readings:
        key = strict_key(reading)
        if key is not None:
            buckets.setdefault(key, {}).setdefault(optional_key(reading), []).append(reading)
    groups: list[list[Reading]] = []
    for by_optional in buckets.values():
        groups.extend(g for g in _merge_unsaid(by_optional) if len(g) > 1)
    return groups


def _merge_unsaid(by_optional: dict[tuple[str | None, ...], list[Reading]]) -> list[list[Reading]]:
    """Join each partly unsaid signature to the one compatible, more specific group."""
    founders: list[tuple[tuple[str | None, ...], list[Reading]]] = []
    # Most specific signatures first, so that vaguer ones find them; ties in a stable order.
    for signature in sorted(by_optional, key=lambda s: (sum(v is None for v in s), repr(s))):
        members = by_optional[signature]
        matches = [group for founder, group in founders if _compatible(signature, founder)]
        if len(matches) == 1 and None in signature:
            matches[0].extend(members)
        else:
            founders.append((signature, list(members)))
    return [group for _, group in founders]


def _compatible(vague: tuple[str | None, ...], founder: tuple[str | None, ...]) -> bool:
    return all(v is None or v == f for v, f in zip(vague, founder))


# ---------------------------------------------------------------------------------------------
# Step 2: outliers within one group


@attrs.frozen
class _Value:
    """Readings that state the same thing (same stated numbers, hedge and precision)."""

    figure: Figure
    interval: Interval
    readings: list[Reading]


def _value_key(figure: Figure) -> tuple[Hashable, ...]:
    return (stated_bounds(figure), figure.hedge, figure.precision, figure.kind)


def _values(readings: Sequence[Reading], tolerance: Tolerance) -> list[_Value]:
    merged: dict[tuple[Hashable, ...], _Value] = {}
    for reading in readings:
        if stated_bounds(reading.figure) is None:
            continue
        key = _value_key(reading.figure)
        value = merged.get(key)
        if value is None:
            merged[key] = _Value(reading.figure, figure_interval(reading.figure, tolerance), [reading])
        else:
            value.readings.append(reading)
    return list(merged.values())


def _support(values: Sequence[_Value]) -> list[int]:
    """For each value, how many readings have an interval overlapping it (O(n log n))."""
    lows = sorted(v.interval.low for v in values for _ in v.readings)
    highs = sorted(v.interval.high for v in values for _ in v.readings)
    total = len(lows)
    support = []
    for value in values:
        ends_before = bisect.bisect_left(highs, value.interval.low)
        starts_after = total - bisect.bisect_right(lows, value.interval.high)
        support.append(total - ends_before - starts_after)
    return support


def _anchor(values: Sequence[_Value]) -> _Value:
    """The value most figures agree with; ties go to the most repeated, then the first seen."""
    support = _support(values)
    best = max(range(len(values)), key=lambda i: (support[i], len(values[i].readings), -i))
    return values[best]


def find_disagreements(readings: Sequence[Reading], tolerance: Tolerance | None = None) -> list[Disagreement]:
    """Each figure of a group that disagrees with the group's majority, with every other side.

    The group is assumed to measure one quantity (a declared measure, or an inferred group).
    Cost: O(d^2 + n log n + outliers x MAX_RELATED) for n figures with d distinct values.
    """
    tol = tolerance or Tolerance()
    ordered = sorted(readings, key=lambda r: (r.path, r.line, r.column))
    values = _values(ordered, tol)
    if len(values) < 2:
        return []
    anchor = _anchor(values)
    sentences = {id(value): Counter(r.sentence for r in value.readings) for value in values}
    found = []
    for value in values:
        if value is anchor or compare_figures(value.figure, anchor.figure, tol).verdict == AGREE:
            continue
        sides = [(other, compare_figures(value.figure, other.figure, tol)) for other in values if other is not value]
        # The majority first, then conflicts before differences, then in reading order.
        sides = sorted(((o, c) for o, c in sides if c.disagrees),
                       key=lambda pair: (pair[0] is not anchor, pair[1].verdict != CONFLICT,
                                         _first_place(pair[0])))
        for reading in value.readings:
            disagreement = _disagreement(reading, sides, anchor, sentences)
            if disagreement is not None:
                found.append(disagreement)
    return found


def _first_place(value: _Value) -> tuple[str, int, int]:
    first = value.readings[0]
    return (first.path, first.line, first.column)


def _disagreement(
    reading: Reading,
    sides: Sequence[tuple[_Value, Comparison]],
    anchor: _Value,
    sentences: dict[int, Counter[Hashable]],
) -> Disagreement | None:
    # Count every other side, but list only the first MAX_RELATED: an outlier among thousands
    # of agreeing figures costs O(MAX_RELATED), not O(thousands).
    total = sum(len(v.readings) - sentences[id(v)][reading.sentence] for v, _ in sides)
    if total == 0:
        return None
    others: list[tuple[Reading, Comparison]] = []
    for value, comparison in sides:
        for other in value.readings:
            if len(others) == MAX_RELATED:
                break
            if other.sentence != reading.sentence:
                others.append((other, comparison))
    conflicts = (c.verdict == CONFLICT and len(v.readings) > sentences[id(v)][reading.sentence] for v, c in sides)
    verdict = CONFLICT if any(conflicts) else DIFFER
    anchor_reading = next((r for r in anchor.readings if r.sentence != reading.sentence), anchor.readings[0])
    return Disagreement(reading, verdict, tuple(others), total, anchor_reading)
