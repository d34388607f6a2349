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
   (two words, and at least as many shared as not) are joined, through an inverted index of said words.
2. `find_disagreements` runs on one group (an inferred one, or every figure of a declared
   measure). Equal readings are merged into *values*; the value that agrees with most figures
   is the group's anchor; every figure whose value disagrees with the anchor is an *outlier* and
   gets one `Disagreement` naming every figure of the group it disagrees with. Thirteen pages
   that quote one prevalence and two that do not give two findings, not ninety pairs. The
   other sides come from a sweep over sorted values, never from comparing every pair.

Every inferred group has a stable id (a hash of its frame, so the same grouping has the same id
on every run) and a confidence; CT210 reports only groups at or above `MIN_CONFIDENCE`.

Figures from one sentence are never compared with each other: a sentence that states two
values of one quantity states a comparison ("18% of women and 6% of men") or a range.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import operator
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from claimstrack.consistency import similar
from claimstrack.consistency.frames import STATISTIC_WORDS, THRESHOLD_WORD, Frame, dated_apart, names_its_whole
from claimstrack.consistency.intervals import (
    AGREE,
    CONFLICT,
    DIFFER,
    Comparison,
    Interval,
    Tolerance,
    compare_figures,
    figure_interval,
    relative_distance,
    stated_bounds,
    states_approximately,
)
from claimstrack.disjoint import DisjointSets
from claimstrack.model import Figure

#: At most this many other sides are listed on one finding (the message gives the total): on a
#: site where 300 pages quote one value, each outlier names 10 of them, not 300.
MAX_RELATED = 10
#: Inferred groups below this confidence are listed by `claimstrack measures` but not reported
#: by CT210. Chosen on the development half of the real-page corpus, precision first, by sweeping
#: the threshold over its areas (`benchmarks/consistency_thresholds.py`; each sweep, as the half
#: grew, is in docs/benchmarks.md): below it wrong frame-group pairs come in, and the seed pages'
#: 42M vs 49M (0.765) stays above it. A link of `similar.MIN_LINK` lands at it (`similar.LINK_WEIGHT`).
MIN_CONFIDENCE = 0.7
#: Confidence factors: a qualifier left unsaid and taken from the group; said words that are
#: the start of the group's ("migraine" in "migraine headache"). Said words that a modifier of
#: the group's qualifies ("insomnia" in "chronic insomnia", "symptoms of insomnia") are another
#: measure: they never join. A start that is less than half of the group's words ("nursing" of
#: "nursing students finishing this spring") is discounted again, below MIN_CONFIDENCE: listed,
#: not reported.
UNSAID_FACTOR = 0.9
#: Time frames that a figure which says none never has: "ever" (who ever had it, up to now) is
#: not who has it now, which an unsaid time frame means.
SAID_TIME_FRAMES = frozenset({"ever"})
HEAD_PART_FACTOR = 0.85
SHORT_PART_FACTOR = 0.8


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


def _confidence(own: float, factor: float) -> float:
    """A reading's confidence in a group: its frame's, times the factor it joined with."""
    if factor == 1.0:  # most readings: `own` is rounded already (Frame.confidence)
        return own
    return round(own * factor, 3)


@attrs.frozen
class Group:
    """Figures that very probably measure one quantity, with how sure the grouping is."""

    id: str  # stable: a hash of the group's frame
    frame: Frame  # the most specific frame of the group
    readings: tuple[Reading, ...]
    confidence: float  # the least sure member's confidence
    joined: dict[int, float] = attrs.field(factory=dict, eq=False, repr=False)  # id(reading) -> factor
    #: id(reading) -> confidence_of(reading), as group_readings worked it out (read many times)
    confidences: dict[int, float] = attrs.field(factory=dict, eq=False, repr=False)

    def confidence_of(self, reading: Reading) -> float:
        """How sure the grouping is that this reading belongs (its frame and how it joined)."""
        known = self.confidences.get(id(reading))
        if known is not None:
            return known
        frame = reading.frame
        return _confidence(frame.confidence if frame is not None else 0.0, self.joined.get(id(reading), 1.0))

    def sure(self, threshold: float = MIN_CONFIDENCE) -> list[Reading]:
        """The readings the grouping is sure enough of to report (CT210)."""
        confidences = self.confidences
        if len(confidences) == len(self.readings) and self.confidence >= threshold:
            return list(self.readings)  # the least sure is sure enough (most groups)
        if len(confidences) == len(self.readings):  # all worked out: read them at C speed
            return [r for r in self.readings if confidences[id(r)] >= threshold]
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
    """Readings cut into runs of values within MAX_SPREAD of their neighbours, by value; a
    value that repeats the digits of one in the run under another scale word stays in it."""
    valued = sorted(zip(map(_magnitude, readings), readings), key=_first)
    runs: list[list[Reading]] = []
    run_values: list[float] = []
    previous: float | None = None
    for value, reading in valued:
        jump = previous is None or value > previous * MAX_SPREAD or (previous <= 0 < value)
        if jump and not _mistyped_scale(run_values, value):
            runs.append([])
            run_values = []
        runs[-1].append(reading)
        run_values.append(value)
        previous = value
    return [run for run in runs if len(run) > 1]


#: Significant digits that a figure and one 1,000 (or 1,000,000) times it must share to be
#: taken for one number under a mistyped scale word ("319.6 million" for "319.6 billion").
MISTYPED_SCALE_DIGITS = 3


