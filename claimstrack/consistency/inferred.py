"""Grouping figures that measure one quantity, and finding the ones that disagree.

Two steps, both near-linear in the number of figures:

1. `group_readings` buckets readings by their measure frame (see frames.py): kind, unit,
   share/change, what is counted, what is said of it and the population must be equal (one
   hash); place, time frame and year may be unsaid. A reading that leaves one unsaid joins the
   one group that says it, when there is exactly one, at a lower confidence; with several
   candidates (lifetime and per year) it stays apart. A reading whose said words are a part of
   exactly one group's joins it too, at a lower confidence. Candidates are found by hashing
   every generalisation of a frame (at most 2^3 x 2^4 keys per reading), never by comparing
   pairs. Last, groups that name the same counted group and whose said words overlap enough
   (two words and 40% of either's) are joined, through an inverted index of said words.
2. `find_disagreements` runs on one group (an inferred one, or every figure of a declared
   measure). Equal readings are merged into *values*; the value that agrees with most figures
   is the group's anchor; every figure whose value disagrees with the anchor is an *outlier* and
   gets one `Disagreement` naming every figure of the group it disagrees with. Thirteen pages
   that quote one prevalence and two that do not give two findings, not ninety pairs.

Every inferred group has a stable id (a hash of its frame, so the same grouping has the same id
on every run) and a confidence; CT210 reports only groups at or above `MIN_CONFIDENCE`.

Figures from one sentence are never compared with each other: a sentence that states two
values of one quantity states a comparison ("18% of women and 6% of men") or a range.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from claimstrack.consistency.frames import Frame
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
from claimstrack.model import Figure

#: At most this many other sides are listed on one finding (the message gives the total): on a
#: site where 300 pages quote one value, each outlier names 10 of them, not 300.
MAX_RELATED = 10
#: Inferred groups below this confidence are listed by `claimstrack measures` but not reported
#: by CT210 (chosen on the development half of the real-page corpus, for precision first).
MIN_CONFIDENCE = 0.7
#: Confidence factors: a qualifier left unsaid and taken from the group; said words that are
#: the start of the group's ("migraine" in "migraine headache"). Said words that a modifier of
#: the group's qualifies ("insomnia" in "chronic insomnia", "symptoms of insomnia") are another
#: measure: they never join.
UNSAID_FACTOR = 0.9
HEAD_PART_FACTOR = 0.85


@attrs.frozen
class Reading:
    """One figure as the grouping sees it: where it is and what it measures."""

    figure: Figure
    path: str
    line: int
    column: int
    sentence: Hashable  # figures with equal sentence keys are never compared
    frame: Frame | None = None
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


@attrs.frozen
class Group:
    """Figures that very probably measure one quantity, with how sure the grouping is."""

    id: str  # stable: a hash of the group's frame
    frame: Frame  # the most specific frame of the group
    readings: tuple[Reading, ...]
    confidence: float  # the least sure member's confidence
    joined: dict[int, float] = attrs.field(factory=dict, eq=False, repr=False)  # id(reading) -> factor

    def confidence_of(self, reading: Reading) -> float:
        """How sure the grouping is that this reading belongs (its frame and how it joined)."""
        frame = reading.frame
        own = frame.confidence if frame is not None else 0.0
        return round(own * self.joined.get(id(reading), 1.0), 3)

    def sure(self, threshold: float = MIN_CONFIDENCE) -> list[Reading]:
        """The readings the grouping is sure enough of to report (CT210)."""
        return [r for r in self.readings if self.confidence_of(r) >= threshold]

    def comparable(self, threshold: float = MIN_CONFIDENCE) -> list[list[Reading]]:
        """The sure readings, split where stated values jump by more than MAX_SPREAD: "$1.02
        trillion" and "about $2,500" are a total and a per-person figure, not one measure
        stated twice (sort-based, n log n)."""
        return split_by_magnitude(self.sure(threshold))

    @property
    def pages(self) -> tuple[str, ...]:
        return tuple(sorted({r.path for r in self.readings}))


#: Figures of one inferred group whose values are further apart than this factor are taken
#: for different measures (a total and an average); 7x ("300 million" vs "2 billion") is still
#: one measure stated very differently.
MAX_SPREAD = 20.0


def split_by_magnitude(readings: Sequence[Reading]) -> list[list[Reading]]:
    """Readings cut into runs of values within MAX_SPREAD of their neighbours, by value."""
    valued = sorted(((_magnitude(r), r) for r in readings), key=lambda pair: pair[0])
    runs: list[list[Reading]] = []
    previous: float | None = None
    for value, reading in valued:
        if previous is None or value > previous * MAX_SPREAD or (previous <= 0 < value):
            runs.append([])
        runs[-1].append(reading)
        previous = value
    return [run for run in runs if len(run) > 1]


def _magnitude(reading: Reading) -> float:
    bounds = stated_bounds(reading.figure)
    return abs(bounds[1]) if bounds else 0.0


# ---------------------------------------------------------------------------------------------
# Step 1: grouping by frames


def group_id(frame: Frame) -> str:
    """A short id that names a grouping on every run: a hash of its normalised frame."""
    key = repr((frame.strict_key(), frame.soft_key()))
    return "g" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def groupable(reading: Reading) -> bool:
    """True when a reading says enough of what it measures to be grouped."""
    frame = reading.frame
    if frame is None or frame.strict_key() is None or stated_bounds(reading.figure) is None:
        return False
    figure = reading.figure
    if figure.kind == "number" and not (figure.unit or figure.subject):
        # A bare number joins only when it is large and its own clause says where and what:
        # "about 300 million worldwide have asthma" (not "we sold 3 million").
        return frame.said_from == "clause" and frame.place is not None and "place" not in frame.filled and (
            abs(figure.value or 0) >= 1000)
    return True


def group_readings(readings: Iterable[Reading]) -> list[Group]:
    """Readings that very probably measure one quantity, grouped (groups of 2 or more)."""
    by_frame: dict[tuple[Hashable, ...], list[Reading]] = {}
    for reading in with_aliases(readings):
        if groupable(reading):
            frame = reading.frame
            assert frame is not None
            by_frame.setdefault((frame.strict_key(), frame.soft_key()), []).append(reading)
    founders = _merge_overlapping(_merge_vaguer(by_frame))
    groups = []
    for frame, members, joined in founders:
        if len(members) < 2:
            continue
        group = Group(group_id(frame), frame, tuple(members), 0.0, joined)
        confidence = min(group.confidence_of(r) for r in members)
        groups.append(attrs.evolve(group, confidence=confidence))
    return sorted(groups, key=lambda g: (-g.confidence, g.id))


_Founder = tuple[Frame, list[Reading], dict[int, float]]


def with_aliases(readings: Iterable[Reading]) -> list[Reading]:
    """The readings with every name their pages give an alias for said one way.

    The pages' aliases ("high blood pressure, also called hypertension") are joined across pages
    into classes of names; each class is said by its shortest name (then the first in order), so
    "1/3 of American adults have high blood pressure" and "nearly half of adults have
    hypertension" say the same thing. The names come from the pages themselves: no word list.
    """
    readings = list(readings)
    names = _alias_classes(readings)
    if not names:
        return readings
    by_word: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        by_word.setdefault(name[0], []).append(name)
    renamed = []
    for reading in readings:
        frame = reading.frame
        said = _renamed(frame.said_order or frame.said, names, by_word) if frame is not None else None
        renamed.append(reading if frame is None or said is None else attrs.evolve(reading, frame=frame.with_said(said)))
    return renamed


def _alias_classes(readings: Sequence[Reading]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each name that has a shorter alias, mapped to the shortest name of its class."""
    seen: set[int] = set()
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def root(name: tuple[str, ...]) -> tuple[str, ...]:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    for reading in readings:
        aliases = reading.frame.aliases if reading.frame is not None else ()
        if not aliases or id(aliases) in seen:
            continue
        seen.add(id(aliases))
        for first, second in aliases:
            a, b = root(first), root(second)
            if a != b:
                keep, other = sorted((a, b), key=lambda name: (len(name), name))
                parent[other] = keep
    return {name: root(name) for name in parent if root(name) != name}


