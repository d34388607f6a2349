"""The per-document stage over many files, on every core when the corpus is large enough.

The files are cut into small chunks, which this process and its forked workers (one fewer than
the cores) claim in turn from a shared counter until none is left. This process checks pages
too instead of waiting on the workers: a page checked here keeps its result as it is, while a
worker's result crosses a pipe (pickled) and is read between this process's own pages. Claiming
chunk by chunk keeps every core busy to the end whatever each page costs.

A worker never waits on this process: what the pipe cannot take yet is kept until it can
(`_Outbox`), so a long page here does not stall the workers.

After the page stage, `Beside` runs one piece of work in a forked copy of this process while
this one does another (the site-wide checks of a large site: one core would be idle otherwise),
and the two may share a list of independent items from its two ends (`FromBothEnds`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import select
import signal
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any, Generic, TypeVar

from claimstrack.gc_pause import collect_young, start_worker
from claimstrack.progress import Display, ProgressBar

T = TypeVar("T")

#: Below this many documents, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400
#: Processes (this one and its workers) to use at least; with one core there is nothing to gain.
MIN_WORKERS = 2
#: Pages per claim at most: small, so that this process collects its young garbage often enough
#: (32 pages of 5 KB are about 0.07 s of work). Towards the end claims shrink (`_claim`), so
#: that every process runs out of pages at nearly the same moment.
_CHUNK = 32
_HEADER = 8  # bytes of a message's length on the pipe
_READ = 1 << 20  # bytes read from a pipe at once

_work: Callable[[Path], Any] | None = None
_in_worker = False


class WorkerError(RuntimeError):
    """A worker process ended without sending all its results (killed, out of memory)."""


def in_worker() -> bool:
    """Whether this process is one of `map_documents`' workers (its results cross a pipe)."""
    return _in_worker