def _mistyped_scale(smaller: Sequence[float], larger: float) -> bool:
    """True when `larger` has at least MISTYPED_SCALE_DIGITS significant digits and is one of
    `smaller` times a power of 1,000 (the same digits): "almost 319.6 million emails" and "about
    319.6 billion emails" are one measure with a mistyped scale word, not a total and a part.
    Read only where the values jump (a run's end), so the split stays one pass."""
    digits = f"{larger:.12g}".split("e")[0].replace(".", "").lstrip("0").rstrip("0")
    if len(digits) < MISTYPED_SCALE_DIGITS:
        return False
    for value in smaller:
        if value > 0:
            scale = round(math.log10(larger / value) / 3)
            if scale >= 1 and math.isclose(larger / value, 1000.0**scale, rel_tol=1e-9):
                return True
    return False


def _magnitude(reading: Reading) -> float:
    value = reading.figure.value
    if value is not None:  # most figures: stated_bounds would be (value, value)
        return abs(value)
    bounds = stated_bounds(reading.figure)
    return abs(bounds[1]) if bounds else 0.0


_first = operator.itemgetter(0)


# ---------------------------------------------------------------------------------------------
# Step 1: grouping by frames


def group_id(frame: Frame) -> str:
    """A short id that names a grouping on every run: a hash of its normalised frame."""
    key = repr((frame.strict_key(), frame.soft_key()))
    return "g" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def groupable(reading: Reading) -> bool:
    """True when a reading says enough of what it measures to be grouped."""
    return _group_key(reading) is not None


def _group_key(reading: Reading) -> tuple[Hashable, ...] | None:
    """The frame key `group_readings` buckets a reading by, or None when it is not `groupable`
    (the strict key is built once for both)."""
    frame = reading.frame
    if frame is None:
        return None
    strict = frame.strict_key()
    if strict is None or not _may_group(reading, frame):
        return None
    return (strict, frame.soft_key())


def _may_group(reading: Reading, frame: Frame) -> bool:
    """`groupable`'s tests past the frame's strict key."""
    if stated_bounds(reading.figure) is None:
        return False
    if frame.moment is not None and not _dated(frame):
        # "will grow to 15%", "ten years ago ... $3.36": dated only against the day its page was
        # written, which pages do not share; with no year or quarter of its own it is no one value.
        return False
    figure = reading.figure
    if _over_its_whole(figure, frame) or frame.threshold:
        return False
    if figure.kind == "number" and not (figure.unit or figure.subject):
        # A bare number joins only when it is large and its own clause says where and what:
        # "about 300 million worldwide have asthma" (not "we sold 3 million").
        return frame.said_from == "clause" and frame.place is not None and "place" not in frame.filled and (
            abs(figure.value or 0) >= 1000)
    return True


#: The most a share of a whole can be, in percent.
_WHOLE = 100.0


def _over_its_whole(figure: Figure, frame: Frame) -> bool:
    """True for a share of a named whole above the whole ("168% of online experiences"): a part
    is never more than its whole, so it is a misread (a list number the crawl glued to "68%")
    or a ratio to a reference ("150% of the poverty line"), not a value of the share."""
    return (figure.kind == "percent" and frame.base == "share" and abs(figure.value or 0) > _WHOLE
            and names_its_whole(figure.text))


def group_readings(readings: Iterable[Reading]) -> list[Group]:
    """Readings that very probably measure one quantity, grouped (groups of 2 or more)."""
    founders = _with_similar(frame_founders(readings))
    groups = []
    own: dict[int, float] = {}  # id(frame) -> frame.confidence: readings share frames
    for frame, members, joined in founders:
        if len(members) < 2 or _undated_series(members):
            continue
        confidences = {}
        for reading in members:
            member_frame = reading.frame
            assert member_frame is not None
            frame_confidence = own.get(id(member_frame))
            if frame_confidence is None:
                frame_confidence = own[id(member_frame)] = member_frame.confidence
            confidences[id(reading)] = _confidence(frame_confidence, joined.get(id(reading), 1.0))
        groups.append(Group(group_id(frame), frame, tuple(members), min(confidences.values()), joined, confidences))
    return sorted(groups, key=lambda g: (-g.confidence, g.id))


_Founder = tuple[Frame, list[Reading], dict[int, float]]


def frame_founders(readings: Iterable[Reading]) -> list[_Founder]:
    """The frame groups (each a founder: its frame, its readings and the factor each joined
    with), then a founder of one for each reading whose frame says too little to be keyed but
    whose own clause says something (the similarity search may still join it)."""
    by_frame: dict[tuple[Hashable, ...], list[Reading]] = {}
    unkeyed: list[_Founder] = []  # readings whose frames say too little to be keyed, each alone
    for reading in with_aliases(readings):
        key = _group_key(reading)
        if key is not None:
            by_frame.setdefault(key, []).append(reading)
        elif reading.frame is not None and reading.frame.told and _may_group(reading, reading.frame):
            unkeyed.append((reading.frame, [reading], {}))
    return _merge_overlapping(_merge_vaguer(by_frame)) + unkeyed


def _undated_series(members: Sequence[Reading]) -> bool:
    """True when a group holds a level reached ("rose to $1.17 trillion") and none of its
    figures says when: a quantity that moves, stated at moments nobody names, is not one value."""
    if not any(map(_reached, members)):  # nearly every group: tested at C speed
        return False
    frames = [r.frame for r in members if r.frame is not None]
    return not any(_dated(f) for f in frames)


