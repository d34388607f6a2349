"""find_disagreements (a sorted sweep) gives exactly what comparing every pair of values gives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimstrack.consistency.inferred as inferred
from claimstrack.consistency.inferred import (
    MAX_RELATED,
    Disagreement,
    Reading,
    find_disagreements,
    same_page,
    same_sentence,
)
from claimstrack.consistency.intervals import AGREE, CONFLICT, DIFFER, Comparison, Tolerance, compare_figures
from claimstrack.model import Figure, Span

SPAN = Span(0, 1, 1, 1, 1, 2)
HEDGES = ("none", "none", "approximately", "over", "at least", "almost", "up to", "less than")


def pairwise_disagreements(
    readings: Sequence[Reading],
    tolerance: Tolerance | None = None,
    apart: Callable[[Reading], Hashable] = same_sentence,
) -> list[Disagreement]:
    """The oracle: every outlying value compared with every other value (O(d^2)), as
    find_disagreements worked before the sweep.
    """
    tol = tolerance or Tolerance()
    ordered = sorted(readings, key=lambda r: (r.path, r.line, r.column))
    values = inferred._values(ordered, tol)
    if len(values) < 2:
        return []
    anchor = inferred._anchor(values)
    sentences = {id(value): Counter(apart(r) for r in value.readings) for value in values}
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
            disagreement = _pairwise_one(reading, sides, anchor, sentences, apart)
            if disagreement is not None:
                found.append(disagreement)
    return found


def _first_place(value: inferred._Value) -> tuple[str, int, int]:
    first = value.readings[0]
    return (first.path, first.line, first.column)


def _pairwise_one(
    reading: Reading,
    sides: Sequence[tuple[inferred._Value, Comparison]],
    anchor: inferred._Value,
    sentences: dict[int, Counter[Hashable]],
    apart: Callable[[Reading], Hashable],
) -> Disagreement | None:
    # Count every other side, but list only the first MAX_RELATED: an outlier among thousands
    # of agreeing figures costs O(MAX_RELATED), not O(thousands).
    key = apart(reading)
    total = sum(len(v.readings) - sentences[id(v)][key] for v, _ in sides)
    if total == 0:
        return None
    others: list[tuple[Reading, Comparison]] = []
    for value, comparison in sides:
        for other in value.readings:
            if len(others) == MAX_RELATED:
                break
            if apart(other) != key:
                others.append((other, comparison))
    conflicts = (c.verdict == CONFLICT and len(v.readings) > sentences[id(v)][key] for v, c in sides)
    verdict = CONFLICT if any(conflicts) else DIFFER
    anchor_reading = next((r for r in anchor.readings if apart(r) != key), anchor.readings[0])
    return Disagreement(reading, verdict, tuple(others), total, anchor_reading)


@st.composite
def figures(draw, spread: int) -> Figure:
    kind = draw(st.sampled_from(("percent", "count", "number")))
    hedge = draw(st.sampled_from(HEDGES))
    if draw(st.integers(0, 9)) == 0:  # a range, sometimes negative
        low, high = sorted((draw(st.integers(-spread, spread)), draw(st.integers(-spread, spread))))
        return Figure(f"{low}-{high}", None, float(low), float(high), True, True, kind, None, hedge, None, SPAN,
                      draw(st.sampled_from((None, 1.0))))
    value = draw(st.integers(-spread // 10, spread)) * draw(st.sampled_from((1.0, 0.5, 0.1)))
    precision = draw(st.sampled_from((None, None, 1.0, 0.1, 10.0)))
    return Figure(f"{value:g}", value, None, None, None, None, kind, None, hedge, None, SPAN, precision)


@st.composite
def groups(draw) -> list[Reading]:
    spread = draw(st.sampled_from((5, 40, 400)))
    count = draw(st.integers(0, 60))
    readings = []
    for i in range(count):
        figure = draw(figures(spread))
        path = f"p{draw(st.integers(0, 8))}.md"
        line = draw(st.integers(1, 5))
        sentence = (path, draw(st.integers(0, 3)))  # several figures often share a sentence
        readings.append(Reading(figure, path, line, i % 7 + 1, sentence))
    return readings


tolerances = st.sampled_from((Tolerance(), Tolerance(differ=0.2), Tolerance(approximate=0.02, hedge=0.2, differ=0.01),
                              Tolerance(differ=0.0)))


@settings(max_examples=300, deadline=None)
@given(groups(), tolerances, st.sampled_from((same_sentence, same_page)), st.sampled_from((0, 1, 32)),
       st.sampled_from((1, 3, MAX_RELATED + 6)))
def test_the_sweep_finds_what_comparing_every_pair_finds(readings, tolerance, apart, window_scan, kept):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(inferred, "WINDOW_SCAN", window_scan)  # wide windows through the Fenwick tree too
        patch.setattr(inferred, "_KEPT", kept)  # and the kept conflicts running out
        assert find_disagreements(readings, tolerance, apart) == pairwise_disagreements(readings, tolerance, apart)


def test_many_distinct_values_cost_n_log_n_not_the_square():
    """20,000 figures with 4,000 distinct values: the pairwise form made 16 million comparisons;
    the sweep compares each outlier with the anchor and the few sides it lists."""
    calls = 0
    original = inferred.compare_figures

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    readings = []
    for i in range(20_000):
        value = float(1000 + (i * 7919) % 4000)
        figure = Figure(f"{value:g}", value, None, None, None, None, "count", None, HEDGES[i % 4], None, SPAN, 1.0)
        readings.append(Reading(figure, f"p{i % 500}.md", i // 500 + 1, 1, (i,)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(inferred, "compare_figures", counting)
        found = find_disagreements(readings)
    assert len(found) > 10_000
    assert calls < 40 * 4000
