"""Fit CT210's learned pair scorer on the development half, validated leave-one-area-out.

    python benchmarks/consistency_learned.py [--l2 L2] [--thresholds T ...] [--coverage] [--weights]

The similarity search (`claimstrack/consistency/similar.py`) compares each figure that frame
grouping left alone with its candidates (figures of other pages sharing one of its rarest words,
and its value neighbours) and links it to the one the learned scorer gives the highest
probability of being one measure with it. This script builds those candidate pairs for every
development area of tests/consistency/real/ exactly as a check run does (`inferred.link_search`
over `inferred.frame_founders`), labels each pair by the area's labels.toml (1 when both figures
are labelled with one measure, 0 otherwise: an unlabelled figure is no measure), and fits a
logistic regression on `similar.pair_features` (L2-regularised, by Newton's method, in pure
Python).

Leave one area out: for each development area, the weights are fitted on the other areas, and
CT210 is run on that area with them (the whole check, grouping and all, as
`consistency_real.py` runs it), for each link threshold; the held-out pairs are pooled over the
areas. That pooled figure is the estimate of an area nobody has seen, and it is what chooses
the features, the candidates and the threshold (`similar.MIN_LINK`, with `similar.LINK_WEIGHT`
putting a link of that probability at CT210's threshold). `--coverage` first counts, for the
labelled pairs CT210 misses, how many each candidate source reaches (the recall ceiling) and how
many candidate pairs each gives. `--weights` prints the weights fitted on every area, the
literal `similar.WEIGHTS` ships. Only the development half is read: the test and holdout areas
are unseen.
"""

from __future__ import annotations

import argparse
import contextlib
import operator
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimstrack.consistency import inferred, similar

sys.path.insert(0, str(Path(__file__).resolve().parent))
import consistency_real  # noqa: E402  (sibling script)
from consistency_thresholds import development_areas  # noqa: E402

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
L2 = 1.0


@dataclass
class AreaRows:
    """One area's candidate pairs: their features, labels (1: one measure) and what reached them."""

    name: str
    features: list[tuple[float, ...]]
    labels: list[int]
    by_words: list[bool]  # the pair was a candidate through a shared rare word
    by_value: list[bool]  # ... through a value neighbour
    described: list[str]  # each pair's two figures, as their pages say them


def label_of(area: Path) -> tuple[dict, dict[str, consistency_real.Label], object]:
    """The area's labels and a function from a reading to its label (or None)."""
    data, labels = consistency_real.load_labels(area)
    starts = {p.name: consistency_real.line_starts(p.read_text(encoding="utf-8")) for p in area.glob("*.txt")}
    by_page: dict[str, list[consistency_real.Label]] = {}
    for label in labels.values():
        by_page.setdefault(label.page, []).append(label)

    def of(reading: inferred.Reading) -> consistency_real.Label | None:
        page, source = Path(reading.path).name, reading.ref.source_span
        offsets = starts[page]
        span = (offsets[source.line - 1] + source.column - 1, offsets[source.end_line - 1] + source.end_column - 1)
        return next((l for l in by_page.get(page, ()) if consistency_real.overlaps(span, l.span)), None)

    return data, labels, of


def search_of(area: Path) -> inferred.LinkSearch:
    """The area's similarity search, as a check run builds it."""
    report = consistency_real.run_check(area)
    readings = [reading for page in report.inferred.pages for reading in page.readings]
    return inferred.link_search(inferred.frame_founders(readings))


def candidate_pairs(search: inferred.LinkSearch) -> dict[tuple[int, int], tuple[bool, bool]]:
    """Each candidate pair (i < j) the searching figures reach, with (by words, by value)."""
    similarity = search.similarity
    pairs: dict[tuple[int, int], tuple[bool, bool]] = {}
    for number in search.searching:
        words = set(similar._nearby(similarity.candidates[number], similarity.index, similarity.rare))
        values = set(similarity.value_neighbours(number))
        for other in words | values:
            key = (min(number, other), max(number, other))
            old = pairs.get(key, (False, False))
            pairs[key] = (old[0] or other in words, old[1] or other in values)
    return pairs