#: Whether a grouped reading's frame is a level reached (every grouped reading has a frame).
_reached = operator.attrgetter("frame.reached")


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
    names: DisjointSets[tuple[str, ...]] = DisjointSets()
    for reading in readings:
        aliases = reading.frame.aliases if reading.frame is not None else ()
        if not aliases or id(aliases) in seen:
            continue
        seen.add(id(aliases))
        for first, second in aliases:
            a, b = names.find(first), names.find(second)
            if a != b:
                keep, other = sorted((a, b), key=lambda name: (len(name), name))
                names.union(keep, other)
    return {name: names.find(name) for name in names.items() if names.find(name) != name}


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
        part_factor = 1.0 if part == said else _part_factor(frame.said_order or said, part, frame.phrase)
        if part_factor is None:
            continue
        time_frame, year, quarter = soft
        time_drops = (False,) if time_frame in SAID_TIME_FRAMES else (False, True)
        for drop_time, drop_quarter in itertools.product(time_drops, (False, True)):
            # the year is never unsaid: a dated figure is not its undated wording's (`_soft_fit`)
            vaguer = (None if drop_time else time_frame, year, None if drop_quarter else quarter)
            unsaid = (drop_time and time_frame is not None) + (drop_quarter and quarter is not None)
            yield (strict[:4] + (part,) + strict[5:], vaguer), part_factor * UNSAID_FACTOR**unsaid


def _part_factor(order: Sequence[str], part: Sequence[str], phrase: int = 0) -> float | None:
    """How sure a wording that says only `part` of `order` is the same measure; None when the
    words it leaves out come first (they qualify what it says: another measure), hold a
    negation ("keep birds" is not "keep birds other than parrots", read `keep bird not parrot`)
    or, when `part` says only the noun group `order` opens with (`phrase` words, when read),
    reach past it: "back pain" is the start of "back pain episodes", but "back pain lasting at
    least three months" and "vision loss in both eyes" add a phrase of their own that narrows
    the measure. One word left out inside a noun group that is all `order` says, neither its
    first word nor its head, is the same measure ("student debt" of "student loan debt")."""
    kept = [i for i, word in enumerate(order) if word in part]
    dropped = [i for i, word in enumerate(order) if word not in part]
    if len(dropped) == 1 and len(order) == phrase and 0 < dropped[0] < phrase - 1 and order[dropped[0]] != "not":
        # "student loan debt" is what "student debt" is: one noun group (all `order` says) with
        # a word inside it, between its first word (which still qualifies) and its head
        return HEAD_PART_FACTOR
    if not (kept and dropped and min(dropped) > max(kept)) or "not" in (order[i] for i in dropped):
        return None
    if max(kept) < phrase <= max(dropped):
        return None
    return HEAD_PART_FACTOR if 2 * len(kept) >= len(order) else HEAD_PART_FACTOR * SHORT_PART_FACTOR


def _merge_vaguer(by_frame: dict[tuple[Hashable, ...], list[Reading]]) -> list[_Founder]:
    """Join each frame to the more specific group(s) it fits, when they are one measure.

    A vaguer frame that fits several groups joins them only when those groups fit each other
    ("cost of migraine" between "lost productivity cost of migraine" and "cost of migraine in
    the US"); otherwise it stays apart rather than guess (lifetime or per year?).
    """
    founders: list[_Founder] = []
    joined_to: DisjointSets[int] = DisjointSets()
    fits: dict[tuple[Hashable, ...], dict[int, float]] = {}

    # Most specific frames first (most said words, fewest unsaid qualifiers), in a stable order.
    for key in sorted(by_frame, key=_specificity):
        members = by_frame[key]
        frame = members[0].frame
        assert frame is not None
        candidates: dict[int, float] = {}
        for index, factor in fits.get(key, {}).items():
            top = joined_to.find(index)
            candidates[top] = max(factor, candidates.get(top, 0.0))
        if candidates and _one_measure([founders[i][0] for i in candidates]):
            targets = sorted(candidates)
            first = targets[0]
            for other in targets[1:]:  # the groups it bridges are one measure
                joined_to.union(first, other)
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
        joined_to.add(index)
        for general, factor in _generalisations(frame):
            if general != key:
                fits.setdefault(general, {}).setdefault(index, factor)
    return [f for f in founders if f[1]]


#: Confidence factor of a group joined because its said words overlap another's (same counted
#: group, kind, unit, population and place): "average ROI of $36 for every $1" and "ROI of $42
#: for every $1 spent on email marketing" say the same thing in different words.
OVERLAP_FACTOR = 0.85
#: Said words that two groups must share: at least this many, and at least this share of all
#: the words either says (Jaccard); one shared word ("average", "rate") is too little, and so
#: are two among five ("obtain insufficient sleep at night" and "get enough sleep at night":
#: the words that differ say more than the ones shared).
MIN_SHARED = 2
MIN_OVERLAP = 0.5
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
    joined_to = DisjointSets(list(range(len(founders))))  # the founders' indexes

    # The time frame and year a joined set says, kept per root: a join must fit all its members,
    # not one (a year-unsaid group between a 2016 and a 2017 group would chain them).
    soft: dict[int, tuple[str | None, ...]] = {i: f.soft_key() for i, (f, _, _) in enumerate(founders)}
    # The founders of each joined set, kept per root: the same holds for the said words (see
    # `_all_overlap`).
    joined_sets: dict[int, list[Frame]] = {i: [f] for i, (f, _, _) in enumerate(founders)}
    for bucket in _counted_buckets(founders):
        for index, other in _overlapping_pairs(founders, bucket):
            first, second = sorted((joined_to.find(index), joined_to.find(other)))
            if (first != second and _soft_fit(soft[first], soft[second])
                    and _all_overlap(joined_sets[first], joined_sets[second])):
                joined_to.union(first, second)
                soft[first] = tuple(a if a is not None else b for a, b in zip(soft[first], soft[second]))
                joined_sets[first].extend(joined_sets.pop(second))
    merged: dict[int, _Founder] = {}
    for index, (_, members, joined) in enumerate(founders):
        top = joined_to.find(index)
        if top not in merged:
            merged[top] = (founders[top][0], [], {})
        factor = 1.0 if top == index else OVERLAP_FACTOR
        merged[top][1].extend(members)
        merged[top][2].update({id(r): joined.get(id(r), 1.0) * factor for r in members})
    return [merged[i] for i in sorted(merged)]