def _renamed(
    order: Sequence[str], names: dict[tuple[str, ...], tuple[str, ...]], by_word: dict[str, list[tuple[str, ...]]]
) -> tuple[str, ...] | None:
    """`order` with each aliased name (its words in a row) said by its class's name; None when
    nothing changes."""
    words = list(order)
    changed = False
    index = 0
    while index < len(words):
        for name in sorted(by_word.get(words[index], ()), key=len, reverse=True):
            if tuple(words[index : index + len(name)]) == name:
                words[index : index + len(name)] = [w for w in names[name] if w not in words]
                changed = True
                break
        index += 1
    return tuple(words) if changed else None


def _generalisations(frame: Frame) -> Iterator[tuple[tuple[Hashable, ...], float]]:
    """Every key a vaguer frame that fits this one would have, with the confidence factor."""
    strict = frame.strict_key()
    assert strict is not None
    said = frame.said
    soft = frame.soft_key()
    said_parts = [said] + [
        part for size in range(len(said) - 1, 0, -1) for part in itertools.combinations(said, size)
    ]
    for part in said_parts:
        part_factor = 1.0 if part == said else _part_factor(frame.said_order or said, part)
        if part_factor is None:
            continue
        for mask in itertools.product((False, True), repeat=len(soft)):
            vaguer = tuple(None if drop else value for drop, value in zip(mask, soft))
            unsaid = sum(1 for drop, value in zip(mask, soft) if drop and value is not None)
            factor = part_factor * UNSAID_FACTOR**unsaid
            yield (strict[:4] + (part,) + strict[5:], vaguer), factor


