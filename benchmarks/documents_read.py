"""Throughput of the document readers: documents per second and MB per second, per format.

Run: python benchmarks/documents_read.py [--small N] [--large-mb M]
Small documents are a page of marketing prose (~1 KB); large ones are one file of M MB.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from claimstrack.documents import parse_document

PARAGRAPH = (
    "Approximately 42 million Americans will experience some form of migraine during their "
    "lifetime. Over 92% of patients reported greater than 50% reduction in pain [@krusz2010, "
    "p. 3]. Costs run as high as $36 billion annually, e.g. lost work days.[^1]"
)

SMALL = {
    "txt": "Migraine facts\n\n" + PARAGRAPH.replace(" [@krusz2010, p. 3]", "") + "\n\n" + PARAGRAPH,
    "md": (
        "---\ntitle: Migraine\n---\n# Migraine *facts*\n\n" + PARAGRAPH + "\n\n"
        "- **Over 92%** of [patients](https://example.org/92)\n- `code 5` &amp; more\n\n"
        "| Group | Rate |\n|---|---|\n| A | 92% |\n\n"
        '<!-- claimstrack: ignore[CT101] reason="press kit" -->\n' + PARAGRAPH + "\n\n"
        "[^1]: @cost2019, table 2\n"
    ),
    "html": (
        "<!DOCTYPE html><html><head><title>Migraine</title><style>p{x:1}</style></head><body>"
        "<h1>Migraine <em>facts</em></h1><p>" + PARAGRAPH + "</p><ul><li><b>Over 92%</b> of "
        '<a href="https://example.org/92">patients</a></li><li>&amp; more&nbsp;5</li></ul>'
        '<!-- claimstrack: ignore reason="x" --><table><tr><td>A</td><td>92%</td></tr></table>'
        "<script>var n = 42;</script><p>" + PARAGRAPH + "</p></body></html>"
    ),
}


def measure(parse: Callable[[], object], repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        parse()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=10_000, help="small documents per format")
    parser.add_argument("--large-mb", type=float, default=1.0, help="size of the large document")
    options = parser.parse_args()
    print(f"{'format':<6} {'case':<14} {'docs/s':>10} {'MB/s':>8} {'total s':>8}")
    for fmt, page in SMALL.items():
        seconds = measure(lambda: parse_document(page, "bench", fmt), options.small)
        megabytes = len(page.encode()) * options.small / 1e6
        label = f"{options.small} x {len(page)}c"
        print(f"{fmt:<6} {label:<14} {options.small / seconds:>10.0f} {megabytes / seconds:>8.2f} "
              f"{seconds:>8.2f}")  # fmt: skip
        large = page * max(1, int(options.large_mb * 1e6 / len(page.encode())))
        seconds = measure(lambda: parse_document(large, "bench", fmt), 1)
        label = f"1 x {len(large.encode()) / 1e6:.1f} MB"
        print(f"{fmt:<6} {label:<14} {1 / seconds:>10.2f} {len(large.encode()) / 1e6 / seconds:>8.2f} "
              f"{seconds:>8.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