@attrs.frozen
class LinkSearch:
    """The figures the similarity search compares (`similar.Similarity`), one candidate per
    reading with words: `readings[n]` is candidate n's reading, `set_of[n]` its founder, `sets`
    each founder's candidates, `searching` the candidates whose founder holds them alone (the
    figures frame grouping left alone: they look for a link)."""

    similarity: similar.Similarity
    readings: list[Reading]
    sets: list[list[int]]
    set_of: list[int]
    searching: list[int]


def link_search(founders: Sequence[_Founder]) -> LinkSearch:
    """The similarity search over the founders' readings."""
    candidates: list[similar.Candidate] = []
    readings: list[Reading] = []
    sets: list[list[int]] = [[] for _ in founders]
    set_of: list[int] = []
    words_by_frame: dict[int, dict[str, float]] = {}  # id(frame) -> its words: readings share frames
    per_page = Counter((r.path, r.figure.kind, r.figure.unit) for _, members, _ in founders for r in members)
    for index, (_, members, _) in enumerate(founders):
        for reading in members:
            frame = reading.frame
            assert frame is not None
            words = words_by_frame.get(id(frame))
            if words is None:
                words = words_by_frame[id(frame)] = similar.words_of(frame)
            if words:
                figure = reading.figure
                sets[index].append(len(candidates))
                set_of.append(index)
                readings.append(reading)
                candidates.append(similar.Candidate(
                    frame, _magnitude(reading), reading.path, words, hedged=figure.hedge != "none",
                    alone=per_page[(reading.path, figure.kind, figure.unit)] == 1))
    searching = [number for number, index in enumerate(set_of) if len(founders[index][1]) == 1]
    return LinkSearch(similar.Similarity(candidates, _frames_fit), readings, sets, set_of, searching)


def _with_similar(founders: list[_Founder]) -> list[_Founder]:
    """The founders with each figure that frame grouping left alone (a founder of one) joined to
    the founder of the figure of another page most probably one measure with it, when it links
    with every figure there (`similar.joined`), at the link's confidence: the learned scorer's
    probability (`similar.probability`), the second signal."""
    if all(len(members) > 1 for _, members, _ in founders):
        return founders  # every figure is in a frame group: nothing for the words to join
    search = link_search(founders)
    joins, confidences = similar.joined(search.similarity, search.sets, search.searching, search.set_of)
    merged: dict[int, _Founder] = {}
    for index, (_, members, joined) in enumerate(founders):
        top = joins.find(index)
        if top not in merged:
            merged[top] = (founders[top][0], [], {})
        merged[top][1].extend(members)
        merged[top][2].update(joined)
    for number, probability in confidences.items():
        reading = search.readings[number]
        assert reading.frame is not None
        merged[joins.find(search.set_of[number])][2][id(reading)] = _link_factor(probability, reading.frame)
    return [merged[i] for i in sorted(merged)]


def _link_factor(probability: float, frame: Frame) -> float:
    """The factor that puts a linked figure at its link's confidence in its group: the link's
    probability on the grouping's scale (times `similar.LINK_WEIGHT`, at most 1), over the
    frame's own confidence, which the scorer has weighed already (a feature of the pair)."""
    return min(probability * similar.LINK_WEIGHT, 1.0) / frame.confidence


def _frames_fit(first: Frame, second: Frame) -> bool:
    """Time frame, year and quarter fit as frame grouping fits them (`_soft_fit`)."""
    return _soft_fit(first.soft_key(), second.soft_key())


#: The most pairs of wordings `_all_overlap` compares for one join; a join between larger sets
#: of wordings is not made (it keeps the grouping near-linear, and so many wordings that each
#: overlap only some others are no sign of one measure).
MAX_LINKED_PAIRS = 1024


def _all_overlap(first: Sequence[Frame], second: Sequence[Frame]) -> bool:
    """True when every wording of one joined set overlaps (or nests in) every wording of the
    other: overlap is not passed on ("insufficient sleep at night" overlaps "enough sleep at
    night", which overlaps "peaceful sleep at night", yet the first and the last are not one
    measure). An amount per something is the exception: what it is per already names the
    quantity, so its wordings may chain ("email marketing returns $36 per $1" to "the average
    ROI is $42 per $1" through "email marketing ROI is $38 per $1")."""
    if (first[0].counted or "").startswith("per "):
        return True
    if len(first) * len(second) > MAX_LINKED_PAIRS:
        return False
    for a, b in itertools.product(first, second):
        words, other = set(a.said), set(b.said)
        if not (words <= other or other <= words or _said_overlap(a, b)):
            return False
    return True


def _counted_buckets(founders: list[_Founder]) -> Iterable[list[int]]:
    """The indexes of the founders whose frame names a counted group, by everything of the
    frame but its said words (kind, unit, base, counted, population, place)."""
    buckets: dict[tuple[Hashable, ...], list[int]] = {}
    for index, (frame, _, _) in enumerate(founders):
        if frame.counted is not None or _dated(frame):
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


def _dated(frame: Frame) -> bool:
    """True when a frame says the year or quarter of its data ("in the third quarter")."""
    return frame.year is not None or frame.quarter is not None


