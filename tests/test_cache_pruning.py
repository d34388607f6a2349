"""The cache stays bounded: `claimstrack clean` removes it, a run prunes what no run used for a
week, and never what another run holding the folder reads or writes."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import claimstrack.cache_pruning as pruning
from claimstrack.cache import LAYOUT, PageCache
from claimstrack.cli import main
from claimstrack.engine import check
from tests.project_files import write_project

DAY = 24 * 3600.0
PAGE = "# Page {i}\n\nAbout {i}% of adults in Canada have asthma, and 49 million Americans have migraine.\n"


def _project(root: Path, pages: int = 3) -> Path:
    files = {"claimstrack.toml": "today = 2026-11-21\n", "references.bib": ""}
    files.update({f"content/p{i}.md": PAGE.format(i=i) for i in range(pages)})
    return write_project(root, files)


def _run(root: Path):
    return check(root=root, keep_documents=False, cache_dir="cache")


def _settings_folder(root: Path) -> Path:
    (folder,) = [p for p in (root / "cache" / f"pages-{LAYOUT}").iterdir() if p.is_dir()]
    return folder


def _entries(folder: Path) -> dict[str, float]:
    """The names of the entries in a settings folder's packs, with when the newest pack holding
    each was written."""
    written: dict[str, float] = {}
    for pack in folder.glob("*.pack"):
        for name in PageCache.names_in(pack):
            written[name] = max(written.get(name, 0.0), pack.stat().st_mtime)
    return written


def _age(path: Path, days: float) -> None:
    """Make `path` and everything below it look `days` old."""
    moment = time.time() - days * DAY
    for item in [*path.rglob("*"), path]:
        os.utime(item, (moment, moment))


def _due(root: Path) -> None:
    """The folder was last pruned two days ago."""
    (root / "cache" / pruning.STAMP).touch()
    _age(root / "cache" / pruning.STAMP, 2)


@contextlib.contextmanager
def _another_run_holds(folder: Path) -> Iterator[None]:
    """Another run's shared lock on the cache folder, as `cache_in_use` takes it."""
    descriptor = os.open(folder, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_SH)
    try:
        yield
    finally:
        os.close(descriptor)


def _stale_things(root: Path) -> dict[str, Path]:
    """What a week of other runs leaves: another settings digest's folder, an older layout's,
    the pack of an earlier run holding the entry of a page since edited, and temporary files of
    writes (of the stat index), one abandoned, one going on."""
    cache, settings = root / "cache", _settings_folder(root)
    other = cache / f"pages-{LAYOUT}" / ("f" * 32)
    older = cache / "pages-1" / ("e" * 32)
    earlier = set(settings.glob("*.pack"))
    run = PageCache(cache, settings.name)
    run.put("ab" + "0" * 30, b"entry")
    run.close()
    (edited,) = set(settings.glob("*.pack")) - earlier
    abandoned = cache / f"pages-{LAYOUT}" / ".stat-index.x1.tmp"
    writing = cache / f"pages-{LAYOUT}" / ".stat-index.x2.tmp"
    for file in (other / "cd" / ("cd" + "1" * 30), older / "cd" / ("cd" + "2" * 30), abandoned, writing):
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(b"entry")
    for path in (other, older.parent, edited, abandoned):
        _age(path, 8)
    return {"other": other, "older": older.parent, "edited": edited, "abandoned": abandoned, "writing": writing}


def test_a_due_run_prunes_what_no_run_used_for_a_week_and_keeps_its_findings(tmp_path):
    root = _project(tmp_path)
    first = _run(root)
    settings = _settings_folder(root)
    used = _entries(settings)
    _age(settings, 30)  # entries of unchanged pages are as old as the pages: still in use
    stale = _stale_things(root)
    _due(root)
    again = _run(root)
    assert again.findings == first.findings
    for name in ("other", "older", "edited", "abandoned"):
        assert not stale[name].exists(), name
    assert stale["writing"].exists()  # a write in progress is never taken away
    kept = _entries(settings)
    assert set(used) <= set(kept) and "ab" + "0" * 30 not in kept
    # the entries this run used are written again, so a pruning run on another branch keeps them
    assert all(kept[name] > time.time() - DAY for name in used)
    assert len(list(settings.glob("*.pack"))) == 1  # the old pack, every entry of it carried, is gone
    assert (root / "cache" / pruning.STAMP).stat().st_mtime > time.time() - DAY


