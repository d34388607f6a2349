"""Figures and CT210 on real public pages nobody wrote for claimstrack (issue 9's corpus).

    python benchmarks/consistency_real.py [--scores-unseen] [--show-test] [--show-holdout] [--area AREA]

The corpus is tests/consistency/real/: the subject areas in three halves (dev, test, holdout),
each area a folder of page excerpts and a labels.toml written by hand before the tool was run
(see its README). Each area is checked as a
project of its own with no claims library, so every CT210 finding is inferred.

Figures: `extract_figures` on each page's text. A tool figure matches a labelled one when their
character spans overlap and their kinds agree (one-to-one); precision is over the tool's figures,
recall over the labelled ones. Kind agreement (among overlapping figures) and value agreement
(among matched ones) are reported separately.

Pairs: each CT210 finding gives its figure paired with each of its related figures (unordered,
deduplicated). A predicted pair is true when its two ends overlap the two figures of one labelled
pair.

Scores and details (false positive and missed pairs, missed and spurious figures) are printed for
the development half only, per area and for the half: the unseen halves are not even scored unless
asked, so that a score seen in passing cannot steer the tuning. `--scores-unseen` adds the test
and holdout halves' scores (no details); `--show-test` adds the test half's scores and details, and
`--show-holdout` the holdout half's. Nobody tuning the rules should read the details of either: the
holdout half was added once the first test half had been scored after many changes, and that
first test half (sleep, solar, student-debt) then joined the development half, and so did the
second (asthma, alzheimers, pet-ownership) once scored; the test half is for areas collected
fresh and labelled before any run (tests/consistency/real/README.md).
"""

from __future__ import annotations

import argparse
import math
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

import claimstrack
import claimstrack.checks.consistency_rules  # noqa: F401  (registers the CT2xx checkers)
from claimstrack.config import Config
from claimstrack.consistency.inferred import MIN_CONFIDENCE
from claimstrack.model import Figure

REAL = Path(__file__).resolve().parent.parent / "tests" / "consistency" / "real"

Span = tuple[int, int]  # character offsets in the page file, end exclusive


@dataclass(frozen=True)
class Label:
    """One labelled figure of a page."""

    id: str
    page: str
    text: str
    span: Span
    kind: str
    value: float | None
    low: float | None
    high: float | None
    measure: str


@dataclass
class FigureScore:
    """Counts for figure extraction over some pages."""

    labelled: int = 0
    found: int = 0
    matched: int = 0
    overlapping: int = 0
    kind_agrees: int = 0
    value_agrees: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_kind: list[str] = field(default_factory=list)
    wrong_value: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0


@dataclass
class PairScore:
    """Counts for CT210 pairs over some areas."""

    expected: int = 0
    predicted: int = 0
    true_predicted: int = 0
    found_expected: int = 0
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found_expected / self.expected if self.expected else 1.0


def merge(total: FigureScore | PairScore, part: FigureScore | PairScore) -> None:
    """Add part's counts and lists into total (two scores of one type)."""
    for name in (f.name for f in fields(total)):
        mine, theirs = getattr(total, name), getattr(part, name)
        if isinstance(mine, list):
            mine.extend(theirs)
        else:
            setattr(total, name, mine + theirs)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def load_labels(area: Path) -> tuple[dict, dict[str, Label]]:
    """The area's labels.toml and its figures, each with its span in the page file."""
    data = tomllib.loads((area / "labels.toml").read_text(encoding="utf-8"))
    labels: dict[str, Label] = {}
    for entry in data["figure"]:
        text = (area / entry["page"]).read_text(encoding="utf-8")
        start = -1
        for _ in range(entry.get("occurrence", 1)):
            start = text.find(entry["text"], start + 1)
        if start < 0:
            raise ValueError(f"{area.name}/labels.toml: {entry['id']} names text not in {entry['page']}")
        labels[entry["id"]] = Label(
            entry["id"], entry["page"], entry["text"], (start, start + len(entry["text"])), entry["kind"],
            entry.get("value"), entry.get("low"), entry.get("high"), entry["measure"],
        )
    return data, labels


def same_value(figure: Figure, label: Label) -> bool:
    """The figure reads the stated number(s) the label gives (relative tolerance 0.5%)."""

    def close(a: float | None, b: float | None) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return math.isclose(a, b, rel_tol=5e-3, abs_tol=1e-9)

    if label.value is None:
        return figure.value is None and close(figure.low, label.low) and close(figure.high, label.high)
    return close(figure.value, label.value)