def _said_overlap(first: Frame, second: Frame) -> bool:
    """At least MIN_SHARED said words in common, and at least MIN_OVERLAP of all either says;
    neither containing the other (nested wordings were joined, or kept apart, by `_merge_vaguer`)
    nor opening with a word of its own (see `_opens_with_its_own`)."""
    words, other = set(first.said), set(second.said)
    shared = len(words & other)
    if words <= other or other <= words or _thresholds(words) != _thresholds(other):
        return False
    if first.counted is None and (first.year, first.quarter) != (second.year, second.quarter):
        # With no counted group, only the period of the data narrows the quantity: both must
        # say the same one ("credit card balances" and "credit card debt" in the third quarter).
        return False
    per = first.counted or ""
    if per.startswith("per ") and per == second.counted:
        # An amount per something ("per dollar", "per household") is a narrow quantity: what
        # it is per says most of what is measured, so one shared word that is not a mere
        # statistic ("average") is enough ("email marketing returns $36 for every $1" and
        # "for every $1 spent on email, the average return is $44.25").
        return bool((words & other) - STATISTIC_WORDS - set(per.split()))
    return shared >= MIN_SHARED and shared / len(words | other) >= MIN_OVERLAP and not (
        _opens_with_its_own(first, words & other) or _opens_with_its_own(second, words & other))


def _thresholds(words: set[str]) -> set[str]:
    """The said words that are a definition's floor ("atleast3months", see frames): two
    wordings with different floors count different cases, however much else they share."""
    return {word for word in words if word.startswith(THRESHOLD_WORD)}


def _opens_with_its_own(frame: Frame, shared: set[str]) -> bool:
    """True when a wording's first said word is one the other wording does not say: it qualifies
    what both say ("*unpaid* hydro debt" against "hydro bill debt"), as a word that comes first
    does for a wording nested in another ("chronic insomnia")."""
    order = frame.said_order or frame.said
    return bool(order) and order[0] not in shared


def _soft_fit(first: Sequence[str | None], second: Sequence[str | None]) -> bool:
    """Time frame and quarter equal where both say them; the year of the data equal (both
    unsaid, or the same). A figure that names the year of its data is that year's; one that
    names none may be of any other (its page's), so the two are never one measure: "As of 2018,
    5.7 million" is not compared with an undated "more than 5 million". The same holds for the
    time frame "ever" (`SAID_TIME_FRAMES`)."""
    time_frame, year, quarter = (a is None or b is None or a == b for a, b in zip(first, second))
    said_time = first[0] in SAID_TIME_FRAMES or second[0] in SAID_TIME_FRAMES
    return (first[0] == second[0] if said_time else time_frame) and quarter and first[1] == second[1]


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


def _values(readings: Sequence[Reading], tolerance: Tolerance) -> list[_Value]:
    merged: dict[tuple[Hashable, ...], _Value] = {}
    for reading in readings:
        figure = reading.figure
        bounds = stated_bounds(figure)
        if bounds is None:
            continue
        key = (bounds, figure.hedge, figure.precision, figure.kind)
        value = merged.get(key)
        if value is None:
            merged[key] = _Value(figure, figure_interval(figure, tolerance), [reading])
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
    """The value most figures agree with; ties go to the most repeated, then the first seen.

    A range or a ceiling ("$36-$42", "up to 40%") is the anchor only when no figure states
    one value: it agrees with every figure inside it, so as the anchor it would hide figures
    that disagree with each other ("$36" and "$42" both agree with "$36-$42").
    """
    support = _support(values)
    points = [i for i, value in enumerate(values) if _states_one_value(value.figure)]
    best = max(points or range(len(values)), key=lambda i: (support[i], len(values[i].readings), -i))
    return values[best]


def _states_one_value(figure: Figure) -> bool:
    """True for a figure that states one value, not a range or a ceiling."""
    bounds = stated_bounds(figure)
    return bounds is not None and bounds[0] == bounds[1] and figure.hedge not in ("up to", "less than")


def same_sentence(reading: Reading) -> Hashable:
    """Figures of one sentence are never compared (a comparison, or a range)."""
    return reading.sentence


def same_page(reading: Reading) -> Hashable:
    """Figures of one page are never compared (see `find_disagreements`)."""
    return reading.path


#: A window of values near an outlier's is searched value by value up to this size; a wider
#: one is counted with a Fenwick tree (offline, all outliers at once).
WINDOW_SCAN = 32
#: Conflicting values kept per prefix of the sweep: enough to list MAX_RELATED other sides
#: when a few of them stand in the outlier's own sentence (more are found the slow way).
_KEPT = MAX_RELATED + 6