def test_folders_and_entries_used_within_the_week_stay(tmp_path):
    root = _project(tmp_path)
    _run(root)
    stale = _stale_things(root)
    for name in ("other", "edited"):
        _age(stale[name], 6)
    _due(root)
    _run(root)
    assert stale["other"].exists() and stale["edited"].exists()
    assert not stale["older"].exists()


def test_a_run_prunes_at_most_once_a_day(tmp_path):
    root = _project(tmp_path)
    _run(root)
    stale = _stale_things(root)
    _run(root)  # the stamp is the first run's: pruned a day later
    assert all(path.exists() for path in stale.values())
    _due(root)
    _run(root)
    assert not stale["other"].exists()


def test_no_run_prunes_while_another_run_holds_the_folder(tmp_path):
    root = _project(tmp_path)
    first = _run(root)
    stale = _stale_things(root)
    _due(root)
    with _another_run_holds(root / "cache"):
        held = _run(root)
    assert held.findings == first.findings
    assert all(path.exists() for path in stale.values())  # nothing another run may read or write
    _run(root)  # the next run alone prunes
    assert not stale["other"].exists() and not stale["edited"].exists()


def test_a_run_holds_the_folder_so_that_no_other_run_prunes_it(tmp_path, monkeypatch):
    root = _project(tmp_path)
    _run(root)
    holders: list[bool] = []

    def held() -> bool:  # may this run's folder be taken exclusively by another run?
        descriptor = os.open(root / "cache", os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return False
        except BlockingIOError:
            return True
        finally:
            os.close(descriptor)

    original = pruning.PageCache.get
    monkeypatch.setattr(pruning.PageCache, "get", lambda cache, key: holders.append(held()) or original(cache, key))
    _run(root)
    assert holders and all(holders)
    assert not held()  # released when the run ends


def test_clean_removes_the_cache_folder(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["check", "--quiet"]) == 1
    assert (root / ".claimstrack_cache" / "CACHEDIR.TAG").exists()
    assert main(["clean"]) == 0
    assert not (root / ".claimstrack_cache").exists()
    assert "removed .claimstrack_cache" in capsys.readouterr().err
    assert main(["clean"]) == 0
    assert "no cache at .claimstrack_cache" in capsys.readouterr().err


def test_clean_takes_the_cache_dir_setting_and_option(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    (root / "claimstrack.toml").write_text('today = 2026-11-21\ncache-dir = "build/cache"\n', encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["check", "--quiet"]) == 1
    assert main(["clean"]) == 0
    assert not (root / "build" / "cache").exists() and (root / "build").exists()
    monkeypatch.chdir(root / "content")
    assert main(["check", "--quiet", "--cache-dir", "here", "p0.md"]) == 1
    assert (root / "content" / "here").is_dir()
    assert main(["clean", "--cache-dir", "here"]) == 0  # the option is relative to where it runs
    assert not (root / "content" / "here").exists()
    assert capsys.readouterr().err.splitlines()[-1].endswith("here")


def test_clean_refuses_a_folder_that_is_not_a_cache(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["clean", "--cache-dir", "content"]) == 2
    assert (root / "content" / "p0.md").exists()
    assert "content is not a claimstrack cache folder" in capsys.readouterr().err
    assert main(["clean", "--cache-dir", ""]) == 2


def test_clean_waits_for_a_run_then_gives_up(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    _run(root)
    monkeypatch.setattr(pruning, "LOCK_TIMEOUT", 0.1)
    with _another_run_holds(root / "cache"), pytest.raises(pruning.UsageError, match="another claimstrack run"):
        pruning.clean_cache(root / "cache")
    assert (root / "cache" / "CACHEDIR.TAG").exists()
    assert pruning.clean_cache(root / "cache") and not (root / "cache").exists()
