"""Finding the documents to read: paths given on the command line, or globs from the config."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from claimstrack.atomic import is_temporary
from claimstrack.documents.read import READABLE_SUFFIXES
from claimstrack.errors import Problem, UsageError
from claimstrack.globs import glob_root, matches_any, search
from claimstrack.model import Location
from claimstrack.paths import ALLOW_HINT, outside_root, why_not_a_file

#: Files a directory search picks up: every format there is a reader for.
DEFAULT_GLOBS = tuple(f"*{suffix}" for suffix in READABLE_SUFFIXES)


@attrs.frozen
class Skipped:
    """A path a search matched that is not read, and why (reported, never passed in silence)."""

    path: Path
    reason: str


@attrs.frozen
class Discovery:
    """The documents a search found, and what it matched but cannot read."""

    files: list[Path]
    skipped: list[Skipped] = attrs.Factory(list)
    #: the state each of `files` was found in, in the same order: a searched folder's file's
    #: (`os.lstat`; None for a link, whose own state says nothing of its target's), a file named
    #: outright's through links (`os.stat`); empty when the search kept none. The cache tells an
    #: unchanged page by it, so that a page is stat'ed once a run, not once more there.
    states: list[os.stat_result | None] = attrs.Factory(list)


def discover_documents(
    paths: Sequence[str | Path],
    include: Sequence[str] = DEFAULT_GLOBS,
    exclude: Sequence[str] = (),
) -> list[Path]:
    """The documents under `paths`, sorted and without duplicates.

    A file is taken whatever its extension; a directory is searched recursively for files
    matching `include` (skipping hidden directories, node_modules, .git, .venv, caches and what
    `exclude` leaves out whole) and not matching `exclude`. Patterns without "/" match a file name; with "/" the path relative to the
    directory searched ("drafts/**"). A missing path raises UsageError. See `search_paths`
    for what a search matched but cannot read.
    """
    return search_paths(paths, include, exclude).files


def search_paths(
    paths: Sequence[str | Path],
    include: Sequence[str] = DEFAULT_GLOBS,
    exclude: Sequence[str] = (),
    *,
    root: Path | None = None,
) -> Discovery:
    """`discover_documents` with what it skipped: links that are broken, loop or (with `root`
    given) lead outside `root`, FIFOs and devices, unreadable folders.

    A path named outright that cannot be read raises UsageError; one outside `root` too.
    """
    found: list[Path] = []
    states: list[os.stat_result | None] = []
    skipped: list[Skipped] = []
    for given in paths:
        path = Path(given)
        if root is not None and (real := outside_root(path, root)) is not None:
            why = f"outside the project root {root.as_posix()} (it is {real.as_posix()}); {ALLOW_HINT}"
            raise UsageError(f"{given}: {why}", [Problem(Location(str(given)), why)])
        state = _followed_state(path)  # once: the cache tells an unchanged file by it
        if state is not None and stat.S_ISREG(state.st_mode):
            found.append(path)
            states.append(state)
        elif state is not None and stat.S_ISDIR(state.st_mode):
            for candidate in _search(path, include, exclude, skipped):
                _take(candidate, root, found, skipped, states)
        else:
            why = _why_not_readable(path)
            raise UsageError(
                f"{given}: {why}",
                [Problem(Location(str(given)), why)],
            )
    files, kept = _sorted_unique_with(found, states)
    return Discovery(files, _unique_skipped(skipped), kept)


def _followed_state(path: Path) -> os.stat_result | None:
    """The state of the file `path` names, through links (None when there is none to be had)."""
    try:
        return path.stat()
    except (OSError, ValueError):  # ValueError: a path the system cannot take (a NUL in it)
        return None


def _why_not_readable(path: Path) -> str:
    """What a path given as a document is instead: missing, a symlink loop, a FIFO, ..."""
    why = why_not_a_file(path)
    if why == "does not exist":
        return "no such file or directory"
    if why == "is not a regular file":
        return "not a regular file or directory"
    return (why or "not readable").removeprefix("is ")


def discover_from_globs(
    root: str | Path, include: Sequence[str], exclude: Sequence[str] = ()
) -> list[Path]:
    """Files under `root` matching any `include` glob ("content/**/*.md") and no `exclude`
    glob. See `search_globs` for what they matched but cannot read."""
    return search_globs(root, include, exclude).files


def search_globs(
    root: str | Path, include: Sequence[str], exclude: Sequence[str] = (), *, confine: bool = False
) -> Discovery:
    """`discover_from_globs` with what the globs matched but cannot read: broken links, link
    loops, FIFOs and devices, folders named like documents, folders that cannot be listed and,
    when `confine`, links that lead outside `root`."""
    base = Path(root)
    if not base.is_dir():
        raise UsageError(
            f"{root}: the documents root is not a directory",
            [Problem(Location(str(root)), "the documents root is not a directory")],
        )
    found: list[Path] = []
    states: list[os.stat_result | None] = []
    skipped: list[Skipped] = []
    for path in _glob_walk(base, include, exclude, skipped):
        _take(path, base if confine else None, found, skipped, states)
    files, kept = _sorted_unique_with(found, states)
    return Discovery(files, _unique_skipped(skipped), kept)


def _glob_walk(base: Path, include: Sequence[str], exclude: Sequence[str], skipped: list[Skipped]) -> Iterator[Path]:
    """What the `include` globs match below `base` and `exclude` leaves, outside hidden folders,
    node_modules and the like that no glob names, and not our temporary files. A folder that
    cannot be listed goes to `skipped` unless `exclude` leaves it out anyway."""
    for relative in search(base, include, prune=exclude, unlistable=_unlistable_to(base, exclude, skipped)):
        name = relative.rsplit("/", 1)[-1]
        if not (is_temporary(name) or matches_any(relative, exclude)):
            yield base / relative


def _unlistable_to(base: Path, exclude: Sequence[str], skipped: list[Skipped] | None) -> Callable[[Path, OSError], None]:
    """What a search does with a folder it cannot list: into `skipped` (when given), unless
    `exclude` leaves it out anyway."""

    def unlistable(folder: Path, error: OSError) -> None:
        if skipped is not None and not matches_any(folder.relative_to(base).as_posix(), exclude):
            skipped.append(_unlistable_folder(folder, error))

    return unlistable


def unreadable_reason(path: Path, root: Path | None) -> str | None:
    """Why `path` cannot be read as a document (None when it can): a broken link, a link loop,
    a folder, a FIFO or device, or (with `root`) a link that leads outside `root`."""
    return _reason_and_state(path, root)[0]


def _reason_and_state(path: Path, root: Path | None) -> tuple[str | None, os.stat_result | None]:
    """`unreadable_reason`, and the file's state when it can be read and is no link."""
    state: os.stat_result | None = None
    try:
        state = path.lstat()
        mode = state.st_mode
        if stat.S_ISLNK(mode):
            state = None  # the link's own, not its target's
            target = path.resolve(strict=True)
            if root is not None and (real := outside_root(path, root)) is not None:
                return f"links outside the project root (to {real.as_posix()}); {ALLOW_HINT}", None
            mode = target.stat().st_mode
    except (RuntimeError, OSError) as error:
        return _unreachable(path, error), None
    if stat.S_ISDIR(mode):
        return "a folder, not a document", None
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        return f"not a regular file ({kind})", None
    return None, state


