"""The per-document stage gives the same results in worker processes as in one process."""

from __future__ import annotations

from pathlib import Path

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
