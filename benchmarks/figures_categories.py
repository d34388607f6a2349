"""Where figure extraction spends its time, by category, and how often a number's context repeats.

    python benchmarks/figures_categories.py [--megabytes 1] [--rounds 5]

For the prose of benchmarks/figures_throughput.py (seed-like and dense) and the Word story of
benchmarks/hostile.py (its text as the docx reader gives it), CPU seconds (best of `--rounds`)
of four parts of `extract_figures`:

- finding the number tokens (the two token regexes and the loop that merges them);
- reading the numbers that become figures (`read_core` and `read`, each number read alone);
- reading the numbers the readers set aside (the same calls, ending in a `Reject`);
- the rest: the scan loop around them, the numbers set aside before any reading ("one of our",
  part of a figure already read), the `Figure` and its span, merging bounds, the qualifiers.

The numbers read are those the scanner reads (recorded by wrapping `grammar.read_core` for one
pass). Then, for a memo of readings across a run: the share of numbers whose context was seen
before in the same run, on the generator's prose, the Word story, the seed pages and the real
pages of tests/consistency/real (counts only). The context is 44 characters before the number
(what the left readers see) and 120 after it, or the whole paragraph the number stands in.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures_throughput import SEEDS, build_prose  # noqa: E402
from hostile import word_story  # noqa: E402

from claimstrack.documents import document_from_bytes  # noqa: E402
from claimstrack.figures import grammar  # noqa: E402
from claimstrack.figures.core import read_core  # noqa: E402
from claimstrack.figures.readings import Core, Reject  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
Token = tuple[int, int, bool]


def word_story_text() -> str:
    """The text of hostile.py's Word story, as the docx reader gives it."""
    return document_from_bytes(word_story(), "deck.docx", "deck.docx").text


def read_tokens(text: str) -> list[Token]:
    """The numbers the scanner reads (calls `read_core` for), in order."""
    found: list[Token] = []

    def recording(text: str, start: int, end: int, digits: bool) -> Core:
        found.append((start, end, digits))
        return read_core(text, start, end, digits)

    names = vars(grammar)  # the scanner calls read_core by its name in the grammar module
    names["read_core"] = recording
    try:
        grammar.figures(text)
    finally:
        names["read_core"] = read_core
    return found


def read_each(text: str, tokens: Iterable[Token]) -> int:
    """Read each number as the scanner does; how many the readers set aside."""
    rejected = 0
    for start, end, digits in tokens:
        try:
            grammar.read(text, read_core(text, start, end, digits))
        except Reject as reject:
            reject.__traceback__ = None
            rejected += 1
    return rejected


def find_tokens(text: str) -> None:
    tokens = grammar._NumberTokens(text)
    pos = 0
    while (token := tokens.next(pos)) is not None:
        pos = token[1]


def best(work: Callable[[], object], rounds: int) -> float:
    """The least CPU seconds of `rounds` runs."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def categories(label: str, text: str, rounds: int) -> str:
    """One line: each category's CPU milliseconds and share of the extraction."""
    tokens = read_tokens(text)
    kept = [token for token in tokens if read_each(text, [token]) == 0]
    kept_set = set(kept)
    set_aside = [token for token in tokens if token not in kept_set]
    total = best(lambda: grammar.figures(text), rounds)
    parts = {
        "finding tokens": best(lambda: find_tokens(text), rounds),
        f"reading {len(kept)} kept": best(lambda: read_each(text, kept), rounds),
        f"reading {len(set_aside)} set aside": best(lambda: read_each(text, set_aside), rounds),
    }
    parts["the rest"] = total - sum(parts.values())
    megabytes = len(text.encode("utf-8")) / 1e6
    shown = ", ".join(f"{name} {seconds * 1e3:.0f} ms ({seconds / total:.0%})" for name, seconds in parts.items())
    return f"{label}: {megabytes:.2f} MB in {total:.3f} s ({megabytes / total:.2f} MB/s); {shown}"


def _in_paragraph(text: str, start: int) -> tuple[str, int]:
    """The paragraph (between blank lines) a number stands in, and where in it the number starts."""
    begin = text.rfind("\n\n", 0, start)
    begin = begin + 2 if begin >= 0 else 0
    end = text.find("\n\n", start)
    return text[begin : end if end >= 0 else len(text)], start - begin


def repeats(label: str, texts: list[str]) -> str:
    """The share of numbers (of all the texts, one run) whose context came before in the run."""
    windows: set[str] = set()
    paragraphs: set[tuple[str, int]] = set()
    count = window_hits = paragraph_hits = 0
    for text in texts:
        for start, _, _ in read_tokens(text):
            count += 1
            window = text[max(0, start - 44) : start + 120]
            window_hits += window in windows
            windows.add(window)
            paragraph = _in_paragraph(text, start)
            paragraph_hits += paragraph in paragraphs
            paragraphs.add(paragraph)
    if not count:
        return f"{label}: no numbers"
    return (f"{label}: {len(texts)} texts, {count} numbers read; context seen before: 44 + 120 characters "
            f"{window_hits / count:.1%}, paragraph {paragraph_hits / count:.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f}")
    seed_like, dense = build_prose(args.megabytes, 0.2), build_prose(args.megabytes, 0.5)
    story = word_story_text()
    for label, text in (("seed-like", seed_like), ("dense", dense), ("Word story", story)):
        print(categories(label, text, args.rounds))
    print(f"load average {os.getloadavg()[0]:.1f}")
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    real = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests/consistency/real").rglob("*.txt"))]
    for label, texts in (("seed-like prose", [seed_like]), ("dense prose", [dense]), ("Word story", [story]),
                         ("seed pages", seeds), ("real pages", real)):
        print(repeats(label, texts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
