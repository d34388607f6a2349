"""A second, less sure way for figures of different pages to be one measure: what their words say.

Frame grouping (`inferred`) joins two figures only when their frames agree word for word. Real
pages say one measure in many wordings ("a 7.1 year payback" and "pay for themselves in about
9.1 years"), so a figure that frame grouping left alone is linked to the figure of another page
whose words are most like its own:

- nothing may contradict: kind, unit, share or change, population (sex and age band), place
  (when both say one), time frame, year and quarter as frame grouping compares them, a negation
  said on one side only, what an amount is per ("per watt") when both say it, and a place in an
  order ("the first result", "position 2") when both say one;
- the roots of the words of the two figures' own clauses (`Frame.told`), what their frames say
  and count, and (at half weight) what their frames read around the sentence, must overlap
  strongly, each word weighted by how rare it is across the run's pages (inverse page
  frequency: "payback" and "watt" count for much, "people" and "report" for little; a word
  every page says, nothing);
- the values' closeness scales the confidence: a 7x spread is still a disagreement worth
  showing, but values far apart are more often different measures that share words.

A link joins the two figures' sets (a frame group, or a figure alone) only when every two
figures of different pages across them whose values differ link too: no chain of links.

Each figure is compared only with figures that share one of its rarest words (an index by
word, at most `MAX_CANDIDATES` per figure), never with every other figure: linear in figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Sequence

import attrs

from claimstrack.consistency.frames import Frame, root
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
#: Least weight of the shared words (a word every page but one says weighs nearly 0, one two
#: pages say nearly 1): one common word of a short wording is too little to link it.
MIN_SHARED = 0.3
#: What a word only one page says weighs: it links nothing across pages, but it is something
#: the wording says that the other does not (it counts in its total, not in what is shared).
ONE_PAGE_WEIGHT = 0.5
#: How fast closeness falls with the ratio of two values: 1 / (1 + SPREAD_SLOPE x log2(ratio))
#: (0.63 at 2x, 0.37 at 7x).
SPREAD_SLOPE = 0.6
#: Least confidence (overlap x closeness) of a link: weaker ones are not made.
MIN_LINK = 0.5
#: What a link's confidence (0 to 1) weighs on the grouping's scale, where CT210 reports from
#: MIN_CONFIDENCE (0.7): at most 0.65, so a link is listed, not reported, at the default
#: threshold; with `Config.inferred_min_confidence = 0.5` (library only) a link of 0.77 or more is reported.
LINK_WEIGHT = 0.65


@attrs.frozen
class Candidate:
    """What a figure gives the similarity search: its frame, value, page and weighted words."""

    frame: Frame
    value: float
    page: Hashable
    words: dict[str, float]  # root -> weight (`words_of`)


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


def overlap(first: dict[str, float], second: dict[str, float], rare: dict[str, float]) -> float:
    """How much two figures' words overlap, each word weighted by its rarity and where it was
    said: twice the weight they share over the weight of both (Dice), from 0 to 1; 0 when the
    shared weight is under MIN_SHARED."""
    shared = sum(min(weight, second[word]) * rare[word] for word, weight in first.items() if word in second)
    if shared < MIN_SHARED or shared == 0.0:
        return 0.0
    total = sum(weight * rare[word] for word, weight in first.items())
    total += sum(weight * rare[word] for word, weight in second.items())
    return 2.0 * shared / total


def closeness(first: float, second: float) -> float:
    """1.0 for equal values, falling with their ratio (0.63 at 2x, 0.37 at 7x)."""
    low, high = sorted((abs(first), abs(second)))
    if low == high:
        return 1.0
    if low == 0.0:
        return 0.0
    return 1.0 / (1.0 + SPREAD_SLOPE * math.log2(high / low))


def confidence(similarity: float, first: float, second: float) -> float:
    """A link's confidence: the square root of the words' overlap (half the words shared gives
    0.71) times the values' closeness."""
    return round(math.sqrt(similarity) * closeness(first, second), 3)


def contradicts(first: Frame, second: Frame, soft_fit: Callable[[Frame, Frame], bool]) -> bool:
    """True when something the two frames say rules out one measure: kind, unit, share or
    change, population, place (when both say one), a negation on one side, said words one of
    which nests in the other (frame grouping decided those), a place in an order, what an amount
    is per, or (`soft_fit`) the time frame, year and quarter as frame grouping compares them."""
    if (first.kind, first.unit, first.base, first.population, first.moment) != (
            second.kind, second.unit, second.base, second.population, second.moment):
        return True
    if ("not" in first.said) != ("not" in second.said) or _nested(first, second):
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
    if first.said_from != "clause" or second.said_from != "clause" or not first.said or not second.said:
        return False
    small, large = sorted((set(first.said), set(second.said)), key=len)
    return small < large


def _order(frame: Frame) -> str | None:
    """The place in an order told beside the figure ("#2"), or None."""
    told = frame.told
    return told[-1] if told and told[-1].startswith("#") else None


class Similarity:
    """The run's figures as the similarity search sees them: their words' rarity across the
    run's pages and an index of the words that can link pages."""

    def __init__(self, candidates: Sequence[Candidate], soft_fit: Callable[[Frame, Frame], bool]) -> None:
        self.candidates = candidates
        self.soft_fit = soft_fit
        frequency, pages = page_frequencies(candidates)
        self.rare = rarity(frequency, pages)
        self.index: dict[str, list[int]] = {}
        for number, candidate in enumerate(candidates):
            for word in candidate.words:
                if frequency[word] > 1:  # a word of one page links nothing across pages
                    self.index.setdefault(word, []).append(number)

    def score(self, first: int, second: int) -> float:
        """The link confidence of two figures of different pages; 0.0 when something contradicts."""
        a, b = self.candidates[first], self.candidates[second]
        if a.page == b.page or contradicts(a.frame, b.frame, self.soft_fit):
            return 0.0
        return confidence(overlap(a.words, b.words, self.rare), a.value, b.value)

    def best(self, number: int) -> tuple[int, float] | None:
        """The figure of another page most like figure `number` and the link's confidence, when
        it reaches MIN_LINK (its candidates: those sharing one of its RAREST rarest words)."""
        found: tuple[int, float] | None = None
        for other in _nearby(self.candidates[number], self.index, self.rare):
            score = self.score(number, other)
            if score >= MIN_LINK and (found is None or score > found[1]):
                found = (other, score)
        return found


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
    links = [(score, number, other) for number in searching
             for other, score in [similarity.best(number) or (-1, 0.0)] if other >= 0]
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