def score_figures(area: Path, labels: dict[str, Label]) -> FigureScore:
    """Match extract_figures' output to the labelled figures, page by page."""
    score = FigureScore()
    for page in sorted(area.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        found = [(f, (f.span.start, f.span.end)) for f in claimstrack.extract_figures(text)]
        wanted = sorted((l for l in labels.values() if l.page == page.name), key=lambda l: l.span)
        score.labelled += len(wanted)
        score.found += len(found)
        used: set[int] = set()
        for label in wanted:
            touching = [i for i, (_, span) in enumerate(found) if overlaps(span, label.span)]
            if touching:
                score.overlapping += 1
                figure = found[touching[0]][0]
                if figure.kind == label.kind:
                    score.kind_agrees += 1
                else:
                    score.wrong_kind.append(f"{area.name}/{page.name}: {label.text!r} read as {figure.kind} "
                                            f"{figure.text!r}, labelled {label.kind}")
            match = next((i for i in touching if i not in used and found[i][0].kind == label.kind), None)
            if match is None:
                if not touching:
                    score.missed.append(f"{area.name}/{page.name}: {label.text!r} ({label.kind})")
                continue
            used.add(match)
            score.matched += 1
            figure = found[match][0]
            if same_value(figure, label):
                score.value_agrees += 1
            else:
                stated = label.value if label.value is not None else (label.low, label.high)
                read = figure.value if figure.value is not None else (figure.low, figure.high)
                score.wrong_value.append(f"{area.name}/{page.name}: {label.text!r} read {read}, labelled {stated}")
        for i, (figure, span) in enumerate(found):
            if i not in used and not any(overlaps(span, l.span) for l in wanted):
                score.spurious.append(f"{area.name}/{page.name}: {figure.text!r} ({figure.kind})")
    return score


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def run_check(area: Path, *, inferred_min_confidence: float = MIN_CONFIDENCE) -> claimstrack.Report:
    """claimstrack.check on the area's pages as a project with no claims library or bibliography
    (CT210 comparing inferred groups' figures at or above `inferred_min_confidence`)."""
    config = Config(root=area, documents=("*.txt",), claims="no-claims-library", bibliography="no-references.bib",
                    inferred_min_confidence=inferred_min_confidence)
    return claimstrack.check(config=config)


def predicted_pairs(report: claimstrack.Report, area: Path) -> dict[frozenset[tuple[str, Span]], str]:
    """Each CT210 finding's figure paired with each related figure, as page spans, with a description."""
    starts = {p.name: line_starts(p.read_text(encoding="utf-8")) for p in area.glob("*.txt")}
    by_start: dict[tuple[str, int, int], tuple[Span, str]] = {}
    for occ in report.occurrences:
        page = Path(occ.path).name
        src = occ.source_span
        offsets = starts[page]
        span = (offsets[src.line - 1] + src.column - 1, offsets[src.end_line - 1] + src.end_column - 1)
        by_start[(page, src.line, src.column)] = (span, occ.figure.text)
    pairs: dict[frozenset[tuple[str, Span]], str] = {}
    for finding in report.findings:
        if finding.code != "CT210":
            continue
        here = by_start[(Path(finding.path).name, finding.line, finding.column)]
        for related in finding.related:
            there = by_start[(Path(related.path).name, related.line, related.column)]
            key = frozenset({(Path(finding.path).name, here[0]), (Path(related.path).name, there[0])})
            pairs.setdefault(key, f"{Path(finding.path).name} {here[1]!r} <> {Path(related.path).name} {there[1]!r}")
    return pairs


def pair_matches(predicted: frozenset[tuple[str, Span]], a: Label, b: Label) -> bool:
    ends = sorted(predicted)
    if len(ends) != 2:
        return False
    (p1, s1), (p2, s2) = ends

    def hit(page: str, span: Span, label: Label) -> bool:
        return page == label.page and overlaps(span, label.span)

    return (hit(p1, s1, a) and hit(p2, s2, b)) or (hit(p1, s1, b) and hit(p2, s2, a))


def score_pairs(area: Path, data: dict, labels: dict[str, Label], *,
                inferred_min_confidence: float = MIN_CONFIDENCE) -> PairScore:
    """CT210's predicted pairs (at the confidence threshold given) against the labelled
    inconsistent pairs of the area."""
    expected = [(labels[p["a"]], labels[p["b"]]) for p in data.get("pair", [])]
    predicted = predicted_pairs(run_check(area, inferred_min_confidence=inferred_min_confidence), area)
    score = PairScore(expected=len(expected), predicted=len(predicted))
    for key, description in sorted(predicted.items(), key=lambda kv: kv[1]):
        if any(pair_matches(key, a, b) for a, b in expected):
            score.true_predicted += 1
        else:
            score.false_positives.append(f"{area.name}: {description}")
    for a, b in expected:
        if any(pair_matches(key, a, b) for key in predicted):
            score.found_expected += 1
        else:
            score.missed.append(f"{area.name}: {a.page} {a.text!r} <> {b.page} {b.text!r} ({a.measure})")
    return score


def table_row(name: str, figures: FigureScore, pairs: PairScore) -> str:
    kind = figures.kind_agrees / figures.overlapping if figures.overlapping else 1.0
    value = figures.value_agrees / figures.matched if figures.matched else 1.0
    return (f"| {name:<22} | {figures.labelled:>4} | {figures.found:>4} | {figures.precision:.2f} | "
            f"{figures.recall:.2f} | {kind:.2f} | {value:.2f} | {pairs.expected:>4} | {pairs.predicted:>4} | "
            f"{pairs.precision:.2f} | {pairs.recall:.2f} |")


HEADER = (
    "| area                   | figs | tool | fig P | fig R | kind | value | pairs | CT210 | pair P | pair R |\n"
    "|------------------------|-----:|-----:|------:|------:|-----:|------:|------:|------:|-------:|-------:|"
)


def details(title: str, lines: Iterable[str]) -> None:
    lines = list(lines)
    print(f"\n{title} ({len(lines)}):")
    for line in lines:
        print(f"  {line}")


def print_scores(rows: list[tuple[str, str, FigureScore, PairScore]],
                 halves: dict[str, tuple[FigureScore, PairScore]]) -> None:
    """The table: a row per scored area and one per scored half."""
    print(HEADER)
    for half in HALVES:
        for name, row_half, figures, pairs in rows:
            if row_half == half:
                print(table_row(f"{name} ({half})", figures, pairs))
        if half in halves:
            print(table_row(f"**{half} half**", *halves[half]))
    print("\nfigs: labelled figures; tool: figures extract_figures read; fig P/R: span overlap with agreeing "
          "kind; kind: kind agreement among overlapping figures; value: value agreement among matched ones; "
          "pairs: labelled inconsistent pairs; CT210: pairs CT210 reported.")


def print_details(rows: list[tuple[str, str, FigureScore, PairScore]], shown: set[str],
                  unscored: set[str]) -> None:
    """Each shown area's misses and wrong pairs, then a line per half left hidden or unscored."""
    for name, half, figures, pairs in rows:
        if half not in shown:
            continue
        print(f"\n=== {name} ({half}) ===")
        details("CT210 false positive pairs", pairs.false_positives)
        details("missed pairs", pairs.missed)
        details("missed figures", figures.missed)
        details("spurious figures (overlap no labelled figure)", figures.spurious)
        details("kind disagreements", figures.wrong_kind)
        details("value disagreements", figures.wrong_value)
    for half in sorted({half for _, half, _, _ in rows} - shown, key=HALVES.index):
        print(f"\n({half} half: scores only; --show-{half} prints its details)")
    for half in sorted(unscored, key=HALVES.index):
        print(f"\n({half} half: not scored; --scores-unseen scores it, --show-{half} also prints its details)")


HALVES = ("dev", "test", "holdout")  # in the order they are printed; only dev is scored unless asked


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scores-unseen", action="store_true",
                        help="also score the test and holdout halves (scores only, no details)")
    parser.add_argument("--show-test", action="store_true", help="also score the test half and print its details")
    parser.add_argument("--show-holdout", action="store_true",
                        help="also score the holdout half and print its details")
    parser.add_argument("--area", help="score one area only")
    args = parser.parse_args(argv)
    shown = {"dev", *(("test",) if args.show_test else ()), *(("holdout",) if args.show_holdout else ())}
    scored = set(HALVES) if args.scores_unseen else shown
    areas = sorted(p for p in REAL.iterdir() if p.is_dir() and (p / "labels.toml").is_file())
    if args.area:
        areas = [p for p in areas if p.name == args.area]
    halves: dict[str, tuple[FigureScore, PairScore]] = {}
    rows: list[tuple[str, str, FigureScore, PairScore]] = []
    unscored: set[str] = set()
    for area in areas:
        data, labels = load_labels(area)
        if data["half"] not in scored:
            unscored.add(data["half"])
            continue
        figures, pairs = score_figures(area, labels), score_pairs(area, data, labels)
        rows.append((area.name, data["half"], figures, pairs))
        half_figures, half_pairs = halves.setdefault(data["half"], (FigureScore(), PairScore()))
        merge(half_figures, figures)
        merge(half_pairs, pairs)
    print_scores(rows, halves)
    print_details(rows, shown, unscored)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
