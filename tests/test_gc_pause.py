"""A check run pauses the cyclic collector and restores it; workers and the page loop collect."""

from __future__ import annotations

import gc

import claimstrack.engine as engine
import claimstrack.parallel as parallel
from claimstrack.engine import check
from claimstrack.gc_pause import collect_young, paused_gc, start_worker


def _corpus(root, count):
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (root / "content").mkdir()
    for i in range(count):
        (root / "content" / f"p{i:03}.md").write_text(f"Over {50 + i}% of patients improved.\n")


def test_a_run_pauses_the_collector_and_restores_it(tmp_path, monkeypatch):
    _corpus(tmp_path, 3)
    seen = []
    original = engine.check_page
    monkeypatch.setattr(engine, "check_page", lambda *a: (seen.append(gc.isenabled()), original(*a))[1])
    assert gc.isenabled()
    report = check(root=tmp_path)
    assert seen == [False, False, False]
    assert gc.isenabled()
    gc.disable()
    try:
        check(root=tmp_path)
        assert not gc.isenabled()  # a caller's own setting is kept
    finally:
        gc.enable()
    assert len(report.findings) >= 3


def test_pauses_nest_and_restore_after_an_error():
    with paused_gc():
        with paused_gc():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with paused_gc():
            raise KeyError
    except KeyError:
        pass
    assert gc.isenabled()


def test_the_serial_page_loop_frees_cycles_while_paused(monkeypatch):
    class Node:
        def __init__(self):
            self.me = self

    def work(_):
        return id(Node())  # a cycle, as a reader's parse tree may leave

    with paused_gc():
        before = len(gc.get_objects(generation=0))
        list(parallel.map_documents([f"f{i}" for i in range(parallel._CHUNK * 4)], work))
        after = len(gc.get_objects(generation=0))
    assert after - before < parallel._CHUNK + 10  # the cycles were collected chunk by chunk
    collect_young()  # with the collector running it is a no-op


def test_a_worker_collects_but_never_walks_what_it_inherited():
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        enabled, frozen = pool.apply(_worker_state)
    assert enabled and frozen > 0


def _worker_state():
    gc.disable()
    start_worker()
    return gc.isenabled(), gc.get_freeze_count()


def test_the_program_keeps_the_collector_off_to_its_end_and_freezes_what_it_made(monkeypatch):
    import claimstrack.cli as cli

    seen = []
    monkeypatch.setattr(cli, "main", lambda: (seen.append(gc.isenabled()), 3)[1])
    frozen = gc.get_freeze_count()
    try:
        assert cli.run() == 3
        assert seen == [False] and not gc.isenabled()  # main ran with it off, and it stays off
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
        gc.enable()
