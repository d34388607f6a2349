"""The per-document stage gives the same results in worker processes as in one process."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from project_files import write_project

import claimstrack.parallel as parallel
from claimstrack.engine import check, known_selectors, load_project_config


def _corpus(root: Path, count: int) -> None:
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n")
    content = root / "content"
    content.mkdir()
    for i in range(count):
        (content / f"p{i:03}.md").write_text(f"# Page {i}\n\nOver {50 + i % 40}% of patients improved.\n")


def _parallel(monkeypatch, processes: int = 2, chunk: int = 1) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(parallel, "MIN_WORKERS", 2)
    monkeypatch.setattr(parallel, "worker_count", lambda: processes)
    monkeypatch.setattr(parallel, "_CHUNK", chunk)


def _slow_in_this_process(monkeypatch) -> None:
    """Each page checked in this process takes 50 ms longer, in a worker no longer."""
    import claimstrack.engine as engine

    parent, check_page = os.getpid(), engine.check_page

    def slow(*args, **kwargs):
        if os.getpid() == parent:
            time.sleep(0.05)
        return check_page(*args, **kwargs)

    monkeypatch.setattr(engine, "check_page", slow)


def test_map_documents_keeps_order_in_worker_processes(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(parallel, "MIN_WORKERS", 2)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    files = [Path(f"f{i}") for i in range(300)]
    results = list(parallel.map_documents(files, lambda f: f.name.upper()))
    assert results == [(f, f.name.upper()) for f in files]


def test_check_in_parallel_equals_check_in_one_process(tmp_path, monkeypatch):
    _corpus(tmp_path, 60)
    serial = check(root=tmp_path)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(parallel, "MIN_WORKERS", 2)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    forked = check(root=tmp_path)
    assert forked.findings == serial.findings
    assert sum(f.code == "CT101" for f in forked.findings) == 60


def _forbid_restoring(monkeypatch) -> None:
    import claimstrack.engine as engine

    def restore(data):
        raise AssertionError("a record checked in this process was encoded and read back")

    monkeypatch.setattr(engine, "load_page", restore)


def test_a_page_checked_in_this_process_keeps_its_record(tmp_path, monkeypatch):
    _corpus(tmp_path, 5)
    expected = check(root=tmp_path).findings
    _forbid_restoring(monkeypatch)
    # serially, with and without a cache to write: the record is never turned into bytes and back
    assert check(root=tmp_path, keep_documents=False).findings == expected
    assert check(root=tmp_path, keep_documents=False, cache_dir=".cache").findings == expected
    assert any((tmp_path / ".cache").rglob("*")), "the cold run still writes its cache entries"


def test_a_worker_sends_its_record_as_bytes(tmp_path, monkeypatch):
    _corpus(tmp_path, 8)
    serial = check(root=tmp_path, keep_documents=False)
    _parallel(monkeypatch)
    _slow_in_this_process(monkeypatch)  # so that the worker takes pages
    assert not parallel.in_worker()
    assert check(root=tmp_path, keep_documents=False).findings == serial.findings
    _forbid_restoring(monkeypatch)
    with pytest.raises(AssertionError, match="read back"):  # the parent restores what workers send
        check(root=tmp_path, keep_documents=False)


def _name_and_pid(file: Path) -> tuple[str, int]:
    time.sleep(0.01)
    return file.name, os.getpid()


def test_this_process_checks_a_share_of_the_pages_itself(monkeypatch):
    _parallel(monkeypatch, processes=3, chunk=2)
    files = [Path(f"f{i}") for i in range(40)]
    results = list(parallel.map_documents(files, _name_and_pid))
    assert [(file, name) for file, (name, _) in results] == [(f, f.name) for f in files]
    pids = {pid for _, (_, pid) in results}
    assert os.getpid() in pids and len(pids) == 3  # this process and both workers


def _fails_in_a_worker(file: Path, parent: int = os.getpid()) -> str:
    if os.getpid() != parent:
        raise ValueError(f"cannot check {file.name}")
    time.sleep(0.02)
    return file.name


def test_an_error_in_a_worker_is_raised_here(monkeypatch):
    _parallel(monkeypatch)
    with pytest.raises(ValueError, match="cannot check f"):
        list(parallel.map_documents([Path(f"f{i}") for i in range(20)], _fails_in_a_worker))


def _dies_in_a_worker(file: Path, parent: int = os.getpid()) -> str:
    if os.getpid() != parent:
        os._exit(3)
    time.sleep(0.02)
    return file.name


def test_a_worker_that_dies_is_an_error_not_a_hang(monkeypatch):
    _parallel(monkeypatch)
    with pytest.raises(parallel.WorkerError, match="ended before sending all its results"):
        list(parallel.map_documents([Path(f"f{i}") for i in range(20)], _dies_in_a_worker))


def test_a_worker_never_waits_for_the_pipe_to_be_read():
    read_end, write_end = os.pipe()
    outbox = parallel._Outbox(write_end)
    messages = [(index, "x" * 10_000) for index in range(200)]  # 2 MB: far more than a pipe holds
    for message in messages:
        outbox.put(message)  # returns at once although nothing reads yet
    assert outbox.pending
    inbox = parallel._Inbox(read_end)
    received: list[object] = []
    while len(received) < len(messages):
        received += inbox.read()
        outbox.flush()
    outbox.close()
    assert received == messages
    assert inbox.read() == [] and not inbox.open
    inbox.close()


def test_chunks_cover_every_page_once_and_shrink_towards_the_end():
    import multiprocessing

    share = parallel._Share(multiprocessing.get_context("fork").Value("q", 0), 1000, 2)
    chunks = list(iter(share.claim, range(0)))
    assert [index for chunk in chunks for index in chunk] == list(range(1000))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes[0] == parallel._CHUNK and sizes[-1] == 1
    assert sizes == sorted(sizes, reverse=True)
    assert share.claim() == range(1000, 1000)


def _pid_and_block() -> tuple[int, bytes]:
    return os.getpid(), b"x" * 3_000_000  # far more than a pipe holds


def test_beside_computes_in_another_process_and_returns_its_result():
    running = parallel.Beside(_pid_and_block)
    pid, block = running.result()
    assert pid != os.getpid() and block == b"x" * 3_000_000
    with pytest.raises(RuntimeError, match="already taken"):
        running.result()


def _fails() -> None:
    raise ValueError("cannot group")


def _dies() -> None:
    os._exit(3)


def test_beside_raises_its_error_here_and_a_death_is_an_error_not_a_hang():
    with pytest.raises(ValueError, match="cannot group"):
        parallel.Beside(_fails).result()
    with pytest.raises(parallel.WorkerError, match="ended before sending its result"):
        parallel.Beside(_dies).result()


def test_beside_cancelled_stops_the_process():
    running = parallel.Beside(lambda: time.sleep(30))
    started = time.perf_counter()
    running.cancel()
    assert not running._process.is_alive() and time.perf_counter() - started < 10


def _two_disagreeing_pages(root: Path, copies: int) -> None:
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n")
    content = root / "content"
    content.mkdir()
    for i in range(copies):
        (content / f"a{i:02}.md").write_text("Approximately 42 million Americans have migraine.\n")
        (content / f"b{i:02}.md").write_text("Almost 49 million people in the United States have migraine.\n")


def test_inferred_measures_are_grouped_beside_the_other_site_wide_checks(tmp_path, monkeypatch):
    _two_disagreeing_pages(tmp_path, 3)
    serial = check(root=tmp_path, keep_documents=False)
    assert any(f.code == "CT210" for f in serial.findings)
    _parallel(monkeypatch)
    started: list[int] = []

    class Recorded(parallel.Beside):
        def __init__(self, compute):
            started.append(os.getpid())
            super().__init__(compute)

    import claimstrack.checks.runner as runner

    monkeypatch.setattr(runner, "Beside", Recorded)
    assert check(root=tmp_path, keep_documents=False).findings == serial.findings
    assert started == [os.getpid()]  # CT210's check only, started once from this process
    started.clear()
    assert check(root=tmp_path).findings == serial.findings  # the report reads the groups: made here
    assert started == []


def test_two_processes_claim_every_index_once_from_both_ends():
    ends = parallel.FromBothEnds(50)
    running = parallel.Beside(lambda: [ends.last() for _ in range(20)])
    mine = []
    while (index := ends.first()) is not None:
        mine.append(index)
        time.sleep(0.002)
    theirs = [index for index in running.result() if index is not None]
    assert mine == sorted(mine) and theirs == sorted(theirs, reverse=True)
    assert sorted(mine + theirs) == list(range(50)) and theirs  # each once; the forked one took some
    assert ends.first() is None and ends.last() is None


_PLACES = ("in the United States", "in Canada", "in Europe", "in the UK", "in Mexico", "in Japan")


def _declared_measures_site(root: Path, pages: int, places: tuple[str, ...] = _PLACES) -> None:
    """Six declared measures (one per place), each stated on every page; every third page states
    the US figure as 45 million, every fourth the Canadian as 20 million (CT201-CT203 findings)."""
    claims = ["schema = 1\n"]
    for i, place in enumerate(places):
        claims.append(f'[measure.m{i}]\nkind = "count"\nvalue = 39000000\n\n[[claim]]\nid = "c{i}"\n'
                      f'text = "An estimated 39 million people {place} have migraine"\nmeasure = "m{i}"\n'
                      'status = "draft"\n')
    write_project(root, {"claimstrack.toml": "today = 2026-11-21\n", "claims/claims.toml": "\n".join(claims),
                         **{f"content/p{n:02}.md": "".join(
                             f"An estimated {45 if (i, n % 3) == (0, 0) else 20 if (i, n % 4) == (1, 0) else 39} "
                             f"million people {place} have migraine.\n\n" for i, place in enumerate(places))
                            for n in range(pages)}})


def test_declared_measures_are_shared_with_the_process_beside_in_their_order(tmp_path, monkeypatch):
    # CT210's forked copy takes measures from the end of CT201-CT203's list while this process
    # takes them from its start: the findings are one process's, in the same order.
    import claimstrack.checks.consistency_rules as rules

    _declared_measures_site(tmp_path, 12)
    tally = tmp_path / "compared"
    compare = rules._measure_findings

    def slow(context, key, pages):  # each measure takes a while, so that both processes take some
        time.sleep(0.05)
        with tally.open("a") as handle:
            handle.write(f"{os.getpid()} {key}\n")
        return compare(context, key, pages)

    def compared() -> list[list[str]]:
        lines = [line.split() for line in tally.read_text().splitlines()]
        tally.unlink()
        return lines

    monkeypatch.setattr(rules, "_measure_findings", slow)
    serial = check(root=tmp_path, keep_documents=False)
    assert {f.code for f in serial.findings} >= {"CT201", "CT203"}
    order = [key for _, key in compared()]
    assert sorted(order) == [f"m{i}" for i in range(6)]
    _parallel(monkeypatch)
    assert check(root=tmp_path, keep_documents=False).findings == serial.findings
    shared = compared()
    assert sorted(key for _, key in shared) == sorted(order)  # each measure once
    assert len({pid for pid, _ in shared}) == 2
    here = [key for pid, key in shared if pid == str(os.getpid())]
    assert here and here == order[: len(here)]  # this process took the first ones, the other the rest
    # without CT210 the forked copy is started for the declared measures alone
    config = load_project_config(root=tmp_path).with_selection(ignore=["CT210"], known_codes=known_selectors())
    alone = check(root=tmp_path, keep_documents=False, config=config)
    assert list(alone.findings) == [f for f in serial.findings if f.code != "CT210"]
    assert len({pid for pid, _ in compared()}) == 2


def test_a_declared_measures_check_of_one_part_beside_works_its_parts_out_once(tmp_path, monkeypatch):
    # one declared measure: CT201-CT203 run here whole while CT210 runs beside, on the parts
    # worked out when the process beside was started, not worked out a second time
    import claimstrack.checks.consistency_rules as rules

    _declared_measures_site(tmp_path, 12, _PLACES[:1])
    serial = check(root=tmp_path, keep_documents=False)
    assert {f.code for f in serial.findings} >= {"CT202", "CT203"}
    _parallel(monkeypatch)
    calls = []
    uses = rules.declared_uses
    monkeypatch.setattr(rules, "declared_uses", lambda context: calls.append(os.getpid()) or uses(context))
    assert check(root=tmp_path, keep_documents=False).findings == serial.findings
    assert calls == [os.getpid()]


def test_the_cache_entries_grouping_beside_used_are_kept_by_this_process(tmp_path, monkeypatch):
    # pruning the cache keeps what a run used: the entries CT210's forked process read or wrote too
    import claimstrack.engine as engine
    from claimstrack.cache import SITE_PREFIX

    _two_disagreeing_pages(tmp_path, 3)
    _parallel(monkeypatch)
    caches: list[engine.PageCache] = []

    class Recorded(engine.PageCache):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            caches.append(self)

    monkeypatch.setattr(engine, "PageCache", Recorded)
    for _ in range(2):  # cold: written; warm: read
        assert any(f.code == "CT210" for f in check(root=tmp_path, keep_documents=False, cache_dir=".cache").findings)
        site = {name.removeprefix(SITE_PREFIX) for pack in (tmp_path / ".cache").rglob("*.pack")
                for name in engine.PageCache.names_in(pack) if name.startswith(SITE_PREFIX)}
        assert site and site <= caches[-1].used


def _interrupted_first(child: Callable[..., None]) -> Callable[..., None]:
    """`child` (a forked process's target) with a Ctrl-C coming first, as between the fork and
    the moment it ignores SIGINT: Ctrl-C reaches every process of the terminal's group."""

    def interrupted(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        child(*args)

    return interrupted


def test_a_ctrl_c_as_a_worker_is_forked_is_left_to_this_process(monkeypatch, capfd):
    _parallel(monkeypatch, chunk=4)
    monkeypatch.setattr(parallel, "_worker", _interrupted_first(parallel._worker))
    files = [Path(f"f{i}") for i in range(300)]
    assert list(parallel.map_documents(files, lambda f: f.name.upper())) == [(f, f.name.upper()) for f in files]
    monkeypatch.setattr(parallel, "_compute_beside", _interrupted_first(parallel._compute_beside))
    assert parallel.Beside(_pid_and_block).result()[1] == b"x" * 3_000_000
    assert "Traceback" not in capfd.readouterr().err


_INTERRUPTIBLE_RUN = """
import os, signal, sys, time
# A process started in the background of a non-interactive shell (a CI runner, `land.sh &`)
# inherits SIGINT ignored, and Python then leaves it ignored: this run takes Ctrl-C as a
# terminal's foreground run would, whatever started the tests.
signal.signal(signal.SIGINT, signal.default_int_handler)
import claimstrack.engine as engine, claimstrack.parallel as parallel
from claimstrack.__main__ import main
parallel.PARALLEL_THRESHOLD, parallel.MIN_WORKERS, parallel.worker_count = 2, 2, lambda: 2
check_page = engine.check_page
def slow(*args, **kwargs):  # the page stage lasts until the test's Ctrl-C
    time.sleep(0.05)
    return check_page(*args, **kwargs)
engine.check_page = slow
sys.argv = ["claimstrack", "check"]
sys.exit(main())
"""


def _children(pid: int) -> set[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(child) for child in children.read_text().split()} if children.exists() else set()


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie nobody reaped has ended


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from Linux's /proc")
def test_ctrl_c_during_the_forked_page_stage_ends_the_run_quietly_with_its_workers(tmp_path):
    _corpus(tmp_path, 400)
    run = subprocess.Popen([sys.executable, "-c", _INTERRUPTIBLE_RUN], cwd=tmp_path, start_new_session=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (workers := _children(run.pid)) and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.02)
    assert workers, "no worker was started"
    time.sleep(0.3)  # the workers check pages
    os.killpg(run.pid, signal.SIGINT)  # as the terminal sends it: to every process of the group
    out, err = run.communicate(timeout=60)
    assert (run.returncode, err, out) == (130, "claimstrack: interrupted\n", "")
    deadline = time.monotonic() + 10
    while (left := [w for w in workers if _running(w)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left


def test_a_ctrl_c_just_before_a_beside_forks_stops_it_as_a_plain_ctrl_c(monkeypatch):
    # SIGINT is held back only once _forking() has begun: a Ctrl-C that comes before leaves
    # nothing made (no process to cancel, no pipe to close) and reaches the caller as it is.
    @contextlib.contextmanager
    def interrupted() -> Iterator[None]:
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr(parallel, "_forking", interrupted)
    open_before = len(os.listdir("/proc/self/fd"))
    with pytest.raises(KeyboardInterrupt):
        parallel.Beside(lambda: 1)
    assert len(os.listdir("/proc/self/fd")) == open_before