def worker_count() -> int:
    """Processes to check pages on (this one and its workers): the cores this process may run
    on, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def worth_forking(count: int) -> bool:
    """Whether `count` documents are enough to share their work with forked processes: more
    than one core to run on, forking available, and more documents than starting one costs."""
    return (count >= PARALLEL_THRESHOLD and worker_count() >= MIN_WORKERS
            and "fork" in multiprocessing.get_all_start_methods())


def map_documents(
    files: Sequence[Path], work: Callable[[Path], T], *, progress: Display | None = None
) -> Iterator[tuple[Path, T]]:
    """Yield (file, work(file)) in the order of `files`, in parallel for large corpora; a
    `progress` display shows how many are done.

    Workers are forked so that `work` (a closure over the prepared claims matcher) needs no
    pickling; only results cross the process boundary.
    """
    bar = progress.bar(len(files)) if progress is not None else None
    if not worth_forking(len(files)):
        yield from _with_progress(files, _serially(files, work), bar)
        return
    yield from _with_progress(files, _shared(files, work, worker_count() - 1), bar)


def _serially(files: Sequence[Path], work: Callable[[Path], T]) -> Iterator[T]:
    for index, file in enumerate(files):
        if index % _CHUNK == _CHUNK - 1:
            collect_young()
        yield work(file)


def _shared(files: Sequence[Path], work: Callable[[Path], T], workers: int) -> Iterator[T]:
    """work(file) for every file in order, the chunks shared between this process and
    `workers` forked workers."""
    global _work
    context = multiprocessing.get_context("fork")
    share = _Share(context.Value("q", 0), len(files), workers + 1)
    _work = work
    started: list[tuple[multiprocessing.context.ForkProcess, _Inbox]] = []
    try:
        for _ in range(workers):
            read_end, write_end = os.pipe()
            with _forking():
                process = context.Process(target=_worker, args=(files, share, write_end), daemon=True)
                process.start()
                started.append((process, _Inbox(read_end)))
                os.close(write_end)
        results = _Results(len(files), [inbox for _, inbox in started])
        while chunk := share.claim():
            for index in chunk:
                results.add(index, work(files[index]))
                results.receive(wait=False)
                yield from results.ready()
            collect_young()
        while not results.done():
            results.receive(wait=True)
            yield from results.ready()
        for process, _ in started:
            process.join()
    finally:
        _work = None
        for process, inbox in started:
            if process.is_alive():
                process.terminate()
                process.join()
            inbox.close()


class _Share:
    """The pages still to check, claimed a chunk at a time by every process from one counter in
    shared memory (the index of the first page nobody has claimed)."""

    def __init__(self, counter: Synchronized[int], total: int, processes: int) -> None:
        self.counter = counter
        self.total = total
        self.processes = processes

    def claim(self) -> range:
        """The indexes of the next chunk (empty when all are claimed): _CHUNK pages, fewer once
        less than four full chunks a process are left, so that the last ones are short."""
        with self.counter.get_lock():
            start: int = self.counter.value
            size = max(1, min(_CHUNK, (self.total - start) // (4 * self.processes)))
            end = min(self.total, start + size)
            self.counter.value = end
        return range(start, end)


def _worker(files: Sequence[Path], share: _Share, fd: int) -> None:
    """A worker's life: claim chunks and send each page's result, until none is left; an error
    is sent to be raised in the parent."""
    global _in_worker
    _in_worker = True
    _leave_ctrl_c_to_the_parent()
    start_worker()
    assert _work is not None
    outbox = _Outbox(fd)
    try:
        while chunk := share.claim():
            for index in chunk:
                outbox.put((index, _work(files[index])))
    except BaseException as error:  # noqa: BLE001 - every error is the parent's to raise
        outbox.put((-1, _portable(error)))
    outbox.close()


@contextlib.contextmanager
def _forking() -> Iterator[None]:
    """SIGINT held back while a child is forked and recorded. Ctrl-C reaches every process of
    the terminal's group: one that comes meanwhile reaches this process once the child is
    recorded (and so stopped by the `finally` that handles it), and the child, which starts
    with SIGINT held back too, drops it (`_leave_ctrl_c_to_the_parent`) instead of ending with
    a traceback before it could ignore it."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _leave_ctrl_c_to_the_parent() -> None:
    """In a forked child: ignore SIGINT (the parent stops its children on Ctrl-C), then let it
    through, which drops one held back since the fork (`_forking`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _portable(error: BaseException) -> BaseException:
    """`error` if it survives pickling, else a RuntimeError that says what it was."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - whatever pickling raises, send what can be sent
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


class _Outbox:
    """A worker's end of its pipe: each message is written as far as the pipe takes it without
    waiting; the rest is kept and written after the next page (or at the end, waiting)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pending = bytearray()
        os.set_blocking(fd, False)

    def put(self, message: object) -> None:
        data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        self.pending += len(data).to_bytes(_HEADER, "little")
        self.pending += data
        self.flush()

    def flush(self) -> None:
        while self.pending:
            try:
                written = os.write(self.fd, self.pending)
            except BlockingIOError:
                return
            del self.pending[:written]

    def close(self) -> None:
        os.set_blocking(self.fd, True)
        self.flush()
        os.close(self.fd)


class _Inbox:
    """The parent's end of a worker's pipe: whatever has arrived, cut into messages."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()
        self.open = True

    def read(self) -> list[Any]:
        """The messages complete after one read (call when the pipe is readable)."""
        data = os.read(self.fd, _READ)
        if not data:
            self.open = False
            return []
        self.buffer += data
        messages, start = [], 0
        while len(self.buffer) - start >= _HEADER:
            size = int.from_bytes(self.buffer[start : start + _HEADER], "little")
            end = start + _HEADER + size
            if end > len(self.buffer):
                break
            messages.append(pickle.loads(self.buffer[start + _HEADER : end]))
            start = end
        del self.buffer[:start]
        return messages

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class _Results:
    """Results by file index as they come (this process's own and the workers'), handed out in
    order."""

    def __init__(self, total: int, inboxes: list[_Inbox]) -> None:
        self.total = total
        self.inboxes = inboxes
        self.waiting: dict[int, Any] = {}
        self.next = 0

    def add(self, index: int, result: Any) -> None:
        self.waiting[index] = result

    def receive(self, *, wait: bool) -> None:
        """Read what the workers sent; with `wait`, block until something arrives."""
        open_ = [inbox for inbox in self.inboxes if inbox.open]
        if not open_:
            if wait:  # what is missing can only come from a worker, and none is left
                raise WorkerError(f"a worker process ended before sending all its results ({self.next} of "
                                  f"{self.total} pages done)")
            return
        readable, _, _ = select.select([inbox.fd for inbox in open_], [], [], None if wait else 0)
        for inbox in open_:
            if inbox.fd in readable:
                for index, result in inbox.read():
                    if index < 0:
                        raise result
                    self.waiting[index] = result

    def ready(self) -> Iterator[Any]:
        """The results that are next in order."""
        while self.next in self.waiting:
            yield self.waiting.pop(self.next)
            self.next += 1

    def done(self) -> bool:
        return self.next >= self.total


