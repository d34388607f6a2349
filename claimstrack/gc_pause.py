"""The cyclic garbage collector paused for a run whose objects all live to its end.

A check run builds hundreds of thousands of small objects (every page's figures, readings and
findings) and frees almost none of them before it ends. Each full collection walks all of them,
so with the collector running the run's cost per page grew with the number of pages read before
(at 10,000 pages the parent spent half its time collecting and found nothing to free). The
objects hold few reference cycles: reference counting frees what a run drops, and the page
loop collects the young objects now and then (`collect_young`), which frees the cycles a reader
left behind (pdfminer's) without walking what the run keeps.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off, then restore it as it was (nests)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def collect_young() -> None:
    """While paused, collect the objects made since the last call (the cycles a page's reading
    left); cost proportional to those objects only, never to what the run keeps."""
    if not gc.isenabled():
        gc.collect(1)


def start_worker() -> None:
    """In a forked worker: collect again, but never walk the objects inherited from the parent
    (frozen, they also stay shared with it instead of being copied page by page)."""
    gc.freeze()
    gc.enable()
