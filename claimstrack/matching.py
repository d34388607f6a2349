"""Which claim a sentence states: exactly (its wording or a variant) or nearly (an altered claim).

Wordings and sentences are compared after normalising case, whitespace, quotes and dashes. A
sentence *states* a claim when the normalised wording occurs in it. It *alters* an approved
claim when, with every figure masked, the wording nearly occurs in it (rapidfuzz partial ratio)
but the figures differ: the copy kept the approved sentence and changed a number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz

from claimstrack.figures import extract_figures
from claimstrack.model import Claim, Figure

#: How close (0-100) the masked wording must be to part of the sentence to count as altered.
NEAR_MATCH_THRESHOLD = 88.0

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})
_SPACE_RUN = re.compile(r"\s+")
_MASK = "#"


def normalise(text: str) -> str:
    """Lower-case, straight quotes and hyphens, single spaces."""
    return _SPACE_RUN.sub(" ", text.translate(_QUOTES).lower()).strip()


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


def mask_figures(text: str, figures: Sequence[Figure]) -> str:
    """The text with every figure's span replaced by one mask character, normalised."""
    parts = []
    position = 0
    for figure in figures:
        parts.append(text[position:figure.span.start])
        parts.append(_MASK)
        position = figure.span.end
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

    def match(self, sentence: str, figures: Sequence[Figure]) -> Match | None:
        """The best claim for a sentence whose figures (spans relative to it) are given."""
        normalised = normalise(sentence)
        for wording in self.wordings:
            if wording.normalised and wording.normalised in normalised:
                return Match(wording.claim, wording, altered=False, score=100.0)
        if not figures:
            return None
        masked = mask_figures(sentence, figures)
        best: Match | None = None
        for wording in self.wordings:
            if not wording.figures or len(wording.masked) < 12:
                continue
            score = fuzz.partial_ratio(wording.masked, masked, score_cutoff=NEAR_MATCH_THRESHOLD)
            if score and (best is None or score > best.score):
                best = Match(wording.claim, wording, altered=True, score=score)
        if best is None:
            return None
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
