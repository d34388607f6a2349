"""Time extract_figures on hostile 1 MB inputs; each must finish in well under a second.

    python benchmarks/figures_hostile.py [--megabytes 1]
"""

from __future__ import annotations

import argparse
import time

from claimstrack.figures import extract_figures, scan_numbers


def hostile_inputs(size: int) -> dict[str, str]:
    """Inputs built to make a careless regex or a quadratic loop blow up."""

    def repeat(piece: str) -> str:
        return (piece * (size // len(piece) + 1))[:size]

    return {
        "long digit run 1111...": "1" * size,
        "repeated hedges 'more than more than ...'": repeat("more than "),
        "hedges then a number": repeat("more than ") + " 5%",
        "huge whitespace run": "5" + " " * size + "%",
        "one line of prose, no newline": repeat(
            "Over 92% of patients improved, and our caring team will guide you through every "
            "step of your treatment plan. "),
        "one line of dense figures": repeat("Over 92% of patients improved, "),
        "comma list 1,1,1,...": repeat("1,"),
        "dash list 1-1-1-...": repeat("1-"),
        "dots ......": "." * size,
        "digits and dots 1.1.1...": repeat("1."),
        "number words 'one one one ...'": repeat("one "),
        "number-word chain 'twenty-one-twenty-...'": repeat("twenty-one-"),
        "percent signs 5%5%5%...": repeat("5%"),
        "dollar signs $$$$1": "$" * size + "1",
        "newlines \\n\\n\\n": "\n" * size,
        "ranges 1 to 2 to 3 to ...": repeat("1 to 2 to "),
        "between and and and": "between 1 " + repeat("and "),
        "slashes 1/1/1/...": repeat("1/"),
        "letters then digits aaaa1": "a" * size + "1",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args(argv)
    size = int(args.megabytes * 1_000_000)
    worst = 0.0
    print(f"| hostile input ({size / 1e6:g} MB) | seconds | figures | numbers |")
    print("| --- | ---: | ---: | ---: |")
    for name, text in hostile_inputs(size).items():
        start = time.process_time()
        figures = extract_figures(text)
        seconds = time.process_time() - start
        worst = max(worst, seconds)
        print(f"| {name} | {seconds:.3f} | {len(figures)} | {len(scan_numbers(text[:2000]))}* |")
    print(f"\nworst: {worst:.3f} s  (* numbers in the first 2,000 characters)")
    return 0 if worst < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