def _part_factor(order: Sequence[str], part: Sequence[str]) -> float | None:
    """How sure a wording that says only `part` of `order` is the same measure; None when the
    words it leaves out come first (they qualify what it says: another measure)."""
    kept = [i for i, word in enumerate(order) if word in part]
    dropped = [i for i, word in enumerate(order) if word not in part]
    return HEAD_PART_FACTOR if kept and dropped and min(dropped) > max(kept) else None


def _merge_vaguer(by_frame: dict[tuple[Hashable, ...], list[Reading]]) -> list[_Founder]:
    """Join each frame to the more specific group(s) it fits, when they are one measure.

    A vaguer frame that fits several groups joins them only when those groups fit each other
    ("cost of migraine" between "lost productivity cost of migraine" and "cost of migraine in
    the US"); otherwise it stays apart rather than guess (lifetime or per year?).
    """
    founders: list[_Founder] = []
    parent: list[int] = []
    fits: dict[tuple[Hashable, ...], dict[int, float]] = {}

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    # Most specific frames first (most said words, fewest unsaid qualifiers), in a stable order.
    for key in sorted(by_frame, key=_specificity):
        members = by_frame[key]
        frame = members[0].frame
        assert frame is not None
        candidates: dict[int, float] = {}
        for index, factor in fits.get(key, {}).items():
            top = root(index)
            candidates[top] = max(factor, candidates.get(top, 0.0))
        if candidates and _one_measure([founders[i][0] for i in candidates]):
            targets = sorted(candidates)
            first = targets[0]
            for other in targets[1:]:  # the groups it bridges are one measure
                parent[other] = first
                _, group, joined = founders[other]
                founders[first][1].extend(group)
                founders[first][2].update({**{id(r): candidates[other] for r in group}, **joined})
                group.clear()
            factor = candidates[first] if len(targets) == 1 else min(candidates.values())
            founders[first][1].extend(members)
            founders[first][2].update({id(r): factor for r in members})
            continue
        index = len(founders)
        founders.append((frame, list(members), {}))
        parent.append(index)
        for general, factor in _generalisations(frame):
            if general != key:
                fits.setdefault(general, {}).setdefault(index, factor)
    return [f for f in founders if f[1]]


#: Confidence factor of a group joined because its said words overlap another's (same counted
#: group, kind, unit, population and place): "average ROI of $36 for every $1" and "ROI of $42
#: for every $1 spent on email marketing" say the same thing in different words.
OVERLAP_FACTOR = 0.85
#: Said words that two groups must share: at least this many, and at least this share of all
#: the words either says (Jaccard); one shared word ("average", "rate") is too little.
MIN_SHARED = 2
MIN_OVERLAP = 0.4
#: A said word shared by more groups than this in one bucket is too common to link them alone.
MAX_POSTINGS = 64


def _merge_overlapping(founders: list[_Founder]) -> list[_Founder]:
    """Join groups whose said words overlap (see `_said_overlap`) when everything else of their
    frames is equal and names what is counted.

    Only frames that name a counted group take part: the counted group ("per dollar",
    "households") says which quantity is meant, the said words only have to agree on most of
    what they say. Candidates come from an inverted index of said words within each bucket of
    equal (kind, unit, base, counted, population, place), so the work is linear in practice.
    """
    parent = list(range(len(founders)))  # a union-find over the founders' indexes

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    # The time frame and year a joined set says, kept per root: a join must fit all its members,
    # not one (a year-unsaid group between a 2016 and a 2017 group would chain them).
    soft: dict[int, tuple[str | None, ...]] = {i: f.soft_key() for i, (f, _, _) in enumerate(founders)}
    for bucket in _counted_buckets(founders):
        for index, other in _overlapping_pairs(founders, bucket):
            first, second = sorted((root(index), root(other)))
            if first != second and _soft_fit(soft[first], soft[second]):
                parent[second] = first
                soft[first] = tuple(a if a is not None else b for a, b in zip(soft[first], soft[second]))
    merged: dict[int, _Founder] = {}
    for index, (_, members, joined) in enumerate(founders):
        top = root(index)
        if top not in merged:
            merged[top] = (founders[top][0], [], {})
        factor = 1.0 if top == index else OVERLAP_FACTOR
        merged[top][1].extend(members)
        merged[top][2].update({id(r): joined.get(id(r), 1.0) * factor for r in members})
    return [merged[i] for i in sorted(merged)]


