"""A second way for figures of different pages to be one measure: a learned pair scorer.

Frame grouping (`inferred`) joins two figures only when their frames agree word for word. Real
pages say one measure in many wordings ("a 7.1 year payback" and "pay for themselves in about
9.1 years"), so a figure that frame grouping left alone is linked to the figure of another page
that is most probably one measure with it:

- candidates: the figures that share one of its rarest words (an index by word, at most
  `MAX_CANDIDATES`) and its value neighbours (the figures of other pages of its kind, unit and
  base whose values are nearest its own, at most `VALUE_NEIGHBOURS`): linear in figures, never
  every pair;
- nothing may contradict: kind, unit, share or change, population (sex and age band), time
  frame (one said alone too), place (when both say one), year and quarter as frame grouping
  compares them, a negation said on one side only, said words one set of which nests in the
  other, periods of the data that do not meet (`frames.dated_apart`), what an amount is per
  ("per watt") when both say it, and a place in an order ("the first result", "position 2")
  when both say one;
- the learned scorer (`pair_features`, `WEIGHTS`, `probability`): a logistic regression on
  generic features of the pair (how much their words overlap, each word weighted by how rare it
  is across the run's pages; which parts of their frames agree or only one says; the values'
  ratio; hedges; kind; whether each is alone of its kind on its page), fitted on the development
  half of the real-page corpus and validated leave one area out
  (benchmarks/consistency_learned.py). Its probability is the link's confidence.

A link joins the two figures' sets (a frame group, or a figure alone) only when every two
figures of different pages across them whose values differ link too: no chain of links.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Hashable, Iterable, Sequence

import attrs

from claimstrack.consistency.frames import Frame, data_period, dated_apart, root
from claimstrack.disjoint import DisjointSets
from claimstrack.memo import BoundedMemo

#: How much a word counts by where it was said: what the figure's frame says of it and what it
#: counts; the rest of its own clause; what its frame read around its sentence (it may name the
#: subject of a section rather than what one figure measures).
SAID_WEIGHT = 1.0
TOLD_WEIGHT = 1.0
AROUND_WEIGHT = 0.5
#: Words of a figure that the index looks its candidates up by (its rarest ones).
RAREST = 3
#: At most this many candidates are compared with one figure.
MAX_CANDIDATES = 64
#: What a word only one page says weighs: it links nothing across pages, but it is something
#: the wording says that the other does not (it counts in its total, not in what is shared).
ONE_PAGE_WEIGHT = 0.5
#: Least probability of a link (`probability`): weaker ones are not made. Chosen leave one area
#: out on the development half (benchmarks/consistency_learned.py), precision first: a lower
#: threshold adds more wrong pairs than right ones there (docs/benchmarks.md).
MIN_LINK = 0.6
#: A link's probability times this is its confidence on the grouping's scale (at most 1), where
#: CT210 reports from `inferred.MIN_CONFIDENCE` (0.7): a link of MIN_LINK lands at 0.7.
LINK_WEIGHT = 0.7 / MIN_LINK
#: The links of one figure tried, most probable first: when the best one cannot join its sets
#: (a figure of the other set does not link), the next may.
LINKS_TRIED = 3
#: Value neighbours: at most this many per figure, within this ratio of its value, found in at
#: most this many steps along the sorted values (figures of its own page are passed over).
VALUE_NEIGHBOURS = 8
NEIGHBOUR_RATIO = 10.0
NEIGHBOUR_STEPS = 32


@attrs.frozen
class Candidate:
    """What a figure gives the similarity search: its frame, value, page and weighted words,
    whether its words say it is approximate or a bound (`hedged`), and whether it is the only
    figure of its kind and unit on its page (`alone`)."""

    frame: Frame
    value: float
    page: Hashable
    words: dict[str, float]  # root -> weight (`words_of`)
    hedged: bool = False
    alone: bool = False


def words_of(frame: Frame) -> dict[str, float]:
    """The roots a frame's figure says, weighted by where: what its frame says of it and what it
    counts (SAID_WEIGHT), the rest of its own clause (TOLD_WEIGHT), said words its frame read
    around its sentence, in the sentence before, its lead-in or its headings (AROUND_WEIGHT)."""
    said = [_root(word) for word in frame.said]
    weights = dict.fromkeys(said, AROUND_WEIGHT) if frame.said_from != "clause" else {}
    weights.update(dict.fromkeys(frame.told, TOLD_WEIGHT))
    counted = [_root(word) for word in (frame.counted or "").replace("|", " ").split() if word != "per"]
    weights.update(dict.fromkeys((said if frame.said_from == "clause" else []) + counted, SAID_WEIGHT))
    weights.pop("not", None)
    return weights


#: Roots of the said words seen so far (bounded).
_ROOTS: BoundedMemo[str, str] = BoundedMemo(200_000)


def _root(word: str) -> str:
    found = _ROOTS.get(word)
    return found if found is not None else _ROOTS.put(word, root(word))


def page_frequencies(candidates: Iterable[Candidate]) -> tuple[dict[str, int], int]:
    """How many pages say each root, and how many pages there are."""
    pages: dict[Hashable, set[str]] = {}
    for candidate in candidates:
        pages.setdefault(candidate.page, set()).update(candidate.words)
    frequency: dict[str, int] = {}
    for words in pages.values():
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    return frequency, len(pages)


def rarity(frequency: dict[str, int], pages: int) -> dict[str, float]:
    """Each root's weight by how few pages say it, log(pages / frequency) over log(pages): 0 for
    a root every page says (it tells nothing), near 1 for one two pages say. A root only one page
    says weighs ONE_PAGE_WEIGHT. A run of one page has no rare words."""
    if pages < 2:
        return dict.fromkeys(frequency, 0.0)
    top = math.log(pages)
    return {word: math.log(pages / count) / top if count > 1 else ONE_PAGE_WEIGHT
            for word, count in frequency.items()}


def shared_weight(first: dict[str, float], second: dict[str, float], rare: dict[str, float]) -> float:
    """The weight two figures' words share: each word both say at the lesser of its two weights,
    times its rarity."""
    return sum(min(weight, second[word]) * rare.get(word, 0.0) for word, weight in first.items() if word in second)


def overlap(first: dict[str, float], second: dict[str, float], rare: dict[str, float],
            shared: float | None = None) -> float:
    """How much two figures' words overlap, each word weighted by its rarity and where it was
    said: twice the weight they share (`shared_weight`, when not given) over the weight of both
    (Dice), from 0 to 1."""
    total = sum(weight * rare.get(word, 0.0) for word, weight in first.items())
    total += sum(weight * rare.get(word, 0.0) for word, weight in second.items())
    if total == 0.0:
        return 0.0
    if shared is None:
        shared = shared_weight(first, second, rare)
    return 2.0 * shared / total


def contradicts(first: Frame, second: Frame, soft_fit: Callable[[Frame, Frame], bool]) -> bool:
    """True when something the two frames say rules out one measure: kind, unit, share or
    change, population, time frame (a link is less sure than frame grouping: one said alone is
    a veto too), place (when both say one), a negation on one side, said words one of which
    nests in the other (frame grouping decided those), periods of the data that do not meet
    (`frames.dated_apart`), a place in an order, what an amount is per, or (`soft_fit`) the
    year and quarter as frame grouping compares them."""
    if (first.kind, first.unit, first.base, first.population, first.moment, first.time_frame) != (
            second.kind, second.unit, second.base, second.population, second.moment, second.time_frame):
        return True
    if ("not" in first.said) != ("not" in second.said) or _nested(first, second) or dated_apart(first, second):
        return True
    return _both_differ(first, second) or not soft_fit(first, second)


def _both_differ(first: Frame, second: Frame) -> bool:
    """True when both frames say a place, a place in an order or what an amount is per, and
    they differ."""
    per = [frame.counted if (frame.counted or "").startswith("per ") else None for frame in (first, second)]
    for one, other in ((first.place, second.place), (_order(first), _order(second)), per):
        if one is not None and other is not None and one != other:
            return True
    return False


def _nested(first: Frame, second: Frame) -> bool:
    """True when both frames read what is said in their clauses and one says a part of what the
    other says: frame grouping has decided those already ("vision loss" joins "vision loss
    episodes" as its start, never "vision loss in both eyes", which a phrase narrows)."""
    if first.said_from != "clause" or second.said_from != "clause":
        return False
    return _one_nests(set(first.said), set(second.said))


def _one_nests(said: set[str], other: set[str]) -> bool:
    """True when both sets hold words and one is a part of the other."""
    return bool(said) and bool(other) and (said < other or other < said)


def _order(frame: Frame) -> str | None:
    """The place in an order told beside the figure ("#2"), or None."""
    told = frame.told
    return told[-1] if told and told[-1].startswith("#") else None


# ---------------------------------------------------------------------------------------------
# The learned pair scorer: how probable it is that two figures of different pages are one measure


#: The features of a pair, in the order `pair_features` gives them and `WEIGHTS` weighs them.
#: Every one is generic (no subject word): how much the two figures' words overlap, which parts
#: of their frames both say alike or only one says, how far apart their values are, their
#: hedges, their kind, and whether each is the only figure of its kind and unit on its page.
FEATURES = (
    "bias",
    "words overlap",  # the square root of `overlap` of all their words
    "shared weight",  # the rarity-weighted weight the words share, up to 2, halved
    "own clause overlap",  # weighted Dice of the roots of their own clauses (`Frame.told`)
    "said words jaccard",  # the share of their said words both say
    "said words nested",  # one says a part of what the other says
    "counted alike",  # both name what is counted, the same
    "counted differs",  # both name it, differently
    "counted by one",  # only one names it
    "place alike",  # both say a place, the same
    "place by one",  # only one says a place
    "time frame alike",  # both say a time frame, the same (one said alone is vetoed)
    "dated alike",  # both say, or their pages give, the same year, period or quarter of their data
    "both from their clause",  # both frames read what is said in the figure's own clause
    "filled",  # either frame took a qualifier from outside its clause
    "least frame confidence",
    "log ratio",  # log2 of the values' ratio, up to 6, over 6
    "same value",  # within SAME_VALUE (5%), as the join test takes one value
    "both hedged",
    "one hedged",
    "percent",
    "count",
    "money",
    "both alone",  # each is the only figure of its kind and unit on its page
    "one alone",
    "own clause jaccard",  # the share of the roots of their own clauses both say, unweighted
    "within 1.25x",  # the values' ratio is at most 1.25
    "within 2x",
    "percent x words overlap",  # a percent's words say more than its value: many share a value
    "percent x own clause jaccard",
)

#: Most log2 ratio the "log ratio" feature tells apart (64x and more read the same).
_RATIO_CAP = 6.0
#: The shared weight the "shared weight" feature reads up to.
_SHARED_CAP = 2.0


def pair_features(a: Candidate, b: Candidate, rare: dict[str, float]) -> tuple[float, ...]:
    """The features of two figures of different pages (FEATURES' order), each from 0 to 1;
    `rare` is each root's rarity across the run's pages (`rarity`)."""
    first, second = a.frame, b.frame
    told_words, other_told = set(first.told), set(second.told)
    said, other_said = set(first.said), set(second.said)
    low, high = sorted((abs(a.value), abs(b.value)))
    near = math.inf if low == 0.0 else high / low
    ratio = 1.0 if high == 0.0 or low == 0.0 else min(math.log2(near), _RATIO_CAP) / _RATIO_CAP
    shared = shared_weight(a.words, b.words, rare)
    overlap_all = math.sqrt(overlap(a.words, b.words, rare, shared))
    told_jaccard = len(told_words & other_told) / len(told_words | other_told) if told_words or other_told else 0.0
    told = _dice(first.told, second.told, rare)
    counted = _parts(first.counted, second.counted)
    place = _parts(first.place, second.place)[::2]  # places that differ are vetoed
    period = data_period(first)
    dated = float((period or first.quarter) is not None and period == data_period(second)
                  and first.quarter == second.quarter)
    union = said | other_said
    hedges = int(a.hedged) + int(b.hedged)
    alone = int(a.alone) + int(b.alone)
    kind = first.kind
    return (
        1.0,
        overlap_all,
        min(shared, _SHARED_CAP) / _SHARED_CAP,
        told,
        len(said & other_said) / len(union) if union else 0.0,
        float(_one_nests(said, other_said)),  # vetoed when both read them in their clauses (`_nested`)
        *counted,
        *place,
        float(first.time_frame is not None),  # time frames that differ, or one unsaid, are vetoed
        dated,
        float(first.said_from == "clause" and second.said_from == "clause"),
        float(bool(first.filled or second.filled)),
        min(first.confidence, second.confidence),
        ratio,
        float(_same_value(low, high)),
        float(hedges == 2),
        float(hedges == 1),
        float(kind == "percent"),
        float(kind == "count"),
        float(kind == "money"),
        float(alone == 2),
        float(alone == 1),
        told_jaccard,
        float(near <= 1.25),
        float(near <= 2.0),
        overlap_all if kind == "percent" else 0.0,
        told_jaccard if kind == "percent" else 0.0,
    )


def _parts(first: str | None, second: str | None) -> tuple[float, float, float]:
    """(both say it alike, both say it differently, only one says it) for one part of a frame."""
    if first is None and second is None:
        return (0.0, 0.0, 0.0)
    if first is None or second is None:
        return (0.0, 0.0, 1.0)
    return (1.0, 0.0, 0.0) if first == second else (0.0, 1.0, 0.0)


def _dice(first: Iterable[str], second: Iterable[str], rare: dict[str, float]) -> float:
    """`overlap` of two collections of roots, each root of weight 1. Given in a fixed order (a
    frame's `told`, not a set): the sums' order, and so their last bits, must not follow the
    process's string hashing."""
    return overlap(dict.fromkeys(first, 1.0), dict.fromkeys(second, 1.0), rare)


#: The weights of FEATURES, in their order: a logistic regression (L2 1.0) fitted by
#: `python benchmarks/consistency_learned.py --weights` on the candidate pairs of the nineteen
#: development areas of tests/consistency/real/ (6,266 pairs, 300 of them one measure by the
#: labels), at main 20bbe07. Refit when the features, the candidates or the development areas
#: change, and validate leave-one-area-out (docs/consistency.md).
WEIGHTS: tuple[float, ...] = (
    -3.999, 0.902, 0.684, 0.656, 0.133, 0.635, -0.076, -0.919, -0.423, 0.551, 0.198, 1.668, 1.310,
    -0.239, -0.551, -0.680, -1.143, 0.520, -0.080, -0.195, -2.301, 0.513, -0.163, 0.449, 0.154,
    1.037, 1.103, 2.042, 2.186, 0.786
)


def probability(features: Sequence[float], weights: Sequence[float] | None = None) -> float:
    """The logistic of the weighted features: how probable one measure is (0 to 1)."""
    return logistic(sum(w * f for w, f in zip(weights or WEIGHTS, features)))


def logistic(total: float) -> float:
    """1 / (1 + e^-total), 0 far below zero (where e^-total would overflow)."""
    if total < -30.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-total))


