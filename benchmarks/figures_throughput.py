"""Throughput of extract_figures on a few MB of marketing-style prose, and of quantulum3.

    python benchmarks/figures_throughput.py [--megabytes 4] [--quantulum-kb 40]

The prose is the development corpus sentences (tests/figures/corpus.toml) interleaved with
filler sentences without numbers, in a fixed pseudo-random order, so every run times the
same text. quantulum3 is much slower, so it parses a smaller slice of the same text.
Times are CPU seconds of this process (time.process_time), so other load on a shared
machine does not count against either parser.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time
import tomllib
from pathlib import Path

from claimstrack.figures import extract_figures

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FILLER = [
    "Our caring team will guide you through every step of your treatment plan.",
    "Book a consultation with one of our specialists and learn what is right for you.",
    "We believe that everyone deserves to feel their best, every single day.",
    "Patients often tell us that the calm setting makes a real difference.",
    "Ask your doctor whether this therapy is appropriate for your condition.",
    "Individual results vary, and no treatment works the same way for everyone.",
    "Our clinics are designed around comfort, privacy and clear communication.",
    "Learn more about the science behind our approach on the research page.",
]


def build_prose(megabytes: float, corpus_share: float = 0.2, seed: int = 7) -> str:
    """Corpus sentences and filler, shuffled into paragraphs, about `megabytes` MB long.

    `corpus_share` is the chance that a sentence comes from the corpus rather than filler;
    0.2 gives about the figure density of the seed pages (see the printed figures/KB).
    """
    cases = tomllib.loads((ROOT / "tests/figures/corpus.toml").read_text(encoding="utf-8"))
    sentences = [case["sentence"] for case in cases["case"]]
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        paragraph = " ".join(rng.choice(sentences) if rng.random() < corpus_share else rng.choice(FILLER)
                             for _ in range(6))
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)


def time_claimstrack(text: str) -> tuple[float, int]:
    """CPU seconds (one core; the machine may be shared, so wall time is noisy) and count."""
    start = time.process_time()
    figures = extract_figures(text)
    return time.process_time() - start, len(figures)


def time_quantulum(text: str) -> tuple[float, int] | None:
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    parser.parse("warm up 5 kg")  # loads its classifier outside the timed run
    start = time.process_time()
    quantities = parser.parse(text)
    return time.process_time() - start, len(quantities)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--quantulum-kb", type=float, default=20.0)
    args = parser.parse_args(argv)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.1f}")
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        seed_text = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds)
        seed_figures = len(extract_figures(seed_text))
        print(f"seed pages: {seed_figures / (len(seed_text) / 1e3):.2f} figures/KB")
    for share, label in ((0.2, "seed-like density"), (0.5, "dense: half corpus sentences")):
        text = build_prose(args.megabytes, share)
        size = len(text.encode("utf-8"))
        seconds = min(time_claimstrack(text)[0] for _ in range(3))
        count = len(extract_figures(text))
        print(f"claimstrack.extract_figures, {label}: {size / 1e6:.2f} MB in {seconds:.2f} s = "
              f"{size / 1e6 / seconds:.2f} MB/s ({count / (size / 1e3):.2f} figures/KB, best of 3)")
    text = build_prose(args.megabytes)
    piece = text[: int(args.quantulum_kb * 1000)]
    result = time_quantulum(piece)
    if result is None:
        print("quantulum3: not installed")
    else:
        q_seconds, q_count = result
        piece_size = len(piece.encode("utf-8"))
        print(f"quantulum3 parser.parse: {piece_size / 1e3:.0f} KB in {q_seconds:.2f} s = "
              f"{piece_size / 1e3 / q_seconds:.1f} KB/s ({q_count} quantities)")
        own, _ = time_claimstrack(piece)
        print(f"claimstrack on the same {piece_size / 1e3:.0f} KB: {own:.3f} s "
              f"({q_seconds / own:.0f}x faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