def _counted_buckets(founders: list[_Founder]) -> Iterable[list[int]]:
    """The indexes of the founders whose frame names a counted group, by everything of the
    frame but its said words (kind, unit, base, counted, population, place)."""
    buckets: dict[tuple[Hashable, ...], list[int]] = {}
    for index, (frame, _, _) in enumerate(founders):
        if frame.counted is not None:
            strict = frame.strict_key()
            assert strict is not None
            buckets.setdefault(strict[:4] + strict[5:], []).append(index)
    return buckets.values()


def _overlapping_pairs(founders: list[_Founder], bucket: list[int]) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, of one bucket whose said words overlap and whose frames fit; the
    candidates come from an inverted index of the said words, leaving out the commonest."""
    postings: dict[str, list[int]] = {}
    for index in bucket:
        for word in founders[index][0].said:
            postings.setdefault(word, []).append(index)
    for index in bucket:
        frame = founders[index][0]
        candidates = {other for word in frame.said if len(postings[word]) <= MAX_POSTINGS
                      for other in postings[word] if other > index}
        for other in sorted(candidates):
            if _said_overlap(frame, founders[other][0]) and _soft_fit(frame.soft_key(), founders[other][0].soft_key()):
                yield index, other


def _said_overlap(first: Frame, second: Frame) -> bool:
    """At least MIN_SHARED said words in common, and at least MIN_OVERLAP of all either says;
    neither containing the other (nested wordings were joined, or kept apart, by `_merge_vaguer`)."""
    words, other = set(first.said), set(second.said)
    shared = len(words & other)
    if words <= other or other <= words:
        return False
    return shared >= MIN_SHARED and shared / len(words | other) >= MIN_OVERLAP


def _soft_fit(first: Sequence[str | None], second: Sequence[str | None]) -> bool:
    """Time frame and year equal where both say them."""
    return all(a is None or b is None or a == b for a, b in zip(first, second))


def _specificity(key: tuple[Hashable, ...]) -> tuple[int, int, str]:
    strict, soft = key
    assert isinstance(strict, tuple) and isinstance(soft, tuple)
    return (-len(strict[4]), sum(v is None for v in soft), repr(key))


#: A vaguer frame that fits more groups than this stays apart (it says too little).
MAX_BRIDGED = 4


def _one_measure(frames: Sequence[Frame]) -> bool:
    """True when every two of these frames could be one measure (said words nested, qualifiers
    equal where both say them)."""
    if len(frames) > MAX_BRIDGED:
        return False
    for first, second in itertools.combinations(frames, 2):
        small, large = sorted((set(first.said), set(second.said)), key=len)
        if not small <= large:
            return False
        if any(a is not None and b is not None and a != b for a, b in zip(first.soft_key(), second.soft_key())):
            return False
    return True


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


def same_sentence(reading: Reading) -> Hashable:
    """Figures of one sentence are never compared (a comparison, or a range)."""
    return reading.sentence


def same_page(reading: Reading) -> Hashable:
    """Figures of one page are never compared (see `find_disagreements`)."""
    return reading.path


def find_disagreements(
    readings: Sequence[Reading],
    tolerance: Tolerance | None = None,
    apart: Callable[[Reading], Hashable] = same_sentence,
) -> list[Disagreement]:
    """Each figure of a group that disagrees with the group's majority, with every other side.

    The group is assumed to measure one quantity (a declared measure, or an inferred group).
    Figures with equal `apart` keys are never compared with each other: those of one sentence
    for a declared measure; those of one page for an inferred one (`same_page`), because a page
    that states two values of what looks like one quantity nearly always tells them apart by
    something the frame does not read (a table's rows, a year in a heading, a subgroup).
    Cost: O(d^2 + n log n + outliers x MAX_RELATED) for n figures with d distinct values.
    """
    tol = tolerance or Tolerance()
    ordered = sorted(readings, key=lambda r: (r.path, r.line, r.column))
    values = _values(ordered, tol)
    if len(values) < 2:
        return []
    anchor = _anchor(values)
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
            disagreement = _disagreement(reading, sides, anchor, sentences, apart)
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
