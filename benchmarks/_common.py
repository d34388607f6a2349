"""What benchmarks and the tests that bound the same quantities share: measuring a write."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterable
from pathlib import Path

from claimstrack.atomic import write_atomic


def write_peak(target: Path, pieces: Iterable[str]) -> int:
    """Write `pieces` to `target` as `check -o` does (`write_atomic`, a piece at a time) and
    return the bytes allocated at the peak of the write (tracemalloc's peak): a streamed output
    keeps it to a piece, an output built whole shows its own size here, or several times it."""
    tracemalloc.start()
    try:
        write_atomic(target, pieces)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