def area_rows(area: Path) -> AreaRows:
    """The area's candidate pairs that nothing contradicts, with features and labels."""
    _, _, of = label_of(area)
    search = search_of(area)
    similarity = search.similarity
    rows = AreaRows(area.name, [], [], [], [], [])
    for (first, second), (words, value) in sorted(candidate_pairs(search).items()):
        if not similarity.allowed(first, second):
            continue
        one, other = of(search.readings[first]), of(search.readings[second])
        a, b = similarity.candidates[first], similarity.candidates[second]
        rows.features.append(similar.pair_features(a, b, similarity.rare))
        rows.labels.append(int(one is not None and other is not None and one.measure == other.measure))
        rows.by_words.append(words)
        rows.by_value.append(value)
        first_reading, second_reading = search.readings[first], search.readings[second]
        rows.described.append(f"{Path(first_reading.path).name} {first_reading.figure.text!r} "
                              f"<> {Path(second_reading.path).name} {second_reading.figure.text!r}")
    return rows


# ---------------------------------------------------------------------------------------------
# Logistic regression, pure Python


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix x = vector (Gaussian elimination with partial pivoting; matrix is positive
    definite here)."""
    size = len(vector)
    rows = [row[:] + [value] for row, value in zip(matrix, vector)]
    for column in range(size):
        pivot = max(range(column, size), key=lambda r: abs(rows[r][column]))
        rows[column], rows[pivot] = rows[pivot], rows[column]
        for r in range(column + 1, size):
            factor = rows[r][column] / rows[column][column]
            if factor:
                rows[r] = [x - factor * y for x, y in zip(rows[r], rows[column])]
    solution = [0.0] * size
    for r in range(size - 1, -1, -1):
        solution[r] = (rows[r][size] - sum(rows[r][c] * solution[c] for c in range(r + 1, size))) / rows[r][r]
    return solution


def fit(features: Sequence[Sequence[float]], labels: Sequence[int], l2: float = L2,
        iterations: int = 25) -> list[float]:
    """Weights of an L2-regularised logistic regression (the bias, feature 0, not penalised),
    by Newton's method on columns (sums over rows run at C speed)."""
    size = len(features[0])
    columns = [list(column) for column in zip(*features)]
    weights = [0.0] * size
    for _ in range(iterations):
        totals = [sum(map(operator.mul, row, weights)) for row in features]
        probabilities = [similar.logistic(t) for t in totals]
        errors = [p - y for p, y in zip(probabilities, labels)]
        spreads = [p * (1.0 - p) for p in probabilities]
        gradient = [sum(map(operator.mul, column, errors)) + (l2 * w if j else 0.0)
                    for j, (column, w) in enumerate(zip(columns, weights))]
        weighted = [list(map(operator.mul, column, spreads)) for column in columns]
        hessian = [[sum(map(operator.mul, weighted[j], columns[k])) + (l2 if j == k and j else 0.0)
                    for k in range(size)] for j in range(size)]
        hessian[0][0] += 1e-9
        step = _solve(hessian, gradient)
        weights = [w - s for w, s in zip(weights, step)]
        if max(map(abs, step)) < 1e-6:
            break
    return weights


# ---------------------------------------------------------------------------------------------
# Validation


def with_scorer(weights: Sequence[float], threshold: float) -> None:
    """Make the similarity search link at `threshold` with these weights, a link of that
    probability landing at CT210's threshold."""
    similar.WEIGHTS = tuple(weights)
    similar.MIN_LINK = threshold
    similar.LINK_WEIGHT = inferred.MIN_CONFIDENCE / threshold


def held_out(areas: Sequence[Path], rows: dict[str, AreaRows], thresholds: Sequence[float],
             l2: float) -> tuple[dict[float, consistency_real.PairScore], dict[float, dict[str, consistency_real.PairScore]]]:
    """CT210 on each area with weights fitted on the other areas, pooled, per threshold."""
    pooled = {t: consistency_real.PairScore() for t in thresholds}
    per_area: dict[float, dict[str, consistency_real.PairScore]] = {t: {} for t in thresholds}
    saved = similar.WEIGHTS, similar.MIN_LINK, similar.LINK_WEIGHT
    try:
        for area in areas:
            others = [name for name in rows if name != area.name]
            weights = fit([f for n in others for f in rows[n].features], [y for n in others for y in rows[n].labels], l2)
            data, labels = consistency_real.load_labels(area)
            for threshold in thresholds:
                with_scorer(weights, threshold)
                score = consistency_real.score_pairs(area, data, labels)
                consistency_real.merge(pooled[threshold], score)
                per_area[threshold][area.name] = score
    finally:
        similar.WEIGHTS, similar.MIN_LINK, similar.LINK_WEIGHT = saved
    return pooled, per_area