def _unreachable(path: Path, error: RuntimeError | OSError) -> str:
    """Why a path's file cannot be reached: a link loop (resolve raises RuntimeError for one), a
    broken link, nothing there, or the error the system gave."""
    if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:
        return "a symlink loop: the link never reaches a file"
    if isinstance(error, FileNotFoundError):
        if path.is_symlink():
            return f"a broken symlink: its target {os.readlink(path)} does not exist"
        return "no such file or directory"
    return f"cannot read it: {error.strerror or error}"


def _take(path: Path, root: Path | None, found: list[Path], skipped: list[Skipped],
          states: list[os.stat_result | None] | None = None) -> None:
    """Add a matched path to the documents (and its state, None for a link, to `states` when
    given), or to what is skipped with its reason. A folder is reported only when it is named
    like a document ("x.txt"); "content/**" matches folders too."""
    reason, state = _reason_and_state(path, root)
    if reason is None:
        found.append(path)
        if states is not None:
            states.append(state)
    elif not (reason.startswith("a folder") and not _readable(path)):
        skipped.append(Skipped(path, reason))


def _unique_skipped(skipped: Iterable[Skipped]) -> list[Skipped]:
    unique: dict[str, Skipped] = {}
    for item in skipped:
        unique.setdefault(os.path.normpath(item.path), item)
    return [unique[key] for key in sorted(unique)]


