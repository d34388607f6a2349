"""The per-page cache: same findings with or without it, with one or two workers; never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimstrack.cache as cache_module
import claimstrack.checks.page as page_module
import claimstrack.engine as engine
import claimstrack.parallel as parallel
from claimstrack.engine import check
from tests.project_files import write_project

CLAIMS = """schema = 1

[measure.us-migraine-prevalence]
kind = "count"
value = 39000000

[[claim]]
id = "us-prevalence"
text = "An estimated 39 million people in the United States have migraine"
measure = "us-migraine-prevalence"
status = "approved"
approved_by = "A. Reviewer"
approved_on = 2026-11-01

[[claim.evidence]]
cite = "lipton2007"
"""
BIB = "@article{lipton2007, title = {Migraine}, year = {2007}, doi = {10.1/x}}\n"


def _site(root: Path, pages: int = 24) -> Path:
    files: dict[str, str | bytes] = {
        "claimstrack.toml": "today = 2026-11-21\n",
        "claims/claims.toml": CLAIMS,
        "references.bib": BIB,
        "content/binary.txt": b"\x00\x01\x02",
        "content/suppressed.md": "<!-- claimstrack: ignore[CT101] reason=\"press\" -->\n"
                                 "Over 90% of patients improve.\n\n"
                                 "<!-- claimstrack: ignore[CT401] reason=\"unused\" -->\nPlain words.\n",
    }
    for i in range(pages):
        share = 20 if i % 7 == 0 else 12
        files[f"content/p{i:03}.md"] = (
            f"# Page {i}\n\nAn estimated 39 million people in the United States have migraine [@lipton2007].\n\n"
            f"Approximately 49 million Americans have migraine. About {share}% of adults in Canada have asthma.\n\n"
            f"In our clinic, {91 + i % 2}% of 25 patients reported relief; 15/77, 27.3% did not.\n\n"
            "Our infusions are clinically proven to stop attacks.\n"
        )
    return write_project(root, files)


def _parallel(monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 2 if workers > 1 else 10**9)
    monkeypatch.setattr(parallel, "worker_count", lambda: workers)


def _run(root: Path, **kwargs: object):
    return check(root=root, keep_documents=False, **kwargs)  # type: ignore[arg-type]


def _page_entries(folder: Path) -> list[str]:
    """The names of the pages' entries in a cache folder's packs (not the reused site-wide
    findings)."""
    return [name for pack in folder.rglob("*.pack") for name in cache_module.PageCache.names_in(pack)
            if not name.startswith(cache_module.SITE_PREFIX)]


def _outcome(report) -> tuple[object, ...]:
    return (report.findings, tuple((s.finding, s.reason) for s in report.suppressed), report.paths, report.figures)


@pytest.mark.parametrize("workers", [1, 2])
def test_findings_identical_with_and_without_cache_and_any_workers(tmp_path, monkeypatch, workers):
    root = _site(tmp_path)
    reference = check(root=root)  # documents kept in memory, no cache: the plain pipeline
    _parallel(monkeypatch, workers)
    uncached = _run(root)
    cold = _run(root, cache_dir=".claimstrack_cache")
    warm = _run(root, cache_dir=".claimstrack_cache")
    assert {f.code for f in reference.findings} >= {"CT101", "CT201", "CT210", "CT220", "CT221", "CT401",
                                                    "CT901", "CT903"}
    assert _outcome(uncached) == _outcome(cold) == _outcome(warm)
    assert uncached.findings == reference.findings and uncached.suppressed == reference.suppressed


def test_a_warm_run_reads_only_the_changed_page(tmp_path, monkeypatch):
    root = _site(tmp_path)
    _run(root, cache_dir="cache")
    checked: list[str] = []
    original = page_module.check_page

    def counting(document, matcher, context):
        checked.append(document.path)
        return original(document, matcher, context)

    monkeypatch.setattr(engine, "check_page", counting)
    page = root / "content/p003.md"
    page.write_text(page.read_text().replace("About 12%", "About 20%"))
    warm = _run(root, cache_dir="cache")
    assert checked == ["content/p003.md"]
    fresh = _run(root)
    assert _outcome(warm) == _outcome(fresh)
    assert any(f.path == "content/p003.md" and f.code == "CT210" for f in warm.findings)


def test_config_library_and_code_changes_miss_the_cache(tmp_path, monkeypatch):
    root = _site(tmp_path, pages=6)
    _run(root, cache_dir="cache")
    (root / "claimstrack.toml").write_text('today = 2026-11-21\nseverity = { CT101 = "info" }\n')
    changed = _run(root, cache_dir="cache")
    assert {f.severity.value for f in changed.findings if f.code == "CT101"} == {"info"}
    (root / "claims/claims.toml").write_text(CLAIMS.replace('status = "approved"', 'status = "draft"'))
    relibrary = _run(root, cache_dir="cache")
    assert _outcome(relibrary) == _outcome(_run(root))
    assert any(f.code == "CT302" for f in relibrary.findings)
    checked: list[str] = []
    original = page_module.check_page
    monkeypatch.setattr(engine, "check_page", lambda d, m, c: (checked.append(d.path), original(d, m, c))[1])
    monkeypatch.setattr(cache_module, "_source_digest", "an edited package")
    _run(root, cache_dir="cache")
    assert len(checked) == 7  # every readable page again


def test_an_upgraded_reader_library_is_a_miss(tmp_path, monkeypatch):
    # A page's result depends on the libraries that read it too (markdown-it-py parses every
    # Markdown page): after one is upgraded, no page may be served what the old one read.
    import importlib.metadata

    root = _site(tmp_path, pages=6)
    _run(root, cache_dir="cache")
    checked: list[str] = []
    original = page_module.check_page
    monkeypatch.setattr(engine, "check_page", lambda d, m, c: (checked.append(d.path), original(d, m, c))[1])
    _run(root, cache_dir="cache")
    assert checked == []
    version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "999.0" if name == "markdown-it-py" else version(name))
    monkeypatch.setattr(cache_module, "_dependency_versions", None, raising=False)  # as in a new process
    _run(root, cache_dir="cache")
    assert len(checked) == 7  # every readable page again


def test_corrupt_or_foreign_entries_are_misses_not_errors(tmp_path, monkeypatch):
    root = _site(tmp_path, pages=6)
    first = _run(root, cache_dir="cache")
    (pack,) = root.glob("cache/pages-*/*/*.pack")
    records = list(cache_module._Packs.records(pack))
    assert len(records) > 7
    data = bytearray(pack.read_bytes())
    offset, length, _ = records[0][1]
    data[offset + cache_module._RECORD.size + 32 + length // 2] ^= 0xFF  # a flipped bit in the first page's
    pack.write_bytes(bytes(data[: records[-1][1][0] + 20]))  # and the last record torn
    (pack.parent / "0-foreign.pack").write_bytes(b"not a cache pack")
    (pack.parent / "1-foreign.pack").write_bytes(cache_module._PACK_MAGIC + b"\xff" * 40)
    checked: list[str] = []
    original = page_module.check_page
    monkeypatch.setattr(engine, "check_page", lambda d, m, c: (checked.append(d.path), original(d, m, c))[1])
    assert _outcome(_run(root, cache_dir="cache")) == _outcome(first)
    assert len(checked) == 1  # the page whose record was damaged
    checked.clear()
    assert _outcome(_run(root, cache_dir="cache")) == _outcome(first)
    assert checked == []  # what was damaged was written again


def test_concurrent_writers_each_append_to_a_pack_of_their_own(tmp_path):
    # Two runs (or a run's processes) never write to one file: each process makes its own pack
    # on its first write, and a forked process does not append to its parent's.
    import os

    cache = cache_module.PageCache(tmp_path / "cache", "s" * 32)
    cache.put("a" * 32, b"parent's")
    child = os.fork()
    if child == 0:
        cache.put("b" * 32, b"child's")
        os._exit(0)
    assert os.waitpid(child, 0)[1] == 0
    other = cache_module.PageCache(tmp_path / "cache", "s" * 32)
    other.put_findings("c" * 32, b"another run's")
    packs = cache.pack_files()
    assert len(packs) == 3
    assert sorted(name for pack in packs for name in cache.names_in(pack)) == [
        "a" * 32, "b" * 32, cache_module.SITE_PREFIX + "c" * 32]
    cache.close()
    again = cache_module.PageCache(tmp_path / "cache", "s" * 32)
    assert again._packs.read("b" * 32) == b"child's" and again.get_findings("c" * 32) == b"another run's"
    again.close()


def test_a_kept_grouping_that_names_a_group_these_pages_do_not_make_is_a_miss(tmp_path):
    # A damaged grouping entry that still passes its seal (CRC) and names a group no grouping
    # of these pages makes, by a member they do not have: grouped afresh, not a KeyError.
    import marshal

    from claimstrack.checks.records import FORMAT, dump_grouping, load_grouping

    root = _site(tmp_path, pages=10)
    first = _run(root, cache_dir="cache")
    (settings,) = (root / "cache").glob("pages-*/*/")
    store = cache_module.PageCache(root / "cache", settings.name)
    names = [name.removeprefix(cache_module.SITE_PREFIX) for pack in store.pack_files()
             for name in store.names_in(pack) if name.startswith(cache_module.SITE_PREFIX)]
    groupings = [(name, load_grouping(store.get_findings(name) or b"")) for name in names]
    kept = [(name, grouping) for name, grouping in groupings if grouping]
    assert len(kept) == 1
    name, grouping = kept[0]
    unknown = marshal.dumps((FORMAT, "no-such-group", None, 1.0, ((0, 999, None, None, None),)), 4)
    store.put_findings(name, dump_grouping([((0,), unknown), *grouping[1:]]))  # newer than the run's: read first
    store.close()
    assert _outcome(_run(root, cache_dir="cache")) == _outcome(first) == _outcome(_run(root))
    again = cache_module.PageCache(root / "cache", settings.name)
    assert load_grouping(again.get_findings(name) or b"") == grouping  # made again, kept again
    again.close()


def _pack_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the pack files opened from now on."""
    import os

    opened: list[str] = []
    real = os.open

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith(".pack"):
            opened.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting)
    return opened