class Similarity:
    """The run's figures as the similarity search sees them: their words' rarity across the
    run's pages, an index of the words that can link pages, and each kind and unit's figures
    sorted by value (their value neighbours)."""

    def __init__(self, candidates: Sequence[Candidate], soft_fit: Callable[[Frame, Frame], bool]) -> None:
        self.candidates = candidates
        self.soft_fit = soft_fit
        frequency, pages = page_frequencies(candidates)
        self.rare = rarity(frequency, pages)
        self.index: dict[str, list[int]] = {}
        by_value: dict[Hashable, list[tuple[float, int]]] = {}
        for number, candidate in enumerate(candidates):
            for word in candidate.words:
                if frequency[word] > 1:  # a word of one page links nothing across pages
                    self.index.setdefault(word, []).append(number)
            if candidate.value > 0.0:
                frame = candidate.frame
                by_value.setdefault((frame.kind, frame.unit, frame.base), []).append((candidate.value, number))
        self.values: dict[Hashable, tuple[list[float], list[int]]] = {}
        for key, entries in by_value.items():
            entries.sort()
            self.values[key] = ([value for value, _ in entries], [number for _, number in entries])

    def allowed(self, first: int, second: int) -> bool:
        """True when two figures are of different pages and nothing they say contradicts."""
        a, b = self.candidates[first], self.candidates[second]
        return a.page != b.page and not contradicts(a.frame, b.frame, self.soft_fit)

    def score(self, first: int, second: int) -> float:
        """The probability that two figures of different pages are one measure (the learned
        scorer, `probability`); 0.0 when something contradicts."""
        if not self.allowed(first, second):
            return 0.0
        return round(probability(pair_features(self.candidates[first], self.candidates[second], self.rare)), 3)

    def nearby(self, number: int) -> list[int]:
        """The figures figure `number` is compared with: those sharing one of its RAREST rarest
        words (at most MAX_CANDIDATES), then its value neighbours (`value_neighbours`)."""
        found = dict.fromkeys(_nearby(self.candidates[number], self.index, self.rare))
        found.update(dict.fromkeys(self.value_neighbours(number)))
        return list(found)

    def value_neighbours(self, number: int) -> list[int]:
        """The figures of other pages of the same kind, unit and base whose values are nearest
        this one's (by ratio, within NEIGHBOUR_RATIO), at most VALUE_NEIGHBOURS: two wordings of
        one measure that share no rare word still state near values."""
        candidate = self.candidates[number]
        frame = candidate.frame
        if candidate.value <= 0.0:
            return []
        values, numbers = self.values[(frame.kind, frame.unit, frame.base)]
        at = bisect.bisect_left(values, candidate.value)
        below, above = at - 1, at
        found: list[int] = []
        low, high = candidate.value / NEIGHBOUR_RATIO, candidate.value * NEIGHBOUR_RATIO
        for _ in range(NEIGHBOUR_STEPS):
            if len(found) >= VALUE_NEIGHBOURS:
                break
            down = below >= 0 and values[below] >= low
            up = above < len(values) and values[above] <= high
            if not (down or up):
                break
            if up and (not down or values[above] / candidate.value <= candidate.value / values[below]):
                other, above = numbers[above], above + 1
            else:
                other, below = numbers[below], below - 1
            if self.candidates[other].page != candidate.page:
                found.append(other)
        return found

    def best(self, number: int) -> list[tuple[int, float]]:
        """The figures of other pages most probably one measure with figure `number`, with the
        links' probabilities, most probable first: at most LINKS_TRIED, each at MIN_LINK or more
        (its candidates: `nearby`)."""
        found = []
        for other in self.nearby(number):
            score = self.score(number, other)
            if score >= MIN_LINK:
                found.append((other, score))
        found.sort(key=lambda link: (-link[1], link[0]))
        return found[:LINKS_TRIED]


