"""Which claim a sentence states: exactly (its wording or a variant) or nearly (an altered claim).

Wordings and sentences are compared after normalising case, whitespace, quotes and dashes. A
sentence *states* a claim when the normalised wording occurs in it. It *alters* an approved
claim when, with every figure masked, the wording nearly occurs in it (rapidfuzz partial ratio)
but the figures differ: the copy kept the approved sentence and changed a number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz, process

from claimstrack.figures import extract_figures
from claimstrack.memo import BoundedMemo
from claimstrack.model import Claim, Figure
from claimstrack.text import normalise

#: How close (0-100) the masked wording must be to part of the sentence to count as altered.
NEAR_MATCH_THRESHOLD = 88.0

_MASK = "#"

#: How many distinct sentences a matcher remembers the answer for (`Matcher.stated`); when
#: full it starts afresh, so memory stays bounded on a site of any size.
SENTENCE_MEMORY = 20_000


_WORD = re.compile(r"[a-z]{3,}")
_STOP_WORDS = frozenset("the and for with that this are was were have has had from who will than more "
                        "less about over under into onto per".split())


def content_words(normalised: str) -> set[str]:
    """The words of three letters or more that carry meaning, for the near-match filter."""
    return {w for w in _WORD.findall(normalised) if w not in _STOP_WORDS}


def _without_common_words(word_sets: list[set[str]]) -> list[set[str]]:
    """The sets without words most of the library shares ("reported", "patients"): they tell
    no wording from another, and looking them up would touch every wording."""
    frequency = Counter(word for words in word_sets for word in words)
    common = max(20, len(word_sets) // 10)
    return [{w for w in words if frequency[w] <= common} for words in word_sets]


def _rarest_word_index(word_sets: Sequence[set[str]]) -> tuple[dict[str, list[int]], list[int]]:
    """Each set's position under its least common word (ties by spelling); empty sets apart."""
    frequency = Counter(word for words in word_sets for word in words)
    index: dict[str, list[int]] = {}
    keyless: list[int] = []
    for position, words in enumerate(word_sets):
        if not words:
            keyless.append(position)
            continue
        rarest = min(words, key=lambda w: (frequency[w], w))
        index.setdefault(rarest, []).append(position)
    return index, keyless


@attrs.frozen
class Wording:
    """One approved wording of a claim, prepared for matching."""

    claim: Claim
    text: str
    normalised: str
    masked: str
    figures: tuple[Figure, ...]


@attrs.frozen
class Match:
    """A claim a sentence states (`altered` false) or nearly states with a changed figure."""

    claim: Claim
    wording: Wording
    altered: bool
    score: float


def mask_figures(text: str, figures: Sequence[Figure], offset: int = 0) -> str:
    """The text with every figure's span replaced by one mask character, normalised (the
    figures' spans are `offset` plus their place in `text`)."""
    parts = []
    position = 0
    for figure in figures:
        parts.append(text[position:figure.span.start - offset])
        parts.append(_MASK)
        position = figure.span.end - offset
    parts.append(text[position:])
    return normalise("".join(parts))


def prepare_wordings(claims: Sequence[Claim]) -> list[Wording]:
    """Every wording of every claim, with its figures read once."""
    wordings = []
    for claim in claims:
        for text in claim.wordings:
            figures = tuple(extract_figures(text))
            wordings.append(Wording(claim, text, normalise(text), mask_figures(text, figures), figures))
    return wordings


def figure_signature(figures: Sequence[Figure]) -> tuple[tuple[object, ...], ...]:
    """What must be equal for two sets of figures to say the same thing."""
    return tuple((f.kind, f.value, f.low, f.high, f.hedge) for f in figures)