@pytest.mark.parametrize("pread", [True, False])
def test_an_entry_is_read_from_its_pack_once_the_mapping_is_let_go(tmp_path, monkeypatch, pread):
    # After the page lookups the packs' mappings are let go; the site-wide findings looked up
    # later, and what this process wrote, are read from the files (without os.pread on Windows).
    import os

    if not pread:
        monkeypatch.delattr(os, "pread", raising=False)
    writer = cache_module.PageCache(tmp_path / "cache", "s" * 32)
    writer.put_findings("a" * 32, b"kept before")
    writer.close()
    cache = cache_module.PageCache(tmp_path / "cache", "s" * 32)
    assert cache.holds_entries()
    cache.end_lookups()
    cache.put_findings("b" * 32, b"kept now")
    assert cache.get_findings("a" * 32) == b"kept before" and cache.get_findings("b" * 32) == b"kept now"
    assert cache.get_findings("c" * 32) is None
    cache.close()


def test_a_cold_run_writes_a_pack_a_process_and_a_warm_run_reads_each_once(tmp_path, monkeypatch):
    # A cold run writes one file per writing process (not one per page), and the next run reads
    # each of them once, whole, instead of thousands of files.
    root = _site(tmp_path, pages=12)
    _parallel(monkeypatch, 2)
    cold = _run(root, cache_dir="cache")
    packs = sorted(p.name for p in (root / "cache").rglob("*.pack"))
    assert 2 <= len(packs) <= 3  # this process, its worker, and CT210's forked copy if it wrote any
    assert len(_page_entries(root / "cache")) == 13  # 12 pages and suppressed.md
    _parallel(monkeypatch, 1)  # what is checked again is checked here, where it is counted
    opened = _pack_opens(monkeypatch)
    checked: list[str] = []
    original = page_module.check_page
    monkeypatch.setattr(engine, "check_page", lambda d, m, c: (checked.append(d.path), original(d, m, c))[1])
    assert _outcome(_run(root, cache_dir="cache")) == _outcome(cold) and checked == []
    assert sorted(opened) == packs
    # An edited page misses: its new entry goes into a pack of the run that checked it.
    page = root / "content/p003.md"
    page.write_text(page.read_text().replace("Our infusions", "Truly, our infusions"))
    edited = _run(root, cache_dir="cache")
    assert checked == ["content/p003.md"] and _outcome(edited) == _outcome(_run(root)) != _outcome(cold)
    opened.clear()
    checked.clear()
    assert _outcome(_run(root, cache_dir="cache")) == _outcome(edited) and checked == []
    assert len(opened) == len(packs) + 1


