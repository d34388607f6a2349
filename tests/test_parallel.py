"""The per-document stage gives the same results in worker processes as in one process."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimstrack.parallel as parallel
from claimstrack.engine import check


def _corpus(root: Path, count: int) -> None:
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n")
    content = root / "content"
    content.mkdir()
    for i in range(count):
        (content / f"p{i:03}.md").write_text(f"# Page {i}\n\nOver {50 + i % 40}% of patients improved.\n")


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
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(parallel, "MIN_WORKERS", 2)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    assert not parallel.in_worker()
    assert check(root=tmp_path, keep_documents=False).findings == serial.findings
    _forbid_restoring(monkeypatch)
    with pytest.raises(AssertionError, match="read back"):  # the parent restores what workers send
        check(root=tmp_path, keep_documents=False)
