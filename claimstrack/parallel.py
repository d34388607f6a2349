"""The per-document stage over many files, on every core when the corpus is large enough."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from claimstrack.gc_pause import collect_young, start_worker
from claimstrack.progress import Display, ProgressBar

T = TypeVar("T")

#: Below this many documents, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400
#: With one core there is nothing to gain. On 2 cores, 10,000 documents check in about 9.2 s
#: with two workers against 11.5 s serially (benchmarks/check_corpus.py); that pays only since
#: offset maps are 32-bit, which halved what each result pickles to.
MIN_WORKERS = 2
_CHUNK = 64

_work: Callable[[Path], Any] | None = None
_in_worker = False


def in_worker() -> bool:
    """Whether this process is one of `map_documents`' workers (its results cross a pipe)."""
    return _in_worker


def _start_worker() -> None:
    global _in_worker
    _in_worker = True
    start_worker()


def _call(file: Path) -> Any:
    assert _work is not None
    return _work(file)


def worker_count() -> int:
    """Worker processes to use: the cores this process may run on, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def map_documents(
    files: Sequence[Path], work: Callable[[Path], T], *, progress: Display | None = None
) -> Iterator[tuple[Path, T]]:
    """Yield (file, work(file)) in the order of `files`, in parallel for large corpora; a
    `progress` display shows how many are done.

    Workers are forked so that `work` (a closure over the prepared claims matcher) needs no
    pickling; only results cross the process boundary.
    """
    bar = progress.bar(len(files)) if progress is not None else None
    workers = worker_count()
    if len(files) < PARALLEL_THRESHOLD or workers < MIN_WORKERS or "fork" not in multiprocessing.get_all_start_methods():
        yield from _with_progress(files, _serially(files, work), bar)
        return
    global _work
    _work = work
    try:
        with multiprocessing.get_context("fork").Pool(processes=workers, initializer=_start_worker) as pool:
            yield from _with_progress(files, pool.imap(_call, files, chunksize=_CHUNK), bar)
    finally:
        _work = None


def _serially(files: Sequence[Path], work: Callable[[Path], T]) -> Iterator[T]:
    for index, file in enumerate(files):
        if index % _CHUNK == _CHUNK - 1:
            collect_young()
        yield work(file)


def _with_progress(files: Sequence[Path], results: Iterator[T], bar: ProgressBar | None) -> Iterator[tuple[Path, T]]:
    for file, result in zip(files, results):
        if bar is not None:
            bar.advance()
        yield file, result
    if bar is not None:
        bar.close()