_reading_order = operator.attrgetter("path", "line", "column")


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
    Cost: O(n log n + d log d + outliers x MAX_RELATED) for n figures with d distinct values
    in practice (see `_Sweep`), where comparing every value with every other was O(d^2).
    """
    tol = tolerance or Tolerance()
    ordered = sorted(readings, key=_reading_order)
    values = _values(ordered, tol)
    if len(values) < 2:
        return []
    anchor = _anchor(values)
    sweep = _Sweep(values, next(i for i, v in enumerate(values) if v is anchor), tol, apart)
    found = []
    for index in sweep.outliers():
        for reading in values[index].readings:
            disagreement = sweep.disagreement(index, reading)
            if disagreement is not None:
                found.append(disagreement)
    return found


def within_their_words(d: Disagreement) -> Disagreement | None:
    """`d` without the sides whose gap from it the two figures' own words allow; None when no
    side is left.

    "About 30%" and "about one in three" meet, and each says it is approximate: a gap between
    their stated values that their own words allow is no sign that either page is wrong, so an
    inferred measure (CT210) does not report it. A conflict (intervals apart) is still reported,
    except against a floor: "over 25 million" is closed at 26.25 million to be compared, but its
    words say nothing of how far over, so 29.4 million is no sign that it is wrong. A ceiling
    ("as many as 5.4 million", "up to 40%") says nothing of how far under: a figure that meets it
    (only differs) is no sign either; one above it (a conflict) still is. Two figures whose
    pages date their data to periods that do not meet (`frames.dated_apart`: "2005-2008" and
    "2015-2016") are two measures, whatever their words.
    """
    kept = tuple((other, comparison) for other, comparison in d.others
                 if not _allowed(d.reading, other, comparison) and not _dated_apart(d.reading, other))
    if len(kept) == len(d.others):
        return d
    total = d.total - (len(d.others) - len(kept))
    if not kept or total <= 0:
        return None
    return attrs.evolve(d, others=kept, total=total)


def _dated_apart(first: Reading, second: Reading) -> bool:
    return first.frame is not None and second.frame is not None and dated_apart(first.frame, second.frame)


#: Hedges that state a floor and nothing above it.
FLOORS = ("over", "at least")
#: Hedges that state a ceiling and nothing below it ("as many as" reads "up to").
CEILINGS = ("up to", "less than")


def _allowed(first: Reading, second: Reading, comparison: Comparison) -> bool:
    """True when the two figures' words allow the gap between them: only differing, and both
    approximate, one approximate around what the other states ("about 5 million" allows "4.6
    million"), or one a ceiling; or one a floor and the other at or above it."""
    if comparison.verdict == DIFFER and (
            _approximately_around(first.figure, comparison.first, second.figure)
            or _approximately_around(second.figure, comparison.second, first.figure)
            or first.figure.hedge in CEILINGS or second.figure.hedge in CEILINGS):
        return True
    return _above_floor(first.figure, comparison.first, comparison.second) or _above_floor(
        second.figure, comparison.second, comparison.first)


def _approximately_around(approximate: Figure, interval: Interval, other: Figure) -> bool:
    """True when `approximate` says it is approximate and `other` says so too, or states an
    exact value (no hedge) inside its interval: the words of `approximate` allow `other`. A
    bound ("almost 49 million") says more than its value, and stays compared."""
    if not states_approximately(approximate):
        return False
    if states_approximately(other):
        return True
    bounds = stated_bounds(other) if other.hedge == "none" else None
    return bounds is not None and interval.contains(bounds[0]) and interval.contains(bounds[1])


def _above_floor(floor: Figure, interval: Interval, other: Interval) -> bool:
    """True when `floor` states only a floor ("over X", "at least X") and `other` lies at or above
    it (its interval is `interval`; `other` is the other figure's)."""
    return floor.hedge in FLOORS and other.low >= interval.low


def _regular(value: _Value) -> bool:
    """A single stated value, finite and not negative, with a finite interval that holds a
    number: the values the sweep orders (the rest are compared one by one)."""
    bounds = stated_bounds(value.figure)
    interval = value.interval
    return (bounds is not None and bounds[0] == bounds[1] and math.isfinite(bounds[0]) and bounds[0] >= 0
            and math.isfinite(interval.low) and math.isfinite(interval.high)
            and (interval.low < interval.high or (interval.low == interval.high and interval.low_closed
                                                   and interval.high_closed)))


def _high_key(interval: Interval) -> tuple[float, int]:
    # w ends before v  <=>  _high_key(w) < _before_key(v)   (Interval.disjoint's first half)
    return (interval.high, 1 if interval.high_closed else 0)


def _before_key(interval: Interval) -> tuple[float, int]:
    return (interval.low, 1 if interval.low_closed else 2)


def _low_key(interval: Interval) -> tuple[float, int]:
    # v ends before w  <=>  _low_key(w) > _after_key(v)
    return (interval.low, 0 if interval.low_closed else 1)


def _after_key(interval: Interval) -> tuple[float, int]:
    return (interval.high, 0 if interval.high_closed else -1)


class _Fenwick:
    def __init__(self, size: int) -> None:
        self.tree = [0] * (size + 1)

    def add(self, position: int, amount: int) -> None:
        position += 1
        while position < len(self.tree):
            self.tree[position] += amount
            position += position & -position

    def prefix(self, end: int) -> int:
        total = 0
        while end > 0:
            total += self.tree[end]
            end -= end & -end
        return total


class _Smallest:
    """The _KEPT smallest value indexes of each prefix of a sequence, kept where they change."""

    def __init__(self, indexes: Sequence[int]) -> None:
        self.ends: list[int] = []
        self.kept: list[tuple[int, ...]] = []
        current: list[int] = []
        for position, index in enumerate(indexes):
            if len(current) < _KEPT or index < current[-1]:
                bisect.insort(current, index)
                del current[_KEPT:]
                self.ends.append(position + 1)
                self.kept.append(tuple(current))

    def of_prefix(self, length: int) -> tuple[int, ...]:
        at = bisect.bisect_right(self.ends, length) - 1
        return self.kept[at] if at >= 0 else ()


class _Sweep:
    """The other sides of each outlying value, from sorted orders instead of comparing every
    value with every other (which was O(d^2) in the distinct values d of a group).

    Values whose stated figure is one finite, non-negative number (nearly all) are *regular*:
    sorted by where their intervals end and start, the values that conflict with one are a
    prefix of the first order and a suffix of the second (counted by bisection, the first few
    of them by reading order kept where they change); sorted by stated value, the values within
    the differ tolerance are a window, and within it a value agrees exactly when its interval
    meets (counted directly in a narrow window, with a Fenwick tree in a wide one). Every other
    value (ranges, negative figures) is compared one by one. The sides listed on a finding and
    every count are those comparing each pair gives: the old form is kept as the test's oracle.
    """

    def __init__(self, values: list[_Value], anchor: int, tolerance: Tolerance,
                 apart: Callable[[Reading], Hashable]) -> None:
        self.values = values
        self.anchor = anchor
        self.tol = tolerance
        self.apart = apart
        self.sizes = [len(v.readings) for v in values]
        self.total = sum(self.sizes)
        #: for each key of `apart` (a sentence, a page): how many readings of each value it holds
        self.in_sentence: dict[Hashable, dict[int, int]] = {}
        for index, value in enumerate(values):
            for key, count in Counter(map(apart, value.readings)).items():
                self.in_sentence.setdefault(key, {})[index] = count
        self.regular = [i for i, v in enumerate(values) if _regular(v)]
        is_regular = set(self.regular)
        self.others = [i for i in range(len(values)) if i not in is_regular]
        self.is_regular = [i in is_regular for i in range(len(values))]
        intervals = [v.interval for v in values]
        by_high = sorted(self.regular, key=lambda i: _high_key(intervals[i]))
        self.high_keys = [_high_key(intervals[i]) for i in by_high]
        self.high_sums = _prefix_sums(self.sizes[i] for i in by_high)
        self.high_smallest = _Smallest(by_high)
        self.by_high = by_high
        by_low = sorted(self.regular, key=lambda i: _low_key(intervals[i]))
        self.low_keys = [_low_key(intervals[i]) for i in by_low]
        self.low_sums = _prefix_sums(self.sizes[i] for i in by_low)
        self.low_smallest = _Smallest(list(reversed(by_low)))
        self.by_low = by_low
        by_stated = sorted(self.regular, key=lambda i: self._stated(i))
        self.stated = [self._stated(i) for i in by_stated]
        self.stated_sums = _prefix_sums(self.sizes[i] for i in by_stated)
        self.by_stated = by_stated
        self._compared: dict[tuple[int, int], Comparison] = {}
        self._listed: dict[int, tuple[list[tuple[int, Comparison]], Iterator[tuple[int, Comparison]]]] = {}
        self._disagreeing: dict[int, tuple[int, int]] = {}
        self._missing: dict[int, int] = {}
        self._windows: dict[int, tuple[int, int]] = {}

    # -- pairs ----------------------------------------------------------------------------

    def compare(self, first: int, second: int) -> Comparison:
        key = (first, second)
        comparison = self._compared.get(key)
        if comparison is None:
            comparison = compare_figures(self.values[first].figure, self.values[second].figure, self.tol)
            self._compared[key] = comparison
        return comparison

    def _stated(self, index: int) -> float:
        bounds = stated_bounds(self.values[index].figure)
        assert bounds is not None
        return bounds[0]

    def _near(self, x: float, y: float) -> bool:
        return relative_distance((x, x), (y, y)) <= self.tol.differ

    # -- which values, how many readings ----------------------------------------------------

    def outliers(self) -> list[int]:
        """The values that disagree with the anchor, in reading order; their counts of
        disagreeing readings are worked out together (wide windows in one offline pass)."""
        found = [i for i in range(len(self.values))
                 if i != self.anchor and self.compare(i, self.anchor).verdict != AGREE]
        wide = []
        for index in found:
            if self.is_regular[index]:
                start, end = self._window(index)
                if end - start > WINDOW_SCAN:
                    wide.append((index, start, end))
        self._missing = self._disjoint_in_windows(wide)
        return found

    def _ends_before(self, index: int) -> int:
        """How many regular values end before value `index` starts (a prefix of by_high)."""
        return bisect.bisect_left(self.high_keys, _before_key(self.values[index].interval))

    def _starts_after(self, index: int) -> int:
        """Where the regular values that start after value `index` ends begin in by_low."""
        return bisect.bisect_right(self.low_keys, _after_key(self.values[index].interval))

    def counts(self, index: int) -> tuple[int, int]:
        """(readings of values that disagree with `index`, of those that conflict with it)."""
        known = self._disagreeing.get(index)
        if known is not None:
            return known
        if not self.is_regular[index]:
            disagreeing = conflicting = 0
            for other in range(len(self.values)):
                if other != index:
                    verdict = self.compare(index, other).verdict
                    disagreeing += self.sizes[other] if verdict != AGREE else 0
                    conflicting += self.sizes[other] if verdict == CONFLICT else 0
            self._disagreeing[index] = (disagreeing, conflicting)
            return disagreeing, conflicting
        conflicting = self.high_sums[self._ends_before(index)]
        conflicting += self.low_sums[-1] - self.low_sums[self._starts_after(index)]
        agreeing = self._agreeing_regular(index)
        for other in self.others:
            verdict = self.compare(index, other).verdict
            conflicting += self.sizes[other] if verdict == CONFLICT else 0
            agreeing += self.sizes[other] if verdict == AGREE else 0
        result = (self.total - self.sizes[index] - agreeing, conflicting)
        self._disagreeing[index] = result
        return result

    def _window(self, index: int) -> tuple[int, int]:
        """The stretch of by_stated within the differ tolerance of value `index`'s figure."""
        known = self._windows.get(index)
        if known is not None:
            return known
        x = self._stated(index)
        stated = self.stated
        at = bisect.bisect_left(stated, x)
        low, high = 0, at  # the first position near x: near is false, then true, going up to x
        while low < high:
            middle = (low + high) // 2
            if self._near(x, stated[middle]):
                high = middle
            else:
                low = middle + 1
        start = low
        low, high = at, len(stated)  # the first position past x that is not near
        while low < high:
            middle = (low + high) // 2
            if self._near(x, stated[middle]):
                low = middle + 1
            else:
                high = middle
        end = low
        # Rounding may blur monotony by an ulp at the edges: settle them one by one.
        while start > 0 and self._near(x, stated[start - 1]):
            start -= 1
        while start < at and not self._near(x, stated[start]):
            start += 1
        while end < len(stated) and self._near(x, stated[end]):
            end += 1
        while end > at and not self._near(x, stated[end - 1]):
            end -= 1
        self._windows[index] = (start, end)
        return start, end

    def _agreeing_regular(self, index: int) -> int:
        """Readings of the other regular values that agree with value `index`: those in its
        window whose interval meets its own."""
        start, end = self._window(index)
        if end - start <= WINDOW_SCAN:
            interval = self.values[index].interval
            return sum(self.sizes[other] for other in self.by_stated[start:end]
                       if other != index and not interval.disjoint(self.values[other].interval))
        inside = self.stated_sums[end] - self.stated_sums[start]
        return inside - self.sizes[index] - self._missing[index]

    def _disjoint_in_windows(self, queries: list[tuple[int, int, int]]) -> dict[int, int]:
        """For each (value, start, end): readings of the values of by_stated[start:end] whose
        interval misses the value's (ends before it or starts after it). Offline, with a
        Fenwick tree over by_stated positions: O((d + queries) log d) in all."""
        if not queries:
            return {}
        position = {value: at for at, value in enumerate(self.by_stated)}
        missing = dict.fromkeys((index for index, _, _ in queries), 0)
        tree = _Fenwick(len(self.by_stated))
        added = 0
        for index, start, end in sorted(queries, key=lambda q: _before_key(self.values[q[0]].interval)):
            before = self._ends_before(index)
            while added < before:
                value = self.by_high[added]
                tree.add(position[value], self.sizes[value])
                added += 1
            missing[index] += tree.prefix(end) - tree.prefix(start)
        tree = _Fenwick(len(self.by_stated))
        added = len(self.by_low)
        for index, start, end in sorted(queries, key=lambda q: _after_key(self.values[q[0]].interval), reverse=True):
            after = self._starts_after(index)
            while added > after:
                added -= 1
                value = self.by_low[added]
                tree.add(position[value], self.sizes[value])
            missing[index] += tree.prefix(end) - tree.prefix(start)
        return missing

    # -- the sides listed ---------------------------------------------------------------------

    def _conflicting(self, index: int) -> Iterator[int]:
        """The values conflicting with `index`, in reading order (the anchor too)."""
        if not self.is_regular[index]:
            yield from (o for o in range(len(self.values)) if o != index and self.compare(index, o).verdict == CONFLICT)
            return
        before = self._ends_before(index)
        after = self._starts_after(index)
        others = [o for o in self.others if self.compare(index, o).verdict == CONFLICT]
        first = self.high_smallest.of_prefix(before)
        second = self.low_smallest.of_prefix(len(self.by_low) - after)
        # Each kept list is exact up to its last entry when it was cut at _KEPT.
        bound = min(first[-1] if len(first) == _KEPT and before > _KEPT else math.inf,
                    second[-1] if len(second) == _KEPT and len(self.by_low) - after > _KEPT else math.inf)
        merged = sorted({*first, *second, *others})
        yield from (value for value in merged if value <= bound)
        if bound < math.inf:
            rest = sorted({*self.by_high[:before], *self.by_low[after:], *others})
            yield from (value for value in rest if value > bound)

    def _side_stream(self, index: int) -> Iterator[tuple[int, Comparison]]:
        yield self.anchor, self.compare(index, self.anchor)
        for other in self._conflicting(index):
            if other != self.anchor:
                yield other, self.compare(index, other)
        figure = self.values[index].figure
        for other in range(len(self.values)):  # lazily: read only until MAX_RELATED are listed
            if other != index and other != self.anchor:
                comparison = compare_figures(figure, self.values[other].figure, self.tol)
                if comparison.verdict == DIFFER:
                    yield other, comparison

    def _sides(self, index: int) -> Iterator[tuple[int, Comparison]]:
        """The sides of `index` in the order findings list them, materialised as far as read."""
        if index not in self._listed:
            self._listed[index] = ([], self._side_stream(index))
        seen, stream = self._listed[index]
        yield from seen
        for side in stream:
            seen.append(side)
            yield side

    def disagreement(self, index: int, reading: Reading) -> Disagreement | None:
        """The finding of one reading of an outlying value, or None when every side it
        disagrees with stands apart from it (in its sentence, or on its page)."""
        disagreeing, conflicting = self.counts(index)
        key = self.apart(reading)
        for other, count in self.in_sentence.get(key, {}).items():
            if other != index:
                verdict = self.compare(index, other).verdict
                disagreeing -= count if verdict != AGREE else 0
                conflicting -= count if verdict == CONFLICT else 0
        if disagreeing == 0:
            return None
        others: list[tuple[Reading, Comparison]] = []
        for other, comparison in self._sides(index):
            for side in self.values[other].readings:
                if len(others) == MAX_RELATED:
                    break
                if self.apart(side) != key:
                    others.append((side, comparison))
            if len(others) == MAX_RELATED:
                break
        anchor = self.values[self.anchor]
        anchor_reading = next((r for r in anchor.readings if self.apart(r) != key), anchor.readings[0])
        verdict = CONFLICT if conflicting > 0 else DIFFER
        return Disagreement(reading, verdict, tuple(others), disagreeing, anchor_reading)


def _prefix_sums(sizes: Iterator[int] | Sequence[int]) -> list[int]:
    sums = [0]
    for size in sizes:
        sums.append(sums[-1] + size)
    return sums