#: A join is made only when every two figures of different pages across the two sets link (at
#: MIN_LINK); sets with more pairs than this are not joined (the test stays bounded).
MAX_CHECKED_PAIRS = 256


def joined(similarity: Similarity, sets: Sequence[Sequence[int]], searching: Iterable[int],
           set_of: Sequence[int]) -> tuple[DisjointSets[int], dict[int, float]]:
    """The sets of figures (`sets`, candidate indexes; `set_of` gives each candidate's set)
    joined by the best links of the figures of `searching`, strongest first; and each joined
    figure's confidence (its link's). A link joins its two sets only when every two figures of
    different pages across them link too: no chain of links makes one group of figures that do
    not all say one thing ("70% want to quit" joins the group of "70% want to quit altogether"
    only if it also links with every other figure of that group)."""
    links = [(score, number, other) for number in searching for other, score in similarity.best(number)]
    members: dict[int, list[int]] = {index: list(group) for index, group in enumerate(sets)}
    joins: DisjointSets[int] = DisjointSets(list(range(len(sets))))
    confidences: dict[int, float] = {}
    for score, number, other in sorted(links, key=lambda link: (-link[0], link[1])):
        first, second = joins.find(set_of[number]), joins.find(set_of[other])
        if first == second or not _all_link(similarity, members[first], members[second]):
            continue
        joins.union(second, first)
        members[second].extend(members.pop(first))
        for end in (number, other):
            if len(sets[set_of[end]]) == 1:  # a figure alone before: joined at the link's confidence
                confidences[end] = max(score, confidences.get(end, 0.0))
    return joins, confidences


