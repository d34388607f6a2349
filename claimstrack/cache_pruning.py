"""Keeping the per-page cache bounded: `clean_cache` removes it (`claimstrack clean`), and a run
prunes it as it ends (`cache_in_use`), as pre-commit's `gc` and ccache's cleanup do.

A run holds a shared lock on the cache folder while it reads and writes there. When it ends it
prunes, at most once every `PRUNE_EVERY` (the age of the `last-pruned` stamp in the folder) and
only when it can take the lock exclusively at once, that is when no other run is reading or
writing the folder (it never waits for one). Pruning removes what no run has used for
`MAX_UNUSED`:

- the folders of other settings digests and of other entry layouts (another configuration, an
  older claimstrack, another Python), judged by the newest modification time in their folder
  tree (every run marks its own settings folder, and a pack or index written, a new file or one
  renamed into place, marks the folder it is in);
- in the run's own settings folder, the pack files (`claimstrack.cache`) written more than
  `MAX_UNUSED` ago: the page results, pages' lines and reused site-wide findings of page versions since edited,
  of pages since removed, of another branch not checked out for a week;
- temporary files that an interrupted write left behind more than an hour ago.

The entries the run used that lie in a pack more than half `MAX_UNUSED` old are carried into the
run's own new pack (written again), so that they stay as long as a pack written now, and a pack
whose every entry was carried goes at once. Every step is best effort:
a cache only saves time, so what cannot be removed stays, and a removed entry is only a miss.
Where the platform has no `flock` (Windows), runs do not prune; `clean_cache` still works.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from claimstrack.cache import LAYOUT, SITE_PREFIX, PageCache
from claimstrack.errors import UsageError
from claimstrack.globs import CACHE_SIGNATURE, CACHE_TAG
from claimstrack.locking import LOCK_TIMEOUT, wait_for_lock

#: How often a run prunes the cache folder, in seconds (the age of its `last-pruned` stamp).
PRUNE_EVERY = 24 * 3600.0
#: What no run has used for this long is removed when a run prunes, in seconds.
MAX_UNUSED = 7 * 24 * 3600.0
#: A temporary file (an entry being written) older than this was left by an interrupted run.
ABANDONED_WRITE = 3600.0
#: The file whose modification time says when the folder was last pruned.
STAMP = "last-pruned"


@contextlib.contextmanager
def cache_in_use(cache: PageCache, *, now: float | None = None) -> Iterator[None]:
    """Hold the cache folder for a run (a shared lock) while the block runs; when the block
    ends without an error, prune the folder if it is due and no other run holds it.
    `now` is the clock pruning compares ages with (tests move it)."""
    descriptor = _open_folder(cache.root)
    try:
        if descriptor is not None and not _lock(descriptor, shared=True, timeout=LOCK_TIMEOUT):
            os.close(descriptor)
            descriptor = None  # held by a clean for too long: the run goes on without pruning
        with contextlib.suppress(OSError):
            os.utime(cache.folder)  # this settings folder is in use
        yield
        if descriptor is not None and _due(cache.root, time.time() if now is None else now):
            if _lock(descriptor, shared=False, timeout=0.0):
                prune(cache, now=now)
    finally:
        if descriptor is not None:
            os.close(descriptor)  # closing releases the lock


def prune(cache: PageCache, *, now: float | None = None) -> None:
    """Remove from `cache`'s folder what no run has used for `MAX_UNUSED` (see the module's
    docstring), carrying the entries this run used out of packs about to go. The caller holds the
    folder exclusively."""
    moment = time.time() if now is None else now
    _stamp(cache.root / STAMP, moment)
    layout = cache.root / f"pages-{LAYOUT}"
    stale = [
        *(entry for entry in _folders(cache.root) if entry.name.startswith("pages-") and entry.path != str(layout)),
        *(entry for entry in _folders(layout) if entry.path != str(cache.folder)),
    ]
    for entry in stale:
        if _newest_change(Path(entry.path), depth=4) < moment - MAX_UNUSED:
            shutil.rmtree(entry.path, ignore_errors=True)
    _prune_packs(cache, moment)
    for folder in (layout, cache.folder):
        _remove_abandoned(folder, moment)


def clean_cache(folder: str | os.PathLike[str], *, shown: str | None = None) -> bool:
    """Remove the cache `folder` (`claimstrack clean`); False when there is none. UsageError when
    `folder` is not a claimstrack cache (it has no CACHEDIR.TAG of claimstrack's, and is not
    empty) or another run held it for longer than `LOCK_TIMEOUT`; OSError when it cannot be
    removed. Messages name the folder as `shown` (default: as given)."""
    root = Path(folder)
    shown = root.as_posix() if shown is None else shown
    if not root.is_dir():
        return False
    if not _is_claimstrack_cache(root):
        raise UsageError(f"{shown} is not a claimstrack cache folder (it holds no claimstrack "
                         f"{CACHE_TAG}): not removed")
    descriptor = _open_folder(root)
    try:
        if descriptor is not None and not _lock(descriptor, shared=False, timeout=LOCK_TIMEOUT):
            raise UsageError(f"another claimstrack run is using the cache folder {shown}; "
                             f"waited {LOCK_TIMEOUT:g} s: not removed")
        shutil.rmtree(root)
    finally:
        if descriptor is not None:
            os.close(descriptor)
    return True


def _is_claimstrack_cache(root: Path) -> bool:
    """Whether `root` holds claimstrack's CACHEDIR.TAG, or nothing at all."""
    try:
        return (root / CACHE_TAG).read_bytes().startswith(CACHE_SIGNATURE) or not any(root.iterdir())
    except OSError:
        return not any(root.iterdir())