@contextlib.contextmanager
def no_links() -> Iterator[None]:
    """The similarity search makes no link (CT210 on the frame groups alone)."""
    saved = similar.MIN_LINK
    similar.MIN_LINK = 2.0
    try:
        yield
    finally:
        similar.MIN_LINK = saved


def frames_only(areas: Sequence[Path]) -> consistency_real.PairScore:
    """CT210 on the areas with no link made (the frame groups alone)."""
    total = consistency_real.PairScore()
    with no_links():
        for area in areas:
            data, labels = consistency_real.load_labels(area)
            consistency_real.merge(total, consistency_real.score_pairs(area, data, labels))
    return total


def cell(score: consistency_real.PairScore) -> str:
    wrong = score.predicted - score.true_predicted
    return f"{score.precision:.2f} / {score.recall:.2f} ({score.true_predicted} / {wrong})"


def coverage(areas: Sequence[Path], rows: dict[str, AreaRows]) -> None:
    """For the labelled pairs CT210 misses with frames alone: how many a candidate source reaches
    (`rows`: each area's candidate pairs, `area_rows`)."""
    print("| area | missed pairs | by words | by value | either | candidate pairs (words / value / one measure) |")
    print("|---|---:|---:|---:|---:|---|")
    totals = [0] * 7
    for area in areas:
        data, labels, of = label_of(area)
        search = search_of(area)
        pairs = candidate_pairs(search)
        reached: dict[frozenset[str], tuple[bool, bool]] = {}
        for (first, second), (words, value) in pairs.items():
            one, other = of(search.readings[first]), of(search.readings[second])
            if one is not None and other is not None:
                key = frozenset((one.id, other.id))
                old = reached.get(key, (False, False))
                reached[key] = (old[0] or words, old[1] or value)
        with no_links():
            found = consistency_real.predicted_pairs(consistency_real.run_check(area), area)
        missed = [p for p in data.get("pair", [])
                  if not any(consistency_real.pair_matches(k, labels[p["a"]], labels[p["b"]]) for k in found)]
        hits = [reached.get(frozenset((p["a"], p["b"])), (False, False)) for p in missed]
        area_pairs = rows[area.name]
        counts = [len(missed), sum(h[0] for h in hits), sum(h[1] for h in hits), sum(h[0] or h[1] for h in hits),
                  sum(area_pairs.by_words), sum(area_pairs.by_value), sum(area_pairs.labels)]
        totals = [t + c for t, c in zip(totals, counts)]
        print(f"| {area.name} | {counts[0]} | {counts[1]} | {counts[2]} | {counts[3]} | "
              f"{counts[4]} / {counts[5]} / {counts[6]} |")
    print(f"| **dev half** | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} | "
          f"{totals[4]} / {totals[5]} / {totals[6]} |")


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, default=L2, help="the L2 penalty (default %(default)s)")
    parser.add_argument("--thresholds", type=float, nargs="+", default=THRESHOLDS)
    parser.add_argument("--coverage", action="store_true", help="first, the candidate sources' recall ceiling")
    parser.add_argument("--weights", action="store_true", help="print the weights fitted on every area")
    args = parser.parse_args(argv)
    areas = development_areas()
    rows = {area.name: area_rows(area) for area in areas}
    if args.coverage:
        coverage(areas, rows)
    print(f"\n{sum(len(r.labels) for r in rows.values())} candidate pairs, "
          f"{sum(sum(r.labels) for r in rows.values())} of one measure, in {len(rows)} development areas")
    print(f"\nFrame groups alone (no link reported): {cell(frames_only(areas))}")
    pooled, per_area = held_out(areas, rows, args.thresholds, args.l2)
    print(f"\nLeave one area out (L2 {args.l2}): CT210 pairs P / R (right / wrong), pooled\n")
    print("| link threshold | " + " | ".join(f"{t:g}" for t in args.thresholds) + " |")
    print("|---|" + "---:|" * len(args.thresholds))
    print("| dev half, held out | " + " | ".join(cell(pooled[t]) for t in args.thresholds) + " |")
    for area in areas:
        print(f"| {area.name} | " + " | ".join(cell(per_area[t][area.name]) for t in args.thresholds) + " |")
    if args.weights:
        weights = fit([f for r in rows.values() for f in r.features], [y for r in rows.values() for y in r.labels],
                      args.l2)
        print("\nWeights fitted on every development area:\n")
        for name, weight in zip(similar.FEATURES, weights):
            print(f"  {name:<24} {weight:+.3f}")
        print("\nWEIGHTS = (" + ", ".join(f"{w:.3f}" for w in weights) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