def left_out_documents(
    root: str | Path, include: Sequence[str], exclude: Sequence[str], taken: Iterable[Path]
) -> list[Path]:
    """Readable files the `include` globs leave out, so a check can say what it did not read.

    Looked for below each glob's root directory (`glob_root`), as `search` walks (a folder
    `exclude` leaves out whole is not listed); a glob rooted at the project itself ("**/*.md")
    looks only beside the documents it took, not through the whole repository. A file `exclude`
    names was left out on purpose and is not listed.
    """
    base = Path(root)
    taken_keys = {os.path.normpath(path) for path in taken}
    roots = {glob_root(pattern) for pattern in include}
    beside = {Path(key).parent for key in taken_keys} if "" in roots else set()
    candidates: list[Path] = []
    below = [f"{folder}/**" for folder in sorted(roots) if folder]
    for relative in search(base, below, prune=exclude) if below else ():
        if os.path.normpath(os.path.join(base, relative)) in taken_keys:
            continue  # taken: nearly every file is, and that test is cheaper than a Path and a stat
        path = base / relative
        if _readable(path) and not is_temporary(path.name) and not path.is_dir():
            candidates.append(path)
    for directory in sorted(beside):
        candidates.extend(p for p in directory.iterdir()
                          if os.path.normpath(p) not in taken_keys and _readable(p) and p.is_file())
    left_out = [path for path in candidates if not matches_any(path.relative_to(base).as_posix(), exclude)]
    return _sorted_unique(left_out)


def _search(directory: Path, include: Sequence[str], exclude: Sequence[str],
            skipped: list[Skipped] | None = None) -> Iterable[Path]:
    for path in _walk(directory, exclude, skipped):
        relative = path.relative_to(directory).as_posix()
        if matches_any(relative, include) and not matches_any(relative, exclude):
            yield path


def _walk(directory: Path, exclude: Sequence[str] = (), skipped: list[Skipped] | None = None) -> Iterable[Path]:
    """Every file and folder below `directory` (`search` for "**": not in hidden directories,
    node_modules, .git, .venv, caches, nor folders `exclude` leaves out whole), but claimstrack's
    own in-progress temporary files (an output being written, never a document); folders that
    cannot be listed go to `skipped` when given, unless `exclude` leaves them out."""
    for relative in search(directory, ["**"], prune=exclude, unlistable=_unlistable_to(directory, exclude, skipped)):
        if not is_temporary(relative.rsplit("/", 1)[-1]):
            yield directory / relative


def _unlistable_folder(folder: Path, error: OSError) -> Skipped:
    """A folder a search could not list, and the system's reason."""
    reason = str(error.strerror or error).lower()
    return Skipped(folder, f"cannot list the folder: {reason}; documents in it are not checked")


def _readable(path: Path) -> bool:
    return path.suffix.lower() in READABLE_SUFFIXES


def _sorted_unique(paths: Iterable[Path]) -> list[Path]:
    found = list(paths)
    return _sorted_unique_with(found, [None] * len(found))[0]


def _sorted_unique_with(paths: Sequence[Path], states: Sequence[os.stat_result | None]
                        ) -> tuple[list[Path], list[os.stat_result | None]]:
    """The paths sorted, each once (the first of those that name the same file), and each
    one's state (`states`, in the order of `paths`) with it."""
    unique: dict[str, tuple[Path, os.stat_result | None]] = {}
    for path, state in zip(paths, states, strict=True):
        unique.setdefault(os.path.normpath(path), (path, state))
    ordered = [unique[key] for key in sorted(unique)]
    return [path for path, _ in ordered], [state for _, state in ordered]