def _open_folder(root: Path) -> int | None:
    """A descriptor of the folder to lock, or None where it is missing or locks are not to be had."""
    try:
        import fcntl  # noqa: F401 - only its presence matters here
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        return os.open(root, os.O_RDONLY)
    except OSError:
        return None


def _lock(descriptor: int, *, shared: bool, timeout: float) -> bool:
    """Take the lock on `descriptor` (shared or exclusive), waiting up to `timeout` seconds."""
    import fcntl

    try:
        return wait_for_lock(descriptor, fcntl.LOCK_SH if shared else fcntl.LOCK_EX, timeout)
    except OSError:  # a file system without locks
        return False


def _due(root: Path, now: float) -> bool:
    """Whether the folder was last pruned more than `PRUNE_EVERY` ago. A folder never pruned is
    stamped now and pruned a period later: nothing in a new cache is old."""
    try:
        return (root / STAMP).stat().st_mtime < now - PRUNE_EVERY
    except FileNotFoundError:
        _stamp(root / STAMP, now)
        return False
    except OSError:
        return False


def _stamp(file: Path, moment: float) -> None:
    with contextlib.suppress(OSError):
        file.touch()
        os.utime(file, (moment, moment))


def _folders(folder: Path) -> list[os.DirEntry[str]]:
    """The folders directly in `folder` (none when it cannot be listed)."""
    try:
        with os.scandir(folder) as entries:
            return [entry for entry in entries if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _newest_change(folder: Path, depth: int) -> float:
    """The newest modification time of `folder` and the folders below it, `depth` levels down:
    creating a pack, renaming an index into place or marking a settings folder in use changes it
    (appending to a pack does not: a run that writes creates a pack of its own)."""
    try:
        newest = folder.stat().st_mtime
    except OSError:
        return float("inf")  # cannot tell: keep it
    if depth > 0:
        for entry in _folders(folder):
            newest = max(newest, _newest_change(Path(entry.path), depth - 1))
    return newest


def _prune_packs(cache: PageCache, now: float) -> None:
    """Remove the packs of `cache`'s settings folder written more than `MAX_UNUSED` ago, after
    carrying the entries this run used from every pack more than half that old into its own."""
    for pack in cache.pack_files():
        with contextlib.suppress(OSError):
            written = pack.stat().st_mtime
            if written >= now - MAX_UNUSED / 2:
                continue
            names = cache.names_in(pack)
            used = [name for name in names if name.removeprefix(SITE_PREFIX) in cache.used]
            if cache.carry(used) and (written < now - MAX_UNUSED or len(used) == len(names)):
                os.unlink(pack)


def _remove_abandoned(folder: Path, now: float) -> None:
    """Remove the temporary files in `folder` (a write in progress, or one a crash left) older
    than `ABANDONED_WRITE`."""
    try:
        with os.scandir(folder) as listing:
            entries = [entry for entry in listing if entry.name.startswith(".") and entry.is_file()]
    except OSError:
        return
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.stat(follow_symlinks=False).st_mtime < now - ABANDONED_WRITE:
                os.unlink(entry.path)