@pytest.mark.parametrize("damage", ["entry", "header", "truncated", "foreign"])
def test_a_damaged_pack_is_read_past_not_trusted(tmp_path, monkeypatch, damage):
    root = _site(tmp_path, pages=12)
    cold = _run(root, cache_dir="cache")
    (pack,) = (root / "cache").rglob("*.pack")
    records = list(cache_module._Packs.records(pack))
    data = bytearray(pack.read_bytes())
    if damage == "entry":  # one byte of the last entry: that entry is a miss
        data[-3] ^= 0xFF
    elif damage == "header":  # the first record's length: no record of the pack is whole
        data[records[0][1][0] + 3] ^= 0xFF
    elif damage == "truncated":
        del data[len(data) // 2:]
    else:
        data[:] = b"not a pack"
    pack.write_bytes(bytes(data))
    checked: list[str] = []
    original = page_module.check_page
    monkeypatch.setattr(engine, "check_page", lambda d, m, c: (checked.append(d.path), original(d, m, c))[1])
    assert _outcome(_run(root, cache_dir="cache")) == _outcome(cold) == _outcome(_run(root))
    assert 1 <= len(checked) <= 13 + (damage != "entry") * 13


def test_a_cache_folder_that_cannot_be_made_leaves_the_findings_as_without_a_cache(tmp_path, monkeypatch, capsys):
    # The cache only saves time: a file where its folder should be (or a path below that file)
    # must neither stop the run nor change what it finds.
    from claimstrack.cli import main

    root = _site(tmp_path, pages=3)
    (root / "blocked").write_text("a file, not a folder\n")
    assert _outcome(_run(root, cache_dir="blocked")) == _outcome(_run(root))
    assert _outcome(_run(root, cache_dir="blocked/below")) == _outcome(_run(root))
    monkeypatch.chdir(root)
    assert main(["check", "--no-cache"]) == 1
    uncached = capsys.readouterr()
    for folder in ("blocked", "blocked/below"):
        assert main(["check", "--cache-dir", folder]) == 1
        cached = capsys.readouterr()
        assert cached.out == uncached.out and "Traceback" not in cached.err
    assert (root / "blocked").read_text() == "a file, not a folder\n"


def test_cache_folder_is_ignored_by_git_and_backups(tmp_path):
    root = _site(tmp_path, pages=2)
    _run(root, cache_dir=".claimstrack_cache")
    assert (root / ".claimstrack_cache/.gitignore").read_text().splitlines()[-1] == "*"
    assert (root / ".claimstrack_cache/CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_cli_uses_the_configured_cache_folder_and_no_cache_skips_it(tmp_path, monkeypatch, capsys):
    from claimstrack.cli import main

    root = _site(tmp_path, pages=2)
    monkeypatch.chdir(root)
    assert main(["check", "--no-cache"]) == 1
    assert not (root / ".claimstrack_cache").exists()
    assert main(["check"]) == 1
    assert (root / ".claimstrack_cache").is_dir()
    assert main(["check", "--cache-dir", "elsewhere"]) == 1
    assert (root / "elsewhere/.gitignore").exists()
    (root / "claimstrack.toml").write_text('today = 2026-11-21\ncache-dir = "build/claims-cache"\n')
    first = capsys.readouterr().out
    assert main(["check"]) == 1
    assert (root / "build/claims-cache/.gitignore").exists()
    assert capsys.readouterr().out.splitlines()[-1] == first.splitlines()[-1]


def test_a_warm_run_on_a_terminal_shows_the_lookup_progress(tmp_path, monkeypatch):
    import io

    import claimstrack.progress as progress

    root = _site(tmp_path, pages=progress.MANY_DOCUMENTS + 5)
    _run(root, cache_dir="cache")
    stream = io.StringIO()
    stream.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(progress.sys, "stderr", stream)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("CLAIMSTRACK_NO_PROGRESS", raising=False)
    _run(root, cache_dir="cache", progress=True)
    assert f"{progress.MANY_DOCUMENTS + 7}/{progress.MANY_DOCUMENTS + 7} documents" in stream.getvalue()


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages the cache lookup reads from now on (by shown path)."""
    read: list[str] = []
    original = cache_module.read_bytes
    monkeypatch.setattr(cache_module, "read_bytes", lambda file, shown: (read.append(shown), original(file, shown))[1])
    return read


def test_a_warm_run_does_not_even_read_unchanged_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "SETTLED_SECONDS", 0)  # the pages were written just now
    root = _site(tmp_path)
    _run(root, cache_dir="cache")
    assert (root / f"cache/pages-{cache_module.LAYOUT}/stat-index").is_file()
    page = root / "content/p003.md"
    page.write_text(page.read_text().replace("About 12%", "About 20%"))
    read = _reads(monkeypatch)
    warm = _run(root, cache_dir="cache")
    assert read == ["content/p003.md"]
    assert _outcome(warm) == _outcome(_run(root))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_first_run_reads_each_page_once_and_still_learns_every_key(tmp_path, monkeypatch, workers):
    # With no entry to find, a first run does not read and hash every page here before checking
    # it (one core, while the other waits): the key is made where the page is read and checked,
    # and the stat index learns it from there, so the next run reads no unchanged page.
    monkeypatch.setattr(cache_module, "SETTLED_SECONDS", 0)  # the pages were written just now
    root = _site(tmp_path, pages=6)
    looked_up = _reads(monkeypatch)
    log = tmp_path / "checked.log"  # a file, not a list: the forked workers' reads land here too
    real = engine.read_bytes

    def logged(file: Path, shown: str) -> bytes:
        with open(log, "a", encoding="utf-8") as out:
            out.write(shown + "\n")
        return real(file, shown)

    monkeypatch.setattr(engine, "read_bytes", logged)
    _parallel(monkeypatch, workers)
    cold = _run(root, cache_dir="cache")
    checked = log.read_text(encoding="utf-8").split()
    # each page read once: here, or in a worker
    assert looked_up == [] and len(checked) == len(set(checked)) == 8
    _parallel(monkeypatch, 1)
    log.unlink()
    warm = _run(root, cache_dir="cache")
    assert looked_up == [] and log.read_text(encoding="utf-8").split() == ["content/binary.txt"]  # unreadable, so never cached
    assert _outcome(warm) == _outcome(cold) == _outcome(_run(root))


def test_a_warm_run_stats_a_found_page_once_and_a_linked_page_follows_its_target(tmp_path, monkeypatch):
    # The documents' search has each page's state (lstat) already: the cache takes an unchanged
    # page's key by it instead of stating the page again. A link's own state says nothing of
    # its target's, so the cache states a linked page itself (following the link).
    monkeypatch.setattr(cache_module, "SETTLED_SECONDS", 0)  # the pages were written just now
    root = _site(tmp_path, pages=4)
    target = root / "content/shared/target.txt"
    target.parent.mkdir()
    target.write_text("About 12% of adults in Canada have asthma.\n")
    (root / "content/linked.md").symlink_to(target)
    first = _run(root, cache_dir="cache")
    assert "content/linked.md" in first.paths
    stated: list[str] = []
    real = cache_module._signature
    monkeypatch.setattr(cache_module, "_signature", lambda file: (stated.append(Path(file).name), real(file))[1])
    read = _reads(monkeypatch)
    warm = _run(root, cache_dir="cache")
    assert [name for name in stated if name.endswith(".md")] == ["linked.md"] and read == []
    assert _outcome(warm) == _outcome(first)
    target.write_text("About 20% of adults in Canada have asthma.\n")  # the link's own state is unchanged
    edited = _run(root, cache_dir="cache")
    assert sorted(read) == ["content/linked.md", "content/shared/target.txt"]
    assert _outcome(edited) == _outcome(_run(root)) != _outcome(warm)


def test_a_page_rewritten_with_its_old_size_and_times_is_still_read_again(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(cache_module, "SETTLED_SECONDS", 0)
    root = _site(tmp_path, pages=4)
    page = root / "content/p001.md"
    before = page.stat()
    first = _run(root, cache_dir="cache")
    page.write_text(page.read_text().replace("About 12%", "About 21%"))  # same length
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime set back; ctime cannot be
    assert page.stat().st_size == before.st_size and page.stat().st_mtime_ns == before.st_mtime_ns
    again = _run(root, cache_dir="cache")
    assert _outcome(again) == _outcome(_run(root)) != _outcome(first)


def test_pages_written_just_before_a_run_are_not_remembered_by_their_times(tmp_path, monkeypatch):
    root = _site(tmp_path, pages=3)
    _run(root, cache_dir="cache")  # every page is younger than SETTLED_SECONDS
    read = _reads(monkeypatch)
    _run(root, cache_dir="cache")
    assert sorted(read) == sorted(f"content/{p.name}" for p in (root / "content").iterdir())


@pytest.mark.parametrize("name", ["stat-index", "input-index"])
def test_a_damaged_index_is_ignored(tmp_path, monkeypatch, name):
    monkeypatch.setattr(cache_module, "SETTLED_SECONDS", 0)
    root = _site(tmp_path, pages=3)
    first = _run(root, cache_dir="cache")
    index = root / f"cache/pages-{cache_module.LAYOUT}/{name}"
    index.write_bytes(index.read_bytes()[:30])
    assert _outcome(_run(root, cache_dir="cache")) == _outcome(first)


def test_a_page_with_more_figures_than_the_bound_gets_no_entry_and_is_checked_afresh(tmp_path, monkeypatch):
    # A data export of tens of thousands of figures would leave an entry of tens of megabytes
    # whose pickling costs a cold run a second; such a page is checked on every run instead.
    root = _site(tmp_path, pages=2)
    monkeypatch.setattr(cache_module, "MAX_CACHED_FIGURES", 20)
    (root / "content" / "export.txt").write_text("".join(f"Row {i}: 5% of 25 patients.\n" for i in range(40)))
    cold = _run(root, cache_dir="cache")
    entries = _page_entries(root / "cache")
    assert len(entries) == 3  # the two pages and suppressed.md (binary.txt is unreadable), not the export
    reads = []
    real = page_module.check_page
    monkeypatch.setattr(engine, "check_page", lambda document, *a: reads.append(document.path) or real(document, *a))
    warm = _run(root, cache_dir="cache")
    assert reads == ["content/export.txt"]
    assert _outcome(warm) == _outcome(cold)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "markdown"])
def test_every_output_is_byte_identical_without_cache_cold_warm_and_with_two_workers(tmp_path, monkeypatch, fmt):
    # What a user gets, end to end: the records' trip through bytes (cache and workers) and the
    # writers that write text straight from the findings must not change one byte.
    import claimstrack.render.json_ as json_module
    import claimstrack.render.sarif as sarif_module
    from claimstrack.cli import main

    monkeypatch.setattr(json_module, "PRETTY_LIMIT", 1)  # the large-output writers, on a small site
    monkeypatch.setattr(sarif_module, "PRETTY_LIMIT", 1)
    root = _site(tmp_path)
    monkeypatch.chdir(root)
    outputs = []
    for workers, cache in ((1, "--no-cache"), (1, "--cache-dir=c1"), (1, "--cache-dir=c1"), (2, "--no-cache"),
                           (2, "--cache-dir=c2"), (2, "--cache-dir=c2"), (1, "--cache-dir=c2")):
        _parallel(monkeypatch, workers)
        out = root / f"out-{len(outputs)}"
        assert main(["check", "-q", "--format", fmt, "-o", str(out), cache]) == 1
        outputs.append(out.read_bytes())
    assert len(outputs[0]) > 1000 and all(output == outputs[0] for output in outputs)
    assert len(list((root / "c2").rglob("*.pack"))) >= 2  # the workers' records were cached in their own pack


def test_a_warm_run_does_not_read_unchanged_source_copies_and_an_edited_one_misses(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "SETTLED_SECONDS", 0)  # the copies were written just now
    root = _site(tmp_path, pages=4)
    (root / "sources").mkdir()
    copies = {name: root / "sources" / name for name in ("lipton2007.txt", "other.txt")}
    copies["lipton2007.txt"].write_text("An estimated 39 million people in the United States have migraine.\n")
    copies["other.txt"].write_text("Nothing cited.\n")
    _run(root, cache_dir="cache")
    assert (root / f"cache/pages-{cache_module.LAYOUT}/input-index").is_file()
    hashed: list[str] = []
    original = cache_module.file_digest
    monkeypatch.setattr(cache_module, "file_digest", lambda file: (hashed.append(file.name), original(file))[1])
    checked: list[str] = []
    original_page = page_module.check_page
    monkeypatch.setattr(engine, "check_page", lambda d, m, c: (checked.append(d.path), original_page(d, m, c))[1])
    _run(root, cache_dir="cache")
    assert hashed == [] and checked == []  # nothing read again, every page from the cache
    copies["other.txt"].write_text("Nothing cited, edited.\n")
    edited = _run(root, cache_dir="cache")
    assert hashed == ["other.txt"] and len(checked) == 5  # its digest changed: every page misses
    assert _outcome(edited) == _outcome(_run(root))


def test_the_settings_digest_is_the_same_whether_inputs_are_read_or_remembered(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "SETTLED_SECONDS", 0)
    root = _site(tmp_path, pages=3)
    _run(root, cache_dir="cache")
    assert (root / f"cache/pages-{cache_module.LAYOUT}/input-index").is_file()
    digests = [cache_module.settings_digest(engine.load_project_config(root=root), [root / "references.bib"], folder)
               for folder in (None, root / "cache")]
    assert digests[0] == digests[1]  # the same digest whether the bytes are read or remembered


def _measure(page: int, millions: int) -> str:
    return (f"# Page {page}\n\nAn estimated {millions} million people in the United States have migraine "
            "[@lipton2007].\n\nOur infusions are clinically proven to stop attacks.\n")


def _declared(report) -> set[tuple[str, str]]:
    return {(f.code, f.path) for f in report.findings if f.code in ("CT201", "CT202", "CT203")}


def test_reused_measure_findings_follow_edits_that_change_the_majority_and_a_removed_page(tmp_path, monkeypatch):
    # The uses of a declared measure keep their findings between runs (checks.reuse): whatever
    # changes the uses (an outlier, a flipped majority, a page removed) must give the findings
    # a run without the cache gives, with one worker and with two.
    root = _site(tmp_path, pages=8)
    for workers in (1, 2):
        _parallel(monkeypatch, workers)
        cache = f"cache-{workers}"
        for i in range(8):
            (root / f"content/p{i:03}.md").write_text(_measure(i, 39))
        assert not _declared(_run(root, cache_dir=cache))
        (root / "content/p001.md").write_text(_measure(1, 60))
        outlier = _run(root, cache_dir=cache)
        assert _outcome(outlier) == _outcome(_run(root))
        assert ("CT201", "content/p001.md") in _declared(outlier) and ("CT201", "content/p002.md") not in _declared(outlier)
        for i in range(2, 7):
            (root / f"content/p{i:03}.md").write_text(_measure(i, 60))
        flipped = _run(root, cache_dir=cache)
        assert _outcome(flipped) == _outcome(_run(root))
        assert ("CT201", "content/p000.md") in _declared(flipped) and ("CT201", "content/p001.md") not in _declared(flipped)
        (root / "content/p000.md").unlink()
        (root / "content/p007.md").unlink()
        removed = _run(root, cache_dir=cache)
        assert _outcome(removed) == _outcome(_run(root))
        assert {code for code, _ in _declared(removed)} == {"CT203"}  # the pages off the canonical value, no outlier
        (root / "content/p000.md").write_text(_measure(0, 39))
        (root / "content/p007.md").write_text(_measure(7, 39))


def test_reused_measure_findings_follow_a_changed_setting(tmp_path):
    root = _site(tmp_path, pages=6)
    for i, millions in enumerate((39, 39, 39, 42, 39, 39)):
        (root / f"content/p{i:03}.md").write_text(_measure(i, millions))
    strict = _run(root, cache_dir="cache")
    assert ("CT202", "content/p003.md") in _declared(strict)
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n[tolerance]\ndiffer = 0.5\napproximate = 0.5\n")
    lenient = _run(root, cache_dir="cache")
    assert _outcome(lenient) == _outcome(_run(root))
    assert not _declared(lenient)
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n")
    assert _outcome(_run(root, cache_dir="cache")) == _outcome(strict)


def test_a_warm_run_compares_only_the_measures_a_changed_page_uses(tmp_path, monkeypatch):
    import claimstrack.checks.consistency_rules as rules

    root = _site(tmp_path, pages=6)
    europe = CLAIMS.replace("schema = 1\n", "").replace("us-", "eu-").replace("the United States", "Europe")
    (root / "claims/claims.toml").write_text(CLAIMS + europe.replace("39000000", "41000000").replace("39 million", "41 million"))
    for i in range(6):
        (root / f"content/p{i:03}.md").write_text(_measure(i, 39) + "\nAn estimated 41 million people in Europe have "
                                                  "migraine [@lipton2007].\n")
    cold = _run(root, cache_dir="cache")
    assert {key for page in cold.pages for key in page.uses.measures()} == {"eu-migraine-prevalence", "us-migraine-prevalence"}
    compared: list[str] = []
    original = rules._measure_findings
    monkeypatch.setattr(rules, "_measure_findings", lambda ctx, key, pages: (compared.append(key),
                                                                               original(ctx, key, pages))[1])
    assert _outcome(_run(root, cache_dir="cache")) == _outcome(cold) and compared == []
    (root / "content/p002.md").write_text(_measure(2, 45))  # it no longer states the European figure
    edited = _run(root, cache_dir="cache")
    assert sorted(compared) == ["eu-migraine-prevalence", "us-migraine-prevalence"]
    compared.clear()
    (root / "content/p003.md").write_text(_measure(3, 39) + "\nPlain words.\n")  # its US figure as it was
    again = _run(root, cache_dir="cache")
    assert compared == ["eu-migraine-prevalence"]
    assert _outcome(edited) != _outcome(cold) and _outcome(again) == _outcome(_run(root))


class _Tally:
    """Lines appended to a file: what a check did, seen whether it ran in this process or in
    a forked one beside it (CT210 on a site of many pages: `parallel.Beside`)."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def add(self, line: str) -> None:
        with self.file.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    def lines(self) -> list[str]:
        return self.file.read_text(encoding="utf-8").split() if self.file.exists() else []

    def clear(self) -> None:
        self.file.unlink(missing_ok=True)


def _watch_inferred(monkeypatch: pytest.MonkeyPatch, folder: Path) -> tuple[_Tally, _Tally]:
    """Count CT210's groupings (all pages' readings grouped) and the groups it compares (ids)."""
    import claimstrack.checks.consistency_rules as rules
    from claimstrack.checks.context import InferredGroups

    grouped, compared = _Tally(folder / "grouped"), _Tally(folder / "compared")
    groups, findings = InferredGroups.groups, rules._group_findings

    def grouping(self):  # type: ignore[no-untyped-def]
        if self._groups is None:
            grouped.add("grouped")
        return groups(self)

    monkeypatch.setattr(InferredGroups, "groups", grouping)
    monkeypatch.setattr(rules, "_group_findings", lambda ctx, group: (compared.add(group.id), findings(ctx, group))[1])
    return grouped, compared


def _inferred(report) -> set[tuple[str, int]]:
    return {(f.path, f.line) for f in report.findings if f.code == "CT210"}


def _asthma(page: int, share: int, before: str = "") -> str:
    return (f"# Page {page}\n\n{before}About {share}% of adults in Canada have asthma.\n\n"
            f"Nearly {40 + page % 2} million people worldwide have eczema.\n")


def test_reused_inferred_measure_findings_follow_an_edit_and_a_rejected_group(tmp_path, monkeypatch):
    # CT210 groups across every page: the grouping is reused only when no page's readings
    # changed in what grouping reads, and a group's findings only when none of its pages changed.
    root = _site(tmp_path, pages=10)
    cold = _run(root, cache_dir="cache")
    inferred = [f for f in cold.findings if f.code == "CT210"]
    assert inferred
    grouped, compared = _watch_inferred(monkeypatch, tmp_path)
    assert _outcome(_run(root, cache_dir="cache")) == _outcome(cold) and not grouped.lines() and not compared.lines()
    page = root / "content/p001.md"
    page.write_text(page.read_text().replace("About 12%", "About 20%"))
    edited = _run(root, cache_dir="cache")
    assert grouped.lines() and compared.lines() and _outcome(edited) == _outcome(_run(root))
    assert {f.path for f in edited.findings if f.code == "CT210"} != {f.path for f in inferred}
    (root / "rejected-groups.toml").write_text(f'[[rejected]]\ngroup = "{inferred[0].measure}"\n')
    rejected = _run(root, cache_dir="cache")
    assert _outcome(rejected) == _outcome(_run(root))
    assert not [f for f in rejected.findings if f.code == "CT210" and f.measure == inferred[0].measure]


@pytest.mark.parametrize("workers", [1, 2])
def test_reused_inferred_groups_follow_moved_figures_a_flipped_majority_a_removed_page_and_a_setting(
        tmp_path, monkeypatch, workers):
    root = _site(tmp_path, pages=0)
    _parallel(monkeypatch, workers)
    for i, share in enumerate([12, 12, 12, 12, 20, 20, 12, 12]):
        (root / f"content/p{i:03}.md").write_text(_asthma(i, share))
    assert _inferred(_run(root, cache_dir="cache")) == {("content/p004.md", 3), ("content/p005.md", 3)}
    grouped, compared = _watch_inferred(monkeypatch, tmp_path)

    def cached_then_fresh():  # type: ignore[no-untyped-def]
        cached = _run(root, cache_dir="cache")
        seen = (bool(grouped.lines()), compared.lines())
        assert _outcome(cached) == _outcome(_run(root))
        grouped.clear()
        compared.clear()
        return cached, seen

    # Words added before a page's figures move them (other lines and columns, other sites):
    # the grouping stands, and only the groups with a figure on that page are compared again.
    (root / "content/p004.md").write_text(_asthma(4, 20, before="Truly, our team agrees.\n\n"))
    moved, (regrouped, again) = cached_then_fresh()
    assert not regrouped and len(again) == len(set(again)) == 2  # asthma and eczema
    assert _inferred(moved) == {("content/p004.md", 5), ("content/p005.md", 3)}
    # The majority flips: what the figures say changed, so every page is grouped again.
    for i in (0, 1, 2):
        (root / f"content/p{i:03}.md").write_text(_asthma(i, 20))
    flipped, (regrouped, _) = cached_then_fresh()
    assert regrouped and ("content/p006.md", 3) in _inferred(flipped) and ("content/p004.md", 5) not in _inferred(flipped)
    # A figure that moves to another group (children, not adults) takes its disagreement along.
    (root / "content/p006.md").write_text(_asthma(6, 12).replace("adults", "children"))
    moved_out, (regrouped, _) = cached_then_fresh()
    assert regrouped and ("content/p006.md", 3) not in _inferred(moved_out)
    (root / "content/p007.md").unlink()
    removed, (regrouped, _) = cached_then_fresh()
    assert regrouped and _inferred(removed) == {("content/p003.md", 3)}
    (root / "content/p007.md").write_text(_asthma(7, 12))
    assert ("content/p007.md", 3) in _inferred(cached_then_fresh()[0])
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n[tolerance]\ndiffer = 0.9\napproximate = 0.9\n")
    assert not _inferred(cached_then_fresh()[0])
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n")
    assert _inferred(cached_then_fresh()[0]) == {("content/p003.md", 3), ("content/p007.md", 3)}


def test_ct210_runs_beside_only_when_the_pages_must_be_grouped_again(tmp_path, monkeypatch):
    # A forked copy groups CT210 on a large site while this process runs the other checks; when
    # the cache keeps the grouping (a warm run, an edit that only moves figures) the few groups
    # compared again cost less than the fork, so they are compared here.
    import claimstrack.checks.runner as runner

    root = _site(tmp_path, pages=0)
    for i, share in enumerate([12, 12, 12, 12, 20, 20, 12, 12]):
        (root / f"content/p{i:03}.md").write_text(_asthma(i, share))
    _parallel(monkeypatch, 2)
    forks: list[str] = []
    beside = runner.Beside
    monkeypatch.setattr(runner, "Beside", lambda compute: (forks.append("fork"), beside(compute))[1])

    def forked_for(expected: list[str]) -> None:
        cached = _run(root, cache_dir="cache")
        assert forks == expected
        assert _outcome(cached) == _outcome(_run(root)) and len(forks) == len(expected) + 1  # no cache: forked
        forks.clear()

    forked_for(["fork"])  # cold: nothing kept
    forked_for([])  # warm
    (root / "content/p004.md").write_text(_asthma(4, 20, before="Truly, our team agrees.\n\n"))
    forked_for([])  # the figures moved: the grouping stands
    (root / "content/p000.md").write_text(_asthma(0, 20))
    forked_for(["fork"])  # what a figure says changed: every page grouped again


def test_a_page_the_cache_does_not_keep_is_compared_afresh_not_written_out_to_be_hashed(tmp_path, monkeypatch):
    # A page over the figures bound has no entry, so its readings are never bytes: the stages it
    # is part of are computed (as without a cache) rather than its readings written out only to
    # name them; those it is not part of are still reused.
    import claimstrack.checks.records as records

    root = _site(tmp_path, pages=6)
    monkeypatch.setattr(cache_module, "MAX_CACHED_FIGURES", 20)
    (root / "content" / "export.txt").write_text("".join(f"Row {i}: About 20% of adults in Canada have asthma.\n"
                                                         for i in range(30)))
    cold = _run(root, cache_dir="cache")
    written: list[int] = []
    encode = records._written
    monkeypatch.setattr(records, "_written", lambda readings: (written.append(len(readings)), encode(readings))[1])
    grouped, _ = _watch_inferred(monkeypatch, tmp_path)
    warm = _run(root, cache_dir="cache")
    assert grouped.lines() == ["grouped"] and not [count for count in written if count]
    assert _outcome(warm) == _outcome(cold) == _outcome(_run(root))
    assert any(page.path == "content/export.txt" and page.readings for page in warm.pages)  # part of CT210's stage


@pytest.mark.parametrize("cache_dir", ["sources/cache", "sources/.cache"])
def test_a_cache_folder_inside_the_source_copies_leaves_a_warm_run_warm(tmp_path, monkeypatch, cache_dir):
    # The source copies are part of every page's key; the cache's own files are not source
    # copies, or each run would change the key the next one looks for (and every run be cold).
    root = _site(tmp_path, pages=4)
    (root / "sources").mkdir()
    (root / "sources" / "lipton2007.txt").write_text("About 39 million people have migraine.\n", encoding="utf-8")
    _run(root, cache_dir=cache_dir)
    checked: list[str] = []
    original = page_module.check_page
    monkeypatch.setattr(engine, "check_page", lambda d, m, c: (checked.append(d.path), original(d, m, c))[1])
    _run(root, cache_dir=cache_dir)
    assert checked == []
    (root / "sources" / "lipton2007.txt").write_text("About 40 million people have migraine.\n", encoding="utf-8")
    _run(root, cache_dir=cache_dir)
    assert len(checked) == 5  # a source copy changed: every readable page again