class FromBothEnds:
    """The indexes 0 .. `total` - 1, claimed one at a time by two processes from opposite ends
    (a pair of counters in shared memory, made before the fork): this process takes them from
    the start, the one beside it from the end, and they meet wherever their speeds put them, so
    that neither waits on the other for more than one item's work."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._ends = multiprocessing.get_context("fork").Array("q", [0, total])

    def first(self) -> int | None:
        """The lowest index nobody has claimed, or None when none is left."""
        with self._ends.get_lock():
            start, end = self._ends[0], self._ends[1]
            if start >= end:
                return None
            self._ends[0] = start + 1
        return int(start)

    def last(self) -> int | None:
        """The highest index nobody has claimed, or None when none is left."""
        with self._ends.get_lock():
            start, end = self._ends[0], self._ends[1]
            if start >= end:
                return None
            self._ends[1] = end - 1
        return int(end - 1)


class Beside(Generic[T]):
    """`compute()` run in a forked copy of this process, beside whatever this one does next;
    `result()` waits for its value (pickled back through a pipe) or raises its error.

    The copy sees this process as it was when forked and changes nothing in it: `compute` must
    only read (and return what it makes). `cancel()` stops it when its result is not wanted.
    """

    def __init__(self, compute: Callable[[], T]) -> None:
        self._inbox: _Inbox | None = None
        try:
            with _forking():  # the pipe too: a Ctrl-C before this leaves nothing to close
                read_end, write_end = os.pipe()
                self._process = multiprocessing.get_context("fork").Process(
                    target=_compute_beside, args=(compute, read_end, write_end), daemon=True)
                self._process.start()
                os.close(write_end)
                self._inbox = _Inbox(read_end)
        except KeyboardInterrupt:  # held back while forking, raised as that ends: no caller can cancel it
            if hasattr(self, "_process"):  # else it came before anything was made
                self.cancel()
            raise

    def result(self) -> T:
        inbox = self._inbox
        if inbox is None:
            raise RuntimeError("the result of a process beside this one was already taken")
        try:
            while inbox.open:
                for ok, value in inbox.read():
                    if not ok:
                        raise value
                    self._process.join()
                    return value  # type: ignore[no-any-return]
            raise WorkerError("a process beside this one ended before sending its result")
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop the process if it still runs, and close its pipe (once its result is taken, or
        when it is not wanted: an error or Ctrl-C here)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        if self._inbox is not None:
            self._inbox.close()
            self._inbox = None


def _compute_beside(compute: Callable[[], Any], read_end: int, write_end: int) -> None:
    """The forked process of a `Beside`: compute, send (True, value) or (False, error), end."""
    os.close(read_end)
    _leave_ctrl_c_to_the_parent()
    outbox = _Outbox(write_end)
    try:
        outbox.put((True, compute()))
    except BaseException as error:  # noqa: BLE001 - every error is the parent's to raise
        outbox.put((False, _portable(error)))
    outbox.close()


def _with_progress(files: Sequence[Path], results: Iterator[T], bar: ProgressBar | None) -> Iterator[tuple[Path, T]]:
    for file, result in zip(files, results):
        if bar is not None:
            bar.advance()
        yield file, result
    if bar is not None:
        bar.close()