def _all_link(similarity: Similarity, first: Sequence[int], second: Sequence[int]) -> bool:
    """True when every two figures of different pages across the two sets whose values differ
    (by more than SAME_VALUE) link: figures of equal values are never reported against each
    other, whatever they measure."""
    if len(first) * len(second) > MAX_CHECKED_PAIRS:
        return False
    figures = similarity.candidates
    for a in first:
        for b in second:
            if figures[a].page == figures[b].page or _same_value(figures[a].value, figures[b].value):
                continue
            if similarity.score(a, b) < MIN_LINK:
                return False
    return True


#: Values closer than this (relatively) are taken for one value by the join test.
SAME_VALUE = 0.05


def _same_value(first: float, second: float) -> bool:
    return abs(first - second) <= SAME_VALUE * max(abs(first), abs(second))


def _nearby(candidate: Candidate, index: dict[str, list[int]], rare: dict[str, float]) -> list[int]:
    """The figures that share one of the candidate's RAREST rarest words, at most MAX_CANDIDATES."""
    words = sorted((w for w in candidate.words if w in index), key=lambda w: (-rare[w], w))[:RAREST]
    seen: dict[int, None] = {}
    for word in words:
        for other in index[word]:
            seen.setdefault(other, None)
            if len(seen) >= MAX_CANDIDATES:
                return list(seen)
    return list(seen)
