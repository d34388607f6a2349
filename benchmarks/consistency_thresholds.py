"""CT210's pairs on the development half of the real-page corpus at each confidence threshold.

    python benchmarks/consistency_thresholds.py [THRESHOLD ...]

For each development area of tests/consistency/real/ (checked as consistency_real.py checks it),
CT210's pairs P / R (right / wrong) when only inferred groups at or above each threshold are
reported: the curve `MIN_CONFIDENCE` is chosen on, for precision first. Then, at
`MIN_CONFIDENCE`, the joins under the pairs: every two figures of different pages that a
reported group compares, and how many of them the labels give different measures (or none).
Such a join reports nothing while the two values agree, and a wrong pair on pages that quote
other values: it is the precision CT210 has at risk on areas nobody has seen. Only the
development half is scored: the test and holdout halves are unseen, and nobody tunes on them.
"""

from __future__ import annotations

import itertools
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from claimstrack.consistency.inferred import MIN_CONFIDENCE, Reading

sys.path.insert(0, str(Path(__file__).resolve().parent))
import consistency_real  # noqa: E402  (sibling script)

THRESHOLDS = (0.6, 0.65, 0.7, 0.72, 0.75, 0.765, 0.77, 0.8, 0.85, 0.9)


def development_areas() -> list[Path]:
    areas = sorted(p for p in consistency_real.REAL.iterdir() if (p / "labels.toml").is_file())
    return [a for a in areas if tomllib.loads((a / "labels.toml").read_text(encoding="utf-8"))["half"] == "dev"]


def at_threshold(threshold: float, area: Path) -> consistency_real.PairScore:
    """The area's pair score with CT210 comparing the figures of inferred groups at or above
    `threshold` (`Config.inferred_min_confidence`)."""
    data, labels = consistency_real.load_labels(area)
    return consistency_real.score_pairs(area, data, labels, inferred_min_confidence=threshold)


def cell(score: consistency_real.PairScore) -> str:
    wrong = score.predicted - score.true_predicted
    return f"{score.precision:.2f}/{score.recall:.2f} ({score.true_predicted}/{wrong})"


def joins(area: Path) -> tuple[int, int, list[str]]:
    """(joins of one labelled measure, joins of two or of an unlabelled figure, those described)
    among the cross-page figure pairs the area's reported groups compare."""
    _, labels = consistency_real.load_labels(area)
    starts = {p.name: consistency_real.line_starts(p.read_text(encoding="utf-8")) for p in area.glob("*.txt")}

    def measure(reading: Reading) -> str | None:
        page, source = Path(reading.path).name, reading.ref.source_span
        offsets = starts[page]
        span = (offsets[source.line - 1] + source.column - 1, offsets[source.end_line - 1] + source.end_column - 1)
        found = (l.measure for l in labels.values() if l.page == page and consistency_real.overlaps(span, l.span))
        return next(found, None)

    same, other, described = 0, 0, []
    for group in consistency_real.run_check(area).inferred.groups():
        for run in group.comparable():
            for a, b in itertools.combinations(run, 2):
                if a.path == b.path:
                    continue
                first, second = measure(a), measure(b)
                if first is not None and first == second:
                    same += 1
                    continue
                other += 1
                described.append(f"{area.name} ({group.frame.describe()}): {Path(a.path).name} {a.figure.text!r} "
                                 f"({first}) <> {Path(b.path).name} {b.figure.text!r} ({second})")
    return same, other, described


def main(argv: Sequence[str]) -> int:
    thresholds = tuple(float(t) for t in argv) or THRESHOLDS
    print(f"CT210 pairs P/R (right/wrong) by threshold; MIN_CONFIDENCE is {MIN_CONFIDENCE}\n")
    print("| area | " + " | ".join(f"{t:g}" for t in thresholds) + " |")
    print("|---|" + "---:|" * len(thresholds))
    totals = {t: consistency_real.PairScore() for t in thresholds}
    for area in development_areas():
        cells = []
        for threshold in thresholds:
            score = at_threshold(threshold, area)
            consistency_real.merge(totals[threshold], score)
            cells.append(cell(score))
        print(f"| {area.name} | " + " | ".join(cells) + " |")
    print("| dev half | " + " | ".join(cell(totals[t]) for t in thresholds) + " |")
    print(f"\nJoins under the pairs at {MIN_CONFIDENCE}: cross-page figure pairs of reported groups\n")
    print("| area | one measure | different or unlabelled |")
    print("|---|---:|---:|")
    listed: list[str] = []
    for area in development_areas():
        same, other, described = joins(area)
        listed.extend(described)
        print(f"| {area.name} | {same} | {other} |")
    print("\nJoins of different or unlabelled measures:")
    for line in listed:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
