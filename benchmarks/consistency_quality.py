"""Precision and recall of CT210 (probable-inconsistency) on the labelled consistency corpus.

Run: python benchmarks/consistency_quality.py [CORPUS_DIR]

The corpus (tests/consistency/corpus/) holds marketing-style pages and labels.toml, which lists
the inconsistent pairs a reviewer expects. The pairs claimstrack predicts are read off its
grouped findings: a finding's figure paired with each of its related figures. Pairs are
unordered; a label names a figure by page path and part of its text.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path

import attrs

import claimstrack.checks.consistency_rules  # noqa: F401  (registers the CT2xx checkers)
from claimstrack.engine import Report, check

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "consistency" / "corpus"
# The written-for-it corpus is a regression test of the traps (issue 9): no trap may be reported,
# and the clean disagreements must mostly still be found. Real pages are scored by
# benchmarks/consistency_real.py.
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.6

Place = tuple[str, int, int]  # path, line, column of a figure
Pair = frozenset[Place]


@attrs.frozen
class Quality:
    """What the benchmark measured."""

    precision: float
    recall: float
    expected: int
    predicted: int
    true_positives: tuple[Pair, ...]
    false_positives: tuple[Pair, ...]
    missed: tuple[Pair, ...]
    unresolved: tuple[str, ...]  # labels that name no figure the extractor found
    names: dict[Place, str] = attrs.field(factory=dict, repr=False)

    def describe(self, pair: Pair) -> str:
        return "  <->  ".join(sorted(f"{p[0]}:{p[1]} {self.names.get(p, '?')!r}" for p in pair))


def figure_places(report: Report) -> dict[str, list[tuple[Place, str]]]:
    """Every figure of the run by page: its place and its text."""
    places: dict[str, list[tuple[Place, str]]] = {}
    for occ in report.occurrences:
        place = (occ.path, occ.source_span.line, occ.source_span.column)
        places.setdefault(occ.path, []).append((place, occ.figure.text))
    return places


def resolve(label: str, places: dict[str, list[tuple[Place, str]]]) -> Place | None:
    """The figure a 'path:text' label names; None when no figure matches; error when several do."""
    path, _, text = label.partition(":")
    matches = [place for place, figure in places.get(path, []) if text.lower() in figure.lower()]
    if len(matches) > 1:
        raise ValueError(f"label {label!r} matches {len(matches)} figures; make it longer")
    return matches[0] if matches else None


def expected_pairs(labels: dict, places: dict[str, list[tuple[Place, str]]]) -> tuple[set[Pair], list[str]]:
    """Cross-side pairs of every [[inconsistent]] entry, and the labels that resolve to nothing."""
    pairs: set[Pair] = set()
    unresolved: list[str] = []
    for entry in labels.get("inconsistent", []):
        sides = []
        for side in entry["sides"]:
            resolved = []
            for label in side:
                place = resolve(label, places)
                if place is None:
                    unresolved.append(label)
                    # An unfound figure still counts: its pairs are expected and will be missed.
                    place = (label, 0, 0)
                resolved.append(place)
            sides.append(resolved)
        for i, side in enumerate(sides):
            for other in sides[i + 1 :]:
                pairs.update(frozenset((a, b)) for a in side for b in other)
    return pairs, unresolved


def predicted_pairs(report: Report, code: str = "CT210") -> set[Pair]:
    """A finding's figure paired with each figure its `related` names."""
    pairs: set[Pair] = set()
    for finding in report.findings:
        if finding.code != code:
            continue
        here = (finding.path, finding.line, finding.column)
        pairs.update(frozenset((here, (r.path, r.line, r.column))) for r in finding.related)
    return pairs


def evaluate(corpus: Path = CORPUS) -> Quality:
    """Run claimstrack on the corpus and score CT210 against labels.toml."""
    report = check(root=corpus)
    labels = tomllib.loads((corpus / "labels.toml").read_text(encoding="utf-8"))
    places = figure_places(report)
    expected, unresolved = expected_pairs(labels, places)
    predicted = predicted_pairs(report)
    hits = expected & predicted
    precision = len(hits) / len(predicted) if predicted else 1.0
    recall = len(hits) / len(expected) if expected else 1.0
    names = {place: text for found in places.values() for place, text in found}
    return Quality(
        precision=precision,
        recall=recall,
        expected=len(expected),
        predicted=len(predicted),
        true_positives=_sorted(hits),
        false_positives=_sorted(predicted - expected),
        missed=_sorted(expected - predicted),
        unresolved=tuple(unresolved),
        names=names,
    )


def _sorted(pairs: Iterable[Pair]) -> tuple[Pair, ...]:
    return tuple(sorted(pairs, key=lambda p: sorted(p)))


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else CORPUS
    quality = evaluate(corpus)
    pages = len([p for p in (corpus / "pages").iterdir() if p.suffix in (".md", ".txt")])
    print(f"corpus: {corpus} ({pages} pages)")
    print(f"expected pairs: {quality.expected}, predicted pairs: {quality.predicted}, "
          f"correct: {len(quality.true_positives)}")
    print(f"precision: {quality.precision:.3f} (target {TARGET_PRECISION})")
    print(f"recall:    {quality.recall:.3f} (target {TARGET_RECALL})")
    for title, pairs in (("false positives", quality.false_positives), ("missed", quality.missed)):
        for pair in pairs:
            print(f"{title}: {quality.describe(pair)}")
    for label in quality.unresolved:
        print(f"label names no extracted figure: {label}")
    met = quality.precision >= TARGET_PRECISION and quality.recall >= TARGET_RECALL
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
