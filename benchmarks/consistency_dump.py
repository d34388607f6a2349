"""Every measure frame, inferred group and CT210 finding, written out to compare two versions.

    python benchmarks/consistency_dump.py OUT [--figures N]    # write a dump
    python benchmarks/consistency_dump.py --compare OLD NEW    # are they the same?

A change meant to make frames or grouping faster must leave all of them as they were. The dump
holds, for each area of the real-page corpus (tests/consistency/real/, checked as
consistency_real.py checks it), for the seed pages (content/), for the labelled made-up corpus and its held-out half
(tests/consistency/corpus/ and heldout/, checked with their own settings) and for the pages
consistency_scale.py generates (N figures, plain and with scattered outliers, and N / 3 with
every figure sentence said once): every reading's frame, every group (id, confidence, frame,
members with their confidence) and every CT210 finding with its related sides.

`--compare` prints, per section, whether the two dumps agree and how many lines differ; it
prints the differing lines only for the development half and the generated pages (nobody tuning
the rules reads the test or holdout half's details).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

import claimstrack
import claimstrack.checks.consistency_rules  # noqa: F401  (registers the CT2xx checkers)
from claimstrack.consistency.inferred import Group, Reading, group_readings

sys.path.insert(0, str(Path(__file__).resolve().parent))
import consistency_real  # noqa: E402  (sibling scripts)
import consistency_scale  # noqa: E402

REPOSITORY = Path(__file__).resolve().parent.parent
CONSISTENCY = REPOSITORY / "tests" / "consistency"
REAL = CONSISTENCY / "real"


def _frame_line(reading: Reading) -> str:
    frame = reading.frame
    aliases = frame.aliases if frame is not None else ()
    return f"frame {reading.where} {reading.figure.text!r} {frame!r} aliases={aliases!r}"


def _group_lines(groups: Iterable[Group]) -> Iterator[str]:
    for group in groups:
        yield f"group {group.id} {group.confidence} {group.frame.describe()!r} {group.frame!r}"
        for reading in group.readings:
            yield f"  member {reading.where} {reading.figure.text!r} {group.confidence_of(reading)}"


def real_area(area: Path) -> Iterator[str]:
    """The frames, groups and CT210 findings of one area, checked as consistency_real.py does."""
    yield from checked(consistency_real.run_check(area))


def checked(report: claimstrack.Report) -> Iterator[str]:
    """The frames, groups and CT210 findings of one check run."""
    readings = [reading for page in report.pages for reading in page.readings]
    yield from (_frame_line(reading) for reading in readings)
    yield from _group_lines(group_readings(readings))
    for finding in report.findings:
        if finding.code == "CT210":
            yield f"finding {finding.path}:{finding.line}:{finding.column} {finding.message}"
            yield from (f"  related {r.path}:{r.line}:{r.column} {r.message}" for r in finding.related)


def generated(figures: int, scattered: bool, *, unique: bool = False) -> Iterator[str]:
    """The frames, groups and outliers of consistency_scale.py's generated pages."""
    pages = consistency_scale.generate(figures, max(1, figures // 10), scattered=scattered, unique=unique)
    readings = consistency_scale.read_pages(pages)
    yield from (_frame_line(reading) for reading in readings)
    groups = group_readings(readings)
    yield from _group_lines(groups)
    for d in consistency_scale.disagreements(groups):
        yield f"outlier {d.reading.where} {d.reading.figure.text!r} {d.verdict} total={d.total} anchor={d.anchor.where}"
        yield from (f"  side {other.where} {comparison!r}" for other, comparison in d.others)


def sections(figures: int) -> Iterator[tuple[str, Iterable[str]]]:
    for area in sorted(p for p in REAL.iterdir() if p.is_dir()):
        half = tomllib.loads((area / "labels.toml").read_text(encoding="utf-8"))["half"]
        yield f"{half} {area.name}", real_area(area)
    # The seed pages (content/ of this repository, checked with its own pyproject.toml).
    yield "dev seeds", checked(claimstrack.check(root=REPOSITORY))
    # The labelled made-up corpus (its pages are written to trap CT210) and its held-out half.
    yield "dev corpus", checked(claimstrack.check(root=CONSISTENCY / "corpus"))
    yield "test heldout", checked(claimstrack.check(root=CONSISTENCY / "heldout"))
    yield "generated plain", generated(figures, scattered=False)
    yield "generated scattered", generated(figures, scattered=True)
    # Every figure sentence said once: each frame is read afresh, none is found kept.
    yield "generated unique", generated(figures // 3, scattered=False, unique=True)


def write(out: Path, figures: int) -> None:
    with out.open("w", encoding="utf-8") as stream:
        for name, lines in sections(figures):
            stream.write(f"## {name}\n")
            count = 0
            for line in lines:
                stream.write(line + "\n")
                count += 1
            print(f"{name}: {count:,} lines")


def read(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = found.setdefault(line[3:], [])
        else:
            current.append(line)
    return found


#: The sections whose differing lines `compare` prints: the test and holdout halves are unseen
#: (nobody tuning the rules reads their details), so only their counts are shown.
SHOWN = ("dev ", "generated ")


def compare(old: Path, new: Path) -> int:
    """0 when every section agrees, else 1 (differing lines shown for the development half and
    the generated pages only)."""
    before, after = read(old), read(new)
    differ = 0
    for name in sorted(set(before) | set(after)):
        first, second = before.get(name, []), after.get(name, [])
        first_set, second_set = set(first), set(second)
        gone = [line for line in first if line not in second_set]
        added = [line for line in second if line not in first_set]
        same = first == second
        differ += not same
        print(f"{name}: {'same' if same else 'DIFFERS'} ({len(first):,} lines; -{len(gone)} +{len(added)})")
        if not same and name.startswith(SHOWN):
            for line in gone[:20]:
                print(f"  - {line}")
            for line in added[:20]:
                print(f"  + {line}")
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="OUT, or OLD NEW with --compare")
    parser.add_argument("--compare", action="store_true", help="compare two dumps")
    parser.add_argument("--figures", type=int, default=30_000, help="generated figures (default 30,000)")
    args = parser.parse_args(argv)
    if args.compare:
        if len(args.paths) != 2:
            parser.error("--compare takes two dumps: OLD NEW")
        return compare(*args.paths)
    if len(args.paths) != 1:
        parser.error("give one output file")
    write(args.paths[0], args.figures)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
