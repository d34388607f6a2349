"""Dump every number mention the figure grammar gives, to prove a change leaves results unchanged.

    python benchmarks/figures_identity.py dump OUT.jsonl          # write the dump
    python benchmarks/figures_identity.py compare OUT.jsonl       # compare this tree with it

The texts: the figure corpus and every string literal of the figure tests (tests/figures/),
the seed pages (../shared/seeds/), every string of the external suites
(../shared/benchmarks/external/), the real consistency corpus pages (tests/consistency/real/),
about 4 MB of generated prose at two densities (as benchmarks/figures_throughput.py builds it)
and the hostile inputs of benchmarks/figures_hostile.py at 100 KB. For each text, one line:
its label, a hash of the text, every mention of `scan_numbers` (text, span, reason and every
field of the figure) and every figure of `extract_figures`. Speed work on the grammar must
keep the dump byte for byte: store it from main outside the repository, then compare after
each change. Texts are compared by label and hash (a test added since the dump is new, not a
difference). Exit status 1 on any difference (the first few are printed, except those of the
real corpus's test and holdout areas, which are only counted: nobody tuning the grammar reads
their pages' mentions).
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import sys
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL = ROOT / "tests" / "consistency" / "real"
sys.path.insert(0, str(ROOT / "benchmarks"))

from figures_hostile import hostile_inputs  # noqa: E402
from figures_throughput import build_prose  # noqa: E402

from claimstrack.figures import extract_figures, scan_numbers  # noqa: E402


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON or TOML value, in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _literals(path: Path) -> Iterator[str]:
    """The string constants of a Python file (the sentences the figure tests read)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
            yield node.value


def _relative(path: Path) -> str:
    for base in (ROOT, SHARED):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def texts() -> Iterator[tuple[str, str]]:
    """(label, text) of every input, in a fixed order."""
    yield from _figure_tests()
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        yield _relative(path), path.read_text(encoding="utf-8")
    yield from _external_suites()
    for path in sorted((ROOT / "tests" / "consistency" / "real").rglob("*.txt")):
        yield _relative(path), path.read_text(encoding="utf-8")
    for share in (0.2, 0.5):
        yield f"prose {share}", build_prose(2.0, share)
    for name, text in hostile_inputs(100_000).items():
        yield f"hostile {name}", text


def _figure_tests() -> Iterator[tuple[str, str]]:
    """The figure corpus and every string literal of the figure tests."""
    for path in sorted((ROOT / "tests" / "figures").glob("*.toml")):
        for i, text in enumerate(_strings(tomllib.loads(path.read_text(encoding="utf-8")))):
            yield f"{_relative(path)}#{i}", text
    for path in sorted((ROOT / "tests" / "figures").glob("*.py")):
        for i, text in enumerate(_literals(path)):
            yield f"{_relative(path)}#{i}", text


def _external_suites() -> Iterator[tuple[str, str]]:
    """Every string of the external suites' JSON and CSV files, one by one and joined per file."""
    for path in sorted((SHARED / "benchmarks" / "external").rglob("*")):
        if path.suffix == ".json":
            found = list(_strings(json.loads(path.read_text(encoding="utf-8-sig"))))
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                found = [cell for row in csv.reader(handle) for cell in row]
        else:
            continue
        for i, text in enumerate(found):
            yield f"{_relative(path)}#{i}", text
        yield f"{_relative(path)}#all", "\n".join(found)


def _row(value: Any) -> Any:
    return attrs.asdict(value) if value is not None else None


def dump_one(label: str, text: str) -> str:
    """One line: the label, the text's hash, every mention and every figure, all fields."""
    mentions = [[m.text, _row(m.span), m.reason, _row(m.figure)] for m in scan_numbers(text)]
    figures = [_row(f) for f in extract_figures(text)]
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return json.dumps({"label": label, "sha": digest, "mentions": mentions, "figures": figures},
                      sort_keys=True, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("dump", "compare"))
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    lines = [dump_one(label, text) for label, text in texts()]
    if args.action == "dump":
        args.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} texts dumped to {args.path}")
        return 0
    stored = {_key(line): line for line in args.path.read_text(encoding="utf-8").splitlines()}
    now = {_key(line): line for line in lines}
    common = [key for key in now if key in stored]
    differences = [key for key in common if stored[key] != now[key]]
    unseen = _unseen_areas()
    shown = [key for key in differences if _area(key[0]) not in unseen]
    for key in shown[:5]:
        print("stored:", stored[key][:2000], "\nnow:   ", now[key][:2000], "\n")
    hidden = Counter(_area(key[0]) for key in differences if _area(key[0]) in unseen)
    if hidden:
        print("differences on test and holdout pages (not printed):",
              ", ".join(f"{area} {count}" for area, count in sorted(hidden.items())))
    mentions = sum(len(json.loads(now[key])["mentions"]) for key in common)
    print(f"{len(common)} texts, {mentions} mentions: {len(differences)} differ "
          f"({len(now) - len(common)} texts new or changed since the dump, {len(stored) - len(common)} gone)")
    return 1 if differences else 0


def _unseen_areas() -> set[str]:
    """The real corpus's areas outside the development half (labels.toml's `half`)."""
    return {labels.parent.name for labels in REAL.glob("*/labels.toml")
            if tomllib.loads(labels.read_text(encoding="utf-8")).get("half") != "dev"}


def _area(label: str) -> str | None:
    """The real corpus area a text's label names (its folder), None for any other text."""
    parts = Path(label).parts
    return parts[3] if len(parts) > 4 and parts[:3] == ("tests", "consistency", "real") else None


def _key(line: str) -> tuple[str, str]:
    """A dumped text's label and hash: texts added or edited since the dump are not compared."""
    row = json.loads(line)
    return row["label"], row["sha"]

if __name__ == "__main__":
    raise SystemExit(main())