class Matcher:
    """Finds the claim a sentence states, against a prepared set of wordings."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.wordings = prepare_wordings(claims)
        # Only wordings with a figure and some words can be altered copies of a sentence.
        self._by_rarest, self._keyless = _rarest_word_index([content_words(w.normalised) for w in self.wordings])
        self._near = [w for w in self.wordings if w.figures and len(w.masked) >= 12]
        self._near_tokens = _without_common_words([content_words(w.masked) for w in self._near])
        self._near_wordless = [i for i, words in enumerate(self._near_tokens) if not words]
        self._by_word: dict[str, list[int]] = {}
        for index, words in enumerate(self._near_tokens):
            for word in words:
                self._by_word.setdefault(word, []).append(index)
        self._stated: BoundedMemo[tuple[object, ...], tuple[Match | None, dict[int, Figure]]] = BoundedMemo(
            SENTENCE_MEMORY)

    def figures_by_wording(self) -> dict[str, tuple[Figure, ...]]:
        """The figures of every wording, as read when the matcher was prepared."""
        return {wording.text: wording.figures for wording in self.wordings}

    def stated(self, sentence: str, figures: Sequence[Figure], offset: int = 0) -> tuple[Match | None, dict[int, Figure]]:
        """`match`, and each figure's pair in the matched wording (`pair_figures`, by index).

        Remembered by the sentence and where its figures stand in it, which is all the answer
        depends on: a site repeats sentences (boilerplate, table rows, a figure quoted on page
        after page), and a matcher serves every page of a run (in each worker process).
        """
        key = (sentence, tuple((f.span.start - offset, f.span.end - offset) for f in figures),
               figure_signature(figures))
        found = self._stated.get(key)
        if found is None:
            match = self.match(sentence, figures, offset)
            found = self._stated.put(key, (match, pair_figures(match.wording.figures, figures) if match else {}))
        return found

    def _exact_candidates(self, normalised: str) -> list[Wording]:
        """Wordings whose rarest content word is in the sentence, in library order.

        A wording can only occur in a sentence that has all its words, so looking each wording
        up by its rarest word leaves a few to test instead of the whole library.
        """
        indexes = set(self._keyless)
        for word in content_words(normalised):
            indexes.update(self._by_rarest.get(word, ()))
        return [self.wordings[i] for i in sorted(indexes)]

    def _near_candidates(self, masked: str) -> list[int]:
        """Wordings sharing at least half their content words with the sentence.

        A near match (partial ratio 88 or more) keeps most of the wording's words, so this cheap
        filter leaves the exact scorer a handful of wordings instead of the whole library.
        """
        shared: dict[int, int] = {}
        for word in content_words(masked):
            for index in self._by_word.get(word, ()):
                shared[index] = shared.get(index, 0) + 1
        return self._near_wordless + [i for i, count in shared.items() if 2 * count >= len(self._near_tokens[i])]

    def match(self, sentence: str, figures: Sequence[Figure], offset: int = 0) -> Match | None:
        """The best claim for a sentence whose figures are given (their spans are `offset` plus
        their place in the sentence: the sentence's start in the page's text, or 0)."""
        normalised = normalise(sentence)
        for wording in self._exact_candidates(normalised):
            if wording.normalised and wording.normalised in normalised:
                return Match(wording.claim, wording, altered=False, score=100.0)
        if not figures:
            return None
        masked = mask_figures(sentence, figures, offset)
        # One call into rapidfuzz scores every wording in C++ (partial_ratio aligns the shorter
        # string inside the longer, so either order scores the same); ties go to the first.
        candidates = sorted(self._near_candidates(masked))
        found = process.extractOne(masked, [self._near[i].masked for i in candidates],
                                   scorer=fuzz.partial_ratio, score_cutoff=NEAR_MATCH_THRESHOLD)
        if found is None:
            return None
        _, score, position = found
        wording = self._near[candidates[position]]
        best = Match(wording.claim, wording, altered=True, score=score)
        stated = [f for f in figures if f.kind in {w.kind for w in best.wording.figures}]
        if figure_signature(stated[: len(best.wording.figures)]) == figure_signature(best.wording.figures):
            # Same figures, different filler words: the sentence states the claim.
            return attrs.evolve(best, altered=False)
        return best


def pair_figures(claim_figures: Sequence[Figure], figures: Sequence[Figure]) -> dict[int, Figure]:
    """Pair each sentence figure (by index) with the claim figure it stands for.

    Figures pair in order within each kind: the first percent of the sentence stands for the
    first percent of the wording, and so on.
    """
    by_kind: dict[str, list[Figure]] = {}
    for figure in claim_figures:
        by_kind.setdefault(figure.kind, []).append(figure)
    seen: dict[str, int] = {}
    pairs: dict[int, Figure] = {}
    for index, figure in enumerate(figures):
        position = seen.get(figure.kind, 0)
        candidates = by_kind.get(figure.kind, [])
        if position < len(candidates):
            pairs[index] = candidates[position]
        seen[figure.kind] = position + 1
    return pairs
